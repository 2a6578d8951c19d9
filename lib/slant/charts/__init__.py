"""Charts stage: draw the tables other stages return.

Every function takes a tidy table and ``ax=None`` (or makes its own figure), returns the Axes,
never calls ``plt.show()``, and puts the metric and the number of articles behind it in the
title. Colours per camp are fixed, so a camp looks the same in every chart and every report.
"""

from ._classify import camp_confusion, camp_cv_scores, outlet_camp_probabilities, target_camp
from ._common import CAMP_COLORS, STANCE_COLORS, HTMLBlock, bidi_text, text_direction
from ._contrast import lexicon_z_heatmap, monroe_plot
from ._corpus import (
    article_card,
    articles_by_camp,
    coverage_timeline,
    scored_by_language,
    words_per_article,
)
from ._frames import (
    ROLE_COLORS,
    frame_share_heatmap,
    role_matrix,
    warpeace_components,
    warpeace_index,
)
from ._many import fold_names, fold_small_outlets, folded_rows, full_table, outlet_sizes
from ._sentences import loaded_share_by_group, marked_sentences, sentence_model_scores
from ._sourcing import KIND_COLORS, mention_heatmap, source_kind_shares
from ._stories import EDIT_COLORS, outlet_map, rewrite_side_by_side
from ._terms import (
    density_by_group,
    highlighted_article,
    label_heatmap,
    net_gross_coverage,
    tone_by_group,
)

__all__ = [
    "CAMP_COLORS",
    "EDIT_COLORS",
    "KIND_COLORS",
    "ROLE_COLORS",
    "STANCE_COLORS",
    "HTMLBlock",
    "article_card",
    "articles_by_camp",
    "bidi_text",
    "camp_confusion",
    "camp_cv_scores",
    "coverage_timeline",
    "density_by_group",
    "fold_names",
    "fold_small_outlets",
    "folded_rows",
    "frame_share_heatmap",
    "full_table",
    "highlighted_article",
    "label_heatmap",
    "lexicon_z_heatmap",
    "loaded_share_by_group",
    "marked_sentences",
    "mention_heatmap",
    "monroe_plot",
    "net_gross_coverage",
    "outlet_camp_probabilities",
    "outlet_map",
    "outlet_sizes",
    "rewrite_side_by_side",
    "role_matrix",
    "scored_by_language",
    "sentence_model_scores",
    "source_kind_shares",
    "target_camp",
    "text_direction",
    "tone_by_group",
    "warpeace_components",
    "warpeace_index",
    "words_per_article",
]
