"""Framing stage, war/peace evaluation: the automatic index against a hand-coded FA-KES sample.

Input: the hand labels (``slant/data/annotation/warpeace_fakes.csv``: per article an ordinal
0 peace / 1 neither / 2 war for each indicator, ``overall`` 1-5, ``own_voice_demonizing`` 0/1;
coded blind, see the README beside it) and the corpus that holds the FA-KES texts (the default
corpus with the mirror). Output: one row per comparison (:data:`AGREEMENT_COLUMNS`): Spearman's
rho between a score and a hand label, with a percentile bootstrap interval over articles, beside
trivial baselines (article length; loaded-term density alone).

Command (from the checkout, ``../shared`` beside it)::

    python -m slant.framing._warpeace_eval ../shared/corpora

References
----------
Lee & Maslog (2005), J. Communication 55(2), 311-329 (the indicators); Spearman (1904);
Efron & Tibshirani (1993), ch. 13 (percentile interval).
"""

from __future__ import annotations

import argparse
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from ._errors import FramingError

__all__ = ["AGREEMENT_COLUMNS", "COMPARISONS", "evaluate_warpeace", "load_warpeace_labels", "main"]

#: One row per comparison: the automatic score, the hand label, the articles, rho, interval.
AGREEMENT_COLUMNS = ["score", "label", "kind", "articles", "spearman", "low", "high"]
#: (automatic score, hand label, kind): each component against its indicator, the index and the
#: baselines against ``overall``, the own-voice demonising measures against their hand flag.
COMPARISONS = (
    ("language", "language", "component"), ("orientation", "orientation", "component"),
    ("parties", "parties", "component"), ("outcome", "outcome", "component"),
    ("time", "time", "component"), ("war_index", "overall", "index"),
    ("words", "overall", "baseline"), ("loaded_density", "overall", "baseline"),
    ("language", "overall", "component vs overall"),
    ("demonising_labels", "own_voice_demonizing", "label count"),
)
#: Resamples of the bootstrap and the interval's percentiles.
N_BOOT, INTERVAL = 2000, (2.5, 97.5)
_LABEL_COLUMNS = ("id", "language", "orientation", "parties", "outcome", "time", "overall",
                  "own_voice_demonizing")


def load_warpeace_labels(path: str | Path | None = None) -> pd.DataFrame:
    """The hand labels: the bundled sample by default, or a CSV with the same columns.

    Raises
    ------
    FramingError
        A column missing, or a repeated id (the file and the fix named).
    """
    if path is None:
        with resources.as_file(resources.files("slant") / "data" / "annotation" / "warpeace_fakes.csv") as p:
            path = Path(p)
    labels = pd.read_csv(path, dtype={"id": str})
    missing = [c for c in _LABEL_COLUMNS if c not in labels.columns]
    if missing:
        raise FramingError(f"{path}: no column {missing}; the header is {', '.join(_LABEL_COLUMNS)}, ...")
    if labels["id"].duplicated().any():
        raise FramingError(f"{path}:{int(np.flatnonzero(labels['id'].duplicated())[0]) + 2}: id "
                           f"{labels['id'][labels['id'].duplicated()].iloc[0]!r} repeats; keep one row per article")
    return labels


def _spearman(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Spearman's rho of each row pair of x and y (2-D: resamples x articles), ties averaged."""
    rx = np.apply_along_axis(rankdata, 1, x)
    ry = np.apply_along_axis(rankdata, 1, y)
    rx -= rx.mean(axis=1, keepdims=True)
    ry -= ry.mean(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (rx * ry).sum(axis=1) / np.sqrt((rx ** 2).sum(axis=1) * (ry ** 2).sum(axis=1))


def evaluate_warpeace(scores: pd.DataFrame, labels: pd.DataFrame, *, n_boot: int = N_BOOT,
                      random_state: int = 0) -> pd.DataFrame:
    """Spearman's rho of each automatic score against its hand label, with a 95 % percentile
    bootstrap interval over articles (the same resamples for every row).

    Parameters
    ----------
    scores : DataFrame
        ``id`` and the score columns of :data:`COMPARISONS` (``WarPeace.articles`` joined with
        ``words``, ``loaded_density`` and ``demonising_labels``).
    labels : DataFrame
        :func:`load_warpeace_labels`.

    Returns
    -------
    DataFrame
        :data:`AGREEMENT_COLUMNS`, in :data:`COMPARISONS` order; NaN rho where a side is constant.
    """
    both = labels.merge(scores, on="id", how="inner", suffixes=("_gold", ""))
    if both.empty:
        raise FramingError("no hand-labelled id is among the scored articles; score the corpus that "
                           "holds FA-KES (corpus/mayadin-2017 with the mirror)")
    n = len(both)
    drawn = np.random.default_rng(random_state).integers(0, n, size=(n_boot, n))
    rows = []
    for score, label, kind in COMPARISONS:
        gold = both[f"{label}_gold" if f"{label}_gold" in both else label].to_numpy(float)
        auto = both[score].to_numpy(float)
        rho = float(_spearman(auto[None, :], gold[None, :])[0])
        boot = _spearman(auto[drawn], gold[drawn])
        low, high = np.nanpercentile(boot, INTERVAL) if np.isfinite(boot).any() else (np.nan, np.nan)
        rows.append((score, label, kind, n, rho, float(low), float(high)))
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


def score_labelled(corpus_dir, *, mirror, ids) -> pd.DataFrame:
    """The war/peace scores and the baselines of the articles ``ids`` of a corpus."""
    from ..corpus import load_corpus
    from ..scoring import corpus_lexicon, index_and_hits
    from ._attribution import find_attributions, load_sources
    from ._warpeace import DEMONISING_STANCES, score_warpeace

    corpus = load_corpus(corpus_dir, mirror=mirror)
    articles = corpus.articles[corpus.articles["id"].isin(set(ids))].reset_index(drop=True)
    index, hits = index_and_hits(articles, corpus_lexicon(corpus), n_jobs=1)
    attributions = find_attributions(articles, load_sources(), index=index)
    scores = score_warpeace(articles, hits, attributions, index=index).articles
    words = pd.Series(index.words, index=articles["id"].to_numpy())
    loaded = hits[hits["loaded"].astype(bool)].groupby("id").size()
    labels_own = hits[hits["stance"].isin(DEMONISING_STANCES) & (hits["voice"] == "own")].groupby("id").size()
    return scores.assign(
        words=scores["id"].map(words).to_numpy(float),
        loaded_density=(100 * scores["id"].map(loaded).fillna(0) / scores["id"].map(words).clip(lower=1)).to_numpy(),
        demonising_labels=scores["id"].map(labels_own).fillna(0).to_numpy(float))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m slant.framing._warpeace_eval", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mirror", type=Path, help="the mirror holding FA-KES (../shared/corpora)")
    parser.add_argument("--corpus", type=Path, default=Path("corpus/mayadin-2017"))
    parser.add_argument("--labels", type=Path, default=None, help="hand labels (default: the bundled sample)")
    parser.add_argument("--boot", type=int, default=N_BOOT)
    args = parser.parse_args(argv)
    labels = load_warpeace_labels(args.labels)
    scores = score_labelled(args.corpus, mirror=args.mirror, ids=labels["id"])
    found = scores["id"].isin(labels["id"]).sum()
    print(f"{len(labels)} hand-labelled articles, {found} found and scored "
          f"({int(scores['scored'].sum())} in a language with cue lists)")
    table = evaluate_warpeace(scores, labels, n_boot=args.boot)
    print(table.round(3).to_string(index=False))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
