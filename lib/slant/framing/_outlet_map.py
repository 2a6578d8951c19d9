"""Framing stage, outlet map: outlets placed in two dimensions by their term profiles.

Input: the ``articles`` table and its :class:`slant.contrast.TermCounts`. Output: an
:class:`OutletMap` with one row per outlet (``MAP_COLUMNS``: camp, articles, coordinates), the
terms that define each axis (``AXIS_TERM_COLUMNS``) and the share of inertia per axis.

Method: correspondence analysis of the outlet x term contingency table (the summed counts of
the outlets' articles, over the ``n_terms`` most frequent terms): the SVD of the standardised
residuals, outlets at their principal coordinates. Outlets close together use the same words in
the same proportions; an axis is read from the terms that contribute most to it, at each end.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

__all__ = ["AXIS_TERM_COLUMNS", "MAP_COLUMNS", "MAP_MIN_ARTICLES", "MAP_TERMS", "OutletMap", "map_outlets"]

MAP_COLUMNS = ["outlet", "camp", "articles", "words", "axis_1", "axis_2"]
AXIS_TERM_COLUMNS = ["axis", "side", "rank", "term", "coordinate", "contribution"]
#: Terms kept, most frequent first: rarer ones are mostly one outlet's names and furniture,
#: which would each make an axis of their own (CA weighs a term by its profile, not its mass).
MAP_TERMS = 2000
#: Outlets with fewer articles are left off the map (their profile is a handful of stories).
MAP_MIN_ARTICLES = 3


@dataclass
class OutletMap:
    """Result of :func:`map_outlets`."""

    outlets: pd.DataFrame
    terms: pd.DataFrame
    inertia: np.ndarray  # share of the total inertia on axes 1 and 2
    n_articles: int = 0
    terms_used: int = 0
    reason: str = ""  # why there is no map, in one line ("" when there is one)

    @property
    def available(self) -> bool:
        """True when the outlets were mapped."""
        return not self.reason


def map_outlets(articles: pd.DataFrame, counts, *, min_articles: int = MAP_MIN_ARTICLES,
                n_terms: int = MAP_TERMS, top: int = 8) -> OutletMap:
    """Correspondence analysis of the outlet x term table: a 2-D map of outlets.

    Parameters
    ----------
    articles : DataFrame
        ``id``, ``outlet``, ``camp``.
    counts : slant.contrast.TermCounts
        Term counts of (at least) these articles.
    min_articles : int
        Leave off outlets with fewer articles (:data:`MAP_MIN_ARTICLES`).
    n_terms : int
        Most frequent terms kept (:data:`MAP_TERMS`).
    top : int
        Terms listed per end of each axis.

    Returns
    -------
    OutletMap
        ``outlets`` (``MAP_COLUMNS``, sorted by outlet), ``terms`` (``AXIS_TERM_COLUMNS``: per
        axis and side ``+``/``-``, the terms contributing most), ``inertia`` of the two axes.
        Signs are fixed so that the term contributing most to an axis lies on its + side. With
        fewer than three outlets of ``min_articles``+ articles, or no term to place them by, the
        tables are empty and ``reason`` says so in one line.

    References
    ----------
    Greenacre, M. (2017). Correspondence Analysis in Practice, 3rd ed., chapters 4-6 and the
    computational appendix (SVD of the standardised residuals, principal coordinates,
    contributions).
    """
    outlet_of = articles.groupby("outlet").size()
    kept = outlet_of[outlet_of >= min_articles].index
    if len(kept) < 3:
        return _no_map(f"{len(kept)} outlet(s) have {min_articles}+ articles; a map needs 3 or more "
                       "(lower map_min_articles, or load more articles).")
    arts = articles[articles["outlet"].isin(kept)]
    codes, outlets = pd.factorize(arts["outlet"], sort=True)
    rows = counts.rows(arts)
    member = sp.csr_matrix((np.ones(len(rows)), (codes, rows)), shape=(len(outlets), counts.matrix.shape[0]))
    table = member @ counts.matrix.astype(np.float64)
    totals = np.asarray(table.sum(axis=0)).ravel()
    cols = np.sort(np.argsort(-totals, kind="stable")[:n_terms])
    cols = cols[totals[cols] > 0]
    if len(cols) < 3:  # two axes need three terms at least
        return _no_map(f"The outlets share {len(cols)} counted term(s); a map needs 3 or more.")
    n = np.asarray(table[:, cols].todense())
    p = n / n.sum()
    r, c = p.sum(axis=1), p.sum(axis=0)
    residuals = (p - np.outer(r, c)) / np.sqrt(np.outer(r, c))
    u, s, vt = np.linalg.svd(residuals, full_matrices=False)
    col_contrib = vt[:2] ** 2  # share of each term in each axis's inertia (sums to 1 per axis)
    for k in range(2):  # sign: the largest contributor on the + side (as sklearn's svd_flip)
        if vt[k, np.argmax(col_contrib[k])] < 0:
            u[:, k], vt[k] = -u[:, k], -vt[k]
    row_coords = u[:, :2] * s[:2] / np.sqrt(r)[:, None]
    col_coords = vt[:2].T * s[:2] / np.sqrt(c)[:, None]
    camp = arts.groupby("outlet")["camp"].agg(lambda x: x.mode().iat[0])
    words = pd.Series(counts.words[rows], index=arts.index).groupby(arts["outlet"]).sum()
    frame = pd.DataFrame({"outlet": outlets, "camp": camp.reindex(outlets).to_numpy(),
                          "articles": outlet_of.reindex(outlets).to_numpy(),
                          "words": words.reindex(outlets).to_numpy(),
                          "axis_1": row_coords[:, 0], "axis_2": row_coords[:, 1]}, columns=MAP_COLUMNS)
    terms = counts.terms[cols]
    axis_rows = []
    for k in range(2):
        for side, sign in (("+", 1), ("-", -1)):
            pick = np.flatnonzero(np.sign(col_coords[:, k]) == sign)
            pick = pick[np.argsort(-col_contrib[k, pick], kind="stable")[:top]]
            axis_rows += [(k + 1, side, i + 1, terms[j], col_coords[j, k], col_contrib[k, j])
                          for i, j in enumerate(pick)]
    inertia = s[:2] ** 2 / (s ** 2).sum()
    return OutletMap(outlets=frame, terms=pd.DataFrame(axis_rows, columns=AXIS_TERM_COLUMNS),
                     inertia=inertia, n_articles=len(arts), terms_used=len(cols))


def _no_map(reason: str) -> OutletMap:
    return OutletMap(outlets=pd.DataFrame(columns=MAP_COLUMNS), terms=pd.DataFrame(columns=AXIS_TERM_COLUMNS),
                     inertia=np.zeros(2), reason=reason)
