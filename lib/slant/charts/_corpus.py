"""Charts of what a corpus holds (notebook 01): camps, timeline, lengths, the article itself."""

from __future__ import annotations

import html

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import MaxNLocator

from ._common import (
    CAMP_COLORS,
    CARD_STYLE,
    HTMLBlock,
    camp_colors,
    count_phrase,
    rtl_safe,
    text_direction,
)

__all__ = ["article_card", "articles_by_camp", "coverage_timeline", "scored_by_language", "words_per_article"]


@rtl_safe
def articles_by_camp(articles: pd.DataFrame, *, ax=None):
    """Horizontal bars: articles per camp, the outlet's own writing apart from wire copies.

    A wire copy is an article whose ``wire_credit`` names another agency than its outlet.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.45 * max(articles["camp"].nunique(), 3) + 1.2))
    kind = articles["wire_credit"].ne("").map({False: "own writing", True: "wire copy"})
    table = (pd.crosstab(articles["camp"], kind)
             .reindex(columns=["own writing", "wire copy"], fill_value=0))
    table = table.loc[table.sum(axis=1).sort_values().index]
    colors = camp_colors(table.index)
    ax.barh(table.index, table["own writing"], color=colors, label="own writing")
    ax.barh(table.index, table["wire copy"], left=table["own writing"], color=colors, alpha=0.35,
            hatch="//", label="wire copy")
    for y, total in enumerate(table.sum(axis=1)):
        ax.text(total, y, f" {total}", va="center", fontsize=9)
    ax.set_xlabel("articles")
    ax.set_title(f"Articles per camp, own writing and wire copies ({count_phrase(articles)})")
    ax.legend(loc="lower right", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


@rtl_safe
def scored_by_language(summary: pd.DataFrame, *, ax=None):
    """Horizontal bars: articles per language and camp, those the lexicons score (solid blue)
    and those they cannot (grey, hatched), with the reason beside the bar.

    Parameters
    ----------
    summary : DataFrame
        :func:`slant.scoring.language_summary` output: index (``language``, ``camp``), columns
        ``articles``, ``scored``, ``not_scored``, ``reason``. One bar per row, so the chart has
        as many bars as language-camp pairs, however many outlets there are.
    """
    table = summary.reset_index()
    order = table.groupby("language")["articles"].sum().sort_values(ascending=False, kind="stable")
    rank = {lang: i for i, lang in enumerate(order.index)}
    table = table.assign(_rank=table["language"].map(rank)).sort_values(["_rank", "camp"], ascending=[False, False])
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 0.38 * max(len(table), 3) + 1.4))
    y = range(len(table))
    ax.barh(y, table["scored"], color=SCORED_COLOR, label="scored")
    ax.barh(y, table["not_scored"], left=table["scored"], color="#dddddd", hatch="//", edgecolor="#888",
            label="not scored")
    for i, (total, left, reason) in enumerate(zip(table["articles"], table["not_scored"], table["reason"])):
        note = f" {total:,}" + (f" ({left:,} not scored: {reason})" if left else "")
        ax.text(total, i, note, va="center", fontsize=8, color="#333")
    ax.set_yticks(list(y), [f"{lang} · {camp}" for lang, camp in zip(table["language"], table["camp"])], fontsize=8)
    ax.set_xlabel("articles")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, table["articles"].max() * 1.9 if len(table) else 1)  # room for the reasons
    left_out = int(table["not_scored"].sum())
    ax.set_title(f"Articles per language and camp, scored or not by the lexicons "
                 f"({int(table['articles'].sum()):,} articles, {left_out:,} not scored)")
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


_PERIODS = {"MS": "month", "W": "week", "D": "day"}

#: Bars of scored articles (the camp is in the row's name; camp colours are grey for a
#: corpus's own camps, which would hide the scored / not-scored split).
SCORED_COLOR = "#3b6ea5"


@rtl_safe
def coverage_timeline(articles: pd.DataFrame, *, window=None, freq: str = "MS", ax=None):
    """Stacked bars of articles per period and camp, the event window shaded.

    Parameters
    ----------
    articles : DataFrame
        Needs ``date`` and ``camp``; articles without a date are counted in the title only.
    window : (Timestamp, Timestamp), optional
        The corpus's event window, drawn as a shaded band.
    freq : str
        pandas period alias of a bar: ``"MS"`` months, ``"W"`` weeks, ``"D"`` days.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 3.8))
    dated = articles.dropna(subset=["date"])
    undated = len(articles) - len(dated)
    counts = (dated.groupby([pd.Grouper(key="date", freq=freq), "camp"]).size()
              .unstack(fill_value=0))
    order = [c for c in CAMP_COLORS if c in counts.columns]
    counts = counts[order + [c for c in counts.columns if c not in order]]
    width = {"MS": 25, "W": 6, "D": 0.9}.get(freq, 1)
    bottom = pd.Series(0, index=counts.index)
    for camp in counts.columns:
        ax.bar(counts.index, counts[camp], bottom=bottom, width=width, align="edge",
               color=CAMP_COLORS.get(camp, "#cccccc"), label=camp)
        bottom = bottom + counts[camp]
    if window is not None:
        # behind the bars, and up to the end of the window's last day
        ax.axvspan(window[0], window[1] + pd.Timedelta(days=1), color="#f1c40f", alpha=0.25,
                   zorder=0, label="event window")
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    extra = f"; {undated} without a date" if undated else ""
    period = _PERIODS.get(freq, freq)
    ax.set_title(f"Articles per {period} and camp ({len(dated):,} dated articles{extra})")
    ax.set_ylabel("articles")
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.spines[["top", "right"]].set_visible(False)
    return ax


@rtl_safe
def words_per_article(articles: pd.DataFrame, *, ax=None):
    """Box plot of words per article by camp (log scale: lengths span two orders of magnitude)."""
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.45 * max(articles["camp"].nunique(), 3) + 1.2))
    order = articles.groupby("camp")["words"].median().sort_values().index
    data = [articles.loc[articles["camp"] == c, "words"].clip(lower=1) for c in order]
    labels = [f"{c} (n={len(d)})" for c, d in zip(order, data)]
    parts = ax.boxplot(data, orientation="horizontal", tick_labels=labels, patch_artist=True,
                       widths=0.6, flierprops={"markersize": 3})
    for patch, camp in zip(parts["boxes"], order):
        patch.set_facecolor(CAMP_COLORS.get(camp, "#cccccc"))
        patch.set_alpha(0.6)
    ax.set_xscale("log")
    ax.set_xlabel("words per article (title + text, log scale)")
    ax.set_title(f"Article length by camp ({count_phrase(articles)})")
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def article_card(article: pd.Series, *, note: str = "") -> HTMLBlock:
    """The article in full with its metadata, every corpus string escaped.

    Paragraphs are the text's lines; an empty title is shown as "no headline survives".
    """
    esc = html.escape
    date = article["date"].strftime("%Y-%m-%d") if pd.notna(article["date"]) else "date unknown"
    title = (f"<span dir='auto'>{esc(article['title'])}</span>" if article["title"]
             else "<em>(no headline survives)</em>")
    url = esc(article["url"])
    link = f'<a href="{url}">{url}</a>' if url.startswith(("http://", "https://")) else url
    meta = [("outlet", esc(article["outlet_name"]) + f" (<code>{esc(article['outlet'])}</code>)"),
            ("camp", esc(article["camp"])), ("date", date), ("language", esc(article["language"] or "?")),
            ("words", f"{int(article['words']):,}"), ("source", esc(article["source"])),
            ("wire credit", esc(article["wire_credit"]) or "none (own writing)"), ("url", link)]
    rows = "".join(f"<tr><th style='text-align:left;padding-right:1em'>{k}</th><td>{v}</td></tr>"
                   for k, v in meta)
    direction = text_direction(article.get("language", ""))  # "rtl" for Arabic, Persian, ...
    paragraphs = "".join(f"<p dir='{direction}' style='text-align:start'>{esc(p)}</p>" for p in str(article["text"]).splitlines() if p.strip())
    note_html = f"<p><em>{esc(note)}</em></p>" if note else ""
    color = CAMP_COLORS.get(article["camp"], "#cccccc")
    return HTMLBlock(
        f"<div class='slant-article'><h3>{title}</h3><table>{rows}</table>{note_html}"
        f"<div style='{CARD_STYLE.format(color=color)}'>{paragraphs}</div></div>"
    )

