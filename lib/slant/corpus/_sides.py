"""Defaults that come from the loaded corpus, not from the corpus slant was built on.

A notebook parameter that names a camp or an outlet defaults to ``""``, "from the corpus";
:func:`choose_sides` turns it into two sides the loaded articles really have (the target's camp
against the rest, or the largest camp; by outlet when the corpus has fewer than two camps), or a
one-line reason why no two sides exist.

Input: the ``articles`` table (``ARTICLE_COLUMNS``). Output: a :class:`Sides`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ._outlets import UNKNOWN_CAMP

__all__ = ["Sides", "choose_sides"]

#: The columns two sides may be formed by, with the word a sentence uses for one value.
SIDE_COLUMNS = {"camp": "camp", "outlet": "outlet"}


@dataclass(frozen=True)
class Sides:
    """Two sides of a comparison: the articles whose ``by`` is ``a`` against ``b``.

    ``b`` is ``None`` for every other article. ``note`` says how the sides were chosen; ``reason``
    says in one line why no two sides can be formed ("" when they can).
    """

    by: str
    a: str | None = None
    b: str | None = None
    note: str = ""
    reason: str = ""

    @property
    def available(self) -> bool:
        """True when both sides hold articles."""
        return not self.reason

    @property
    def names(self) -> tuple[str, str]:
        """Names of the two sides for a chart: ``(a, b)`` or ``(a, "the rest")``."""
        return (str(self.a), str(self.b) if self.b is not None else "the rest")


def _largest(values: pd.Series) -> str:
    """The most frequent value; ties go to the first in sorted order."""
    counts = values.value_counts()
    return min(counts[counts == counts.max()].index)


def _target_value(articles: pd.DataFrame, by: str):
    """The target article's ``by``, or None when no target is loaded."""
    target = articles.loc[articles["is_target"].astype(bool), by] if "is_target" in articles else []
    return target.iloc[0] if len(target) else None


def _from_corpus(articles: pd.DataFrame, by: str, values: pd.Series, why: str = "") -> Sides:
    """``by``'s value for side a: the target's, when another value exists, else the largest."""
    target = _target_value(articles, by)
    if target is not None and target in set(values) and values.nunique() >= 2:
        a, how = target, "the target's"
    else:
        a, how = _largest(values), "the largest"
    word = SIDE_COLUMNS.get(by, by)
    return Sides(by=by, a=a, note=f"{why}{word} {a!r} ({how}) against every other article")


def choose_sides(articles: pd.DataFrame, *, by: str = "camp", a: str = "", b: str = "") -> Sides:
    """Two sides to compare, from the parameters where they name them, else from the corpus.

    Rules, for ``a=""``:

    - ``by="camp"`` and two or more camps other than ``unknown``: the target's camp (when it has
      one) against every other article, else the largest camp (most articles; a tie goes to the
      first name) against the rest.
    - ``by="camp"`` and fewer than two camps (one camp; every outlet ``unknown``): by outlet
      instead, with the same rule: the target's outlet, else the largest, against the rest.
    - ``by="outlet"``: the target's outlet, else the largest, against the rest.
    - one outlet (or no article): no sides, and ``reason`` says why.

    A value given in ``a`` or ``b`` is kept when an article has it; otherwise ``reason`` names the
    values present. ``b=""`` is every other article.

    Parameters
    ----------
    articles : DataFrame
        ``ARTICLE_COLUMNS`` (at least ``is_target`` and the column ``by``).
    by : str
        ``camp``, ``outlet`` or another column of ``articles``.
    a, b : str
        A value of ``by`` for each side; ``""`` chooses ``a`` from the corpus and makes ``b``
        the rest.

    Returns
    -------
    Sides
        ``by``, ``a``, ``b`` (``None`` = the rest), ``note`` (how they were chosen) and
        ``reason`` ("" when both sides hold articles).
    """
    if by not in articles:
        known = ", ".join(c for c in SIDE_COLUMNS if c in articles)
        return Sides(by=by, reason=f"The articles have no column {by!r}: compare by one of {known}.")
    if articles.empty:
        return Sides(by=by, reason="No article loaded: there are no sides to compare (see 01).")
    values = articles[by].astype(str)
    present = sorted(values.unique())
    for value in (a, b):
        if value and value not in present:
            return Sides(by=by, a=a or None, b=b or None,
                         reason=f"No article has {by} {value!r}; the {by}s present are "
                                f"{', '.join(present)}: name one, or leave it empty to choose from the corpus.")
    if a:
        sides = Sides(by=by, a=a, b=b or None, note=f"{by} {a!r} against {repr(b) if b else 'every other article'}")
    elif by == "camp" and values[values != UNKNOWN_CAMP].nunique() >= 2:
        sides = _from_corpus(articles, by, values[values != UNKNOWN_CAMP])
    elif by == "camp":
        camps = sorted(set(present) - {UNKNOWN_CAMP})
        why = (f"every article's camp is {UNKNOWN_CAMP}" if not camps else
               f"every article is in camp {camps[0]!r}" if set(present) == {camps[0]} else
               f"only one camp ({camps[0]!r}) besides {UNKNOWN_CAMP}")
        outlets = articles["outlet"].astype(str)
        if len(articles) == 1:
            return Sides(by="outlet", reason=f"The corpus holds one article ({articles['id'].iloc[0]}), "
                                             "so there are no two sides to compare.")
        if outlets.nunique() < 2:
            return Sides(by="outlet", reason=f"All {len(articles)} articles are from one outlet "
                                             f"({outlets.iloc[0]}), so there are no two sides to compare.")
        sides = _from_corpus(articles, "outlet", outlets, why=f"{why}, so by outlet: ")
    else:
        sides = _from_corpus(articles, by, values)
    in_a = values.eq(sides.a) if sides.by == by else articles[sides.by].astype(str).eq(sides.a)
    if sides.b is None and in_a.all():
        return Sides(by=sides.by, a=sides.a,
                     reason=f"Every article has {sides.by} {sides.a!r}, so there is no other side to compare "
                            f"it with.")
    if sides.b == sides.a:
        return Sides(by=by, a=a, b=b, reason=f"Both sides are {by} {a!r}: name two different values.")
    return sides
