"""Scoring stage, tone: VADER compound score per sentence, averaged per article.

Document-level VADER saturates on news (95 % of FA-KES articles score |compound| > 0.9), so
the tone of an article is the mean of its sentences' compound scores. VADER's lexicon ships
inside the vaderSentiment package: nothing is downloaded.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from ..text import TextIndex

__all__ = ["TONE_COLUMNS", "article_tone", "sentence_tone"]

#: One row per article.
TONE_COLUMNS = ["id", "sentences", "tone", "negative_share", "positive_share"]
#: VADER's own thresholds for a negative / positive sentence (Hutto & Gilbert 2014, README).
NEGATIVE_BELOW, POSITIVE_ABOVE = -0.05, 0.05


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentence_tone(index: TextIndex) -> pd.DataFrame:
    """VADER compound score (−1 … +1) of every sentence of the index.

    References
    ----------
    Hutto, C. J. & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment
    analysis of social media text. ICWSM.
    """
    score = _analyzer().polarity_scores
    sents = index.sentences
    texts = index.texts
    compound = [score(texts[d][s:e])["compound"] for d, s, e in
                zip(sents["doc"].tolist(), sents["start"].tolist(), sents["end"].tolist())]
    return sents.assign(compound=np.asarray(compound, dtype=float))


def article_tone(index: TextIndex, *, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per article: mean sentence compound, and the shares of negative and positive sentences."""
    sentences = sentence_tone(index) if sentences is None else sentences
    g = sentences.assign(neg=sentences["compound"] < NEGATIVE_BELOW,
                         pos=sentences["compound"] > POSITIVE_ABOVE).groupby("doc")
    table = pd.DataFrame({"sentences": g.size(), "tone": g["compound"].mean(),
                          "negative_share": g["neg"].mean(), "positive_share": g["pos"].mean()})
    table = table.reindex(range(len(index.texts)))
    table.insert(0, "id", index.ids)
    table["sentences"] = table["sentences"].fillna(0).astype("int64")
    return table.reset_index(drop=True)[TONE_COLUMNS]
