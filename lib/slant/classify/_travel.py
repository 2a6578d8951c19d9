"""Classify stage, a sentence model meant to travel across domains.

Input: labelled sentences (``text``, ``label``; optionally ``domain`` and BABE's
``biased_words``). Output: a fitted classifier (``predict_proba`` column 1 = loaded) whose
word n-grams can be pruned of those that tell the domains apart (domain-adversarial feature
selection) and whose training rows can be reweighted towards a target domain (importance
weighting), beside counts that do not name a topic: lexicon stances, hedges, report verbs,
subjectivity clues and the marked-words feature.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import MaxAbsScaler
from sklearn.utils.validation import check_is_fitted

from ._errors import ClassifyError
from ._marked_words import MarkedWordFeatures
from ._sentence_features import MIN_DF, WORD_NGRAMS, SentenceLexiconFeatures, as_texts

__all__ = ["DROP_SHARE", "VARIANTS", "WEIGHT_CLIP", "TravelClassifier"]

#: plain: word TF-IDF and counts; adversarial: without the n-grams that best predict the
#: domain; reweight: training rows weighted by p(target | x) / p(source | x).
VARIANTS = ("plain", "adversarial", "reweight")
#: Share of the word n-grams dropped by the adversarial variant (those with the largest
#: domain-classifier coefficients). Not tuned: at 0.1 the held-out AUC already fell by 0.01-0.07
#: against the plain variant (docs/sentence-model.md), so larger shares were not tried.
DROP_SHARE = 0.1
#: Importance weights are clipped to [1 / WEIGHT_CLIP, WEIGHT_CLIP], the usual guard against a
#: few rows taking all the weight (Sugiyama et al. 2007 flatten them for the same reason).
WEIGHT_CLIP = 10.0
#: Weight of the scaled count features and of the marked-word features beside the word TF-IDF,
#: as in ``marked-words-lr`` (chosen there by grouped CV on BABE's training part).
COUNTS_WEIGHT, MARKS_WEIGHT = 0.3, 0.5


#: Count rows already computed, by feature names and text: the counts of a sentence do not depend
#: on the training data, and the transfer matrix refits on the same sentences many times.
_COUNT_MEMO: dict[tuple, np.ndarray] = {}
#: Sentences kept in the memo at most (about 10 MB of rows of 15 floats).
MEMO_SIZE = 100_000


def _counts(step: SentenceLexiconFeatures, texts: list[str]) -> np.ndarray:
    names = tuple(step.get_feature_names_out())
    todo = sorted({t for t in texts if (names, t) not in _COUNT_MEMO})
    if todo:
        rows = step.transform(todo).toarray()
        if len(_COUNT_MEMO) + len(todo) > MEMO_SIZE:
            _COUNT_MEMO.clear()
        _COUNT_MEMO.update({(names, t): r for t, r in zip(todo, rows)})
    return np.vstack([_COUNT_MEMO[(names, t)] for t in texts]) if texts else np.zeros((0, len(names)))


def _domain_lr(matrix, domains, random_state):
    return LogisticRegression(C=1.0, max_iter=2000, random_state=random_state).fit(matrix, domains)


class TravelClassifier(ClassifierMixin, BaseEstimator):
    """Word TF-IDF, topic-free counts and marked words; logistic regression; made to transfer.

    Parameters
    ----------
    lexicon, wordlists
        As :class:`SentenceLexiconFeatures`; both None leaves the counts out.
    variant : {"plain", "adversarial", "reweight"}
        See ``VARIANTS``.
    drop_share : float
        Share of word n-grams the adversarial variant drops.
    C : float
        Inverse regularisation of the logistic regression.

    Notes
    -----
    ``fit(X, y, target_texts=None)``: ``X`` a frame with ``text`` (and ``domain``, and
    ``biased_words`` on rows that have marks) or a sequence of texts. ``target_texts``,
    unlabelled sentences of the domain to be scored, let the adversarial variant also drop
    the n-grams that tell the target from the training data and are what the reweight variant
    weighs towards; without them it balances the training domains instead.

    References
    ----------
    Ganin et al. (2016), Domain-Adversarial Training of Neural Networks, JMLR 17 (the
    adversarial idea; here as feature selection by a domain classifier's coefficients);
    Shimodaira (2000), Improving predictive inference under covariate shift by weighting the
    log-likelihood function, J. Stat. Plan. Inference 90; Sugiyama, Krauledat & Müller (2007),
    Covariate shift adaptation by importance weighted cross validation, JMLR 8; Bickel,
    Brückner & Scheffer (2007), Discriminative learning for differing training and test
    distributions, ICML (the density ratio from a domain classifier).
    """

    def __init__(self, *, lexicon=None, wordlists=None, variant: str = "adversarial",
                 drop_share: float = DROP_SHARE, C: float = 1.0, random_state: int = 0):
        self.lexicon = lexicon
        self.wordlists = wordlists
        self.variant = variant
        self.drop_share = drop_share
        self.C = C
        self.random_state = random_state

    def _frame(self, X) -> pd.DataFrame:
        if isinstance(X, pd.DataFrame):
            return X.reset_index(drop=True)
        return pd.DataFrame({"text": as_texts(X)})

    def _words(self, texts, fitting):
        return self.words_.fit_transform(texts) if fitting else self.words_.transform(texts)

    def fit(self, X, y, target_texts=None):
        if self.variant not in VARIANTS:
            raise ClassifyError(f"unknown variant {self.variant!r}; choose one of {', '.join(VARIANTS)}")
        frame, y = self._frame(X), np.asarray(y).astype(int)
        texts = as_texts(frame)
        domains = (frame["domain"].astype(str).to_numpy() if "domain" in frame
                   else np.full(len(texts), "train", dtype=object))
        target = as_texts(list(target_texts)) if target_texts is not None else []
        vocab = TfidfVectorizer(ngram_range=WORD_NGRAMS, min_df=MIN_DF, sublinear_tf=True).fit(texts + target)
        self.dropped_ = np.array([], dtype=object)
        weights = np.ones(len(texts))
        if self.variant != "plain":
            words = vocab.transform(texts + target)
            labels = np.concatenate([domains, np.full(len(target), "target", dtype=object)])
            if len(set(labels)) > 1:
                domain_lr = _domain_lr(words, labels, self.random_state)
                if self.variant == "adversarial":
                    strength = np.abs(domain_lr.coef_).max(axis=0)
                    n_drop = round(self.drop_share * len(strength))
                    names = vocab.get_feature_names_out()
                    top = set(names[np.argsort(-strength, kind="stable")[:n_drop]])
                    # an n-gram holding a dropped word names the same topic ("hamas said")
                    unigrams = {t for t in top if " " not in t}
                    self.dropped_ = np.array(sorted(t for t in names if t in top
                                                    or unigrams & set(t.split(" "))), dtype=object)
                elif len(target):
                    p = domain_lr.predict_proba(words[:len(texts)])[:, list(domain_lr.classes_).index("target")]
                    ratio = p / np.clip(1 - p, 1e-9, None) * (len(texts) / len(target))
                    weights = np.clip(ratio, 1 / WEIGHT_CLIP, WEIGHT_CLIP)
                else:  # no target: every training domain weighs the same in all
                    counts = pd.Series(domains).value_counts()
                    weights = len(texts) / (len(counts) * pd.Series(domains).map(counts).to_numpy())
        kept = [t for t in vocab.get_feature_names_out() if t not in set(self.dropped_)]
        # a vocabulary without the dropped n-grams: a sentence's vector is the same whether or
        # not it holds them (they are not seen at all, not merely weighted zero)
        self.words_ = TfidfVectorizer(ngram_range=WORD_NGRAMS, vocabulary=kept, sublinear_tf=True)
        self.counts_ = None
        if self.lexicon is not None or (self.wordlists is not None and len(self.wordlists)):
            self.counts_ = SentenceLexiconFeatures(lexicon=self.lexicon, wordlists=self.wordlists).fit(None)
            self.scale_ = MaxAbsScaler()
        marked = (frame["biased_words"].notna() & frame["biased_words"].astype(str).str.strip().ne("")
                  if "biased_words" in frame else pd.Series(False, index=frame.index)).to_numpy()
        self.marks_ = None
        if marked.any():
            self.marks_ = MarkedWordFeatures(random_state=self.random_state)
            self.marks_scale_ = MaxAbsScaler()
        blocks = self._blocks(frame, texts, fitting=True, marked=marked)
        self.lr_ = LogisticRegression(C=self.C, max_iter=3000, random_state=self.random_state)
        self.lr_.fit(blocks, y, sample_weight=weights / weights.mean())
        self.classes_ = self.lr_.classes_
        self.weights_ = weights
        return self

    def _blocks(self, frame, texts, *, fitting, marked=None):
        blocks = [self._words(texts, fitting)]
        if self.counts_ is not None:
            counts = _counts(self.counts_, texts)
            counts = self.scale_.fit_transform(counts) if fitting else self.scale_.transform(counts)
            blocks.append(sparse.csr_matrix(counts) * COUNTS_WEIGHT)
        if self.marks_ is not None:
            if fitting:
                own = frame[marked].reset_index(drop=True)
                values = np.zeros((len(texts), 3))
                self.marks_.fit(own)
                values[marked] = self.marks_.fit_transform(own)  # cross-fitted for marked rows
                values[~marked] = self.marks_.transform([t for t, m in zip(texts, marked) if not m])
                values = self.marks_scale_.fit_transform(values)
            else:
                values = self.marks_scale_.transform(self.marks_.transform(texts))
            blocks.append(sparse.csr_matrix(values) * MARKS_WEIGHT)
        return sparse.hstack(blocks).tocsr()

    def predict_proba(self, X):
        check_is_fitted(self, "lr_")
        frame = self._frame(X)
        return self.lr_.predict_proba(self._blocks(frame, as_texts(frame), fitting=False))

    def predict(self, X):
        return self.classes_[self.predict_proba(X).argmax(axis=1)]
