"""Charts of frames and roles (notebook 05): the war/peace index and its components per group,
generic frame shares, and the roles matrix of actors × camps.

Input: :func:`slant.framing.warpeace_summary`, :func:`slant.framing.frame_shares` and
:func:`slant.framing.role_shares` tables. Per-outlet tables are folded before they are
summarised (:func:`fold_small_outlets`), so a chart of 100 outlets shows each camp's small ones
as one row.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ._common import camp_colors, rtl_safe

__all__ = ["ROLE_COLORS", "frame_share_heatmap", "role_matrix", "warpeace_components", "warpeace_index"]

#: One colour per role (Frermann et al. 2023's hero, villain, victim).
ROLE_COLORS = {"hero": "#1b7837", "villain": "#c0392b", "victim": "#2166ac"}
#: Order of the columns of the components chart.
_COLUMNS = ("language", "orientation", "parties", "outcome", "time", "war_index")


def _empty(ax, title):
    ax.set_title(title)
    ax.axis("off")
    return ax


@rtl_safe
def warpeace_index(summary: pd.DataFrame, *, camps: pd.DataFrame | None = None, ax=None):
    """Dots with 95 % intervals: the mean war journalism index per group (0 peace, 1 war).

    Parameters
    ----------
    summary : DataFrame
        :func:`slant.framing.warpeace_summary` (``group``, ``component``, ``mean``, ``low``,
        ``high``, ``articles``).
    camps : DataFrame, optional
        ``group`` -> ``camp`` (e.g. :func:`outlet_sizes` renamed), to colour outlets by camp.
    """
    rows = summary[summary["component"] == "war_index"].sort_values("mean")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.3 * len(rows) + 1.6))
    n = int(rows["articles"].sum())
    if rows.empty:
        return _empty(ax, "War journalism index: no scored article (0 articles)")
    colour_of = dict(zip(camps["group"], camps["camp"])) if camps is not None else {}
    colours = camp_colors([colour_of.get(g, g) for g in rows["group"]])
    y = np.arange(len(rows))
    ax.errorbar(rows["mean"], y, xerr=[rows["mean"] - rows["low"], rows["high"] - rows["mean"]],
                fmt="none", ecolor="#888888", elinewidth=1)
    ax.scatter(rows["mean"], y, c=colours, zorder=3)
    ax.set_yticks(y, [f"{g} ({a})" for g, a in zip(rows["group"], rows["articles"])], fontsize=8)
    ax.set_xlim(0, 1)
    ax.axvline(0.5, color="#cccccc", linewidth=0.8, zorder=0)
    ax.set_xlabel("war journalism index (0 = peace pole, 1 = war pole); bars: 95 % bootstrap interval")
    ax.set_title(f"War journalism index, mean per group ({n:,} articles)")
    return ax


@rtl_safe
def warpeace_components(summary: pd.DataFrame, *, ax=None):
    """Heatmap groups × components (and the index): each cell the group's mean, 0 peace to 1
    war, with its 95 % interval; rows are labelled with their articles."""
    table = summary.pivot_table(index="group", columns="component", values="mean", sort=True)
    table = table.reindex(columns=[c for c in _COLUMNS if c in table.columns])
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 0.35 * len(table) + 1.8))
    if table.empty:
        return _empty(ax, "War/peace components: no scored article (0 articles)")
    cells = summary.set_index(["group", "component"])
    sizes = summary.drop_duplicates("group").set_index("group")["articles"]
    ax.imshow(table.to_numpy(), cmap="RdBu_r", vmin=0, vmax=1, aspect="auto")
    for r, g in enumerate(table.index):
        for c, comp in enumerate(table.columns):
            cell = cells.loc[(g, comp)]
            ax.text(c, r, f"{cell['mean']:.2f}\n[{cell['low']:.2f}–{cell['high']:.2f}]", ha="center",
                    va="center", fontsize=6.5, fontweight="bold" if comp == "war_index" else "normal")
    ax.set_xticks(range(len(table.columns)), [c.replace("_", " ") for c in table.columns], fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(table)), [f"{g} ({sizes[g]})" for g in table.index], fontsize=8)
    ax.set_title(f"War/peace components, mean per group (0 peace, 1 war; {int(sizes.sum()):,} articles)",
                 pad=24)
    return ax


@rtl_safe
def frame_share_heatmap(shares: pd.DataFrame, *, by: str = "camp", ax=None, what: str = "frame model"):
    """Heatmap groups × generic frames: the share of a group's articles with the frame, each
    cell "present/n".

    Parameters
    ----------
    shares : DataFrame
        :func:`slant.framing.frame_shares` (``by``, ``frame``, ``n``, ``present``, ``share``).
    what : str
        What decided "present" (named in the title).
    """
    share = shares.pivot_table(index=by, columns="frame", values="share", sort=True)
    frames = list(shares["frame"].drop_duplicates())
    share = share.reindex(columns=frames)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.35 * len(share) + 1.8))
    sizes = shares.drop_duplicates(by).set_index(by)["n"] if len(shares) else pd.Series(dtype=int)
    if share.empty:
        return _empty(ax, f"Generic frames ({what}): no article (0 articles)")
    cells = shares.set_index([by, "frame"])
    ax.imshow(share.to_numpy(), cmap="Purples", vmin=0, vmax=1, aspect="auto")
    for r, g in enumerate(share.index):
        for c, f in enumerate(frames):
            cell = cells.loc[(g, f)]
            ax.text(c, r, f"{int(cell['present'])}/{int(cell['n'])}", ha="center", va="center",
                    fontsize=7, color="white" if cell["share"] > 0.6 else "black")
    ax.set_xticks(range(len(frames)), [f.replace("_", " ") for f in frames], fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(share)), [f"{g} ({sizes[g]})" for g in share.index], fontsize=8)
    ax.set_title(f"Share of articles with each generic frame, {what} ({int(sizes.sum()):,} articles)",
                 pad=24)
    return ax


@rtl_safe
def role_matrix(shares: pd.DataFrame, *, articles: int | None = None, min_mentions: int = 1, ax=None):
    """Actors × groups: each cell coloured by the dominant role (hero green, villain red, victim
    blue; the deeper the larger its share), annotated with the role, its share and the role
    mentions n behind it.

    Parameters
    ----------
    shares : DataFrame
        :func:`slant.framing.role_shares` (``group``, ``referent``, ``role``, ``n``,
        ``mentions``, ``share``).
    articles : int, optional
        Articles behind the table (named in the title).
    min_mentions : int
        Cells with fewer role mentions are left blank.
    """
    table = shares[shares["mentions"] >= min_mentions]
    title = f"Dominant role per actor and group, own voice ({articles if articles is not None else '?'} articles)"
    groups = sorted(table["group"].unique())
    actors = sorted(table["referent"].unique())
    if ax is None:
        _, ax = plt.subplots(figsize=(1.4 * len(groups) + 3, 0.45 * len(actors) + 1.8))
    if table.empty:
        return _empty(ax, title + ": no role mention")
    top = (table.sort_values(["group", "referent", "n", "role"], ascending=[True, True, False, True])
           .drop_duplicates(["group", "referent"]).set_index(["referent", "group"]))
    image = np.ones((len(actors), len(groups), 4))
    for r, actor in enumerate(actors):
        for c, group in enumerate(groups):
            if (actor, group) not in top.index:
                continue
            cell = top.loc[(actor, group)]
            rgba = plt.matplotlib.colors.to_rgba(ROLE_COLORS.get(cell["role"], "#999999"))
            image[r, c] = (*rgba[:3], 0.15 + 0.75 * float(cell["share"]))
            ax.text(c, r, f"{cell['role']} {cell['share']:.0%}\nn={int(cell['mentions'])}", ha="center",
                    va="center", fontsize=7)
    ax.imshow(image, aspect="auto")
    ax.set_xticks(range(len(groups)), groups, rotation=30, ha="left", fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(actors)), actors, fontsize=8)
    ax.set_title(title, pad=36)
    return ax
