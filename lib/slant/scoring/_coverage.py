"""Scoring stage, coverage: which articles a lexicon can score ("not scored, never zero").

Input: the ``articles`` table (its ``language``, "" when unknown) and a
:class:`slant.lexicons.Lexicon` (its ``languages``). Output: ``COVERAGE_COLUMNS`` per article
and the ``not_scored`` table (``NOT_SCORED_COLUMNS``). An article in a language no loaded
lexicon is written for is not scored: no hits are searched in it, its rates are NaN and it is
left out of every aggregate, which says how many were left out (STYLE §4).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..corpus import fill_languages

__all__ = ["COVERAGE_COLUMNS", "NOT_SCORED_COLUMNS", "language_coverage", "language_summary",
           "mark_scored", "not_scored_table"]

#: One row per article.
COVERAGE_COLUMNS = ["id", "language", "scored", "not_scored_reason"]
#: Articles left out of the scores, per group and language.
NOT_SCORED_COLUMNS = ["outlet", "camp", "language", "articles", "reason"]


def language_coverage(articles: pd.DataFrame, languages) -> pd.DataFrame:
    """Whether each article is in one of ``languages`` (a lexicon's), and why not.

    An article whose ``language`` is "" (or that has no ``language`` column) is detected from
    its text (:func:`slant.corpus.fill_languages`), and scored only if that finds a covered one.

    Returns
    -------
    DataFrame
        ``COVERAGE_COLUMNS``, in the order of ``articles``: ``language`` as analysed,
        ``scored`` (bool), ``not_scored_reason`` ("" when scored), e.g. "language 'ar': no
        lexicon in this language".
    """
    stated = articles["language"] if "language" in articles else pd.Series([""] * len(articles))
    language = fill_languages(stated, articles["text"]).to_numpy(dtype=object)
    covered = sorted(set(languages))
    scored = np.isin(language, covered)
    reason = np.where(language == "", "language unknown: too short or unclear to detect",
                      "language '" + language.astype(str) + "': no lexicon in this language")
    return pd.DataFrame({"id": articles["id"].to_numpy(), "language": language, "scored": scored,
                         "not_scored_reason": np.where(scored, "", reason)}, columns=COVERAGE_COLUMNS)


def mark_scored(articles: pd.DataFrame, lexicon) -> pd.DataFrame:
    """``articles`` with ``language`` (as analysed), ``scored`` and ``not_scored_reason``
    (:func:`language_coverage` with the lexicon's languages); marked articles pass unchanged."""
    if {"scored", "not_scored_reason"} <= set(articles.columns):
        return articles
    coverage = language_coverage(articles, lexicon.languages)
    return articles.assign(**{c: coverage[c].to_numpy() for c in COVERAGE_COLUMNS[1:]})


def not_scored_table(scores: pd.DataFrame) -> pd.DataFrame:
    """Articles left out of the scores (``article_scores`` rows with ``scored`` False), per
    outlet, camp and language: ``NOT_SCORED_COLUMNS``, most articles first."""
    left = scores[~scores["scored"].astype(bool)]
    if left.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c == "articles" else object)
                             for c in NOT_SCORED_COLUMNS})
    table = (left.groupby(["outlet", "camp", "language", "not_scored_reason"], observed=True, sort=True)
             .size().rename("articles").reset_index().rename(columns={"not_scored_reason": "reason"}))
    table = table.astype({c: str for c in ("outlet", "camp", "language", "reason")})
    return table.sort_values(["articles", "outlet", "language"], ascending=[False, True, True],
                             kind="stable", ignore_index=True)[NOT_SCORED_COLUMNS]


def language_summary(articles: pd.DataFrame, lexicon) -> pd.DataFrame:
    """Articles per language and camp, and how many of them ``lexicon`` can score.

    Returns
    -------
    DataFrame
        Index (``language``, ``camp``); columns ``articles``, ``scored``, ``not_scored`` and
        ``reason`` (why not, "" when all are scored). Most articles first.
    """
    marked = mark_scored(articles, lexicon)
    keys = [marked["language"].replace("", "(unknown)").rename("language"), marked["camp"]]
    scored = marked["scored"].astype(bool)
    table = pd.DataFrame({"articles": marked.groupby(keys).size(),
                          "scored": scored.groupby(keys).sum().astype("int64")})
    table["not_scored"] = table["articles"] - table["scored"]
    reasons = marked["not_scored_reason"].groupby(keys).first()
    table["reason"] = reasons.reindex(table.index).fillna("")
    return table.sort_values("articles", ascending=False, kind="stable")
