"""Classify stage, applying the camp models: the target's calibrated camp probabilities, the
features behind them, and every table of the stage for one corpus (:func:`classify_camps`).

Input: the :func:`camp_inputs` table. Output: ``target_camp`` (``TARGET_COLUMNS``),
``target_features`` (``TARGET_FEATURE_COLUMNS``) and the cross-validation tables of
:mod:`._camp`, gathered in :class:`CampResults`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.calibration import CalibratedClassifierCV
from sklearn.model_selection import StratifiedKFold

from ._cache import cache_folder, content_key, load_cached, store_cached
from ._camp import (
    CAMP_MODELS,
    DEFAULT_C,
    MAX_CHAR_NGRAMS,
    N_SPLITS,
    TASKS,
    TOL,
    CampError,
    _lexicon_columns,
    camp_inputs,
    cross_validate_camps,
    make_camp_model,
)
from ._folds import (
    GROUPED_FOLDS,
    LOGO_SCHEME,
    MAX_LOGO_OUTLETS,
    STRATIFIED_SCHEME,
    alignment_side,
    labelled,
    task_labels,
)

__all__ = ["TARGET_COLUMNS", "TARGET_FEATURE_COLUMNS", "CampResults", "classify_camps",
           "fit_camp_model", "predict_camps", "top_features"]

#: Folds of Platt's sigmoid calibration (scikit-learn's default cv for CalibratedClassifierCV).
CALIBRATION_FOLDS = 3
#: Features listed per class for the target.
TOP_FEATURES = 15
#: One row per article (the target), task and class.
TARGET_COLUMNS = ["id", "outlet", "camp", "task", "model", "calibrated", "class", "probability"]
#: One row per task, class and feature: value x coefficient, the largest first.
TARGET_FEATURE_COLUMNS = ["id", "task", "class", "rank", "feature", "value", "coefficient",
                          "contribution"]


def fit_camp_model(inputs: pd.DataFrame, y, *, model: str = "combined", C: float = DEFAULT_C,
                   random_state: int = 0):
    """Fit a camp model on all of ``inputs``, calibrated when every class allows it.

    Platt's sigmoid calibration on :data:`CALIBRATION_FOLDS` stratified folds, the final
    classifier fitted on all the articles (``ensemble=False``), so that its coefficients are
    the model's. A class with fewer articles than folds cannot be calibrated: the plain
    logistic regression is returned, and ``calibrated`` says so.

    Returns
    -------
    estimator, calibrated : (fitted estimator, bool)

    References
    ----------
    Platt (1999), "Probabilistic outputs for support vector machines and comparisons to
    regularized likelihood methods"; Niculescu-Mizil & Caruana (2005), "Predicting good
    probabilities with supervised learning", ICML; scikit-learn's ``CalibratedClassifierCV``.
    """
    y = np.asarray(y, dtype=object)
    if len(pd.unique(y)) < 2:
        raise CampError(f"only one class ({y[0]!r}) among the {len(y)} training articles; "
                        "a camp model needs two or more")
    base = make_camp_model(model, lexicon_columns=_lexicon_columns(inputs), C=C,
                           random_state=random_state)
    if pd.Series(y).value_counts().min() < CALIBRATION_FOLDS:
        return base.fit(inputs, y), False
    folds = StratifiedKFold(CALIBRATION_FOLDS, shuffle=True, random_state=random_state)
    calibrated = CalibratedClassifierCV(base, method="sigmoid", cv=folds, ensemble=False)
    return calibrated.fit(inputs, y), True


def _pipeline(fitted):
    """The fitted Pipeline inside a calibrated model (or the model itself)."""
    if isinstance(fitted, CalibratedClassifierCV):
        return fitted.calibrated_classifiers_[0].estimator
    return fitted


def predict_camps(fitted, inputs: pd.DataFrame) -> pd.DataFrame:
    """Probability of every class for each article: ``id``, ``outlet``, ``camp``, ``predicted``,
    then one column per class (rows sum to 1)."""
    proba = fitted.predict_proba(inputs)
    table = pd.DataFrame(proba, columns=list(fitted.classes_))
    table.insert(0, "predicted", fitted.classes_[proba.argmax(axis=1)])
    for col in ("camp", "outlet", "id"):
        table.insert(0, col, inputs[col].to_numpy())
    return table


def top_features(fitted, inputs: pd.DataFrame, *, n: int = TOP_FEATURES) -> pd.DataFrame:
    """The features that push one article (the first row of ``inputs``) towards each class.

    A feature's contribution to a class is its value in the article times the logistic
    regression's coefficient for that class (for two classes, the positive class's coefficient
    and its negative for the other): the terms of the linear score behind the prediction.

    Returns
    -------
    DataFrame
        ``TARGET_FEATURE_COLUMNS`` without ``task``; ``n`` rows per class, largest first;
        features are named ``words__<term>``, ``chars__<n-gram>`` or ``lexicon__lex:<kind=value>``.
    """
    pipe = _pipeline(fitted)
    row = pipe.named_steps["features"].transform(inputs.iloc[:1])
    row = np.asarray(row.todense() if hasattr(row, "todense") else row).ravel()
    names = pipe.named_steps["features"].get_feature_names_out()
    clf = pipe.named_steps["classifier"]
    coef = clf.coef_ if len(clf.classes_) > 2 else np.vstack([-clf.coef_[0], clf.coef_[0]])
    present = np.flatnonzero(row)
    tables = []
    for k, label in enumerate(clf.classes_):
        contribution = row[present] * coef[k, present]
        order = np.lexsort((names[present], -contribution))[:n]
        tables.append(pd.DataFrame({
            "id": inputs["id"].iloc[0], "class": label, "rank": np.arange(1, len(order) + 1),
            "feature": names[present][order], "value": row[present][order],
            "coefficient": coef[k, present][order], "contribution": contribution[order]}))
    return pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(
        columns=[c for c in TARGET_FEATURE_COLUMNS if c != "task"])


@dataclass
class CampResults:
    """Every table of the camp classifier for one corpus (see README, "Output tables").

    ``scores``: macro-F1 per task, model and scheme; ``confusion``: articles per true and
    predicted class; ``probabilities``: each article's out-of-outlet probabilities (long);
    ``target``: the target's calibrated probabilities; ``target_features``: what drives them;
    ``notes``: what could not be done, and why.
    """

    scores: pd.DataFrame
    confusion: pd.DataFrame
    probabilities: pd.DataFrame
    target: pd.DataFrame
    target_features: pd.DataFrame
    model: str
    notes: list[str] = field(default_factory=list)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables ``slant classify`` writes, by file name."""
        return {"camp_classifier_scores": self.scores, "camp_confusion": self.confusion,
                "camp_probabilities": self.probabilities, "target_camp": self.target,
                "target_features": self.target_features}

    def summary(self) -> str:
        """The notes, one per line ("" when there is nothing to say)."""
        return "\n".join(self.notes)

    @property
    def outlet_scheme(self) -> str:
        """The scheme that held outlets out (``leave-one-outlet-out`` or ``grouped-10-fold``),
        as in ``scores``; ``leave-one-outlet-out`` when none ran."""
        held = sorted(set(self.scores["scheme"]) - {STRATIFIED_SCHEME})
        return held[0] if held else LOGO_SCHEME


def classify_camps(articles: pd.DataFrame, *, outlets: pd.DataFrame | None = None, lexicon=None,
                   models=CAMP_MODELS, tasks=TASKS, model: str = "combined",
                   n_splits: int = N_SPLITS, random_state: int = 0, n_jobs: int | None = -1,
                   cache=True) -> CampResults:
    """Cross-validate the camp models and apply one to the target article.

    Parameters
    ----------
    articles : DataFrame
        The corpus's articles (``id``, ``outlet``, ``camp``, ``text``, ``is_target``).
    outlets : DataFrame, optional
        The registry whose self-names are removed before fitting (default: the bundled one).
    lexicon : Lexicon, optional
        Needed by the ``lexicon`` and ``combined`` models; without it only ``tfidf`` runs.
    models, tasks : sequences of str
        Of :data:`CAMP_MODELS` and :data:`TASKS`.
    model : str
        The model applied to the target (fitted on every other article, calibrated); the
        per-article probabilities are this model's, out of each article's outlet.
    n_splits : int
        Stratified folds.
    n_jobs : int or None
        Cross-validation folds run at once (joblib; -1: every core). The results do not depend
        on it.
    cache : bool or path
        Where the results are kept, by the sha256 of the inputs and parameters
        (:func:`content_key`): ``True`` under ``<cache>/camp-cv/`` (``$SLANT_CACHE``, else
        ``~/.cache/slant``), a folder, or ``False`` to always fit.

    Returns
    -------
    CampResults
        A corpus on which a task cannot run (one camp, every camp unknown, no side with two
        outlets) gets a one-line note per task instead of an error.
    """
    inputs = camp_inputs(articles, outlets=outlets, lexicon=lexicon)
    notes = []
    if lexicon is None:
        models = [m for m in models if m == "tfidf"]
        notes.append("no lexicon given: only the tfidf model runs")
        model = "tfidf"
    if model not in models:
        models = [*models, model]
    folder = cache_folder(cache)
    key = content_key(inputs, models=list(models), tasks=list(tasks), model=model,
                      n_splits=n_splits, random_state=random_state, C=DEFAULT_C, tol=TOL,
                      max_char_ngrams=MAX_CHAR_NGRAMS, max_logo_outlets=MAX_LOGO_OUTLETS,
                      grouped_folds=GROUPED_FOLDS, calibration_folds=CALIBRATION_FOLDS,
                      top_features=TOP_FEATURES) if folder else ""
    if (results := load_cached(folder, key, CampResults)) is not None:
        return results
    results = _classify(inputs, notes, models=models, tasks=tasks, model=model,
                        n_splits=n_splits, random_state=random_state, n_jobs=n_jobs)
    if note := store_cached(folder, key, results):
        results.notes.append(note)
    return results


def _classify(inputs, notes, *, models, tasks, model, n_splits, random_state, n_jobs):
    scores, confusion, probabilities, cv_notes = cross_validate_camps(
        inputs, tasks=tasks, models=models, n_splits=n_splits, random_state=random_state,
        n_jobs=n_jobs)
    notes += cv_notes
    probabilities = probabilities[probabilities["model"] == model].reset_index(drop=True)
    target_rows, feature_rows = [], []
    is_target = inputs["is_target"].to_numpy()
    if not is_target.any():
        notes.append("no target article loaded: no target probabilities")
    for task in tasks if is_target.any() else ():
        if task == "alignment" and alignment_side(inputs)[0] is None:
            continue  # the note from cross_validation says why
        y = task_labels(inputs, task)
        train = ~is_target & labelled(inputs)
        if len(pd.unique(y[train])) < 2:
            notes.append(f"{task}: the other articles hold one class only; the target is not scored")
            continue
        fitted, calibrated = fit_camp_model(inputs[train], y[train], model=model,
                                            random_state=random_state)
        if not calibrated:
            notes.append(f"{task}: a class has fewer than 3 articles besides the target, too few "
                         "to calibrate; the target's probabilities are the logistic regression's")
        wide = predict_camps(fitted, inputs[is_target])
        target_rows.append(wide.drop(columns="predicted").melt(
            id_vars=["id", "outlet", "camp"], var_name="class", value_name="probability")
            .assign(task=task, model=model, calibrated=calibrated))
        feature_rows.append(top_features(fitted, inputs[is_target]).assign(task=task))
    target = (pd.concat(target_rows, ignore_index=True)[TARGET_COLUMNS]
              .sort_values(["id", "task", "probability", "class"], ascending=[True, True, False, True],
                           ignore_index=True)
              if target_rows else pd.DataFrame(columns=TARGET_COLUMNS))
    features = (pd.concat(feature_rows, ignore_index=True)[TARGET_FEATURE_COLUMNS]
                if feature_rows else pd.DataFrame(columns=TARGET_FEATURE_COLUMNS))
    return CampResults(scores=scores, confusion=confusion, probabilities=probabilities,
                       target=target, target_features=features, model=model, notes=notes)
