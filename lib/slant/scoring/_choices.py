"""Scoring stage, label choices per language: how the outlets writing in each language name a
referent, for comparing one referent's labels across languages.

In: the ``label_choices`` table (:func:`slant.scoring.label_choices`). Out:
``LANGUAGE_CHOICE_COLUMNS``, one row per referent, language and label, whatever the number of
outlets.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["LANGUAGE_CHOICE_COLUMNS", "label_choices_by_language"]

#: One row per (referent, language, label).
LANGUAGE_CHOICE_COLUMNS = ["referent", "language", "display", "label", "gloss", "stance", "mentions",
                           "language_mentions", "share", "outlets"]


def label_choices_by_language(choices: pd.DataFrame, *, referents=None) -> pd.DataFrame:
    """Each referent's labels per language: their mentions, their share of the referent's
    mentions in that language, and how many outlets use them.

    Parameters
    ----------
    choices : DataFrame
        :func:`slant.scoring.label_choices` output (its ``outlet`` level is used).
    referents : list of str, optional
        Keep these referents only, in this order (default: all, most mentioned first).

    Returns
    -------
    DataFrame
        ``LANGUAGE_CHOICE_COLUMNS``: ``mentions`` (own-voice hits of the label),
        ``language_mentions`` (of any label of the referent in that language), ``share``
        (mentions / language_mentions), ``outlets`` (outlets using the label). Sorted by referent, language (most mentions first), then mentions.
    """
    data = choices[choices["level"] == "outlet"]
    if "language" not in data:
        data = data.assign(language="en", gloss=data["label"], display=data["label"])
    if referents is not None:
        data = data[data["referent"].isin(referents)]
    if data.empty:
        return pd.DataFrame(columns=LANGUAGE_CHOICE_COLUMNS)
    keys = ["referent", "language", "display", "label", "gloss", "stance"]
    table = data.groupby(keys, sort=False).agg(mentions=("mentions", "sum"),
                                               outlets=("group", "nunique")).reset_index()
    per_language = table.groupby(["referent", "language"])["mentions"].transform("sum")
    table["language_mentions"] = per_language
    table["share"] = table["mentions"] / per_language
    order = list(referents) if referents is not None else list(
        table.groupby("referent")["mentions"].sum().sort_values(ascending=False, kind="stable").index)
    table["_referent"] = table["referent"].map({r: i for i, r in enumerate(order)})
    table["_language"] = -per_language
    table = table.sort_values(["_referent", "_language", "language", "mentions", "label"],
                              ascending=[True, True, True, False, True], kind="stable")
    return table[LANGUAGE_CHOICE_COLUMNS].reset_index(drop=True)
