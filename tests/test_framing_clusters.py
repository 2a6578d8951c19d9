"""Story clusters, their evaluation against Penn's events, and the outlet map (slant.framing)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT
from slant.framing import (
    FramingError,
    cluster_stories,
    pair_scores,
    score_penn_events,
    story_table,
    uncovered_camps,
)


def _articles(rows):
    """Articles we wrote, of invented outlets: (id, outlet, camp, date, text)."""
    frame = pd.DataFrame(rows, columns=["id", "outlet", "camp", "date", "text"])
    return frame.assign(outlet_name=frame["outlet"], title="", date=pd.to_datetime(frame["date"]))


TWO_EVENTS = _articles([
    ("a1", "outlet-a", "pro-government", "2017-10-02", "The dam above Qaryat burst and flood water covered the lower town."),
    ("b1", "outlet-b", "Western", "2017-10-02", "Flood water from the burst dam covered the lower town of Qaryat overnight."),
    ("c1", "outlet-c", "opposition", "2017-10-03", "Rescuers searched the lower town after the dam burst flooded Qaryat."),
    ("a2", "outlet-a", "pro-government", "2017-10-03", "Voters in Barin chose a new council in a quiet election on Tuesday."),
    ("b2", "outlet-b", "Western", "2017-10-04", "The Barin council election drew few voters, observers said on Tuesday."),
    # the same words as the flood, a month later: outside the date window, its own story
    ("c2", "outlet-c", "opposition", "2017-11-20", "The dam above Qaryat burst and flood water covered the lower town."),
])


def test_two_invented_events_two_clusters():
    clusters = cluster_stories(TWO_EVENTS)
    label = clusters.set_index("id")["cluster"]
    assert label["a1"] == label["b1"] == label["c1"]
    assert label["a2"] == label["b2"] != label["a1"]
    assert label["c2"] not in {label["a1"], label["a2"]}  # 48 days later: not the same event
    assert label["a1"] == 0  # numbered by size, largest first


def test_story_table_and_uncovered_camps():
    clusters = cluster_stories(TWO_EVENTS)
    stories = story_table(TWO_EVENTS, clusters)
    assert stories["articles"].tolist() == [3, 2]
    first = stories.iloc[0]
    assert first.outlets == "outlet-a, outlet-b, outlet-c" and first.n_camps == 3
    assert first.first_date == pd.Timestamp("2017-10-02") and first.last_date == pd.Timestamp("2017-10-03")
    assert "dam" in first.top_terms.split(", ")[:4]
    missing = uncovered_camps(stories, TWO_EVENTS, min_outlets=2)
    by = missing.set_index("cluster")["not_covered_by"]
    assert by[0] == "" and by[1] == "opposition"


def test_pair_scores_by_hand():
    # gold {1,2,3}{4}; predicted {1,2}{3,4}: predicted pairs (1,2),(3,4); gold pairs (1,2),(1,3),(2,3)
    s = pair_scores([0, 0, 0, 1], [5, 5, 6, 6])
    assert s["precision"] == 0.5 and s["recall"] == pytest.approx(1 / 3)
    assert s["f1"] == pytest.approx(0.4)
    with pytest.raises(FramingError, match="one per item"):
        pair_scores([0, 1], [0])


def test_bad_similarity():
    with pytest.raises(FramingError, match="min_similarity"):
        cluster_stories(TWO_EVENTS, min_similarity=0)


@lru_cache(maxsize=1)
def _fakes(mirror):
    from slant.corpus import load_corpus

    return load_corpus(ROOT / "corpus" / "mayadin-2017", mirror=mirror)


#: FA-KES reports of 5-10 Oct 2017 on Russian strikes killing ISIS fighters near al-Mayadin and
#: Deir ez-Zor (Ahram, Al-Arabiya, Sputnik x2, Jordan Times, SANA), found by their titles.
_MAYADIN_STRIKES = ["fakes-1923848258", "fakes-1926478973", "fakes-1965495344", "fakes-1924058070",
                    "fakes-1926479259", "fakes-1965495345"]


def test_fakes_russian_strikes_share_a_cluster(shared_dir):
    corpus = _fakes(shared_dir / "corpora")
    articles = corpus.articles
    assert set(_MAYADIN_STRIKES) <= set(articles["id"])
    clusters = cluster_stories(articles, outlets=corpus.outlets)
    label = clusters.set_index("id")["cluster"]
    assert label[_MAYADIN_STRIKES].nunique() == 1
    members = clusters.loc[clusters["cluster"] == label[_MAYADIN_STRIKES[0]], "id"]
    outlets = articles.loc[articles["id"].isin(members), "outlet"].unique()
    assert len(outlets) >= 3
    stories = story_table(articles, clusters, outlets=corpus.outlets)
    print(f"FA-KES: {len(stories)} clusters of 2+ articles, the largest {stories['articles'].max()}; "
          f"the al-Mayadin strikes cluster: {len(members)} articles, outlets {sorted(outlets)}")
    # a stricter threshold splits it in two announcements (5-8 Oct: "120 IS fighters";
    # 7-10 Oct: "command post"), each still of three outlets
    strict = cluster_stories(articles, min_similarity=0.15, outlets=corpus.outlets).set_index("id")["cluster"]
    assert strict[_MAYADIN_STRIKES].nunique() == 2


def test_penn_titles_pairwise_f1(shared_dir):
    folder = shared_dir / "datasets" / "penn-media-bias-detector" / "events"
    if not folder.is_dir():
        pytest.skip(f"{folder} not found")
    scores = score_penn_events(folder)
    print(f"Penn events, titles only: pairwise P {scores['precision']:.3f} R {scores['recall']:.3f} "
          f"F1 {scores['f1']:.3f} ({scores['articles']} articles, {scores['events']} events)")
    assert scores["articles"] == 791
    # measured on 2026-12-07: P 0.580, R 0.293, F1 0.389; deterministic (no random state), so a
    # change of more than 0.01 is a change of the tokens, the weights or the linkage
    assert scores["f1"] == pytest.approx(0.389, abs=0.01)
    assert scores["precision"] == pytest.approx(0.580, abs=0.01)
    assert scores["recall"] == pytest.approx(0.293, abs=0.01)


# --- outlet map ---------------------------------------------------------------------------------

MAP_ARTICLES = _articles([
    ("a1", "outlet-a", "pro-government", "2017-10-02", "The army liberated the town from the terrorists."),
    ("a2", "outlet-a", "pro-government", "2017-10-03", "Terrorists fled as the army liberated the villages."),
    ("b1", "outlet-b", "pro-government", "2017-10-02", "The army liberated two villages from the terrorists."),
    ("b2", "outlet-b", "pro-government", "2017-10-04", "The terrorists fled the town the army liberated."),
    ("c1", "outlet-c", "opposition", "2017-10-02", "Regime forces shelled the rebel town, activists said."),
    ("c2", "outlet-c", "opposition", "2017-10-03", "Activists said regime shelling hit rebel villages."),
])


def test_outlet_map_sets_the_odd_outlet_apart():
    from slant.contrast import count_terms
    from slant.framing import map_outlets

    counts = count_terms(MAP_ARTICLES, min_df=1)
    result = map_outlets(MAP_ARTICLES, counts, min_articles=1)
    x = result.outlets.set_index("outlet")["axis_1"]
    assert abs(x["outlet-c"] - x["outlet-a"]) > 4 * abs(x["outlet-a"] - x["outlet-b"])
    assert np.sign(x["outlet-a"]) == np.sign(x["outlet-b"]) != np.sign(x["outlet-c"])
    assert result.inertia[0] > 0.7  # a and b differ a little (their word pairs): axis 1 holds most
    side_c = "+" if x["outlet-c"] > 0 else "-"
    ends = result.terms[(result.terms["axis"] == 1) & (result.terms["side"] == side_c)]["term"]
    assert {"regime", "activists"} <= set(ends) and "terrorists" not in set(ends)
    assert result.outlets["articles"].tolist() == [2, 2, 2]


def test_outlet_map_needs_three_outlets():
    from slant.contrast import count_terms
    from slant.framing import map_outlets

    two = MAP_ARTICLES[MAP_ARTICLES["outlet"] != "outlet-c"]
    result = map_outlets(two, count_terms(two, min_df=1), min_articles=1)
    assert not result.available and result.outlets.empty and result.terms.empty
    assert result.reason == ("2 outlet(s) have 1+ articles; a map needs 3 or more "
                             "(lower map_min_articles, or load more articles).")


def test_outlet_map_chart():
    import matplotlib

    matplotlib.use("Agg")
    from slant import charts
    from slant.contrast import count_terms
    from slant.framing import map_outlets

    result = map_outlets(MAP_ARTICLES, count_terms(MAP_ARTICLES, min_df=1), min_articles=1)
    ax = charts.outlet_map(result)
    assert "6 articles" in ax.get_title() and "3 outlets" in ax.get_title()
    assert {t.get_text() for t in ax.texts} == {"outlet-a", "outlet-b", "outlet-c"}


# --- pair scores worked by hand ------------------------------------------------------------------

@pytest.mark.parametrize(
    "truth, predicted, precision, recall, f1",
    [
        # gold {0,1,2,3}{4,5}: 6 + 1 = 7 pairs; predicted {0,1,2}{3}{4,5}: 3 + 1 = 4 pairs, all
        # gold: P 4/4, R 4/7, F1 2 * 4/7 / (1 + 4/7) = 8/11
        ([0, 0, 0, 0, 1, 1], [0, 0, 0, 1, 2, 2], 1.0, 4 / 7, 8 / 11),
        # everything in one predicted group: 15 pairs, 7 of them gold: P 7/15, R 1,
        # F1 2 * 7/15 / (22/15) = 14/22 = 7/11
        ([0, 0, 0, 0, 1, 1], [9] * 6, 7 / 15, 1.0, 7 / 11),
        # singletons predicted: no pair at all, P = R = F1 = 0 by convention
        ([0, 0, 1], [0, 1, 2], 0.0, 0.0, 0.0),
    ],
    ids=["split-one-off", "all-merged", "no-predicted-pair"],
)
def test_pair_scores_more_cases(truth, predicted, precision, recall, f1):
    s = pair_scores(truth, predicted)
    assert (s["precision"], s["recall"], s["f1"]) == pytest.approx((precision, recall, f1))


def _write_penn_events(folder, choices):
    """Three annotators' files of invented titles by invented outlets; choices[k] is the k-th
    annotator's event per title."""
    titles = ["Dam burst floods lower Qaryat", "Lower Qaryat flooded after dam burst",
              "Rescuers search lower Qaryat after dam burst", "Valley residents count losses",
              "Barin council vote held", "Barin council vote draws few voters",
              "Zor bakery wins bread prize", "Kafr museum reopens"]
    for k, chosen in enumerate(choices, start=1):
        pd.DataFrame({"article_id": [f"t{i}" for i in range(1, 9)],
                      "publisher": [f"outlet-{c}" for c in "abcdabcd"], "title": titles,
                      "human_choice": chosen}).to_csv(folder / f"event_annotation_output_{k}.csv",
                                                      index=False)


def test_penn_events_scored_by_hand(tmp_path):
    """load_penn_events and score_penn_events on eight titles we wrote, the F1 worked by hand.

    Gold (majority of three; no majority: annotator 1; "None of the above": alone):
    t1 t2 t3 flood (t3: Vote, Flood, Flood -> Flood), t4 flood (an aftermath title sharing no
    word with the others), t5 t6 vote (t6: Vote, None, Flood -> annotator 1's Vote), t7 and t8
    each alone (None, None, Vote -> None). Titles only, one date: the clusters are
    {t1 t2 t3} (dam, burst, lower, qaryat), {t5 t6} (barin, council, vote) and one per other
    title (no word shared with any). Gold pairs 6 + 1 = 7; predicted 3 + 1 = 4, all gold:
    P 1, R 4/7, F1 8/11."""
    from slant.framing import load_penn_events

    flood, vote, none = "Flood", "Vote", "None of the above"
    _write_penn_events(tmp_path, [
        [flood, flood, vote, flood, vote, vote, none, none],
        [flood, flood, flood, flood, vote, none, none, none],
        [flood, flood, flood, flood, vote, flood, none, vote]])
    events = load_penn_events(tmp_path)
    assert events["event"].tolist() == [flood, flood, flood, flood, vote, vote, "alone:t7", "alone:t8"]
    assert events["outlet_name"].tolist() == [f"outlet-{c}" for c in "abcdabcd"]
    scores = score_penn_events(tmp_path)
    assert scores["articles"] == 8 and scores["events"] == 4
    assert (scores["gold_pairs"], scores["predicted_pairs"]) == (7, 4)
    assert (scores["precision"], scores["recall"], scores["f1"]) == pytest.approx((1.0, 4 / 7, 8 / 11))
