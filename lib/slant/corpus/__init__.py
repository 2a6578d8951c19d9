"""Corpus stage: load, validate and report a corpus (see README, "The corpus model").

Input: a corpus folder with ``corpus.yml``. Output tables: ``articles`` (``ARTICLE_COLUMNS``),
``outlets`` (``OUTLET_COLUMNS``) and the load report ``issues`` (``ISSUE_COLUMNS``).
This stage imports no other slant module. Other stages may use the names in ``__all__``.
"""

from ._babe import BABE_COLUMNS, read_babe
from ._config import CorpusConfig, SourceSpec, load_config
from ._datasets import DATASETS, RECASENS_LISTS, fetch_dataset, load_dataset
from ._errors import CorpusError
from ._hydrate import FetchSettings, hydrate_manifest
from ._language import LANGUAGE_COLUMNS, detect_languages, fill_languages
from ._load import (
    ArticleBatches,
    count_words,
    default_cache,
    default_mirror,
    group_issues,
    iter_article_batches,
    language_table,
    load_corpus,
    source_table,
    summarize,
)
from ._model import ARTICLE_COLUMNS, ISSUE_COLUMNS, OUTLET_COLUMNS, RAW_COLUMNS, Corpus, DatasetSpec
from ._narrative import NARRATIVE_COLUMNS, NARRATIVE_FRAME_CODES, fold_source, read_narrative_frames
from ._outlets import CAMPS, UNKNOWN_CAMP, load_outlets
from ._parquet import PARQUET_BATCH_ROWS
from ._sentence_sets import SENTENCE_SET_COLUMNS, join_fignews, join_penn
from ._sides import Sides, choose_sides

__all__ = [
    "ARTICLE_COLUMNS",
    "BABE_COLUMNS",
    "CAMPS",
    "DATASETS",
    "ISSUE_COLUMNS",
    "LANGUAGE_COLUMNS",
    "NARRATIVE_COLUMNS",
    "NARRATIVE_FRAME_CODES",
    "OUTLET_COLUMNS",
    "PARQUET_BATCH_ROWS",
    "RAW_COLUMNS",
    "RECASENS_LISTS",
    "SENTENCE_SET_COLUMNS",
    "UNKNOWN_CAMP",
    "ArticleBatches",
    "Corpus",
    "CorpusConfig",
    "CorpusError",
    "DatasetSpec",
    "FetchSettings",
    "Sides",
    "SourceSpec",
    "choose_sides",
    "count_words",
    "default_cache",
    "default_mirror",
    "detect_languages",
    "fetch_dataset",
    "fill_languages",
    "fold_source",
    "group_issues",
    "hydrate_manifest",
    "iter_article_batches",
    "join_fignews",
    "join_penn",
    "language_table",
    "load_config",
    "load_corpus",
    "load_dataset",
    "load_outlets",
    "read_babe",
    "read_narrative_frames",
    "source_table",
    "summarize",
]
