"""Tests found missing by mutation testing of slant.scoring._scores (`make mutate
MODULES=scores`, docs/mutation.md): own_voice_share, kwic and corpus_lexicon on tables
written by hand, expected values worked out by hand."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from conftest import FIXTURES
from slant.lexicons import load_lexicons
from slant.scoring import corpus_lexicon, kwic, own_voice_share


def _hits(rows, **extra):
    return pd.DataFrame(rows, columns=["outlet", "label", "stance", "voice"]).assign(**extra)


@pytest.fixture
def hits():
    h = _hits([
        ("outlet-a", "Terrorists", "delegitimising", "own"),
        ("outlet-a", "terrorists", "delegitimising", "quoted"),
        ("outlet-a", "regime", "delegitimising", "own"),
        ("outlet-a", "liberated", "legitimising", "own"),   # not delegitimising: left out
        ("outlet-b", "regime", "pejorative", "quoted"),
    ])
    # a category no hit has must not give a row of zeros
    h["outlet"] = pd.Categorical(h["outlet"], categories=["outlet-a", "outlet-b", "outlet-c"])
    return h


def test_own_voice_share_by_hand(hits):
    table = own_voice_share(hits)
    assert list(table.columns) == ["outlet", "family", "hits", "own", "own_share"]
    assert table[["outlet", "family"]].astype(str).values.tolist() == [
        ["outlet-a", "other delegitimising"], ["outlet-a", "terrorist"],
        ["outlet-b", "other delegitimising"]]
    assert table["hits"].tolist() == [1, 2, 1]  # "Terrorists" is of the terrorist family too
    assert table["own"].tolist() == [1, 1, 0]
    assert table["own_share"].tolist() == [1.0, 0.5, 0.0]


def test_own_voice_share_of_chosen_labels(hits):
    table = own_voice_share(hits, labels=["regime"])
    assert table["family"].tolist() == ["other delegitimising"] * 2
    assert table["own_share"].tolist() == [1.0, 0.0]


TEXT = "Line one\nthe regime said so.\nEnd"


def test_kwic_by_hand():
    articles = pd.DataFrame({"id": ["a0"], "text": [TEXT]})
    start = TEXT.index("regime")
    hit = pd.DataFrame({"id": ["a0"], "outlet": ["outlet-a"], "camp": ["camp-x"],
                        "label": ["regime"], "referent": ["syrian-government"],
                        "stance": ["delegitimising"], "voice": ["own"], "text": ["regime"],
                        "start": [start], "end": [start + 6]})
    out = kwic(hit, articles, width=20)
    assert list(out.columns) == ["id", "outlet", "camp", "label", "referent", "stance", "voice",
                                 "left", "match", "right"]
    # 13 characters before the hit (fewer than the width): from the text's start, newline as space
    assert out["left"].tolist() == ["Line one the "]
    assert out["right"].tolist() == [" said so. End"]
    assert out["match"].tolist() == ["regime"]
    # the context comes from the index's texts when one is given
    index = SimpleNamespace(texts=[TEXT.upper()])
    assert kwic(hit, articles, width=4, index=index)["left"].tolist() == ["THE "]


def test_corpus_lexicon_reads_a_comma_separated_string():
    corpus = SimpleNamespace(config={"lexicons": ["news-generic"]}, path=FIXTURES)
    lexicon = corpus_lexicon(corpus, " tiny-lexicon.yml ,news-generic, ")
    expected = load_lexicons(["tiny-lexicon.yml", "news-generic"], base=FIXTURES)
    assert lexicon.names == expected.names
    assert corpus_lexicon(corpus).names == load_lexicons(["news-generic"], base=FIXTURES).names
