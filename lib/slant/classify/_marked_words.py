"""Classify stage, marked words: what the annotators' marked words teach, learnt from the
training sentences only.

BABE's annotators marked the words that make a sentence biased (``biased_words``). From the
training sentences, each word gets a smoothed share of its occurrences that were marked; a
sentence's features are the largest share among its words, their (log) sum and how many pass
``MARKED_SHARE``. Unlike BABE's ``bias_word_lexicon`` (made from every label, including the
withheld part) this uses only the sentences a model is fitted on. Training rows get cross-fitted
values (as scikit-learn's ``TargetEncoder`` does), so the model does not learn from features that
saw its own rows' marks.
"""

from __future__ import annotations

import ast

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, KFold
from sklearn.preprocessing import MaxAbsScaler
from sklearn.utils.validation import check_is_fitted

from ._errors import ClassifyError
from ._sentence_features import CHAR_NGRAMS, MIN_DF, WORD_NGRAMS, SentenceLexiconFeatures, as_texts

__all__ = ["MarkedWordFeatures", "MarkedWordsClassifier", "parse_marks"]

#: Additive smoothing of a word's marked share: (marked + PRIOR_MARKED) / (seen + PRIOR_SEEN), so
#: a word seen once and marked once scores 0.37, not 1.
PRIOR_MARKED, PRIOR_SEEN = 0.1, 2.0
#: A word whose marked share reaches this counts as a marked word of the sentence.
MARKED_SHARE = 0.3
#: Inner folds of the cross-fitting of training rows.
INNER_FOLDS = 5
_TOKEN = r"(?u)\b\w[\w'’-]*\b"


def parse_marks(values) -> list[str]:
    """BABE's ``biased_words`` cells (Python-list strings, lists or "") as space-joined words."""
    out = []
    for value in values:
        if isinstance(value, str):
            try:
                value = ast.literal_eval(value) if value.strip() else []
            except (ValueError, SyntaxError):
                value = [value]
        out.append(" ".join(map(str, value or [])))
    return out


class MarkedWordFeatures(TransformerMixin, BaseEstimator):
    """Three columns per sentence from the words marked biased in the training sentences.

    ``fit`` needs a frame with ``text`` and ``biased_words`` (and optionally ``group``, to make
    the inner folds of ``fit_transform`` whole articles); ``transform`` needs the text only.
    """

    def __init__(self, *, random_state: int = 0):
        self.random_state = random_state

    def _scores(self, seen, marked):
        return (np.asarray(marked.sum(0)).ravel() + PRIOR_MARKED) / (np.asarray(seen.sum(0)).ravel() + PRIOR_SEEN)

    def _matrices(self, X):
        seen = self.vectorizer_.transform(as_texts(X))
        if not isinstance(X, pd.DataFrame) or "biased_words" not in X:
            return seen, None
        marked = seen.multiply(self.vectorizer_.transform(parse_marks(X["biased_words"])) > 0).tocsr()
        return seen, marked

    @staticmethod
    def _features(seen, scores):
        weighted = seen.multiply(scores).tocsr()
        largest = weighted.max(axis=1).toarray().ravel()
        total = np.asarray(weighted.sum(axis=1)).ravel()
        strong = np.asarray((weighted >= MARKED_SHARE).sum(axis=1)).ravel()
        return np.column_stack([largest, np.log1p(total), np.log1p(strong)])

    def fit(self, X, y=None):
        if not isinstance(X, pd.DataFrame) or "biased_words" not in X:
            raise ClassifyError("MarkedWordFeatures needs the training sentences' 'biased_words' "
                                "column (a BABE label file)")
        self.vectorizer_ = CountVectorizer(token_pattern=_TOKEN, binary=True).fit(as_texts(X))
        seen, marked = self._matrices(X)
        self.scores_ = self._scores(seen, marked)
        return self

    def fit_transform(self, X, y=None):
        """Fit, and return cross-fitted features for the training rows themselves."""
        self.fit(X, y)
        seen, marked = self._matrices(X)
        out = np.zeros((seen.shape[0], 3))
        groups = X["group"].to_numpy() if "group" in X else np.arange(seen.shape[0])
        n_splits = min(INNER_FOLDS, len(set(groups)))
        if n_splits < 2:  # one article: nothing to cross-fit with, the row sees no marks at all
            return self._features(seen, self._scores(seen[:0], marked[:0]))
        if "group" in X:
            folds = GroupKFold(n_splits=n_splits).split(seen, groups=groups)
        else:
            folds = KFold(n_splits, shuffle=True, random_state=self.random_state).split(seen)
        for inner, held in folds:
            out[held] = self._features(seen[held], self._scores(seen[inner], marked[inner]))
        return out

    def transform(self, X):
        check_is_fitted(self, "scores_")
        return self._features(self.vectorizer_.transform(as_texts(X)), self.scores_)

    def get_feature_names_out(self, input_features=None):
        return np.array(["marked_largest", "marked_sum", "marked_words"], dtype=object)


class MarkedWordsClassifier(ClassifierMixin, BaseEstimator):
    """Word and character TF-IDF, lexicon counts and marked-word features; logistic regression.

    Parameters
    ----------
    lexicon, wordlists
        As :class:`SentenceLexiconFeatures`.
    C : float
        Inverse regularisation of the logistic regression.
    lexicon_weight, marks_weight : float
        Weights of the (max-abs scaled) lexicon counts and marked-word features beside TF-IDF.

    References
    ----------
    Spinde et al. (2021), Findings of EMNLP (BABE and its marked words); Recasens et al. (2013).
    """

    def __init__(self, *, lexicon=None, wordlists=None, C: float = 1.0, lexicon_weight: float = 0.3,
                 marks_weight: float = 0.5, random_state: int = 0):
        self.lexicon = lexicon
        self.wordlists = wordlists
        self.C = C
        self.lexicon_weight = lexicon_weight
        self.marks_weight = marks_weight
        self.random_state = random_state

    def _blocks(self, X, fitting: bool):
        texts = as_texts(X)
        blocks = []
        for name, step in self.steps_:
            if name == "marks":
                values = step.fit_transform(X) if fitting else step.transform(X)
            else:
                values = step.fit_transform(texts) if fitting else step.transform(texts)
            if name in self.scalers_:
                values = self.scalers_[name].fit_transform(values) if fitting else self.scalers_[name].transform(values)
            blocks.append(sparse.csr_matrix(values) * self.weights_[name])
        return sparse.hstack(blocks).tocsr()

    def fit(self, X, y):
        self.steps_ = [
            ("words", TfidfVectorizer(ngram_range=WORD_NGRAMS, min_df=MIN_DF, sublinear_tf=True)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, min_df=MIN_DF,
                                      sublinear_tf=True))]
        self.weights_ = {"words": 1.0, "chars": 1.0}
        self.scalers_ = {}
        if self.lexicon is not None or (self.wordlists is not None and len(self.wordlists)):
            self.steps_.append(("lexicons", SentenceLexiconFeatures(lexicon=self.lexicon, wordlists=self.wordlists)))
            self.weights_["lexicons"], self.scalers_["lexicons"] = self.lexicon_weight, MaxAbsScaler()
        if isinstance(X, pd.DataFrame) and "biased_words" in X:
            self.steps_.append(("marks", MarkedWordFeatures(random_state=self.random_state)))
            self.weights_["marks"], self.scalers_["marks"] = self.marks_weight, MaxAbsScaler()
        self.lr_ = LogisticRegression(C=self.C, max_iter=3000, random_state=self.random_state)
        self.lr_.fit(self._blocks(X, fitting=True), np.asarray(y))
        self.classes_ = self.lr_.classes_
        return self

    def predict_proba(self, X):
        check_is_fitted(self, "lr_")
        return self.lr_.predict_proba(self._blocks(X, fitting=False))

    def predict(self, X):
        return self.classes_[self.predict_proba(X).argmax(axis=1)]
