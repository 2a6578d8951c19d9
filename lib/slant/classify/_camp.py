"""Classify stage, camps: which camp does an article read like, measured without cheating.

Input: the ``articles`` table (``id``, ``outlet``, ``camp``, ``text``, ``is_target``), the outlet
registry and a lexicon. Output tables (columns listed below and in the README, "Output tables"):
``camp_scores`` (macro-F1 per task, model and cross-validation scheme), ``camp_confusion`` and
``camp_probabilities`` (every article, out of its outlet); :mod:`._apply` fits the target's. Three models: TF-IDF word and character n-grams, lexicon counts
(:class:`LexiconFeatures`), and both, each followed by a logistic regression. Nothing here plots,
prints or writes files: notes on what could not be done go into ``CampResults.notes``.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import scipy.sparse as sp
from joblib import Parallel, delayed
from sklearn.base import clone
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, MaxAbsScaler

from ..contrast import strip_stop_terms, without_breaks, word_ngrams
from ._features import LexiconFeatures
from ._folds import (
    ALIGNMENT_CAMP,
    ALIGNMENT_CAMPS,
    LOGO_SCHEME,
    MAX_LOGO_OUTLETS,
    SCHEMES,
    STRATIFIED_SCHEME,
    TASKS,
    CampError,
    alignment_side,
    labelled,
    outlet_folds,
    stratified_folds,
    task_labels,
    unrunnable,
)

__all__ = [
    "ALIGNMENT_CAMP", "ALIGNMENT_CAMPS", "CAMP_MODELS", "CONFUSION_COLUMNS", "PROBABILITY_COLUMNS", "SCHEMES",
    "SCORE_COLUMNS", "TASKS", "CampError", "camp_inputs", "cross_validate_camps",
    "make_camp_model", "task_labels",
]

#: The models compared: TF-IDF n-grams, lexicon counts, both.
CAMP_MODELS = ("tfidf", "lexicon", "combined")
#: Stratified folds (at most; fewer when the smallest class has fewer articles).
N_SPLITS = 5
#: Inverse regularisation of the logistic regression, chosen by leave-one-outlet-out CV of the
#: alignment axis on FA-KES among 1, 3, 10, 30 (README, "Camp classifier"): 3 for the n-grams
#: (0.868 with characters, 0.857 with words, against 0.862 and 0.849 at 30); the lexicon model
#: scores 0.875 at 1, within noise of 3 on 16 outlets.
DEFAULT_C = 3.0
#: Character n-gram lengths (within words): long enough for stems ("terror", "regim"); the
#: most frequent :data:`MAX_CHAR_NGRAMS` only, which bounds the time of a fold (2-grams add
#: little and 6-grams nearly double it).
CHAR_NGRAMS = (3, 5)
MAX_CHAR_NGRAMS = 100_000
#: Stopping tolerance of the solver (lbfgs): 1e-3 instead of scikit-learn's 1e-4 fits the
#: eight-camp model on 55,000 n-grams five times faster (11 s -> 2 s a fold on FA-KES).
TOL = 1e-3
_LEXICON_PREFIX = "lex:"
#: Smallest corpus whose folds run in worker processes: starting a worker (importing
#: scikit-learn and slant) takes 2-5 s on 2 cores, 30 s under a load of 12, longer than the
#: whole cross-validation of a corpus this small (the tiny test corpus: 7 articles, 7.6 s in
#: one process under that load; FA-KES's folds take seconds each).
MIN_PARALLEL_ARTICLES = 200

SCORE_COLUMNS = ["task", "model", "scheme", "macro_f1", "accuracy", "folds", "articles", "outlets",
                 "classes"]
CONFUSION_COLUMNS = ["task", "model", "scheme", "true", "predicted", "articles"]
#: Long table: one row per article and class (out-of-outlet probability of the logistic regression).
PROBABILITY_COLUMNS = ["id", "outlet", "camp", "task", "model", "predicted", "class", "probability"]


# --- inputs ----------------------------------------------------------------------------------

def camp_inputs(articles: pd.DataFrame, *, outlets: pd.DataFrame | None = None,
                lexicon=None) -> pd.DataFrame:
    """The table the camp models read: cleaned text and lexicon counts, one row per article.

    ``text`` is the article (headed by its title) lowercased with outlet self-names, datelines,
    wire trailers, agency names, web addresses and numbers removed (:func:`strip_stop_terms`,
    the stop terms of the contrast stage), so that no model learns an outlet by its name.

    Parameters
    ----------
    articles : DataFrame
        ``id``, ``outlet``, ``camp``, ``text``; ``title``, ``outlet_name`` when present.
    outlets : DataFrame, optional
        The registry whose self-names are removed (default: the bundled one).
    lexicon : Lexicon, optional
        Adds one ``lex:<feature>`` column per :class:`LexiconFeatures` feature (needed by the
        ``lexicon`` and ``combined`` models).

    Returns
    -------
    DataFrame
        ``id``, ``outlet``, ``camp``, ``is_target``, ``text``, then the ``lex:`` columns.
    """
    _check_camps(articles)
    articles = articles.reset_index(drop=True)
    table = pd.DataFrame({
        "id": articles["id"].astype(str), "outlet": articles["outlet"].astype(str),
        "camp": articles["camp"].astype(str),
        "is_target": articles["is_target"].astype(bool) if "is_target" in articles else False,
        "text": strip_stop_terms(articles, outlets=outlets)})
    if lexicon is not None:
        features = LexiconFeatures(lexicon=lexicon).fit(articles)
        counts = pd.DataFrame(features.transform(articles).toarray(),
                              columns=[_LEXICON_PREFIX + n for n in features.get_feature_names_out()])
        table = pd.concat([table, counts], axis=1)
    return table


def _check_camps(articles) -> None:
    # one camp, or none known, is not an error here: cross_validate_camps says so in a note
    for col in ("id", "outlet", "camp", "text"):
        if col not in articles:
            raise CampError(f"articles has no {col!r} column; load them with "
                            "slant.corpus.load_corpus (it adds each outlet's camp from outlets.csv)")


# --- models ----------------------------------------------------------------------------------

def make_camp_model(model: str = "tfidf", *, lexicon_columns=(), C: float = DEFAULT_C,
                    random_state: int = 0) -> Pipeline:
    """An unfitted camp model: features, then a balanced logistic regression.

    Parameters
    ----------
    model : {"tfidf", "lexicon", "combined"}
        ``tfidf``: word 1-2-grams and character 3-5-grams within words, sublinear TF-IDF,
        terms in two or more articles. ``lexicon``: the ``lex:`` columns of
        :func:`camp_inputs`, log(1 + count), scaled to [0, 1]. ``combined``: both, side by side.
    lexicon_columns : sequence of str
        The ``lex:`` columns (needed by ``lexicon`` and ``combined``).
    C : float
        Inverse regularisation strength of the logistic regression.

    Returns
    -------
    Pipeline
        ``features`` (a ColumnTransformer over the :func:`camp_inputs` table) and ``classifier``.

    References
    ----------
    Pedregosa et al. (2011), scikit-learn: ``TfidfVectorizer``, ``LogisticRegression`` with
    ``class_weight="balanced"`` (weights n / (k * n_class), so small camps count as much).
    """
    if model not in CAMP_MODELS:
        raise CampError(f"unknown model {model!r}; use one of {', '.join(CAMP_MODELS)}")
    parts = []
    if model in ("tfidf", "combined"):
        parts += [("words", TfidfVectorizer(analyzer=word_ngrams, min_df=2, sublinear_tf=True,
                                            lowercase=False), "text"),
                  ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, min_df=2,
                                            sublinear_tf=True, lowercase=False,
                                            max_features=MAX_CHAR_NGRAMS,
                                            preprocessor=without_breaks), "text")]
    if model in ("lexicon", "combined"):
        if not len(lexicon_columns):
            raise CampError(f"model {model!r} needs lexicon counts: build the inputs with "
                            "camp_inputs(articles, lexicon=...)")
        parts.append(("lexicon", make_pipeline(
            FunctionTransformer(np.log1p, feature_names_out="one-to-one"), MaxAbsScaler()),
            list(lexicon_columns)))
    return Pipeline([
        ("features", ColumnTransformer(parts, sparse_threshold=1.0)),
        ("classifier", LogisticRegression(C=C, class_weight="balanced", max_iter=5_000,
                                          tol=TOL, random_state=random_state)),
    ])


def _lexicon_columns(inputs: pd.DataFrame) -> list[str]:
    return [c for c in inputs.columns if c.startswith(_LEXICON_PREFIX)]


class _Constant:
    """What any learner predicts from a training fold of one class: that class."""

    def __init__(self, label):
        self.classes_ = np.array([label], dtype=object)

    def predict_proba(self, x):
        return np.ones((x.shape[0], 1))


def _fit_fold(classifier, x, y):
    if len(pd.unique(y)) < 2:
        return _Constant(y[0])
    return clone(classifier).fit(x, y)


def _fit_blocks(models, train: pd.DataFrame, test: pd.DataFrame) -> dict:
    """Each feature block (``words``, ``chars``, ``lexicon``) of the models fitted once on the
    training rows: (train matrix, test matrix) by block name. The same as fitting each model's
    ColumnTransformer, whose blocks are independent, on these rows."""
    blocks = {}
    for model in models:
        for name, transformer, columns in model.named_steps["features"].transformers:
            if name not in blocks:
                fitted = clone(transformer)
                x_train = sp.csr_matrix(fitted.fit_transform(train[columns]))
                blocks[name] = (x_train, sp.csr_matrix(fitted.transform(test[columns])))
    return blocks


def _assemble(model, blocks) -> tuple:
    names = [name for name, _, _ in model.named_steps["features"].transformers]
    return tuple(sp.hstack([blocks[n][k] for n in names], format="csr") for k in (0, 1))


def _splits(scheme, inputs, y, n_splits, random_state, notes, task):
    """The folds of one scheme (``stratified``, ``leave-one-outlet-out`` or grouped), notes
    appended: what :func:`cross_validate_camps` runs, for one task."""
    if scheme == STRATIFIED_SCHEME:
        splits, note = stratified_folds(y, n_splits=n_splits, random_state=random_state)
    else:
        _, splits, note = outlet_folds(
            inputs["outlet"].to_numpy(), inputs["camp"].to_numpy(), random_state=random_state,
            max_logo_outlets=MAX_LOGO_OUTLETS if scheme == LOGO_SCHEME else 0)
    if note:
        notes.append(f"{task}: {note}")
    return splits


def _run_fold(built, inputs, train, test, labels) -> dict:
    """One fold: each feature block fitted once on the training rows, then every model and
    task; {(task, model): (classes of the fitted classifier, test probabilities)}."""
    blocks = _fit_blocks(built.values(), inputs.iloc[train], inputs.iloc[test])
    out = {}
    for name, model in built.items():
        x_train, x_test = _assemble(model, blocks)
        for task, y in labels.items():
            fitted = _fit_fold(model.named_steps["classifier"], x_train, y[train])
            out[task, name] = (fitted.classes_, fitted.predict_proba(x_test))
    return out


def _plan(inputs, labels, *, n_splits, random_state, max_logo_outlets, notes) -> list:
    """(scheme, splits, tasks) to run: the outlet-held-out folds once for every task (they
    depend on outlets and camps only), the stratified folds per task (they depend on its
    classes)."""
    plans = []
    scheme, splits, note = outlet_folds(inputs["outlet"].to_numpy(), inputs["camp"].to_numpy(),
                                        max_logo_outlets=max_logo_outlets, random_state=random_state)
    if note:
        notes.append(f"held-out outlets: {note}")
    if splits:
        plans.append((scheme, splits, list(labels)))
    for task, y in labels.items():
        splits, note = stratified_folds(y, n_splits=n_splits, random_state=random_state)
        if note:
            notes.append(f"{task}: {note}")
        else:
            plans.append((STRATIFIED_SCHEME, splits, [task]))
        lone = [c for c in sorted(pd.unique(y)) if inputs["outlet"][y == c].nunique() < 2]
        if lone and inputs["outlet"].nunique() > 1:
            notes.append(f"{task}: {', '.join(lone)} come(s) from one outlet only; left out, its "
                         "articles cannot be predicted as their class")
    return plans


def _runnable_tasks(inputs, tasks, notes) -> list:
    """The tasks that can run, with a one-line note for each that cannot (or for all)."""
    for task in tasks:
        if task not in TASKS:
            raise CampError(f"unknown task {task!r}; use one of {', '.join(TASKS)}")
    if reason := unrunnable(inputs):
        notes.append(f"{' and '.join(tasks)}: not run: {reason}")
        return []
    unknown = ~labelled(inputs)
    if unknown.any():
        notes.append(f"{int(unknown.sum())} articles of {inputs['outlet'][unknown].nunique()} "
                     "outlets of camp 'unknown' (not in outlets.csv) are left out of the "
                     "cross-validation: their class is not known")
    run = []
    for task in tasks:
        if task == "alignment":
            side, note = alignment_side(inputs)
            if note or (side is not None and side.note):
                notes.append(note or side.note)
            if side is None:
                continue
        run.append(task)
    return run


def cross_validate_camps(inputs: pd.DataFrame, *, tasks=TASKS, models=CAMP_MODELS,
                         n_splits: int = N_SPLITS, C: float = DEFAULT_C, random_state: int = 0,
                         max_logo_outlets: int = MAX_LOGO_OUTLETS, n_jobs: int | None = -1):
    """Macro-F1, confusion and out-of-fold probabilities of every task, model and scheme.

    Two schemes side by side: ordinary stratified folds (articles of one outlet land in both
    training and test, so a model can learn the outlet's house style and its score leaks), and
    folds that hold whole outlets out: one outlet per fold (``leave-one-outlet-out``) up to
    ``max_logo_outlets`` outlets, else ten folds of whole outlets stratified by camp
    (``grouped-10-fold``); either way an article is judged by a model that never saw its
    outlet, and a camp with one outlet cannot be learnt at all. A training fold with one class
    only predicts that class; a class missing from a training fold gets probability 0.
    Each fold fits every feature block once and shares it between the models and the tasks
    that use it; the folds run in parallel (joblib), with the results of one process.
    Articles of camp "unknown" are left out; a task that cannot run (one camp, no side with
    two outlets on each side) is left out with a one-line note instead of an error.

    Parameters
    ----------
    inputs : DataFrame
        From :func:`camp_inputs`.
    tasks, models : sequences of str
        Of :data:`TASKS` and :data:`CAMP_MODELS`.
    n_splits : int
        Stratified folds (fewer when the smallest class has fewer articles).
    max_logo_outlets : int
        Most outlets for one outlet per fold (:data:`MAX_LOGO_OUTLETS`); grouped folds beyond.
    n_jobs : int or None
        Folds run at once (joblib: -1 every core, None or 1 one process); a corpus of fewer
        than :data:`MIN_PARALLEL_ARTICLES` articles runs in one process.

    Returns
    -------
    scores, confusion, probabilities : DataFrame
        ``SCORE_COLUMNS``, ``CONFUSION_COLUMNS`` and (outlet-held-out schemes only)
        ``PROBABILITY_COLUMNS``.
    notes : list of str
        What could not be evaluated and why, and how the binary task and the folds were chosen
        where the defaults did not apply.

    References
    ----------
    Pedregosa et al. (2011), scikit-learn's ``LeaveOneGroupOut``, ``StratifiedGroupKFold`` and
    ``StratifiedKFold``; Opitz & Burst (2019), "Macro F1 and Macro F1", arXiv:1911.03347 (the
    mean of per-class F1, as scikit-learn's ``average="macro"``).
    """
    notes: list[str] = []
    tasks = _runnable_tasks(inputs, list(tasks), notes)
    keep = labelled(inputs)
    labels = {task: task_labels(inputs, task)[keep] for task in tasks}
    inputs = inputs[keep].reset_index(drop=True)
    plans = _plan(inputs, labels, n_splits=n_splits, random_state=random_state,
                  max_logo_outlets=max_logo_outlets, notes=notes) if tasks else []
    lex = _lexicon_columns(inputs)
    built = {name: make_camp_model(name, lexicon_columns=lex, C=C, random_state=random_state)
             for name in models}
    out = {}
    for scheme, splits, plan_tasks in plans:
        for task in plan_tasks:
            classes = np.array(sorted(pd.unique(labels[task])), dtype=object)
            for name in models:
                out[task, name, scheme] = (classes, np.empty(len(inputs), dtype=object),
                                           np.zeros((len(inputs), len(classes))), len(splits))
    jobs = [(scheme, train, test, {t: labels[t] for t in plan_tasks})
            for scheme, splits, plan_tasks in plans for train, test in splits]
    features = inputs[["text", *lex]]
    folds = Parallel(n_jobs=_n_jobs(n_jobs, len(jobs), len(inputs)))(
        delayed(_run_fold)(built, features, train, test, fold_labels)
        for _, train, test, fold_labels in jobs)
    for (scheme, _, test, _), fold in zip(jobs, folds):
        for (task, name), (fitted_classes, p) in fold.items():
            classes, predicted, proba, _ = out[task, name, scheme]
            # a class absent from this training fold keeps probability 0 in its own column
            proba[np.ix_(test, np.searchsorted(classes, fitted_classes))] = p
            predicted[test] = fitted_classes[p.argmax(axis=1)]
    return _tables(inputs, labels, out, models, notes)


def _n_jobs(n_jobs, n_tasks, n_articles) -> int:
    """No more workers than folds; one process for a single fold or a small corpus."""
    if n_jobs is None or n_tasks <= 1 or n_articles < MIN_PARALLEL_ARTICLES:
        return 1
    cores = os.cpu_count() or 1
    wanted = cores + 1 + n_jobs if n_jobs < 0 else n_jobs
    return max(1, min(wanted, n_tasks))


def _tables(inputs, labels, out, models, notes):
    scores, confusion, probabilities = [], [], []
    for task, y in labels.items():
        for scheme in SCHEMES + tuple(sorted({k[2] for k in out} - set(SCHEMES))):
            for name in models:
                if (task, name, scheme) not in out:
                    continue
                classes, predicted, proba, n_folds = out[task, name, scheme]
                scores.append({"task": task, "model": name, "scheme": scheme,
                               "macro_f1": f1_score(y, predicted, average="macro", zero_division=0),
                               "accuracy": accuracy_score(y, predicted), "folds": n_folds,
                               "articles": len(y), "outlets": inputs["outlet"].nunique(),
                               "classes": len(classes)})
                pairs = pd.crosstab(pd.Series(y, name="true"), pd.Series(predicted, name="predicted"))
                pairs = pairs.stack().rename("articles").reset_index()
                confusion.append(pairs.assign(task=task, model=name, scheme=scheme))
                if scheme != STRATIFIED_SCHEME:
                    wide = pd.DataFrame(proba, columns=classes)
                    wide.insert(0, "predicted", predicted)
                    for col in ("camp", "outlet", "id"):
                        wide.insert(0, col, inputs[col].to_numpy())
                    probabilities.append(
                        wide.melt(id_vars=["id", "outlet", "camp", "predicted"], var_name="class",
                                  value_name="probability").assign(task=task, model=name))
    return (pd.DataFrame(scores, columns=SCORE_COLUMNS),
            _concat(confusion, CONFUSION_COLUMNS, ["task", "model", "scheme", "true", "predicted"]),
            _concat(probabilities, PROBABILITY_COLUMNS, ["task", "model", "id", "class"]), notes)


def _concat(tables, columns, keys) -> pd.DataFrame:
    if not tables:
        return pd.DataFrame(columns=columns)
    return pd.concat(tables, ignore_index=True)[columns].sort_values(keys, kind="stable",
                                                                      ignore_index=True)
