"""Shared text machinery: sentence splitting and the normal form every matcher uses.

Stages call this module; none re-splits or re-normalises on its own. Two pieces:

- :func:`split_sentences` — a rule-based splitter (regular expressions in C, Punkt's learned
  English abbreviations), tested against Punkt itself in ``tests/test_text.py``. Punkt in pure
  Python reads ~8 MB/s here, too slow for 76 M characters; this splitter reads ~100 MB/s.
- :func:`normal_form` — a **length-preserving** normal form (lower case, straight quotes,
  punctuation as spaces, "U.S." as "US", possessive "'s" dropped), so a match in the normal form
  has the same character offsets in the original text; then :func:`collapse` squeezes runs of
  spaces and keeps an offset map, so a phrase matches however it was punctuated
  ("U.S.-backed", "US-backed" and "US backed" all read "us backed").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

__all__ = [
    "SENTENCE_COLUMNS",
    "TextIndex",
    "collapse",
    "index_texts",
    "normal_codes",
    "normal_form",
    "split_sentences",
]

#: Sentence end: terminal punctuation, optional closing quotes or brackets, whitespace, then
#: something that can open a sentence (capital, digit, opening quote or bracket).
_BOUNDARY = re.compile(r"""([.!?]+)(["'”’»)\]]*)(\s+)(?=["'“‘«(\[]?[A-Z0-9])""")
_LINE = re.compile(r"\n\s*")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Punkt's learned English abbreviations (Kiss & Strunk 2006) plus news titles."""
    try:
        import punkt

        learned = set(punkt.load_model("english").abbrev_types)
    except Exception:  # pragma: no cover - the package is a dependency; degrade, don't fail
        learned = set()
    # Titles and months common in news datelines and bylines.
    extra = {"mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "rep",
             "sen", "gov", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
             "oct", "nov", "dec", "no", "vs", "etc", "approx", "est"}
    return frozenset(learned | extra)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of one text; every line break ends a sentence.

    A period ends a sentence unless the word before it is a known abbreviation ("Gen.", "Dec."),
    a single letter ("U.S.", "J. Smith"), or the next word does not open a sentence.
    Spans exclude surrounding whitespace; empty lines give no span.

    References
    ----------
    Kiss, T. & Strunk, J. (2006). Unsupervised multilingual sentence boundary detection.
    Computational Linguistics 32(4). (Source of the abbreviation list.)
    """
    abbrev = _abbreviations()
    cuts = []
    for m in _BOUNDARY.finditer(text):
        if m.group(1) == ".":
            # the word before the period: back to the last space (rfind is C; a regex anchored
            # at the end would rescan the text from its start for every period)
            begin = max(text.rfind(" ", 0, m.start(1)), text.rfind("\n", 0, m.start(1))) + 1
            word = text[begin:m.start(1)].lower().strip(".-\"'“‘(")
            last = word.rsplit(".", 1)[-1]
            if word in abbrev or last in abbrev or (len(last) == 1 and last.isalpha()):
                continue
        cuts.append((m.start(3), m.end(3)))
    for m in _LINE.finditer(text):
        cuts.append((m.start(), m.end()))
    cuts.sort()
    spans, pos = [], 0
    for gap_start, gap_end in cuts:
        if gap_start < pos:
            pos = max(pos, gap_end)
            continue
        _append(spans, text, pos, gap_start)
        pos = gap_end
    _append(spans, text, pos, len(text))
    return spans


def _append(spans, text, start, end):
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append((start + lead, start + lead + len(stripped)))


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


def normal_codes(text: str, *, lower: bool = True) -> np.ndarray:
    """The normal form as an array of code points (uint32), one per character of ``text``."""
    out = _lower(text) if lower else text
    out = _ABBREV.sub(_abbrev, out)
    for possessive in _POSSESSIVES:
        out = possessive.sub("  ", out)
    codes = np.frombuffer(out.encode("utf-32-le"), dtype=np.uint32).copy()
    ascii_ = codes < 128
    space = np.zeros(len(codes), dtype=bool)
    space[ascii_] = _SPACE_ASCII[codes[ascii_]]
    if not ascii_.all():
        space[~ascii_] = np.isin(codes[~ascii_], _SPACE_OTHER)
    codes[space] = 32
    return codes


def normal_form(text: str, *, lower: bool = True) -> str:
    """Length-preserving normal form used for matching; see the module docstring.

    ``normal_form(t)[i]`` stands for ``t[i]``, so offsets carry over unchanged. With
    ``lower=False`` the case is kept (for entries that match only as written, like "IS").
    """
    return normal_codes(text, lower=lower).tobytes().decode("utf-32-le")


def collapse(normal: str | np.ndarray) -> tuple[str, np.ndarray]:
    """Squeeze runs of spaces to one; return the squeezed string and, per kept character,
    its offset in ``normal`` (int64). Takes the string or its code points; vectorised."""
    codes = normal if isinstance(normal, np.ndarray) else np.frombuffer(normal.encode("utf-32-le"), dtype=np.uint32)
    space = codes == 32
    keep = ~(space & np.concatenate(([False], space[:-1])))
    return codes[keep].tobytes().decode("utf-32-le"), np.flatnonzero(keep)


# --- the corpus index ------------------------------------------------------------------------

#: One row per sentence (see README, "Output tables").
SENTENCE_COLUMNS = ["doc", "sentence", "start", "end"]
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


@dataclass
class TextIndex:
    """Sentences and word counts of a set of articles, computed once and reused by every stage.

    Attributes
    ----------
    ids : ndarray of str
        Article ids, in the order of the articles given.
    texts : list of str
        The texts (NFC), as analysed.
    sentences : DataFrame
        ``SENTENCE_COLUMNS``: article position ``doc``, sentence number within the article,
        character span.
    words : ndarray of int
        Word tokens per article (the same count as ``articles.words`` for the text alone).
    """

    ids: np.ndarray
    texts: list
    sentences: pd.DataFrame
    words: np.ndarray

    def sentence_of(self, doc: np.ndarray, offset: np.ndarray) -> np.ndarray:
        """Sentence number of each (article position, character offset) pair (vectorised)."""
        sents = self.sentences
        key = sents["doc"].to_numpy() * (1 << 32) + sents["start"].to_numpy()
        pos = np.searchsorted(key, np.asarray(doc) * (1 << 32) + np.asarray(offset), side="right") - 1
        return sents["sentence"].to_numpy()[np.clip(pos, 0, None)]


def index_texts(articles: pd.DataFrame) -> TextIndex:
    """Split every article's text into sentences and count its words, once.

    Parameters
    ----------
    articles : DataFrame
        Needs ``id`` and ``text``.
    """
    texts = [unicodedata.normalize("NFC", t or "") for t in articles["text"].tolist()]
    rows_doc, rows_sent, rows_start, rows_end = [], [], [], []
    for doc, text in enumerate(texts):
        spans = split_sentences(text)
        rows_doc.extend([doc] * len(spans))
        rows_sent.extend(range(len(spans)))
        rows_start.extend(s for s, _ in spans)
        rows_end.extend(e for _, e in spans)
    sentences = pd.DataFrame({"doc": rows_doc, "sentence": rows_sent, "start": rows_start,
                              "end": rows_end}, columns=SENTENCE_COLUMNS).astype("int64")
    words = pd.Series(texts, dtype=object).str.count(_WORD.pattern).to_numpy(dtype=np.int64)
    return TextIndex(ids=articles["id"].to_numpy(dtype=object), texts=texts, sentences=sentences,
                     words=words)
