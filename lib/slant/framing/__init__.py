"""Framing stage: framing beyond single words (issue 6).

Rewrite diff (:mod:`._rewrite`): how a target rewrites its wire source. Story clusters
(:mod:`._clusters`): articles about one event across outlets. Outlet map (:mod:`._outlet_map`):
outlets placed by their term profiles. Each returns tables; charts are in :mod:`slant.charts`.
"""

from ._clusters import (
    CLUSTER_COLUMNS,
    MIN_SIMILARITY,
    STORY_COLUMNS,
    UNCOVERED_COLUMNS,
    WINDOW_DAYS,
    cluster_stories,
    pair_scores,
    story_table,
    uncovered_camps,
)
from ._errors import FramingError
from ._outlet_map import (
    AXIS_TERM_COLUMNS,
    MAP_COLUMNS,
    MAP_MIN_ARTICLES,
    MAP_TERMS,
    OutletMap,
    map_outlets,
)
from ._rewrite import (
    ALIGNMENT_COLUMNS,
    EDIT_COLUMNS,
    REUSE_COLUMNS,
    SIMILARITY_THRESHOLD,
    WIRE_OUTLETS,
    RewriteDiff,
    align_texts,
    rewrite_diff,
    wire_reuse,
)
from ._story_eval import NO_EVENT, load_penn_events, score_penn_events

__all__ = [
                        "ALIGNMENT_COLUMNS",
    "AXIS_TERM_COLUMNS",
    "CLUSTER_COLUMNS",
    "EDIT_COLUMNS",
    "MAP_COLUMNS",
    "MAP_MIN_ARTICLES",
    "MAP_TERMS",
    "MIN_SIMILARITY",
    "NO_EVENT",
    "REUSE_COLUMNS",
    "SIMILARITY_THRESHOLD",
    "STORY_COLUMNS",
    "UNCOVERED_COLUMNS",
    "WINDOW_DAYS",
    "WIRE_OUTLETS",
    "FramingError",
    "OutletMap",
    "RewriteDiff",
    "align_texts",
    "cluster_stories",
    "load_penn_events",
    "map_outlets",
    "pair_scores",
    "rewrite_diff",
    "score_penn_events",
    "story_table",
    "uncovered_camps",
    "wire_reuse",
]
