"""Classify stage, sentence features: counts of lexicon and word-list hits per sentence.

Input: sentences (a sequence of strings). Output: one row per sentence, one named column per
count (``get_feature_names_out``). Every sentence is indexed once (`slant.text.index_texts`) and
each lexicon read by its automaton (`slant.lexicons.match_lexicon`), never one regex per term.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from ..lexicons import STANCES, Lexicon, match_lexicon
from ..text import index_texts
from ._errors import ClassifyError
from ._wordlists import WORDLIST_NAMES, wordlist_lexicon

__all__ = ["CHAR_NGRAMS", "MIN_DF", "WORD_NGRAMS", "SentenceLexiconFeatures", "as_texts", "count_hits"]

#: Word n-grams 1-2 and character n-grams 2-5 within word boundaries, terms in at least 2
#: sentences, sublinear tf: the "plain TF-IDF" of issue 5.
WORD_NGRAMS, CHAR_NGRAMS, MIN_DF = (1, 2), (2, 5), 2


def as_texts(X) -> list[str]:
    """Sentences as a list of str from a sequence, a Series or a frame with a ``text`` column."""
    if isinstance(X, pd.DataFrame):
        if "text" not in X:
            raise ClassifyError("the sentences frame has no 'text' column; pass a column of sentences")
        X = X["text"]
    return ["" if t is None or (isinstance(t, float) and np.isnan(t)) else str(t) for t in X]


def count_hits(texts: list[str], lexicon: Lexicon, key: str) -> pd.DataFrame:
    """Matches of ``lexicon`` per sentence, counted per value of its entries' column ``key``.

    Returns
    -------
    DataFrame
        One row per sentence (in order), one column per value of ``lexicon.entries[key]``
        (sorted), integer counts.
    """
    index = index_texts(pd.DataFrame({"id": np.arange(len(texts)), "text": texts}), n_jobs=1)
    matches = match_lexicon(index, lexicon, n_jobs=1)
    values = lexicon.entries[key].astype(str)
    names = sorted(values.unique())
    codes = pd.Categorical(values, categories=names).codes
    table = np.zeros((len(texts), len(names)), dtype=np.int64)
    if len(matches):
        np.add.at(table, (matches["doc"].to_numpy(), codes[matches["entry"].to_numpy()]), 1)
    return pd.DataFrame(table, columns=names)


class SentenceLexiconFeatures(TransformerMixin, BaseEstimator):
    """One row per sentence: lexicon hits by stance (and loaded, i.e. not neutral), and hits of
    each word list (Recasens et al. 2013 lists, MPQA strong and weak subjective clues).

    Parameters
    ----------
    lexicon : Lexicon, optional
        The project's lexicons (e.g. ``load_lexicons(["syria-2017", "news-generic"])``); None
        leaves the stance counts out.
    wordlists : DataFrame, optional
        ``term``, ``list``, ``inflect`` (:func:`slant.classify.load_wordlists`); None or empty
        leaves the word-list counts out. Lists absent from it give no column.
    log : bool
        Return log(1 + count) rather than the count (keeps long sentences from dominating).

    References
    ----------
    Recasens, Danescu-Niculescu-Mizil & Jurafsky (2013), Linguistic Models for Analyzing and
    Detecting Biased Language, ACL; Wilson, Wiebe & Hoffmann (2005), HLT/EMNLP.
    """

    def __init__(self, *, lexicon: Lexicon | None = None, wordlists: pd.DataFrame | None = None,
                 log: bool = True):
        self.lexicon = lexicon
        self.wordlists = wordlists
        self.log = log

    def fit(self, X, y=None):
        if self.lexicon is None and (self.wordlists is None or len(self.wordlists) == 0):
            raise ClassifyError("SentenceLexiconFeatures has nothing to count: pass lexicon= "
                                "(slant.lexicons.load_lexicons) or wordlists= (load_wordlists)")
        lists = [] if self.wordlists is None else sorted(set(self.wordlists["list"]),
                                                           key=WORDLIST_NAMES.index)
        self.lists_ = lists
        self.list_lexicons_ = [wordlist_lexicon(self.wordlists[self.wordlists["list"] == name]
                                                .reset_index(drop=True)) for name in lists]
        names = []
        if self.lexicon is not None:
            names += [f"stance_{s}" for s in STANCES] + ["loaded"]
        names += [f"list_{name}" for name in lists]
        self.feature_names_ = np.array(names, dtype=object)
        self.n_features_in_ = 1
        return self

    def transform(self, X):
        check_is_fitted(self, "feature_names_")
        texts = as_texts(X)
        parts = []
        if self.lexicon is not None:
            stance = count_hits(texts, self.lexicon, "stance").reindex(columns=list(STANCES), fill_value=0)
            parts += [stance.to_numpy(), stance.drop(columns="neutral").sum(axis=1).to_numpy()[:, None]]
        for lexicon in self.list_lexicons_:
            parts.append(count_hits(texts, lexicon, "lexicon").sum(axis=1).to_numpy()[:, None])
        counts = np.hstack(parts).astype(float) if parts else np.zeros((len(texts), 0))
        return sparse.csr_matrix(np.log1p(counts) if self.log else counts)

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "feature_names_")
        return self.feature_names_.copy()
