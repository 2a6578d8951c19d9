"""Lexicons stage, matching: every match of a lexicon's terms in indexed texts.

Input: a :class:`slant.text.TextIndex` and a :class:`slant.lexicons.Lexicon`. Output: the match
table (``MATCH_COLUMNS``), through :func:`match_lexicon` (re-exported by :mod:`slant.lexicons`).
One Aho-Corasick automaton (pyahocorasick, in C) reads the normal form of a batch of texts at
once; batches go to worker processes for a big corpus (:mod:`slant._parallel`).
"""

from __future__ import annotations

from itertools import chain

import numpy as np
import pandas as pd

from .lexicons import BATCH_CHARS, MATCH_COLUMNS, Lexicon
from .text import TextIndex, collapse, normal_codes, normal_codes_both

__all__ = ["match_lexicon", "submit_matches"]


def _scan(built, text: str) -> np.ndarray:
    """Rows (end, entry, key length, prefix) of every key found in ``text``."""
    auto, table = built
    # (end, key row) pairs flattened in C: no Python loop over the matches
    found = np.fromiter(chain.from_iterable(auto.iter(text)), dtype=np.int64).reshape(-1, 2)
    return np.column_stack((found[:, 0], table[found[:, 1]]))


def _match_batch(texts: list[str], lexicon: Lexicon) -> pd.DataFrame:
    joined = "\n".join(texts) + "\n"
    lengths = np.array([len(t) for t in texts], dtype=np.int64)
    starts = np.cumsum(np.concatenate(([0], lengths[:-1] + 1)))
    automata = lexicon.automata()
    if automata[1] is None:
        lowered, cased = normal_codes(" " + joined), None
    else:
        lowered, cased = normal_codes_both(" " + joined)
    squeezed, offsets = collapse(lowered)
    frames = []
    for exact, built in zip((False, True), automata):
        if built is None:
            continue
        text = squeezed
        if exact:
            text = cased[offsets].tobytes().decode("utf-32-le")
        found = _scan(built, text)
        if not len(found):
            continue
        end, entry, length, prefix = found.T
        first = end - length + 2  # skip the leading space of the key
        last = np.where(prefix == 1, end, end - 1)  # last character of the key's words
        if prefix.any():  # a prefix match runs to the end of its word
            spaces = np.flatnonzero(np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32) == 32)
            nxt = spaces[np.searchsorted(spaces, end[prefix == 1], side="left")]
            last = last.copy()
            last[prefix == 1] = nxt - 1
        g_start = offsets[first] - 1
        g_end = offsets[last]  # exclusive end in the joined text (leading space removed)
        doc = np.searchsorted(starts, g_start, side="right") - 1
        # a phrase could run on from one text's end into the next one's start (the line break
        # that joins them reads as a space): no match, so batches can be cut anywhere
        inside = g_end <= starts[doc] + lengths[doc]
        doc, g_start, g_end, entry = doc[inside], g_start[inside], g_end[inside], entry[inside]
        frames.append(pd.DataFrame({"doc": doc, "start": g_start - starts[doc],
                                    "end": g_end - starts[doc], "entry": entry}))
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype="int64") for c in MATCH_COLUMNS})
    return pd.concat(frames, ignore_index=True)


def _match_slice(shared: tuple, first: int, stop: int) -> pd.DataFrame:
    texts, lexicon = shared
    return _match_batch(texts[first:stop], lexicon)


def match_lexicon(index: TextIndex, lexicon: Lexicon, *, n_jobs: int | None = None) -> pd.DataFrame:
    """Every match of the lexicon's terms in the indexed texts.

    Overlapping matches: the longest wins (the earliest on a tie), so "Assad regime" is one match
    and "regime" inside it none; a label's ``exclude`` phrases take part and, when they win,
    leave no match ("the regime of the river"). A match crossing a sentence boundary is dropped.
    ``n_jobs`` runs the automaton over batches of texts in worker processes, as in
    :func:`slant.text.index_texts`; the result does not depend on it.

    Returns
    -------
    DataFrame
        ``MATCH_COLUMNS``: ``doc`` (position in the index), ``start``/``end`` (character span in
        that text, end exclusive) and ``entry`` (row of ``lexicon.entries``), sorted by doc, start.
    """
    from ._parallel import ChunkRunner, n_workers

    workers = n_workers(n_jobs, sum(len(t) + 1 for t in index.texts))
    with ChunkRunner(workers, (index.texts, lexicon)) as runner:
        return submit_matches(runner, index, lexicon)()


def submit_matches(runner, index: TextIndex, lexicon: Lexicon):
    """Start :func:`match_lexicon` in a :class:`slant._parallel.ChunkRunner` sharing
    ``(index.texts, lexicon)``; return a function that finishes it and returns the matches."""
    from ._parallel import chunk_bounds

    sizes = [len(t) + 1 for t in index.texts]
    lexicon.automata()  # built once here, not in every worker
    # batches bound memory; with workers, as much text is in flight at once as in one process
    bounds = chunk_bounds(sizes, max(-(-sum(sizes) // (BATCH_CHARS // runner.workers)), 1))
    pending = runner.submit(_match_slice, bounds)
    return lambda: _resolve_matches(pending(), bounds, index)


def _resolve_matches(found: list, bounds: list, index: TextIndex) -> pd.DataFrame:
    frames = [f.assign(doc=f["doc"] + a) for f, (a, _) in zip(found, bounds)]
    matches = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=MATCH_COLUMNS)
    if matches.empty:
        return matches.astype("int64")
    same = index.sentence_of(matches["doc"], matches["start"]) == index.sentence_of(matches["doc"], matches["end"] - 1)
    matches = matches[same]
    matches = matches.assign(_len=matches["end"] - matches["start"])
    matches = matches.sort_values(["doc", "start", "_len"], ascending=[True, True, False], kind="stable")
    # keep a match if it starts after every earlier (longer-first) match of its article ends;
    # one vectorised running maximum over doc-offset keys does it for all articles at once
    doc = matches["doc"].to_numpy()
    key = doc * (1 << 32) + matches["end"].to_numpy()
    prev = np.concatenate(([-1], np.maximum.accumulate(key)[:-1]))
    prev_end = np.where(prev // (1 << 32) == doc, prev % (1 << 32), -1)
    kept = matches[matches["start"].to_numpy() >= prev_end]
    kept = kept[kept["entry"] >= 0]  # an exclude phrase won: no match there
    return kept[MATCH_COLUMNS].reset_index(drop=True).astype("int64")
