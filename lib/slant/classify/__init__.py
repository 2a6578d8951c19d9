"""Classify stage: trained models beside the lexicons, each measured honestly.

Article level (:mod:`._camp`, :mod:`._apply`): which camp does an article read like, from
TF-IDF n-grams, lexicon counts (:class:`LexiconFeatures`) or both, scored with outlets held out
(one per fold, or ten grouped folds past twenty outlets) beside ordinary stratified folds, cached
by the content of the corpus; output: the tables of :class:`CampResults`.

Sentence level (loaded language, trained on BABE, Spinde et al. 2021): features
(:class:`SentenceLexiconFeatures`, word lists of Recasens et al. 2013 and MPQA), models and their
grouped cross-validation (``RESULT_COLUMNS``), saved models with checks, and the corpus's
sentences predicted (``SENTENCE_PREDICTION_COLUMNS``, ``SHARE_COLUMNS``). See README,
"Camp classifier" and "Sentence classifier". Nothing here plots, prints or writes files
(except saving a model when asked).
"""

from ..contrast import strip_stop_terms
from ._apply import (
    TARGET_COLUMNS,
    TARGET_FEATURE_COLUMNS,
    CampResults,
    classify_camps,
    fit_camp_model,
    predict_camps,
    top_features,
)
from ._cache import CACHE_FOLDER, content_key
from ._camp import (
    CAMP_MODELS,
    CONFUSION_COLUMNS,
    PROBABILITY_COLUMNS,
    SCORE_COLUMNS,
    camp_inputs,
    cross_validate_camps,
    make_camp_model,
)
from ._camp_report import report_camps
from ._domain_rule import (
    CAVEAT_AUC,
    MODEL_LANGUAGES,
    SHOW_AUC,
    DomainVerdict,
    domain_verdict,
    measured_transfer,
    nearest_domain,
)
from ._domains import DOMAINS, GOLD_DOMAINS, TRAIN_ONLY, distant_fakes, load_domains
from ._errors import ClassifyError
from ._features import LexiconFeatures
from ._folds import (
    ALIGNMENT_CAMP,
    ALIGNMENT_CAMPS,
    GROUPED_FOLDS,
    GROUPED_SCHEME,
    LOGO_SCHEME,
    MAX_LOGO_OUTLETS,
    OUTLET_SCHEMES,
    SCHEMES,
    TASKS,
    CampError,
    Side,
    alignment_side,
    outlet_folds,
    task_labels,
)
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
    TRAINING_COLUMNS,
    SentenceReport,
    babe_sentence_model,
    evaluate_babe,
    fit_sentence_model,
    loaded_shares,
    predict_corpus_sentences,
    read_training_sentences,
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
from ._transfer import (
    ALL_OTHERS,
    TRANSFER_COLUMNS,
    bootstrap_grouped,
    grouped_folds,
    transfer_matrix,
)
from ._travel import VARIANTS, TravelClassifier
from ._wordlists import WORDLIST_NAMES, load_wordlists, wordlist_lexicon

__all__ = [
    "ALIGNMENT_CAMP",
    "ALIGNMENT_CAMPS",
    "ALL_OTHERS",
    "BEST_MODEL",
    "CACHE_FOLDER",
    "CAMP_MODELS",
    "CAVEAT_AUC",
    "CONFUSION_COLUMNS",
    "DOMAINS",
    "GOLD_DOMAINS",
    "GROUPED_FOLDS",
    "GROUPED_SCHEME",
    "LOGO_SCHEME",
    "MAX_LOGO_OUTLETS",
    "MODEL_LANGUAGES",
    "MODEL_NAMES",
    "OOF_COLUMNS",
    "OUTLET_SCHEMES",
    "PREDICTION_COLUMNS",
    "PROBABILITY_COLUMNS",
    "RESULT_COLUMNS",
    "SCHEMES",
    "SCORE_COLUMNS",
    "SENTENCE_LEXICONS",
    "SENTENCE_PREDICTION_COLUMNS",
    "SHARE_COLUMNS",
    "SHOW_AUC",
    "TARGET_COLUMNS",
    "TARGET_FEATURE_COLUMNS",
    "TASKS",
    "TRAINING_COLUMNS",
    "TRAIN_ONLY",
    "TRANSFER_COLUMNS",
    "VARIANTS",
    "WORDLIST_NAMES",
    "AnyHitClassifier",
    "CampError",
    "CampResults",
    "ClassifyError",
    "DomainVerdict",
    "LexiconFeatures",
    "MarkedWordFeatures",
    "MarkedWordsClassifier",
    "SentenceLexiconFeatures",
    "SentenceReport",
    "Side",
    "TravelClassifier",
    "alignment_side",
    "babe_sentence_model",
    "bootstrap_grouped",
    "bootstrap_macro_f1",
    "camp_inputs",
    "classify_camps",
    "content_key",
    "count_hits",
    "cross_validate_camps",
    "distant_fakes",
    "domain_verdict",
    "evaluate_babe",
    "evaluate_sentence_models",
    "file_sha256",
    "fit_camp_model",
    "fit_sentence_model",
    "grouped_folds",
    "library_versions",
    "load_domains",
    "load_sentence_model",
    "load_wordlists",
    "loaded_shares",
    "make_camp_model",
    "make_sentence_model",
    "measured_transfer",
    "misclassified_sentences",
    "nearest_domain",
    "outlet_folds",
    "parse_marks",
    "predict_camps",
    "predict_corpus_sentences",
    "predict_sentences",
    "read_sentences",
    "read_training_sentences",
    "report_camps",
    "report_sentences",
    "save_sentence_model",
    "strip_stop_terms",
    "task_labels",
    "top_features",
    "transfer_matrix",
    "wordlist_lexicon",
]
