"""Shared machinery below every stage: process pools over chunks of a corpus, and the offline
guard that finds remote fetches in generated HTML, the writer of output tables (Parquet, CSV),
and the character tables and word counts that the corpus and text stages share, and the Dask
cluster (``--engine dask``) that runs a function over partitions of a corpus. Knows nothing of news, lexicons or charts.

Other stages may use the names in ``__all__``.
"""

from ._chars import (
    BMP,
    bmp_text,
    char_class,
    char_codes,
    char_table,
    char_test,
    word_counts,
    word_counts_of_codes,
    word_counts_started,
)
from ._cluster import CONNECT_TIMEOUT, ClusterError, DaskCluster, parse_scheduler
from ._offline import find_remote_fetches
from ._parallel import (
    PARALLEL_MIN_CHARS,
    ChunkRunner,
    Window,
    WorkerPool,
    chunk_bounds,
    map_chunks,
    n_workers,
)
from ._tables import SMALL_TABLE_ROWS, TABLE_FORMATS, PartWriter, write_tables

__all__ = ["BMP", "CONNECT_TIMEOUT", "PARALLEL_MIN_CHARS", "SMALL_TABLE_ROWS", "TABLE_FORMATS", "ChunkRunner", "ClusterError", "DaskCluster", "PartWriter", "Window", "WorkerPool", "bmp_text",
           "char_class", "char_codes", "char_table", "char_test", "chunk_bounds",
           "find_remote_fetches", "map_chunks", "n_workers", "parse_scheduler", "word_counts", "word_counts_of_codes",
           "word_counts_started", "write_tables"]
