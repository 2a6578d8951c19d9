"""Shared text machinery: sentence splitting and the normal form every matcher uses.

Stages call this module; none re-splits or re-normalises on its own. Two pieces:

- :func:`split_sentences` — a rule-based splitter (one boundary pattern, applied by array
  operations over the code points; Punkt's learned English abbreviations), tested against
  Punkt itself in ``tests/test_text.py``. Punkt in pure Python reads ~8 MB/s here, too slow for
  76 M characters; this splitter reads ~80 M characters/s (FA-KES x2 on a slow 2-core machine).
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
    "normal_codes_both",
    "normal_form",
    "sentence_numbers",
    "span_strings",
    "split_sentences",
    "warm_tables",
]

#: Sentence end: terminal punctuation, optional closing quotes or brackets, whitespace, then
#: something that can open a sentence (capital, digit, opening quote or bracket). It opens with
#: a character set, not "[.!?]+", so the engine skips ahead to the next stop in C.
_BOUNDARY = re.compile(r"""([.!?][.!?]*)(["'”’»)\]]*)(\s+)(?=["'“‘«(\[]?[A-Z0-9])""")
_LINE = re.compile(r"\n\s*")
_BMP = 0x10000  # tables below cover the Basic Multilingual Plane; rarer characters are looked up


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Punkt's learned English abbreviations (Kiss & Strunk 2006) plus news titles."""
    try:
        import punkt

        learned = set(punkt.load_model("english").abbrev_types)
    except Exception:  # noqa: BLE001  # pragma: no cover - a dependency; degrade, don't fail
        learned = set()
    # Titles and months common in news datelines and bylines.
    extra = {"mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "rep",
             "sen", "gov", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
             "oct", "nov", "dec", "no", "vs", "etc", "approx", "est"}
    return frozenset(learned | extra)


def _is(c: str, test: str) -> bool:
    return c.isspace() if test == "isspace" else (c.isalnum() or c == "_")


@lru_cache(maxsize=1)
def _bmp() -> str:
    """Every character of the Basic Multilingual Plane, in code-point order."""
    return "".join(map(chr, range(_BMP)))


@lru_cache(maxsize=2)
def _char_table(test: str) -> np.ndarray:
    r""":func:`_is` for every character of the Basic Multilingual Plane.

    Built by one regex substitution over all of them (the engine's ``\s`` and ``\w`` are
    ``str.isspace`` and ``str.isalnum`` or "_"), not 65,536 calls: every other character
    becomes U+0000, which is neither (``tests/test_text.py`` checks it against :func:`_is`).
    """
    other = re.compile(r"\S" if test == "isspace" else r"\W")
    kept = other.sub("\0", _bmp())
    return np.frombuffer(kept.encode("utf-32-le", "surrogatepass"), dtype=np.uint32) != 0


def _char_class(codes: np.ndarray, test: str) -> np.ndarray:
    r"""Per code point: ``"isspace"`` (``str.strip``'s whitespace) or ``"isword"`` (``\w``)."""
    # one gather ("clip": past the BMP, U+FFFF's entry, then fixed below)
    out = np.take(_char_table(test), codes, mode="clip")
    if len(codes) and codes.max() >= _BMP:  # emoji, rare scripts: one look-up per distinct one
        rare = np.flatnonzero(codes >= _BMP)
        distinct, which = np.unique(codes[rare], return_inverse=True)
        out[rare] = np.array([_is(chr(c), test) for c in distinct.tolist()], dtype=bool)[which]
    return out


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
    starts, ends = _sentence_spans(text, _codes(text))
    return list(zip(starts.tolist(), ends.tolist()))


def warm_tables() -> None:
    """Build the lookup tables this module caches (character classes, lower case, Punkt's
    abbreviations) in this process, so that worker processes forked after it share them
    instead of each building its own (a tenth of a second or more per worker)."""
    _abbreviations()
    _char_table("isword")
    _char_table("isspace")
    _space_table()
    _lower_table()


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _sentence_spans(text: str, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sentence starts and ends of a text, as arrays. The text may be several articles joined
    by line breaks: a line break always ends a sentence, so the result is theirs, shifted."""
    abbrev = _abbreviations()
    at, gap_start, gap_end = _boundaries(text, codes)
    # a single period ends no sentence after an abbreviation or a single letter: the word
    # before it runs back to the last space or line break
    dots = np.flatnonzero(at[:, 1])
    if len(dots):
        period = at[dots, 0]
        breaks = np.flatnonzero((codes == 32) | (codes == 10))
        before = np.searchsorted(breaks, period) - 1
        begin = np.where(before >= 0, breaks[np.maximum(before, 0)] + 1, 0)
        # a word of 8 or more word characters before the period is no abbreviation (the
        # longest is 7) and no single letter: only shorter ones are looked up, in Python
        long = (period - begin >= 8) & _word_run_before(codes, period, 8)
        short = ~long
        keep = np.ones(len(at), dtype=bool)
        for k, b, p in zip(dots[short].tolist(), begin[short].tolist(), period[short].tolist()):
            word = text[b:p].lower().strip(".-\"'“‘(")
            last = word.rsplit(".", 1)[-1]
            if word in abbrev or last in abbrev or (len(last) == 1 and last.isalpha()):
                keep[k] = False
        gap_start, gap_end = gap_start[keep], gap_end[keep]
    lines = np.array([m.span() for m in _LINE.finditer(text)], dtype=np.int64).reshape(-1, 2)
    gap_start, gap_end = np.concatenate((gap_start, lines[:, 0])), np.concatenate((gap_end, lines[:, 1]))
    order = np.lexsort((gap_end, gap_start))
    gap_start, gap_end = gap_start[order], gap_end[order]
    # Walking the gaps in order, a piece runs from the furthest gap end so far to the next gap
    # that starts at or after it (a gap starting inside an earlier one only extends it).
    reach = np.maximum.accumulate(np.concatenate(([0], gap_end)))
    new = gap_start >= reach[:-1]
    piece_start = np.append(reach[:-1][new], reach[-1])
    piece_end = np.append(gap_start[new], len(text))
    # strip whitespace off each piece: most pieces start and end on a solid character already
    # (a gap is a whole run of whitespace), so only the others are stripped in Python
    # (only the characters at the pieces' ends are classified, not the whole text; one past the
    # end counts as space: an empty text)
    size = len(codes)
    padded = np.append(codes, np.uint32(32))
    first_space = _char_class(padded[np.minimum(piece_start, size)], "isspace")
    last_space = _char_class(padded[np.maximum(piece_end - 1, 0)], "isspace")
    solid_ends = (piece_end > piece_start) & ~first_space & ~last_space
    for i in np.flatnonzero(~solid_ends & (piece_end > piece_start)).tolist():
        piece = text[piece_start[i]:piece_end[i]]
        stripped = piece.strip()
        if stripped:
            piece_start[i] += len(piece) - len(piece.lstrip())
            piece_end[i] = piece_start[i] + len(stripped)
            solid_ends[i] = True
    return piece_start[solid_ends], piece_end[solid_ends]


#: Characters of ``_BOUNDARY``: its closing and opening marks (its stops: . ! ?).
_CLOSING = np.array([ord(c) for c in "\"'”’»)]"], dtype=np.uint32)
_OPENING = np.array([ord(c) for c in "\"'“‘«(["], dtype=np.uint32)
_RUN_FALLBACK = {"closing": re.compile(r"[\"'”’»)\]]*"), "isspace": re.compile(r"\s*")}


def _boundaries(text: str, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The matches of ``_BOUNDARY.finditer(text)``, found with array operations over the code
    points rather than by the regex engine testing every character: ``(at, gap_start,
    gap_end)``, where ``at`` holds per match the offset of its first stop and whether its stops
    are one period, and the gap is its whitespace (group 3).

    A match can only start where a run of stops starts (tried inside a run, the same tail
    fails), takes the whole run, then every closing mark, then whitespace (at least one
    character), and must be followed by a capital or digit, optionally after one opening mark.
    ``tests/test_text.py`` checks that this gives the regex's matches.
    """
    stop = np.flatnonzero((codes == 46) | (codes == 33) | (codes == 63))
    if not len(stop):
        empty = np.zeros(0, dtype=np.int64)
        return np.zeros((0, 2), dtype=np.int64), empty, empty
    new_run = np.concatenate(([True], np.diff(stop) != 1))
    run_start = stop[new_run]
    run_end = np.append(stop[np.flatnonzero(new_run)[1:] - 1], stop[-1]) + 1
    closed = _run_end(text, codes, run_end, "closing")
    gap_end = _run_end(text, codes, closed, "isspace")
    padded = np.append(codes, np.zeros(2, dtype=np.uint32))  # past the end: no capital

    def capital_or_digit(c):
        return ((c >= 65) & (c <= 90)) | ((c >= 48) & (c <= 57))

    nxt = padded[gap_end]
    ahead = capital_or_digit(nxt) | (np.isin(nxt, _OPENING) & capital_or_digit(padded[gap_end + 1]))
    ok = (gap_end > closed) & ahead
    single = (run_end - run_start == 1) & (codes[run_start] == 46)
    at = np.column_stack((run_start[ok], single[ok])).astype(np.int64)
    return at, closed[ok].astype(np.int64), gap_end[ok].astype(np.int64)


def _run_end(text: str, codes: np.ndarray, pos: np.ndarray, kind: str) -> np.ndarray:
    """Per position, the end of the run of characters of ``kind`` ("closing" marks or
    whitespace) that starts there (the position itself when there is none). Runs are short:
    a few steps over all positions at once, then a regex for the rare longer run."""
    end = pos.astype(np.int64)
    n = len(codes)
    active = np.flatnonzero(end < n)
    for _ in range(8):
        if not len(active):
            return end
        c = codes[end[active]]
        member = np.isin(c, _CLOSING) if kind == "closing" else _char_class(c, "isspace")
        active = active[member]
        end[active] += 1
        active = active[end[active] < n]
    fallback = _RUN_FALLBACK[kind]
    for i in active.tolist():
        end[i] = fallback.match(text, int(end[i])).end()
    return end


def _word_run_before(codes: np.ndarray, at: np.ndarray, length: int) -> np.ndarray:
    """Are the ``length`` characters before each offset all word characters? (False where
    fewer than ``length`` characters precede.)"""
    window = at[:, None] - length + np.arange(length)
    inside = (window >= 0).all(axis=1)
    word = _char_class(codes[np.clip(window, 0, None)].ravel(), "isword").reshape(window.shape)
    return inside & word.all(axis=1)


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
    codes = np.frombuffer(out.encode("utf-32-le"), dtype=np.uint32).copy()
    # one gather from a table of the whole BMP ("clip": beyond it, U+FFFF's entry, no space)
    codes[np.take(_space_table(), codes, mode="clip")] = 32
    return codes


def normal_codes_both(text: str) -> tuple[np.ndarray, np.ndarray]:
    """``(normal_codes(text), normal_codes(text, lower=False))`` for the price of about one.

    The lower-case form is the cased one lowered character by character, which is the same
    unless the text holds a character whose lowering depends on its neighbours (capital sigma)
    or changes what the normal form does with it (the Kelvin sign lowers to an ASCII "k");
    then both are computed.
    """
    lowered, cased, _ = _normal_codes_pair(text)
    return lowered, cased


def _normal_codes_pair(text: str, abbreviations: list | None = None) -> tuple[np.ndarray, np.ndarray, bool]:
    """:func:`normal_codes_both`, and whether the lower-case form is the cased one lowered
    character by character (through :func:`_lower_table`); ``abbreviations`` as for
    :func:`normal_codes`."""
    cased = normal_codes(text, lower=False, abbreviations=abbreviations)
    table, unsafe = _lower_table()
    if any(c in text for c in unsafe) or (len(cased) and cased.max() >= _BMP):
        return normal_codes(text), cased, False
    return table[cased], cased, True


@lru_cache(maxsize=1)
def _lower_table() -> tuple[np.ndarray, str]:
    """Per BMP code point its lower case as :func:`_lower` gives it (itself when that is
    longer than one character), and the characters for which lowering does not commute with
    the normal form."""
    table = np.arange(_BMP, dtype=np.uint32)
    space, word = _space_table(), _char_table("isword")
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
def _space_table() -> np.ndarray:
    """Per BMP code point: does the normal form turn it into a space?"""
    table = np.zeros(_BMP, dtype=bool)
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
#: Characters of text analysed at once by :func:`index_texts` (~10 arrays of this length).
CHUNK_CHARS = 8_000_000


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
        return sentence_numbers(sents["doc"].to_numpy(), sents["start"].to_numpy(),
                                sents["sentence"].to_numpy(), doc, offset)


def sentence_numbers(sentence_doc, sentence_start, sentence_number, doc, offset) -> np.ndarray:
    """Sentence number of each (article, character offset) pair, given the sentences'
    articles, starts and numbers sorted by article and start: the sentence that starts last
    at or before the offset (one ``searchsorted`` over article-offset keys)."""
    key = np.asarray(sentence_doc) * (1 << 32) + np.asarray(sentence_start)
    pos = np.searchsorted(key, np.asarray(doc) * (1 << 32) + np.asarray(offset), side="right") - 1
    return np.asarray(sentence_number)[np.clip(pos, 0, None)]


def index_texts(articles: pd.DataFrame, *, n_jobs: int | None = None) -> TextIndex:
    """Split every article's text into sentences and count its words, once.

    Parameters
    ----------
    articles : DataFrame
        Needs ``id`` and ``text``.
    n_jobs : int, optional
        Worker processes, as in scikit-learn: ``None`` uses every core for a corpus of
        ``slant._parallel.PARALLEL_MIN_CHARS`` characters or more and one process below,
        ``1`` never starts workers, ``-1`` uses every core. The result does not depend on it.
    """
    from ._parallel import chunk_bounds, map_chunks, n_workers

    texts = [unicodedata.normalize("NFC", t or "") for t in articles["text"].tolist()]
    sizes = [len(t) + 1 for t in texts]
    workers = n_workers(n_jobs, sum(sizes))
    # chunks of at most CHUNK_CHARS bound memory (a chunk's code points take 4 bytes a character)
    bounds = chunk_bounds(sizes, max(workers, -(-sum(sizes) // CHUNK_CHARS)))
    warm_tables()  # built once here, not in every worker
    parts = map_chunks(_index_chunk, bounds, workers, shared=(texts, None))
    doc = np.concatenate([p[0] + a for p, (a, _) in zip(parts, bounds)] or [np.zeros(0, np.int64)])
    first = np.searchsorted(doc, doc, side="left")  # each sentence's article's first sentence
    sentences = pd.DataFrame({
        "doc": doc, "sentence": np.arange(len(doc)) - first,
        "start": np.concatenate([p[1] for p in parts] or [doc]),
        "end": np.concatenate([p[2] for p in parts] or [doc])}, columns=SENTENCE_COLUMNS).astype("int64")
    words = np.concatenate([p[3] for p in parts] or [np.zeros(0, np.int64)]).astype(np.int64)
    return TextIndex(ids=articles["id"].to_numpy(dtype=object), texts=texts, sentences=sentences,
                     words=words)


def _index_chunk(shared: tuple, first: int, stop: int) -> tuple[np.ndarray, ...]:
    """Sentences (article, start, end) and word counts of ``texts[first:stop]`` (``shared`` is
    ``(texts, _)``), in one pass over them joined by line breaks (a line break ends a sentence
    and no word crosses it)."""
    texts = shared[0][first:stop]
    joined = "\n".join(texts)
    codes = _codes(joined)
    offsets = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]]).astype(np.int64)
    starts, ends = _sentence_spans(joined, codes)
    doc = np.searchsorted(offsets, starts, side="right") - 1
    # words as _WORD counts them: runs of word characters, less the apostrophes and hyphens
    # that join two runs into one word ("al-Sham", "Daesh's")
    word = _char_class(codes, "isword")
    runs = np.flatnonzero(word[1:] & ~word[:-1]) + 1
    if len(word) and word[0]:
        runs = np.concatenate(([0], runs))
    joiners = np.flatnonzero((codes == 39) | (codes == 8217) | (codes == 45))  # ' ’ -
    joiners = joiners[(joiners > 0) & (joiners < len(codes) - 1)]
    joiners = joiners[word[joiners - 1] & word[joiners + 1]]
    bounds = np.append(offsets, len(joined))
    words = np.diff(np.searchsorted(runs, bounds)) - np.diff(np.searchsorted(joiners, bounds))
    return doc, starts - offsets[doc], ends - offsets[doc], words


def span_strings(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The strings ``text[s:e]`` of many spans of one text (given as its code points), as
    distinct strings and one code per span: ``uniques[inverse]`` are the strings.

    Vectorised: spans of each length are gathered into one array and deduplicated by
    ``np.unique`` on their rows, so Python touches only the distinct strings (matched terms
    repeat: "said", "regime"), not every span.
    """
    starts, ends = np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
    lengths = ends - starts
    inverse = np.zeros(len(starts), dtype=np.int64)
    uniques: list[str] = []
    for length in np.unique(lengths).tolist():
        rows = np.flatnonzero(lengths == length)
        if length <= 0:
            inverse[rows] = len(uniques)
            uniques.append("")
            continue
        window = codes[starts[rows][:, None] + np.arange(length)]
        # each row as one opaque item, so np.unique compares whole strings
        keys = np.ascontiguousarray(window).view(np.dtype((np.void, 4 * length))).ravel()
        distinct, which = np.unique(keys, return_inverse=True)
        inverse[rows] = len(uniques) + which.ravel()
        uniques.extend(bytes(d).decode("utf-32-le") for d in distinct)
    out = np.empty(len(uniques), dtype=object)
    out[:] = uniques
    return out, inverse
