"""Framing stage, attribution evaluation: sentences found to carry an attribution against the
Penn Media Bias Detector raters' "quote" label.

Input: :func:`slant.voice.load_penn_sentences` (read from ``../shared`` at run time). Output:
precision and recall of two readings of "this sentence carries an attribution", one row each
(:func:`evaluate_attribution`). The Penn "quote" type mixes direct and indirect speech and
quote-continuation sentences (its SOURCE.md), so the second reading also counts the sentences
inside a quotation whose speaker is read.

References
----------
Haider, S. et al. (2025). The Media Bias Detector: A Framework for Annotating and Analyzing the
News at Scale. arXiv:2509.25649.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..voice import article_texts, binary_scores, find_quotes

__all__ = ["ATTRIBUTION_READINGS", "attribution_sentences", "evaluate_attribution"]

#: The readings :func:`evaluate_attribution` scores, in row order.
ATTRIBUTION_READINGS = ("frame in the sentence", "frame or credited quotation")
#: Frames no speaker parse needs: "cited by", "quoted ... as saying", "in a statement".
_CUES = re.compile(r"\b(?:according to|cited by|quoted by|as saying|in a statement|a statement "
                   r"(?:by|from))\b", re.IGNORECASE)


def attribution_sentences(text: str, sentences: Sequence[tuple[int, int]], *,
                          quotations: bool = False) -> np.ndarray:
    """Boolean per sentence: does it carry an attribution frame?

    A sentence does when :func:`slant.voice.find_quotes` reads a speaker in it (the speaker
    of reported or direct speech is found inside the sentence), when it holds reported speech,
    or when it holds a frame cue ("according to", "cited by", "as saying", "in a statement").
    With ``quotations``, the sentences a credited direct quotation covers count too.
    """
    starts = [s for s, _ in sentences]
    out = np.zeros(len(sentences), dtype=bool)
    for k, (s, e) in enumerate(sentences):
        out[k] = bool(_CUES.search(text, s, e))
    for q in find_quotes(text, sentences):
        first = max(bisect_right(starts, q.start) - 1, 0)
        last = max(bisect_right(starts, max(q.end - 1, q.start)) - 1, 0)
        if q.kind == "reported":
            out[first:last + 1] = True
        if not q.speaker or q.kind not in ("marks", "reported"):
            continue
        # the speaker's own sentence: the quote's first or last (also looking one sentence
        # further cost precision on the development half A: 0.466 -> 0.517 without it)
        for k in {first, last}:
            if text.find(q.speaker, *sentences[k]) >= 0:
                out[k] = True
        if quotations and q.kind == "marks":
            out[first:last + 1] = True
    return out


def evaluate_attribution(sentences: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall of sentences found to carry an attribution vs the raters' quotes.

    Parameters
    ----------
    sentences : DataFrame
        From :func:`slant.voice.load_penn_sentences` (or whole articles of it): ``article_id``,
        ``text``, ``gold_quote`` (two or three raters said "quote"), ``paragraph_start``.

    Returns
    -------
    DataFrame
        One row per reading in ``ATTRIBUTION_READINGS``: ``reading, n, tp, fp, fn, precision,
        recall, f1``.
    """
    sentences = sentences.reset_index(drop=True)
    gold = sentences["gold_quote"].to_numpy(dtype=bool)
    texts = article_texts(sentences)
    rows = []
    for reading, quotations in zip(ATTRIBUTION_READINGS, (False, True)):
        predicted = np.concatenate([attribution_sentences(text, spans, quotations=quotations)
                                    for _, text, spans in texts])
        rows.append({"reading": reading, "n": len(sentences), **binary_scores(predicted, gold)})
    return pd.DataFrame(rows)
