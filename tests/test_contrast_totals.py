"""Fightin' Words from per-group term totals summed over batches (issue 18, contrast at scale):
equal to the comparisons on the whole corpus's count matrix.

The fixture corpus is generated from sentences we wrote, by invented outlets; batches of 37
articles split every outlet, camp and language across batch boundaries.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT, make_articles
from slant.contrast import (
    compare_each,
    compare_each_totals,
    compare_pairs,
    compare_pairs_totals,
    count_group_terms,
    count_terms,
    sum_group_terms,
)

SENTENCES = (
    "Barrel bombs fell on the old market.",
    "The ceasefire held along the river road.",
    "Residents fled the shelling of the eastern district.",
    "Officials said the convoy reached the besieged town.",
    "Militants seized the grain silos near the bridge.",
)
FRENCH = "Les habitants ont fui les bombardements du quartier est."
OUTLETS = (("outlet-a", "camp-one"), ("outlet-b", "camp-one"), ("outlet-c", "camp-two"))
N = 300


def _articles() -> pd.DataFrame:
    rows = []
    for i in range(N):
        outlet, camp = OUTLETS[i % 3]
        # article i holds the sentences k with i % (k + 2) == 0, and the first always
        text = " ".join(s for k, s in enumerate(SENTENCES) if k == 0 or i % (k + 2) == 0)
        rows.append((outlet, camp, FRENCH if i % 50 == 7 else text))
    articles = make_articles(rows, is_target=False)
    articles.loc[articles.index % 50 == 7, "language"] = "fr"
    articles.loc[4, "is_target"] = True
    return articles


def _batches(articles, size):
    return [articles.iloc[a:a + size] for a in range(0, len(articles), size)]


@pytest.mark.parametrize("by", ["outlet", "camp"])
def test_summed_totals_equal_the_whole_corpus(by):
    articles = _articles()
    counts = count_terms(articles)
    totals = sum_group_terms(count_group_terms(b, by=by) for b in _batches(articles, 37))
    whole = compare_each(articles, counts, by=by, top=8, min_count=1)
    summed = compare_each_totals(totals, top=8, min_count=1)
    pd.testing.assert_frame_equal(whole, summed)
    assert whole.attrs == summed.attrs == {"language": "en", "left_out": {"fr": 6}}
    pd.testing.assert_frame_equal(compare_pairs(articles, counts, by=by, top=8, min_count=1),
                                  compare_pairs_totals(totals, top=8, min_count=1))
    # the vocabulary of the sum is count_terms' (min_df 2 over the whole corpus)
    assert np.array_equal(totals.terms, counts.terms)


def test_totals_by_hand():
    totals = sum_group_terms(count_group_terms(b, by="outlet") for b in _batches(_articles(), 37))
    keys = totals.keys.set_index(["group", "language"])["articles"]
    # 100 articles per outlet; French ones are i = 7, 57, ..., 257 (i % 50 == 7): i % 3 gives
    # outlet-b (7, 157), outlet-a (57, 207), outlet-c (107, 257)
    assert keys.to_dict() == {("outlet-a", "en"): 98, ("outlet-a", "fr"): 2, ("outlet-b", "en"): 98,
                              ("outlet-b", "fr"): 2, ("outlet-c", "en"): 98, ("outlet-c", "fr"): 2}
    # "barrel bombs" once in every English article: 294 articles
    col = int(np.flatnonzero(totals.terms == "barrel bombs")[0])
    assert totals.df[col] == 294 and int(totals.counts[:, col].sum()) == 294


def test_fakes_totals_equal_the_whole_corpus(shared_dir):
    from slant.corpus import iter_article_batches, load_corpus

    corpus_dir = ROOT / "corpus" / "mayadin-2017"
    mirror = shared_dir / "corpora"
    corpus = load_corpus(corpus_dir, mirror=mirror)
    whole = compare_each(corpus.articles, count_terms(corpus.articles, outlets=corpus.outlets), by="outlet")
    batches = iter_article_batches(corpus_dir, batch_size=250, mirror=mirror)
    totals = sum_group_terms(count_group_terms(b, by="outlet", outlets=batches.outlets) for b in batches)
    pd.testing.assert_frame_equal(whole, compare_each_totals(totals))
    assert whole.attrs == compare_each_totals(totals).attrs
