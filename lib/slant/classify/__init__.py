"""Classify stage: trained models beside the lexicons, each measured honestly.

Sentence level (loaded language, trained on BABE, Spinde et al. 2021): features
(:class:`SentenceLexiconFeatures`, word lists of Recasens et al. 2013 and MPQA), models and their
grouped cross-validation (``RESULT_COLUMNS``), saved models with checks, and the corpus's
sentences predicted (``SENTENCE_PREDICTION_COLUMNS``, ``SHARE_COLUMNS``). See README,
"Sentence classifier".
"""

from ._errors import ClassifyError
from ._marked_words import MarkedWordFeatures, MarkedWordsClassifier, parse_marks
from ._sentence_features import SentenceLexiconFeatures, count_hits
from ._sentence_io import (
                           PREDICTION_COLUMNS,
                           file_sha256,
                           library_versions,
                           load_sentence_model,
                           predict_sentences,
                           read_sentences,
                           save_sentence_model,
)
from ._sentence_report import (
                           SENTENCE_LEXICONS,
                           SENTENCE_PREDICTION_COLUMNS,
                           SHARE_COLUMNS,
                           SentenceReport,
                           babe_sentence_model,
                           evaluate_babe,
                           fit_sentence_model,
                           loaded_shares,
                           predict_corpus_sentences,
                           report_sentences,
)
from ._sentences import (
    BEST_MODEL,
                           MODEL_NAMES,
                           OOF_COLUMNS,
                           RESULT_COLUMNS,
                           AnyHitClassifier,
                           bootstrap_macro_f1,
                           evaluate_sentence_models,
                           make_sentence_model,
                           misclassified_sentences,
)
from ._wordlists import WORDLIST_NAMES, load_wordlists, wordlist_lexicon

__all__ = [
    "BEST_MODEL",
    "MODEL_NAMES",
    "OOF_COLUMNS",
    "PREDICTION_COLUMNS",
    "RESULT_COLUMNS",
    "SENTENCE_LEXICONS",
    "SENTENCE_PREDICTION_COLUMNS",
    "SHARE_COLUMNS",
    "WORDLIST_NAMES",
    "AnyHitClassifier",
    "ClassifyError",
    "MarkedWordFeatures",
    "MarkedWordsClassifier",
    "SentenceLexiconFeatures",
    "SentenceReport",
    "babe_sentence_model",
    "bootstrap_macro_f1",
    "count_hits",
    "evaluate_babe",
    "evaluate_sentence_models",
    "file_sha256",
    "fit_sentence_model",
    "library_versions",
    "load_sentence_model",
    "load_wordlists",
    "loaded_shares",
    "make_sentence_model",
    "misclassified_sentences",
    "parse_marks",
    "predict_corpus_sentences",
    "predict_sentences",
    "read_sentences",
    "report_sentences",
    "save_sentence_model",
    "wordlist_lexicon",
]
