"""Framing stage: who speaks (attribution), what is mentioned or left out.

Input: the corpus's ``articles`` and the bundled (or user) ``sources.yml`` and ``mentions.yml``.
Output: tables of attributions, of shares by source kind, and of mentions per outlet or camp.
"""

from ._attribution import (
    ATTRIBUTION_COLUMNS,
    FRAMES,
    SHARE_COLUMNS,
    Sources,
    article_sources,
    attribution_shares,
    find_attributions,
    load_sources,
    source_counts,
)
from ._attribution_eval import ATTRIBUTION_READINGS, attribution_sentences, evaluate_attribution
from ._lexicon_files import FramingLexiconError
from ._mentions import (
    MATRIX_COLUMNS,
    MENTION_COLUMNS,
    OMISSION_MAJORITY,
    Mentions,
    find_mentions,
    load_mentions,
    mention_matrix,
)

__all__ = [
    "ATTRIBUTION_COLUMNS",
    "ATTRIBUTION_READINGS",
    "FRAMES",
    "MATRIX_COLUMNS",
    "MENTION_COLUMNS",
    "OMISSION_MAJORITY",
    "SHARE_COLUMNS",
    "FramingLexiconError",
    "Mentions",
    "Sources",
    "article_sources",
    "attribution_sentences",
    "attribution_shares",
    "evaluate_attribution",
    "find_attributions",
    "find_mentions",
    "load_mentions",
    "load_sources",
    "mention_matrix",
    "source_counts",
]
