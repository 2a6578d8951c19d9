"""Framing stage: who speaks (attribution), what is mentioned or left out.

Input: the corpus's ``articles`` and the bundled (or user) ``sources.yml`` and ``mentions.yml``.
Output: tables of attributions, of shares by source kind, and of mentions per outlet or camp.
"""

from ._attribution import (
    ATTRIBUTION_COLUMNS,
    FRAMES,
    SHARE_COLUMNS,
    Sources,
    attribution_shares,
    find_attributions,
    load_sources,
    source_counts,
)
from ._lexicon_files import FramingLexiconError

__all__ = [
    "ATTRIBUTION_COLUMNS",
    "FRAMES",
    "SHARE_COLUMNS",
    "FramingLexiconError",
    "Sources",
    "attribution_shares",
    "find_attributions",
    "load_sources",
    "source_counts",
]
