"""Voice stage, reported speech: attribution verbs and the clause and speaker each one reports.

Input: an article text, one sentence's span and an attribution-verb match of :data:`ATTRIB`
in it (found by :func:`slant.voice.find_quotes`). Output: the speaker and the reported clause
(:func:`attribution`). Compiled regular expressions over the sentence; speakers are read by
:mod:`slant.voice._speakers`.
"""

from __future__ import annotations

import re

from ..text import trie_pattern
from ._speakers import _clean_speaker, appositive, speaker_after, speaker_before

__all__ = ["ATTRIB", "ATTRIBUTION_VERBS", "CUES", "attribution"]

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


ATTRIB = re.compile(r"\b(?:(?P<acc>[Aa]ccording to)|(?P<qas>quoted as saying)"
                     # active relay: "Reuters quoted a military source as saying": the source speaks
                     r"|(?P<relay>quoted\s+(?P<quotee>[^,;:.!?\"“”]{2,80}?)\s+as\s+saying)|(?P<verb>"
                     + trie_pattern(ATTRIBUTION_VERBS - {"according"}) + r"))\b")

#: Where an ``ATTRIB`` match can start: its opening words, for :func:`slant.text.word_cue_starts`.
CUES = ATTRIBUTION_VERBS - {"according"} | {"According to", "according to"}

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


def attribution(text: str, ss: int, se: int, m: re.Match,
                breaks: list[int] | None = None) -> tuple[str, int, int]:
    """Speaker and reported clause ``(speaker, start, end)`` of one attribution verb match.

    The clause is empty (start == end) when the verb attributes nothing in its sentence.
    ``breaks``: the text's :func:`slant.voice._speakers.break_positions`, if known (faster).
    """
    v0, v1 = m.span()
    head = text[ss:v0]
    form = m.lastgroup  # which alternative of ATTRIB matched (one look-up, not one per name)
    if form == "acc":
        speaker, _ = speaker_after(text, v1, se)
        if not head.strip(" \"“‘"):  # "According to X, clause."
            comma = text.find(",", v1, se)
            return speaker, (comma + 1 if comma >= 0 else se), se
        return speaker, ss, ss + len(head.rstrip(" ,—–"))  # "Clause, according to X."
    if form == "relay":
        that = _THAT.match(text, v1, se)
        return _clean_speaker(m.group("quotee")), (that.end() if that else v1), se
    if form == "qas":
        speaker, _ = speaker_before(text, ss, _quoted_verb_start(text, ss, v0), breaks)
        return speaker, v1, se
    verb = m.group()
    if verb == "saying" and head.rstrip().endswith(","):  # "..., saying the town fell"
        return "", v1, se
    if (head.rstrip().endswith(_CLAUSE_ENDS) and verb not in _TELL and verb != "saying"
            and not appositive(text, ss, v0, breaks)):  # inverted: '..., said a commander(, a role).'
        speaker, sp_end = speaker_after(text, v1, se)
        if speaker and (text.startswith(",", sp_end) or _TAIL.match(text, sp_end, se)):
            end = ss + len(head.rstrip(" ,”\"’"))
            return speaker, _trailing_clause_start(text, ss, end), end
    speaker, sp_at = speaker_before(text, ss, v0, breaks)
    if sp_at < v0:
        before = text[ss:sp_at].rstrip()
        tail = _TELL_TAIL if verb in _TELL else _TAIL  # 'told the monitor's staff on Friday.'
        if before.endswith(_CLAUSE_ENDS) and tail.match(text, v1, se):
            end = ss + len(before.rstrip(" ,—–"))  # 'Clause, a commander said.'
            return speaker, _trailing_clause_start(text, ss, end), end
    if verb in _BARE_CLAUSE and verb not in _TELL:  # "said (that) ...": the clause follows
        that = _THAT_NOW.match(text, v1, se)
        return speaker, (that.end() if that else v1), se
    that = _THAT.match(text, v1, se)
    if verb in _BARE_CLAUSE or that:
        if verb not in _TELL:  # the clause starts after "that", past any hearer of "told"
            that = _THAT_NOW.match(text, v1, se)
        return speaker, (that.end() if that else v1), se
    return speaker, v1, v1


#: What ends the outlet's own clause just before an opening quote mark: 'on Monday, but "...'.
_OWN_CLAUSE_END = re.compile(r"(?:[,;:—–]|\b(?:but|and|while|as|yet|whereas))\s*$", re.IGNORECASE)


def _trailing_clause_start(text: str, ss: int, end: int) -> int:
    """Where the clause of a trailing attribution starts: the sentence start, unless the clause
    ends with a closing double quote mark whose quote follows a clause of the outlet's own
    ('Forces took the town, but "the shelling went on," a doctor said.'): then its opening mark."""
    if end <= ss or text[end - 1] not in "”\"":
        return ss
    opening = max(text.rfind("“", ss, end - 1), text.rfind("\"", ss, end - 1))
    if opening > ss and _OWN_CLAUSE_END.search(text, ss, opening):
        return opening
    return ss


def _quoted_verb_start(text: str, ss: int, at: int) -> int:
    """Where "was quoted as saying" starts, so the speaker before it can be read."""
    m = re.search(r"\s(?:was|were|is|are|has been|had been)\s+$", text[ss:at])
    return ss + m.start() if m else at
