"""Whitespace tokens of many spans at once: what ``str.split()`` gives for each span, as arrays.

Input: the code points of a text (:func:`slant.text.char_codes`; several articles joined by line
breaks) and sorted, non-overlapping spans in it (sentences). Output: each token's start, end and
span number. Used by the tone scorer (VADER splits a sentence with ``str.split()``), so that no
sentence is split in Python.
"""

from __future__ import annotations

import numpy as np

from ._chars import char_class

__all__ = ["whitespace_tokens"]


def whitespace_tokens(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Tokens of each span ``codes[starts[k]:ends[k]]`` as ``str.split()`` cuts them.

    A token is a run of characters that are not ``str.isspace`` inside one span; a span's
    bounds cut a token even where no space stands there.

    Parameters
    ----------
    codes : ndarray of uint32
        Code points of the text.
    starts, ends : ndarray of int
        Span bounds, sorted and not overlapping.

    Returns
    -------
    (token_start, token_end, token_span)
        int64 arrays, one entry per token in text order; ``token_span`` is the position of the
        token's span in ``starts``.
    """
    starts = np.asarray(starts, dtype=np.int64)
    ends = np.asarray(ends, dtype=np.int64)
    n = len(codes)
    if n == 0 or len(starts) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    # inside a span: runs of False, True, False, ... between the sorted bounds
    bounds = np.empty(2 * len(starts) + 2, dtype=np.int64)
    bounds[0], bounds[-1] = 0, n
    bounds[1:-1:2], bounds[2:-1:2] = starts, ends
    pattern = np.zeros(len(bounds) - 1, dtype=bool)
    pattern[1::2] = True
    inside = np.repeat(pattern, np.diff(bounds))
    token = inside & ~char_class(codes, "isspace")
    edge = np.diff(token.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    token_start = np.flatnonzero(edge == 1)
    token_end = np.flatnonzero(edge == -1)
    # two spans that touch (one ends where the next starts) cut the token that runs across
    touch = starts[1:][starts[1:] == ends[:-1]]
    touch = touch[token[touch] & token[touch - 1]] if len(touch) else touch
    if len(touch):
        token_start = np.union1d(token_start, touch)
        token_end = np.union1d(token_end, touch)
    token_span = np.searchsorted(starts, token_start, side="right") - 1
    return token_start, token_end, token_span
