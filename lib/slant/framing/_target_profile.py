"""Framing stage, the target beside its source: war/peace components, frames and roles of the
corpus's target article next to those of the text it rewrites (``target_source:``).

Input: a loaded corpus and the per-article tables of :func:`score_warpeace`,
:func:`corpus_frames` (or :func:`apply_frames`) and :func:`find_roles`. Output: a
:class:`TargetProfile`: one row per measure (:data:`PROFILE_COLUMNS`), the evidence sentences
of both articles, and one sentence saying what is missing and why ("" when both are there).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ._roles import ROLES
from ._warpeace import COMPONENTS

__all__ = ["PROFILE_COLUMNS", "TargetProfile", "target_profile"]

#: One row per measure: its kind (war/peace, frame, role), its name, and its value for the
#: target and for the source ("" where that article is missing or has no value).
PROFILE_COLUMNS = ["kind", "measure", "target", "source"]


@dataclass(frozen=True)
class TargetProfile:
    """:func:`target_profile`'s result."""

    table: pd.DataFrame
    message: str
    evidence: pd.DataFrame = field(default_factory=pd.DataFrame)


def _values(aid: str, warpeace: pd.DataFrame, frames: pd.DataFrame, roles: pd.DataFrame) -> dict:
    """(kind, measure) -> displayed value for one article."""
    out = {}
    row = warpeace[warpeace["id"].astype(str) == aid]
    if len(row):
        row = row.iloc[0]
        for name in [*COMPONENTS, "war_index"]:
            out[("war/peace", name)] = ("not scored: " + row["not_scored_reason"] if not row["scored"]
                                        else f"{row[name]:.2f}")
    for f in frames[frames["id"].astype(str) == aid].itertuples():
        out[("frame", f.frame)] = f"{'yes' if f.present else 'no'} ({f.probability:.2f})"
    own = roles[(roles["id"].astype(str) == aid) & (roles["voice"] == "own")]
    for referent, group in own.groupby("referent", sort=True):
        counts = group["role"].value_counts()
        out[("role", referent)] = ", ".join(f"{r} {counts[r]}" for r in ROLES if r in counts)
    return out


def target_profile(corpus, *, warpeace: pd.DataFrame, frames: pd.DataFrame, roles: pd.DataFrame,
                   evidence: pd.DataFrame | None = None) -> TargetProfile:
    """The target's war/peace components, frames and own-voice roles beside its source's.

    Parameters
    ----------
    corpus : slant.corpus.Corpus
        Names ``target:`` and, optionally, ``target_source:`` in corpus.yml.
    warpeace, frames, roles : DataFrame
        ``WarPeace.articles``, per-article frames (``FRAME_COLUMNS``) and :func:`find_roles`
        over the corpus's articles.
    evidence : DataFrame, optional
        ``WarPeace.evidence``: its rows for the two articles are kept in the result.

    Returns
    -------
    TargetProfile
        ``table`` (:data:`PROFILE_COLUMNS`; empty without a target), ``message`` ("" when both
        articles are there, else one sentence), ``evidence`` (the two articles' rows, with a
        ``side`` column).
    """
    ids = set(corpus.articles["id"].astype(str))
    target, source = corpus.target, corpus.config.get("target_source")
    if not target or target not in ids:
        return TargetProfile(pd.DataFrame(columns=PROFILE_COLUMNS),
                             "No target article: corpus.yml names none, or it did not load (see 01).")
    message = ""
    if not source:
        message = "corpus.yml names no target_source:, so the target is shown alone."
    elif source not in ids:
        message = (f"The target's source {source!r} did not load (see 01; `slant fetch` hydrates "
                   "manifest URLs), so the target is shown alone.")
    mine = _values(target, warpeace, frames, roles)
    theirs = _values(source, warpeace, frames, roles) if not message else {}
    order = {"war/peace": 0, "frame": 1, "role": 2}
    keys = sorted(dict.fromkeys([*mine, *theirs]), key=lambda k: order[k[0]])  # stable: file order within a kind
    table = pd.DataFrame([(k, m, mine.get((k, m), ""), theirs.get((k, m), "")) for k, m in keys],
                         columns=PROFILE_COLUMNS)
    kept = pd.DataFrame()
    if evidence is not None and len(evidence):
        side = evidence["id"].astype(str).map({target: "target", **({source: "source"} if not message else {})})
        kept = evidence.assign(side=side)[side.notna()].reset_index(drop=True)
    return TargetProfile(table, message, kept)
