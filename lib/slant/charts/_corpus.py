"""Charts of what a corpus holds (notebook 01): camps, timeline, lengths, the article itself."""

from __future__ import annotations

import html

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from ._common import CAMP_COLORS, CARD_STYLE, HTMLBlock, camp_colors, count_phrase

__all__ = ["article_card", "articles_by_camp", "coverage_timeline", "words_per_article"]


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


_PERIODS = {"MS": "month", "W": "week", "D": "day"}


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
    title = esc(article["title"]) if article["title"] else "<em>(no headline survives)</em>"
    url = esc(article["url"])
    link = f'<a href="{url}">{url}</a>' if url.startswith(("http://", "https://")) else url
    meta = [("outlet", esc(article["outlet_name"]) + f" (<code>{esc(article['outlet'])}</code>)"),
            ("camp", esc(article["camp"])), ("date", date), ("language", esc(article["language"] or "?")),
            ("words", f"{int(article['words']):,}"), ("source", esc(article["source"])),
            ("wire credit", esc(article["wire_credit"]) or "none (own writing)"), ("url", link)]
    rows = "".join(f"<tr><th style='text-align:left;padding-right:1em'>{k}</th><td>{v}</td></tr>"
                   for k, v in meta)
    paragraphs = "".join(f"<p>{esc(p)}</p>" for p in str(article["text"]).splitlines() if p.strip())
    note_html = f"<p><em>{esc(note)}</em></p>" if note else ""
    color = CAMP_COLORS.get(article["camp"], "#cccccc")
    return HTMLBlock(
        f"<div class='slant-article'><h3>{title}</h3><table>{rows}</table>{note_html}"
        f"<div style='{CARD_STYLE.format(color=color)}'>{paragraphs}</div></div>"
    )

