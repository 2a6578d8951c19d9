"""Charts and tables for a corpus of many outlets: small outlets folded per camp, whole tables.

Input: any per-outlet table a chart draws, and the outlets' sizes (``outlet_sizes``: outlet,
camp, articles). Output: the same table with each outlet under ``min_articles`` articles
renamed "other <camp> outlets (N articles, M outlets)", so the chart's own aggregation pools
them into one row per camp; and ``full_table``, an escaped HTML table of every row, with an
inline filter box and click-to-sort (no file from another host).
"""

from __future__ import annotations

import hashlib
import html
import numbers

import pandas as pd

from ._common import HTMLBlock

__all__ = ["FOLD_PREFIX", "fold_names", "fold_small_outlets", "folded_rows", "full_table", "outlet_sizes"]

#: Every folded row's name starts with this, so charts (and readers) can tell them apart.
FOLD_PREFIX = "other "

#: Default height of a whole table's scrolling box, in CSS pixels (about 20 rows).
MAX_HEIGHT = 480

#: Decimals shown for floats in a whole table (display only: the CSV keeps every digit).
DECIMALS = 3


def outlet_sizes(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet: ``outlet``, ``camp``, ``articles`` (distinct ids), sorted by outlet.

    ``articles`` is the table a chart's numbers come from (e.g. the scored articles, wire
    copies left out), so the counts in folded rows match what the chart pooled.
    """
    table = (articles.groupby("outlet", sort=True)
             .agg(camp=("camp", "first"), articles=("id", "nunique")).reset_index())
    table["camp"] = table["camp"].fillna("").astype(str).replace("", "unknown")
    return table


def fold_names(sizes: pd.DataFrame, *, min_articles: int) -> dict[str, str]:
    """Outlet -> the row it is drawn in: itself when it has ``min_articles`` articles or more,
    else "other <camp> outlets (N articles, M outlets)" with the camp's small outlets' totals.

    Parameters
    ----------
    sizes : DataFrame
        :func:`outlet_sizes` output (``outlet``, ``camp``, ``articles``).
    min_articles : int
        Outlets with fewer articles are folded.
    """
    small = sizes[sizes["articles"] < min_articles]
    totals = small.groupby("camp")["articles"].agg(["sum", "size"])
    names = {o: o for o in sizes["outlet"]}
    for outlet, camp in zip(small["outlet"], small["camp"]):
        n, m = totals.loc[camp]
        names[outlet] = (f"{FOLD_PREFIX}{camp} outlets ({int(n)} article{'s' * (n != 1)}, "
                         f"{int(m)} outlet{'s' * (m != 1)})")
    return names


def fold_small_outlets(table: pd.DataFrame, *, sizes: pd.DataFrame | None, min_articles: int | None,
                       column: str = "outlet") -> pd.DataFrame:
    """``table`` with ``column`` renamed by :func:`fold_names`: the caller then aggregates by it,
    pooling each camp's small outlets from their counts (never a mean of their means).

    Without ``sizes`` or ``min_articles`` (or with ``min_articles`` <= 1) the table is returned
    unchanged; values of ``column`` that ``sizes`` does not list are kept as they are.
    """
    if sizes is None or not min_articles or min_articles <= 1:
        return table
    names = fold_names(sizes, min_articles=min_articles)
    return table.assign(**{column: table[column].map(lambda v: names.get(v, v))})


def folded_rows(sizes: pd.DataFrame | None, *, min_articles: int | None) -> set[str]:
    """The names of the folded rows (empty when nothing is folded)."""
    if sizes is None or not min_articles or min_articles <= 1:
        return set()
    return {v for k, v in fold_names(sizes, min_articles=min_articles).items() if k != v}


def _cell(value) -> tuple[str, str]:
    """(shown text, sort key) of one cell; floats rounded for display only."""
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return "", ""
    if isinstance(value, bool):
        return str(value), str(value)
    if isinstance(value, numbers.Integral):
        return f"{int(value):,}", str(int(value))
    if isinstance(value, numbers.Real):
        return f"{float(value):,.{DECIMALS}f}", repr(float(value))
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d"), value.isoformat()
    return str(value), str(value)


_SCRIPT = """<script>
(function () {
  var box = document.getElementById("%(id)s");
  if (!box || box.dataset.ready) { return; }
  box.dataset.ready = "1";
  var body = box.querySelector("tbody"), rows = Array.prototype.slice.call(body.rows);
  var input = box.querySelector("input"), count = box.querySelector(".slant-count");
  input.addEventListener("input", function () {
    var q = input.value.toLowerCase(), shown = 0;
    rows.forEach(function (r) {
      var hit = r.textContent.toLowerCase().indexOf(q) >= 0;
      r.style.display = hit ? "" : "none"; shown += hit ? 1 : 0;
    });
    count.textContent = shown + " of " + rows.length + " rows";
  });
  box.querySelectorAll("th").forEach(function (th, col) {
    th.style.cursor = "pointer"; th.title = "click to sort";
    th.addEventListener("click", function () {
      var up = th.dataset.dir !== "up"; th.dataset.dir = up ? "up" : "down";
      rows.sort(function (a, b) {
        var x = a.cells[col].dataset.k, y = b.cells[col].dataset.k;
        var nx = parseFloat(x), ny = parseFloat(y), c;
        if (x !== "" && y !== "" && !isNaN(nx) && !isNaN(ny) && isFinite(x) && isFinite(y)) { c = nx - ny; }
        else { c = x.localeCompare(y); }
        return up ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
})();
</script>"""


def full_table(table: pd.DataFrame, *, caption: str = "", max_height: int = MAX_HEIGHT) -> HTMLBlock:
    """Every row of ``table`` as an escaped HTML table in a scrolling box, with a filter box
    (matches any cell, case-insensitive) and click-to-sort headers, by an inline script.

    Never cut: pandas' display limits do not apply. A meaningful index (anything but a plain
    0..n-1 range) becomes the first columns; column levels are joined with " · ".

    Parameters
    ----------
    table : DataFrame
        The table, shown whole.
    caption : str
        What the table is (escaped); the row count is added.
    max_height : int
        Height of the scrolling box in CSS pixels.
    """
    data = table
    if not (isinstance(data.index, pd.RangeIndex) and data.index.start == 0 and data.index.step == 1):
        data = data.reset_index()
    columns = [" · ".join(str(p) for p in c if str(p)) if isinstance(c, tuple) else str(c)
               for c in data.columns]
    esc = html.escape
    head = "".join(f"<th style='position:sticky;top:0;background:#f4f4f4'>{esc(c)}</th>" for c in columns)
    body = []
    for row in data.itertuples(index=False, name=None):
        cells = []
        for value in row:
            shown, key = _cell(value)
            align = ";text-align:right" if isinstance(value, numbers.Real) and not isinstance(value, bool) else ""
            cells.append(f"<td data-k='{esc(key, quote=True)}' style='vertical-align:top{align}'>{esc(shown)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    digest = hashlib.sha1((caption + "|".join(columns) + "".join(body)).encode("utf-8")).hexdigest()[:12]
    box_id = f"slant-table-{digest}"
    n = len(data)
    title = f"{esc(caption)} ({n:,} row{'s' * (n != 1)})" if caption else f"{n:,} row{'s' * (n != 1)}"
    return HTMLBlock(
        f"<div class='slant-table' id='{box_id}'>"
        f"<p style='margin:0.3em 0'><strong>{title}</strong> · filter: "
        f"<input type='search' placeholder='any cell contains…' aria-label='filter rows'> "
        f"<span class='slant-count' style='color:#666'>{n:,} of {n:,} rows</span></p>"
        f"<div style='max-height:{int(max_height)}px;overflow:auto;border:1px solid #ddd'>"
        f"<table style='border-collapse:collapse;font-size:0.85em'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>"
        + _SCRIPT % {"id": box_id} + "</div>"
    )
