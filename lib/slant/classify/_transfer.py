"""Classify stage, transfer: train on one domain, test on another; the matrix of those scores.

Input: labelled sentences per domain (``text``, ``label``, ``group``, ``domain``; see
`slant.classify._domains`). Output: ``TRANSFER_COLUMNS``, one row per variant, training set and
test domain: macro-F1 and ROC AUC with 95 % bootstrap intervals over the test domain's groups
(articles or posts). A domain tested on itself is scored by grouped cross-validation, so no
article or post is both trained and tested on; train-only domains (distant labels) are never
tested on and never enter a test fold.

Run ``python -m slant.classify._transfer ../shared/corpora`` to measure the matrix on ../shared
(docs/sentence-model.md); it writes ``transfer.csv`` to ``--out``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import GroupKFold

from ._errors import ClassifyError
from ._travel import VARIANTS, TravelClassifier

__all__ = ["ALL_OTHERS", "TRANSFER_COLUMNS", "bootstrap_grouped", "deployed_rows", "grouped_folds",
           "transfer_matrix"]

TRANSFER_COLUMNS = ["variant", "train", "test", "scheme", "macro_f1", "macro_f1_low", "macro_f1_high",
                    "auc", "auc_low", "auc_high", "sentences", "groups"]
#: Name of the training set made of every domain but the one tested ("leave-domain-out").
ALL_OTHERS = "all-others"
N_FOLDS, N_BOOT = 5, 1000
#: Other labels of the gold sets the report's model is tested on (never trained on).
EXTRA_TESTS = ("penn-tone", "fignews-propaganda")


def grouped_folds(groups, *, n_folds: int = N_FOLDS) -> list[tuple[np.ndarray, np.ndarray]]:
    """Folds of whole groups (scikit-learn's ``GroupKFold``): no group in two folds.

    Raises
    ------
    ClassifyError
        Fewer groups than folds.
    """
    groups = np.asarray(groups)
    if len(set(groups)) < n_folds:
        raise ClassifyError(f"{len(set(groups))} groups (articles or posts), fewer than the {n_folds} "
                            "folds; give more groups or fewer folds")
    return list(GroupKFold(n_splits=n_folds).split(groups, groups=groups))


def bootstrap_grouped(y, proba, groups, *, n_boot: int = N_BOOT, random_state: int = 0) -> dict:
    """Macro-F1 (at probability 0.5) and ROC AUC with 95 % percentile intervals, resampling
    whole groups (a cluster bootstrap: sentences of one article are not independent).

    Returns
    -------
    dict
        ``macro_f1``, ``macro_f1_low``, ``macro_f1_high``, ``auc``, ``auc_low``, ``auc_high``
        (AUC NaN when the test set holds one class).

    References
    ----------
    Field & Welsh (2007), Bootstrapping clustered data, JRSS B 69.
    """
    y, proba, groups = np.asarray(y).astype(int), np.asarray(proba, float), np.asarray(groups)
    pred = (proba >= 0.5).astype(int)
    codes, uniques = pd.factorize(groups)
    members = [np.flatnonzero(codes == g) for g in range(len(uniques))]
    rng = np.random.default_rng(random_state)
    f1s, aucs = [], []
    for _ in range(n_boot):
        rows = np.concatenate([members[g] for g in rng.integers(0, len(members), len(members))])
        f1s.append(f1_score(y[rows], pred[rows], average="macro", zero_division=0))
        if len(set(y[rows])) == 2:
            aucs.append(roc_auc_score(y[rows], proba[rows]))
    two = len(set(y)) == 2
    f1_low, f1_high = np.percentile(f1s, [2.5, 97.5])
    auc_low, auc_high = np.percentile(aucs, [2.5, 97.5]) if aucs else (np.nan, np.nan)
    return {"macro_f1": float(f1_score(y, pred, average="macro", zero_division=0)),
            "macro_f1_low": float(f1_low), "macro_f1_high": float(f1_high),
            "auc": float(roc_auc_score(y, proba)) if two else np.nan,
            "auc_low": float(auc_low), "auc_high": float(auc_high)}


def _fit_predict(model, train: pd.DataFrame, test: pd.DataFrame, *, transductive: bool) -> np.ndarray:
    fitted = clone(model).fit(train.reset_index(drop=True), train["label"].to_numpy(),
                              target_texts=test["text"].tolist() if transductive else None)
    return fitted.predict_proba(test.reset_index(drop=True))[:, list(fitted.classes_).index(1)]


def transfer_matrix(domains: dict[str, pd.DataFrame], *, train_only=("fakes-distant",),
                    variants=("plain",), lexicon=None, wordlists=None, n_folds: int = N_FOLDS,
                    n_boot: int = N_BOOT, random_state: int = 0) -> pd.DataFrame:
    """Train on each domain (and on all others), test on each gold domain; one row per cell.

    Parameters
    ----------
    domains : dict of str to DataFrame
        ``text``, ``label`` (1 loaded), ``group`` (article or post), optionally
        ``biased_words``; the key is the domain's name.
    train_only : sequence of str
        Domains trained on but never tested on (distant labels are not gold).
    variants : sequence of str
        From ``VARIANTS``. ``adversarial`` and ``reweight`` see the test domain's texts, never
        its labels, when it is held out (as an analyst has the corpus to score).
    lexicon, wordlists
        The count features (:class:`TravelClassifier`).

    Returns
    -------
    DataFrame
        ``TRANSFER_COLUMNS``; ``scheme`` is ``grouped-cv`` (a domain on itself, ``n_folds``
        folds of whole groups, that domain alone) or
        ``held-out-domain``; ``train`` is a domain or ``ALL_OTHERS`` (every other domain, with
        three or more). Rows sorted by variant, test, then train as given.

    References
    ----------
    Ganin et al. (2016), JMLR 17; Shimodaira (2000), J. Stat. Plan. Inference 90.
    """
    unknown = [v for v in variants if v not in VARIANTS]
    if unknown:
        raise ClassifyError(f"unknown variant(s) {unknown}; choose from {', '.join(VARIANTS)}")
    frames = {name: frame.assign(domain=name).reset_index(drop=True) for name, frame in domains.items()}
    gold = [n for n in frames if n not in set(train_only)]
    trains = list(frames) + ([ALL_OTHERS] if len(frames) >= 3 else [])
    rows = []
    for variant in variants:
        model = TravelClassifier(lexicon=lexicon, wordlists=wordlists, variant=variant,
                                 random_state=random_state)
        for test in gold:
            target = frames[test]
            for train in trains:
                if train == test:
                    proba = np.zeros(len(target))
                    for tr, te in grouped_folds(target["group"], n_folds=n_folds):
                        proba[te] = _fit_predict(model, target.iloc[tr], target.iloc[te],
                                                 transductive=False)
                    scheme = "grouped-cv"
                else:
                    source = (pd.concat([f for n, f in frames.items() if n != test], ignore_index=True)
                              if train == ALL_OTHERS else frames[train])
                    proba = _fit_predict(model, source, target, transductive=True)
                    scheme = "held-out-domain"
                scores = bootstrap_grouped(target["label"], proba, target["group"], n_boot=n_boot,
                                           random_state=random_state)
                rows.append({"variant": variant, "train": train, "test": test, "scheme": scheme,
                             **scores, "sentences": len(target), "groups": target["group"].nunique()})
    return pd.DataFrame(rows, columns=TRANSFER_COLUMNS)


def deployed_rows(domains: dict[str, pd.DataFrame], *, lexicon=None, wordlists=None,
                  n_folds: int = N_FOLDS, n_boot: int = N_BOOT, random_state: int = 0) -> pd.DataFrame:
    """The report's model (``marked-words-lr`` fitted on BABE) in the same terms: grouped CV on
    BABE and BABE -> each other gold domain (``TRANSFER_COLUMNS``, variant ``marked-words-lr``)."""
    from ._sentences import BEST_MODEL, make_sentence_model

    babe = domains["babe"].reset_index(drop=True)
    model = make_sentence_model(BEST_MODEL, lexicon=lexicon, wordlists=wordlists, random_state=random_state)
    columns = ["text", "biased_words", "group"]
    proba = np.zeros(len(babe))
    for tr, te in grouped_folds(babe["group"], n_folds=n_folds):
        fitted = clone(model).fit(babe.iloc[tr][columns].reset_index(drop=True), babe["label"].to_numpy()[tr])
        proba[te] = fitted.predict_proba(babe["text"].to_numpy()[te])[:, 1]
    parts = [("babe", "grouped-cv", babe, proba)]
    fitted = clone(model).fit(babe[columns], babe["label"].to_numpy())
    for name in ("fignews", "penn", *EXTRA_TESTS):
        if name in domains:
            test = domains[name].reset_index(drop=True)
            parts.append((name, "held-out-domain", test, fitted.predict_proba(test["text"].to_numpy())[:, 1]))
    rows = [{"variant": BEST_MODEL, "train": "babe", "test": name, "scheme": scheme,
             **bootstrap_grouped(frame["label"], p, frame["group"], n_boot=n_boot, random_state=random_state),
             "sentences": len(frame), "groups": frame["group"].nunique()}
            for name, scheme, frame, p in parts]
    return pd.DataFrame(rows, columns=TRANSFER_COLUMNS)


def extra_tests(mirror) -> dict[str, pd.DataFrame]:
    """Penn's tone (majority non-neutral vs neutral) and FIGNEWS's propaganda vote (ties out),
    as test sets named in ``EXTRA_TESTS``."""
    from ..corpus import join_fignews, join_penn, load_dataset

    get = {"mirror": Path(mirror), "download": False, "progress": False}
    raters = [load_dataset(f"penn-sentences-{i}", **get)[0] for i in (1, 2, 3)]
    texts, votes = load_dataset("fignews-2024-texts", **get)[0], load_dataset("fignews-2024-votes", **get)[0]
    posts = join_fignews(texts, votes)[0]
    return {"penn-tone": join_penn(raters, task="tone")[0],
            "fignews-propaganda": posts[posts["propaganda"] >= 0].assign(label=lambda f: f["propaganda"])}


def main(argv=None) -> int:
    """Measure the transfer matrix on ../shared and write it (docs/sentence-model.md)."""
    from ..lexicons import load_lexicons
    from ._domains import load_domains
    from ._sentence_report import SENTENCE_LEXICONS
    from ._wordlists import load_wordlists

    parser = argparse.ArgumentParser(prog="python -m slant.classify._transfer")
    parser.add_argument("mirror", help="the mirror, e.g. ../shared/corpora")
    parser.add_argument("--out", default="transfer.csv", help="CSV to write")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--boot", type=int, default=N_BOOT)
    parser.add_argument("--arabic", action="store_true", help="also FIGNEWS in Arabic MT (in domain)")
    parser.add_argument("--deployed-only", action="store_true", help="only the report's BABE model")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    domains, notes = load_domains(args.mirror, arabic=args.arabic)
    print("\n".join(notes))
    print({k: (len(v), int(v["label"].sum()), v["group"].nunique()) for k, v in domains.items()})
    wordlists, _ = load_wordlists(args.mirror)
    arabic = domains.pop("fignews-ar", None)
    lexicon = load_lexicons(list(SENTENCE_LEXICONS))
    deployed = deployed_rows({**domains, **extra_tests(args.mirror)}, lexicon=lexicon,
                             wordlists=wordlists, n_boot=args.boot)
    if args.deployed_only:
        deployed.to_csv(args.out, index=False)
        print(deployed.round(3).to_string())
        return 0
    table = transfer_matrix(domains, variants=args.variants.split(","), n_boot=args.boot,
                            lexicon=lexicon, wordlists=wordlists)
    if arabic is not None:  # Arabic text only in FIGNEWS: in domain, words only
        table = pd.concat([table, transfer_matrix({"fignews-ar": arabic}, train_only=(),
                                                  n_boot=args.boot).assign(variant="plain")],
                          ignore_index=True)
    table = pd.concat([deployed, table], ignore_index=True)
    table.to_csv(args.out, index=False)
    print(table.round(3).to_string())
    print(f"{time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
