"""Voice stage, quote marks: the spans of an article inside quotation marks.

Input: one article text. Output: ``(start, end, closed)`` spans, marks included, from
:func:`mark_spans`, which :func:`slant.voice.find_quotes` sorts into kinds. One compiled regular
expression finds every quote mark and paragraph break; a Python loop runs over those events,
never over words. The rules are described in :mod:`slant.voice`.
"""

from __future__ import annotations

import re

from ._speakers import WORD

__all__ = ["TITLE_SMALL_WORDS", "UTTERANCE", "mark_spans"]

#: One pass finds every event the marks parser needs: paragraph breaks, quote marks, and quote
#: marks and dashes garbled by reading UTF-8 as Windows-1252 ("â€œ" for "“", "â€“" for "–"),
#: which scraped news often carries (the dash's garbled form holds a "“" that is no quote).
#: (It is ``\n\s*|â€[œ\x9d\ufffd˜™“”]|["“”„‟«»‘’'‛]`` opening with a character set, so the
#: engine skips ahead in C.)
_EVENT = re.compile(r"[\n\"“”„‟«»‘’'‛‹›â](?:(?<=\n)\s*|(?<=â)€[œ\x9d\ufffd˜™“”]|(?<=[^\nâ]))")
_GARBLED = {"â€œ": "“", "â€\x9d": "”", "â€\ufffd": "”", "â€˜": "‘", "â€™": "’",
            "â€“": "", "â€”": ""}
_DOUBLE_OPEN, _DOUBLE_CLOSE, _DOUBLE, _SINGLE = "“„‟«", "”»", "\"“”„‟«»", "‘’'‛‹›"
#: Opening marks whose closing mark reads as an opening one elsewhere: Russian and German
#: „quote“ close with the English opening mark.
_LOW_OPEN = {"„": "“"}
#: Characters after which a straight quote opens, and before which it closes.
_BEFORE_OPEN = "([{—–-/“‘\"'"
_AFTER_CLOSE = ".,;:!?)]}—–-/”’\"'…"
#: Elisions after an apostrophe that are not quotes: rock 'n' roll, 'em, 'tis, 'til, '90s, '17.
_ELISION = re.compile(r"(?:n['’]|em\b|tis\b|twas\b|til\b|cause\b|bout\b|\d\ds?\b)", re.IGNORECASE)
#: A whole utterance in marks, however short: a capital first, its own punctuation last
#: ('"It is over."', '"We won,"'), unlike a quoted phrase ('the "caliphate."').
#: (Capitals: ASCII, Latin-1 and Cyrillic, for French and Russian quotes; Arabic and Persian have
#: none, so a quote of three words or fewer there is always a quoted phrase.)
UTTERANCE = re.compile(r"\W*[A-ZÀ-ÖØ-ÞА-ЯЁ].*[.,!?…]\W*", re.DOTALL)
#: Words a title keeps in lower case ("Boys of the Sea"), by common English title-case rules
#: (e.g. the Chicago Manual of Style, 8.159).
TITLE_SMALL_WORDS = frozenset({
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "from", "by",
    "with", "as", "vs", "via", "into", "onto", "upon", "per"})
_OPEN, _CLOSE, _EITHER = 1, 2, 3


def _mark(token: str) -> str:
    """The quote mark an event stands for ("" for a paragraph break or a garbled dash)."""
    if token in _DOUBLE or token in _SINGLE:
        return token
    return _GARBLED.get(token, "")


def _neighbours(text: str, i: int, j: int) -> tuple[str, str]:
    return (text[i - 1] if i else " "), (text[j] if j < len(text) else " ")


def _double_direction(text: str, i: int, j: int, mark: str) -> int:
    """Does the double quote mark ``text[i:j]`` open, close, or is it unclear?"""
    if mark in _DOUBLE_OPEN:
        return _OPEN
    if mark in _DOUBLE_CLOSE:
        return _CLOSE
    before, after = _neighbours(text, i, j)
    opens = before.isspace() or before in _BEFORE_OPEN
    closes = after.isspace() or after in _AFTER_CLOSE
    if opens and not closes:
        return _OPEN
    if closes and not opens:
        return _CLOSE
    return _EITHER


def _single_opens(text: str, i: int, j: int, mark: str) -> bool:
    """A single quote that opens a quotation, not an apostrophe ("the '90s", "'n'")."""
    before, after = _neighbours(text, i, j)
    if mark == "‹":  # French single guillemet: always opens
        return True
    return (mark in "‘'‛" and (before.isspace() or before in _BEFORE_OPEN) and after.isalnum()
            and not _ELISION.match(text, j))


def _single_closes(text: str, i: int, j: int, mark: str) -> bool:
    """A single quote that can close a quotation: not inside a word ("Daesh's", "don't")."""
    if mark == "›":
        return True
    before, after = _neighbours(text, i, j)
    if mark not in "’'" or before.isspace():
        return False
    # A capital right after ("debt’The") is a paragraph glued on by a scraper, not "O’Brien".
    return not (after.isalnum() and not (after.isupper() and before.islower()))


def _starts_with_double(text: str, at: int) -> bool:
    """Does a paragraph starting at ``at`` open with a double quote mark (reopening the quote,
    or closing it: a splitter may cut '."' between paragraphs)?"""
    m = _EVENT.match(text, at)
    return bool(m) and _mark(m.group()) in _DOUBLE


def mark_spans(text: str) -> list[tuple[int, int, bool]]:
    """Spans ``(start, end, closed)`` inside quote marks, marks included, sorted by start.

    Double quotes pair by direction (curly marks say it; a straight mark's neighbours do).
    A quote open at a paragraph end runs on when the next paragraph starts with a double mark
    (reopening it, or closing it), or when nothing was quoted yet (a lone mark on its own
    line); else it ends with its paragraph, and if it had run on through a straight mark, that
    mark is taken as its closing mark (a splitter that cut '."' from the next paragraph leaves
    it there). A closing mark with no opening one closes a quote that started with the
    paragraph or the last quote in it (its opening mark lost). Single quotes pair only outside
    double quotes and within a paragraph.
    """
    spans = []
    paragraph = 0  # where the current paragraph starts, or the last quote in it ends
    double_at = single_at = reopened = None
    double_mark = ""
    for m in _EVENT.finditer(text):
        i, j = m.span()
        mark = _mark(m.group())
        if not mark:
            if m.group().startswith("â"):
                continue  # a garbled dash
            single_at = None
            if double_at is not None and not (_starts_with_double(text, j)
                                               or not WORD.search(text, double_at, i)):
                spans.append((double_at, reopened, True) if reopened else (double_at, i, False))
                double_at = reopened = None
            paragraph = j
            continue
        if mark in _DOUBLE:
            direction = _double_direction(text, i, j, mark)
            if double_at is None:
                if direction != _CLOSE:
                    double_at, single_at, double_mark = i, None, mark
                elif WORD.search(text, paragraph, i):
                    spans.append((paragraph, j, True))  # its opening mark was lost
                    paragraph = j
            elif direction == _OPEN and _LOW_OPEN.get(double_mark) != mark:
                if i == paragraph:  # runs on; a straight mark may yet prove a closing one
                    reopened = j if mark == "\"" else None
            else:
                spans.append((double_at, j, True))
                double_at = reopened = None
                paragraph = j
            continue
        if double_at is not None:
            continue  # single quotes inside double quotes are already quoted
        if single_at is not None and _single_closes(text, i, j, mark):
            spans.append((single_at, j, True))
            single_at, paragraph = None, j
        elif _single_opens(text, i, j, mark):
            single_at = i
    if double_at is not None:
        end = len(text.rstrip())
        spans.append((double_at, reopened, True) if reopened else (double_at, end, False))
    spans.sort()
    return spans
