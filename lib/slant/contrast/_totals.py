"""Contrast stage at scale: Fightin' Words from per-group term totals, built batch by batch.

A comparison of groups (each outlet against the rest, camp against camp) needs only each
group's term totals, the corpus's totals (the prior) and each term's document frequency (for
``min_df``): not the articles x terms matrix. Input: batches of ``articles`` (no article in two
of them, as :func:`slant.corpus.iter_article_batches` gives them). Each batch is counted with
:func:`slant.contrast.count_terms` (``min_df=1``) into :class:`GroupTerms`: term totals per
(group, language), document frequencies, articles per key, by term string. Batches are summed
over the union of their terms (an exact vocabulary, grown as batches come: it grows with the
distinct terms, not with the articles). Output: ``CONTRAST_COLUMNS`` tables equal to
:func:`compare_each` / :func:`compare_pairs` on the whole corpus, with the same ``min_df``,
language choice and prior.

Stop terms: each batch stop-lists the registry's outlet names (``outlets``) and the names of
the outlets in that batch, as ``count_terms`` does for the whole corpus; the result is equal
when every outlet of the corpus is in the registry (``Corpus.outlets``), as after
``slant check`` shows no "not in the registry" flag.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ._logodds import (
    DEFAULT_MIN_COUNT,
    DEFAULT_PRIOR_SCALE,
    ContrastError,
    _concat,
    _top,
    _within,
)
from ._termcounts import count_terms

__all__ = ["GroupTerms", "compare_each_totals", "compare_pairs_totals", "count_group_terms",
           "group_term_totals", "sum_group_terms"]


@dataclass
class GroupTerms:
    """Term totals of a corpus per (group, language): what Fightin' Words needs.

    Attributes
    ----------
    by : str
        The grouping column (``outlet``, ``camp``).
    keys : DataFrame
        One row per (``group``, ``language``) with its ``articles``, sorted.
    terms : ndarray of str
        Column labels, sorted (as :class:`TermCounts`).
    counts : scipy.sparse.csr_matrix
        keys x terms, int64 totals.
    df : ndarray of int
        Articles holding each term (all keys), for ``min_df``.
    target_language : str or None
        The language of the target article, when a batch held it.
    """

    by: str
    keys: pd.DataFrame
    terms: np.ndarray
    counts: sp.csr_matrix
    df: np.ndarray
    target_language: str | None = None


def count_group_terms(articles: pd.DataFrame, *, by: str = "outlet", outlets: pd.DataFrame | None = None,
                      ngram_range: tuple[int, int] = (1, 2), extra_stop=()) -> GroupTerms:
    """:class:`GroupTerms` of one batch of articles (``count_terms`` with ``min_df=1``)."""
    if by not in articles:
        raise ContrastError(f"articles has no column {by!r}; group by one of {list(articles.columns)}")
    counts = count_terms(articles, outlets=outlets, ngram_range=ngram_range, min_df=1, extra_stop=extra_stop)
    languages = (articles["language"].fillna("").astype(str) if "language" in articles
                 else pd.Series("", index=articles.index))
    frame = pd.DataFrame({"group": articles[by].to_numpy(), "language": languages.to_numpy()})
    codes, table = _key_codes(frame)
    indicator = sp.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))),
                              shape=(len(table), len(codes)))
    keys = table
    table["articles"] = np.bincount(codes, minlength=len(keys)).astype(np.int64)
    target = None
    if "is_target" in articles and articles["is_target"].astype(bool).any():
        target = languages[articles["is_target"].astype(bool).to_numpy()].iloc[0] or None
    return GroupTerms(by=by, keys=table, terms=counts.terms,
                      counts=(indicator @ counts.matrix).tocsr().astype(np.int64),
                      df=np.bincount(counts.matrix.indices, minlength=len(counts.terms)).astype(np.int64),
                      target_language=target)


def group_term_totals(batches: Iterable[pd.DataFrame], *, by: str = "outlet",
                      outlets: pd.DataFrame | None = None, min_df: int = 2, cluster=None) -> GroupTerms:
    """:class:`GroupTerms` of a corpus read in batches: each batch counted
    (:func:`count_group_terms`; on a Dask worker with ``cluster``, a
    :class:`slant.common.DaskCluster`), the counts summed here as they come
    (:func:`sum_group_terms`)."""
    if cluster is None:
        parts = (count_group_terms(b, by=by, outlets=outlets) for b in batches)
    else:
        parts = cluster.map(_count_partition, batches, static=outlets, args=(by,))
    return sum_group_terms(parts, min_df=min_df)


def _count_partition(outlets, batch: pd.DataFrame, by: str) -> GroupTerms:
    """One partition on a Dask worker."""
    return count_group_terms(batch, by=by, outlets=outlets)


def _key_codes(frame: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Code of each (group, language) row and the distinct rows, sorted."""
    table = frame.drop_duplicates().sort_values(["group", "language"], ignore_index=True)
    codes = pd.MultiIndex.from_frame(table).get_indexer(pd.MultiIndex.from_frame(frame))
    return codes, table


def _add(a: GroupTerms, b: GroupTerms) -> GroupTerms:
    """The totals of two disjoint sets of articles, over the union of their terms and keys."""
    terms = np.union1d(a.terms, b.terms)
    keys = pd.concat([a.keys, b.keys], ignore_index=True)
    codes, table = _key_codes(keys[["group", "language"]])
    unique = table
    parts = []
    for part, rows in ((a, codes[:len(a.keys)]), (b, codes[len(a.keys):])):
        coo = part.counts.tocoo()
        cols = np.searchsorted(terms, part.terms)[coo.col]
        parts.append(sp.csr_matrix((coo.data, (rows[coo.row], cols)), shape=(len(unique), len(terms))))
    df = np.zeros(len(terms), dtype=np.int64)
    for part in (a, b):
        df[np.searchsorted(terms, part.terms)] += part.df
    table["articles"] = np.bincount(codes, weights=keys["articles"], minlength=len(unique)).astype(np.int64)
    return GroupTerms(by=a.by, keys=table, terms=terms, counts=(parts[0] + parts[1]).tocsr(), df=df,
                      target_language=a.target_language or b.target_language)


def sum_group_terms(parts: Iterable[GroupTerms], *, min_df: int = 2) -> GroupTerms:
    """One :class:`GroupTerms` from those of disjoint batches, summed as they come, then only
    the terms in at least ``min_df`` articles kept (``count_terms``' ``min_df`` over the whole)."""
    total = None
    for part in parts:
        total = part if total is None else _add(total, part)
    if total is None:
        raise ContrastError("no articles to count; check the corpus loaded (slant check CORPUS)")
    keep = total.df >= min_df
    return GroupTerms(by=total.by, keys=total.keys, terms=total.terms[keep], counts=total.counts[:, keep].tocsr(),
                      df=total.df[keep], target_language=total.target_language)


def _one_language(totals: GroupTerms, language: str | None):
    """As :func:`slant.contrast.one_language` over the keys: the language compared, its rows,
    and the articles of other languages left out ({code: n})."""
    langs = totals.keys["language"]
    if language is None:
        if totals.target_language:
            language = totals.target_language
        else:
            known = totals.keys[langs != ""].groupby("language")["articles"].sum()
            if not len(known):
                return None, np.ones(len(langs), dtype=bool), {}
            language = min(known.index[known == known.max()])
    keep = (langs == language).to_numpy()
    if not keep.any():
        raise ContrastError(f"no article is in language {language!r}; languages present: "
                            f"{sorted(set(langs) - {''})}")
    left = (totals.keys[~keep].assign(language=langs[~keep].replace("", "unknown"))
            .groupby("language")["articles"].sum().sort_index())
    return language, keep, {str(k): int(v) for k, v in left.items()}


def _groups(totals: GroupTerms, language, prior_scale):
    """(language, left out, group values, their dense totals, the language's totals, alpha)."""
    if not prior_scale > 0:
        raise ContrastError(f"prior_scale={prior_scale}: give a positive number of pseudo-words")
    language, keep, left = _one_language(totals, language)
    kept = np.flatnonzero(keep)
    groups, codes = np.unique(totals.keys["group"].to_numpy()[kept].astype(object), return_inverse=True)
    merge = sp.csr_matrix((np.ones(len(kept)), (codes, kept)), shape=(len(groups), len(totals.keys)))
    by_group = np.asarray((merge @ totals.counts).todense(), dtype=np.float64)
    everything = by_group.sum(axis=0)
    return language, left, list(groups), by_group, everything, prior_scale * everything / max(everything.sum(), 1.0)


def compare_each_totals(totals: GroupTerms, *, top: int = 20, prior_scale: float = DEFAULT_PRIOR_SCALE,
                        min_count: int = DEFAULT_MIN_COUNT, language: str | None = None) -> pd.DataFrame:
    """:func:`slant.contrast.compare_each` (each group against the rest) from summed totals:
    the same table as on the whole corpus's articles and ``count_terms``."""
    language, left, groups, by_group, everything, alpha = _groups(totals, language, prior_scale)
    tables = [_top(value, "rest", totals.terms, by_group[i], everything - by_group[i], alpha, top=top,
                   min_count=min_count)
              for i, value in enumerate(groups) if not np.array_equal(by_group[i], everything)]
    return _within(_concat(tables), language, left)


def compare_pairs_totals(totals: GroupTerms, *, top: int = 20, prior_scale: float = DEFAULT_PRIOR_SCALE,
                         min_count: int = DEFAULT_MIN_COUNT, language: str | None = None) -> pd.DataFrame:
    """:func:`slant.contrast.compare_pairs` (each group against each other) from summed totals."""
    language, left, groups, by_group, _, alpha = _groups(totals, language, prior_scale)
    return _within(_concat([_top(groups[i], groups[j], totals.terms, by_group[i], by_group[j], alpha, top=top,
                                 min_count=min_count)
                            for i in range(len(groups)) for j in range(i + 1, len(groups))]), language, left)
