"""Shared machinery below every stage: process pools over chunks of a corpus, and the offline
guard that finds remote fetches in generated HTML, and the writer of output tables
(Parquet, CSV). Knows nothing of news, lexicons or charts.

Other stages may use the names in ``__all__``.
"""

from ._offline import find_remote_fetches
from ._parallel import PARALLEL_MIN_CHARS, ChunkRunner, chunk_bounds, map_chunks, n_workers
from ._tables import SMALL_TABLE_ROWS, TABLE_FORMATS, write_tables

__all__ = ["PARALLEL_MIN_CHARS", "SMALL_TABLE_ROWS", "TABLE_FORMATS", "ChunkRunner", "chunk_bounds",
           "find_remote_fetches", "map_chunks", "n_workers", "write_tables"]
