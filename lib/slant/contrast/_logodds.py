"""Contrast stage: which terms set one group of articles apart from another ("Fightin' Words").

Input: the ``articles`` table (``id``, ``text``, ``title``, the grouping columns) and the outlet
registry. Output: :class:`TermCounts`, one sparse article-by-term count matrix for the whole corpus,
built once and reused by every comparison; and long tables of terms ranked by the log-odds ratio
with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, section 3.5):
:func:`log_odds` (``TERM_COLUMNS``, one row per term), :func:`compare_each` and
:func:`compare_pairs` (``CONTRAST_COLUMNS``, the top terms of each side).

Reading the tables: ``delta`` is the log-odds ratio (how much more often, on a log scale), ``z`` is
delta over its standard error (how sure). z grows with the square root of the counts, so on a large
corpus even a small, steady difference gets a large z: read ``delta`` beside ``z`` and the counts,
and keep a minimum count (``min_count``).

A single article is a group of one (``compare(articles, counts, by="is_target", a=True)``). The
prior keeps its function words near z = 0, but z also measures evidence, and a word the article
uses once is little evidence: its variance is at least 1 / (1 + a_w), so its z is at most about
its delta. In the default corpus the target's "Daesh" (8 uses) ranks 6th, its one "Takfiri" (a
word FA-KES's pro-government outlets use 90 times) about 180th, with z = 1.4; loaded words used
once are the lexicon's job (:mod:`slant.scoring`), not this ranking's.

Comparisons run within one language (STYLE §4): a bag of English and Arabic articles would rank
the one language's function words as the other side's "distinctive" terms. Each comparison keeps
the articles of one ``language`` (default: the target's, else the most common), takes its prior
without the others, and says in ``attrs`` which it kept and how many it left out
(:func:`language_note` reads them as one line).

Counting and the stop terms live in :mod:`slant.contrast._termcounts`.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ._termcounts import (
    NAME_WORDS_KEPT,
    STOP_TERMS,
    ContrastError,
    TermCounts,
    count_terms,
    outlet_stop_terms,
)

__all__ = [
    "CONTRAST_COLUMNS",
    "DEFAULT_PRIOR_SCALE",
    "NAME_WORDS_KEPT",
    "STOP_TERMS",
    "TERM_COLUMNS",
    "ContrastError",
    "TermCounts",
    "compare",
    "compare_each",
    "compare_pairs",
    "count_terms",
    "group_sizes",
    "keep_one_language",
    "language_note",
    "log_odds",
    "one_language",
    "outlet_stop_terms",
    "suggest_terms",
    "term_z",
]

#: One row per term (:func:`log_odds`, :func:`compare`); ``count_in`` is the first group's count.
TERM_COLUMNS = ["term", "count_in", "count_out", "total", "delta", "var", "z"]
#: Top terms per comparison (:func:`compare_each`, :func:`compare_pairs`): ``side`` says whose
#: terms they are ("group": over-represented in ``group``; "other": in ``other``); ``rank`` counts
#: from 1 within a side, by z.
CONTRAST_COLUMNS = ["group", "other", "side", "rank", *TERM_COLUMNS]

#: Pseudo-words in the prior, alpha_0 = sum of alpha_w: the prior is what a sample of 1,000 words of
#: the whole corpus would show (alpha_w = 1000 * the term's corpus share). Monroe et al. (2008,
#: section 3.5) shrink towards the corpus's own word shares and leave alpha_0 to the analyst; 1,000
#: is the value of Bamman's Applied NLP course (INFO 256, UC Berkeley, notebook "Log-odds ratio with
#: priors"). The other common choice, the raw corpus counts (alpha_0 = corpus size, as in tidylo's
#: ``bind_log_odds``), would drown a group of one article in 100 times its own words.
DEFAULT_PRIOR_SCALE = 1000.0
#: Default minimum count of a term in the two groups together: z grows with the square root of the
#: counts, and below 5 occurrences a term is anecdote, not a pattern (the same floor as the usual
#: rule for a chi-squared cell).
DEFAULT_MIN_COUNT = 5
# --- Fightin' Words --------------------------------------------------------------------------

def _zeta(y_in: np.ndarray, y_out: np.ndarray, alpha: np.ndarray):
    """delta, var and z of every term (Monroe et al. 2008, section 3.5)."""
    n_in, n_out, a0 = y_in.sum(), y_out.sum(), alpha.sum()
    in_a, out_a = y_in + alpha, y_out + alpha
    with np.errstate(divide="ignore", invalid="ignore"):  # terms with alpha 0 are dropped later
        delta = np.log(in_a / (n_in + a0 - in_a)) - np.log(out_a / (n_out + a0 - out_a))
        var = 1.0 / in_a + 1.0 / out_a
        return delta, var, delta / np.sqrt(var)


def _prior(counts: TermCounts, prior_scale: float, drop_rows=None) -> tuple[np.ndarray, np.ndarray]:
    """Corpus counts and the prior alpha_w = prior_scale * corpus share of w; the rows
    ``drop_rows`` (articles of other languages) are not part of the corpus here."""
    if not prior_scale > 0:
        raise ContrastError(f"prior_scale={prior_scale}: give a positive number of pseudo-words")
    totals = counts.totals
    if drop_rows is not None and len(drop_rows):
        totals = totals - np.asarray(counts.matrix[drop_rows].sum(axis=0), dtype=np.float64).ravel()
    return totals, prior_scale * totals / max(totals.sum(), 1.0)


def _mask(mask, n_rows: int, name: str) -> np.ndarray:
    mask = np.asarray(mask)
    if mask.dtype != bool or mask.shape != (n_rows,):
        raise ContrastError(f"{name} must be a boolean array with one value per counted article "
                            f"({n_rows}); got dtype {mask.dtype}, shape {mask.shape}")
    if not mask.any():
        raise ContrastError(f"{name} selects no article; check the group value")
    return mask


def log_odds(counts: TermCounts, in_group: np.ndarray, out_group: np.ndarray | None = None, *,
             prior_scale: float = DEFAULT_PRIOR_SCALE,
             min_count: int = DEFAULT_MIN_COUNT, drop_rows=None) -> pd.DataFrame:
    """Terms of one group against another: log-odds ratio with an informative Dirichlet prior.

    For term w with counts y_i, y_j in groups of n_i, n_j counted terms, and the prior
    a_w = prior_scale * (w's share of all counts in the whole corpus), a_0 = prior_scale::

        delta = log((y_i + a_w) / (n_i + a_0 - y_i - a_w))
              - log((y_j + a_w) / (n_j + a_0 - y_j - a_w))
        var  ~= 1 / (y_i + a_w) + 1 / (y_j + a_w)
        z     = delta / sqrt(var)

    The prior pulls each term towards its corpus share, so function words and terms seen twice do
    not top the list. z grows with the square root of the counts: on a big corpus, small steady
    differences get large z, so read ``delta`` (the size of the difference) beside it. Words and
    word pairs share one vocabulary (as in the CountVectorizer-based implementations), so n counts
    both.

    Parameters
    ----------
    counts : TermCounts
        From :func:`count_terms` on the whole corpus; the prior comes from all its rows.
    in_group, out_group : ndarray of bool
        One value per row of ``counts``; ``out_group=None`` is every row not in ``in_group``.
    prior_scale : float
        a_0, the prior's weight in pseudo-words (:data:`DEFAULT_PRIOR_SCALE`).
    min_count : int
        Drop terms seen fewer times than this in the two groups together.
    drop_rows : array of int, optional
        Rows of ``counts`` that are not part of this comparison's corpus (articles of another
        language): neither in the prior nor in the rest.

    Returns
    -------
    DataFrame
        ``TERM_COLUMNS``, one row per term, by z descending (over-represented in ``in_group``
        first, in ``out_group`` last), ties by term.

    Raises
    ------
    ContrastError
        A mask of the wrong shape or type, an empty group, or groups that overlap.

    References
    ----------
    Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' Words: Lexical feature
    selection and evaluation for identifying the content of political conflict. Political
    Analysis 16(4): 372-403, section 3.5. doi:10.1093/pan/mpn018
    """
    n_rows = counts.matrix.shape[0]
    in_group = _mask(in_group, n_rows, "in_group")
    totals, alpha = _prior(counts, prior_scale, drop_rows)
    y_in = counts.matrix.T @ in_group.astype(np.float64)
    if out_group is None:
        if in_group.all():
            raise ContrastError("in_group holds every article, so the rest is empty; "
                                "pass out_group")
        y_out = totals - y_in
    else:
        out_group = _mask(out_group, n_rows, "out_group")
        if (in_group & out_group).any():
            raise ContrastError("in_group and out_group share articles; make the groups disjoint")
        y_out = counts.matrix.T @ out_group.astype(np.float64)
    delta, var, z = _zeta(y_in, y_out, alpha)
    keep = (y_in + y_out >= min_count) & (alpha > 0)
    table = pd.DataFrame({
        "term": counts.terms[keep], "count_in": y_in[keep].astype(np.int64),
        "count_out": y_out[keep].astype(np.int64), "total": (y_in + y_out)[keep].astype(np.int64),
        "delta": delta[keep], "var": var[keep], "z": z[keep]}, columns=TERM_COLUMNS)
    return table.sort_values(["z", "term"], ascending=[False, True], ignore_index=True)


def _check_by(articles: pd.DataFrame, by: str) -> None:
    if by not in articles:
        raise ContrastError(f"articles has no column {by!r}; "
                            f"group by one of {list(articles.columns)}")


def _rows_of(articles: pd.DataFrame, counts: TermCounts, by: str, values) -> np.ndarray:
    """Mask over the rows of ``counts``: the articles whose ``by`` is one of ``values``."""
    _check_by(articles, by)
    values = list(values) if isinstance(values, (list, tuple, set, np.ndarray)) else [values]
    mask = np.zeros(counts.matrix.shape[0], dtype=bool)
    mask[counts.rows(articles)[articles[by].isin(values).to_numpy()]] = True
    if not mask.any():
        present = sorted(map(str, pd.unique(articles[by])))[:10]
        raise ContrastError(f"no article has {by} in {values}; values present: {present}")
    return mask


def one_language(articles: pd.DataFrame, language: str | None = None) -> tuple[pd.DataFrame, str | None, dict]:
    """The articles of one language, that language, and the others left out ({code: n}).

    ``language=None`` takes the target's (``is_target``), else the most common stated one
    (ties: the first in sorted order). Articles without a ``language`` column are kept whole.
    """
    if "language" not in articles:
        return articles, language, {}
    langs = articles["language"].fillna("").astype(str)
    if language is None:
        target = langs[articles["is_target"].astype(bool)] if "is_target" in articles else langs.iloc[:0]
        known = langs[langs != ""]
        if (target != "").any():
            language = target[target != ""].iloc[0]
        elif len(known):
            counted = known.value_counts()
            language = min(counted.index[counted == counted.max()])
        else:
            return articles, None, {}
    keep = (langs == language).to_numpy()
    if not keep.any():
        raise ContrastError(f"no article is in language {language!r}; languages present: "
                            f"{sorted(set(langs) - {''})}")
    left = langs[~keep].replace("", "unknown").value_counts().sort_index()
    return articles[keep], language, {str(k): int(v) for k, v in left.items()}




def _groups_in_one_language(articles, counts, by, language, prior_scale):
    """What :func:`compare_each`, :func:`compare_pairs` and :func:`term_z` share: the articles
    of one language (:func:`one_language`), their per-group term counts, and the prior from
    that language's articles only. Returns ``(kept, language, left, values, by_group,
    everything, alpha)``."""
    kept, language, left = one_language(articles, language)
    values, by_group, everything = _group_counts(kept, counts, by)
    _, alpha = _prior(counts, prior_scale, _dropped(articles, counts, kept))
    return kept, language, left, values, by_group, everything, alpha

def keep_one_language(articles: pd.DataFrame, *, language: str | None = None) -> tuple[pd.DataFrame, str]:
    """The articles of one language (:func:`one_language`) and one line saying which, and how
    many articles of other languages were left out: what a report page prints above a contrast
    whose articles, term counts and prior are all of that language.

    Raises
    ------
    ContrastError
        When ``language`` is given and no article is in it (the message lists those present).
    """
    kept, language, left = one_language(articles, language)
    return kept, language_note(_within(pd.DataFrame(), language, left))

def _within(table: pd.DataFrame, language, left: dict) -> pd.DataFrame:
    """The table, with the language it was computed in and the articles left out in attrs."""
    table.attrs["language"] = language
    table.attrs["left_out"] = dict(left)
    return table


def language_note(table: pd.DataFrame) -> str:
    """One line: the language a contrast was computed in and the articles of other languages
    left out (from its ``attrs``)."""
    language, left = table.attrs.get("language"), table.attrs.get("left_out") or {}
    if language is None:
        return "Articles of every language compared together (no language recorded)."
    if not left:
        return f"Within one language, '{language}': no article of another language left out."
    detail = ", ".join(f"{code} {n:,}" for code, n in sorted(left.items(), key=lambda kv: (-kv[1], kv[0])))
    return (f"Within one language, '{language}': {sum(left.values()):,} articles in other languages "
            f"left out ({detail}).")


def _dropped(articles: pd.DataFrame, counts: TermCounts, kept: pd.DataFrame) -> np.ndarray:
    """Rows of ``counts`` of the articles left out (not in ``kept``)."""
    if len(kept) == len(articles):
        return np.zeros(0, dtype=np.int64)
    return counts.rows(articles[~articles.index.isin(kept.index)])


def compare(articles: pd.DataFrame, counts: TermCounts, *, by: str, a, b=None,
            language: str | None = None, **kw) -> pd.DataFrame:
    """Terms of the articles whose ``by`` is ``a`` against those whose ``by`` is ``b``.

    ``a`` and ``b`` are a value or a list of values; ``b=None`` is every other article of
    ``articles``. The target against the rest: ``compare(articles, counts, by="is_target",
    a=True)``; one article: ``by="id"``.

    Parameters
    ----------
    articles : DataFrame
        ``id`` and the column ``by``; every article must be in ``counts``.
    counts : TermCounts
        From :func:`count_terms` on the whole corpus (the prior's base).
    by : str
        The grouping column: ``outlet``, ``camp``, ``id``, ``is_target``, ...
    a, b : value or list of values
    language : str, optional
        Compare only the articles in this language (:func:`one_language`; default: the
        target's, else the most common).
    **kw
        ``prior_scale``, ``min_count`` (see :func:`log_odds`).

    Returns
    -------
    DataFrame
        ``TERM_COLUMNS`` by z descending (see :func:`log_odds`); ``attrs["language"]`` and
        ``attrs["left_out"]`` ({code: articles}) say which articles were compared.
    """
    kept, language, left = one_language(articles, language)
    in_group = _rows_of(kept, counts, by, a)
    if b is None:
        out_group = np.zeros_like(in_group)
        out_group[counts.rows(kept)] = True
        out_group &= ~in_group
    else:
        out_group = _rows_of(kept, counts, by, b)
    return _within(log_odds(counts, in_group, out_group, drop_rows=_dropped(articles, counts, kept), **kw),
                   language, left)


def _group_counts(articles: pd.DataFrame, counts: TermCounts, by: str):
    """Values of ``by`` (sorted), their term counts (one sparse row each, one product) and the
    counts of all of ``articles``."""
    _check_by(articles, by)
    rows = counts.rows(articles)
    codes, values = pd.factorize(articles[by], sort=True)
    valid = codes >= 0
    indicator = sp.csr_matrix((np.ones(int(valid.sum())), (codes[valid], rows[valid])),
                              shape=(len(values), counts.matrix.shape[0]))
    every = np.zeros(counts.matrix.shape[0])
    every[rows] = 1.0
    return list(values), (indicator @ counts.matrix).tocsr(), counts.matrix.T @ every


def _top(group, other, terms, y_in, y_out, alpha, *, top, min_count) -> pd.DataFrame:
    """The ``top`` terms of each side of one comparison, in ``CONTRAST_COLUMNS``."""
    delta, var, z = _zeta(y_in, y_out, alpha)
    keep = np.flatnonzero((y_in + y_out >= min_count) & (alpha > 0))
    parts = []
    for side, sign in (("group", 1.0), ("other", -1.0)):
        idx = keep[sign * z[keep] > 0]
        if len(idx) > top:  # a partial sort first; ties at the cut stay in, then by term
            cut = np.partition(sign * z[idx], len(idx) - top)[len(idx) - top]
            idx = idx[sign * z[idx] >= cut]
        # terms are sorted, so a tie in z is broken by term through the column index
        idx = idx[np.lexsort((idx, -sign * z[idx]))][:top]
        parts.append(pd.DataFrame({
            "group": [group] * len(idx), "other": [other] * len(idx), "side": side,
            "rank": np.arange(1, len(idx) + 1), "term": terms[idx],
            "count_in": y_in[idx].astype(np.int64), "count_out": y_out[idx].astype(np.int64),
            "total": (y_in + y_out)[idx].astype(np.int64), "delta": delta[idx],
            "var": var[idx], "z": z[idx]}, columns=CONTRAST_COLUMNS))
    return pd.concat(parts, ignore_index=True)


def compare_each(articles: pd.DataFrame, counts: TermCounts, *, by: str = "outlet",
                 top: int = 20, prior_scale: float = DEFAULT_PRIOR_SCALE,
                 min_count: int = DEFAULT_MIN_COUNT, language: str | None = None) -> pd.DataFrame:
    """Each value of ``by`` against the rest of ``articles``: the top terms of both sides.

    One sparse product gives every group's counts; each comparison is then vectorised over the
    terms (the formula of :func:`log_odds`, the prior from the whole of ``counts``).

    Parameters
    ----------
    articles : DataFrame
        ``id`` and the column ``by``; every article must be in ``counts``.
    counts : TermCounts
        From :func:`count_terms` on the whole corpus.
    by : str
        The grouping column.
    top : int
        Terms per side: the ``top`` highest z (side "group") and the ``top`` lowest (side
        "other": the rest's terms against this group), each only with z of its sign.
    prior_scale, min_count
        See :func:`log_odds`.
    language : str, optional
        As in :func:`compare`: each group against the rest of its language.

    Returns
    -------
    DataFrame
        ``CONTRAST_COLUMNS``, ``other`` = "rest", by group, side and rank. A value held by every
        article has no rest and no rows. ``attrs`` as in :func:`compare`.
    """
    _kept, language, left, values, by_group, everything, alpha = _groups_in_one_language(
        articles, counts, by, language, prior_scale)
    tables = []
    for i, value in enumerate(values):
        y_in = by_group[i].toarray().ravel()
        if np.array_equal(y_in, everything):
            continue
        tables.append(_top(value, "rest", counts.terms, y_in, everything - y_in, alpha,
                           top=top, min_count=min_count))
    return _within(_concat(tables), language, left)


def compare_pairs(articles: pd.DataFrame, counts: TermCounts, *, by: str = "camp", top: int = 20,
                  prior_scale: float = DEFAULT_PRIOR_SCALE,
                  min_count: int = DEFAULT_MIN_COUNT, language: str | None = None) -> pd.DataFrame:
    """Each value of ``by`` against each other value (camp against camp): top terms of both sides.

    Parameters
    ----------
    articles, counts, by, top, prior_scale, min_count, language
        As in :func:`compare_each`.

    Returns
    -------
    DataFrame
        ``CONTRAST_COLUMNS``, one block per pair with ``group`` before ``other`` in sorted order:
        side "group" holds ``group``'s terms (z > 0), side "other" ``other``'s (z < 0).
    """
    _kept, language, left, values, by_group, _, alpha = _groups_in_one_language(
        articles, counts, by, language, prior_scale)
    dense = [by_group[i].toarray().ravel() for i in range(len(values))]
    return _within(_concat([_top(values[i], values[j], counts.terms, dense[i], dense[j], alpha, top=top,
                         min_count=min_count)
                    for i in range(len(values)) for j in range(i + 1, len(values))]), language, left)


def _concat(tables) -> pd.DataFrame:
    if not tables:
        return pd.DataFrame(columns=CONTRAST_COLUMNS)
    return pd.concat(tables, ignore_index=True)


def group_sizes(articles: pd.DataFrame, counts: TermCounts, mask, *, language: str | None = None) -> dict:
    """What stands behind one side of a comparison, for a chart title.

    Parameters
    ----------
    articles : DataFrame
        ``id``; every article must be in ``counts``.
    counts : TermCounts
    mask : array of bool
        One value per row of ``articles``: the side's articles.
    language : str, optional
        Count only the side's articles in the language of the comparison (:func:`one_language`,
        the same default as :func:`compare`).

    Returns
    -------
    dict
        ``articles`` (number), ``words`` (word tokens before stop-listing) and ``terms`` (counted
        occurrences of kept words and word pairs: the n of :func:`log_odds`).
    """
    mask = np.asarray(mask, dtype=bool)
    if mask.shape != (len(articles),):
        raise ContrastError(f"mask has shape {mask.shape}; "
                            f"give one value per article ({len(articles)})")
    kept, _, _ = one_language(articles, language)
    rows = counts.rows(articles)[mask & articles.index.isin(kept.index)]
    return {"articles": len(rows), "words": int(counts.words[rows].sum()),
            "terms": int(counts.matrix[rows].sum())}


def term_z(articles: pd.DataFrame, counts: TermCounts, terms, *, by: str = "camp",
           prior_scale: float = DEFAULT_PRIOR_SCALE, language: str | None = None) -> pd.DataFrame:
    """z of chosen terms (e.g. a lexicon's labels) for each value of ``by`` against the rest.

    Terms are matched in lower case to the counted words and word pairs; a term that is not
    counted (too rare, or longer than the n-grams counted) is left out.

    Returns
    -------
    DataFrame
        ``group``, ``term``, ``count_in``, ``count_out``, ``delta``, ``z``; ``attrs["articles"]``
        is the number of articles behind it (of one language, as in :func:`compare`).
    """
    wanted = sorted({str(t).lower() for t in terms})
    position = {t: i for i, t in enumerate(counts.terms)}
    cols = np.array([position[t] for t in wanted if t in position], dtype=np.int64)
    kept, language, left, values, by_group, everything, alpha = _groups_in_one_language(
        articles, counts, by, language, prior_scale)
    rows = []
    for i, value in enumerate(values):
        y_in = by_group[i].toarray().ravel()
        delta, _, z = _zeta(y_in, everything - y_in, alpha)
        rows.append(pd.DataFrame({"group": value, "term": counts.terms[cols],
                                  "count_in": y_in[cols].astype(np.int64),
                                  "count_out": (everything - y_in)[cols].astype(np.int64),
                                  "delta": delta[cols], "z": z[cols]}))
    table = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(
        columns=["group", "term", "count_in", "count_out", "delta", "z"])
    table.attrs["articles"] = len(kept)
    return _within(table, language, left)


#: Characters of context on each side of a suggestion's example.
EXAMPLE_WIDTH = 60


def suggest_terms(articles: pd.DataFrame, counts: TermCounts, lexicon, *, by: str = "camp",
                  top: int = 15, min_z: float = 3.0, examples: int = 2,
                  prior_scale: float = DEFAULT_PRIOR_SCALE,
                  min_count: int = DEFAULT_MIN_COUNT, language: str | None = None) -> pd.DataFrame:
    """Terms that set a group apart (z >= ``min_z`` against the rest) and that no lexicon entry
    matches, with examples in context, for a person to review. Nothing is added to a lexicon.

    Returns
    -------
    DataFrame
        ``group``, ``term``, ``z``, ``delta``, ``count_in``, ``count_out``, ``examples``
        (``examples`` snippets from the group's articles, joined by " | ").
    """
    from ..lexicons import match_lexicon
    from ..text import index_texts

    articles, language, left = one_language(articles, language)
    table = compare_each(articles, counts, by=by, top=top * 4, prior_scale=prior_scale,
                         min_count=min_count, language=language)
    table = table[(table["side"] == "group") & (table["z"] >= min_z)]
    if table.empty:
        return pd.DataFrame(columns=["group", "term", "z", "delta", "count_in", "count_out", "examples"])
    # a term any lexicon entry already matches (in whole or in part) is no suggestion
    # counted terms are lower case: try them as written, Title Case and UPPER, so entries that
    # match only as written ("Islamic State", "IS") count too
    words = table["term"].to_numpy()
    forms = np.concatenate([words, [w.title() for w in words], [w.upper() for w in words]])
    terms = pd.DataFrame({"id": np.arange(len(forms)).astype(str), "text": forms})
    known = np.zeros(len(table), dtype=bool)
    known[match_lexicon(index_texts(terms), lexicon)["doc"].unique() % len(table)] = True
    table = table[~known].groupby("group", sort=True).head(top).reset_index(drop=True)
    return _within(table.assign(examples=_examples(articles, table, by=by, n=examples))[
        ["group", "term", "z", "delta", "count_in", "count_out", "examples"]], language, left)


def _examples(articles: pd.DataFrame, table: pd.DataFrame, *, by: str, n: int) -> list[str]:
    """Up to n snippets per (group, term): one regular expression per group, not per term."""
    out = {}
    for group, rows in table.groupby("group", sort=False):
        pattern = re.compile(r"\b(" + "|".join(
            r"[\s-]+".join(map(re.escape, t.split())) for t in
            sorted(rows["term"], key=len, reverse=True)) + r")\b", re.IGNORECASE)
        want = {re.sub(r"[\s-]+", " ", t): [] for t in rows["term"]}
        for text in articles.loc[articles[by] == group, "text"]:
            for m in pattern.finditer(text):
                key = re.sub(r"[\s-]+", " ", m.group(1).lower())
                if key in want and len(want[key]) < n:
                    s, e = m.span()
                    want[key].append("…" + text[max(0, s - EXAMPLE_WIDTH):e + EXAMPLE_WIDTH]
                                     .replace("\n", " ") + "…")
            if all(len(v) >= n for v in want.values()):
                break
        out.update({(group, t): " | ".join(want[re.sub(r"[\s-]+", " ", t)]) for t in rows["term"]})
    return [out.get((g, t), "") for g, t in zip(table["group"], table["term"])]
