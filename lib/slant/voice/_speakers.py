"""Voice stage, speakers: who a quote or a reported clause is attributed to.

Input: an article text and the span of an attribution verb in it, found by
:func:`slant.voice.find_quotes`. Output: the speaker as written ("a commander", "Name, a role")
and where it starts (:func:`speaker_before`, :func:`appositive`) or ends
(:func:`speaker_after`); "" when there is none. Compiled regular expressions over a window of
text before or after the verb; no loop over words.
"""

from __future__ import annotations

import re
from bisect import bisect_left

__all__ = ["WORD", "appositive", "break_positions", "speaker_after", "speaker_before"]

#: A word: letters or digits, with inner apostrophes or hyphens ("Daesh's", "al-Sham").
WORD = re.compile(r"\w+(?:['’-]\w+)*")
#: Quote marks garbled by reading UTF-8 as Windows-1252 ("â€œ" for "“"), as scraped news carries
#: them (see :mod:`slant.voice`): dropped from a speaker.
_GARBLED_MARK = re.compile(r"â€[œ\x9d\ufffd˜™“”]")
#: Words between a speaker and its verb that are not part of the speaker ("has also said",
#: "went on to say", "once famously said"; an "-ly" adverb only in lower case, not "Kelly").
_AUX_WORD = (
    r"(?:has|have|had|is|are|was|were|would|will|did|does|do|also|later|then|previously|"
    r"once|repeatedly|publicly|privately|recently|again|reportedly|further|often|always|never|"
    r"even|only|still|already|first|initially|ultimately|separately|earlier|\w+day|"
    r"not|on\s+\w+day|last\s+\w+|in\s+a\s+statement|went\s+on\s+to|goes\s+on\s+to|"
    r"(?-i:[a-z]\w+ly))")
# "(?:\s+WORD)+\s*$" written to open with "\s", so a search skips ahead to whitespace in C
_AUX_TAIL = re.compile(rf"\s\s*{_AUX_WORD}(?:\s+{_AUX_WORD})*\s*$", re.IGNORECASE)
#: Last words an ``_AUX_WORD`` can end with, besides "...day", "...ly" and "last <word>".
_AUX_LAST = frozenset({
    "has", "have", "had", "is", "are", "was", "were", "would", "will", "did", "does", "do", "also",
    "later", "then", "previously", "once", "repeatedly", "publicly", "privately", "recently",
    "again", "reportedly", "further", "often", "always", "never", "even", "only", "still",
    "already", "first", "initially", "ultimately", "separately", "earlier", "not", "statement",
    "to"})
_LEADING_WORD = re.compile(r"\w+")
#: Everything up to the last comma, colon, bracket, dash or quote mark: what follows is the
#: last clause-like chunk (matched greedily from the start, so in linear time).
_TO_LAST_BREAK = re.compile(r".*[,;:“”\"‘()\[\]—–]", re.DOTALL)
#: The longest role in "Name, a role, said" (characters).
_MAX_ROLE = 100
_LEAD_WORDS = re.compile(r"(?:\s*\b(?:and|but|while|as|so|yet|because|since|though|although|when|"
                         r"where|whereas|after|before|if|meanwhile|however|instead|also|then|now|"
                         r"that|which|who|even|only)\b)+", re.IGNORECASE)
#: A speaker written after its verb ("said a commander,"), past any time words, up to a comma,
#: stop or clause word.
_SPEAKER_AFTER = re.compile(
    r"\s*(?:to\s+)?(?:(?:on\s+|last\s+)?(?:\w+day|today|yesterday|earlier|later|recently|week|"
    r"month|year)\b,?\s*)*((?:(?!\s(?:who|which|that|in|on|at|during|after|when|because|as|"
    r"while)\b)[^,.;:!?()“”\"])+)")
#: The words of ``_LEAD_WORDS``, for a look-up before the regex (see :func:`_lead_end`).
_LEAD_SET = frozenset([
    "and", "but", "while", "as", "so", "yet", "because", "since", "though", "although", "when",
    "where", "whereas", "after", "before", "if", "meanwhile", "however", "instead", "also", "then",
    "now", "that", "which", "who", "even", "only"])
#: Chunks that end like this are not speakers ("they are liable to", "to laugh and").
_NOT_SPEAKER = re.compile(r"\b(?:to|not|would|could|should|might|may|must|can|will|\w+n[’']t|"
                          r"and|or|of|by|for|with|than|you|the|a|an)$", re.IGNORECASE)
#: The plain words of ``_NOT_SPEAKER`` (all but "...n't"), for a look-up before the regex.
_NOT_SPEAKER_SET = frozenset([
    "to", "not", "would", "could", "should", "might", "may", "must", "can", "will", "and", "or",
    "of", "by", "for", "with", "than", "you", "the", "a", "an"])
#: Pronouns never follow their verb in news ("said he" is archaic): a clause, not a speaker.
_PRONOUN = re.compile(r"(?:he|she|they|it|we|i|you)\b", re.IGNORECASE)
_MAX_SPEAKER_WORDS = 10  # longer chunks are clauses, not speakers (checked on the dev half)
#: Characters before a verb searched for its speaker: ten words, a role of 100 characters and
#: the words between ("has also said") fit.
_SPEAKER_REACH = 300
#: Characters before a verb searched for words that sit between it and its speaker.
_AUX_REACH = 60


#: Matches (at the start) a chunk of more than ``_MAX_SPEAKER_WORDS`` words as ``WORD``
#: counts them: non-word characters, then one ``WORD``, that many times plus one; possessive
#: and atomic, so a word is never split to make up the count. Stops at the eleventh word,
#: where ``WORD.findall`` would read them all.
_TOO_MANY_WORDS = re.compile(r"(?:\W*+(?>\w+(?:['’-]\w+)*+)){" + str(_MAX_SPEAKER_WORDS + 1) + "}")


def _too_many_words(chunk: str) -> bool:
    """``len(WORD.findall(chunk)) > _MAX_SPEAKER_WORDS``."""
    return _TOO_MANY_WORDS.match(chunk) is not None


def _clean_speaker(chunk: str) -> str:
    if "â" in chunk:
        chunk = _GARBLED_MARK.sub("", chunk)
    chunk = chunk.strip()
    # more than _MAX_SPEAKER_WORDS words take at least twice as many characters less one
    if not chunk or (len(chunk) >= 2 * _MAX_SPEAKER_WORDS + 1 and _too_many_words(chunk)):
        return ""
    # a _NOT_SPEAKER match holds no whitespace, so it lies in the last token: search there
    # (the search still sees the character before it for "\b"); a last token of plain ASCII
    # letters and digits is one word, so a set look-up answers the same
    last = chunk.rsplit(None, 1)[-1]
    if last.isascii() and last.isalnum():
        return "" if last.lower() in _NOT_SPEAKER_SET else chunk
    if _NOT_SPEAKER.search(chunk, len(chunk) - len(last)):
        return ""
    return chunk


def _lead_end(text: str, start: int, end: int) -> int:
    """Where ``text[start:end]`` starts once leading words like "and", "while", "that" (and
    the whitespace before them) are skipped: ``_LEAD_WORDS.match``, after a set look-up of the
    first word where it is plain ASCII letters (most chunks start with no lead word)."""
    first = text[start:min(end, start + 40)].split(None, 1)
    if first and first[0].isascii() and first[0].isalpha() and first[0].lower() not in _LEAD_SET \
            and (len(first) > 1 or start + 40 >= end):
        return start
    lead = _LEAD_WORDS.match(text, start, end)
    return lead.end() if lead else start


#: The characters ``_TO_LAST_BREAK`` ends on, for :func:`break_positions`.
_BREAK = re.compile(r"[,;:“”\"‘()\[\]—–]")


def break_positions(text: str) -> list[int]:
    """Sorted offsets of the characters that end a clause-like chunk (commas, colons,
    brackets, dashes, quote marks): found once per text, so that every speaker looked for in
    it finds the last one before its verb by bisection, not by a scan back over the window."""
    return [m.start() for m in _BREAK.finditer(text)]


def _chunk_start(text: str, lo: int, end: int, breaks: list[int] | None = None) -> int:
    """Start of the last clause-like chunk of ``text[lo:end]`` (``breaks``: the text's
    :func:`break_positions`, if known)."""
    if breaks is not None:
        i = bisect_left(breaks, end) - 1
        return breaks[i] + 1 if i >= 0 and breaks[i] >= lo else lo
    m = _TO_LAST_BREAK.match(text, lo, end)
    return m.end() if m else lo


def appositive(text: str, lo: int, end: int, breaks: list[int] | None = None) -> tuple[str, int] | None:
    """'Name, a role,' just before ``end``: the speaker with its role, and where it starts
    (``breaks`` as for :func:`_chunk_start`)."""
    body = text[lo:end].rstrip()
    if not body.endswith(","):
        return None
    role_end = lo + len(body) - 1
    role_at = _chunk_start(text, lo, role_end, breaks)
    if role_at == lo or text[role_at - 1] != "," or role_end - role_at > _MAX_ROLE:
        return None
    name_at = _chunk_start(text, lo, role_at - 1, breaks)
    lead = _LEAD_WORDS.match(text, name_at, role_at - 1)
    name_at = lead.end() if lead else name_at
    name, role = text[name_at:role_at - 1].strip(), text[role_at:role_end].strip()
    if not name or not role or _too_many_words(name):
        return None
    return _clean_speaker(f"{name}, {role}"), name_at + len(text[name_at:role_at]) - len(
        text[name_at:role_at].lstrip())


def _aux_tail(text: str, lo: int, end: int) -> re.Match | None:
    """``_AUX_TAIL.search(text, lo, end)``, skipped when the last word cannot end a match
    (most verbs follow their speaker directly: "the monitor said")."""
    body = text[lo:end].rstrip()
    # the last word: mostly the last whitespace-separated token, when it is all letters or
    # digits; else read as the regex reads it (within 40 characters, from the reversed text:
    # a match at its start, where a search for "\w+$" would try every position)
    word = body[body.rfind(" ") + 1:]
    if not (word.isalnum() and len(word) <= 40 and word.isascii()):
        last = _LEADING_WORD.match(body[:-41:-1])
        if not last:
            return None  # every _AUX_WORD ends with a word character
        word = last.group()[::-1]
    if (word.isascii() and word.lower() not in _AUX_LAST and not word.lower().endswith("day")
            and not word.endswith("ly") and "last" not in body.lower()
            and (body.isascii() or not any(c in body for c in "\u0131\u017f\u212a"))):
        return None  # (ı ſ K match i s k under re.I)
    return _AUX_TAIL.search(text, lo, end)


def speaker_before(text: str, lo: int, verb_at: int, breaks: list[int] | None = None) -> tuple[str, int]:
    """The speaker written before a verb, and where it starts (``verb_at`` when none);
    ``breaks`` as for :func:`_chunk_start`."""
    lo = max(lo, verb_at - _SPEAKER_REACH)
    aux = _aux_tail(text, max(lo, verb_at - _AUX_REACH), verb_at)
    end = aux.start() if aux else verb_at
    # the end of text[lo:end] without its trailing whitespace, stepped back to (a verb has a
    # space or two before it; slicing the window would copy up to 300 characters)
    while end > lo and text[end - 1].isspace():
        end -= 1
    if end > lo and text[end - 1] == ",":  # only then can an appositive end here
        found = appositive(text, lo, end, breaks)
        if found:
            return found
    start = _chunk_start(text, lo, end, breaks)
    start = _lead_end(text, start, end)
    chunk = text[start:end]
    speaker = _clean_speaker(chunk)
    if not speaker:
        return "", verb_at
    return speaker, start + len(chunk) - len(chunk.lstrip())


def speaker_after(text: str, at: int, end: int) -> tuple[str, int]:
    """The speaker written after a verb ("said a commander"), and where it ends."""
    m = _SPEAKER_AFTER.match(text, at, end)
    if not m or _PRONOUN.match(m.group(1)):
        return "", at
    return _clean_speaker(m.group(1)), m.end(1)
