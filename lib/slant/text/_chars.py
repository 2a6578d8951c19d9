"""Character tables of the text stage: code points of a text and per-character classes
(word, space) looked up in tables of the whole Basic Multilingual Plane.

Used by the sentence splitter, the normal form, the corpus index, and by later stages that scan
code points (matching, quote finding) through :mod:`slant.text`. They live in
:mod:`slant.common` (the corpus stage counts words with them too); these are the names the
text stage's modules use.
"""

from __future__ import annotations

from ..common import BMP, bmp_text, char_class, char_codes, char_table, char_test

__all__ = ["BMP", "char_class", "char_codes", "char_table"]

_bmp = bmp_text
_is = char_test
