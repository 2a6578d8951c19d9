"""Stage 5, scoring: lexicon hits in the outlet's own voice, and article and group scores.

In: articles (``slant.corpus.ARTICLE_COLUMNS``) and a :class:`slant.lexicons.Lexicon`. Out: the
hit table (``HIT_COLUMNS``, one row per match with its voice), article scores
(``ARTICLE_SCORE_COLUMNS``; articles in a language no lexicon covers are "not scored", never
zero: ``_coverage``), group scores with bootstrap intervals, label choices (also per language: ``_choices``), and VADER
tone. One pass (``_onepass``) indexes, matches and finds quotes per batch of texts.

Other stages may use the names in ``__all__``.
"""


from ._choices import LANGUAGE_CHOICE_COLUMNS, label_choices_by_language
from ._coverage import (
    COVERAGE_COLUMNS,
    NOT_SCORED_COLUMNS,
    language_coverage,
    language_summary,
    mark_scored,
    not_scored_table,
)
from ._onepass import (
    QUOTE_COLUMNS,
    index_match_quote,
)
from ._scores import (
    ARTICLE_SCORE_COLUMNS,
    DEFAULT_LEXICONS,
    HIT_COLUMNS,
    LABEL_CHOICE_COLUMNS,
    Scores,
    article_scores,
    corpus_articles,
    corpus_lexicon,
    find_hits,
    group_scores,
    index_and_hits,
    kwic,
    label_choices,
    own_voice_share,
    score_corpus,
)
from ._stream import combine_batches, merge_label_choices, score_batch, score_batches
from ._tone import (
    TONE_COLUMNS,
    TONE_ENGINES,
    article_tone,
    sentence_tone,
    sentence_tone_started,
    tone_table,
)

__all__ = [
    "ARTICLE_SCORE_COLUMNS",
    "COVERAGE_COLUMNS",
    "DEFAULT_LEXICONS",
    "HIT_COLUMNS",
    "LABEL_CHOICE_COLUMNS",
    "LANGUAGE_CHOICE_COLUMNS",
    "NOT_SCORED_COLUMNS",
    "QUOTE_COLUMNS",
    "TONE_COLUMNS",
    "TONE_ENGINES",
    "Scores",
    "article_scores",
    "article_tone",
    "combine_batches",
    "corpus_articles",
    "corpus_lexicon",
    "find_hits",
    "group_scores",
    "index_and_hits",
    "index_match_quote",
    "kwic",
    "label_choices",
    "label_choices_by_language",
    "language_coverage",
    "language_summary",
    "mark_scored",
    "merge_label_choices",
    "not_scored_table",
    "own_voice_share",
    "score_batch",
    "score_batches",
    "score_corpus",
    "sentence_tone",
    "sentence_tone_started",
    "tone_table",
]
