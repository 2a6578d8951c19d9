"""Classify stage, sentences: is a sentence loaded (biased) language? Models, evaluation, errors.

Input: labelled sentences (BABE: ``text``, ``label`` 1 = biased, ``group`` = article link; see
`slant.corpus._babe`). Output: fitted scikit-learn pipelines, the cross-validated results table
(``RESULT_COLUMNS``), out-of-fold predictions (``OOF_COLUMNS``) and the misclassified sentences.
Model selection groups folds by article (``GroupKFold`` on ``news_link``), so no article's
sentences are both trained and tested on.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import MaxAbsScaler
from sklearn.utils.validation import check_is_fitted

from ..lexicons import Lexicon
from ._errors import ClassifyError
from ._marked_words import MarkedWordsClassifier
from ._sentence_features import CHAR_NGRAMS, MIN_DF, WORD_NGRAMS, SentenceLexiconFeatures, as_texts

__all__ = [
    "BEST_MODEL",
    "MODEL_NAMES",
    "OOF_COLUMNS",
    "RESULT_COLUMNS",
    "AnyHitClassifier",
    "bootstrap_macro_f1",
    "evaluate_sentence_models",
    "make_sentence_model",
    "misclassified_sentences",
]

#: Models compared in the results table, baselines first.
MODEL_NAMES = ("majority", "any-lexicon-hit", "tfidf-lr", "combined-lr", "marked-words-lr")
#: The model fitted for use (the best under grouped CV on the BABE training part).
BEST_MODEL = "marked-words-lr"
#: Weight of the marked-word features beside TF-IDF in ``marked-words-lr``: chosen by grouped CV
#: on the BABE training part among 0.5, 1 and 2 (0.760, 0.755, 0.753 macro-F1).
MARKS_WEIGHT = 0.5
#: Folds of the grouped cross-validation.
N_FOLDS = 5
#: Bootstrap resamples (over sentences of the out-of-fold predictions) for the 95 % interval.
N_BOOT = 1000
#: Inverse regularisation of the logistic regressions; chosen by grouped CV on the BABE training
#: part among 0.3, 1, 4 and 10 (README, "Sentence classifier").
LR_C = 1.0
#: Weight of the (max-abs scaled) lexicon counts beside the TF-IDF blocks in ``combined-lr``:
#: chosen by grouped CV on the BABE training part among 0.3, 0.5, 1 and 2 (0.731, 0.725, 0.718,
#: 0.716 macro-F1; the TF-IDF alone 0.723).
LEXICON_WEIGHT = 0.3
RESULT_COLUMNS = ["model", "macro_f1", "macro_f1_low", "macro_f1_high", "accuracy", "sentences",
                  "articles", "folds"]
OOF_COLUMNS = ["row", "group", "text", "label", "model", "predicted", "probability"]


class AnyHitClassifier(ClassifierMixin, BaseEstimator):
    """Baseline: a sentence is loaded when it holds any loaded (non-neutral) lexicon term.

    Parameters
    ----------
    lexicon : Lexicon
        The lexicons whose non-neutral stances count as loaded.
    """

    def __init__(self, *, lexicon: Lexicon | None = None):
        self.lexicon = lexicon

    def fit(self, X, y):
        if self.lexicon is None:
            raise ClassifyError("AnyHitClassifier needs lexicon=load_lexicons([...])")
        self.features_ = SentenceLexiconFeatures(lexicon=self.lexicon).fit(X)
        self.loaded_column_ = list(self.features_.get_feature_names_out()).index("loaded")
        self.classes_ = np.array([0, 1])
        return self

    def predict_proba(self, X):
        check_is_fitted(self, "features_")
        hit = self.features_.transform(X)[:, self.loaded_column_].toarray().ravel() > 0
        return np.column_stack([~hit, hit]).astype(float)

    def predict(self, X):
        return self.predict_proba(X)[:, 1].astype(int)


def _tfidf() -> list[tuple[str, TfidfVectorizer]]:
    return [("words", TfidfVectorizer(ngram_range=WORD_NGRAMS, min_df=MIN_DF, sublinear_tf=True)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, min_df=MIN_DF,
                                      sublinear_tf=True))]


def make_sentence_model(name: str = "combined-lr", *, lexicon: Lexicon | None = None,
                        wordlists: pd.DataFrame | None = None, random_state: int = 0):
    """An unfitted sentence classifier (``predict_proba`` column 1 = loaded).

    Parameters
    ----------
    name : str
        One of ``MODEL_NAMES``: ``majority`` (the most frequent class), ``any-lexicon-hit`` (any
        loaded term of ``lexicon``), ``tfidf-lr`` (word and character TF-IDF, logistic
        regression), ``combined-lr`` (the same TF-IDF plus the counts of
        :class:`SentenceLexiconFeatures`, scaled to [0, 1] and weighted ``LEXICON_WEIGHT``),
        ``marked-words-lr`` (the same plus :class:`MarkedWordFeatures`, learnt from the training
        sentences' ``biased_words``: fit it on a frame with ``text`` and ``biased_words``).
    lexicon, wordlists
        Passed to :class:`SentenceLexiconFeatures` (``combined-lr``) or the baseline.

    References
    ----------
    Spinde et al. (2021), Neural Media Bias Detection Using Distant Supervision With BABE,
    Findings of EMNLP; Recasens et al. (2013), ACL.
    """
    if name == "majority":
        return DummyClassifier(strategy="most_frequent")
    if name == "any-lexicon-hit":
        return AnyHitClassifier(lexicon=lexicon)
    lr = LogisticRegression(C=LR_C, max_iter=2000, random_state=random_state)
    if name == "tfidf-lr":
        return Pipeline([("features", FeatureUnion(_tfidf())), ("lr", lr)])
    if name == "combined-lr":
        counts = Pipeline([("counts", SentenceLexiconFeatures(lexicon=lexicon, wordlists=wordlists)),
                           ("scale", MaxAbsScaler())])
        union = FeatureUnion([*_tfidf(), ("lexicons", counts)],
                             transformer_weights={"words": 1.0, "chars": 1.0, "lexicons": LEXICON_WEIGHT})
        return Pipeline([("features", union), ("lr", lr)])
    if name == "marked-words-lr":
        return MarkedWordsClassifier(lexicon=lexicon, wordlists=wordlists, C=LR_C,
                                     lexicon_weight=LEXICON_WEIGHT, marks_weight=MARKS_WEIGHT,
                                     random_state=random_state)
    raise ClassifyError(f"unknown sentence model {name!r}; choose one of {', '.join(MODEL_NAMES)}")


def bootstrap_macro_f1(y_true, y_pred, *, n_boot: int = N_BOOT, random_state: int = 0
                       ) -> tuple[float, float, float]:
    """Macro-F1 and its 95 % percentile bootstrap interval over sentences."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    rng = np.random.default_rng(random_state)
    draws = rng.integers(0, len(y_true), size=(n_boot, len(y_true)))
    scores = [f1_score(y_true[d], y_pred[d], average="macro", zero_division=0) for d in draws]
    low, high = np.percentile(scores, [2.5, 97.5])
    return float(f1_score(y_true, y_pred, average="macro", zero_division=0)), float(low), float(high)


def evaluate_sentence_models(sentences: pd.DataFrame, *, models=MODEL_NAMES, lexicon=None,
                             wordlists=None, n_folds: int = N_FOLDS, n_boot: int = N_BOOT,
                             random_state: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cross-validate each model with folds grouped by article; score its out-of-fold predictions.

    Parameters
    ----------
    sentences : DataFrame
        ``text``, ``label`` (1 loaded, 0 not) and ``group`` (the article; BABE: ``news_link``);
        ``biased_words`` (BABE) for ``marked-words-lr``, which sees only the training folds' marks.
    models : sequence of str
        Names from ``MODEL_NAMES``.

    Returns
    -------
    results : DataFrame
        ``RESULT_COLUMNS``, one row per model in the order given: macro-F1 with its 95 %
        bootstrap interval over sentences, accuracy, and the sentences, articles and folds.
    oof : DataFrame
        ``OOF_COLUMNS``: every sentence's out-of-fold prediction and probability, per model.
    """
    missing = {"text", "label", "group"} - set(sentences.columns)
    if missing:
        raise ClassifyError(f"the sentences lack column(s) {', '.join(sorted(missing))}; "
                            "read them with slant.corpus._babe.read_babe")
    texts = np.array(as_texts(sentences), dtype=object)
    y = sentences["label"].to_numpy().astype(int)
    groups = sentences["group"].to_numpy()
    folds = list(GroupKFold(n_splits=n_folds).split(texts, y, groups))
    frame = sentences[[c for c in ("text", "biased_words", "group") if c in sentences]].reset_index(drop=True)
    rows, oofs = [], []
    for name in models:
        model = make_sentence_model(name, lexicon=lexicon, wordlists=wordlists, random_state=random_state)
        proba = np.zeros(len(y))
        for train, test in folds:
            train_x = frame.iloc[train] if name == "marked-words-lr" else texts[train]
            fitted = clone(model).fit(train_x, y[train])
            proba[test] = fitted.predict_proba(texts[test])[:, list(fitted.classes_).index(1)]
        pred = (proba >= 0.5).astype(int)
        f1, low, high = bootstrap_macro_f1(y, pred, n_boot=n_boot, random_state=random_state)
        rows.append({"model": name, "macro_f1": f1, "macro_f1_low": low, "macro_f1_high": high,
                     "accuracy": float((pred == y).mean()), "sentences": len(y),
                     "articles": int(pd.Series(groups).nunique()), "folds": n_folds})
        oofs.append(pd.DataFrame({"row": np.arange(len(y)), "group": groups, "text": texts,
                                  "label": y, "model": name, "predicted": pred, "probability": proba}))
    return pd.DataFrame(rows, columns=RESULT_COLUMNS), pd.concat(oofs, ignore_index=True)[OOF_COLUMNS]


def misclassified_sentences(oof: pd.DataFrame, *, model: str = BEST_MODEL, top: int = 10,
                            max_chars: int | None = None) -> pd.DataFrame:
    """The model's most confident out-of-fold errors: false positives and false negatives apart.

    ``max_chars`` keeps only sentences of at most that many characters (short examples for a
    report page).

    Returns
    -------
    DataFrame
        ``OOF_COLUMNS`` plus ``error`` (``false loaded`` | ``missed loaded``), at most ``top``
        rows per error kind, the most confident first.
    """
    rows = oof[(oof["model"] == model) & (oof["predicted"] != oof["label"])].copy()
    if max_chars is not None:
        rows = rows[rows["text"].str.len() <= max_chars]
    rows["error"] = np.where(rows["predicted"] == 1, "false loaded", "missed loaded")
    rows["confidence"] = (rows["probability"] - 0.5).abs()
    rows = rows.sort_values(["error", "confidence", "row"], ascending=[True, False, True])
    return rows.groupby("error", sort=True).head(top).drop(columns="confidence").reset_index(drop=True)
