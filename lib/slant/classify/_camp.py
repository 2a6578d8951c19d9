"""Classify stage, camps: which camp does an article read like, measured without cheating.

Input: the ``articles`` table (``id``, ``outlet``, ``camp``, ``text``, ``is_target``), the outlet
registry and a lexicon. Output tables (columns listed below and in the README, "Output tables"):
``camp_scores`` (macro-F1 per task, model and cross-validation scheme), ``camp_confusion`` and
``camp_probabilities`` (every article, out of its outlet); :mod:`._apply` fits the target's. Three models: TF-IDF word and character n-grams, lexicon counts
(:class:`LexiconFeatures`), and both, each followed by a logistic regression. Nothing here plots,
prints or writes files: notes on what could not be done go into ``CampResults.notes``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import LeaveOneGroupOut, StratifiedKFold
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, MaxAbsScaler

from ..contrast import strip_stop_terms, without_breaks, word_ngrams
from ._errors import ClassifyError
from ._features import LexiconFeatures

__all__ = [
    "ALIGNMENT_CAMP", "ALIGNMENT_CAMPS", "CAMP_MODELS", "CONFUSION_COLUMNS", "PROBABILITY_COLUMNS", "SCHEMES",
    "SCORE_COLUMNS", "TASKS", "CampError", "camp_inputs", "cross_validate_camps",
    "make_camp_model", "task_labels",
]

#: The models compared: TF-IDF n-grams, lexicon counts, both.
CAMP_MODELS = ("tfidf", "lexicon", "combined")
#: "camp": every camp of the registry; "alignment": the side of the Syrian government against
#: the rest.
TASKS = ("camp", "alignment")
#: The class of the government's side on the alignment axis, and of everything else.
ALIGNMENT_CAMP, REST = "pro-government", "rest"
#: Camps on the government's side of the alignment axis: the registry files Iranian and
#: Russian state media apart (outlets.csv, camp_note: Press TV "also strongly pro-government on
#: Syria"), but on Syria they back Damascus, so the axis counts them with it. With these three,
#: leaving one outlet out still leaves five on its side to learn from (FA-KES: SANA, Al-Manar,
#: Al-Alam, Press TV, Sputnik, TASS); with "pro-government" alone it would leave one.
ALIGNMENT_CAMPS = ("pro-government", "Iranian", "Russian")
#: Cross-validation schemes: ordinary stratified folds, and one outlet left out per fold.
SCHEMES = ("stratified", "leave-one-outlet-out")
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

SCORE_COLUMNS = ["task", "model", "scheme", "macro_f1", "accuracy", "folds", "articles", "outlets",
                 "classes"]
CONFUSION_COLUMNS = ["task", "model", "scheme", "true", "predicted", "articles"]
#: Long table: one row per article and class (out-of-outlet probability of the logistic regression).
PROBABILITY_COLUMNS = ["id", "outlet", "camp", "task", "model", "predicted", "class", "probability"]


class CampError(ClassifyError):
    """A camp classification that cannot be made as asked (no camp column, one camp only)."""


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
    for col in ("id", "outlet", "camp", "text"):
        if col not in articles:
            raise CampError(f"articles has no {col!r} column; load them with "
                            "slant.corpus.load_corpus (it adds each outlet's camp from outlets.csv)")
    camps = pd.unique(articles["camp"].astype(str))
    if len(camps) < 2:
        raise CampError(f"only one camp ({camps[0] if len(camps) else 'none'!r}) among "
                        f"{len(articles)} articles: a classifier needs two or more; add outlets of "
                        "another camp to the corpus (their camp comes from outlets.csv)")


def task_labels(inputs: pd.DataFrame, task: str) -> np.ndarray:
    """Each article's class for ``task``: its camp, or ``pro-government`` (any camp of
    :data:`ALIGNMENT_CAMPS`) and ``rest``."""
    camps = inputs["camp"].astype(str).to_numpy()
    if task == "camp":
        return camps.astype(object)
    if task == "alignment":
        return np.where(np.isin(camps, ALIGNMENT_CAMPS), ALIGNMENT_CAMP, REST).astype(object)
    raise CampError(f"unknown task {task!r}; use one of {', '.join(TASKS)}")


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
    groups = inputs["outlet"].to_numpy()
    if scheme == "leave-one-outlet-out":
        if len(pd.unique(groups)) < 2:
            notes.append(f"{task}: one outlet only, no leave-one-outlet-out folds")
            return []
        return list(LeaveOneGroupOut().split(inputs, y, groups))
    smallest = int(pd.Series(y).value_counts().min())
    n = min(n_splits, smallest)
    if n < 2:
        notes.append(f"{task}: stratified CV needs two or more articles in every class; the "
                     f"smallest class has {smallest}, so only leave-one-outlet-out is reported")
        return []
    return list(StratifiedKFold(n, shuffle=True, random_state=random_state).split(inputs, y))


def cross_validate_camps(inputs: pd.DataFrame, *, tasks=TASKS, models=CAMP_MODELS,
                         n_splits: int = N_SPLITS, C: float = DEFAULT_C, random_state: int = 0):
    """Macro-F1, confusion and out-of-fold probabilities of every task, model and scheme.

    Two schemes side by side: ordinary stratified folds (articles of one outlet land in both
    training and test, so a model can learn the outlet's house style and its score leaks), and
    one outlet left out per fold (its articles are judged by a model that never saw that
    outlet: a camp with one outlet cannot be learnt at all). A training fold with one class only
    predicts that class. Each fold fits every feature block once and shares it between the
    models and the tasks that use it, which gives what fitting each model's pipeline per fold
    gives, in a third of the time.

    Parameters
    ----------
    inputs : DataFrame
        From :func:`camp_inputs`.
    tasks, models : sequences of str
        Of :data:`TASKS` and :data:`CAMP_MODELS`.
    n_splits : int
        Stratified folds (fewer when the smallest class has fewer articles).

    Returns
    -------
    scores, confusion, probabilities : DataFrame
        ``SCORE_COLUMNS``, ``CONFUSION_COLUMNS`` and (leave-one-outlet-out only)
        ``PROBABILITY_COLUMNS``.
    notes : list of str
        What could not be evaluated, and why.

    References
    ----------
    Pedregosa et al. (2011), scikit-learn's ``LeaveOneGroupOut`` and ``StratifiedKFold``;
    Opitz & Burst (2019), "Macro F1 and Macro F1", arXiv:1911.03347 (the mean of per-class F1,
    as scikit-learn's ``average="macro"``).
    """
    lex = _lexicon_columns(inputs)
    built = {name: make_camp_model(name, lexicon_columns=lex, C=C, random_state=random_state)
             for name in models}
    labels = {task: task_labels(inputs, task) for task in tasks}
    notes: list[str] = []
    # tasks with the same folds share them: each fold's feature blocks are fitted once
    plans: dict[tuple, list] = {}
    for task in tasks:
        y = labels[task]
        for scheme in SCHEMES:
            splits = _splits(scheme, inputs, y, n_splits, random_state, notes, task)
            if splits:
                key = (scheme, tuple(t.tobytes() for _, t in splits))
                plans.setdefault(key, [scheme, splits, []])[2].append(task)
        lone = [c for c in sorted(pd.unique(y)) if inputs["outlet"][y == c].nunique() < 2]
        if lone and len(pd.unique(inputs["outlet"])) > 1:
            notes.append(f"{task}: {', '.join(lone)} come(s) from one outlet only; left out, its "
                         "articles cannot be predicted as their class")
    out = {}
    for scheme, splits, plan_tasks in plans.values():
        for task in plan_tasks:
            classes = np.array(sorted(pd.unique(labels[task])), dtype=object)
            for name in models:
                out[task, name, scheme] = (classes, np.empty(len(inputs), dtype=object),
                                           np.zeros((len(inputs), len(classes))), len(splits))
        for train, test in splits:
            blocks = _fit_blocks(built.values(), inputs.iloc[train], inputs.iloc[test])
            for name, model in built.items():
                x_train, x_test = _assemble(model, blocks)
                for task in plan_tasks:
                    classes, predicted, proba, _ = out[task, name, scheme]
                    fitted = _fit_fold(model.named_steps["classifier"], x_train, labels[task][train])
                    p = fitted.predict_proba(x_test)
                    proba[np.ix_(test, np.searchsorted(classes, fitted.classes_))] = p
                    predicted[test] = fitted.classes_[p.argmax(axis=1)]
    scores, confusion, probabilities = [], [], []
    for task in tasks:
        y = labels[task]
        for scheme in SCHEMES:
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
                if scheme == "leave-one-outlet-out":
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
