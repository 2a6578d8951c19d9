"""Charts of loaded terms (notebook 02): highlighted article, label choices, densities, tone."""

from __future__ import annotations

import html

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ._common import (
    CAMP_COLORS,
    CARD_STYLE,
    STANCE_COLORS,
    HTMLBlock,
    not_scored_note,
    rtl_safe,
    text_direction,
)
from ._many import fold_small_outlets, folded_rows

__all__ = ["density_by_group", "highlighted_article", "label_heatmap", "net_gross_coverage",
           "tone_by_group"]


def highlighted_article(article: pd.Series, hits: pd.DataFrame) -> HTMLBlock:
    """The article's text with every hit marked: colour by stance, a tooltip with referent,
    label (with its English gloss when it has another language), stance and voice; quoted hits
    underlined dotted. All text is escaped.

    Each paragraph (a line of the text) gets ``dir="rtl"`` when the article's ``language`` is
    written right to left (Arabic, Persian, ...), else ``dir="auto"``, so the browser lays out
    right-to-left text itself; the marks are cut at the hits' offsets in the original text."""
    esc = html.escape
    text = str(article["text"])
    own = hits[hits["id"] == article["id"]].sort_values("start")
    pieces, pos = [], 0
    for h in own.itertuples(index=False):
        if h.start < pos:
            continue
        pieces.append(esc(text[pos:h.start]))
        label = h.label if getattr(h, "gloss", h.label) in ("", h.label) else f"{h.label} ({h.gloss})"
        tip = (f"{label} · {h.referent or h.category} · {h.stance} · {h.voice}"
               + (f" ({h.speaker})" if h.speaker else ""))
        style = f"background:{STANCE_COLORS.get(h.stance, '#eee')};padding:0 2px;border-radius:3px"
        if h.voice == "quoted":
            style += ";border-bottom:2px dotted #333"
        pieces.append(f"<mark title='{esc(tip, quote=True)}' style='{style}'>{esc(text[h.start:h.end])}</mark>")
        pos = h.end
    pieces.append(esc(text[pos:]))
    direction = text_direction(article.get("language", ""))
    body = "".join(pieces).replace("\n", f"</p><p dir='{direction}' style='text-align:start'>")
    legend = " ".join(f"<span style='background:{c};padding:0 4px;border-radius:3px'>{s}</span>"
                      for s, c in STANCE_COLORS.items() if s in set(own["stance"]))
    counts = (f"{len(own)} hits, {int(own['loaded'].sum())} loaded, "
              f"{int((own['voice'] == 'quoted').sum())} in quoted voice (dotted underline)")
    return HTMLBlock(
        f"<div class='slant-highlight'><p style='font-size:0.9em'>{esc(counts)}. Hover a term for its "
        f"referent, label, stance and voice. {legend}</p>"
        f"<div style='{CARD_STYLE.format(color=CAMP_COLORS.get(article['camp'], '#ccc'))}'><p dir='{direction}' style='text-align:start'>{body}</p></div></div>"
    )


#: Height of a heatmap row, and of a panel's margins (language names below, gaps), in inches;
#: a column label at font size 8 takes about ``_CHAR_IN`` inches per character, drawn at 45
#: degrees (so x 0.71 upwards); labels longer than ``_MAX_CHARS`` are cut with "…" (display
#: only: the table keeps them whole).
_ROW_IN, _PANEL_IN, _CHAR_IN, _MAX_CHARS = 0.32, 0.7, 0.065, 44


def _cut(text: str, limit: int = _MAX_CHARS) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _label_columns(sub: pd.DataFrame, *, top_labels: int, languages: list[str]) -> list[tuple[str, str]]:
    """(language, shown label) of one referent's columns: per language (in ``languages``'
    order) its ``top_labels`` most mentioned labels, then "other <language> labels" when it has
    more."""
    columns = []
    for language in languages:
        mine = sub[sub["language"] == language]
        if mine.empty:
            continue
        order = mine.groupby("display")["mentions"].sum().sort_values(ascending=False, kind="stable").index
        columns += [(language, d) for d in order[:top_labels]]
        if len(order) > top_labels:
            columns.append((language, f"other {language} labels"))
    return columns


def _group_languages(data: pd.DataFrame) -> pd.Series:
    """Each group's languages, most mentioned first ("ar", "en+fr"): what its rows are labelled
    with when the labels are of several languages."""
    per = data.groupby(["group", "language"])["mentions"].sum().reset_index()
    per = per.sort_values(["group", "mentions", "language"], ascending=[True, False, True])
    return per.groupby("group")["language"].agg("+".join)


@rtl_safe
def label_heatmap(choices: pd.DataFrame, *, by: str = "camp", referents=None, top_labels: int = 6,
                  groups=None, max_referents: int = 6, min_articles: int | None = None,
                  outlets: pd.DataFrame | None = None, not_scored=None, language_names=None):
    """One heatmap per referent: share of each label (columns) among the own-voice mentions of
    the referent in each group (rows); each cell shows the number of mentions behind it.

    A referent's labels are compared whatever their language: the columns are grouped by
    language (the most mentioned language first, a line between languages, its name under
    the block), a label of another language than English shown with the start of its English
    gloss ("النظام (the regime)", the ``display`` column), and the rows ordered by the language
    their labels are in, each row saying it when there are several.

    Parameters
    ----------
    choices : DataFrame
        :func:`slant.scoring.label_choices` output; ``by`` picks its level (outlet or camp). A
        table without ``language`` and ``display`` is read as English labels.
    referents : list of str, optional
        Referents to draw (default: the most mentioned), at most ``max_referents``.
    top_labels : int
        Labels per referent and language, the most used first; the rest are summed into
        "other <language> labels".
    groups : list of str, optional
        Rows to keep (e.g. outlets with enough articles).
    min_articles, outlets : int, DataFrame, optional
        With ``by="outlet"``: outlets under ``min_articles`` articles (``outlets`` is
        :func:`outlet_sizes`) are folded into one row per camp, "other <camp> outlets (N
        articles, M outlets)", whose cells pool the mentions of its outlets.
    language_names : dict, optional
        Code -> name shown under each language's block ("ar" -> "Arabic"); default
        ``choices.attrs["language_names"]`` (set by :func:`slant.scoring.label_choices`), else the code.

    Returns
    -------
    ndarray of Axes
    """
    data = choices[choices["level"] == by]
    if "language" not in data:
        data = data.assign(language="en")
    if "display" not in data:
        data = data.assign(display=data["label"])
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
    languages = list(data.groupby("language")["mentions"].sum().sort_values(ascending=False, kind="stable").index)
    several = len(languages) > 1
    names = language_names if language_names is not None else choices.attrs.get("language_names", {})
    row_languages = _group_languages(data)
    # rows of one language together (in the columns' order of languages), then by name
    rank = {lang: i for i, lang in enumerate(languages)}
    rows = sorted(data["group"].unique(), key=lambda g: (rank.get(row_languages[g].split("+")[0], 0), g))
    panels = [(referent, _label_columns(data[data["referent"] == referent], top_labels=top_labels,
                                        languages=languages)) for referent in chosen]
    longest = max(len(shown) for _, columns in panels for _, shown in columns)
    widest = max(len(columns) for _, columns in panels)
    heights = [_ROW_IN * len(rows) + _PANEL_IN + _CHAR_IN * min(longest, _MAX_CHARS) * 0.71 for _ in panels]
    fig, axes = plt.subplots(len(chosen), 1, figsize=(max(11, 0.35 * widest + 4), sum(heights)),
                             squeeze=False, gridspec_kw={"height_ratios": heights})
    for ax, (referent, columns) in zip(axes[:, 0], panels):
        sub = data[data["referent"] == referent]
        kept = set(columns)
        column = [(lang, d if (lang, d) in kept else f"other {lang} labels")
                  for lang, d in zip(sub["language"], sub["display"])]
        sub = sub.assign(column=pd.MultiIndex.from_tuples(column) if column else [])
        count = (sub.groupby(["group", "column"])["mentions"].sum().unstack("column", fill_value=0)
                 .reindex(index=rows, columns=pd.MultiIndex.from_tuples(columns), fill_value=0))
        totals_row = count.sum(axis=1)
        share = count.div(totals_row.where(totals_row > 0), axis=0).fillna(0)
        ax.imshow(share.to_numpy(), cmap="Blues", vmin=0, vmax=1, aspect="auto")
        ax.set_xticks(range(len(columns)), [_cut(d) for _, d in columns], fontsize=8, rotation=45,
                      ha="left", rotation_mode="anchor")
        ax.xaxis.tick_top()
        ax.set_yticks(range(len(rows)), [f"{g}{f' · {row_languages[g]}' if several else ''} ({int(n)})"
                                         for g, n in zip(rows, totals_row)], fontsize=8)
        for (i, j), n in np.ndenumerate(count.to_numpy()):
            if n:
                ax.text(j, i, f"{int(n)}", ha="center", va="center", fontsize=7,
                        color="white" if share.iat[i, j] > 0.6 else "black")
        if several:  # a line between languages, and the language's name under its block
            block_languages = [lang for lang, _ in columns]
            for j in range(1, len(columns)):
                if block_languages[j] != block_languages[j - 1]:
                    ax.axvline(j - 0.5, color="#333", lw=1.2)
            for lang in dict.fromkeys(block_languages):
                where = [j for j, x in enumerate(block_languages) if x == lang]
                name = names.get(lang, lang)
                ax.annotate(f"{name} ({lang})" if name != lang else lang, ((where[0] + where[-1]) / 2, 0),
                            xycoords=ax.get_xaxis_transform(), xytext=(0, -3), textcoords="offset points",
                            ha="center", va="top", fontsize=8, fontstyle="italic", color="#333")
        ax.set_ylabel(referent, fontsize=9, fontweight="bold")
    note = (f"; labels of {len(languages)} languages ({', '.join(languages)}), grouped by language, "
            "each with the start of its English gloss" if several else "")
    fig.suptitle(f"Which label for which referent, per {by}: share of the own-voice mentions "
                 f"(cell and row total: number of mentions; {int(data['mentions'].sum()):,} in all"
                 f"{not_scored_note(choices.attrs.get('not_scored') if not_scored is None else not_scored)}{note})",
                 fontsize=10, wrap=True)
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.6 / fig.get_figheight()))  # room for the title
    return axes[:, 0]


@rtl_safe
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


@rtl_safe
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


@rtl_safe
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
