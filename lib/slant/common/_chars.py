"""Shared machinery, characters: code points of a text, per-character classes (word, space)
looked up in tables of the whole Basic Multilingual Plane, and word counts from them.

Below every stage, so that the corpus stage (which imports no other stage) counts words the
way the text stage does; :mod:`slant.text` re-exports these names for the later stages.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from functools import lru_cache

import numpy as np

from ._parallel import ChunkRunner, chunk_bounds, n_workers

__all__ = ["BMP", "WORD_CHUNK_CHARS", "bmp_text", "char_class", "char_codes", "char_table",
           "char_test", "word_counts", "word_counts_of_codes", "word_counts_started"]

BMP = 0x10000  # tables below cover the Basic Multilingual Plane; rarer characters are looked up
#: Characters of text whose code points :func:`word_counts` holds at once (4 bytes each).
WORD_CHUNK_CHARS = 8_000_000


def char_test(c: str, test: str) -> bool:
    r"""``"isspace"``: ``str.isspace``; ``"isword"``: the regex ``\w`` (alphanumeric or "_")."""
    return c.isspace() if test == "isspace" else (c.isalnum() or c == "_")


@lru_cache(maxsize=1)
def bmp_text() -> str:
    """Every character of the Basic Multilingual Plane, in code-point order."""
    return "".join(map(chr, range(BMP)))


@lru_cache(maxsize=2)
def char_table(test: str) -> np.ndarray:
    r""":func:`char_test` for every character of the Basic Multilingual Plane.

    Built by one regex substitution over all of them (the engine's ``\s`` and ``\w`` are
    ``str.isspace`` and ``str.isalnum`` or "_"), not 65,536 calls: every other character
    becomes U+0000, which is neither (``tests/test_text.py`` checks it against :func:`char_test`).
    """
    other = re.compile(r"\S" if test == "isspace" else r"\W")
    kept = other.sub("\0", bmp_text())
    return np.frombuffer(kept.encode("utf-32-le", "surrogatepass"), dtype=np.uint32) != 0


def char_class(codes: np.ndarray, test: str) -> np.ndarray:
    r"""Per code point: ``"isspace"`` (``str.strip``'s whitespace) or ``"isword"`` (``\w``)."""
    # one gather ("clip": past the BMP, U+FFFF's entry, then fixed below)
    out = np.take(char_table(test), codes, mode="clip")
    if len(codes) and codes.max() >= BMP:  # emoji, rare scripts: one look-up per distinct one
        rare = np.flatnonzero(codes >= BMP)
        distinct, which = np.unique(codes[rare], return_inverse=True)
        out[rare] = np.array([char_test(chr(c), test) for c in distinct.tolist()], dtype=bool)[which]
    return out


def char_codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def word_counts_of_codes(codes: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    r"""Words in each piece ``codes[bounds[k]:bounds[k + 1]]`` as the regex
    ``\w+(?:['’-]\w+)*`` counts them: runs of word characters, less the apostrophes and
    hyphens that join two runs into one word ("al-Sham", "Daesh's"). A piece must not end
    inside a word that the next one continues (join pieces with a line break)."""
    word = char_class(codes, "isword")
    runs = np.flatnonzero(word[1:] & ~word[:-1]) + 1
    if len(word) and word[0]:
        runs = np.concatenate(([0], runs))
    joiners = np.flatnonzero((codes == 39) | (codes == 8217) | (codes == 45))  # ' ’ -
    joiners = joiners[(joiners > 0) & (joiners < len(codes) - 1)]
    joiners = joiners[word[joiners - 1] & word[joiners + 1]]
    return np.diff(np.searchsorted(runs, bounds)) - np.diff(np.searchsorted(joiners, bounds))


def word_counts(texts, *, n_jobs: int | None = None) -> np.ndarray:
    r"""Words in each text, as ``str.count(r"\w+(?:['’-]\w+)*")`` gives them, by array
    operations over the code points of :data:`WORD_CHUNK_CHARS` characters at a time (twice as
    fast as the regex on FA-KES x50), in worker processes for a large corpus (``n_jobs`` as in
    :func:`n_workers`; the result does not depend on it)."""
    with word_counts_started(texts, n_jobs=n_jobs) as result:
        return result()


@contextmanager
def word_counts_started(texts, *, n_jobs: int | None = None):
    """:func:`word_counts` started in worker processes: yields a function that waits for the
    counts, so that the caller can work meanwhile (the corpus loader detects languages). With
    one process the counting is done when the function is called."""
    texts = list(texts)
    sizes = np.array([len(t) + 1 for t in texts], dtype=np.int64)
    total = int(sizes.sum())
    workers = n_workers(n_jobs, total)
    bounds = chunk_bounds(sizes, max(workers, -(-total // WORD_CHUNK_CHARS), 1))
    with ChunkRunner(min(workers, max(len(bounds), 1)), (texts, sizes)) as runner:
        wait = runner.submit(_count_chunk, bounds)

        def result() -> np.ndarray:
            parts = wait()
            return np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, dtype=np.int64)

        yield result


def _count_chunk(shared, first: int, stop: int) -> np.ndarray:
    texts, sizes = shared
    part = texts[first:stop]
    codes = np.frombuffer("\n".join(part).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    bounds = np.concatenate(([0], np.cumsum(sizes[first:stop])))
    bounds[-1] -= 1  # no line break after the last text
    return word_counts_of_codes(codes, bounds)
