"""Classify stage, text: article texts without outlet self-names, datelines and wire trailers.

Reuses the contrast stage's tokeniser and stop terms (:data:`slant.contrast._termcounts.STOP_TERMS`,
:func:`slant.contrast._termcounts.outlet_stop_terms`): one stop list for both stages, so a term that the
Fightin' Words ranking never shows is never learnt by a classifier either.
"""

from __future__ import annotations

from itertools import chain, pairwise

import numpy as np
import pandas as pd

from ._termcounts import (
    _CHUNK,
    STOP_TERMS,
    _documents,
    _name_parts,
    _name_terms,
    _tokens,
    _Vocabulary,
    _words,
    outlet_stop_terms,
)

__all__ = ["BREAK", "stop_terms", "strip_stop_terms", "without_breaks", "word_ngrams"]

#: What a removed term, a sentence end or a number leaves: a break no word n-gram spans.
BREAK = "|"


def stop_terms(articles: pd.DataFrame, *, outlets: pd.DataFrame | None = None,
               extra_stop=()) -> set[str]:
    """The stop terms :func:`slant.contrast.count_terms` removes, for these articles: the
    documented list, the registry's self-names and those of ``articles.outlet_name``."""
    if outlets is None:
        from ..corpus import load_outlets  # the bundled registry, read on demand

        outlets = load_outlets()
    stop = set(STOP_TERMS) | outlet_stop_terms(outlets) | {" ".join(_words(t)) for t in extra_stop}
    names = pd.unique(articles["outlet_name"].dropna()) if "outlet_name" in articles else ()
    for name in names:
        for part in _name_parts(name):
            stop |= _name_terms(part)
    stop.discard("")
    return stop


def strip_stop_terms(articles: pd.DataFrame, *, outlets: pd.DataFrame | None = None,
                     extra_stop=()) -> pd.Series:
    """Each article's words, lowercased, with stop terms removed, as one string.

    The counted words of :func:`slant.contrast.count_terms` (letters with inner hyphens or
    apostrophes; numbers, web addresses and single letters dropped), in order, joined by spaces;
    a stop word or phrase, a sentence end or a dropped token becomes :data:`BREAK`, so "Press TV"
    leaves "|" and no n-gram reads across it.

    Returns
    -------
    Series of str
        One per article, in the order of ``articles``.
    """
    vocab = _Vocabulary(stop_terms(articles, outlets=outlets, extra_stop=extra_stop))
    out: list[str] = []
    for start in range(0, len(articles), _CHUNK):
        token_lists = [_tokens(d) for d in _documents(articles, start, start + _CHUNK)]
        lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(token_lists))
        codes, uniques = pd.factorize(np.fromiter(chain.from_iterable(token_lists), dtype=object,
                                                  count=int(lengths.sum())))
        gid = vocab.encode(uniques)[codes]
        row = np.repeat(np.arange(len(token_lists), dtype=np.int64), lengths)
        vocab.drop_phrases(gid, row)
        stopped = np.array(vocab.stopped + [True], dtype=bool)  # index -1: a break
        forms = np.array(vocab.forms + [BREAK], dtype=object)
        words = np.where(stopped[gid], BREAK, forms[gid])
        bounds = np.cumsum(lengths)[:-1]
        out += [" ".join(piece) for piece in np.split(words, bounds)]
    return pd.Series(out, index=articles.index, dtype=object)


def word_ngrams(doc: str) -> list[str]:
    """Words and word pairs of a stripped text; no pair spans a :data:`BREAK` (a TF-IDF
    ``analyzer``: scikit-learn's own would join the words on either side of a removed name)."""
    words = doc.split()
    pairs = [f"{a} {b}" for a, b in pairwise(words) if BREAK not in (a, b)]
    return [w for w in words if w != BREAK] + pairs


def without_breaks(doc: str) -> str:
    """A stripped text without its breaks (the character n-grams' ``preprocessor``: a count of
    breaks would tell how often an outlet names itself)."""
    return doc.replace(f" {BREAK}", "").replace(BREAK, "")
