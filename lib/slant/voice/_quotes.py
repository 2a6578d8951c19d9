"""Voice stage: which spans of an article are quoted speech, not the outlet's own voice.

Input: one article text and its sentence spans (:func:`slant.text.split_sentences`). Output:
:class:`Quote` spans (:func:`find_quotes`) and, per sentence, whether it is quoted speech
(:func:`sentence_quoted`). A loaded word inside a quote is the source's voice, not the outlet's.

Four kinds of quote (``QUOTE_KINDS``):

- ``"marks"`` — direct speech inside quotation marks: straight or curly double quotes, or
  single quotes used as quote marks (headline style), told apart from apostrophes ("Daesh's",
  "the '90s", "rock 'n' roll"). Quotes may span sentence breaks. A quote left open at the end
  of a paragraph runs on into the next one when that paragraph reopens with a quote mark
  (news convention); otherwise it ends with its paragraph.
- ``"scare"`` — one to three quoted words that are not a whole utterance (the so-called
  "caliphate"); callers decide whether they count.
- ``"title"`` — a quoted name in title case (a film, a programme, a slogan): not speech.
- ``"reported"`` — reported speech without marks, within its sentence: "X said (that) ...",
  "..., X said", "according to X, ...", "X told Y ...", "X was quoted as saying ...",
  "X claimed that ...". The attribution verbs are :data:`ATTRIBUTION_VERBS`.

Everything is compiled regular expressions run once per article; Python loops run over quote
marks, paragraph breaks and attribution verbs, never over words.

Quote marks are parsed in :mod:`slant.voice._marks`, attribution verbs and their clauses in
:mod:`slant.voice._reported`, speakers in :mod:`slant.voice._speakers`. The stage's evaluation
against human raters (:func:`slant.voice.load_penn_sentences`, :func:`slant.voice.evaluate_voice`:
the Penn Media Bias Detector's 2,190 sentences) lives in :mod:`slant.voice._eval`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..text import match_at, word_cue_starts
from ._languages import language_attrib
from ._marks import TITLE_SMALL_WORDS, UTTERANCE, mark_spans
from ._reported import ATTRIB, ATTRIBUTION_VERBS, CUES, attribution
from ._speakers import WORD, break_positions

__all__ = [
    "ATTRIBUTION_VERBS",
    "DIRECT_MIN_WORDS",
    "MIN_SHARE",
    "QUOTE_KINDS",
    "SCARE_MAX_WORDS",
    "Quote",
    "find_quotes",
    "quote_tuples",
    "sentence_quoted",
]

#: The kinds of :class:`Quote`, as the module docstring defines them.
QUOTE_KINDS = ("marks", "scare", "title", "reported")
#: At most this many words inside quote marks make a scare quote (the issue's definition:
#: "one to three quoted words").
SCARE_MAX_WORDS = 3
#: Words of direct speech (a ``"marks"`` quote) that make a sentence a quote whatever else it
#: holds. 1: any; the Penn raters call 'He said: "...' a quote (chosen on the development half).
DIRECT_MIN_WORDS = 1
#: Share of a sentence that quotes must cover to make it quoted: half, the issue's "mostly".
MIN_SHARE = 0.5


@dataclass(frozen=True)
class Quote:
    """One quoted span of an article.

    Attributes
    ----------
    start, end : int
        Character offsets into the text, end exclusive. A ``"marks"`` or ``"scare"`` span
        includes its quote marks; one left open runs to the end of its last paragraph.
    kind : str
        One of :data:`QUOTE_KINDS`.
    speaker : str
        The attributed speaker as written ("a commander", "the monitor"); "" when none found.
    """

    start: int
    end: int
    kind: str
    speaker: str


# --- the public API ---------------------------------------------------------------------------

def find_quotes(text: str, sentences: Sequence[tuple[int, int]], *, language: str = "en") -> list[Quote]:
    """All quoted spans of one article, sorted by start.

    Parameters
    ----------
    text : str
        The article text; line breaks separate paragraphs.
    sentences : sequence of (int, int)
        The article's sentence spans ``(start, end)`` in order, as
        :func:`slant.text.split_sentences` returns them. A reported clause runs within its
        sentence, and the speaker is looked for there.
    language : str
        ISO 639-1 code of the text: a language with cues in ``slant/data/voice/cues.yml``
        marks the sentence around each of its cues as reported speech (no speaker is read).

    Returns
    -------
    list of Quote
        Quote-mark spans (``"marks"``, ``"scare"``) never overlap one another; a reported span
        never overlaps a quote-mark span (the parts of a clause inside marks belong to them).
    """
    pattern = language_attrib(language)
    if pattern is None:
        cue_starts = word_cue_starts(CUES, text).tolist()
    else:  # (a cue may follow a clitic or a non-word character: try every word start)
        cue_starts = [m.start() for m in re.finditer(r"(?<!\w)\w", text)]
    return [Quote(*q) for q in quote_tuples(text, sentences, cue_starts, language=language)]


def quote_tuples(text: str, sentences, cue_starts, *, language: str = "en") -> list[tuple[int, int, str, str]]:
    """:func:`find_quotes` as plain tuples ``(start, end, kind, speaker)``, given where
    attribution cues start words of the text (found for many texts at once by
    :mod:`slant.voice`)."""
    marks = mark_spans(text)
    mark_starts = [s for s, _, _ in marks]
    starts = [s for s, _ in sentences]
    by_sentence: dict[int, list[tuple[int, str]]] = {}
    reported = []
    breaks = None
    pattern = language_attrib(language)
    if pattern is not None:
        reported = _cue_sentences(text, sentences, starts, marks, mark_starts,
                                  match_at(pattern, text, cue_starts))
    for m in match_at(ATTRIB, text, cue_starts) if pattern is None else ():
        v0 = m.start()
        k = bisect_right(starts, v0) - 1
        j = bisect_right(mark_starts, v0) - 1
        if k < 0 or v0 >= sentences[k][1] or (j >= 0 and marks[j][1] > v0):
            continue  # outside every sentence, or the verb is itself quoted
        if breaks is None:
            breaks = break_positions(text)
        speaker, c0, c1 = attribution(text, *sentences[k], m, breaks)
        by_sentence.setdefault(k, []).append((v0, speaker))
        if c1 > c0:
            reported.append((c0, c1, speaker))
    quotes = []
    previous = (-2, "")  # sentence where the last quote-mark span ended, its speaker
    for s, e, closed in marks:
        kind = _marks_kind(text, s, e, closed)
        k_start = max(bisect_right(starts, s) - 1, 0)
        k_end = max(bisect_right(starts, e - 1) - 1, 0)
        after = [sp for v, sp in by_sentence.get(k_end, ()) if v >= e and sp]
        before = [sp for v, sp in by_sentence.get(k_start, ()) if v < s and sp]
        speaker = after[0] if after else before[-1] if before else ""
        if not speaker and kind == "marks" and previous[0] >= k_start - 1:
            speaker = previous[1]  # a quote that goes on from the last one: same speaker
        quotes.append((s, e, kind, speaker))
        previous = (k_end, speaker)
    quotes.extend(_reported_pieces(text, reported, marks, mark_starts))
    # (no two quotes share a span, so the kind and speaker never decide the order)
    return sorted(quotes)


def _cue_sentences(text, sentences, starts, marks, mark_starts, found) -> list[tuple[int, int, str]]:
    """Reported spans ``(start, end, "")`` of a language other than English: the sentence of
    each cue found, unless the cue is itself inside quote marks (no speaker is read)."""
    out = []
    for m in found:
        v0 = m.start()
        k = bisect_right(starts, v0) - 1
        j = bisect_right(mark_starts, v0) - 1
        if k < 0 or v0 >= sentences[k][1] or (j >= 0 and marks[j][1] > v0):
            continue
        if not out or out[-1][0] != sentences[k][0]:
            out.append((*sentences[k], ""))
    return out


def _marks_kind(text: str, s: int, e: int, closed: bool) -> str:
    """"title" for a name in title case, "scare" for one to three words that are not a whole
    utterance, else "marks"."""
    if not closed:
        return "marks"
    # words are read only until the answer is known: past SCARE_MAX_WORDS words, once one
    # content word (not a small word, not a number) is in lower case, it is plain "marks"
    words, content, title_case = 0, False, True
    for m in WORD.finditer(text, s, e):
        words += 1
        w = m.group()
        if title_case and not w[0].isdigit() and w.lower() not in TITLE_SMALL_WORDS:
            content = True
            title_case = w[0].isupper()
        if not title_case and words > SCARE_MAX_WORDS:
            break
    if words > 1 and content and title_case:
        return "title"
    if words <= SCARE_MAX_WORDS and not UTTERANCE.fullmatch(text, s, e):
        return "scare"
    return "marks"


def _reported_pieces(text, reported, marks, mark_starts) -> list[tuple[int, int, str, str]]:
    """Merge overlapping reported clauses; cut out the parts inside quote marks."""
    merged: list[list] = []
    for c0, c1, speaker in sorted(reported):
        if merged and c0 < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], c1)
            merged[-1][2] = merged[-1][2] or speaker
        else:
            merged.append([c0, c1, speaker])
    pieces = []
    for c0, c1, speaker in merged:
        j = max(bisect_right(mark_starts, c0) - 1, 0)
        pos = c0
        while j < len(marks) and marks[j][0] < c1:
            if marks[j][1] > pos:
                pieces.append((pos, marks[j][0], speaker))
                pos = marks[j][1]
            j += 1
        pieces.append((pos, c1, speaker))
    out = []
    for p0, p1, speaker in pieces:
        piece = text[p0:p1]
        lead = len(piece) - len(piece.lstrip(" \n\t,;:—–"))
        trail = len(piece) - len(piece.rstrip(" \n\t,;:—–"))
        if p1 - trail > p0 + lead and WORD.search(piece):
            out.append((p0 + lead, p1 - trail, "reported", speaker))
    return out


def sentence_quoted(text: str, sentences: Sequence[tuple[int, int]],
                    quotes: Sequence[Quote] | None = None, *, min_share: float = MIN_SHARE,
                    min_words: int = DIRECT_MIN_WORDS,
                    kinds: Sequence[str] = ("marks", "scare")) -> np.ndarray:
    """Boolean per sentence: is this sentence (mostly) quoted speech?

    A sentence is quoted when it holds at least ``min_words`` words of a ``"marks"`` quote
    (direct speech, however much of the sentence the attribution takes: 'He said: "...'), or
    when quotes of ``kinds`` cover at least ``min_share`` of its word characters (a sentence
    of punctuation only, like a lone quote mark, never is). Reported clauses are left out by
    default: the Penn raters call a sentence of reported speech without marks a fact more often
    than a quote (on the development half, counting reported clauses too finds 6 more quote
    sentences and 97 more false ones).

    Parameters
    ----------
    text : str
        The article text.
    sentences : sequence of (int, int)
        Its sentence spans, in order.
    quotes : sequence of Quote, optional
        From :func:`find_quotes`; found here when not given.
    min_share : float
        Share of a sentence's word characters that quotes of ``kinds`` must cover.
    min_words : int
        Words of a ``"marks"`` quote that make the sentence quoted whatever the share;
        0 turns this rule off.
    kinds : sequence of str
        Which kinds of :class:`Quote` count towards the share.

    Returns
    -------
    ndarray of bool, one per sentence.
    """
    if quotes is None:
        quotes = find_quotes(text, sentences)
    if not len(sentences):
        return np.zeros(0, dtype=bool)
    n = len(text)
    spans = np.asarray(sentences, dtype=np.int64).reshape(-1, 2)
    # Word characters, by table lookup. A sentence of punctuation only (a lone quote mark left
    # by a splitter) has none and is never quoted.
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    word = _word_table()[np.minimum(codes, _BMP - 1)] | (codes >= _BMP)
    share = _covered(quotes, kinds, word, spans, n) / np.maximum(_count(word, spans), 1)
    quoted = share >= min_share
    if min_words:
        starts = word & ~np.concatenate(([False], word[:-1]))
        quoted |= _covered(quotes, ("marks",), starts, spans, n) >= min_words
    return quoted


_BMP = 0x10000  # characters past the Basic Multilingual Plane count as word characters


def _word_table() -> np.ndarray:
    """Is each character of the Basic Multilingual Plane a word character (``\\w``)?"""
    from ..text import char_table

    return char_table("isword")


def _covered(quotes, kinds, weight, spans, n) -> np.ndarray:
    """Per sentence: the sum of ``weight`` over characters inside quotes of ``kinds``."""
    delta = np.zeros(n + 1, dtype=np.int32)
    for q in quotes:
        if q.kind in kinds:
            delta[q.start] += 1
            delta[q.end] -= 1
    return _count((np.cumsum(delta[:n]) > 0) & weight, spans)


def _count(mask: np.ndarray, spans: np.ndarray) -> np.ndarray:
    cum = np.concatenate(([0], np.cumsum(mask)))
    return cum[spans[:, 1]] - cum[spans[:, 0]]

