"""Classify stage, features: lexicon hit counts per article as a scikit-learn transformer.

Input: the ``articles`` table (``id``, ``text``) and a :class:`slant.lexicons.Lexicon`. Output: a
sparse matrix, one row per article, one column per referent, label, stance and voice, named by
``get_feature_names_out``. The hits come from :func:`slant.scoring.find_hits` (the lexicon's
automaton over the normalised text, tokenised once): no regular expression per term.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from ..lexicons import Lexicon, LexiconError
from ..scoring import find_hits

__all__ = ["FEATURE_KINDS", "VOICES", "LexiconFeatures"]

#: Lexicon columns counted, in this order; a feature is named "kind=value" ("stance=pejorative").
FEATURE_KINDS = ("referent", "label", "stance")
#: Voices of a hit (see :func:`slant.scoring.find_hits`).
VOICES = ("own", "quoted")


class LexiconFeatures(TransformerMixin, BaseEstimator):
    """One row per article: hit counts per lexicon referent, label, stance and voice.

    Columns, in order: ``referent=<r>`` for every referent, ``label=<l>`` for every label,
    ``stance=<s>`` for every stance of the lexicon (sorted), then ``voice=own`` and
    ``voice=quoted``; with ``split_voice`` also ``stance=<s>|voice=<v>`` for every stance and
    voice, so that a word an outlet quotes is told apart from one it uses itself.

    Parameters
    ----------
    lexicon : Lexicon
        From :func:`slant.lexicons.load_lexicons`.
    split_voice : bool
        Add the stance-by-voice counts.
    n_jobs : int, optional
        Passed to :func:`slant.scoring.find_hits`; 1 (the default) never starts workers,
        which suits cross-validation.

    Attributes
    ----------
    lexicon_ : Lexicon
        The lexicon checked at fit.
    feature_names_out_ : ndarray of str
        Column names.

    Examples
    --------
    >>> features = LexiconFeatures(lexicon=load_lexicons(["syria-2017"])).fit(articles)
    >>> counts = features.transform(articles)  # scipy.sparse, one row per article
    """

    def __init__(self, *, lexicon: Lexicon | None = None, split_voice: bool = True,
                 n_jobs: int | None = 1):
        self.lexicon = lexicon
        self.split_voice = split_voice
        self.n_jobs = n_jobs

    def fit(self, articles: pd.DataFrame, y=None) -> LexiconFeatures:
        """Check the lexicon and the articles; fix the column names. Returns self."""
        if self.lexicon is None or not isinstance(self.lexicon, Lexicon):
            raise LexiconError("LexiconFeatures needs lexicon=load_lexicons([name_or_path]) "
                               f"(got {type(self.lexicon).__name__})")
        _check_articles(articles)
        entries = self.lexicon.entries
        # a category term (news-generic's "so-called") has no referent: it counts by label only
        names = [f"{kind}={value}" for kind in FEATURE_KINDS
                 for value in sorted(pd.unique(entries[kind].astype(str))) if value.strip()]
        names += [f"voice={v}" for v in VOICES]
        if self.split_voice:
            names += [f"stance={s}|voice={v}" for s in sorted(pd.unique(entries["stance"].astype(str)))
                      for v in VOICES]
        self.lexicon_ = self.lexicon
        self.feature_names_out_ = np.array(names, dtype=object)
        self.n_features_in_ = 1
        return self

    def transform(self, articles: pd.DataFrame) -> sp.csr_matrix:
        """Count the hits of each article (float64 CSR, articles x features)."""
        check_is_fitted(self, "lexicon_")
        _check_articles(articles)
        articles = articles.reset_index(drop=True)
        hits = find_hits(articles, self.lexicon_, n_jobs=self.n_jobs)
        rows = pd.Index(articles["id"].astype(str)).get_indexer(hits["id"].astype(str))
        column = {name: i for i, name in enumerate(self.feature_names_out_)}
        voice = hits["voice"].astype(str).to_numpy()
        keys = [f"{kind}=" + hits[kind].astype(str).to_numpy().astype(object)
                for kind in FEATURE_KINDS]
        keys.append("voice=" + voice.astype(object))
        if self.split_voice:
            keys.append("stance=" + hits["stance"].astype(str).to_numpy().astype(object)
                        + "|voice=" + voice.astype(object))
        names = np.concatenate(keys) if keys and len(hits) else np.zeros(0, dtype=object)
        cols = pd.Series(names, dtype=object).map(column).to_numpy()
        rows_all = np.tile(rows, len(keys)) if len(hits) else np.zeros(0, dtype=np.int64)
        known = ~pd.isna(cols)  # a hit of an entry the fitted lexicon lacked cannot occur
        matrix = sp.csr_matrix(
            (np.ones(int(known.sum())), (rows_all[known], cols[known].astype(np.int64))),
            shape=(len(articles), len(self.feature_names_out_)))
        matrix.sum_duplicates()
        return matrix

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """Column names of :meth:`transform` (``kind=value``)."""
        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()


def _check_articles(articles) -> None:
    if not isinstance(articles, pd.DataFrame) or not {"id", "text"} <= set(articles.columns):
        raise LexiconError("LexiconFeatures takes the articles table (columns 'id' and 'text'), "
                           "e.g. corpus.articles")
    if articles["id"].duplicated().any():
        dup = articles.loc[articles["id"].duplicated(), "id"].iloc[0]
        raise LexiconError(f"article id {dup!r} occurs twice; ids must be unique "
                           "(load_corpus reports duplicates)")
