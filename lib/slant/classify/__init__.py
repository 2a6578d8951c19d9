"""Classify stage: trained models beside the lexicons, each measured honestly.

Article level (:mod:`._camp`, :mod:`._apply`): which camp does an article read like, from
TF-IDF n-grams, lexicon counts (:class:`LexiconFeatures`) or both, scored with one outlet left
out per fold beside ordinary stratified folds. Input: the ``articles`` table, the outlet
registry and a lexicon; output: the tables of :class:`CampResults`. Nothing here plots, prints
or writes files.
"""

from ._apply import (
    TARGET_COLUMNS,
    TARGET_FEATURE_COLUMNS,
    CampResults,
    classify_camps,
    fit_camp_model,
    predict_camps,
    top_features,
)
from ._camp import (
    ALIGNMENT_CAMP,
    ALIGNMENT_CAMPS,
    CAMP_MODELS,
    CONFUSION_COLUMNS,
    PROBABILITY_COLUMNS,
    SCHEMES,
    SCORE_COLUMNS,
    TASKS,
    CampError,
    camp_inputs,
    cross_validate_camps,
    make_camp_model,
    task_labels,
)
from ._features import LexiconFeatures
from ._strip import strip_stop_terms

__all__ = [
    "ALIGNMENT_CAMP",
    "ALIGNMENT_CAMPS",
    "CAMP_MODELS",
    "CONFUSION_COLUMNS",
    "PROBABILITY_COLUMNS",
    "SCHEMES",
    "SCORE_COLUMNS",
    "TARGET_COLUMNS",
    "TARGET_FEATURE_COLUMNS",
    "TASKS",
    "CampError",
    "CampResults",
    "LexiconFeatures",
    "camp_inputs",
    "classify_camps",
    "cross_validate_camps",
    "fit_camp_model",
    "make_camp_model",
    "predict_camps",
    "strip_stop_terms",
    "task_labels",
    "top_features",
]
