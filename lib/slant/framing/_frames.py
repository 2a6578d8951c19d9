"""Framing stage, generic frames: an article-level model of the five generic news frames.

Input: ``articles`` (``id``, ``outlet``, ``text``; ``camp`` optional) and, to fit or evaluate,
a table of gold labels (one boolean column per frame of :data:`GENERIC_FRAMES`). Output: a
fitted :class:`GenericFrameModel` (calibrated probability and a threshold per frame);
the grouped cross-validation table beside a plain baseline (:func:`evaluate_frames`,
``EVALUATION_COLUMNS``); frame probabilities per article (:func:`apply_frames`,
``FRAME_COLUMNS``); frame shares per outlet or camp with counts (:func:`frame_shares`,
``FRAME_SHARE_COLUMNS``). The gold data is the Narrative Frames Corpus (:func:`load_frame_gold`).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.preprocessing import StandardScaler
from sklearn.utils.validation import check_is_fitted

from ..corpus import load_dataset
from ._errors import FramingError
from ._frame_indicators import GENERIC_FRAMES, FrameIndicatorFeatures

__all__ = ["EVALUATION_COLUMNS", "FRAME_COLUMNS", "FRAME_SHARE_COLUMNS", "GenericFrameModel",
           "apply_frames", "best_threshold", "evaluate_frames", "frame_folds", "frame_shares",
           "load_frame_gold"]

#: Folds of the outer cross-validation (whole outlets per fold), as in the curator's baseline.
OUTER_FOLDS = 5
#: Folds inside the training part, where thresholds, C and class weights are chosen.
INNER_FOLDS = 3
#: Regularisation strengths tried in the inner folds (scikit-learn's default 1.0 in the middle).
C_GRID = (0.3, 1.0, 3.0)
#: Class weights tried in the inner folds: none, or "balanced" (weights inverse to class
#: frequency, King & Zeng 2001), which helps the rare frames (moral: 44 of 427 articles).
CLASS_WEIGHT_GRID = (None, "balanced")
#: Bootstrap resamples of the articles for the 95 % intervals (Efron & Tibshirani 1993, ch. 13).
N_BOOT = 1000
#: One row per frame: gold positives, articles and outlets, F1 of this model and of the plain
#: baseline under the same folds with percentile 95 % bootstrap intervals, the paired
#: bootstrap interval of the gain (model minus baseline), and the model's precision and recall.
EVALUATION_COLUMNS = ["frame", "positives", "articles", "outlets", "f1", "f1_low", "f1_high",
                      "baseline_f1", "baseline_low", "baseline_high", "gain_low", "gain_high",
                      "precision", "recall"]
#: One row per article and frame: calibrated probability, the threshold and the decision.
FRAME_COLUMNS = ["id", "outlet", "camp", "frame", "probability", "threshold", "present"]
#: One row per group (outlet or camp) and frame: articles ``n``, articles with the frame,
#: their share, and the mean probability.
FRAME_SHARE_COLUMNS = ["frame", "n", "present", "share", "mean_probability"]


def load_frame_gold(*, mirror=None, cache=None, download: bool = True) -> tuple[pd.DataFrame, pd.DataFrame, list]:
    """The Narrative Frames Corpus as ``articles`` (``id``, ``outlet``, ``camp`` = its MBFC class,
    ``text``) and ``labels`` (one boolean column per frame), labelled articles only.

    Returns
    -------
    articles, labels, issues
        ``issues`` lists the article left out (no frame labels) as a load-report row.
    """
    raw, issues = load_dataset("narrative-frames", mirror=mirror, cache=cache, download=download,
                               progress=False)
    raw = raw[raw["labelled"]].reset_index(drop=True)
    articles = pd.DataFrame({"id": raw["id"], "outlet": raw["outlet_name"], "camp": raw["mbfc"],
                             "text": raw["text"]})
    return articles, raw[list(GENERIC_FRAMES)].astype(bool), issues


def best_threshold(probabilities, gold) -> float:
    """The probability at or above which "present" gives the highest F1 on these articles
    (ties: the highest such threshold); 0.5 when there is no positive."""
    p, y = np.asarray(probabilities, float), np.asarray(gold, bool)
    if not y.any():
        return 0.5
    order = np.argsort(-p, kind="stable")
    tp, fp = np.cumsum(y[order]), np.cumsum(~y[order])
    f1 = 2 * tp / (tp + fp + y.sum())
    # only cut between distinct probabilities: the last position of each run of equal values
    last = np.r_[p[order][1:] != p[order][:-1], True]
    f1 = np.where(last, f1, -1.0)
    return float(p[order][int(np.argmax(f1))])


def _platt(scores, y):
    """A one-dimensional logistic map from decision scores to probabilities (Platt 1999)."""
    if len(np.unique(y)) < 2:
        return None
    return LogisticRegression(C=1e4).fit(np.asarray(scores).reshape(-1, 1), y)


class GenericFrameModel(BaseEstimator):
    """Five binary logistic regressions (one per generic frame) on TF-IDF and frame indicators.

    For each frame, C and the class weight are chosen, a Platt map calibrates the scores, and
    the threshold is set, all from out-of-fold scores of ``inner_folds`` folds of whole outlets
    inside the articles given to :meth:`fit`: nothing is chosen on articles it is scored on.

    Parameters
    ----------
    indicators : FrameIndicators, optional
        Default: the bundled "generic" lists.
    use_text, use_indicators : bool
        TF-IDF of words and word pairs; the indicator counts (:class:`FrameIndicatorFeatures`).
    inner_folds : int
    random_state : int

    References
    ----------
    Semetko, H. A. & Valkenburg, P. M. (2000). Framing European politics: a content analysis of
    press and television news. Journal of Communication 50(2), 93-109.
    Platt, J. (1999). Probabilistic outputs for support vector machines. In Advances in Large
    Margin Classifiers. Niculescu-Mizil, A. & Caruana, R. (2005). Predicting good probabilities
    with supervised learning. ICML 2005.
    """

    def __init__(self, *, indicators=None, use_text=True, use_indicators=True,
                 inner_folds=INNER_FOLDS, random_state=0):
        self.indicators = indicators
        self.use_text = use_text
        self.use_indicators = use_indicators
        self.inner_folds = inner_folds
        self.random_state = random_state

    def _fit_features(self, train, indicators=None):
        """The feature steps fitted on ``train`` only: (TF-IDF or None, scaler or None).
        ``indicators``: the train rows' indicator features, when already computed."""
        if not (self.use_text or self.use_indicators):
            raise FramingError("GenericFrameModel: use_text and use_indicators are both False; "
                               "turn one on")
        tfidf = (TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True).fit(train["text"])
                 if self.use_text else None)
        if self.use_indicators and indicators is None:
            indicators = self.indicator_features_.transform(train).to_numpy()
        scaler = StandardScaler().fit(indicators) if self.use_indicators else None
        return tfidf, scaler

    def _transform(self, steps, articles, indicators=None):
        tfidf, scaler = steps
        blocks = []
        if tfidf is not None:
            blocks.append(tfidf.transform(articles["text"]))
        if scaler is not None:
            if indicators is None:
                indicators = self.indicator_features_.transform(articles).to_numpy()
            blocks.append(sparse.csr_matrix(scaler.transform(indicators)))
        return sparse.hstack(blocks).tocsr()

    def fit(self, articles: pd.DataFrame, labels: pd.DataFrame, groups=None):
        """Fit on ``articles`` and ``labels``; ``groups`` (default ``articles.outlet``) keep each
        outlet whole in the inner folds."""
        articles = articles.reset_index(drop=True)
        missing = [f for f in GENERIC_FRAMES if f not in labels]
        if missing:
            raise FramingError(f"labels: no column {', '.join(missing)}; pass one boolean column "
                               f"per frame ({', '.join(GENERIC_FRAMES)})")
        y_all = labels[list(GENERIC_FRAMES)].to_numpy(dtype=bool)
        groups = np.asarray(articles["outlet"] if groups is None else groups).astype(str)
        self.indicator_features_ = FrameIndicatorFeatures(indicators=self.indicators).fit(articles)
        folds = frame_folds(labels, groups, n_splits=self.inner_folds, random_state=self.random_state)
        # the indicator features of an article do not depend on the others: counted once
        ind = (self.indicator_features_.transform(articles).to_numpy() if self.use_indicators
               else np.zeros((len(articles), 0)))
        grid = [(c, w) for c in C_GRID for w in CLASS_WEIGHT_GRID]
        oof = np.full((len(grid), len(articles), len(GENERIC_FRAMES)), np.nan)
        for train, test in folds:
            steps = self._fit_features(articles.iloc[train], ind[train])
            X_train = self._transform(steps, articles.iloc[train], ind[train])
            X_test = self._transform(steps, articles.iloc[test], ind[test])
            for j in range(len(GENERIC_FRAMES)):
                for g, (c, w) in enumerate(grid):
                    oof[g, test, j] = _decision(_fit_lr(X_train, y_all[train, j], c, w), X_test)
        self.steps_ = self._fit_features(articles, ind)
        X = self._transform(self.steps_, articles, ind)
        self.models_, self.calibrators_, self.thresholds_, self.params_ = {}, {}, {}, {}
        scored = ~np.isnan(oof[0, :, 0])
        for j, frame in enumerate(GENERIC_FRAMES):
            y = y_all[:, j]
            best = (-1.0, 0, None, 0.5)
            for g in range(len(grid)):
                calibrator = _platt(oof[g, scored, j], y[scored])
                p = _calibrated(calibrator, oof[g, scored, j], y)
                t = best_threshold(p, y[scored])
                f1 = _f1(y[scored], p >= t)
                if f1 > best[0]:
                    best = (f1, g, calibrator, t)
            _, g, self.calibrators_[frame], self.thresholds_[frame] = best
            self.params_[frame] = {"C": grid[g][0], "class_weight": grid[g][1]}
            self.models_[frame] = _fit_lr(X, y, *grid[g])
        return self

    def predict_proba(self, articles: pd.DataFrame) -> pd.DataFrame:
        """Calibrated probability of each frame: one row per article, one column per frame."""
        check_is_fitted(self, "thresholds_")
        X = self._transform(self.steps_, articles.reset_index(drop=True))
        return pd.DataFrame({f: _calibrated(self.calibrators_[f], _decision(self.models_[f], X), None)
                             for f in GENERIC_FRAMES}, index=articles.index)

    def predict(self, articles: pd.DataFrame) -> pd.DataFrame:
        """Whether each frame is present: probability at or above the frame's threshold."""
        proba = self.predict_proba(articles)
        return proba.ge(pd.Series(self.thresholds_))[list(GENERIC_FRAMES)]


def _fit_lr(X, y, C, class_weight):
    if len(np.unique(y)) < 2:
        return float(y.mean()) if len(y) else 0.0  # a constant: the share of positives
    return LogisticRegression(C=C, class_weight=class_weight, max_iter=2000, solver="liblinear").fit(X, y)


def _decision(model, X):
    if isinstance(model, float):
        prior = min(max(model, 1e-6), 1 - 1e-6)
        return np.full(X.shape[0], np.log(prior / (1 - prior)))
    return model.decision_function(X)


def _calibrated(calibrator, scores, y):
    scores = np.asarray(scores, float)
    if calibrator is None:
        return 1.0 / (1.0 + np.exp(-scores))
    return calibrator.predict_proba(scores.reshape(-1, 1))[:, 1]


def _f1(gold, predicted) -> float:
    gold, predicted = np.asarray(gold, bool), np.asarray(predicted, bool)
    tp = (gold & predicted).sum()
    denominator = gold.sum() + predicted.sum()
    return float(2 * tp / denominator) if denominator else 0.0


def frame_folds(labels: pd.DataFrame, groups, *, n_splits: int = OUTER_FOLDS, random_state: int = 0) -> list:
    """Folds of whole outlets (``groups``), stratified by the two rarest frames (human interest,
    moral) so that each test fold holds some of their positives. No outlet is in two folds.

    References
    ----------
    Pedregosa et al. (2011), scikit-learn's ``StratifiedGroupKFold``.
    """
    groups = np.asarray(groups).astype(str)
    n = min(n_splits, len(np.unique(groups)))
    if n < 2:
        raise FramingError(f"{len(np.unique(groups))} outlet(s): grouped folds need two or more outlets")
    strata = 2 * labels["human_interest"].to_numpy(dtype=int) + labels["moral"].to_numpy(dtype=int)
    with warnings.catch_warnings():
        # "The least populated class in y has only k members": a rare stratum is absent from
        # some folds, which the stratification cannot avoid
        warnings.simplefilter("ignore", UserWarning)
        splitter = StratifiedGroupKFold(n, shuffle=True, random_state=random_state)
        return [(tr, te) for tr, te in splitter.split(np.zeros(len(groups)), strata, groups) if len(te)]


def _baseline_predictions(train_articles, train_labels, test_articles) -> dict:
    """The curator's plain baseline (../shared SOURCE.md): TF-IDF of words and word pairs, a
    default logistic regression, probability 0.5; frame -> predictions for ``test_articles``.
    The vectoriser does not see the labels, so one fit serves every frame."""
    tfidf = TfidfVectorizer(ngram_range=(1, 2))
    X_train, X_test = tfidf.fit_transform(train_articles["text"]), tfidf.transform(test_articles["text"])
    out = {}
    for frame in GENERIC_FRAMES:
        y_train = train_labels[frame].to_numpy(bool)
        if len(np.unique(y_train)) < 2:
            out[frame] = np.full(X_test.shape[0], bool(y_train[0]) if len(y_train) else False)
        else:
            out[frame] = LogisticRegression(max_iter=2000).fit(X_train, y_train).predict(X_test).astype(bool)
    return out


def _bootstrap(gold, predicted, other, *, n_boot, random_state):
    """Percentile 95 % intervals of F1 (this, other) and of their paired difference."""
    rng = np.random.default_rng(random_state)
    idx = rng.integers(0, len(gold), size=(n_boot, len(gold)))
    g, a, b = gold[idx], predicted[idx], other[idx]

    def f1(pred):
        den = g.sum(1) + pred.sum(1)
        return np.where(den > 0, 2 * (g & pred).sum(1) / np.maximum(den, 1), 0.0)

    fa, fb = f1(a), f1(b)
    return [np.percentile(x, [2.5, 97.5]) for x in (fa, fb, fa - fb)]


def evaluate_frames(articles: pd.DataFrame, labels: pd.DataFrame, *, model=None,
                    n_splits: int = OUTER_FOLDS, n_boot: int = N_BOOT,
                    random_state: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Grouped cross-validation of ``model`` and of the plain baseline on the same folds.

    Every outer fold holds whole outlets (:func:`frame_folds`); the model is fitted on the other
    folds only, so its thresholds and choices never see the test fold.

    Returns
    -------
    scores : DataFrame
        ``EVALUATION_COLUMNS``, one row per frame.
    predictions : DataFrame
        One row per article and frame: ``id``, ``outlet``, ``fold``, ``frame``, ``gold``,
        ``probability``, ``threshold``, ``predicted``, ``baseline``.

    References
    ----------
    Efron, B. & Tibshirani, R. (1993). An Introduction to the Bootstrap, ch. 13 (percentile
    intervals). Semetko & Valkenburg (2000) for the frames.
    """
    articles, labels = articles.reset_index(drop=True), labels.reset_index(drop=True)
    model = model if model is not None else GenericFrameModel(random_state=random_state)
    outlets = articles["outlet"].astype(str).to_numpy()
    rows = []
    for k, (train, test) in enumerate(frame_folds(labels, outlets, n_splits=n_splits,
                                                   random_state=random_state)):
        fitted = model.fit(articles.iloc[train], labels.iloc[train])
        proba = fitted.predict_proba(articles.iloc[test])
        baseline = _baseline_predictions(articles.iloc[train], labels.iloc[train], articles.iloc[test])
        for frame in GENERIC_FRAMES:
            y = labels[frame].to_numpy(bool)
            rows.append(pd.DataFrame({
                "id": articles["id"].to_numpy()[test], "outlet": outlets[test], "fold": k,
                "frame": frame, "gold": y[test], "probability": proba[frame].to_numpy(),
                "threshold": fitted.thresholds_[frame], "baseline": baseline[frame]}))
    predictions = pd.concat(rows, ignore_index=True)
    predictions["predicted"] = predictions["probability"] >= predictions["threshold"]
    scores = []
    for j, frame in enumerate(GENERIC_FRAMES):
        part = predictions[predictions["frame"] == frame]
        gold, pred, base = (part[c].to_numpy(bool) for c in ("gold", "predicted", "baseline"))
        (lo, hi), (blo, bhi), (glo, ghi) = _bootstrap(gold, pred, base, n_boot=n_boot,
                                                      random_state=random_state + j)
        tp = (gold & pred).sum()
        scores.append({"frame": frame, "positives": int(gold.sum()), "articles": len(part),
                       "outlets": part["outlet"].nunique(), "f1": _f1(gold, pred), "f1_low": lo,
                       "f1_high": hi, "baseline_f1": _f1(gold, base), "baseline_low": blo,
                       "baseline_high": bhi, "gain_low": glo, "gain_high": ghi,
                       "precision": tp / pred.sum() if pred.sum() else 0.0,
                       "recall": tp / gold.sum() if gold.sum() else 0.0})
    columns = ["id", "outlet", "fold", "frame", "gold", "probability", "threshold", "predicted", "baseline"]
    return pd.DataFrame(scores, columns=EVALUATION_COLUMNS), predictions[columns]


def apply_frames(articles: pd.DataFrame, model: GenericFrameModel) -> pd.DataFrame:
    """Frame probabilities of a corpus's articles: ``FRAME_COLUMNS``, sorted by id and frame
    (``camp`` is "" when the articles have none)."""
    proba = model.predict_proba(articles)
    camp = articles["camp"].astype(str) if "camp" in articles else pd.Series("", index=articles.index)
    table = pd.DataFrame({"id": articles["id"].astype(str), "outlet": articles["outlet"].astype(str),
                          "camp": camp}).join(proba)
    table = table.melt(id_vars=["id", "outlet", "camp"], value_vars=list(GENERIC_FRAMES),
                       var_name="frame", value_name="probability")
    table["threshold"] = table["frame"].map(model.thresholds_)
    table["present"] = table["probability"] >= table["threshold"]
    order = {f: i for i, f in enumerate(GENERIC_FRAMES)}
    table = table.sort_values(["id", "frame"], key=lambda s: s.map(order) if s.name == "frame" else s)
    return table[FRAME_COLUMNS].reset_index(drop=True)


def frame_shares(frames: pd.DataFrame, *, by: str = "outlet") -> pd.DataFrame:
    """Share of articles with each frame per ``by`` (``outlet`` or ``camp``), with the count
    ``n`` of articles: ``[by, *FRAME_SHARE_COLUMNS]``, sorted by ``by`` then frame order."""
    if by not in frames:
        raise FramingError(f"frames: no column {by!r}; group by one of {', '.join(c for c in ('outlet', 'camp') if c in frames)}")
    table = (frames.groupby([by, "frame"], sort=False)
             .agg(n=("id", "nunique"), present=("present", "sum"), mean_probability=("probability", "mean"))
             .reset_index())
    table["present"] = table["present"].astype(int)
    table["share"] = table["present"] / table["n"]
    order = {f: i for i, f in enumerate(GENERIC_FRAMES)}
    table = table.assign(_f=table["frame"].map(order)).sort_values([by, "_f"])
    return table[[by, *FRAME_SHARE_COLUMNS]].reset_index(drop=True)
