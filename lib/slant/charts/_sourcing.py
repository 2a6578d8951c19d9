"""Charts of who speaks and what is mentioned (notebook 04): source-kind shares, omissions."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ._common import rtl_safe
from ._many import fold_small_outlets, folded_rows

__all__ = ["KIND_COLORS", "mention_heatmap", "source_kind_shares"]

#: One colour per source kind of the bundled sources lexicon (others get grey).
KIND_COLORS = {
    "wire-agency": "#0072b2",
    "state-agency": "#c0392b",
    "other-media": "#e377c2",
    "government-army": "#7b3294",
    "armed-group-media": "#8c564b",
    "armed-group": "#d95f02",
    "monitor-ngo": "#1b7837",
    "anonymous": "#999999",
}


def _pool_groups(table: pd.DataFrame, *, sizes, min_articles, key: str, counts: list[str],
                 per_group: list[str]) -> tuple[pd.DataFrame, set[str]]:
    """``table`` (one row per group and ``key``) with each camp's small outlets pooled into one
    group: ``counts`` (per group and key) and ``per_group`` (repeated on each of a group's rows,
    e.g. its articles) are summed over the folded outlets."""
    folded = folded_rows(sizes, min_articles=min_articles)
    if not folded:
        return table, folded
    named = fold_small_outlets(table, sizes=sizes, min_articles=min_articles, column="group")
    small = named[named["group"].isin(folded)]
    summed = small.groupby(["group", key], sort=False)[counts].sum()
    # a group's own totals once per original outlet: from the rows of its first key
    first = table.loc[small.index].drop_duplicates("group").index
    once = named.loc[first].groupby("group")[per_group].sum()
    pooled = summed.reset_index().merge(once.reset_index(), on="group")
    labels = small.drop_duplicates(["group", key]).drop(columns=[*counts, *per_group])
    pooled = labels.merge(pooled, on=["group", key])
    return pd.concat([named[~named["group"].isin(folded)], pooled], ignore_index=True), folded


@rtl_safe
def source_kind_shares(shares: pd.DataFrame, *, ax=None, min_attributions: int = 1,
                       min_articles: int | None = None, outlets: pd.DataFrame | None = None):
    """Stacked bars: the share of each group's attributions by source kind; each bar is
    labelled with its attributions and articles.

    Parameters
    ----------
    shares : DataFrame
        :func:`slant.framing.attribution_shares` output.
    min_attributions : int
        Groups with fewer attributions are left out (their shares mean little).
    min_articles, outlets : int, DataFrame, optional
        For a table by outlet: outlets under ``min_articles`` articles (``outlets`` is
        :func:`outlet_sizes`) are folded into one row per camp, whose shares are its outlets'
        pooled attributions of each kind over their pooled attributions.
    """
    shares, folded = _pool_groups(shares, sizes=outlets, min_articles=min_articles, key="kind",
                                  counts=["attributions"], per_group=["total", "articles"])
    if folded:
        shares = shares.assign(share=(shares["attributions"] / shares["total"].where(shares["total"] > 0))
                               .fillna(0.0))
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 0.35 * shares["group"].nunique() + 1.8))
    data = shares[shares["total"] >= min_attributions]
    n_articles = int(shares.drop_duplicates("group")["articles"].sum())
    if data.empty:
        ax.set_title(f"Share of attributions by source kind: none found ({n_articles} articles)")
        ax.axis("off")
        return ax
    wide = data.pivot(index="group", columns="kind", values="share")
    kinds = [k for k in data["kind"].drop_duplicates() if k in wide.columns]
    wide = wide[kinds].iloc[::-1]  # first group on top
    names = dict(zip(data["kind"], data["kind_name"]))
    meta = data.drop_duplicates("group").set_index("group")
    left = np.zeros(len(wide))
    for kind in kinds:
        ax.barh(range(len(wide)), wide[kind].to_numpy(), left=left, label=names[kind],
                color=KIND_COLORS.get(kind, "#cccccc"))
        left += wide[kind].to_numpy()
    ax.set_yticks(range(len(wide)), [f"{g} (n={meta.loc[g, 'total']}, {meta.loc[g, 'articles']} art.)"
                                     for g in wide.index], fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the group's attributions")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    note = f"; outlets under {min_articles} articles pooled per camp" if folded else ""
    ax.set_title(f"Share of attributions by source kind ({int(meta['total'].sum())} attributions "
                 f"in {n_articles} articles{note})")
    return ax


@rtl_safe
def mention_heatmap(matrix: pd.DataFrame, *, ax=None, min_articles: int | None = None,
                    outlets: pd.DataFrame | None = None):
    """Heatmap of the share of each group's articles mentioning each item; each cell shows
    "mentioning/articles", and an omission (never mentioned though most others do) is boxed
    and marked "omitted".

    Parameters
    ----------
    matrix : DataFrame
        :func:`slant.framing.mention_matrix` output.
    min_articles, outlets : int, DataFrame, optional
        For a matrix by outlet: outlets under ``min_articles`` articles (``outlets`` is
        :func:`outlet_sizes`) are folded into one row per camp, whose cells are its outlets'
        pooled articles mentioning the item over their pooled articles; a folded row is never
        marked as an omission (the table judged its outlets one by one).
    """
    matrix, folded = _pool_groups(matrix, sizes=outlets, min_articles=min_articles, key="item",
                                  counts=["mentioning"], per_group=["articles"])
    if folded:
        matrix = matrix.assign(
            share=matrix["mentioning"] / matrix["articles"].where(matrix["articles"] > 0),
            omitted=matrix["omitted"].where(~matrix["group"].isin(folded), False).astype(bool))
    groups = sorted(matrix["group"].unique())
    items = list(matrix["item"].drop_duplicates())
    if ax is None:
        _, ax = plt.subplots(figsize=(1.0 * len(items) + 3, 0.4 * len(groups) + 2))
    n_articles = int(matrix.drop_duplicates("group")["articles"].sum())
    if matrix.empty:
        ax.set_title(f"Share of articles mentioning each item: no group ({n_articles} articles)")
        ax.axis("off")
        return ax
    cells = matrix.set_index(["group", "item"])
    share = cells["share"].unstack().reindex(index=groups, columns=items)
    ax.imshow(share.to_numpy(), cmap="Blues", vmin=0, vmax=1, aspect="auto")
    names = dict(zip(matrix["item"], matrix["item_name"]))
    ax.set_xticks(range(len(items)), [names[i] for i in items], rotation=35, ha="left", fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(groups)), [f"{g} ({cells.loc[(g, items[0]), 'articles']})"
                                       for g in groups], fontsize=8)
    for r, g in enumerate(groups):
        for c, i in enumerate(items):
            cell = cells.loc[(g, i)]
            value = share.iloc[r, c]
            ax.text(c, r, f"{cell['mentioning']}/{cell['articles']}", ha="center", va="center",
                    fontsize=7, color="white" if value > 0.6 else "black")
            if cell["omitted"]:
                ax.add_patch(plt.Rectangle((c - 0.5, r - 0.5), 1, 1, fill=False, edgecolor="#c0392b",
                                           linewidth=2))
                ax.text(c, r + 0.32, "omitted", ha="center", va="center", fontsize=6,
                        color="#c0392b")
    n_omitted = int(matrix["omitted"].sum())
    ax.set_title(f"Share of articles mentioning each item ({n_articles} articles; "
                 f"{n_omitted} omissions boxed)", pad=40)
    return ax
