"""Tests found missing by mutation testing of slant.contrast._logodds (`make mutate
MODULES=logodds`, docs/mutation.md): whole tables checked column by column, the edges of
the filters, and suggest_terms with its examples worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import FIXTURES, make_articles
from slant.contrast import (
    CONTRAST_COLUMNS,
    TERM_COLUMNS,
    ContrastError,
    compare,
    compare_each,
    compare_pairs,
    count_terms,
    group_sizes,
    log_odds,
    suggest_terms,
    term_z,
)
from slant.contrast._logodds import EXAMPLE_WIDTH, _examples
from slant.lexicons import load_lexicon

REGISTRY = pd.DataFrame({"id": ["outlet-a", "outlet-b"], "name": ["Outlet A", "Outlet B"],
                         "aliases": ["", ""], "domain": ["outlet-a.example", "outlet-b.example"]})

#: camp-y comes first, so a group order that follows the rows, not the sort, shows.
ROWS = [
    ("outlet-b", "camp-y", "Soldiers guarded the market. Soldiers rested."),
    ("outlet-b", "camp-y", "Soldiers guarded the bakery."),
    ("outlet-a", "camp-x", "Terrorists shelled the market. The gunmen fled. Terrorists fled."),
    ("outlet-a", "camp-x", "Terrorists shelled the bakery.\nGunmen hid."),
]


@pytest.fixture
def small():
    articles = make_articles(ROWS)
    return articles, count_terms(articles, outlets=REGISTRY, min_df=1)


def _expected_each(articles, counts, by, top, min_count, prior_scale=1000.0):
    """compare_each rebuilt from log_odds, one group at a time."""
    parts = []
    for value in sorted(articles[by].unique()):
        full = compare(articles, counts, by=by, a=value, min_count=min_count,
                       prior_scale=prior_scale)
        mine = full[full["z"] > 0].head(top)
        theirs = full[full["z"] < 0].sort_values(["z", "term"]).head(top)
        for side, rows in (("group", mine), ("other", theirs)):
            parts.append(rows.assign(group=value, other="rest", side=side,
                                     rank=np.arange(1, len(rows) + 1)))
    return pd.concat(parts, ignore_index=True)[CONTRAST_COLUMNS]


@pytest.mark.parametrize("top, min_count, prior_scale", [(3, 1, 1000.0), (2, 2, 1000.0),
                                                         (10, 1, 1.0)],
                         ids=["ties-at-the-cut", "min-count-drops", "small-prior"])
def test_compare_each_is_log_odds_per_group(small, top, min_count, prior_scale):
    articles, counts = small
    each = compare_each(articles, counts, by="camp", top=top, min_count=min_count,
                        prior_scale=prior_scale)
    expected = _expected_each(articles, counts, "camp", top, min_count, prior_scale)
    pd.testing.assert_frame_equal(each, expected)
    assert each["group"].tolist()[0] == "camp-x"  # groups in sorted order, not row order
    assert (each.loc[each["side"].eq("group"), "z"] > 0).all()


def test_a_term_with_z_zero_is_on_no_side():
    # Both camps say "soldiers rested" and have as many terms: for those words the formula
    # gives the same number on both sides, so delta and z are 0 exactly, and neither side
    # lists them; only gunmen (camp-x) and rebels (camp-y) are over-represented.
    articles = make_articles([("outlet-a", "camp-x", "Soldiers rested. Gunmen fled."),
                              ("outlet-b", "camp-y", "Soldiers rested. Rebels fled.")])
    counts = count_terms(articles, outlets=REGISTRY, min_df=1)
    full = compare(articles, counts, by="camp", a="camp-x", min_count=1)
    assert set(full.loc[full["z"] == 0, "term"]) == {"soldiers", "rested", "soldiers rested",
                                                     "fled"}
    each = compare_each(articles, counts, by="camp", top=50, min_count=1)
    assert set(each["term"]) == {"gunmen", "gunmen fled", "rebels", "rebels fled"}


def test_compare_each_on_a_subset_of_the_counted_articles(small):
    articles, counts = small
    subset = articles.iloc[[0, 2]]  # the last counted rows are not in the comparison
    each = compare_each(subset, counts, by="camp", top=2, min_count=1)
    expected = _expected_each(subset, counts, "camp", 2, 1)
    pd.testing.assert_frame_equal(each, expected)


def test_compare_pairs_is_log_odds_per_pair(small):
    articles, counts = small
    pairs = compare_pairs(articles, counts, by="camp", top=3, min_count=1)
    full = compare(articles, counts, by="camp", a="camp-x", b="camp-y", min_count=1)
    mine, theirs = full[full["z"] > 0].head(3), full[full["z"] < 0].sort_values(["z", "term"]).head(3)
    expected = pd.concat([rows.assign(group="camp-x", other="camp-y", side=side,
                                      rank=np.arange(1, len(rows) + 1))
                          for side, rows in (("group", mine), ("other", theirs))],
                         ignore_index=True)[CONTRAST_COLUMNS]
    pd.testing.assert_frame_equal(pairs, expected)


def test_no_comparison_gives_the_columns():
    articles = make_articles([("outlet-a", "camp-x", "Soldiers rested."),
                              ("outlet-a", "camp-x", "Soldiers guarded.")])
    counts = count_terms(articles, outlets=REGISTRY, min_df=1)
    for table in (compare_each(articles, counts, by="camp", min_count=1),
                  compare_pairs(articles, counts, by="camp", min_count=1)):
        assert table.empty and list(table.columns) == CONTRAST_COLUMNS


def test_log_odds_table_types_and_index(small):
    _, counts = small
    table = log_odds(counts, np.array([False, False, True, True]), min_count=2)
    assert list(table.columns) == TERM_COLUMNS
    assert table.index.equals(pd.RangeIndex(len(table)))
    for column in ("count_in", "count_out", "total"):
        assert table[column].dtype == np.int64, column
    row = table.set_index("term").loc["terrorists"]
    assert (row["count_in"], row["count_out"], row["total"]) == (3, 0, 3)
    # min_count=2 keeps a term seen exactly twice ("gunmen") and drops one seen once ("hid")
    assert "gunmen" in table["term"].tolist() and "hid" not in table["term"].tolist()


def test_a_prior_below_one_pseudo_word_is_allowed(small):
    articles, counts = small
    table = compare(articles, counts, by="camp", a="camp-x", min_count=1, prior_scale=0.5)
    assert len(table) == len(counts.terms)


@pytest.mark.filterwarnings("ignore:divide by zero:RuntimeWarning",
                            "ignore:invalid value:RuntimeWarning")
def test_prior_of_a_one_token_corpus():
    # One counted token in the whole corpus ("gunmen"; numbers are not counted): its share is 1,
    # so alpha = prior_scale = 4. delta = log((1+4)/(1+4-1-4)) is infinite; z is the sign.
    articles = make_articles([("outlet-a", "camp-x", "Gunmen."), ("outlet-b", "camp-y", "42.")])
    counts = count_terms(articles, outlets=REGISTRY, min_df=1)
    assert counts.terms.tolist() == ["gunmen"]
    row = compare(articles, counts, by="camp", a="camp-x", min_count=1, prior_scale=4.0).iloc[0]
    # var = 1/(1+4) + 1/(0+4) = 0.45
    assert row["var"] == pytest.approx(0.45)


def test_unknown_value_lists_ten_values():
    articles = make_articles([("outlet-a", "camp-x", f"Soldiers rested {w}.")
                              for w in "abcdefghijk"])
    counts = count_terms(articles, outlets=REGISTRY, min_df=1)
    with pytest.raises(ContrastError) as err:
        compare(articles, counts, by="id", a="zz")
    # ids sorted as text: a0 a1 a10 a2 ... a8 are the first ten; a9 is the eleventh
    assert "'a0', 'a1', 'a10', 'a2'" in str(err.value) and "'a8'" in str(err.value)
    assert "'a9'" not in str(err.value)


def test_group_sizes_by_hand(small):
    articles, counts = small
    # camp-x: "terrorists shelled the market the gunmen fled terrorists fled" (9 words) and
    # "terrorists shelled the bakery gunmen hid" (6 words)
    sizes = group_sizes(articles, counts, articles["camp"].eq("camp-x"))
    assert sizes["articles"] == 2 and sizes["words"] == 15
    assert sizes["terms"] == int(counts.matrix[[2, 3]].sum())


def test_term_z_columns_by_hand(small):
    articles, counts = small
    table = term_z(articles, counts, ["Gunmen", "soldiers"], by="camp")
    assert list(table.columns) == ["group", "term", "count_in", "count_out", "delta", "z"]
    assert table.index.equals(pd.RangeIndex(4))
    assert table["count_in"].dtype == np.int64 and table["count_out"].dtype == np.int64
    x = table[table["group"].eq("camp-x")].set_index("term")
    assert x.loc["gunmen", ["count_in", "count_out"]].tolist() == [2, 0]
    assert x.loc["soldiers", ["count_in", "count_out"]].tolist() == [0, 3]
    full = compare(articles, counts, by="camp", a="camp-x", min_count=1).set_index("term")
    assert x.loc["gunmen", "delta"] == pytest.approx(full.loc["gunmen", "delta"])
    assert x.loc["soldiers", "z"] == pytest.approx(full.loc["soldiers", "z"])
    none = term_z(articles, counts, ["not-counted"], by="camp")
    assert none.empty and none.attrs["articles"] == 4


# --- suggest_terms -----------------------------------------------------------------------------

TEXT_X0 = ROWS[2][2]
TEXT_X1 = ROWS[3][2].replace("\n", " ")
TEXT_Y0, TEXT_Y1 = ROWS[0][2], ROWS[1][2]


@pytest.fixture(scope="module")
def tiny_lexicon():
    return load_lexicon(FIXTURES / "tiny-lexicon.yml")


def test_suggest_terms_by_hand(small, tiny_lexicon):
    articles, counts = small
    table = suggest_terms(articles, counts, tiny_lexicon, by="camp", top=2, min_z=0.15,
                          examples=2, min_count=1)
    assert list(table.columns) == ["group", "term", "z", "delta", "count_in", "count_out",
                                   "examples"]
    # camp-x's top terms are terrorists (z 0.22), then fled, gunmen, shelled (z 0.17, by term):
    # "terrorists" is a lexicon label, so fled and gunmen are suggested; camp-y's soldiers and
    # guarded (0.32, 0.25) are.
    assert list(zip(table["group"], table["term"])) == [
        ("camp-x", "fled"), ("camp-x", "gunmen"), ("camp-y", "soldiers"), ("camp-y", "guarded")]
    each = compare_each(articles, counts, by="camp", top=8, min_count=1)
    each = each[each["side"].eq("group")].set_index(["group", "term"])
    for row in table.itertuples():
        ref = each.loc[(row.group, row.term)]
        assert (row.z, row.delta) == (pytest.approx(ref["z"]), pytest.approx(ref["delta"]))
        assert (row.count_in, row.count_out) == (ref["count_in"], ref["count_out"])
    # examples: whole texts (all shorter than the width), newlines as spaces, at most two
    assert table["examples"].tolist() == [
        f"…{TEXT_X0}… | …{TEXT_X0}…",  # "fled" twice in the first article
        f"…{TEXT_X0}… | …{TEXT_X1}…",
        f"…{TEXT_Y0}… | …{TEXT_Y0}…",
        f"…{TEXT_Y0}… | …{TEXT_Y1}…",
    ]
    one = suggest_terms(articles, counts, tiny_lexicon, by="camp", top=2, min_z=0.15,
                        examples=1, min_count=1)
    assert one["examples"].tolist() == [f"…{TEXT_X0}…", f"…{TEXT_X0}…", f"…{TEXT_Y0}…",
                                        f"…{TEXT_Y0}…"]


def test_suggest_terms_min_z_and_empty(small, tiny_lexicon):
    articles, counts = small
    # z of camp-y's "guarded" is 0.2535: a min_z just above leaves soldiers only
    table = suggest_terms(articles, counts, tiny_lexicon, by="camp", top=5, min_z=0.26,
                          min_count=1)
    assert list(zip(table["group"], table["term"])) == [("camp-y", "soldiers")]
    # a min_z equal to a z keeps that term
    z = table["z"].iloc[0]
    again = suggest_terms(articles, counts, tiny_lexicon, by="camp", top=5, min_z=z, min_count=1)
    assert again["term"].tolist() == ["soldiers"]
    none = suggest_terms(articles, counts, tiny_lexicon, by="camp", min_z=5.0, min_count=1)
    assert none.empty and list(none.columns) == ["group", "term", "z", "delta", "count_in",
                                                 "count_out", "examples"]


def test_suggest_terms_default_min_count_drops_rare_terms(small, tiny_lexicon):
    articles, counts = small
    # only "the" (5 times, z 0.003 for camp-x) reaches the default min_count of 5 here
    assert suggest_terms(articles, counts, tiny_lexicon, by="camp", min_z=0.001)["term"].tolist() == [
        "the"]
    assert suggest_terms(articles, counts, tiny_lexicon, by="camp", min_z=0.01).empty


def test_examples_are_cut_at_the_width():
    before, after = "p" * (EXAMPLE_WIDTH + 10), "q" * (EXAMPLE_WIDTH + 10)
    text = f"{before} rocket-shells {after}"
    articles = pd.DataFrame({"camp": ["camp-x", "camp-y"],
                             "text": [text, "Rocket\nshells fell. rocket shells fell."]})
    table = pd.DataFrame({"group": ["camp-x", "camp-y", "camp-y"],
                          "term": ["rocket shells", "rocket shells", "fell"]})
    out = _examples(articles, table, by="camp", n=2)
    # the match starts after len(before) + 1 characters: EXAMPLE_WIDTH on each side of it
    start = len(before) + 1
    end = start + len("rocket-shells")
    assert out[0] == "…" + text[start - EXAMPLE_WIDTH:end + EXAMPLE_WIDTH] + "…"
    assert out[0] == "…" + "p" * (EXAMPLE_WIDTH - 1) + " rocket-shells " + "q" * (
        EXAMPLE_WIDTH - 1) + "…"
    both = "…Rocket shells fell. rocket shells fell.…"
    assert out[1] == f"{both} | {both}"  # any case, a newline or a space between the words
    assert out[2] == f"{both} | {both}"


def test_term_z_without_groups_gives_the_columns(small):
    articles, counts = small
    table = term_z(articles.assign(camp=None), counts, ["gunmen"], by="camp")
    assert table.empty
    assert list(table.columns) == ["group", "term", "count_in", "count_out", "delta", "z"]


def test_group_sizes_takes_a_mask_of_ones_and_zeros(small):
    articles, counts = small
    assert group_sizes(articles, counts, [0, 0, 1, 1]) == group_sizes(
        articles, counts, articles["camp"].eq("camp-x"))


def test_suggest_terms_uses_the_prior_scale(small, tiny_lexicon):
    articles, counts = small
    table = suggest_terms(articles, counts, tiny_lexicon, by="camp", top=1, min_z=0.0,
                          min_count=1, prior_scale=1.0)
    each = compare_each(articles, counts, by="camp", top=1, min_count=1, prior_scale=1.0)
    mine = each[each["side"].eq("group") & each["group"].eq("camp-y")]
    y = table[table["group"].eq("camp-y")]
    assert y["term"].tolist() == mine["term"].tolist()
    assert y["z"].tolist() == pytest.approx(mine["z"].tolist())


def test_examples_prefer_the_longer_term_and_join_hyphens():
    # "rocket" is a prefix of "rocket shells": the longer term is tried first, so each finds
    # its own example (with n=2, "rocket" still has one: "Rocket shells" is the longer
    # term's); a counted hyphenated word "us-backed" finds "US-backed" (not "US backed").
    articles = pd.DataFrame({"camp": ["camp-x"],
                             "text": ["Rocket shells fell. A rocket flew. US-backed units, US backed."]})
    table = pd.DataFrame({"group": ["camp-x"] * 3, "term": ["rocket", "rocket shells", "us-backed"]})
    out = _examples(articles, table, by="camp", n=1)
    text = articles["text"].iat[0]
    assert out == [f"…{text}…"] * 3
    two = _examples(articles, table, by="camp", n=2)
    assert two == [f"…{text}…", f"…{text}…", f"…{text}…"]
