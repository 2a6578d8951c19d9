"""Stage 4, voice: which spans of an article are quoted speech, not the outlet's own voice.

In: an article text and its sentence spans, or a :class:`slant.text.TextIndex`. Out:
:class:`Quote` spans (:func:`find_quotes`), the quote table of a corpus (:func:`quotes_table`:
doc, start, end, kind, speaker), per-sentence quoted flags (:func:`sentence_quoted`), and the
evaluation against human raters (:func:`evaluate_voice` on the Penn Media Bias Detector's
sentences).

Modules: ``_quotes`` (the detector), ``_marks`` (quote marks), ``_reported`` (attribution
verbs and their clauses), ``_speakers`` (who speaks), ``_table`` (a corpus at once, in worker
processes), ``_eval`` (against raters). Other stages may use the names in ``__all__``.
"""


from ._eval import (
    METHODS,
    PENN_COLUMNS,
    VoiceError,
    article_texts,
    binary_scores,
    evaluate_voice,
    load_penn_sentences,
)
from ._languages import all_cues, language_attrib, language_cues
from ._quotes import (
    ATTRIBUTION_VERBS,
    DIRECT_MIN_WORDS,
    MIN_SHARE,
    QUOTE_KINDS,
    SCARE_MAX_WORDS,
    Quote,
    find_quotes,
    quote_tuples,
    sentence_quoted,
)
from ._reported import (
    ATTRIB,
    CUES,
    attribution,
)
from ._table import (
    quotes_table,
    submit_quotes,
)

__all__ = [
    "ATTRIB",
    "ATTRIBUTION_VERBS",
    "CUES",
    "DIRECT_MIN_WORDS",
    "METHODS",
    "MIN_SHARE",
    "PENN_COLUMNS",
    "QUOTE_KINDS",
    "SCARE_MAX_WORDS",
    "Quote",
    "VoiceError",
    "all_cues",
    "article_texts",
    "attribution",
    "binary_scores",
    "evaluate_voice",
    "find_quotes",
    "language_attrib",
    "language_cues",
    "load_penn_sentences",
    "quote_tuples",
    "quotes_table",
    "sentence_quoted",
    "submit_quotes",
]
