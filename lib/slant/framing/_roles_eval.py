"""Framing stage, roles evaluation: the clause patterns of :mod:`._roles` against annotated roles.

Input: the Narrative Frames corpus (Frermann et al. 2023; ``articles_metadata.tsv`` and
``role_and_frame_annoations.tsv``: 1,944 rows of article, entity string, role hero / villain /
victim). Output: macro-F1 of the patterns and of two baselines with bootstrap 95 % intervals
over articles, and the coverage (:func:`evaluate_roles`).

The texts are climate news, whose actors no bundled lexicon lists: the actor spans are the
annotated entity strings themselves, found in their article's text (:func:`entity_spans`), and
the same clause patterns read their roles. Each annotated row is predicted by the majority of
its entity's mention roles in that article; an entity no pattern fired for gets the majority
class (``patterns``) or is left out (``patterns_covered``). Baselines: every row the majority
class (``majority``); ``violent_subject``: villain when the entity is the agent of a harm verb
or noun in any mention, else victim (the most frequent other role).

References
----------
Frermann, L., Li, J., Khanehzar, S. & Mikolajczak, G. (2023). Conflicts, Villains,
Resolutions: Towards models of Narrative Media Framing. ACL 2023, 8712-8732.
Efron, B. & Tibshirani, R. (1993). An Introduction to the Bootstrap (percentile intervals).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score

from ._roles import ROLES, RolePatterns, RolesError, find_roles, load_role_patterns

__all__ = ["ROLE_EVAL_COLUMNS", "entity_spans", "evaluate_roles", "load_narrative_roles",
           "predict_entity_roles"]

#: One row per method: macro-F1 over the rows it predicts, its percentile bootstrap interval,
#: the rows and articles it covers.
ROLE_EVAL_COLUMNS = ["method", "macro_f1", "low", "high", "rows", "articles"]
#: Resamples of articles for the intervals (percentile bootstrap).
N_BOOT = 1000
#: Tie-break order of roles when an entity's mention roles are tied: the corpus's frequency
#: order (villain 754, victim 642, hero 548 rows).
TIE_ORDER = ("villain", "victim", "hero")


def load_narrative_roles(folder: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(articles, entities)`` of the Narrative Frames corpus: articles with ``id``, ``outlet``,
    ``camp`` (the MBFC class), ``text``, ``language``; entities with ``id``, ``entity``, ``role``.

    Raises
    ------
    RolesError
        A file missing; the message names it.
    """
    folder = Path(folder)
    files = [folder / "articles_metadata.tsv", folder / "role_and_frame_annoations.tsv"]
    for f in files:
        if not f.is_file():
            raise RolesError(f"{f}: not found; give the folder of the Narrative Frames corpus "
                             "(GitHub phenixace/narrative-framing, data/)")
    meta = pd.read_csv(files[0], sep="\t", dtype={"ID": str})
    articles = pd.DataFrame({"id": meta["ID"], "outlet": meta["source"].str.lower().str.strip(),
                             "camp": meta["mbfc"], "text": meta["text"].fillna(""),
                             "language": "en"})
    rows = pd.read_csv(files[1], sep="\t", dtype={"ID": str})
    entities = pd.DataFrame({"id": rows["ID"], "entity": rows["entity"].astype(str).str.strip(),
                             "role": rows["role"].str.strip().str.lower()})
    return articles, entities


def entity_spans(articles: pd.DataFrame, entities: pd.DataFrame) -> pd.DataFrame:
    """Every occurrence (case-insensitive, whole words) of each annotated entity string in its
    own article: ``id``, ``start``, ``end``, ``referent`` (the entity string)."""
    texts = dict(zip(articles["id"].astype(str), articles["text"]))
    rows = []
    for (aid, entity) in entities[["id", "entity"]].drop_duplicates().itertuples(index=False):
        pattern = re.compile(r"(?<!\w)" + re.escape(entity) + r"(?!\w)", re.IGNORECASE)
        rows += [(aid, m.start(), m.end(), entity) for m in pattern.finditer(texts.get(aid, ""))]
    return pd.DataFrame(rows, columns=["id", "start", "end", "referent"])


def predict_entity_roles(roles: pd.DataFrame) -> pd.DataFrame:
    """Per (article, entity): the majority of its mention roles (``role``, ties by
    :data:`TIE_ORDER`) and whether it was ever the agent of a harm verb (``violent_subject``)."""
    counts = roles.groupby(["id", "referent", "role"]).size().unstack("role")
    counts = counts.reindex(columns=list(TIE_ORDER)).fillna(0)
    predicted = counts.idxmax(axis=1).rename("predicted")  # first maximum: TIE_ORDER
    agents = roles[(roles["verb_class"] == "harm") & (roles["role"] == "villain")]
    violent = pd.Series(True, index=pd.MultiIndex.from_frame(
        agents[["id", "referent"]].drop_duplicates()), name="violent_subject")
    out = pd.concat([predicted, violent], axis=1)
    out["violent_subject"] = out["violent_subject"].fillna(False).astype(bool)
    out.index.names = ["id", "entity"]
    return out.reset_index()


def evaluate_roles(folder: str | Path, *, patterns: RolePatterns | None = None,
                   n_boot: int = N_BOOT, random_state: int = 0) -> tuple[pd.DataFrame, dict]:
    """Macro-F1 (hero, villain, victim) of the patterns and the baselines on Narrative Frames.

    Returns
    -------
    (DataFrame, dict)
        :data:`ROLE_EVAL_COLUMNS`, one row per method (``patterns``, ``majority``,
        ``violent_subject`` on every row; the same with ``_covered`` on the rows whose entity a
        pattern fired for); and counts: ``rows``, ``entities``,
        ``entities_found`` (with a mention in the text), ``entities_covered`` (a pattern
        fired), ``coverage`` (covered / entities), ``row_coverage``.

    References
    ----------
    Frermann et al. (2023), ACL; Efron & Tibshirani (1993) for the percentile bootstrap.
    """
    articles, entities = load_narrative_roles(folder)
    spans = entity_spans(articles, entities)
    roles = find_roles(articles, spans, patterns=patterns or load_role_patterns())
    predicted = predict_entity_roles(roles)
    rows = entities.merge(predicted, on=["id", "entity"], how="left")
    covered = rows["predicted"].notna().to_numpy()
    majority = entities["role"].value_counts().idxmax()
    rows["patterns"] = rows["predicted"].fillna(majority)
    rows["majority"] = majority
    second = entities["role"].value_counts().index[1]
    rows["violent_subject"] = np.where(rows["violent_subject"].fillna(False).astype(bool),
                                       "villain", second)
    methods = {"patterns": np.ones(len(rows), bool), "patterns_covered": covered,
               "majority": np.ones(len(rows), bool), "violent_subject": np.ones(len(rows), bool),
               "majority_covered": covered, "violent_subject_covered": covered}
    rng = np.random.default_rng(random_state)
    ids = rows["id"].to_numpy()
    unique = np.unique(ids)
    groups = {a: np.flatnonzero(ids == a) for a in unique}
    samples = [np.concatenate([groups[a] for a in rng.choice(unique, len(unique))])
               for _ in range(n_boot)]
    gold = rows["role"].to_numpy()
    out = []
    for method, mask in methods.items():
        column = method.removesuffix("_covered")
        pred = rows[column].to_numpy()

        def f1(idx, pred=pred, mask=mask):
            idx = idx[mask[idx]]
            return f1_score(gold[idx], pred[idx], labels=list(ROLES), average="macro",
                            zero_division=0)
        boot = [f1(s) for s in samples]
        out.append((method, f1(np.arange(len(rows))), np.percentile(boot, 2.5),
                    np.percentile(boot, 97.5), int(mask.sum()), len(np.unique(ids[mask]))))
    pairs = entities[["id", "entity"]].drop_duplicates()
    found = spans[["id", "referent"]].drop_duplicates().shape[0]
    fired = predicted.shape[0]
    counts = {"rows": len(rows), "entities": len(pairs), "entities_found": found,
              "entities_covered": fired, "coverage": fired / len(pairs),
              "row_coverage": float(covered.mean()), "role_mentions": len(roles)}
    return pd.DataFrame(out, columns=ROLE_EVAL_COLUMNS), counts


def main(argv=None) -> None:
    """``python -m slant.framing._roles_eval FOLDER``: print the figures of docs/roles.md."""
    import sys
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        raise SystemExit("usage: python -m slant.framing._roles_eval NARRATIVE_FRAMES_FOLDER")
    table, counts = evaluate_roles(args[0])
    print(table.round(3).to_string(index=False))
    print(counts)


if __name__ == "__main__":
    main()
