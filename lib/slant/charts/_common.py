"""Shared pieces of the charts: camp and stance colours, HTML blocks, count phrases, and the
one way right-to-left text (Arabic, Persian) is made legible in a matplotlib figure."""

from __future__ import annotations

import functools
import re
import zlib

import pandas as pd

__all__ = ["CAMP_COLORS", "CARD_STYLE", "RTL_FONT", "RTL_LANGUAGES", "STANCE_COLORS", "HTMLBlock", "bidi_text",
           "camp_colors", "count_phrase", "not_scored_note", "rtl_safe", "shape_texts", "text_direction"]

#: Languages written right to left (ISO 639-1) among those slant may read: an article in one
#: of them is laid out ``dir="rtl"`` in HTML; any other gets ``dir="auto"`` (the browser looks
#: at the first strong letter).
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ku", "yi", "sd"})

#: A font with Arabic and Persian glyphs, including the presentation forms the reshaper
#: produces: DejaVu Sans, which matplotlib bundles (mpl-data/fonts), so nothing is downloaded.
RTL_FONT = "DejaVu Sans"

#: Code points of right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, NKo, ..., Arabic
#: Extended, and the Hebrew and Arabic presentation forms (Unicode blocks U+0590-U+08FF,
#: U+FB1D-U+FDFF, U+FE70-U+FEFF).
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


#: Left-to-right mark: a strong left-to-right character that draws nothing.
_LRM = "\u200e"


def _lays_out_text() -> bool:
    """Whether matplotlib shapes text and orders it by the bidirectional algorithm itself:
    from 3.11 it lays every string out with libraqm (HarfBuzz, FriBiDi); before, it drew code
    points one by one, left to right."""
    from matplotlib import ft2font

    return hasattr(ft2font, "__libraqm_version__")


def bidi_text(text, *, native: bool | None = None):
    """``text`` as matplotlib must be given it to show right-to-left words legibly, in a
    left-to-right line as in the rest of the (English) chart: "النظام (the regime)" keeps the
    Arabic word first and its gloss after it, each word read right to left.

    With a matplotlib that lays text out itself (``native``; default: detected, 3.11 and later)
    only a left-to-right mark is put in front, so the line's base direction is left to right
    (libraqm would otherwise take it from the first letter, and put the gloss first). With an
    older one, which draws code points one by one, the letters are turned into their joined
    presentation forms (``arabic_reshaper``) and the line put in visual order by the Unicode
    bidirectional algorithm (``python-bidi``), base direction left to right.

    Text without a right-to-left letter is returned as it is; anything but a string too. Not
    idempotent (visual order reversed twice is logical order again): :func:`shape_texts`
    applies it once per text.
    """
    if not isinstance(text, str) or not _RTL.search(text):
        return text
    if _lays_out_text() if native is None else native:
        return text if text.startswith(_LRM) else _LRM + text
    import arabic_reshaper
    from bidi.algorithm import get_display

    return get_display(arabic_reshaper.reshape(text), base_dir="L")


def text_direction(language) -> str:
    """The HTML ``dir`` of a text in ``language``: "rtl" for a right-to-left language, else
    "auto"."""
    return "rtl" if str(language or "").lower() in RTL_LANGUAGES else "auto"


def shape_texts(drawn):
    """Make every right-to-left text in the figure of ``drawn`` legible, once: titles, axis
    labels, annotations, legends and tick labels (:func:`bidi_text`), drawn in ``RTL_FONT``.

    ``drawn`` is what a chart returns (an Axes, an array of them, a Figure); anything else
    (an HTML block) is returned untouched. Texts already shaped are recognised and left alone,
    so calling it twice on one figure changes nothing. Returns ``drawn``.
    """
    from matplotlib.category import StrCategoryFormatter
    from matplotlib.figure import Figure
    from matplotlib.text import Text
    from matplotlib.ticker import FixedFormatter, FuncFormatter

    first = drawn
    if hasattr(drawn, "ravel"):  # an array of Axes
        first = next(iter(drawn.ravel()), None)
    fig = first if isinstance(first, Figure) else getattr(first, "figure", None)
    if fig is None:
        return drawn
    for text in fig.findobj(Text):
        current = text.get_text()
        if getattr(text, "_slant_shaped", None) == current or not _RTL.search(current):
            continue
        shaped = bidi_text(current)
        text.set_text(shaped)
        text.set_fontfamily([RTL_FONT])
        text._slant_shaped = shaped
    # tick labels are redrawn from the axis's formatter, so the formatter's strings are shaped
    for ax in fig.axes:
        for axis, which in ((ax.xaxis, "x"), (ax.yaxis, "y")):
            fmt = axis.get_major_formatter()
            if getattr(fmt, "_slant_shaped", False):
                continue
            if isinstance(fmt, FixedFormatter):
                found = any(_RTL.search(str(v)) for v in fmt.seq)
                fmt.seq = [bidi_text(v) for v in fmt.seq]
            elif isinstance(fmt, FuncFormatter):  # set_ticks(..., labels) in matplotlib 3.11
                found = any(_RTL.search(str(t.get_text())) for t in axis.get_ticklabels())
                fmt.func = _shaped_func(fmt.func)
            elif isinstance(fmt, StrCategoryFormatter):
                found = any(_RTL.search(str(k)) for k in fmt._units)
                fmt._units = {bidi_text(k): v for k, v in fmt._units.items()}  # a copy: the axis keeps its own
            else:
                continue
            fmt._slant_shaped = True
            if found:
                ax.tick_params(axis=which, labelfontfamily=RTL_FONT)
    return drawn


def _shaped_func(func):
    """A tick formatter's function whose labels go through :func:`bidi_text` (the original
    still makes each label from the data, so a label is never shaped twice)."""
    @functools.wraps(func)
    def shaped(*args, **kwargs):
        return bidi_text(func(*args, **kwargs))

    return shaped


def rtl_safe(chart):
    """Decorator of a chart function: :func:`shape_texts` on what it returns, so a label from
    the corpus in Arabic or Persian is drawn joined and right to left. Marks the function
    (``rtl_safe = True``) so a test can check that every chart has it."""
    @functools.wraps(chart)
    def drawn(*args, **kwargs):
        return shape_texts(chart(*args, **kwargs))

    drawn.rtl_safe = True
    return drawn

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


#: Colours for a corpus's own camps (corpus.yml ``camps:``, outlets.csv): a colour-blind-safe
#: qualitative set (Paul Tol's "muted" scheme) apart from the named camps' colours.
OWN_CAMP_PALETTE = ("#332288", "#88ccee", "#44aa99", "#117733", "#999933", "#ddcc77", "#cc6677",
                    "#882255", "#aa4499", "#6699cc")


def camp_colors(camps) -> list[str]:
    """One colour per camp: the named camps' own (``CAMP_COLORS``), grey for ``other`` and
    ``unknown``, and for any other camp a colour of ``OWN_CAMP_PALETTE`` picked by a hash of its
    name (the same camp keeps its colour from chart to chart), the next free one when two camps
    of one chart would share it. Past ten such camps colours repeat."""
    camps = list(camps)
    out = {c: CAMP_COLORS[c] for c in camps if c in CAMP_COLORS}
    used: set[int] = set()
    for camp in sorted({str(c) for c in camps if c not in CAMP_COLORS}):
        k = zlib.crc32(camp.encode("utf-8")) % len(OWN_CAMP_PALETTE)
        for step in range(len(OWN_CAMP_PALETTE)):
            if (k + step) % len(OWN_CAMP_PALETTE) not in used:
                k = (k + step) % len(OWN_CAMP_PALETTE)
                break
        used.add(k)
        out[camp] = OWN_CAMP_PALETTE[k]
    return [out[c] if c in out else out[str(c)] for c in camps]


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
