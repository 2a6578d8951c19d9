"""Framing stage, story clusters: articles about the same event across outlets.

Input: the ``articles`` table (``id``, ``outlet``, ``camp``, ``date``, ``title``, ``text``).
Output: one cluster label per article (``CLUSTER_COLUMNS``), a table of clusters
(``STORY_COLUMNS``: outlets, camps, dates, top terms) and the camps that did not cover each
sizeable cluster (``UNCOVERED_COLUMNS``); :func:`pair_scores` rates a grouping against gold.

Method: TF-IDF of the words and word pairs counted once by :func:`slant.contrast.count_terms`
(outlet self-names stop-listed), cosine between articles; two articles are linked when their
cosine reaches ``min_similarity`` and their dates lie at most ``window_days`` apart; the linked
articles are grouped by average linkage (a link's endpoints join only if the *mean* cosine
between their groups reaches ``min_similarity``), which does not chain a whole month of war
news into one cluster as connected components would. An article with no link is a cluster of
one; an undated article links to none.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ._errors import FramingError

__all__ = ["CLUSTER_COLUMNS", "MIN_SIMILARITY", "STORY_COLUMNS", "UNCOVERED_COLUMNS", "WINDOW_DAYS",
           "cluster_stories", "pair_scores", "story_table", "uncovered_camps"]

#: Least TF-IDF cosine for two articles to be about one event. Tuned on FA-KES (README, "Story
#: clusters"): at 0.1 the six 5-10 Oct 2017 reports of Russian strikes near al-Mayadin share one
#: cluster of five outlets and the largest cluster (the Ghouta chemical attack, Aug 2013) holds
#: 16 articles; at 0.15 those reports split into the two defence-ministry announcements they
#: report (tests/test_framing_clusters.py). Titles alone (Penn events) give pairwise F1 0.39 here.
MIN_SIMILARITY = 0.1
#: Most days between two linked articles (the same event is reported over a few days).
WINDOW_DAYS = 3
CLUSTER_COLUMNS = ["id", "cluster"]
STORY_COLUMNS = ["cluster", "articles", "outlets", "n_outlets", "camps", "n_camps", "first_date",
                 "last_date", "top_terms", "ids"]
UNCOVERED_COLUMNS = ["cluster", "articles", "n_outlets", "covered_by", "not_covered_by", "top_terms"]


def _tfidf(articles: pd.DataFrame, outlets=None, counts=None):
    from sklearn.feature_extraction.text import TfidfTransformer

    from ..contrast import count_terms

    if counts is None:
        counts = count_terms(articles, outlets=outlets, min_df=2)
    matrix = counts.matrix[counts.rows(articles)]
    if matrix.shape[1] == 0:  # no term counted (one article: no term is in two)
        return sp.csr_matrix(matrix.shape), counts
    # sublinear tf: a word said ten times is not ten times the evidence (Manning et al. 2008, 6.4.1)
    return TfidfTransformer(sublinear_tf=True).fit_transform(matrix), counts


def cluster_stories(articles: pd.DataFrame, *, min_similarity: float = MIN_SIMILARITY,
                    window_days: float = WINDOW_DAYS, outlets=None, counts=None) -> pd.DataFrame:
    """Group articles about one event: TF-IDF cosine and a date window, average linkage.

    Parameters
    ----------
    articles : DataFrame
        ``id``, ``date``, ``text`` (and ``outlet_name`` for stop-listing).
    min_similarity : float
        Least mean cosine between two groups for them to merge (:data:`MIN_SIMILARITY`).
    window_days : float
        Most days between two articles for a link (:data:`WINDOW_DAYS`); undated articles link
        to none.
    outlets : DataFrame, optional
        The outlet registry whose names are stop-listed (``Corpus.outlets``).
    counts : slant.contrast.TermCounts, optional
        Counts already made for these articles (reused, not recounted).

    Returns
    -------
    DataFrame
        ``CLUSTER_COLUMNS``, one row per article in the order given; clusters are numbered from 0
        by size (largest first), then by first date.

    References
    ----------
    Manning, C. D., Raghavan, P. & Schütze, H. (2008). Introduction to Information Retrieval,
    chapters 6 (tf-idf) and 17 (hierarchical agglomerative clustering, group-average).
    Allan, J. (ed.) (2002). Topic Detection and Tracking: event-based information organization
    (the time window of event detection).
    """
    if not 0 < min_similarity <= 1:
        raise FramingError(f"min_similarity={min_similarity}: give a cosine in (0, 1]")
    if articles.empty:
        return pd.DataFrame(columns=CLUSTER_COLUMNS)
    tfidf, _ = _tfidf(articles, outlets, counts)
    if tfidf.shape[1] == 0:  # no term in two articles (one article, or none shared): each alone
        return _numbered(articles, np.arange(len(articles)))
    sims = (tfidf @ tfidf.T).tocoo()
    days = (articles["date"] - pd.Timestamp("1970-01-01")).dt.days.to_numpy(dtype=float)
    near = np.abs(days[sims.row] - days[sims.col]) <= window_days  # NaN (undated) compares False
    keep = (sims.row < sims.col) & (sims.data >= min_similarity) & near
    n = len(articles)
    graph = sp.coo_matrix((np.ones(int(keep.sum())), (sims.row[keep], sims.col[keep])), shape=(n, n))
    _, component = sp.csgraph.connected_components(graph, directed=False)
    labels = np.arange(n)
    for comp in np.unique(component):
        members = np.flatnonzero(component == comp)
        if len(members) < 2:
            continue
        block = (tfidf[members] @ tfidf[members].T).toarray()
        labels[members] = members[_average_linkage(block, days[members], min_similarity, window_days)]
    return _numbered(articles, labels)


def _average_linkage(sim: np.ndarray, days: np.ndarray, min_similarity: float, window_days: float) -> np.ndarray:
    """Group-average agglomerative clustering cut at ``min_similarity``; pairs outside the date
    window count as similarity 0. Returns, per member, the index of its group's first member."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    far = np.abs(days[:, None] - days[None, :]) > window_days
    dist = 1.0 - np.where(far, 0.0, sim)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(np.clip(dist, 0, 1), checks=False), method="average")
    groups = fcluster(tree, t=1.0 - min_similarity, criterion="distance")
    _, first = np.unique(groups, return_index=True)
    return first[np.searchsorted(np.unique(groups), groups)]


def _numbered(articles: pd.DataFrame, labels: np.ndarray) -> pd.DataFrame:
    frame = pd.DataFrame({"id": articles["id"].to_numpy(), "raw": labels,
                          "date": articles["date"].to_numpy()})
    order = (frame.groupby("raw").agg(size=("id", "size"), first=("date", "min"), key=("id", "min"))
             .sort_values(["size", "first", "key"], ascending=[False, True, True], na_position="last"))
    number = pd.Series(np.arange(len(order)), index=order.index)
    return pd.DataFrame({"id": frame["id"], "cluster": frame["raw"].map(number).astype("int64")})


def story_table(articles: pd.DataFrame, clusters: pd.DataFrame, *, min_articles: int = 2,
                top: int = 8, outlets=None, counts=None) -> pd.DataFrame:
    """One row per cluster of at least ``min_articles``: its outlets and camps (sorted),
    dates, ``top`` terms by summed TF-IDF, and member ids (``STORY_COLUMNS``)."""
    merged = articles[["id", "outlet", "camp", "date"]].merge(clusters, on="id")
    sizes = merged.groupby("cluster")["id"].transform("size")
    merged = merged[sizes >= min_articles]
    if merged.empty:
        return pd.DataFrame(columns=STORY_COLUMNS)
    tfidf, counts = _tfidf(articles, outlets, counts)
    pos = pd.Index(articles["id"]).get_indexer(merged["id"])
    member = sp.csr_matrix((np.ones(len(pos)), (pd.factorize(merged["cluster"], sort=True)[0], pos)),
                           shape=(merged["cluster"].nunique(), len(articles)))
    weight = np.asarray((member @ tfidf).todense())
    top_terms = [", ".join(counts.terms[np.argsort(-row, kind="stable")[:top]]) for row in weight]
    table = merged.groupby("cluster").agg(
        articles=("id", "size"), outlets=("outlet", lambda s: ", ".join(sorted(set(s)))),
        n_outlets=("outlet", "nunique"), camps=("camp", lambda s: ", ".join(sorted(set(s)))),
        n_camps=("camp", "nunique"), first_date=("date", "min"), last_date=("date", "max"),
        ids=("id", lambda s: ", ".join(sorted(s))))
    table["top_terms"] = top_terms
    return table.reset_index()[STORY_COLUMNS]


def uncovered_camps(stories: pd.DataFrame, articles: pd.DataFrame, *, min_outlets: int = 3) -> pd.DataFrame:
    """For each cluster covered by at least ``min_outlets`` outlets: the camps of the corpus
    that covered it and those that did not (``UNCOVERED_COLUMNS``). A camp absent from a story's
    dates altogether is still listed: read it beside the camp's article counts."""
    camps = sorted(set(articles["camp"]))
    big = stories[stories["n_outlets"] >= min_outlets]
    rows = []
    for story in big.itertuples(index=False):
        covered = story.camps.split(", ")
        rows.append((story.cluster, story.articles, story.n_outlets, story.camps,
                     ", ".join(c for c in camps if c not in covered), story.top_terms))
    return pd.DataFrame(rows, columns=UNCOVERED_COLUMNS)


def pair_scores(truth, predicted) -> dict[str, float]:
    """Pairwise precision, recall and F1 of a grouping against gold groups.

    A pair of items is a true positive when both groupings put them together; precision is the
    share of predicted same-group pairs that the gold has together, recall the share of gold pairs
    found. Counted from the contingency table, not pair by pair.

    References
    ----------
    Manning, Raghavan & Schütze (2008), section 16.3 (pair counting, the Rand index's F measure).
    """
    truth, predicted = np.asarray(truth), np.asarray(predicted)
    if len(truth) != len(predicted):
        raise FramingError(f"{len(truth)} gold labels but {len(predicted)} predicted; give one per item")
    table = pd.crosstab(truth, predicted).to_numpy(dtype=np.int64)

    def pairs(x):
        return int((x * (x - 1) // 2).sum())

    both, gold, pred = pairs(table), pairs(table.sum(axis=1)), pairs(table.sum(axis=0))
    precision = both / pred if pred else 0.0
    recall = both / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "gold_pairs": gold, "predicted_pairs": pred}
