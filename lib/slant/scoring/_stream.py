"""Scoring stage, batch by batch: the tables of :func:`slant.scoring.score_corpus` for a corpus
too large to hold, from batches of articles (:func:`slant.corpus.iter_article_batches`).

Input: an iterable of ``articles`` tables and a :class:`slant.lexicons.Lexicon`. Each batch is
scored with the one-pass code (:func:`slant.scoring.index_and_hits`); its hits go to a
callback as they come (the caller writes them: this stage writes no files) and are then
dropped. What is kept is small: the article rows (with each article's date, to put them in
the order :func:`slant.corpus.load_corpus` gives), the tone rows, and each batch's label
choices (counts per group, referent and label, summed at the end). Output: a
:class:`slant.scoring.Scores` whose tables equal ``score_corpus``'s row for row, its
``hits`` empty (they went to the callback) and its ``articles`` empty.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import chain

import numpy as np
import pandas as pd

from ..common import PARALLEL_MIN_CHARS, WorkerPool, n_workers
from ..lexicons import Lexicon, display_label, language_name
from ._coverage import mark_scored, not_scored_table
from ._onepass import prepare_lexicon
from ._scores import (
    HIT_COLUMNS,
    LABEL_CHOICE_COLUMNS,
    N_BOOT,
    Scores,
    _tone_started,
    article_scores,
    group_scores,
    index_and_hits,
    label_choices,
)
from ._tone import tone_table

__all__ = ["BatchResult", "combine_batches", "merge_label_choices", "score_batch", "score_batches"]

_GROUP = ["level", "group", "referent"]
_KEY = _GROUP + ["label", "language", "stance"]


def merge_label_choices(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """One :func:`slant.scoring.label_choices` table from those of disjoint sets of articles
    (batches: no article in two of them).

    ``mentions`` add up per (level, group, referent, label, language, stance);
    ``referent_mentions`` are the sums of those per (level, group, referent); ``articles``
    (articles of the group mentioning the referent) add up per (level, group, referent),
    since an article lies in one part only; ``share`` is recomputed. Same rows, values and
    order as ``label_choices`` of all the hits at once.
    """
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=LABEL_CHOICE_COLUMNS)
    rows = pd.concat([p.assign(_part=k) for k, p in enumerate(parts)], ignore_index=True)
    table = rows.groupby(_KEY, sort=False).agg(mentions=("mentions", "sum"), gloss=("gloss", "first")).reset_index()
    # each part repeats a (group, referent)'s article count on each of its labels: once per part
    articles = (rows.drop_duplicates(_GROUP + ["_part"])
                .groupby(_GROUP, sort=False)["articles"].sum())
    table["referent_mentions"] = table.groupby(_GROUP, sort=False)["mentions"].transform("sum").astype(np.int64)
    table["articles"] = articles.reindex(pd.MultiIndex.from_frame(table[_GROUP])).to_numpy(dtype=np.int64)
    table["mentions"] = table["mentions"].astype(np.int64)
    table["share"] = table["mentions"] / table["referent_mentions"]
    table["display"] = [display_label(lab, gl, lg) for lab, gl, lg in
                        zip(table["label"], table["gloss"], table["language"])]
    # label_choices' order: by level, referent, group, most mentions first, ties in key order
    table = table.sort_values(_KEY).sort_values(["level", "referent", "group", "mentions"],
                                                ascending=[True, True, True, False], kind="stable",
                                                ignore_index=True)[LABEL_CHOICE_COLUMNS]
    table.attrs["language_names"] = {code: language_name(code) for code in sorted(set(table["language"]))}
    return table


#: What one batch leaves behind: its hits (written, then dropped), its article rows, their
#: dates, its tone rows and its label choices.
BatchResult = tuple


def score_batch(batch: pd.DataFrame, lexicon: Lexicon, *, exclude_wire_copies: bool = False, tone: bool = True,
                tone_engine: str = "vectorised", pool: WorkerPool | None = None,
                n_jobs: int | None = None) -> BatchResult:
    """Score one batch of articles with the one-pass code: ``(hits, article rows, dates, tone
    rows, label choices)``, which :func:`combine_batches` turns into the corpus's tables.

    The same function runs in this process (:func:`score_batches`, its worker processes from
    ``pool``) and on a Dask worker (one partition per task, ``n_jobs=1``).
    """
    if exclude_wire_copies:
        batch = batch[batch["wire_credit"] == ""]
    articles = mark_scored(batch.reset_index(drop=True), lexicon)
    index, hits = index_and_hits(articles, lexicon, pool=pool, n_jobs=n_jobs)
    articles = articles.assign(words=index.words)
    with _tone_started(index, tone=tone, engine=tone_engine, pool=pool, n_jobs=n_jobs) as tone_sentences:
        per_article = article_scores(hits, articles)
        choices = label_choices(hits)
        tone_sentences = tone_sentences()
    tone_rows = None
    if tone:
        languages = articles.get("language", None)
        tone_rows = tone_table(tone_sentences, index, languages).merge(articles[["id", "outlet", "camp"]], on="id")
    return hits, per_article, articles["date"], tone_rows, choices


def combine_batches(results: Iterable[BatchResult], lexicon: Lexicon, *,
                    on_hits: Callable[[int, pd.DataFrame], None] | None = None,
                    n_boot: int = N_BOOT, random_state: int = 0) -> Scores:
    """The corpus's :class:`Scores` from its batches' results (:func:`score_batch`), taken in
    batch order as they come; each batch's hits go to ``on_hits`` and are dropped."""
    per_article, dates, tones, choices = [], [], [], []
    for k, (hits, scores, date, tone_rows, choice) in enumerate(results):
        per_article.append(scores)
        dates.append(date)
        choices.append(choice)
        if tone_rows is not None:
            tones.append(tone_rows)
        if on_hits is not None:
            on_hits(k, hits)
        del hits
    if not per_article:
        raise ValueError("score_batches: no articles in any batch; check the corpus's load report")
    scores = pd.concat(per_article, ignore_index=True)
    # the loaded corpus's order (date, then id): the bootstrap draws rows in this order
    order = pd.DataFrame({"date": pd.concat(dates, ignore_index=True), "id": scores["id"]})
    order = order.sort_values(["date", "id"], na_position="last", kind="stable").index
    scores = scores.loc[order].reset_index(drop=True)
    label_table = merge_label_choices(choices)
    left_out = scores.loc[~scores["scored"], "language"].replace("", "unknown")
    label_table.attrs["not_scored"] = left_out.value_counts().sort_index().to_dict()
    tone_rows = (pd.concat(tones, ignore_index=True) if tones
                 else pd.DataFrame(columns=["id", "outlet", "camp"]))
    return Scores(
        hits=pd.DataFrame(columns=HIT_COLUMNS), article_scores=scores,
        outlet_scores=group_scores(scores, by="outlet", n_boot=n_boot, random_state=random_state),
        camp_scores=group_scores(scores, by="camp", n_boot=n_boot, random_state=random_state),
        label_choices=label_table, tone=tone_rows, lexicon=lexicon, articles=pd.DataFrame(),
        not_scored=not_scored_table(scores))


def score_batches(batches: Iterable[pd.DataFrame], lexicon: Lexicon, *,
                  on_hits: Callable[[int, pd.DataFrame], None] | None = None,
                  exclude_wire_copies: bool = False, tone: bool = True, tone_engine: str = "vectorised",
                  n_boot: int = N_BOOT, random_state: int = 0, cluster=None) -> Scores:
    """Score a corpus batch by batch; the parameters are :func:`slant.scoring.score_corpus`'s.

    Parameters
    ----------
    batches : iterable of DataFrame
        ``articles`` tables (``slant.corpus.ARTICLE_COLUMNS``), no article in two of them.
    lexicon : Lexicon
        From :func:`slant.scoring.corpus_lexicon` or :func:`slant.lexicons.load_lexicons`.
    on_hits : callable, optional
        Called with (batch number, the batch's ``HIT_COLUMNS`` table) as each batch is scored.
    cluster : slant.common.DaskCluster, optional
        Score each batch on a Dask worker (``--engine dask``): the same :func:`score_batch`,
        in one process per worker; the lexicon, its automata built here, is sent to each
        worker once. The tables are the same as without.

    Returns
    -------
    Scores
        As :func:`score_corpus` gives them (article scores in date then id order, as the
        loaded corpus orders its articles), with ``hits`` and ``articles`` empty.
    """
    options = {"exclude_wire_copies": exclude_wire_copies, "tone": tone, "tone_engine": tone_engine}
    if cluster is not None:
        batches = iter(batches)
        first = next(batches, None)
        if first is not None:  # the automata the first batch's languages need, built here once
            marked = mark_scored(first, lexicon)  # and sent with the lexicon, in its cache
            prepare_lexicon(lexicon, marked["language"].fillna("").astype(str), ~marked["scored"].to_numpy(bool))
            batches = chain([first], batches)
        results = cluster.map(_score_partition, batches, static=lexicon, args=(options,))
        return combine_batches(results, lexicon, on_hits=on_hits, n_boot=n_boot, random_state=random_state)
    # one set of worker processes for every batch (a batch of PARALLEL_MIN_CHARS characters or
    # more uses them), holding the lexicon: not one set per batch and step
    with WorkerPool(n_workers(None, PARALLEL_MIN_CHARS)) as pool:
        results = (score_batch(batch, lexicon, pool=pool, **options) for batch in batches)
        return combine_batches(results, lexicon, on_hits=on_hits, n_boot=n_boot, random_state=random_state)


def _score_partition(lexicon: Lexicon, batch: pd.DataFrame, options: dict) -> BatchResult:
    """One partition on a Dask worker: :func:`score_batch` in the worker's own process (its
    lexicon is the one the worker received once, so its automata are reused across tasks)."""
    return score_batch(batch, lexicon, n_jobs=1, **options)
