"""The normal form every matcher uses.

:func:`normal_form` is a **length-preserving** normal form (lower case, straight quotes,
punctuation as spaces, "U.S." as "US", possessive "'s" dropped), so a match in the normal form
has the same character offsets in the original text; then :func:`collapse` squeezes runs of
spaces and keeps an offset map, so a phrase matches however it was punctuated ("U.S.-backed",
"US-backed" and "US backed" all read "us backed").
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from ._chars import BMP, _bmp, char_table
from ._languages import FILLER, fold_table

__all__ = ["collapse", "normal_codes", "normal_codes_both", "normal_codes_pair", "normal_form"]

# --- normal form ---------------------------------------------------------------------------

#: Letter-dot abbreviations (U.S., u.n., U.K.): letters joined, the dots become trailing spaces.
#: The pattern starts at the first dot (a literal, so the regex engine skips ahead fast) and
#: looks back for the single letter before it.
_ABBREV = re.compile(r"\.(?<=\b[A-Za-z]\.)(?:[A-Za-z]\.)+")
#: Possessive 's (straight or curly apostrophe), dropped; every other apostrophe becomes a space.
#: One pattern per apostrophe, each led by its literal, for the same reason.
_POSSESSIVES = [re.compile(a + r"(?<=\w" + a + r")[sS]\b") for a in ("'", "’", "‘")]
#: Code points that become a space: ASCII punctuation and controls, and the non-ASCII quotes,
#: dashes, bullets and spaces news text uses. A lookup table does it in numpy, no str.translate.
_SPACE_ASCII = np.zeros(128, dtype=bool)
_SPACE_ASCII[[ord(c) for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"]] = True
_SPACE_ASCII[:33] = True
_SPACE_OTHER = np.array([ord(c) for c in "‘’‛′´“”„«»\u00a0–—‐‑…•·\u2009\u200b"], dtype=np.uint32)


def _abbrev(m: re.Match) -> str:
    letters = m.group(0).replace(".", "")
    return letters + " " * (len(m.group(0)) - len(letters))


def _lower(text: str) -> str:
    low = text.lower()
    # A few characters change length when lowered (e.g. "İ"): keep those as they are.
    return low if len(low) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def normal_codes(text: str, *, lower: bool = True, abbreviations: list | None = None) -> np.ndarray:
    """The normal form as an array of code points (uint32), one per character of ``text``.

    ``abbreviations``, a list, receives the span ``(start, end)`` of every letter-dot
    abbreviation ("U.S.") rewritten: its letters move to its start, so a match that ends on
    one ends inside the span, and the caller can stretch it to the span's end.
    """
    out = _lower(text) if lower else text
    if abbreviations is None:
        out = _ABBREV.sub(_abbrev, out)
    else:
        def record(m: re.Match) -> str:
            abbreviations.append((m.start() - 1, m.end()))  # from the letter before the dot
            return _abbrev(m)

        out = _ABBREV.sub(record, out)
    for possessive in _POSSESSIVES:
        out = possessive.sub("  ", out)
    codes = np.frombuffer(out.encode("utf-32-le"), dtype=np.uint32)
    # one gather from a table of the whole BMP: spaces, folded letters, deleted marks
    # (:mod:`slant.text._languages`); beyond the BMP ("clip" reads U+FFFF's entry) unchanged
    folded = np.take(_normal_table(), codes, mode="clip")
    if len(codes) and codes.max() >= BMP:
        folded = np.where(codes >= BMP, codes, folded)
    return folded


def normal_codes_both(text: str) -> tuple[np.ndarray, np.ndarray]:
    """``(normal_codes(text), normal_codes(text, lower=False))`` for the price of about one.

    The lower-case form is the cased one lowered character by character, which is the same
    unless the text holds a character whose lowering depends on its neighbours (capital sigma)
    or changes what the normal form does with it (the Kelvin sign lowers to an ASCII "k");
    then both are computed.
    """
    lowered, cased, _ = normal_codes_pair(text)
    return lowered, cased


def normal_codes_pair(text: str, abbreviations: list | None = None) -> tuple[np.ndarray, np.ndarray, bool]:
    """:func:`normal_codes_both`, and whether the lower-case form is the cased one lowered
    character by character (through :func:`_lower_table`); ``abbreviations`` as for
    :func:`normal_codes`."""
    cased = normal_codes(text, lower=False, abbreviations=abbreviations)
    table, unsafe = _lower_table()
    if any(c in text for c in unsafe) or (len(cased) and cased.max() >= BMP):
        return normal_codes(text), cased, False
    return table[cased], cased, True


@lru_cache(maxsize=1)
def _lower_table() -> tuple[np.ndarray, str]:
    """Per BMP code point its lower case as :func:`_lower` gives it (itself when that is
    longer than one character), and the characters for which lowering does not commute with
    the normal form."""
    table = np.arange(BMP, dtype=np.uint32)
    space, word = _space_table(), char_table("isword")
    unsafe = "\u03a3"  # capital sigma: "ς" or "σ" by context
    chars = _bmp()
    lowered = [ch.lower() for ch in chars]  # (one method call per character, no more)
    for c in [c for c, (ch, low) in enumerate(zip(chars, lowered)) if low != ch]:
        low = lowered[c]
        if len(low) == 1:
            table[c] = ord(low)
            if (ord(low) < 128) != (c < 128) or space[c] != space[ord(low)] or word[c] != word[ord(low)]:
                unsafe += chr(c)
    return table, unsafe


@lru_cache(maxsize=1)
def _normal_table() -> np.ndarray:
    """Per BMP code point its normal form before lower-casing: a space, a folded letter,
    :data:`FILLER` (deleted) or itself (:func:`slant.text._languages.fold_table`)."""
    table = fold_table().copy()
    table[_space_table()] = 32
    return table


@lru_cache(maxsize=1)
def _space_table() -> np.ndarray:
    """Per BMP code point: does the normal form turn it into a space?"""
    table = np.zeros(BMP, dtype=bool)
    table[:128] = _SPACE_ASCII
    table[_SPACE_OTHER] = True
    return table


def normal_form(text: str, *, lower: bool = True) -> str:
    """Length-preserving normal form used for matching; see the module docstring.

    ``normal_form(t)[i]`` stands for ``t[i]``, so offsets carry over unchanged. With
    ``lower=False`` the case is kept (for entries that match only as written, like "IS").
    """
    return normal_codes(text, lower=lower).tobytes().decode("utf-32-le")


def collapse(normal: str | np.ndarray) -> tuple[str, np.ndarray]:
    """Squeeze runs of spaces to one and drop deleted characters (:data:`FILLER`); return the
    squeezed string and, per kept character, its offset in ``normal`` (int64). Takes the
    string or its code points; vectorised."""
    codes = normal if isinstance(normal, np.ndarray) else np.frombuffer(normal.encode("utf-32-le"), dtype=np.uint32)
    if not codes.all():  # deleted characters (FILLER: diacritics, ZWNJ, stemmed-off endings)
        where = np.flatnonzero(codes != FILLER)
        squeezed, offsets = collapse(codes[where])
        return squeezed, where[offsets]
    space = codes == 32
    keep = ~(space & np.concatenate(([False], space[:-1])))
    return codes[keep].tobytes().decode("utf-32-le"), np.flatnonzero(keep)
