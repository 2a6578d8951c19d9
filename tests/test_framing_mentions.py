"""Mentions and omissions: patterns with their negatives, and the omission matrix by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import make_articles
from slant.framing import (
    MATRIX_COLUMNS,
    FramingLexiconError,
    find_mentions,
    load_mentions,
    mention_matrix,
)


@pytest.fixture(scope="module")
def mentions():
    return load_mentions()


def items_in(text, mentions):
    hits = find_mentions(make_articles([("outlet-a", "camp-x", text)]), mentions, n_jobs=1)
    return sorted(set(hits["item"]))


@pytest.mark.parametrize("text, expected", [
    ("Russian warplanes struck the town.", ["russian-strikes"]),
    ("The U.S.-led coalition hit an oilfield near the river.", ["coalition-strikes", "oil-fields"]),
    ("Twelve civilians were killed, including children.", ["civilian-casualties"]),
    ("The SDF advanced with Iranian-backed militias nearby.", ["iran", "sdf"]),
    ("Hizbollah fighters held the ridge.", ["hezbollah"]),
    ("Thousands fled their homes and reached a camp for displaced people.", ["displacement"]),
    ("Inspectors looked for sarin.", ["chemical-weapons"]),
    ("The de-escalation zones held, and so did the truce.", ["ceasefire"]),
    # negatives: the words are there, the item is not
    ("The ruling coalition collapsed in parliament.", []),
    ("He wore civilian clothes at the checkpoint.", []),
    ("Veterans of the Iran-Iraq war met in the town.", []),
    ("The farmers pressed olive oil in the village.", []),
    ("A Russian air defence unit was deployed.", []),
    ("The chemical plant reopened.", []),
    ("The army displaced the militants from the hill.", []),
    ("sdf in lower case is not the force.", []),
], ids=["russian-strikes", "coalition-and-oil", "civilian-casualties", "sdf-and-iran",
        "hezbollah-spelling", "displacement", "chemical-weapons", "ceasefire",
        "not-ruling-coalition", "not-civilian-clothes", "not-iran-iraq-war", "not-olive-oil",
        "not-air-defence", "not-chemical-plant", "not-displaced-militants", "sdf-case"])
def test_mention_patterns(text, expected, mentions):
    assert items_in(text, mentions) == expected


def test_mention_rows_point_at_the_text(mentions):
    articles = make_articles([("outlet-a", "camp-x", "Calm returned. Then Russian jets struck.")])
    hits = find_mentions(articles, mentions, n_jobs=1)
    row = hits.iloc[0]
    assert (row["item"], row["sentence"], row["matched"]) == ("russian-strikes", 1, "Russian jets")
    assert articles["text"][0][row["start"]:row["end"]] == "Russian jets"


@pytest.fixture
def two_items(tmp_path):
    path = tmp_path / "items.yml"
    path.write_text("items:\n  - {id: bridge, name: the bridge, patterns: [bridge]}\n"
                    "  - {id: dam, name: the dam, patterns: [dam], exclude: [dam square]}\n",
                    encoding="utf-8")
    return load_mentions(path)


def test_omission_matrix_by_hand(two_items):
    # outlet-a: 2 articles, bridge in 1, dam in 1; outlet-b: bridge in both (twice in one),
    # dam never; outlet-c: bridge in 1 of 1, dam in 1; outlet-d: nothing (1 article)
    articles = make_articles([
        ("outlet-a", "x", "The bridge fell."), ("outlet-a", "x", "The dam held."),
        ("outlet-b", "y", "The bridge, the bridge."), ("outlet-b", "y", "A bridge and Dam Square."),
        ("outlet-c", "y", "The bridge and the dam."), ("outlet-d", "z", "Quiet."),
    ])
    hits = find_mentions(articles, two_items, n_jobs=1)
    matrix = mention_matrix(hits, articles, two_items, by="outlet")
    assert list(matrix.columns) == MATRIX_COLUMNS
    cell = matrix.set_index(["group", "item"])
    assert cell.loc[("outlet-a", "bridge"), ["articles", "mentioning"]].tolist() == [2, 1]
    assert cell.loc[("outlet-a", "bridge"), "share"] == 0.5
    assert cell.loc[("outlet-b", "bridge"), "mentioning"] == 2
    # dam: mentioned by a and c (2 of the 3 others of b and of d) -> omitted by b and d
    assert cell.loc[("outlet-b", "dam"), "others_mentioning"] == pytest.approx(2 / 3)
    assert matrix.loc[matrix["omitted"], ["group", "item"]].values.tolist() == [
        ["outlet-b", "dam"], ["outlet-d", "bridge"], ["outlet-d", "dam"]]
    # with d left out (min_articles=2 keeps a and b only), b's silence on dam: 1 of 1 others
    small = mention_matrix(hits, articles, two_items, by="outlet", min_articles=2)
    assert small["group"].unique().tolist() == ["outlet-a", "outlet-b"]
    assert small.loc[small["omitted"], ["group", "item"]].values.tolist() == [["outlet-b", "dam"]]
    # by camp: y mentions both, x both, z none -> z omits both
    by_camp = mention_matrix(hits, articles, two_items, by="camp")
    assert by_camp.loc[by_camp["omitted"], "group"].tolist() == ["z", "z"]


def test_user_adds_an_item(tmp_path, mentions):
    bundled = mentions.items["file"][0]
    text = Path(bundled).read_text(encoding="utf-8")
    text += "  - {id: qaryat-dam, name: the Qaryat dam, patterns: [Qaryat dam]}\n"
    path = tmp_path / "mine.yml"
    path.write_text(text, encoding="utf-8")
    mine = load_mentions(path)
    assert mine.items["id"].tolist()[-1] == "qaryat-dam"
    assert items_in("Water rose behind the Qaryat dam.", mine) == ["qaryat-dam"]


@pytest.mark.parametrize("body, message", [
    ("items:\n  - {id: a, name: A, patterns: [x]}\n  - {id: a, name: B, patterns: [y]}\n",
     r"bad\.yml:3: id 'a' is already used at line 2"),
    ("items:\n  - {id: a, name: A}\n", r"bad\.yml:2: 'a' has no patterns"),
    ("items:\n  - {id: a, name: A, patterns: [',,']}\n", r"bad\.yml:2: pattern ',,'"),
    ("things: []\n", r"bad\.yml:1: the file is a mapping with a 'items:' list"),
], ids=["duplicate-id", "no-patterns", "punctuation-only", "no-items"])
def test_mentions_file_errors(body, message, tmp_path):
    path = tmp_path / "bad.yml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(FramingLexiconError, match=message):
        load_mentions(path)


def test_charts_say_metric_and_articles(two_items):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from slant import charts
    from slant.framing import attribution_shares, find_attributions, load_sources

    articles = make_articles([("outlet-a", "x", "The bridge fell, activists said."),
                            ("outlet-b", "y", "The dam held, Reuters reported."),
                            ("outlet-b", "y", "Quiet.")])
    matrix = mention_matrix(find_mentions(articles, two_items, n_jobs=1), articles, two_items)
    ax = charts.mention_heatmap(matrix)
    assert "mentioning" in ax.get_title() and "3 articles" in ax.get_title()
    assert "2 omissions" in ax.get_title()  # a omits dam, b omits bridge (1 of 1 other each)
    sources = load_sources()
    shares = attribution_shares(find_attributions(articles, sources, n_jobs=1), sources,
                                articles=articles)
    ax = charts.source_kind_shares(shares)
    assert ax.get_title() == "Share of attributions by source kind (2 attributions in 3 articles)"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["outlet-b (n=1, 2 art.)",
                                                            "outlet-a (n=1, 1 art.)"]
    plt.close("all")
