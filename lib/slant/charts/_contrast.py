"""Charts of distinctive terms (notebook 03): the Monroe plot and lexicon terms' z per camp."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ._common import rtl_safe

__all__ = ["lexicon_z_heatmap", "monroe_plot"]

#: Offsets (points) tried for a label, nearest first: right, then above and below, then left.
_OFFSETS = [(dx, dy) for r in (1, 2, 3, 4) for dx, dy in
            ((6 * r, 0), (6 * r, 7 * r), (6 * r, -7 * r), (0, 9 * r), (0, -9 * r),
             (-6 * r, 0), (-6 * r, 7 * r), (-6 * r, -7 * r))]


def _place_labels(ax, points, labels, colors) -> int:
    """Label points without overlaps: each label takes the first free offset; returns how
    many labels found no free place (those are left out, most distinctive first placed)."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    placed = [ax.get_window_extent(renderer)]  # placed[0] is the frame: labels stay inside
    frame = placed[0]
    dropped = 0
    for (x, y), text, color in zip(points, labels, colors):
        for dx, dy in _OFFSETS:
            ha = "left" if dx > 0 else "right" if dx < 0 else "center"
            va = "bottom" if dy > 0 else "top" if dy < 0 else "center"
            note = ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha,
                               va=va, fontsize=8, color=color,
                               arrowprops={"arrowstyle": "-", "color": "#999", "lw": 0.5} if abs(dy) > 7 else None)
            box = note.get_window_extent(renderer).expanded(1.05, 1.15)
            inside = (box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0 and box.y1 <= frame.y1)
            if inside and not any(box.overlaps(b) for b in placed[1:]):
                placed.append(box)
                break
            note.remove()
        else:
            dropped += 1
    return dropped


@rtl_safe
def monroe_plot(table: pd.DataFrame, *, top: int = 15, side_names=("a", "b"), sizes=None,
                ax=None):
    """The Monroe et al. (2008) plot: each term's frequency (x, log) against its z (y).

    The ``top`` terms of each side are coloured and labelled without overlaps; every other term
    is a grey dot. ``sizes`` gives (articles, words) behind each side for the title.

    Parameters
    ----------
    table : DataFrame
        :func:`slant.contrast.log_odds` output (``term``, ``total``, ``delta``, ``z``).
    side_names : (str, str)
        Names of the in-group (positive z) and the out-group (negative z).
    sizes : ((int, int), (int, int)), optional
        (articles, words) of each side.

    References
    ----------
    Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' words: Lexical feature
    selection and evaluation for identifying the content of political conflict. Political
    Analysis 16(4), 372-403 (their figure 5).
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 6.5))
    x = table["total"].to_numpy(float)
    z = table["z"].to_numpy(float)
    ax.scatter(x, z, s=6, color="#bbbbbb", alpha=0.6, linewidths=0)
    ax.set_xscale("log")
    pos = table.nlargest(top, "z")
    neg = table.nsmallest(top, "z")
    pos = pos[pos["z"] > 0]
    neg = neg[neg["z"] < 0]
    ax.scatter(pos["total"], pos["z"], s=14, color="#c0392b")
    ax.scatter(neg["total"], neg["z"], s=14, color="#2c3e50")
    ax.axhline(0, color="#999", lw=0.8)
    for level in (1.96, -1.96):
        ax.axhline(level, color="#bbb", lw=0.6, ls="--")
    ax.set_xlabel("frequency of the term in both groups (log scale)")
    ax.set_ylabel(f"z-scored log-odds: + {side_names[0]}, − {side_names[1]}")
    ax.figure.canvas.draw()
    marked = pd.concat([pos.assign(_c="#c0392b"), neg.assign(_c="#2c3e50")])
    marked = marked.reindex(marked["z"].abs().sort_values(ascending=False).index)
    dropped = _place_labels(ax, list(zip(marked["total"], marked["z"])), marked["term"].tolist(),
                            marked["_c"].tolist())
    behind = ""
    if sizes is not None:
        (a_art, a_words), (b_art, b_words) = sizes
        behind = (f"\n{side_names[0]}: {a_art:,} article{'s' * (a_art != 1)}, {a_words:,} words; "
                  f"{side_names[1]}: {b_art:,} articles, {b_words:,} words")
    note = f" ({dropped} labels left out for space)" if dropped else ""
    ax.set_title(f"Distinctive terms, {side_names[0]} vs {side_names[1]}: log-odds with an "
                 f"informative Dirichlet prior, {len(table):,} terms{note}{behind}", fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


@rtl_safe
def lexicon_z_heatmap(contrasts: pd.DataFrame, labels, *, top: int = 30, ax=None):
    """Which lexicon labels really separate the camps: z of each label's term, camp vs rest.

    ``contrasts`` is :func:`slant.contrast.compare_each` output over all terms (``group``,
    ``term``, ``z``); ``labels`` the lexicon's labels, matched to terms in lower case. Shows the
    ``top`` labels by largest |z| in any camp; red = used more by the camp, blue = less.
    """
    wanted = {str(label).lower() for label in labels}
    data = contrasts[contrasts["term"].isin(wanted)]
    table = data.pivot_table(index="term", columns="group", values="z", fill_value=0.0)
    if ax is None:
        _, ax = plt.subplots(figsize=(0.7 * max(table.shape[1], 3) + 3, 0.3 * min(top, max(len(table), 1)) + 2))
    if table.empty:
        ax.set_title("Lexicon labels by camp: none found among the corpus's terms")
        ax.axis("off")
        return ax
    table = table.loc[table.abs().max(axis=1).sort_values(ascending=False).index[:top]]
    limit = max(3.0, float(np.nanpercentile(table.abs().to_numpy(), 95)))
    image = ax.imshow(table.to_numpy(), cmap="RdBu_r", vmin=-limit, vmax=limit, aspect="auto")
    ax.set_xticks(range(table.shape[1]), table.columns, rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(table.shape[0]), table.index, fontsize=8)
    ax.figure.colorbar(image, ax=ax, shrink=0.6, label="z (camp vs the rest)")
    n = contrasts.attrs.get("articles")
    ax.set_title(f"Lexicon labels that separate the camps: z of each camp vs the rest"
                 f"{f' ({n:,} articles)' if n else ''}", fontsize=10)
    return ax
