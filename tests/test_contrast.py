"""Contrast: term counts, stop terms, and Fightin' Words (log-odds with an informative prior)."""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import CountVectorizer

from conftest import ROOT, make_articles
from slant.contrast import (
    CONTRAST_COLUMNS,
    NAME_WORDS_KEPT,
    STOP_TERMS,
    TERM_COLUMNS,
    ContrastError,
    compare,
    compare_each,
    compare_pairs,
    count_terms,
    group_sizes,
    log_odds,
    outlet_stop_terms,
)
from slant.corpus import load_corpus, load_outlets

#: A registry of invented outlets (the fixture texts below are ours, attributed to them).
REGISTRY = pd.DataFrame({
    "id": ["outlet-a", "outlet-b", "outlet-c"],
    "name": ["Outlet A", "Outlet B", "Outlet C"],
    "aliases": ["OutletA News | OANews", "", ""],
    "domain": ["outlet-a.example", "outlet-b.example", "outlet-c.example"],
})
NO_REGISTRY = REGISTRY.iloc[:0]


#: Three articles for the hand-worked test: outlet-a says "rebels" once and "terrorists" once,
#: outlet-b "terrorists" twice.
HAND = [
    ("outlet-a", "camp-x", "Rebels shelled the town."),
    ("outlet-a", "camp-x", "Terrorists shelled the town."),
    ("outlet-b", "camp-y", "Terrorists attacked the town. Terrorists fled."),
]


@pytest.fixture
def hand():
    articles = make_articles(HAND)
    return articles, count_terms(articles, outlets=REGISTRY, ngram_range=(1, 1), min_df=1)


def test_log_odds_by_hand(hand):
    # Counts (words only): outlet-a rebels 1, shelled 2, the 2, town 2, terrorists 1 -> n_i = 8;
    # outlet-b terrorists 2, attacked 1, the 1, town 1, fled 1 -> n_j = 6. Corpus: N = 14.
    # prior_scale = 14 makes a_w the corpus count: a_terrorists = 3, a_shelled = 2; a_0 = 14.
    # terrorists: delta = log((1+3)/(8+14-1-3)) - log((2+3)/(6+14-2-3)) = log(4/18) - log(5/15)
    #             = log(2/3) = -0.405465;  var = 1/4 + 1/5 = 0.45;  z = -0.405465/0.670820 = -0.604431
    # shelled:    delta = log((2+2)/(8+14-2-2)) - log((0+2)/(6+14-0-2)) = log(4/18) - log(2/18)
    #             = log 2 = 0.693147;  var = 1/4 + 1/2 = 0.75;  z = 0.693147/0.866025 = 0.800377
    articles, counts = hand
    table = compare(articles, counts, by="outlet", a="outlet-a", prior_scale=14, min_count=1)
    assert list(table.columns) == TERM_COLUMNS
    rows = table.set_index("term")
    assert rows.loc["terrorists", ["count_in", "count_out", "total"]].tolist() == [1, 2, 3]
    assert rows.loc["terrorists", "delta"] == pytest.approx(math.log(2 / 3))
    assert rows.loc["terrorists", "var"] == pytest.approx(0.45)
    assert rows.loc["terrorists", "z"] == pytest.approx(-0.604431, abs=1e-6)
    assert rows.loc["shelled", "delta"] == pytest.approx(math.log(2))
    assert rows.loc["shelled", "var"] == pytest.approx(0.75)
    assert rows.loc["shelled", "z"] == pytest.approx(0.800377, abs=1e-6)
    assert table["z"].is_monotonic_decreasing


def test_swapping_groups_flips_delta_and_z(hand):
    articles, counts = hand
    ab = compare(articles, counts, by="outlet", a="outlet-a", b="outlet-b").set_index("term")
    ba = compare(articles, counts, by="outlet", a="outlet-b", b="outlet-a").set_index("term")
    ba = ba.loc[ab.index]
    np.testing.assert_allclose(ab["delta"], -ba["delta"])
    np.testing.assert_allclose(ab["z"], -ba["z"])
    np.testing.assert_allclose(ab["var"], ba["var"])
    assert (ab["count_in"] == ba["count_out"]).all()


def test_min_count_drops_rare_terms(hand):
    # corpus counts: rebels 1, shelled 2, attacked 1, fled 1, the 3, town 3, terrorists 3
    articles, counts = hand
    table = compare(articles, counts, by="outlet", a="outlet-a", min_count=3)
    assert sorted(table["term"]) == ["terrorists", "the", "town"]


def test_out_group_none_is_the_rest(hand):
    articles, counts = hand
    mask = counts.rows(articles)[articles["outlet"].eq("outlet-a").to_numpy()]
    in_group = np.isin(np.arange(len(articles)), mask)
    pd.testing.assert_frame_equal(log_odds(counts, in_group),
                                  log_odds(counts, in_group, ~in_group))


def test_group_sizes_by_hand(hand):
    articles, counts = hand
    # outlet-a: two articles of four words each, all counted (no stop term, words only)
    assert group_sizes(articles, counts, articles["outlet"].eq("outlet-a")) == {
        "articles": 2, "words": 8, "terms": 8}


# --- tokens and stop terms -------------------------------------------------------------------

def terms_of(text, **kw):
    counts = count_terms(make_articles([("outlet-a", "camp-x", text)]), outlets=REGISTRY,
                         min_df=1, **kw)
    return dict(zip(counts.terms, counts.matrix.toarray()[0]))


@pytest.mark.parametrize(
    "text, present, absent",
    [("Daesh's fighters met Daesh’s leaders", {"daesh": 2}, {"daesh's", "daesh’s"}),
     ("U.S.-backed forces", {"us-backed": 1, "us": 1, "backed": 1, "us-backed forces": 1}, {"u"}),
     ("Daesh-held town", {"daesh-held": 1, "daesh": 1, "held": 1, "daesh-held town": 1},
      {"daesh town"}),
     ("In 2017 5-year-old boys ran", {"in": 1, "boys": 1}, {"in boys", "year-old", "boys ran x"}),
     ("The army advanced. Rebels fled", {"army advanced": 1, "rebels fled": 1},
      {"advanced rebels"}),
     ("See https://outlet.example/page now", {"see": 1, "now": 1},
      {"https", "example", "page", "see now"}),
     ("Fighting on Thursday ended", {"fighting on": 1}, {"thursday", "on ended", "on thursday"}),
     ("A raid - REUTERS", {"raid": 1}, {"reuters", "a", "raid reuters"}),
     ("Officials told OutletA News reporters", {"told": 1, "reporters": 1},
      {"news", "outleta", "told reporters"})],
    ids=["possessive", "letter-dot-abbreviation", "hyphenated-word-and-parts",
         "numbers-and-digits-break", "sentence-break", "url-dropped", "stop-word-breaks-pair",
         "wire-trailer", "stop-phrase-breaks-pair"],
)
def test_tokens(text, present, absent):
    counts = terms_of(text)
    assert {t: counts.get(t) for t in present} == present
    assert not absent & set(counts)


def test_same_matrix_as_countvectorizer():
    # plain lowercase words, no punctuation, hyphens or stop terms: the two counters must agree
    texts = ["army shelled the old town", "rebels shelled the old town",
             "the army took the town", "the army took the old road"]
    articles = make_articles([("outlet-a", "camp-x", t) for t in texts])
    ours = count_terms(articles, outlets=NO_REGISTRY, min_df=2)
    vectorizer = CountVectorizer(token_pattern=r"(?u)\b[^\W\d_]{2,}\b", ngram_range=(1, 2),
                                 min_df=2)
    theirs = vectorizer.fit_transform(texts)
    assert ours.terms.tolist() == vectorizer.get_feature_names_out().tolist()
    assert (ours.matrix != theirs).nnz == 0


def test_outlet_self_name_never_ranks():
    articles = make_articles([
        ("outlet-a", "camp-x", "Outlet A reported that the army advanced on the town."),
        ("outlet-a", "camp-x", "Outlet A reported heavy shelling near the town."),
        ("outlet-a", "camp-x", "OutletA News says the army advanced, OANews adds."),
        ("outlet-b", "camp-y", "The army advanced on the town, a news conference heard."),
        ("outlet-b", "camp-y", "Heavy shelling hit the town, residents said."),
    ])
    counts = count_terms(articles, outlets=REGISTRY, min_df=1)
    assert not [t for t in counts.terms if "outlet" in t or "oanews" in t]
    # "OutletA News" is removed where it stands; "news" elsewhere still counts
    assert counts.matrix[:, counts.terms.tolist().index("news")].sum() == 1
    ranked = compare_each(articles, counts, by="outlet", top=50, min_count=1)
    assert "reported" in ranked.loc[ranked["group"].eq("outlet-a"), "term"].tolist()
    assert not ranked["term"].str.contains("outlet").any()


def test_outlet_stop_terms_keep_common_words():
    terms = outlet_stop_terms(load_outlets())
    for name in ["sputnik", "manar", "al-manar", "al manar", "almanar", "press tv", "presstv",
                 "sana", "reuters", "alalam", "syrian arab news agency", "trt world", "etilaf"]:
        assert name in terms, name
    common = {"the", "news", "times", "daily", "agency", "syrian", "arab", "world", "press", "tv",
              "al", "abu", "hayat", "front", "rojava", "eu", "informed", "middle east"}
    assert not common & terms
    assert not NAME_WORDS_KEPT & terms


def test_stop_terms_list():
    assert {"reuters", "afp", "october", "thursday", "copyright", "reporting by"} <= STOP_TERMS
    # kept on purpose: the modal verb, and attribution (part of an outlet's style)
    assert not {"may", "said"} & STOP_TERMS


def test_min_df_and_extra_stop():
    articles = make_articles([("outlet-a", "camp-x", "Shelling hit Homs"),
                              ("outlet-b", "camp-y", "Shelling hit Hama")])
    counts = count_terms(articles, outlets=REGISTRY, extra_stop=["Hit"])
    assert counts.terms.tolist() == ["shelling"]  # "homs" and "hama": one article each


# --- comparisons ---------------------------------------------------------------------------

@pytest.fixture
def camps():
    articles = make_articles([
        ("outlet-a", "camp-x", "Terrorists fired rocket shells at the town. Terrorists fled."),
        ("outlet-a", "camp-x", "Terrorists fired rocket shells on the city."),
        ("outlet-b", "camp-y", "The regime bombed the town. Rebels held the city."),
        ("outlet-b", "camp-y", "Regime aircraft bombed the city."),
        ("outlet-c", "camp-z", "Militants fired on the town and the city."),
        ("outlet-c", "camp-z", "Militants and the regime fought near the town."),
    ])
    return articles, count_terms(articles, outlets=REGISTRY, min_df=1)


def test_compare_each_matches_compare(camps):
    articles, counts = camps
    each = compare_each(articles, counts, by="outlet", top=3, min_count=1)
    assert list(each.columns) == CONTRAST_COLUMNS
    assert each.groupby(["group", "side"]).size().max() <= 3
    for outlet in ["outlet-a", "outlet-b", "outlet-c"]:
        full = compare(articles, counts, by="outlet", a=outlet, min_count=1)
        mine = each[each["group"].eq(outlet) & each["side"].eq("group")]
        assert mine["term"].tolist() == full["term"].head(3).tolist()
        theirs = each[each["group"].eq(outlet) & each["side"].eq("other")]
        assert theirs["term"].tolist() == full.sort_values(["z", "term"])["term"].head(3).tolist()
    assert each.loc[each["group"].eq("outlet-a") & each["side"].eq("group"), "term"].iloc[0] == (
        "terrorists")


def test_compare_pairs_matches_compare(camps):
    articles, counts = camps
    pairs = compare_pairs(articles, counts, by="camp", top=2, min_count=1)
    assert sorted(set(zip(pairs["group"], pairs["other"]))) == [
        ("camp-x", "camp-y"), ("camp-x", "camp-z"), ("camp-y", "camp-z")]
    full = compare(articles, counts, by="camp", a="camp-x", b="camp-y", min_count=1)
    block = pairs[pairs["group"].eq("camp-x") & pairs["other"].eq("camp-y")]
    assert block.loc[block["side"].eq("group"), "term"].tolist() == full["term"].head(2).tolist()
    assert block.loc[block["side"].eq("other"), "term"].tolist() == (
        full.sort_values(["z", "term"])["term"].head(2).tolist())
    assert (block.loc[block["side"].eq("other"), "z"] < 0).all()


def test_one_article_is_a_group(camps):
    articles, counts = camps
    articles = articles.assign(is_target=articles["id"].eq("a3"))
    by_id = compare(articles, counts, by="id", a="a3", min_count=1)
    by_flag = compare(articles, counts, by="is_target", a=True, min_count=1)
    pd.testing.assert_frame_equal(by_id, by_flag)
    assert by_id["term"].iloc[0] == "aircraft"


@pytest.mark.parametrize(
    "call, message",
    [(lambda a, c: compare(a, c, by="desk", a="x"), "no column 'desk'"),
     (lambda a, c: compare(a, c, by="outlet", a="outlet-z"), "no article has outlet"),
     (lambda a, c: compare(a, c, by="outlet", a="outlet-a", prior_scale=0), "positive"),
     (lambda a, c: log_odds(c, np.ones(6, bool)), "rest is empty"),
     (lambda a, c: log_odds(c, np.arange(6) < 3, np.arange(6) < 4), "share articles"),
     (lambda a, c: log_odds(c, np.arange(6) < 3, np.zeros(6, bool)), "selects no article"),
     (lambda a, c: log_odds(c, np.ones(6, int)), "boolean array"),
     (lambda a, c: compare(a.assign(id="zz" + a["id"]), c, by="outlet", a="outlet-a"),
      "not in these counts"),
     (lambda a, c: count_terms(a, outlets=REGISTRY, ngram_range=(1, 3)), "ngram_range"),
     (lambda a, c: count_terms(a[["id"]], outlets=REGISTRY), "'id' and 'text'"),
     (lambda a, c: group_sizes(a, c, [True]), "one value per article"),
     (lambda a, c: count_terms(a.iloc[:0], outlets=REGISTRY), "no articles")],
    ids=["unknown-column", "unknown-value", "prior-not-positive", "no-rest", "groups-overlap",
         "empty-group", "mask-not-boolean", "foreign-articles", "trigrams", "no-text-column",
         "short-mask", "no-articles"],
)
def test_errors_name_the_fix(call, message, camps):
    articles, counts = camps
    with pytest.raises(ContrastError, match=message):
        call(articles, counts)


# --- FA-KES and the target (../shared) ---------------------------------------------------------

@lru_cache(maxsize=1)
def _fakes(mirror):
    corpus = load_corpus(ROOT / "corpus" / "mayadin-2017", mirror=mirror)
    return corpus, count_terms(corpus.articles, outlets=corpus.outlets)


def test_target_terms_beat_its_stop_words(shared_dir):
    corpus, counts = _fakes(shared_dir / "corpora")
    table = compare(corpus.articles, counts, by="is_target", a=True)
    assert "daesh" in table["term"].head(10).tolist()
    z = table.set_index("term")["z"]
    assert (z[["the", "of", "and", "to", "in"]].abs() < 2).all()
    assert z["daesh"] > 2 * z[["the", "of", "and", "to", "in"]].abs().max()
    # "Takfiri" stands once in the target (and 90 times in FA-KES's other articles): its z is
    # positive but, for one occurrence, about 1.4, below dozens of the target's terms. See the
    # module docstring of slant.contrast: z measures evidence, and one use is little evidence.
    assert z["takfiri"] > 0


def test_camp_terms_on_fakes(shared_dir):
    corpus, counts = _fakes(shared_dir / "corpora")
    pro = compare(corpus.articles, counts, by="camp", a="pro-government")
    assert "terrorists" in pro["term"].head(10).tolist()
    other = compare(corpus.articles, counts, by="camp", a=["opposition", "Gulf"])
    assert "regime" in other["term"].head(10).tolist()


def test_no_outlet_ranks_its_own_name_on_fakes(shared_dir):
    corpus, counts = _fakes(shared_dir / "corpora")
    each = compare_each(corpus.articles, counts, by="outlet", top=20)
    assert set(each["group"]) >= {"sana", "manar", "reuters", "sputnik", "trt", "etilaf"}
    registry = corpus.outlets.set_index("id")
    for outlet, rows in each[each["side"].eq("group")].groupby("group"):
        own = outlet_stop_terms(registry.loc[[outlet]].reset_index())
        words = {w for term in rows["term"] for w in term.split()}
        assert not (own & set(rows["term"])) | (own & words), outlet


def test_term_z_agrees_with_compare():
    from conftest import TINY_CORPUS
    from slant.contrast import compare, count_terms, term_z
    from slant.corpus import load_corpus

    corpus = load_corpus(TINY_CORPUS)
    counts = count_terms(corpus.articles, outlets=corpus.outlets, min_df=1)
    table = term_z(corpus.articles, counts, ["Terrorists", "not-a-counted-term"], by="camp")
    assert table["term"].unique().tolist() == ["terrorists"]  # lower-cased; the unknown term left out
    row = table.set_index("group").loc["pro-government"]
    full = compare(corpus.articles, counts, by="camp", a="pro-government", min_count=1).set_index("term")
    assert row["z"] == pytest.approx(full.loc["terrorists", "z"])
    assert row["count_in"] == 2 and table.attrs["articles"] == 7


@pytest.mark.parametrize(
    "prior_scale, expected",
    [
        # a_0 = 7, half the corpus's N = 14 words: a_w = 7 * (corpus count / 14) = count / 2.
        # terrorists (y_i = 1, y_j = 2, a = 1.5):
        #   delta = log(2.5 / (8 + 7 - 2.5)) - log(3.5 / (6 + 7 - 3.5)) = log(1/5) - log(7/19)
        #         = log(19/35) = -0.610909;  var = 1/2.5 + 1/3.5 = 24/35 = 0.685714;
        #   z = -0.610909 / 0.828079 = -0.737743
        # shelled (y_i = 2, y_j = 0, a = 1):
        #   delta = log(3 / 12) - log(1 / 12) = log 3 = 1.098612;  var = 1/3 + 1 = 4/3;
        #   z = 1.098612 / 1.154701 = 0.951426
        # rebels (y_i = 1, y_j = 0, a = 0.5):
        #   delta = log(1.5 / 13.5) - log(0.5 / 12.5) = log(25/9) = 1.021651;
        #   var = 1/1.5 + 1/0.5 = 8/3;  z = 1.021651 / 1.632993 = 0.625631
        (7, {"terrorists": (math.log(19 / 35), 24 / 35, -0.737743),
             "shelled": (math.log(3), 4 / 3, 0.951426),
             "rebels": (math.log(25 / 9), 8 / 3, 0.625631)}),
        # a_0 = 28, twice N: a_w = 2 * count.
        # terrorists (a = 6): log(7 / 29) - log(8 / 26) = log(91/116) = -0.242731;
        #   var = 1/7 + 1/8 = 15/56 = 0.267857;  z = -0.242731 / 0.517549 = -0.469000
        # shelled (a = 4): log(6 / 30) - log(4 / 30) = log(3/2) = 0.405465;
        #   var = 1/6 + 1/4 = 5/12;  z = 0.405465 / 0.645497 = 0.628144
        # rebels (a = 2): log(3 / 33) - log(2 / 32) = log(16/11) = 0.374693;
        #   var = 1/3 + 1/2 = 5/6;  z = 0.374693 / 0.912871 = 0.410456
        (28, {"terrorists": (math.log(91 / 116), 15 / 56, -0.469000),
              "shelled": (math.log(3 / 2), 5 / 12, 0.628144),
              "rebels": (math.log(16 / 11), 5 / 6, 0.410456)}),
    ],
    ids=["prior-half-the-corpus", "prior-twice-the-corpus"],
)
def test_log_odds_by_hand_prior_scale_not_the_corpus_size(hand, prior_scale, expected):
    """Monroe, Colaresi & Quinn (2008), section 3.5, with a_w = a_0 * corpus share and a_0 =
    prior_scale: worked for an a_0 other than the corpus size (14), where a prior of raw corpus
    counts (a_w = count, a_0 = N) would give other numbers (test_log_odds_by_hand's)."""
    articles, counts = hand
    table = compare(articles, counts, by="outlet", a="outlet-a", prior_scale=prior_scale,
                    min_count=1).set_index("term")
    for term, (delta, var, z) in expected.items():
        assert table.loc[term, "delta"] == pytest.approx(delta, abs=1e-9), term
        assert table.loc[term, "var"] == pytest.approx(var, abs=1e-9), term
        assert table.loc[term, "z"] == pytest.approx(z, abs=1e-6), term
    # the same numbers from log_odds with the masks, and for the rest of the corpus as out-group
    rows = counts.rows(articles)[articles["outlet"].eq("outlet-a").to_numpy()]
    in_group = np.isin(np.arange(len(articles)), rows)
    direct = log_odds(counts, in_group, prior_scale=prior_scale, min_count=1).set_index("term")
    assert direct.loc[list(expected), "z"].tolist() == pytest.approx([e[2] for e in expected.values()],
                                                                        abs=1e-6)
