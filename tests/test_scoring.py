"""Scoring: hits with voice, per-article and per-group rates, label choices, KWIC."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import FIXTURES, TINY_CORPUS
from conftest import make_articles as _make_articles
from slant.corpus import load_corpus
from slant.lexicons import load_lexicon
from slant.scoring import (
    HIT_COLUMNS,
    article_scores,
    find_hits,
    group_scores,
    kwic,
    label_choices,
    own_voice_share,
    score_corpus,
)


@pytest.fixture(scope="module")
def tiny_lexicon():
    return load_lexicon(FIXTURES / "tiny-lexicon.yml")


def make_articles(rows):
    """Articles from (outlet, camp, text) rows, own writing, words counted by white space."""
    articles = _make_articles(rows, wire_credit="")
    return articles.assign(words=[len(r[2].split()) for r in rows])


@pytest.mark.parametrize(
    "text, voice",
    [("The army liberated the town.", "own"),
     ('A commander said the town was "liberated".', "quoted"),
     ("The town was liberated, a commander said.", "quoted"),
     ("According to the monitor, the army liberated the town.", "quoted"),
     ('"We will not stop until the whole province is liberated.\nThe fighting goes on," he said.', "quoted")],
    ids=["own-voice", "inside-quotes", "reported-after", "according-to", "quote-across-a-line"],
)
def test_hit_voice(text, voice, tiny_lexicon):
    hits = find_hits(make_articles([("outlet-a", "other", text)]), tiny_lexicon)
    assert list(hits.columns) == HIT_COLUMNS
    assert hits[["label", "voice"]].values.tolist() == [["liberated", voice]]  # and no other hit


def test_speaker_is_named(tiny_lexicon):
    hits = find_hits(make_articles([("outlet-a", "other", "The town was liberated, a commander said.")]),
                     tiny_lexicon)
    assert hits["speaker"].tolist() == ["a commander"]


def test_hit_fields(tiny_lexicon):
    arts = make_articles([("outlet-a", "pro-government", "Calm. Then the Assad regime fell to terrorists.")])
    hits = find_hits(arts, tiny_lexicon)
    assert hits[["text", "referent", "stance", "sentence", "start", "end"]].values.tolist() == [
        ["Assad regime", "syrian-government", "delegitimising", 1, 15, 27],
        ["terrorists", "islamic-state", "delegitimising", 1, 36, 46]]
    assert hits["camp"].unique().tolist() == ["pro-government"]


@pytest.fixture(scope="module")
def two_outlets(tiny_lexicon):
    # outlet-a: 10 words, 2 loaded own (terrorists, liberated), 1 neutral (Syrian army)
    # outlet-b: 10 words, 1 loaded quoted (regime), 1 neutral own (captured)
    arts = make_articles([
        ("outlet-a", "pro-government", "The Syrian army liberated Qaryat from terrorists on Monday."),
        ("outlet-b", "Western", 'Forces captured Qaryat; "the regime won," a resident said.'),
    ])
    arts["words"] = [10, 10]
    hits = find_hits(arts, tiny_lexicon)
    return arts, hits


def test_article_scores_by_hand(two_outlets):
    arts, hits = two_outlets
    scores = article_scores(hits, arts).set_index("id")
    a, b = scores.loc["a0"], scores.loc["a1"]
    assert (a["hits"], a["loaded"], a["loaded_own"], a["loaded_quoted"]) == (3, 2, 2, 0)
    assert a["density"] == pytest.approx(200.0)  # 2 loaded / 10 words * 1,000
    assert a["net"] == pytest.approx(0.0)  # terrorists (-) and liberated (+) cancel out
    assert a["coverage"] == pytest.approx(0.2)  # 2 of 10 words inside loaded spans
    assert (b["loaded_own"], b["loaded_quoted"]) == (0, 1)
    assert b["density_quoted"] == pytest.approx(100.0) and b["net"] == pytest.approx(100.0)


def test_article_scores_without_hits(tiny_lexicon):
    # no term of the lexicon in either article: zero counts, no error (the hits' empty text
    # column holds no strings)
    arts = make_articles([("outlet-a", "Western", "Nothing loaded happens here."),
                          ("outlet-b", "Western", "The river rose on Monday.")])
    hits = find_hits(arts, tiny_lexicon)
    scores = article_scores(hits, arts).set_index("id")
    assert hits.empty and len(scores) == 2
    assert scores[["hits", "loaded", "loaded_words"]].to_numpy().sum() == 0
    assert scores.loc["a0", "density"] == 0.0


def test_group_scores_interval_brackets_value():
    rng = np.random.default_rng(1)
    n = 60
    scores = pd.DataFrame({"outlet": ["x"] * n, "words": rng.integers(200, 800, n)})
    scores["loaded"] = rng.binomial(scores["words"], 0.01)
    scores["loaded_own"] = scores["loaded"]
    scores["loaded_quoted"] = 0
    scores["negative"] = scores["loaded"]
    scores["positive"] = 0
    scores["loaded_words"] = scores["loaded"]
    table = group_scores(scores, by="outlet", n_boot=500, random_state=0).iloc[0]
    assert table["density"] == pytest.approx(scores["loaded"].sum() / scores["words"].sum() * 1000)
    assert table["density_low"] < table["density"] < table["density_high"]
    assert 5 < table["density_low"] and table["density_high"] < 15  # true rate 10 per 1,000
    again = group_scores(scores, by="outlet", n_boot=500, random_state=0).iloc[0]
    assert again["density_low"] == table["density_low"]  # deterministic with a random_state


def test_label_choices_shares(tiny_lexicon):
    arts = make_articles([
        ("outlet-a", "pro-government", "Terrorists fled. Terrorists hid. Daesh lost."),
        ("outlet-b", "Western", "Islamic State lost. Daesh fled."),
    ])
    choices = label_choices(find_hits(arts, tiny_lexicon))
    outlet = choices[choices["level"] == "outlet"].set_index(["group", "label"])
    assert outlet.loc[("outlet-a", "terrorists"), "share"] == pytest.approx(2 / 3)
    assert outlet.loc[("outlet-a", "terrorists"), "referent_mentions"] == 3
    assert outlet.loc[("outlet-b", "Islamic State"), "share"] == pytest.approx(0.5)
    camp = choices[choices["level"] == "camp"].set_index(["group", "label"])
    assert camp.loc[("Western", "Daesh"), "mentions"] == 1


def test_own_voice_share(two_outlets):
    _, hits = two_outlets
    table = own_voice_share(hits).set_index(["outlet", "family"])
    assert table.loc[("outlet-a", "terrorist"), "own_share"] == 1.0
    assert table.loc[("outlet-b", "other delegitimising"), "own_share"] == 0.0


def test_kwic(two_outlets):
    arts, hits = two_outlets
    # ten characters each side, cut mid-word: "...liberated Qaryat from |terrorists| on Monday."
    table = kwic(hits, arts, width=10)
    # outlet-b's "captured" is its own word: the attribution ", a resident said" covers the
    # quote it closes, not the outlet's clause before "; "
    assert table["voice"].tolist() == ["own", "own", "own", "own", "quoted"]
    assert table[["id", "left", "match", "right"]].values.tolist() == [
        ["a0", "The ", "Syrian army", " liberated"],
        ["a0", "rian army ", "liberated", " Qaryat fr"],
        ["a0", "ryat from ", "terrorists", " on Monday"],
        ["a1", "Forces ", "captured", ' Qaryat; "'],
        ["a1", 'yat; "the ', "regime", ' won," a r']]


def test_score_corpus_on_the_tiny_corpus():
    scores = score_corpus(load_corpus(TINY_CORPUS), n_boot=100)
    assert set(scores.tables()) == {"hits", "article_scores", "outlet_scores", "camp_scores",
                                    "label_choices", "tone", "not_scored"}
    assert len(scores.article_scores) == 7 and scores.tone["tone"].notna().sum() == 7
    target = scores.hits[scores.hits["id"] == "outlet-a-2017-10-12"]
    assert target[["text", "voice"]].values.tolist() == [["liberated", "own"], ["terrorists", "own"]]
    assert score_corpus(load_corpus(TINY_CORPUS), exclude_wire_copies=True, tone=False,
                        n_boot=10).articles["id"].tolist().count("outlet-d-1") == 0


def test_find_hits_same_in_worker_processes(tiny_lexicon):
    """Chunks of articles scored in two worker processes give the single-process hits."""
    texts = ["The army liberated the town.", 'A commander said the town was "liberated".',
             "According to the monitor, the army liberated the town.", ""] * 10
    articles = make_articles([("outlet-a", "camp-a", t) for t in texts])
    one = find_hits(articles, tiny_lexicon, n_jobs=1)
    two = find_hits(articles, tiny_lexicon, n_jobs=2)
    pd.testing.assert_frame_equal(one, two)
    assert one["voice"].tolist() == ["own", "quoted", "quoted"] * 10


def test_target_article_hits_and_voices():
    """The real target: its loaded labels with referent and voice, worked out by reading it."""
    from conftest import ROOT
    from slant.lexicons import load_lexicons

    corpus = load_corpus(ROOT / "corpus" / "mayadin-2017", mirror=ROOT / "no-mirror")
    hits = find_hits(corpus.articles, load_lexicons(["syria-2017", "news-generic"]))
    got = {(h.text, h.referent or h.category, h.voice, h.sentence) for h in hits.itertuples()}
    expected = {
        ("Daesh", "islamic-state", "own", 0), ("Takfiri", "armed-opposition", "own", 0),
        ("terror outfit", "armed-opposition", "own", 0),
        ("liberated", "taking-territory", "own", 2), ("terrorists", "armed-opposition", "own", 2),
        ("resistance movement", "hezbollah-and-allied-militias", "own", 6),
        ("US-backed militants", "sdf", "own", 7), ("under the pretext", "framing-device", "own", 7),
        # "Reuters quoted a Hezbollah-run military news outlet as saying ... of Daesh militants"
        ("Daesh", "islamic-state", "quoted", 1), ("cleared", "taking-territory", "quoted", 1),
        # "the official newspaper of the Russian Ministry of Defense says ... purge Daesh terrorists"
        ("purge", "taking-territory", "quoted", 10), ("terrorists", "armed-opposition", "quoted", 10),
    }
    assert expected - got == set()
    quoted_in_1 = hits[(hits["sentence"] == 1) & (hits["voice"] == "quoted")]
    assert set(quoted_in_1["speaker"]) == {"a Hezbollah-run military news outlet"}


def test_one_pass_gives_the_index_matches_and_quotes_of_each_stage():
    """The one worker task per batch (sentences, one automaton pass for the lexicon's keys, its
    exact-case keys and the voice stage's cue words, quotes) gives what index_texts,
    match_lexicon and quotes_table give on their own, for cues after a rare symbol ("°said"), a
    capital ("According to"), a quote mark or an abbreviation; exact-case keys ("IS") match only
    as written, in a text that lowers character by character and in one that does not (Σ)."""
    from slant.lexicons import load_lexicons, match_lexicon
    from slant.scoring import index_and_hits
    from slant.scoring._onepass import index_match_quote
    from slant.text import index_texts
    from slant.voice import quotes_table

    texts = ["IS fighters left. The river is wide, the monitor said.",
             "Residents°said the town fell to IS.",
             "“According to the monitor, IS militants fled,” a resident told reporters.",
             "The U.S.said the coalition struck IS.",
             "The ΣΥΡΙΑ desk said IS fighters fled; the river is wide."]
    articles = make_articles([("outlet-a", "camp-a", t) for t in texts])
    lexicon = load_lexicons(["syria-2017", "news-generic"])
    alone = index_texts(articles, n_jobs=1)
    for n_jobs in (1, 2):
        index, matches, quotes = index_match_quote(articles, lexicon, n_jobs=n_jobs)
        pd.testing.assert_frame_equal(index.sentences, alone.sentences)
        assert index.words.tolist() == alone.words.tolist()
        pd.testing.assert_frame_equal(matches, match_lexicon(alone, lexicon, n_jobs=1))
        pd.testing.assert_frame_equal(quotes, quotes_table(alone, n_jobs=1))
        # with the index given, the same pass over it
        _, matches_given, quotes_given = index_match_quote(articles, lexicon, index=alone, n_jobs=n_jobs)
        pd.testing.assert_frame_equal(matches_given, matches)
        pd.testing.assert_frame_equal(quotes_given, quotes)
    assert quotes.loc[quotes["doc"] == 1, ["kind", "speaker"]].values.tolist() == [["reported", "Residents°"]]
    label = lexicon.entries.set_index("entry")["label"]
    found = [(d, texts[d][s:e]) for d, s, e, entry in matches.itertuples(index=False) if label[entry] == "IS"]
    assert found == [(0, "IS"), (1, "IS"), (2, "IS"), (3, "IS"), (4, "IS")]
    index, hits = index_and_hits(articles, lexicon, n_jobs=1)
    pd.testing.assert_frame_equal(hits, find_hits(articles, lexicon, index=alone, n_jobs=1))


# --- exact tables: no hit, row or label beyond the expected ones --------------------------------

def test_own_voice_share_whole_table(two_outlets):
    # delegitimising hits only: outlet-a's "terrorists" (own), outlet-b's "regime" (in a quote);
    # "liberated" (legitimising) and the neutral labels have no family here
    _, hits = two_outlets
    table = own_voice_share(hits)
    assert table[["outlet", "family", "hits", "own", "own_share"]].values.tolist() == [
        ["outlet-a", "terrorist", 1, 1, 1.0], ["outlet-b", "other delegitimising", 1, 0, 0.0]]


def test_label_choices_whole_table(tiny_lexicon):
    # outlet-a (camp pro-government): terrorists 2, Daesh 1 of 3 islamic-state mentions;
    # outlet-b (camp Western): Islamic State 1, Daesh 1 of 2; one outlet per camp, so the camp
    # rows repeat the outlet rows
    arts = make_articles([
        ("outlet-a", "pro-government", "Terrorists fled. Terrorists hid. Daesh lost."),
        ("outlet-b", "Western", "Islamic State lost. Daesh fled."),
    ])
    choices = label_choices(find_hits(arts, tiny_lexicon))
    got = sorted(tuple(r) for r in choices[["level", "group", "referent", "label", "mentions",
                                            "referent_mentions", "articles"]].values.tolist())
    assert got == sorted([
        ("outlet", "outlet-a", "islamic-state", "terrorists", 2, 3, 1),
        ("outlet", "outlet-a", "islamic-state", "Daesh", 1, 3, 1),
        ("outlet", "outlet-b", "islamic-state", "Islamic State", 1, 2, 1),
        ("outlet", "outlet-b", "islamic-state", "Daesh", 1, 2, 1),
        ("camp", "pro-government", "islamic-state", "terrorists", 2, 3, 1),
        ("camp", "pro-government", "islamic-state", "Daesh", 1, 3, 1),
        ("camp", "Western", "islamic-state", "Islamic State", 1, 2, 1),
        ("camp", "Western", "islamic-state", "Daesh", 1, 2, 1)])
    assert choices["share"].tolist() == pytest.approx(
        (choices["mentions"] / choices["referent_mentions"]).tolist())


def test_hit_speakers_exactly(tiny_lexicon):
    cases = [("The army liberated the town.", [("liberated", "own", "")]),
             ('A commander said the town was "liberated".', [("liberated", "quoted", "A commander")]),
             ("The town was liberated, a commander said.", [("liberated", "quoted", "a commander")]),
             ("According to the monitor, the army liberated the town.",
              [("liberated", "quoted", "the monitor")])]
    for text, expected in cases:
        hits = find_hits(make_articles([("outlet-a", "other", text)]), tiny_lexicon)
        assert [tuple(r) for r in hits[["text", "voice", "speaker"]].values.tolist()] == expected, text


def test_target_article_sentences_exactly():
    """Every hit of three sentences of the real target, read off the sentences: the
    syria-2017 and news-generic terms each holds, and nothing else."""
    from conftest import ROOT
    from slant.lexicons import load_lexicons

    corpus = load_corpus(ROOT / "corpus" / "mayadin-2017", mirror=ROOT / "no-mirror")
    hits = find_hits(corpus.articles, load_lexicons(["syria-2017", "news-generic"]))
    by_sentence = {k: {(h.text, h.referent or h.category, h.voice) for h in hits.itertuples()
                       if h.sentence == k} for k in (0, 2, 7)}
    assert by_sentence == {
        0: {("Syrian army", "syrian-government", "own"), ("Daesh", "islamic-state", "own"),
            ("Takfiri", "armed-opposition", "own"), ("terror outfit", "armed-opposition", "own"),
            ("total defeat", "intensifier", "own")},
        2: {("Damascus forces", "syrian-government", "own"), ("heavy", "intensifier", "own"),
            ("terrorists", "armed-opposition", "own"), ("liberated", "taking-territory", "own")},
        7: {("US-backed militants", "sdf", "own"), ("under the pretext", "framing-device", "own"),
            ("Daesh", "islamic-state", "own")},
    }


@pytest.mark.parametrize("text, expected", [
    ('Government forces liberated the town on Monday, but "the terrorists never left," a doctor said.',
     [("liberated", "own"), ("terrorists", "quoted")]),
    ('The army liberated the town; "terrorists fled," a commander said.',
     [("liberated", "own"), ("terrorists", "quoted")]),
    ('The army liberated the town and "the terrorists fled," a commander said.',
     [("liberated", "own"), ("terrorists", "quoted")]),
    ('The town was "liberated," a commander said.', [("liberated", "quoted")]),
    ('Terrorists left "the liberated town," a commander said.',
     [("Terrorists", "quoted"), ("liberated", "quoted")]),
    ('Terrorists were driven out of the town, a commander said.', [("Terrorists", "quoted")]),
], ids=["but-before-quote", "semicolon-before-quote", "and-before-quote", "scare-quote-in-clause",
        "quote-inside-the-clause", "no-quote-marks"])
def test_trailing_attribution_covers_the_quote_not_the_outlets_clause(text, expected, tiny_lexicon):
    """'Clause of the outlet's own, "quote," X said.': the attribution covers the quote only."""
    hits = find_hits(make_articles([("outlet-a", "other", text)]), tiny_lexicon)
    assert list(zip(hits["text"], hits["voice"])) == expected
