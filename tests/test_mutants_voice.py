"""Tests found missing by mutation testing of slant.voice (`make mutate MODULES=voice`,
docs/mutation.md): the direction of a straight quote mark from its neighbours, apostrophes
against closing single quotes, and the edges of sentence_quoted. Cases worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from slant.voice._marks import (
    _CLOSE,
    _EITHER,
    _OPEN,
    _double_direction,
    _mark,
    _single_closes,
    _single_opens,
)
from slant.voice._quotes import Quote, sentence_quoted


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
