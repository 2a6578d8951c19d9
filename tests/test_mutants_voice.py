"""Tests found missing by mutation testing of slant.voice (`make mutate MODULES=voice`,
docs/mutation.md): the direction of a straight quote mark from its neighbours, apostrophes
against closing single quotes, and the edges of sentence_quoted. Cases worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from slant.text import split_sentences
from slant.voice._marks import (
    _CLOSE,
    _EITHER,
    _OPEN,
    _double_direction,
    _mark,
    _single_closes,
    _single_opens,
)
from slant.voice._quotes import Quote, _marks_kind, find_quotes, sentence_quoted
from slant.voice._reported import _quoted_verb_start, _trailing_clause_start
from slant.voice._speakers import (
    _aux_tail,
    _clean_speaker,
    appositive,
    speaker_after,
    speaker_before,
)


@pytest.mark.parametrize("text, at, expected", [
    ('He said "yes" now', 8, _OPEN),          # space before, a letter after
    ('He said "yes" now', 12, _CLOSE),        # a letter before, a space after
    ('He said "yes". Then', 12, _CLOSE),      # a full stop after closes too
    ('"yes" he said', 0, _OPEN),              # the text's start counts as a space before
    ('he said "yes"', 12, _CLOSE),            # the text's end counts as a space after
    ('a " b', 2, _EITHER),                    # spaces on both sides
    ('a"b', 1, _EITHER),                      # letters on both sides
], ids=["opens", "closes", "closes-before-stop", "text-start", "text-end", "spaces-both",
        "letters-both"])
def test_straight_double_quote_direction(text, at, expected):
    assert _double_direction(text, at, at + 1, '"') == expected


def test_curly_double_quotes_say_their_direction():
    assert _double_direction("a“b", 1, 2, "“") == _OPEN
    assert _double_direction("a ” b", 2, 3, "”") == _CLOSE


def test_a_paragraph_break_is_no_mark():
    assert _mark("\n") == "" and _mark("\n  ") == ""
    assert _mark("â€œ") == "“" and _mark("â€“") == ""


@pytest.mark.parametrize("text, at, expected", [
    ("He said 'yes'", 8, True),       # a space before, a letter after
    ("('yes')", 1, True),             # an opening bracket before
    ("O'Brien said", 1, False),       # inside a name
    ("the '90s", 4, False),           # an elision
    ("He said ' yes", 8, False),      # nothing to quote after it
], ids=["opens", "after-bracket", "in-a-name", "elision", "space-after"])
def test_single_quote_opens(text, at, expected):
    assert _single_opens(text, at, at + 1, text[at]) is expected


@pytest.mark.parametrize("text, at, mark, expected", [
    ("Daesh's fighters", 5, "'", False),     # a possessive inside a word
    ("said 'yes' then", 9, "'", True),       # a letter before, a space after
    ("debt’The next", 4, "’", True),         # a paragraph glued on: a capital after
    ("a ’ b", 2, "’", False),                # a space before never closes
    ("a‘ b", 1, "‘", False),                 # an opening mark never closes
], ids=["possessive", "closes", "glued-paragraph", "space-before", "opening-mark"])
def test_single_quote_closes(text, at, mark, expected):
    assert _single_closes(text, at, at + 1, mark) is expected


def test_no_sentence_gives_an_empty_boolean_array():
    out = sentence_quoted("", [])
    assert out.dtype == bool and out.shape == (0,)


def test_share_at_the_threshold_is_quoted():
    # "abcd efgh": 8 word characters; a scare quote over "abcd" covers 4: share 0.5 exactly.
    text = "abcd efgh"
    quotes = [Quote(0, 4, "scare", "")]
    assert sentence_quoted(text, [(0, 9)], quotes, min_share=0.5, min_words=0).tolist() == [True]
    assert sentence_quoted(text, [(0, 9)], quotes, min_share=0.51, min_words=0).tolist() == [False]


def test_overlapping_quotes_count_each_character_once():
    # a quote over "abcd" and one over "ab" inside it cover 4 of 8 word characters, not 6
    text = "abcd efgh"
    quotes = [Quote(0, 4, "scare", ""), Quote(0, 2, "marks", "")]
    assert sentence_quoted(text, [(0, 9)], quotes, min_share=0.5, min_words=0).tolist() == [True]
    assert sentence_quoted(text, [(0, 9)], quotes, min_share=0.6, min_words=0).tolist() == [False]


def test_characters_past_the_basic_plane_are_word_characters():
    # U+10000 (a Linear B syllable) and U+1D400 (a mathematical capital A) are letters: a
    # quote over two of them covers 2 of the sentence's 4 word characters.
    text = "\U00010000\U0001d400 ab"
    quotes = [Quote(0, 2, "scare", "")]
    assert sentence_quoted(text, [(0, 5)], quotes, min_share=0.5, min_words=0).tolist() == [True]
    assert sentence_quoted(text, [(0, 5)], quotes, min_share=0.51, min_words=0).tolist() == [False]


def test_a_sentence_without_word_characters_is_never_quoted():
    text = '"" ab'
    quotes = [Quote(0, 2, "marks", "")]
    assert sentence_quoted(text, [(0, 2), (3, 5)], quotes, min_words=0).tolist() == [False, False]
    assert np.asarray(sentence_quoted(text, [(0, 2), (3, 5)], quotes)).tolist() == [False, False]


# --- issue 15, second round: the survivors of `tools/mutate.py voice` of 2026-12-08 ----------

@pytest.mark.parametrize("text, ss, end, expected", [
    ('We left, and "go"', 0, 17, 13),            # own clause, then a straight quote: its mark
    ("We left, and “go”", 0, 17, 13),            # the same with curly marks
    ('A. We left, and "go"', 3, 20, 16),         # a sentence that does not start the text
    ('He said "no" then, but "go"', 0, 27, 23),  # the last opening mark, not the first
    ("He said “no” then, but “go”", 0, 27, 23),
    ("We left, and “go”“", 0, 17, 13),           # a mark just past the clause's end is not read
    ('We left, and "go""', 0, 17, 13),
    ("We left, and “go” then “x", 0, 17, 13),    # nor one further on
    ("We left, and “”", 0, 15, 13),              # an empty quote just before the closing mark
    ('We left, and ""', 0, 15, 13),
    ('We left "go"', 0, 12, 0),                  # no clause of the outlet's own before the quote
    ('We left, and " X', 0, 16, 0),              # the clause does not end with a closing mark
    ('We left, and "go"', 0, 0, 0),              # an empty clause
], ids=["straight", "curly", "later-sentence", "last-opening-straight", "last-opening-curly",
        "curly-mark-after-end", "straight-mark-after-end", "curly-mark-further-on",
        "empty-curly-quote", "empty-straight-quote", "no-own-clause", "no-closing-mark",
        "empty-clause"])
def test_trailing_clause_starts_at_the_quote_after_an_own_clause(text, ss, end, expected):
    assert _trailing_clause_start(text, ss, end) == expected


@pytest.mark.parametrize("text, at, expected", [
    ("The commander was quoted as saying", 18, 13),   # the speaker ends before " was"
    ("The envoys had been quoted as saying", 20, 10),
    ("Officials quoted as saying", 10, 10),           # no auxiliary: the verb itself
], ids=["was", "had-been", "no-auxiliary"])
def test_quoted_verb_starts_at_its_auxiliary(text, at, expected):
    assert _quoted_verb_start(text, 0, at) == expected


@pytest.mark.parametrize("text, expected", [
    ("The commander has also", (13, 22)),     # a last word of the set
    ("The commander on Monday", (13, 23)),    # "...day"
    ("The commander swiftly", (13, 21)),      # "-ly" in lower case, a word of no set
    ("The commander last week", (13, 23)),    # "last <word>": the last word is any word
    ("The commander la\u017ft week", (13, 23)),  # long s matches "s" under re.I
    ("The commander\talso", (13, 18)),        # the last space is not the last whitespace
    (" Monday", (0, 7)),                      # a window that starts at the space
    ("The commander said", None),             # no word between speaker and verb
    ("The commander Kelly", None),            # "-ly" with a capital is a name
], ids=["aux-word", "weekday", "ly-adverb", "last-week", "long-s", "tab", "window-at-space",
        "none", "capital-ly"])
def test_aux_tail_finds_the_words_before_the_verb(text, expected):
    found = _aux_tail(text, 0, len(text))
    assert (found.span() if found else None) == expected


ROLE_100 = " a doctor at the small clinic by the river who has worked in the town since the war began in October"


@pytest.mark.parametrize("text, expected", [
    ("Sam Lee, a local doctor, said", ("Sam Lee, a local doctor", 0)),
    ("On Friday, Sam Lee, a local doctor, said", ("Sam Lee, a local doctor", 11)),
    ("We left, but Sam Lee, a doctor, said", ("Sam Lee, a doctor", 13)),   # lead word skipped
    ("We left, and, a doctor, said", None),           # the name is only a lead word
    ("Yes, Sam (Lee), a doctor, said", None),         # nothing between bracket and comma
    ("We left (Sam Lee) a doctor, said", None),       # the role follows a bracket, no comma
    ("Sam Lee a doctor,", None),                      # no comma before the role
    ("Sam Lee, , said", None),                        # an empty role
    ("one two three four five six seven eight nine ten eleven, a doctor, said", None),
    # a role of 100 characters is read (its 20 words then make no speaker: more than ten)
    ("Sam Lee," + ROLE_100 + ", said", ("", 0)),
    ("Sam Lee," + ROLE_100 + "s, said", None),                         # 101 is too long
], ids=["name-role", "after-clause", "lead-word", "lead-word-only", "empty-name-in-brackets",
        "bracket-before-role", "no-comma", "empty-role", "eleven-word-name", "role-100",
        "role-101"])
def test_appositive(text, expected):
    assert len(ROLE_100) == 100
    assert appositive(text, 0, text.rindex(",") + 2) == expected


def test_appositive_far_into_a_long_sentence():
    # a role's offset past _MAX_ROLE characters does not count against the role's length
    pad = "The roads into the town were open again until the rains came down hard all week, "
    pad = pad * 2
    text = pad + "Sam Lee, a doctor, said"
    assert appositive(text, 0, len(text) - 4) == ("Sam Lee, a doctor", len(pad))


@pytest.mark.parametrize("text, expected", [
    ('"of the"', "scare"),              # small words only: no content word, not a title
    ('"big Red Car"', "scare"),         # a lower-case content word ends the title case
    ('"War of Words"', "title"),        # a small word keeps the title case
    ('"Long Walk Home Again soon"', "marks"),  # read past three words: lower case, no title
    ('"Hope"', "scare"),                # one word is no title
    ('"Red Car"', "title"),             # two are
    ('"Yes," he said', "marks"),        # an utterance within the marks, not to the text's end
], ids=["small-words-only", "lower-then-capitals", "small-word-in-title", "long-not-title",
        "one-word", "two-word-title", "utterance"])
def test_marks_kind(text, expected):
    e = text.rindex('"') + 1
    assert _marks_kind(text, 0, e, True) == expected


@pytest.mark.parametrize("chunk, expected", [
    ("â€œSam Lee", "Sam Lee"),                   # a garbled quote mark is dropped
    ("a b c d e f g h i j", "a b c d e f g h i j"),  # ten words: a speaker
    ("a b c d e f g h i j k", ""),                # eleven in 21 characters: a clause
    ("", ""),
], ids=["garbled-mark", "ten-words", "eleven-words", "empty"])
def test_clean_speaker(chunk, expected):
    assert _clean_speaker(chunk) == expected


@pytest.mark.parametrize("text, at, end, expected", [
    ("said Sam Lee and others", 4, 12, ("Sam Lee", 12)),   # read only up to the end given
    ("said he would go", 4, 16, ("", 4)),                  # a pronoun is no speaker
], ids=["stops-at-end", "pronoun"])
def test_speaker_after(text, at, end, expected):
    assert speaker_after(text, at, end) == expected


def test_no_speaker_before_a_verb_after_a_comma():
    assert speaker_before("We left, said", 0, 9) == ("", 9)


def test_single_guillemets_say_their_direction():
    # "‹" always opens and "›" always closes, whatever their neighbours (letters, spaces)
    assert _single_opens("a‹b", 1, 2, "‹") is True
    assert _single_closes("a › b", 2, 3, "›") is True


def test_a_one_character_sentence_can_be_wholly_quoted():
    # one word character, covered: share 1/1, not 1/2
    quotes = [Quote(0, 1, "scare", "")]
    assert sentence_quoted("a", [(0, 1)], quotes, min_share=1.0, min_words=0).tolist() == [True]


@pytest.mark.parametrize("text, quote, expected", [
    ('"a" b c d e f', (0, 3), True),   # one word of direct speech in six: quoted by min_words
    ("a b c d", (0, 1), True),          # a word at the text's very start is a word start
    ("a b c d", (1, 2), False),         # a quote over a space holds no word
], ids=["one-word-after-mark", "word-at-text-start", "no-word"])
def test_one_word_of_direct_speech_makes_a_sentence_quoted(text, quote, expected):
    quotes = [Quote(*quote, "marks", "")]
    assert sentence_quoted(text, [(0, len(text))], quotes, min_words=1).tolist() == [expected]


@pytest.mark.parametrize("text, expected", [
    # "According to X, clause": the clause starts after the first comma, not the last
    ("According to the monitor, the town fell, and the roads closed.",
     [("reported", "the town fell, and the roads closed.", "the monitor")]),
    ("According to the monitor,the town fell.",
     [("reported", "the town fell.", "the monitor")]),
    ("According to the monitor the town fell.", []),          # no comma: no clause
    ("He said that the town fell.", [("reported", "the town fell.", "He")]),  # "that" left out
    # "..., saying ...": the clause after it, with no speaker
    ("The town fell, saying the roads closed.", [("reported", "the roads closed.", "")]),
    # after a quote, "saying" does not take the words after it for a speaker
    ("“The town fell,” saying the roads closed.",
     [("marks", "“The town fell,”", ""), ("reported", "the roads closed.", "")]),
], ids=["according-first-comma", "according-no-space", "according-no-comma", "said-that",
        "comma-saying", "quote-saying"])
def test_reported_clauses(text, expected):
    assert [(q.kind, text[q.start:q.end], q.speaker)
            for q in find_quotes(text, split_sentences(text))] == expected
