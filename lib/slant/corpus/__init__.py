"""Corpus stage: load, validate and report a corpus (see README, "The corpus model").

Input: a corpus folder with ``corpus.yml``. Output tables: ``articles`` (``ARTICLE_COLUMNS``),
``outlets`` (``OUTLET_COLUMNS``) and the load report ``issues`` (``ISSUE_COLUMNS``).
This stage imports no other slant module.
"""

from ._config import CorpusConfig, SourceSpec, load_config
from ._errors import CorpusError
from ._load import (
    count_words,
    default_cache,
    default_mirror,
    group_issues,
    load_corpus,
    source_table,
    summarize,
)
from ._model import ARTICLE_COLUMNS, ISSUE_COLUMNS, OUTLET_COLUMNS, Corpus
from ._outlets import CAMPS, UNKNOWN_CAMP, load_outlets

__all__ = [
    "ARTICLE_COLUMNS",
    "CAMPS",
    "ISSUE_COLUMNS",
    "OUTLET_COLUMNS",
    "UNKNOWN_CAMP",
    "Corpus",
    "CorpusConfig",
    "CorpusError",
    "SourceSpec",
    "count_words",
    "default_cache",
    "default_mirror",
    "group_issues",
    "load_config",
    "load_corpus",
    "load_outlets",
    "source_table",
    "summarize",
]
