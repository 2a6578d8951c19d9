"""Framing stage: framing beyond single words.

Input: the corpus's ``articles`` (and its target and ``target_source:``), a lexicon, the bundled
(or user) ``sources.yml`` and ``mentions.yml``. Output: tables of attributions (who speaks) and of
shares by source kind (:mod:`._attribution`); mentions and omissions per outlet or camp
(:mod:`._mentions`); the rewrite diff of a target against its wire source (:mod:`._rewrite`);
story clusters across outlets (:mod:`._clusters`); hero, villain and victim roles per outlet
and actor (:mod:`._roles`); generic news frames per article, outlet and camp (:mod:`._frames`,
:mod:`._frame_indicators`); the outlet map (:mod:`._outlet_map`). Charts
are in :mod:`slant.charts`.
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
from ._frame_indicators import (
    FRAME_SENTENCE_COLUMNS,
    GENERIC_FRAMES,
    INDICATOR_COLUMNS,
    FrameIndicatorFeatures,
    FrameIndicators,
    frame_sentences,
    indicator_hits,
    load_frame_indicators,
)
from ._frames import (
    EVALUATION_COLUMNS,
    FRAME_COLUMNS,
    FRAME_SHARE_COLUMNS,
    GenericFrameModel,
    apply_frames,
    best_threshold,
    evaluate_frames,
    frame_folds,
    frame_shares,
    load_frame_gold,
)
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
from ._roles import (
    ROLE_COLUMNS,
    ROLE_SHARE_COLUMNS,
    ROLES,
    RolePatterns,
    RolesError,
    find_roles,
    load_role_patterns,
    role_shares,
)
from ._roles_eval import ROLE_EVAL_COLUMNS, evaluate_roles, load_narrative_roles
from ._story_eval import NO_EVENT, load_penn_events, score_penn_events

__all__ = [
    "ALIGNMENT_COLUMNS",
    "ATTRIBUTION_COLUMNS",
    "ATTRIBUTION_READINGS",
    "AXIS_TERM_COLUMNS",
    "CLUSTER_COLUMNS",
    "EDIT_COLUMNS",
    "EVALUATION_COLUMNS",
    "FRAMES",
    "FRAME_COLUMNS",
    "FRAME_SENTENCE_COLUMNS",
    "FRAME_SHARE_COLUMNS",
    "GENERIC_FRAMES",
    "INDICATOR_COLUMNS",
    "MAP_COLUMNS",
    "MAP_MIN_ARTICLES",
    "MAP_TERMS",
    "MATRIX_COLUMNS",
    "MENTION_COLUMNS",
    "MIN_SIMILARITY",
    "NO_EVENT",
    "OMISSION_MAJORITY",
    "REUSE_COLUMNS",
    "ROLES",
    "ROLE_COLUMNS",
    "ROLE_EVAL_COLUMNS",
    "ROLE_SHARE_COLUMNS",
    "SHARE_COLUMNS",
    "SIMILARITY_THRESHOLD",
    "STORY_COLUMNS",
    "UNCOVERED_COLUMNS",
    "WINDOW_DAYS",
    "WIRE_OUTLETS",
    "FrameIndicatorFeatures",
    "FrameIndicators",
    "FramingError",
    "FramingLexiconError",
    "GenericFrameModel",
    "Mentions",
    "OutletMap",
    "RewriteDiff",
    "RolePatterns",
    "RolesError",
    "Sources",
    "align_texts",
    "apply_frames",
    "article_sources",
    "attribution_sentences",
    "attribution_shares",
    "best_threshold",
    "cluster_stories",
    "evaluate_attribution",
    "evaluate_frames",
    "evaluate_roles",
    "find_attributions",
    "find_mentions",
    "find_roles",
    "frame_folds",
    "frame_sentences",
    "frame_shares",
    "indicator_hits",
    "load_frame_gold",
    "load_frame_indicators",
    "load_mentions",
    "load_narrative_roles",
    "load_penn_events",
    "load_role_patterns",
    "load_sources",
    "map_outlets",
    "mention_matrix",
    "pair_scores",
    "rewrite_diff",
    "role_shares",
    "score_penn_events",
    "source_counts",
    "story_table",
    "uncovered_camps",
    "wire_reuse",
]
