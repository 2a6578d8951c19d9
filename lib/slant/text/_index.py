"""The corpus index: sentences and word counts of every article, computed once and reused by
every stage (no stage re-splits or re-tokenises)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..common import chunk_bounds, map_chunks, n_workers, word_counts_of_codes
from ._chars import char_codes, char_table
from ._normal import _lower_table, _normal_table, _space_table
from ._sentences import _abbreviations, sentence_spans

__all__ = ["CHUNK_CHARS", "SENTENCE_COLUMNS", "TextIndex", "index_chunk", "index_texts", "nfc_texts",
           "sentence_numbers", "span_strings", "warm_tables"]

def warm_tables() -> None:
    """Build the lookup tables this module caches (character classes, lower case, Punkt's
    abbreviations) in this process, so that worker processes forked after it share them
    instead of each building its own (a tenth of a second or more per worker)."""
    _abbreviations()
    char_table("isword")
    char_table("isspace")
    _space_table()
    _normal_table()
    _lower_table()


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


def nfc_texts(texts) -> list[str]:
    """The texts as strings in Unicode NFC ("" for a missing one). An ASCII text is NFC as it
    stands, and ``str.isascii`` reads a flag of the string instead of scanning it: on FA-KES
    x50 (75 M characters, nearly all ASCII) this takes milliseconds instead of ~0.4 s."""
    return [t if t.isascii() else unicodedata.normalize("NFC", t)
            for t in (t or "" for t in texts.tolist())]


def index_texts(articles: pd.DataFrame, *, n_jobs: int | None = None) -> TextIndex:
    """Split every article's text into sentences and count its words, once.

    Parameters
    ----------
    articles : DataFrame
        Needs ``id`` and ``text``.
    n_jobs : int, optional
        Worker processes, as in scikit-learn: ``None`` uses every core for a corpus of
        ``slant.common._parallel.PARALLEL_MIN_CHARS`` characters or more and one process below,
        ``1`` never starts workers, ``-1`` uses every core. The result does not depend on it.
    """

    texts = nfc_texts(articles["text"])
    sizes = [len(t) + 1 for t in texts]
    workers = n_workers(n_jobs, sum(sizes))
    # chunks of at most CHUNK_CHARS bound memory (a chunk's code points take 4 bytes a character)
    bounds = chunk_bounds(sizes, max(workers, -(-sum(sizes) // CHUNK_CHARS)))
    warm_tables()  # built once here, not in every worker
    parts = map_chunks(index_chunk, bounds, workers, shared=(texts, None))
    doc = np.concatenate([p[0] + a for p, (a, _) in zip(parts, bounds)] or [np.zeros(0, np.int64)])
    first = np.searchsorted(doc, doc, side="left")  # each sentence's article's first sentence
    sentences = pd.DataFrame({
        "doc": doc, "sentence": np.arange(len(doc)) - first,
        "start": np.concatenate([p[1] for p in parts] or [doc]),
        "end": np.concatenate([p[2] for p in parts] or [doc])}, columns=SENTENCE_COLUMNS).astype("int64")
    words = np.concatenate([p[3] for p in parts] or [np.zeros(0, np.int64)]).astype(np.int64)
    return TextIndex(ids=articles["id"].to_numpy(dtype=object), texts=texts, sentences=sentences,
                     words=words)


def index_chunk(shared: tuple, first: int, stop: int) -> tuple[np.ndarray, ...]:
    """Sentences (article, start, end) and word counts of ``texts[first:stop]`` (``shared`` is
    ``(texts, _)``), in one pass over them joined by line breaks (a line break ends a sentence
    and no word crosses it)."""
    texts = shared[0][first:stop]
    joined = "\n".join(texts)
    codes = char_codes(joined)
    offsets = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]]).astype(np.int64)
    starts, ends = sentence_spans(joined, codes)
    doc = np.searchsorted(offsets, starts, side="right") - 1
    # words as _WORD counts them (slant.common.word_counts_of_codes)
    words = word_counts_of_codes(codes, np.append(offsets, len(joined)))
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
