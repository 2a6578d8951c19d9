"""Stage 6, contrast: term counts and which terms tell one group of articles from another.

In: articles and their texts. Out: a sparse :class:`TermCounts` (articles x terms, tokenised
once) and log-odds ratios with an informative Dirichlet prior (``TERM_COLUMNS``,
``CONTRAST_COLUMNS``; Monroe, Colaresi & Quinn 2008), plus stop-term stripping shared with the
classifiers.

Other stages may use the names in ``__all__``.
"""


from ._logodds import (
    CONTRAST_COLUMNS,
    DEFAULT_PRIOR_SCALE,
    NAME_WORDS_KEPT,
    STOP_TERMS,
    TERM_COLUMNS,
    ContrastError,
    TermCounts,
    compare,
    compare_each,
    compare_pairs,
    count_terms,
    group_sizes,
    keep_one_language,
    language_note,
    log_odds,
    one_language,
    outlet_stop_terms,
    suggest_terms,
    term_z,
)
from ._sides import (
    GroupContrast,
    SideContrast,
    compare_groups,
    compare_sides,
    compare_target,
    group_reason,
)
from ._strip import (
    BREAK,
    stop_terms,
    strip_stop_terms,
    without_breaks,
    word_ngrams,
)
from ._totals import (
    GroupTerms,
    compare_each_totals,
    compare_pairs_totals,
    count_group_terms,
    group_term_totals,
    sum_group_terms,
)

__all__ = [
    "BREAK",
    "CONTRAST_COLUMNS",
    "DEFAULT_PRIOR_SCALE",
    "NAME_WORDS_KEPT",
    "STOP_TERMS",
    "TERM_COLUMNS",
    "ContrastError",
    "GroupContrast",
    "GroupTerms",
    "SideContrast",
    "TermCounts",
    "compare",
    "compare_each",
    "compare_each_totals",
    "compare_groups",
    "compare_pairs",
    "compare_pairs_totals",
    "compare_sides",
    "compare_target",
    "count_group_terms",
    "count_terms",
    "group_reason",
    "group_sizes",
    "group_term_totals",
    "keep_one_language",
    "language_note",
    "log_odds",
    "one_language",
    "outlet_stop_terms",
    "stop_terms",
    "strip_stop_terms",
    "suggest_terms",
    "sum_group_terms",
    "term_z",
    "without_breaks",
    "word_ngrams",
]
