"""Scoring stage, tone: VADER compound score per sentence, averaged per article.

Document-level VADER saturates on news (95 % of FA-KES articles score |compound| > 0.9), so
the tone of an article is the mean of its sentences' compound scores. VADER's lexicon ships
inside the vaderSentiment package: nothing is downloaded.

Two engines give the same scores: ``"vectorised"`` (the default: VADER's rules over token
arrays, :mod:`slant.scoring._vader`; about 1 s for FA-KES x50 instead of ~36 s) and
``"vader"``, the package's own ``polarity_scores`` called per sentence, kept as the reference
(``tests/test_tone.py`` compares them on every FA-KES sentence).
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache

import numpy as np
import pandas as pd

from ..common import ChunkRunner, Window, WorkerPool, chunk_bounds, n_workers
from ..text import CHUNK_CHARS, TextIndex, char_codes
from ._vader import vader_compound

__all__ = ["TONE_COLUMNS", "TONE_ENGINES", "TONE_LANGUAGES", "article_tone", "sentence_tone", "sentence_tone_started", "tone_table"]

#: One row per article.
TONE_COLUMNS = ["id", "sentences", "tone", "negative_share", "positive_share", "not_scored_reason"]
#: VADER's lexicon and rules are English: tone is not scored (NaN, never 0) in other languages.
TONE_LANGUAGES = ("en",)
#: VADER's own thresholds for a negative / positive sentence (Hutto & Gilbert 2014, README).
NEGATIVE_BELOW, POSITIVE_ABOVE = -0.05, 0.05
#: ``engine=`` of :func:`sentence_tone`: the array implementation, and the reference.
TONE_ENGINES = ("vectorised", "vader")


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentence_tone(index: TextIndex, *, engine: str = "vectorised",
                  n_jobs: int | None = None) -> pd.DataFrame:
    """VADER compound score (−1 … +1) of every sentence of the index.

    Parameters
    ----------
    index : TextIndex
        From :func:`slant.text.index_texts` (or :func:`slant.scoring.index_and_hits`).
    engine : {"vectorised", "vader"}
        ``"vectorised"`` applies VADER's rules to token arrays (:mod:`slant.scoring._vader`);
        ``"vader"`` calls ``vaderSentiment``'s ``polarity_scores`` once per sentence (the
        reference: same scores, ~30 times slower).
    n_jobs : int, optional
        Worker processes of the vectorised engine, as in :func:`slant.scoring.find_hits`.

    Returns
    -------
    DataFrame
        ``index.sentences`` with ``compound``.

    Raises
    ------
    ValueError
        An unknown ``engine``.

    References
    ----------
    Hutto, C. J. & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment
    analysis of social media text. ICWSM.
    """
    with sentence_tone_started(index, engine=engine, n_jobs=n_jobs) as result:
        return result()


@contextmanager
def sentence_tone_started(index: TextIndex, *, engine: str = "vectorised",
                          n_jobs: int | None = None, pool: WorkerPool | None = None):
    """:func:`sentence_tone` started in worker processes: yields a function that waits for the
    scores and returns the table, so that the caller can work meanwhile
    (:func:`slant.scoring.score_corpus` computes its bootstrap intervals). With one process,
    or with the ``"vader"`` engine, the work is done when the function is called. ``pool``:
    worker processes kept across calls (:class:`slant.common.WorkerPool`), sent each task's
    texts and sentences."""
    sents = index.sentences
    if engine == "vader":
        yield lambda: sents.assign(compound=_reference_tone(index))
        return
    if engine != "vectorised":
        raise ValueError(f"sentence_tone: engine={engine!r} is not one of {', '.join(TONE_ENGINES)}; "
                         "pass engine='vectorised' (default) or 'vader' (the reference)")
    texts = index.texts
    sizes = [len(t) + 1 for t in texts]
    workers = n_workers(n_jobs, sum(sizes))
    bounds = chunk_bounds(sizes, max(workers, -(-sum(sizes) // CHUNK_CHARS)))
    doc = sents["doc"].to_numpy()
    rows = np.searchsorted(doc, np.arange(len(texts) + 1))
    shared = (texts, doc, sents["start"].to_numpy(), sents["end"].to_numpy())
    with ChunkRunner(min(workers, max(len(bounds), 1)), shared, pool=pool) as runner:
        wait = runner.submit(_tone_chunk, [(a, b, rows[a], rows[b]) for a, b in bounds],
                             window=lambda a, b, lo, hi: (Window(texts[a:b], a),) + tuple(
                                 Window(x[lo:hi], lo) for x in shared[1:]))

        def result() -> pd.DataFrame:
            parts = wait()
            compound = np.concatenate(parts) if parts else np.zeros(0)
            return sents.assign(compound=compound.astype(float))

        yield result


def _reference_tone(index: TextIndex) -> np.ndarray:
    """``polarity_scores`` of every sentence, one call each (the "vader" engine)."""
    score = _analyzer().polarity_scores
    texts, sents = index.texts, index.sentences
    compound = [score(texts[d][s:e])["compound"] for d, s, e in
                zip(sents["doc"].tolist(), sents["start"].tolist(), sents["end"].tolist())]
    return np.asarray(compound, dtype=float)


def _tone_chunk(shared, first: int, stop: int, lo: int, hi: int) -> np.ndarray:
    """Compound scores of sentences ``lo:hi`` (those of ``texts[first:stop]``); the few the
    array rules leave to the reference (emoji, the "but" coincidence) are scored by it."""
    texts, doc, starts, ends = shared
    part = texts[first:stop]
    joined = "\n".join(part)
    offsets = np.cumsum([0] + [len(t) + 1 for t in part[:-1]]).astype(np.int64)
    at = offsets[doc[lo:hi] - first]
    s, e = starts[lo:hi] + at, ends[lo:hi] + at
    compound, reference = vader_compound(char_codes(joined), s, e)
    score = _analyzer().polarity_scores
    for k in np.flatnonzero(reference).tolist():
        compound[k] = score(joined[s[k]:e[k]])["compound"]
    return compound


def article_tone(index: TextIndex, *, sentences: pd.DataFrame | None = None,
                 engine: str = "vectorised") -> pd.DataFrame:
    """Per article: mean sentence compound, and the shares of negative and positive sentences
    (``engine`` as in :func:`sentence_tone`, when ``sentences`` are not given)."""
    sentences = sentence_tone(index, engine=engine) if sentences is None else sentences
    return tone_table(sentences, index)


def tone_table(sentences: pd.DataFrame, index: TextIndex, languages=None) -> pd.DataFrame:
    """``TONE_COLUMNS`` from the sentences' compound scores (:func:`sentence_tone`).

    ``languages``, one ISO 639-1 code per text of the index: an article in a language other
    than English gets NaN tone and shares and a ``not_scored_reason`` (VADER would read its
    words as unknown and call it neutral, 0.0); without it every article counts as English."""
    g = sentences.assign(neg=sentences["compound"] < NEGATIVE_BELOW,
                         pos=sentences["compound"] > POSITIVE_ABOVE).groupby("doc")
    table = pd.DataFrame({"sentences": g.size(), "tone": g["compound"].mean(),
                          "negative_share": g["neg"].mean(), "positive_share": g["pos"].mean()})
    table = table.reindex(range(len(index.texts)))
    table.insert(0, "id", index.ids)
    table["sentences"] = table["sentences"].fillna(0).astype("int64")
    table["not_scored_reason"] = ""
    if languages is not None:
        lang = pd.Series(np.asarray(languages, dtype=object), index=table.index).fillna("").astype(str)
        other = ~lang.isin(TONE_LANGUAGES)
        table.loc[other, ["tone", "negative_share", "positive_share"]] = np.nan
        table.loc[other, "not_scored_reason"] = [
            f"tone: VADER reads English only (language {x!r})" if x else "tone: language unknown"
            for x in lang[other]]
    return table.reset_index(drop=True)[TONE_COLUMNS]
