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

Speakers are read by :mod:`slant._speakers`. The stage's evaluation against human raters
(:func:`load_penn_sentences`, :func:`evaluate_voice`: the Penn Media Bias Detector's 2,190
sentences) lives in :mod:`slant._voice_eval`; its public names are re-exported here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ._regex import finditer_at_cues, trie_pattern
from ._speakers import WORD, _clean_speaker, appositive, speaker_after, speaker_before

__all__ = [
    "ATTRIBUTION_VERBS",
    "DIRECT_MIN_WORDS",
    "METHODS",
    "MIN_SHARE",
    "PENN_COLUMNS",
    "QUOTE_KINDS",
    "SCARE_MAX_WORDS",
    "Quote",
    "VoiceError",
    "article_texts",
    "evaluate_voice",
    "find_quotes",
    "load_penn_sentences",
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


# --- attribution verbs -------------------------------------------------------------------------

# Our own list of the verb forms that attribute speech in news. Drawn up against the Gender Gap
# Tracker's cue-verb list (Asr et al. 2021, PLoS ONE 16(1): e0245533; read from
# ../shared/datasets/lexicons/ggt-quote-verbs, not copied): we keep its lemmas that introduce
# speech and drop those that mostly do not when there is no parser to check the object
# ("think", "present", "release", "ensure", "point", "find", "describe", "demonstrate"), and add
# lemmas it lacks ("deny", "allege", "concede", "contend", "stress", "vow", "urge", "quote").
_VERB_FORMS = """
    say says said saying   tell tells told telling   add adds added adding
    state states stated stating   claim claims claimed claiming   report reports reported
    quote quotes quoted   note notes noted noting   explain explains explained explaining
    argue argues argued arguing   insist insists insisted insisting   warn warns warned warning
    write writes wrote   tweet tweets tweeted   declare declares declared declaring
    announce announces announced   allege alleges alleged alleging   assert asserts asserted
    contend contends contended   acknowledge acknowledges acknowledged   admit admits admitted
    deny denies denied denying   concede concedes conceded   suggest suggests suggested
    stress stresses stressed   emphasize emphasizes emphasized   emphasise emphasises emphasised
    maintain maintains maintained   recall recalls recalled   reply replies replied
    respond responds responded   ask asks asked   testify testifies testified
    complain complains complained   predict predicts predicted   vow vows vowed
    urge urges urged   counter counters countered   confirm confirms confirmed
    continue continues continued   remark remarks remarked   observe observes observed
    exclaim exclaimed   assure assures assured   inform informs informed   remind reminded
    according
"""
#: Verb forms that attribute speech (our own list; see the comment above for its source).
ATTRIBUTION_VERBS: frozenset[str] = frozenset(_VERB_FORMS.split())
#: Forms that take a reported clause with or without "that" ("he said the town fell"); every
#: other form needs "that" or a colon after it, or must trail its clause (", he added.").
_BARE_CLAUSE = frozenset({"say", "says", "said", "saying", "tell", "tells", "told", "telling"})


_ATTRIB = re.compile(r"\b(?:(?P<acc>[Aa]ccording to)|(?P<qas>quoted as saying)"
                     # active relay: "Reuters quoted a military source as saying": the source speaks
                     r"|(?P<relay>quoted\s+(?P<quotee>[^,;:.!?\"“”]{2,80}?)\s+as\s+saying)|(?P<verb>"
                     + trie_pattern(ATTRIBUTION_VERBS - {"according"}) + r"))\b")

#: Where an ``_ATTRIB`` match can start: the shortest cue words, for :func:`finditer_at_cues`.
_CUES = ATTRIBUTION_VERBS - {"according"} | {"According to", "according to"}

# --- quote marks ---------------------------------------------------------------------------

#: One pass finds every event the marks parser needs: paragraph breaks, quote marks, and quote
#: marks and dashes garbled by reading UTF-8 as Windows-1252 ("â€œ" for "“", "â€“" for "–"),
#: which scraped news often carries (the dash's garbled form holds a "“" that is no quote).
#: (It is ``\n\s*|â€[œ\x9d\ufffd˜™“”]|["“”„‟«»‘’'‛]`` opening with a character set, so the
#: engine skips ahead in C.)
_EVENT = re.compile(r"[\n\"“”„‟«»‘’'‛â](?:(?<=\n)\s*|(?<=â)€[œ\x9d\ufffd˜™“”]|(?<=[^\nâ]))")
_GARBLED = {"â€œ": "“", "â€\x9d": "”", "â€\ufffd": "”", "â€˜": "‘", "â€™": "’",
            "â€“": "", "â€”": ""}
_DOUBLE_OPEN, _DOUBLE_CLOSE, _DOUBLE, _SINGLE = "“„‟«", "”»", "\"“”„‟«»", "‘’'‛"
#: Characters after which a straight quote opens, and before which it closes.
_BEFORE_OPEN = "([{—–-/“‘\"'"
_AFTER_CLOSE = ".,;:!?)]}—–-/”’\"'…"
#: Elisions after an apostrophe that are not quotes: rock 'n' roll, 'em, 'tis, 'til, '90s, '17.
_ELISION = re.compile(r"(?:n['’]|em\b|tis\b|twas\b|til\b|cause\b|bout\b|\d\ds?\b)", re.IGNORECASE)
#: A whole utterance in marks, however short: a capital first, its own punctuation last
#: ('"It is over."', '"We won,"'), unlike a quoted phrase ('the "caliphate."').
_UTTERANCE = re.compile(r"\W*[A-Z].*[.,!?…]\W*", re.DOTALL)
#: Words a title keeps in lower case ("Boys of the Sea"), by common English title-case rules
#: (e.g. the Chicago Manual of Style, 8.159).
_TITLE_SMALL_WORDS = frozenset({
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
    return (mark in "‘'‛" and (before.isspace() or before in _BEFORE_OPEN) and after.isalnum()
            and not _ELISION.match(text, j))


def _single_closes(text: str, i: int, j: int, mark: str) -> bool:
    """A single quote that can close a quotation: not inside a word ("Daesh's", "don't")."""
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


def _mark_spans(text: str) -> list[tuple[int, int, bool]]:
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
                    double_at, single_at = i, None
                elif WORD.search(text, paragraph, i):
                    spans.append((paragraph, j, True))  # its opening mark was lost
                    paragraph = j
            elif direction == _OPEN:
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


# --- reported speech -----------------------------------------------------------------------

#: What may follow a trailing attribution before the sentence ends: a few words ("in a statement
#: on Thursday"), no clause.
_TAIL = re.compile(r"(?:\s+[\w’'-]+|(?<!\w)[\w’'-]+){0,6}\s*[.!?]*[”\"’]?\s*$")
#: The same after a verb of telling, which names its hearer first.
_TELL_TAIL = re.compile(r"(?:\s+[\w’'.-]+|(?<![\w’'.-])[\w’'.-]+){0,12}\s*[.!?]*[”\"’]?\s*$")
#: After a verb that needs it: "that" (optionally after a recipient: "warned reporters that") or
#: a colon.
_THAT = re.compile(r"\s*(?:(?:[\w’'-]+\s+){0,3}?that\b|:)")
_THAT_NOW = re.compile(r"\s*(?:that\b|:)")
#: What ends a clause that a trailing attribution follows: 'Clause, he said.' '"Quote," he said.'
_CLAUSE_ENDS = (",", "—", "–", "”", "\"", "’")
#: Verbs whose object is the hearer, so a name after them is never the speaker ('told X').
_TELL = frozenset({
    "tell", "tells", "told", "telling", "inform", "informs", "informed", "remind", "reminded",
    "assure", "assures", "assured", "urge", "urges", "urged", "ask", "asks", "asked"})


def _attribution(text: str, ss: int, se: int, m: re.Match) -> tuple[str, int, int]:
    """Speaker and reported clause ``(speaker, start, end)`` of one attribution verb match.

    The clause is empty (start == end) when the verb attributes nothing in its sentence.
    """
    v0, v1 = m.span()
    head = text[ss:v0]
    if m.group("acc"):
        speaker, _ = speaker_after(text, v1, se)
        if not head.strip(" \"“‘"):  # "According to X, clause."
            comma = text.find(",", v1, se)
            return speaker, (comma + 1 if comma >= 0 else se), se
        return speaker, ss, ss + len(head.rstrip(" ,—–"))  # "Clause, according to X."
    if m.group("relay"):
        that = _THAT.match(text, v1, se)
        return _clean_speaker(m.group("quotee")), (that.end() if that else v1), se
    if m.group("qas"):
        speaker, _ = speaker_before(text, ss, _quoted_verb_start(text, ss, v0))
        return speaker, v1, se
    verb = m.group("verb")
    if verb == "saying" and head.rstrip().endswith(","):  # "..., saying the town fell"
        return "", v1, se
    if (head.rstrip().endswith(_CLAUSE_ENDS) and verb not in _TELL and verb != "saying"
            and not appositive(text, ss, v0)):  # inverted: '..., said a commander(, a role).'
        speaker, sp_end = speaker_after(text, v1, se)
        if speaker and (text.startswith(",", sp_end) or _TAIL.match(text, sp_end, se)):
            return speaker, ss, ss + len(head.rstrip(" ,”\"’"))
    speaker, sp_at = speaker_before(text, ss, v0)
    before = text[ss:sp_at].rstrip()
    tail = _TELL_TAIL if verb in _TELL else _TAIL  # 'told the monitor's staff on Friday.'
    if sp_at < v0 and before.endswith(_CLAUSE_ENDS) and tail.match(text, v1, se):
        return speaker, ss, ss + len(before.rstrip(" ,—–"))  # 'Clause, a commander said.'
    that = _THAT.match(text, v1, se)
    if verb in _BARE_CLAUSE or that:
        if verb not in _TELL:  # the clause starts after "that", past any hearer of "told"
            that = _THAT_NOW.match(text, v1, se)
        return speaker, (that.end() if that else v1), se
    return speaker, v1, v1


def _quoted_verb_start(text: str, ss: int, at: int) -> int:
    """Where "was quoted as saying" starts, so the speaker before it can be read."""
    m = re.search(r"\s(?:was|were|is|are|has been|had been)\s+$", text[ss:at])
    return ss + m.start() if m else at


# --- the public API ---------------------------------------------------------------------------

def find_quotes(text: str, sentences: Sequence[tuple[int, int]]) -> list[Quote]:
    """All quoted spans of one article, sorted by start.

    Parameters
    ----------
    text : str
        The article text; line breaks separate paragraphs.
    sentences : sequence of (int, int)
        The article's sentence spans ``(start, end)`` in order, as
        :func:`slant.text.split_sentences` returns them. A reported clause runs within its
        sentence, and the speaker is looked for there.

    Returns
    -------
    list of Quote
        Quote-mark spans (``"marks"``, ``"scare"``) never overlap one another; a reported span
        never overlaps a quote-mark span (the parts of a clause inside marks belong to them).
    """
    marks = _mark_spans(text)
    mark_starts = [s for s, _, _ in marks]
    starts = [s for s, _ in sentences]
    by_sentence: dict[int, list[tuple[int, str]]] = {}
    reported = []
    for m in finditer_at_cues(_ATTRIB, _CUES, text):
        v0 = m.start()
        k = bisect_right(starts, v0) - 1
        j = bisect_right(mark_starts, v0) - 1
        if k < 0 or v0 >= sentences[k][1] or (j >= 0 and marks[j][1] > v0):
            continue  # outside every sentence, or the verb is itself quoted
        speaker, c0, c1 = _attribution(text, *sentences[k], m)
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
        quotes.append(Quote(s, e, kind, speaker))
        previous = (k_end, speaker)
    quotes.extend(_reported_pieces(text, reported, marks, mark_starts))
    return sorted(quotes, key=lambda q: (q.start, q.end))


def _marks_kind(text: str, s: int, e: int, closed: bool) -> str:
    """"title" for a name in title case, "scare" for one to three words that are not a whole
    utterance, else "marks"."""
    words = WORD.findall(text, s, e)
    if not closed:
        return "marks"
    content = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS and not w[0].isdigit()]
    if len(words) > 1 and content and all(w[0].isupper() for w in content):
        return "title"
    if len(words) <= SCARE_MAX_WORDS and not _UTTERANCE.fullmatch(text, s, e):
        return "scare"
    return "marks"


def _reported_pieces(text, reported, marks, mark_starts) -> list[Quote]:
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
            out.append(Quote(p0 + lead, p1 - trail, "reported", speaker))
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


@lru_cache(maxsize=1)
def _word_table() -> np.ndarray:
    """Is each character of the Basic Multilingual Plane a word character (``\\w``)?"""
    return np.array([c.isalnum() or c == "_" for c in map(chr, range(_BMP))], dtype=bool)


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


# The evaluation imports the detector above, so it is re-exported last (no import cycle).
from ._voice_eval import (
    METHODS,
    PENN_COLUMNS,
    VoiceError,
    article_texts,
    evaluate_voice,
    load_penn_sentences,
)
