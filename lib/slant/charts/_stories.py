"""Charts of framing beyond single words (notebook 04): the rewrite diff side by side, the
outlet map."""

from __future__ import annotations

import html

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ._common import CAMP_COLORS, HTMLBlock, rtl_safe
from ._contrast import _place_labels

__all__ = ["EDIT_COLORS", "outlet_map", "rewrite_side_by_side"]

#: Background per kind of word edit (source side struck through, target side marked).
EDIT_COLORS = {
    "same_referent": "#c9b6e4",  # another label for the same referent: the framing choice
    "substituted": "#ffe08a",
    "inserted": "#a8d5a2",
    "deleted": "#f4a6a6",
}
_STATUS_COLORS = {"kept": "#f4f4f4", "rewritten": "#fff8e1", "added": "#e8f5e9", "dropped": "#fdecea"}


def _marked(text: str, spans: list[tuple[int, int, str, str]], start: int, end: int) -> str:
    """``text[start:end]`` escaped, with each (start, end, colour, tooltip) span marked."""
    esc = html.escape
    pieces, pos = [], start
    for a, b, color, tip in sorted(spans):
        if a < pos or a == b:
            continue
        pieces.append(esc(text[pos:a]))
        pieces.append(f"<mark title='{esc(tip, quote=True)}' style='background:{color};padding:0 2px;"
                      f"border-radius:3px'>{esc(text[a:b])}</mark>")
        pos = b
    pieces.append(esc(text[pos:end]))
    return "".join(pieces)


def rewrite_side_by_side(diff) -> HTMLBlock:
    """The source (left) and the target (right), one row per aligned sentence, word edits
    coloured: substitutions yellow, or purple where both sides name one lexicon referent;
    deleted words red (source side), inserted green (target side). All text is escaped.

    ``diff`` is a :class:`slant.framing.RewriteDiff`; an empty one shows its message.
    """
    esc = html.escape
    if diff.empty:
        return HTMLBlock(f"<p><em>{esc(diff.message or 'No rewrite diff.')}</em></p>")
    rows = []
    edits = diff.edits
    for row in diff.alignment.itertuples(index=False):
        own = edits[edits["pair"] == row.pair]
        left_spans, right_spans = [], []
        for e in own.itertuples(index=False):
            kind = "same_referent" if e.same_referent else e.op
            tip = f"{e.op}: '{e.source_words}' → '{e.target_words}'" + (f" (referent: {e.referent})" if e.same_referent else "")
            if e.op != "inserted":
                left_spans.append((e.source_start, e.source_end, EDIT_COLORS[kind], tip))
            if e.op != "deleted":
                right_spans.append((e.target_start, e.target_end, EDIT_COLORS[kind], tip))
        left = right = ""
        if row.source_sentence >= 0:
            left = _marked(diff.source_text, left_spans, row.source_start, row.source_end)
        if row.target_sentence >= 0:
            right = _marked(diff.target_text, right_spans, row.target_start, row.target_end)
        shade = _STATUS_COLORS[row.status]
        rows.append(f"<tr style='background:{shade};vertical-align:top'><td style='padding:3px 6px;"
                    f"font-size:0.8em;color:#555'>{esc(row.status)}</td><td dir='auto' style='padding:3px 6px'>{left}</td>"
                    f"<td dir='auto' style='padding:3px 6px'>{right}</td></tr>")
    counts = diff.summary
    head = (f"{esc(diff.source_id)} (source) → {esc(diff.target_id)} (target): "
            + ", ".join(f"{counts.get(k, 0)} {k}" for k in ("kept", "rewritten", "added", "dropped"))
            + " sentences; " + ", ".join(f"{counts.get(k, 0)} {k}" for k in ("substituted", "inserted", "deleted"))
            + f" word spans, {counts.get('same_referent', 0)} relabelling the same referent")
    legend = " ".join(f"<span style='background:{c};padding:0 4px;border-radius:3px'>{esc(k.replace('_', ' '))}</span>"
                      for k, c in EDIT_COLORS.items())
    return HTMLBlock(
        f"<div class='slant-rewrite'><p style='font-size:0.9em'>{head}. Hover a marked span for the edit. "
        f"{legend}</p><table style='border-collapse:collapse;font-family:Georgia,serif;max-width:72em'>"
        f"<tr><th></th><th>source</th><th>target</th></tr>{''.join(rows)}</table></div>")



@rtl_safe
def outlet_map(result, *, terms: int = 4, ax=None):
    """The outlet map: each outlet at its correspondence-analysis coordinates, coloured by
    camp, sized by its number of articles, labelled without overlaps; each axis is named by
    the terms that contribute most to each of its ends.

    ``result`` is a :class:`slant.framing.OutletMap`.
    """
    table = result.outlets
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 7))
    colors = [CAMP_COLORS.get(c, "#cccccc") for c in table["camp"]]
    size = 20 + 280 * np.sqrt(table["articles"] / max(table["articles"].max(), 1))
    ax.scatter(table["axis_1"], table["axis_2"], s=size, c=colors, alpha=0.8, edgecolors="white")
    ax.axhline(0, color="#ccc", lw=0.6)
    ax.axvline(0, color="#ccc", lw=0.6)
    words = result.terms

    def ends(axis):
        pick = words[(words["axis"] == axis) & (words["rank"] <= terms)]
        return [", ".join(pick.loc[pick["side"] == side, "term"]) for side in ("-", "+")]

    for axis, setter in ((1, ax.set_xlabel), (2, ax.set_ylabel)):
        low, high = ends(axis)
        setter(f"axis {axis} ({result.inertia[axis - 1]:.0%} of inertia)\n− {low}   |   + {high}", fontsize=8)
    for camp in pd.unique(table["camp"]):
        ax.scatter([], [], color=CAMP_COLORS.get(camp, "#cccccc"), label=camp)
    ax.legend(fontsize=8, frameon=False, loc="best")
    ax.margins(0.15)
    ax.figure.canvas.draw()
    order = table.sort_values("articles", ascending=False)
    dropped = _place_labels(ax, list(zip(order["axis_1"], order["axis_2"])), order["outlet"].tolist(),
                            ["#333"] * len(order))
    note = f", {dropped} labels left out for space" if dropped else ""
    ax.set_title(f"Outlets by their term profiles: correspondence analysis of {len(table)} outlets × "
                 f"{result.terms_used:,} terms,\n{result.n_articles:,} articles (size = articles{note})",
                 fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    return ax
