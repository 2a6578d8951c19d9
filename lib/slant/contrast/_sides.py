"""Contrast stage: one comparison of two sides, with the reason when it cannot be made.

:func:`compare_target` (the target against the rest) and :func:`compare_sides` (two sides that
:func:`slant.corpus.choose_sides` chose) return a :class:`SideContrast`: the terms of
:func:`compare`, what stands behind each side, and, when the corpus cannot give two sides or no
term is frequent enough, a one-line ``reason`` instead of an error, so a report page says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ._logodds import (
    CONTRAST_COLUMNS,
    DEFAULT_MIN_COUNT,
    TERM_COLUMNS,
    compare,
    compare_each,
    group_sizes,
)
from ._termcounts import ContrastError, TermCounts

__all__ = [
    "GroupContrast", "SideContrast", "compare_groups", "compare_sides", "compare_target", "group_reason",
]


def _empty_terms() -> pd.DataFrame:
    return pd.DataFrame(columns=TERM_COLUMNS)


@dataclass(frozen=True)
class SideContrast:
    """The terms that set side a apart from side b, or why there are none.

    ``terms`` is :func:`compare`'s table (empty when ``reason`` is set); ``names`` the two sides'
    names; ``sizes`` (articles, words) behind each side, for a chart title.
    """

    terms: pd.DataFrame = field(default_factory=_empty_terms)
    names: tuple[str, str] = ("a", "b")
    sizes: tuple[tuple[int, int], ...] = ()
    reason: str = ""
    note: str = ""  # what was compared, in one line

    @property
    def available(self) -> bool:
        """True when there are terms to show."""
        return not self.reason


def _contrast(articles, counts, in_a, in_b, *, by, a, b, names, min_count, note="", **kw) -> SideContrast:
    sizes = tuple((s["articles"], s["words"]) for s in (group_sizes(articles, counts, m) for m in (in_a, in_b)))
    try:
        terms = compare(articles, counts, by=by, a=a, b=b, min_count=min_count, **kw)
    except ContrastError as exc:  # a side the checks above did not foresee: say why, never fail
        return SideContrast(names=names, sizes=sizes, reason=f"No comparison: {exc}.")
    if terms.empty:
        return SideContrast(terms=terms, names=names, sizes=sizes, reason=(
            f"No term occurs {min_count} times in the two sides together ({sizes[0][1]:,} and "
            f"{sizes[1][1]:,} words): too little text to compare; lower min_count to see more."))
    return SideContrast(terms=terms, names=names, sizes=sizes, note=note)


def compare_target(articles: pd.DataFrame, counts: TermCounts, *,
                   min_count: int = DEFAULT_MIN_COUNT, **kw) -> SideContrast:
    """The target article against every other article of ``articles``.

    Parameters
    ----------
    articles : DataFrame
        ``id``, ``is_target``; every article must be in ``counts``.
    counts : TermCounts
    min_count, **kw
        See :func:`slant.contrast.log_odds` (``prior_scale``).

    Returns
    -------
    SideContrast
        With ``reason`` when no target is loaded, when the target is the only article, or when no
        term reaches ``min_count``.
    """
    names = ("target", "rest of the corpus")
    target = articles["is_target"].astype(bool).to_numpy()
    if not target.any():
        return SideContrast(names=names, reason="No target article: corpus.yml names none, or it did "
                                                "not load (see 01).")
    if target.all():
        return SideContrast(names=names, reason="The target is the only article: there is no rest of "
                                                "the corpus to compare it with.")
    return _contrast(articles, counts, target, ~target, by="is_target", a=True, b=None, names=names,
                     min_count=min_count, **kw)


def compare_sides(articles: pd.DataFrame, counts: TermCounts, sides, *,
                  min_count: int = DEFAULT_MIN_COUNT, **kw) -> SideContrast:
    """Side a against side b, as :func:`slant.corpus.choose_sides` chose them.

    Parameters
    ----------
    articles : DataFrame
        ``id`` and the column ``sides.by``; every article must be in ``counts``.
    counts : TermCounts
    sides : slant.corpus.Sides
        ``by``, ``a``, ``b`` (None = the rest) and ``reason``.
    min_count, **kw
        See :func:`slant.contrast.log_odds` (``prior_scale``).

    Returns
    -------
    SideContrast
        With ``sides.reason`` when there are no two sides, or a reason when no term reaches
        ``min_count``.
    """
    if not sides.available:
        return SideContrast(names=sides.names, reason=sides.reason)
    values = articles[sides.by].astype(str).to_numpy()
    in_a = values == str(sides.a)
    in_b = values == str(sides.b) if sides.b is not None else ~in_a
    if not in_a.any() or not in_b.any():
        empty = sides.names[0] if not in_a.any() else sides.names[1]
        return SideContrast(names=sides.names, reason=f"Side {empty!r} holds no article here (wire "
                                                      "copies left out?): nothing to compare.")
    return _contrast(articles, counts, np.asarray(in_a), np.asarray(in_b), by=sides.by, a=sides.a,
                     b=sides.b, names=sides.names, min_count=min_count, note=f"Compared: {sides.note}.", **kw)


def group_reason(articles: pd.DataFrame, *, by: str = "camp") -> str:
    """Why the values of ``by`` cannot be set each against the rest ("" when they can).

    Each needs a rest: with no article, or with every article of one value (one camp, every
    outlet unknown), there is none.
    """
    if articles.empty:
        return "No article loaded: nothing to compare (see 01)."
    values = articles[by].astype(str).unique()
    if len(values) >= 2:
        return ""
    if by == "camp" and values[0] == "unknown":
        return ("Every article's camp is unknown (no outlet is in the registry or the corpus's "
                "outlets.csv): there are no camps to compare.")
    return f"Every article has {by} {values[0]!r}: there is no other {by} to compare it with."


@dataclass(frozen=True)
class GroupContrast:
    """Each value of ``by`` against the rest (:func:`compare_each`'s table), or why not.

    ``groups_reason`` says why the groups cannot be compared at all (:func:`group_reason`);
    ``terms_reason`` why no term is shown although they can.
    """

    table: pd.DataFrame
    by: str = "camp"
    groups_reason: str = ""
    terms_reason: str = ""

    @property
    def reason(self) -> str:
        """Why there is nothing to show, in one line ("" when there is)."""
        return self.groups_reason or self.terms_reason

    @property
    def available(self) -> bool:
        """True when there are terms to show."""
        return not self.reason

    def wide(self) -> pd.DataFrame:
        """The top terms of each group (side "group"), one column per group, one row per rank."""
        rows = self.table[self.table["side"] == "group"]
        return rows.pivot_table(index="rank", columns="group", values="term", aggfunc="first")


def compare_groups(articles: pd.DataFrame, counts: TermCounts, *, by: str = "camp", top: int = 10,
                   min_count: int = DEFAULT_MIN_COUNT, **kw) -> GroupContrast:
    """:func:`compare_each` with a one-line reason when it has nothing to show.

    Returns
    -------
    GroupContrast
        ``table`` (``CONTRAST_COLUMNS``), ``groups_reason`` (:func:`group_reason`) and
        ``terms_reason`` (no term reaches ``min_count``).
    """
    reason = group_reason(articles, by=by)
    if reason:
        return GroupContrast(pd.DataFrame(columns=CONTRAST_COLUMNS), by=by, groups_reason=reason)
    table = compare_each(articles, counts, by=by, top=top, min_count=min_count, **kw)
    if (table["side"] == "group").any():
        return GroupContrast(table, by=by)
    return GroupContrast(table, by=by, terms_reason=(
        f"No term occurs {min_count} times and sets a {by} apart: too little text to compare; "
        "lower min_count to see more."))
