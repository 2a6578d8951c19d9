"""Shared text machinery: regular expressions written so Python's engine scans them fast.

Python's ``re`` skips ahead in C only when a pattern opens with a literal or a character set
(and the set is rare in the text); a pattern that opens with ``\\b``, a group of alternatives
or a repeat is tried at every position, which costs seconds on 75 M characters. Such a
pattern can instead be tried only where one of its opening words occurs, found by an
Aho-Corasick pass in C (:func:`word_cue_starts`, then :func:`match_at` there).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain

import ahocorasick
import numpy as np

from ._chars import char_class, char_codes

__all__ = ["match_at", "trie_pattern", "word_cue_starts"]


def trie_pattern(words) -> str:
    """One regular expression for a set of words, as a trie ("sa(?:id|y(?:ing|s)?)"): Python's
    engine tries a flat alternation word by word at every position, a trie letter by letter."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


@lru_cache(maxsize=8)
def _cue_automaton(cues: frozenset[str]) -> ahocorasick.Automaton:
    """An automaton of the cues that hold no shorter cue at their start (one is enough)."""
    auto = ahocorasick.Automaton()
    for cue in cues:
        if not any(cue != other and cue.startswith(other) for other in cues):
            auto.add_word(cue, len(cue))
    auto.make_automaton()
    return auto


def word_cue_starts(cues: frozenset[str], text: str) -> np.ndarray:
    r"""Sorted distinct offsets where one of ``cues`` starts a word of ``text``.

    One automaton pass in C for a whole text (or many texts joined by line breaks), the
    positions gathered by numpy: no Python object per occurrence. "Starts a word": at the
    text's start or after a character that is not ``\w``, as ``\b`` before a cue that opens
    with a letter demands; so a pattern ``\b(?:cue...)`` can match only at these offsets
    (:func:`match_at`), and a cue inside a word ("add" in "address") is never tried.
    """
    found = np.fromiter(chain.from_iterable(_cue_automaton(cues).iter(text)), dtype=np.int64)
    found = found.reshape(-1, 2)
    starts = np.unique(found[:, 0] - found[:, 1] + 1)
    before = starts[starts > 0] - 1
    if not len(before):
        return starts
    word = np.zeros(len(starts), dtype=bool)
    word[starts > 0] = char_class(char_codes(text)[before], "isword")  # the characters before
    return starts[~word]


def match_at(pattern: re.Pattern, text: str, starts):
    r"""Matches of ``pattern`` at the given sorted offsets of ``text``, left to right and not
    overlapping. With the offsets of :func:`word_cue_starts` this gives the matches of
    ``pattern.finditer(text)`` for a pattern whose every match opens with ``\b`` and a cue."""
    end = 0
    for start in starts:
        m = pattern.match(text, start) if start >= end else None
        if m:
            end = m.end()
            yield m
