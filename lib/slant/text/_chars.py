"""Character tables of the text stage: code points of a text and per-character classes
(word, space) looked up in tables of the whole Basic Multilingual Plane.

Used by the sentence splitter, the normal form, the corpus index, and by later stages that scan
code points (matching, quote finding) through :mod:`slant.text`.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

__all__ = ["BMP", "char_class", "char_codes", "char_table"]

BMP = 0x10000  # tables below cover the Basic Multilingual Plane; rarer characters are looked up


def _is(c: str, test: str) -> bool:
    return c.isspace() if test == "isspace" else (c.isalnum() or c == "_")


@lru_cache(maxsize=1)
def _bmp() -> str:
    """Every character of the Basic Multilingual Plane, in code-point order."""
    return "".join(map(chr, range(BMP)))


@lru_cache(maxsize=2)
def char_table(test: str) -> np.ndarray:
    r""":func:`_is` for every character of the Basic Multilingual Plane.

    Built by one regex substitution over all of them (the engine's ``\s`` and ``\w`` are
    ``str.isspace`` and ``str.isalnum`` or "_"), not 65,536 calls: every other character
    becomes U+0000, which is neither (``tests/test_text.py`` checks it against :func:`_is`).
    """
    other = re.compile(r"\S" if test == "isspace" else r"\W")
    kept = other.sub("\0", _bmp())
    return np.frombuffer(kept.encode("utf-32-le", "surrogatepass"), dtype=np.uint32) != 0


def char_class(codes: np.ndarray, test: str) -> np.ndarray:
    r"""Per code point: ``"isspace"`` (``str.strip``'s whitespace) or ``"isword"`` (``\w``)."""
    # one gather ("clip": past the BMP, U+FFFF's entry, then fixed below)
    out = np.take(char_table(test), codes, mode="clip")
    if len(codes) and codes.max() >= BMP:  # emoji, rare scripts: one look-up per distinct one
        rare = np.flatnonzero(codes >= BMP)
        distinct, which = np.unique(codes[rare], return_inverse=True)
        out[rare] = np.array([_is(chr(c), test) for c in distinct.tolist()], dtype=bool)[which]
    return out


def char_codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
