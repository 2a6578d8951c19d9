"""Shared text machinery: regular expressions written so Python's engine scans them fast.

Python's ``re`` skips ahead in C only when a pattern opens with a literal or a character set
(and the set is rare in the text); a pattern that opens with ``\\b``, a group of alternatives
or a repeat is tried at every position, which costs seconds on 75 M characters.
"""

from __future__ import annotations

import re

__all__ = ["trie_pattern"]


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
