"""Shared pieces of the charts: camp and stance colours, HTML blocks, count phrases."""

from __future__ import annotations

import pandas as pd

__all__ = ["CAMP_COLORS", "CARD_STYLE", "STANCE_COLORS", "HTMLBlock", "camp_colors", "count_phrase",
           "not_scored_note"]

CAMP_COLORS = {
    "pro-government": "#c0392b",
    "Iranian": "#1b7837",
    "Russian": "#7b3294",
    "opposition": "#e69f00",
    "Kurdish/SDF": "#d4a017",
    "Turkish": "#d95f02",
    "Gulf": "#0072b2",
    "Israeli": "#56b4e9",
    "Western": "#2c3e50",
    "other": "#999999",
    "unknown": "#cccccc",
}


#: Highlight colour per stance (background), readable under black text.
STANCE_COLORS = {
    "delegitimising": "#f4a6a6",
    "pejorative": "#f7c59f",
    "legitimising": "#a8d5a2",
    "euphemistic": "#c9b6e4",
    "distancing": "#ffe08a",
    "intensifying": "#f9d0e6",
    "neutral": "#d9e2ec",
}


def camp_colors(camps) -> list[str]:
    """One colour per camp, grey for a camp without one."""
    return [CAMP_COLORS.get(c, "#cccccc") for c in camps]


def count_phrase(articles: pd.DataFrame) -> str:
    """"1,234 articles, 12 outlets": what stands behind a chart."""
    n_out = articles["outlet"].nunique() if "outlet" in articles else 0
    return f"{len(articles):,} articles, {n_out} outlets"


def not_scored_note(not_scored) -> str:
    """"; 12 articles not scored (ar 8, fa 4): no lexicon in their language", or "" when none
    was left out. ``not_scored``: {language: articles} (a score table's ``attrs["not_scored"]``)
    or the ``not_scored`` table (``language``, ``articles``)."""
    if isinstance(not_scored, pd.DataFrame):
        not_scored = (not_scored.groupby("language")["articles"].sum().to_dict()
                      if len(not_scored) else {})
    counts = {str(k) or "unknown": int(v) for k, v in (not_scored or {}).items() if int(v)}
    if not counts:
        return ""
    detail = ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"; {sum(counts.values()):,} articles not scored ({detail}): no lexicon in their language"


class HTMLBlock(str):
    """A string that Jupyter shows as HTML (and prints as its source elsewhere)."""

    def _repr_html_(self) -> str:
        return str(self)


CARD_STYLE = (
    "max-width:46em;font-family:Georgia,serif;font-size:1.05em;line-height:1.55;"
    "border-left:4px solid {color};padding:0.4em 1em;background:#fafafa"
)
