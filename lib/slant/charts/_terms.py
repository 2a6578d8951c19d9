"""Charts of loaded terms (notebook 02): highlighted article, label choices, densities, tone."""

from __future__ import annotations

import html

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ._common import CAMP_COLORS, CARD_STYLE, STANCE_COLORS, HTMLBlock, not_scored_note
from ._many import fold_small_outlets, folded_rows

__all__ = ["density_by_group", "highlighted_article", "label_heatmap", "net_gross_coverage",
           "tone_by_group"]


def highlighted_article(article: pd.Series, hits: pd.DataFrame) -> HTMLBlock:
    """The article's text with every hit marked: colour by stance, a tooltip with referent,
    label, stance and voice; quoted hits underlined dotted. All text is escaped."""
    esc = html.escape
    text = str(article["text"])
    own = hits[hits["id"] == article["id"]].sort_values("start")
    pieces, pos = [], 0
    for h in own.itertuples(index=False):
        if h.start < pos:
            continue
        pieces.append(esc(text[pos:h.start]))
        tip = (f"{h.label} · {h.referent or h.category} · {h.stance} · {h.voice}"
               + (f" ({h.speaker})" if h.speaker else ""))
        style = f"background:{STANCE_COLORS.get(h.stance, '#eee')};padding:0 2px;border-radius:3px"
        if h.voice == "quoted":
            style += ";border-bottom:2px dotted #333"
        pieces.append(f"<mark title='{esc(tip, quote=True)}' style='{style}'>{esc(text[h.start:h.end])}</mark>")
        pos = h.end
    pieces.append(esc(text[pos:]))
    body = "".join(pieces).replace("\n", "</p><p>")
    legend = " ".join(f"<span style='background:{c};padding:0 4px;border-radius:3px'>{s}</span>"
                      for s, c in STANCE_COLORS.items() if s in set(own["stance"]))
    counts = (f"{len(own)} hits, {int(own['loaded'].sum())} loaded, "
              f"{int((own['voice'] == 'quoted').sum())} in quoted voice (dotted underline)")
    return HTMLBlock(
        f"<div class='slant-highlight'><p style='font-size:0.9em'>{esc(counts)}. Hover a term for its "
        f"referent, label, stance and voice. {legend}</p>"
        f"<div style='{CARD_STYLE.format(color=CAMP_COLORS.get(article['camp'], '#ccc'))}'><p>{body}</p></div></div>"
    )


def label_heatmap(choices: pd.DataFrame, *, by: str = "camp", referents=None, top_labels: int = 6,
                  groups=None, max_referents: int = 6, min_articles: int | None = None,
                  outlets: pd.DataFrame | None = None, not_scored=None):
    """One heatmap per referent: share of each label (columns) among the own-voice mentions of
    the referent in each group (rows); each cell shows the number of mentions behind it.

    Parameters
    ----------
    choices : DataFrame
        :func:`slant.scoring.label_choices` output; ``by`` picks its level (outlet or camp).
    referents : list of str, optional
        Referents to draw (default: the most mentioned), at most ``max_referents``.
    top_labels : int
        Labels per referent, the most used first; the rest are summed into "other labels".
    groups : list of str, optional
        Rows to keep (e.g. outlets with enough articles).
    min_articles, outlets : int, DataFrame, optional
        With ``by="outlet"``: outlets under ``min_articles`` articles (``outlets`` is
        :func:`outlet_sizes`) are folded into one row per camp, "other <camp> outlets (N
        articles, M outlets)", whose cells pool the mentions of its outlets.

    Returns
    -------
    ndarray of Axes
    """
    data = choices[choices["level"] == by]
    if by == "outlet":
        data = fold_small_outlets(data, sizes=outlets, min_articles=min_articles, column="group")
    if groups is not None:
        data = data[data["group"].isin(groups)]
    totals = data.groupby("referent")["mentions"].sum().sort_values(ascending=False)
    chosen = [r for r in (referents if referents is not None else totals.index) if r in totals.index]
    chosen = chosen[:max_referents]
    if not chosen:
        fig, ax = plt.subplots(figsize=(6, 1))
        ax.set_title(f"Label choices per {by}: no referent mentioned in own voice")
        ax.axis("off")
        return np.array([ax])
    rows = sorted(data["group"].unique())
    fig, axes = plt.subplots(len(chosen), 1, figsize=(11, (0.32 * len(rows) + 1.3) * len(chosen)),
                             squeeze=False)
    for ax, referent in zip(axes[:, 0], chosen):
        sub = data[data["referent"] == referent]
        order = sub.groupby("label")["mentions"].sum().sort_values(ascending=False).index
        keep = list(order[:top_labels])
        sub = sub.assign(label=sub["label"].where(sub["label"].isin(keep), "other labels"))
        count = sub.pivot_table(index="group", columns="label", values="mentions", aggfunc="sum",
                                fill_value=0).reindex(index=rows, fill_value=0)
        count = count[[c for c in keep + ["other labels"] if c in count.columns]]
        share = count.div(count.sum(axis=1).where(count.sum(axis=1) > 0), axis=0).fillna(0)
        ax.imshow(share.to_numpy(), cmap="Blues", vmin=0, vmax=1, aspect="auto")
        ax.set_xticks(range(share.shape[1]), share.columns, fontsize=8)
        ax.xaxis.tick_top()
        ax.set_yticks(range(len(rows)), [f"{g} ({int(n)})" for g, n in zip(rows, count.sum(axis=1))], fontsize=8)
        for (i, j), n in np.ndenumerate(count.to_numpy()):
            if n:
                ax.text(j, i, f"{int(n)}", ha="center", va="center", fontsize=7,
                        color="white" if share.iat[i, j] > 0.6 else "black")
        ax.set_ylabel(referent, fontsize=9, fontweight="bold")
    fig.suptitle(f"Which label for which referent, per {by}: share of the own-voice mentions "
                 f"(cell and row total: number of mentions; {int(data['mentions'].sum()):,} in all"
                 f"{not_scored_note(choices.attrs.get('not_scored') if not_scored is None else not_scored)})",
                 fontsize=10)
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.45 / fig.get_figheight()))  # room for the title
    return axes[:, 0]


def density_by_group(groups: pd.DataFrame, *, by: str = "outlet", ax=None,
                     min_articles: int | None = None, outlets: pd.DataFrame | None = None,
                     not_scored=None):
    """Loaded hits per 1,000 words per group, own and quoted voice, with 95 % bootstrap intervals.

    With ``min_articles`` and ``outlets`` (:func:`outlet_sizes`), outlets under ``min_articles``
    articles are folded into one row per camp: its density is the pooled rate, the loaded hits
    of its outlets over their words (each outlet's density weighted by its words, which is the
    same ratio the per-outlet rows use), drawn without an interval.

    ``not_scored`` ({language: articles} or the ``not_scored`` table; default
    ``groups.attrs["not_scored"]``) goes into the title: articles left out, no lexicon in their
    language.
    """
    left_out = not_scored_note(groups.attrs.get("not_scored") if not_scored is None else not_scored)
    g = _fold_rates(groups, by=by, sizes=outlets, min_articles=min_articles,
                    rates=("density", "density_own", "density_quoted")).sort_values("density")
    folded = folded_rows(outlets, min_articles=min_articles)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.4 * max(len(g), 3) + 1.5))
    y = np.arange(len(g))
    for offset, col, color, name in ((-0.18, "density_own", "#c0392b", "own voice"),
                                     (0.18, "density_quoted", "#7f8c8d", "quoted")):
        err = [(g[col] - g[f"{col}_low"]).fillna(0), (g[f"{col}_high"] - g[col]).fillna(0)]
        ax.barh(y + offset, g[col], height=0.34, color=color, label=name, xerr=err,
                error_kw={"elinewidth": 0.8, "capsize": 2})
    labels = [k if k in folded else f"{k} (n={n})" for k, n in zip(g[by], g["articles"])]
    ax.set_yticks(y, labels, fontsize=8)
    ax.set_xlabel("loaded terms per 1,000 words (95 % bootstrap interval)")
    note = (f"; outlets under {min_articles} articles pooled per camp, no interval"
            if folded else "")
    ax.set_title(f"Loaded-term density per {by}, own and quoted voice "
                 f"({int(g['articles'].sum()):,} articles{note}{left_out})")
    ax.legend(frameon=False, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def _fold_rates(groups: pd.DataFrame, *, by: str, sizes, min_articles, rates) -> pd.DataFrame:
    """Per-group rates per 1,000 words with small outlets folded: each folded row's rate is
    sum(rate x words) / sum(words), i.e. its pooled hits over its pooled words; its interval
    columns are NaN (the bootstrap needs the articles, not the groups)."""
    folded = folded_rows(sizes, min_articles=min_articles)
    if by != "outlet" or not folded:
        return groups
    named = fold_small_outlets(groups, sizes=sizes, min_articles=min_articles, column=by)
    kept = named[~named[by].isin(folded)]
    small = named[named[by].isin(folded)]
    weighted = small.assign(**{r: small[r] * small["words"] for r in rates})
    pooled = weighted.groupby(by, sort=True)[["articles", "words", *rates]].sum().reset_index()
    for r in rates:
        pooled[r] = pooled[r] / pooled["words"].where(pooled["words"] > 0)
        pooled[f"{r}_low"] = pooled[f"{r}_high"] = np.nan
    return pd.concat([kept, pooled], ignore_index=True)


def net_gross_coverage(groups: pd.DataFrame, *, by: str = "camp", not_scored=None):
    """Three panels per group: net (delegitimising − legitimising per 1,000 words, with interval),
    gross (loaded per 1,000 words, with interval) and coverage (share of words in loaded spans).
    ``not_scored`` as in :func:`density_by_group`."""
    left_out = not_scored_note(groups.attrs.get("not_scored") if not_scored is None else not_scored)
    g = groups.sort_values("density")
    fig, axes = plt.subplots(1, 3, figsize=(12, 0.4 * max(len(g), 3) + 1.8), sharey=True)
    y = np.arange(len(g))
    colors = [CAMP_COLORS.get(k, "#888") for k in g[by]]
    for ax, col, title in ((axes[0], "net", "net per 1,000 words"), (axes[1], "density", "gross per 1,000 words")):
        err = [g[col] - g[f"{col}_low"], g[f"{col}_high"] - g[col]]
        ax.barh(y, g[col], color=colors, xerr=err, error_kw={"elinewidth": 0.8, "capsize": 2})
        ax.axvline(0, color="#333", lw=0.8)
        ax.set_title(title, fontsize=10)
    axes[2].barh(y, g["coverage"] * 100, color=colors)
    axes[2].set_title("coverage: % of words in loaded spans", fontsize=10)
    axes[0].set_yticks(y, [f"{k} (n={n})" for k, n in zip(g[by], g["articles"])], fontsize=8)
    for ax in axes:
        ax.spines[["top", "right"]].set_visible(False)
    fig.suptitle(f"Net, gross and coverage of loaded terms per {by} ({int(g['articles'].sum()):,} articles; "
                 f"intervals: 95 % bootstrap over articles{left_out})", fontsize=11)
    fig.tight_layout()
    return axes


def tone_by_group(tone: pd.DataFrame, *, by: str = "outlet", ax=None,
                  min_articles: int | None = None, outlets: pd.DataFrame | None = None):
    """Mean sentence tone (VADER compound, −1 … +1) per group, one dot per article behind it.

    With ``min_articles`` and ``outlets`` (:func:`outlet_sizes`), outlets under ``min_articles``
    articles are folded into one row per camp: its dots are all their articles and its mean the
    mean over those articles.
    """
    if by == "outlet":
        tone = fold_small_outlets(tone, sizes=outlets, min_articles=min_articles)
    order = tone.groupby(by)["tone"].mean().sort_values().index
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.4 * max(len(order), 3) + 1.5))
    for i, key in enumerate(order):
        values = tone.loc[tone[by] == key, "tone"].dropna()
        ax.scatter(values, np.full(len(values), i) + np.linspace(-0.15, 0.15, len(values)), s=6,
                   color=CAMP_COLORS.get(tone.loc[tone[by] == key, "camp"].iloc[0], "#888"), alpha=0.4)
        ax.plot([values.mean()] * 2, [i - 0.3, i + 0.3], color="black", lw=2)
    ax.set_yticks(range(len(order)), [f"{k} (n={(tone[by] == k).sum()})" for k in order], fontsize=8)
    ax.axvline(0, color="#999", lw=0.8)
    ax.set_xlabel("mean VADER compound of the article's sentences (bar: group mean)")
    ax.set_title(f"Tone per {by} ({tone['tone'].notna().sum():,} articles)")
    ax.spines[["top", "right"]].set_visible(False)
    return ax
