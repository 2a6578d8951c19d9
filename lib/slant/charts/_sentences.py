"""Charts of the sentence classifier (notebook 03): CV scores, loaded shares, marked sentences."""

from __future__ import annotations

import html

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ._common import CAMP_COLORS, CARD_STYLE, HTMLBlock, camp_colors, rtl_safe, text_direction
from ._many import fold_small_outlets, folded_rows

__all__ = ["loaded_share_by_group", "marked_sentences", "sentence_model_scores"]


@rtl_safe
def sentence_model_scores(results: pd.DataFrame, *, ax=None):
    """Macro-F1 per model with its 95 % bootstrap interval (``RESULT_COLUMNS`` table)."""
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.45 * max(len(results), 3) + 1.2))
    y = np.arange(len(results))
    err = [results["macro_f1"] - results["macro_f1_low"], results["macro_f1_high"] - results["macro_f1"]]
    ax.barh(y, results["macro_f1"], xerr=err, color="#5b7a99", error_kw={"elinewidth": 0.8, "capsize": 3})
    for yi, value in zip(y, results["macro_f1"]):
        ax.text(value + 0.01, yi + 0.3, f"{value:.3f}", fontsize=8)
    ax.set_yticks(y, results["model"], fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("macro-F1, out-of-fold (95 % bootstrap interval over sentences)")
    n = int(results["sentences"].iloc[0]) if len(results) else 0
    arts = int(results["articles"].iloc[0]) if len(results) else 0
    folds = int(results["folds"].iloc[0]) if len(results) else 0
    ax.set_title(f"Sentence classifiers, macro-F1 under {folds}-fold CV grouped by article "
                 f"({n:,} sentences, {arts:,} articles)", fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


@rtl_safe
def loaded_share_by_group(shares: pd.DataFrame, *, by: str = "outlet", ax=None,
                          min_articles: int | None = None, outlets: pd.DataFrame | None = None):
    """Share of sentences predicted loaded per group, with its interval and n (``SHARE_COLUMNS``).

    With ``min_articles`` and ``outlets`` (:func:`outlet_sizes`), outlets under ``min_articles``
    articles are folded into one row per camp: its share is its outlets' loaded sentences over
    their sentences (pooled), drawn without an interval.
    """
    folded = folded_rows(outlets, min_articles=min_articles) if by == "outlet" else set()
    if folded:
        named = fold_small_outlets(shares, sizes=outlets, min_articles=min_articles, column="group")
        small = named[named["group"].isin(folded)]
        pooled = small.groupby("group", sort=True)[["articles", "sentences", "loaded"]].sum().reset_index()
        pooled["share"] = pooled["loaded"] / pooled["sentences"].where(pooled["sentences"] > 0)
        pooled["share_low"] = pooled["share_high"] = np.nan
        shares = pd.concat([named[~named["group"].isin(folded)], pooled], ignore_index=True)
    g = shares.sort_values(["share", "group"], ascending=[True, False])
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.4 * max(len(g), 3) + 1.5))
    y = np.arange(len(g))
    err = [(g["share"] - g["share_low"]).fillna(0), (g["share_high"] - g["share"]).fillna(0)]
    colors = camp_colors(g["group"]) if by == "camp" else "#c0392b"
    ax.barh(y, g["share"], xerr=err, color=colors, error_kw={"elinewidth": 0.8, "capsize": 2})
    labels = [f"{k} ({s:,} sentences, {a} articles)" for k, s, a in zip(g["group"], g["sentences"], g["articles"])]
    ax.set_yticks(y, labels, fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of sentences predicted loaded (95 % bootstrap interval over articles)")
    note = f"; outlets under {min_articles} articles pooled per camp, no interval" if folded else ""
    ax.set_title(f"Sentences predicted loaded per {by} ({int(g['sentences'].sum()):,} sentences, "
                 f"{int(g['articles'].sum()):,} articles{note})", fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def _shade(probability: float) -> str:
    """Background for a sentence: white at 0, the delegitimising red at 1 (alpha by probability)."""
    return f"rgba(214,69,65,{0.55 * float(probability):.2f})"


def marked_sentences(article: pd.Series, predictions: pd.DataFrame) -> HTMLBlock:
    """The article's text with each sentence shaded by its predicted probability of being loaded
    (tooltip: the probability); sentences at or above 0.5 are underlined. All text is escaped."""
    esc = html.escape
    text = str(article["text"])
    # a sentence the model did not score (another language) is left unshaded, never shown as 0
    own = predictions[(predictions["id"] == article["id"]) & predictions["probability"].notna()].sort_values("start")
    pieces, pos = [], 0
    for s in own.itertuples(index=False):
        pieces.append(esc(text[pos:s.start]))
        style = f"background:{_shade(s.probability)};padding:0 1px;border-radius:3px"
        if s.label:
            style += ";border-bottom:2px solid #922b21"
        pieces.append(f"<span title='{esc(f'loaded: {s.probability:.2f}', quote=True)}' style='{style}'>"
                      f"{esc(text[s.start:s.end])}</span>")
        pos = s.end
    pieces.append(esc(text[pos:]))
    direction = text_direction(article.get("language", ""))
    body = "".join(pieces).replace("\n", f"</p><p dir='{direction}' style='text-align:start'>")
    counts = (f"{len(own)} sentences, {int(own['label'].sum())} predicted loaded (underlined); the "
              "darker the shade, the higher the probability. Hover a sentence for its probability.")
    return HTMLBlock(
        f"<div class='slant-sentences'><p style='font-size:0.9em'>{esc(counts)}</p>"
        f"<div style='{CARD_STYLE.format(color=CAMP_COLORS.get(article['camp'], '#ccc'))}'><p dir='{direction}' style='text-align:start'>{body}</p></div></div>"
    )
