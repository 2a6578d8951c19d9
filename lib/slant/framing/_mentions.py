"""Framing stage, mentions and omissions: which facts and actors an outlet mentions or leaves out.

Input: the corpus's ``articles`` and a mentions list (:func:`load_mentions`:
``slant/data/mentions.yml`` or a YAML path in its format). Output: one row per mention
(:data:`MENTION_COLUMNS`, :func:`find_mentions`) and a matrix of outlets (or camps) × items: the
share of articles that mention each item, with counts, the items a group never mentions though
most other groups do marked as omitted (:data:`MATRIX_COLUMNS`, :func:`mention_matrix`).

Patterns are matched over every text at once by the project's Aho-Corasick matcher
(:func:`slant.lexicons.match_lexicon`): the longest match wins, so an ``exclude`` phrase that
covers a pattern ("the ruling coalition" over "coalition") leaves no mention.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..lexicons import Lexicon, match_lexicon
from ..text import TextIndex, index_texts
from ._lexicon_files import build_lexicon, read_items

__all__ = [
    "MATRIX_COLUMNS",
    "MENTION_COLUMNS",
    "OMISSION_MAJORITY",
    "Mentions",
    "find_mentions",
    "load_mentions",
    "mention_matrix",
]

#: One row per mention of an item in an article.
MENTION_COLUMNS = ["id", "outlet", "camp", "item", "sentence", "start", "end", "matched"]
#: One row per group and item (:func:`mention_matrix`).
MATRIX_COLUMNS = ["group", "item", "item_name", "articles", "mentioning", "share",
                  "others_mentioning", "omitted"]
#: An item is omitted by a group that never mentions it when more than this share of the other
#: groups mention it: the issue's "though most others do".
OMISSION_MAJORITY = 0.5

_ITEM_KEYS = {"id", "name", "description", "note", "source"}
_TOP_KEYS = {"name", "description", "items"}


@dataclass
class Mentions:
    """A loaded mentions list: ``items`` (``entry, id, name, description, note, source, file,
    line``, in file order) and the ``lexicon`` of their patterns."""

    items: pd.DataFrame
    lexicon: Lexicon


def load_mentions(name_or_path="mentions") -> Mentions:
    """Load a mentions list: the bundled ``"mentions"`` or the path of a YAML file.

    Raises
    ------
    slant.framing.FramingLexiconError
        Bad YAML, an unknown key, a duplicate id or pattern; the message names the file and line.
    """
    _, items, _ = read_items(name_or_path, group="items", keys=_ITEM_KEYS, required=("id", "name"),
                             top_keys=_TOP_KEYS)
    lexicon = build_lexicon(items, label="item")
    return Mentions(items=lexicon.entries, lexicon=lexicon)


def find_mentions(articles: pd.DataFrame, mentions: Mentions, *, index: TextIndex | None = None,
                  n_jobs: int | None = None) -> pd.DataFrame:
    """Every mention of an item in the articles' texts, one row each.

    Parameters
    ----------
    articles : DataFrame
        ``id``, ``outlet``, ``camp`` (optional) and ``text``.
    mentions : Mentions
        From :func:`load_mentions`.
    index : TextIndex, optional
        :func:`slant.text.index_texts` of the same articles, if already built.
    n_jobs : int, optional
        Worker processes (scikit-learn convention).

    Returns
    -------
    DataFrame
        ``MENTION_COLUMNS``, sorted by article (in the order given) and start.
    """
    articles = articles.reset_index(drop=True)
    if index is None:
        index = index_texts(articles, n_jobs=n_jobs)
    found = match_lexicon(index, mentions.lexicon, n_jobs=n_jobs)
    doc = found["doc"].to_numpy()
    camp = articles["camp"] if "camp" in articles else pd.Series([""] * len(articles))
    return pd.DataFrame({
        "id": articles["id"].to_numpy()[doc], "outlet": articles["outlet"].to_numpy()[doc],
        "camp": camp.to_numpy()[doc], "item": mentions.items["id"].to_numpy()[found["entry"].to_numpy()],
        "sentence": index.sentence_of(doc, found["start"].to_numpy()) if len(found) else doc,
        "start": found["start"].to_numpy(), "end": found["end"].to_numpy(),
        "matched": [index.texts[d][s:e] for d, s, e in zip(doc.tolist(), found["start"].tolist(),
                                                          found["end"].tolist())]},
        columns=MENTION_COLUMNS)


def mention_matrix(hits: pd.DataFrame, articles: pd.DataFrame, mentions: Mentions, *,
                   by: str = "outlet", min_articles: int = 1,
                   majority: float = OMISSION_MAJORITY) -> pd.DataFrame:
    """Groups × items: the share of a group's articles that mention each item, with counts.

    A group omits an item when none of its articles mentions it while more than ``majority``
    of the other groups (those with ``min_articles`` articles or more) mention it at least once.

    Parameters
    ----------
    hits : DataFrame
        From :func:`find_mentions`.
    articles : DataFrame
        The same articles (``id`` and ``by``): the denominators.
    mentions : Mentions
        Gives the items and their order.
    by : str
        ``"outlet"`` or ``"camp"``.
    min_articles : int
        Groups with fewer articles are left out of the matrix.
    majority : float
        Share of the other groups that must mention an item for its absence to be an omission.

    Returns
    -------
    DataFrame
        ``MATRIX_COLUMNS``, one row per group and item (items in file order), sorted by group;
        ``others_mentioning`` is the share of the other groups that mention the item.
    """
    n_articles = articles.groupby(by)["id"].nunique()
    groups = sorted(n_articles.index[n_articles >= min_articles])
    items = mentions.items["id"].tolist()
    mentioning = (hits[hits[by].isin(groups)].drop_duplicates(["id", "item"])
                  .groupby([by, "item"]).size()
                  .unstack(fill_value=0).reindex(index=groups, columns=items, fill_value=0))
    any_mention = (mentioning > 0).to_numpy()
    n_groups = len(groups)
    # share of the *other* groups mentioning each item: leave the group's own column out
    others = (any_mention.sum(axis=0)[None, :] - any_mention) / max(n_groups - 1, 1)
    sizes = n_articles.reindex(groups).to_numpy()
    counts = mentioning.to_numpy()
    table = pd.DataFrame({
        "group": np.repeat(groups, len(items)), "item": np.tile(items, n_groups),
        "item_name": np.tile(mentions.items["name"].to_numpy(), n_groups),
        "articles": np.repeat(sizes, len(items)).astype("int64"),
        "mentioning": counts.ravel().astype("int64"),
        "share": (counts / np.maximum(sizes, 1)[:, None]).ravel(),
        "others_mentioning": others.ravel(),
        "omitted": ((counts == 0) & (others > majority) & (n_groups > 1)).ravel()},
        columns=MATRIX_COLUMNS)
    return table.reset_index(drop=True)
