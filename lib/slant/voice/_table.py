"""Voice stage over a corpus: the quoted spans of many articles, in worker processes if big.

Input: a :class:`slant.text.TextIndex`. Output: one table of quotes (doc, start, end, kind,
speaker) from :func:`slant.voice.find_quotes` per article; :mod:`slant.scoring` joins it to
the hits.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..common import ChunkRunner, chunk_bounds, n_workers
from ..text import TextIndex, word_cue_starts
from ._quotes import quote_tuples
from ._reported import CUES

__all__ = ["quotes_table", "submit_quotes"]


def quotes_table(index: TextIndex, *, n_jobs: int | None = None) -> pd.DataFrame:
    """Quoted spans of every article: doc, start, end, kind, speaker (sorted by doc, start)."""
    workers = n_workers(n_jobs, sum(len(t) + 1 for t in index.texts))
    with ChunkRunner(workers, (index.texts, None)) as runner:
        return submit_quotes(runner, index)()


def submit_quotes(runner: ChunkRunner, index: TextIndex):
    """Start :func:`quotes_table` in a runner sharing ``(index.texts, _)``; return a function
    that finishes it."""
    sentences = index.sentences
    bounds = np.searchsorted(sentences["doc"].to_numpy(), np.arange(len(index.texts) + 1))
    starts, ends = sentences["start"].to_numpy(), sentences["end"].to_numpy()
    sizes = [len(t) + 1 for t in index.texts]
    chunks = [(a, b, starts[bounds[a]:bounds[b]], ends[bounds[a]:bounds[b]],
               bounds[a:b + 1] - bounds[a]) for a, b in chunk_bounds(sizes, 4 * runner.workers)]
    pending = runner.submit(_quotes_chunk, chunks)
    columns = ["doc", "start", "end", "kind", "speaker"]
    return lambda: pd.DataFrame([row for part in pending() for row in part], columns=columns)


def _quotes_chunk(shared, first_doc, stop, starts, ends, bounds) -> list[tuple]:
    """Quote rows of ``texts[first_doc:stop]`` (``shared`` is ``(texts, _)``), given their
    sentences."""
    rows, texts = [], shared[0][first_doc:stop]
    starts, ends, bounds = starts.tolist(), ends.tolist(), bounds.tolist()
    # attribution cues: one automaton pass over the chunk's texts joined by line breaks (a
    # line break is no word character, so an article's first word starts a word there too)
    offsets = np.cumsum([0] + [len(t) + 1 for t in texts]).astype(np.int64)
    cues = word_cue_starts(CUES, "\n".join(texts))
    cut = np.searchsorted(cues, offsets).tolist()
    for k, text in enumerate(texts):
        spans = list(zip(starts[bounds[k]:bounds[k + 1]], ends[bounds[k]:bounds[k + 1]]))
        at = (cues[cut[k]:cut[k + 1]] - offsets[k]).tolist()
        rows.extend((first_doc + k, *q) for q in quote_tuples(text, spans, at))
    return rows
