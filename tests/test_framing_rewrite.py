"""Rewrite diff: sentence alignment and word edits (slant.framing._rewrite)."""

from __future__ import annotations

import html
from functools import lru_cache

import pytest

from conftest import FIXTURES, TINY_CORPUS
from slant import charts
from slant.corpus import load_corpus
from slant.framing import ALIGNMENT_COLUMNS, EDIT_COLUMNS, FramingError, align_texts, rewrite_diff
from slant.lexicons import load_lexicon

# A pair we wrote: an invented wire text and an invented outlet's rewrite of it.
SOURCE = ("Government forces captured the town of Qaryat on Monday. "
          "Islamic State fighters fled east, a monitoring group said. "
          "The river crossing was closed for the day. "
          "Aid agencies said 200 families had left the town.")
TARGET = ("Government forces liberated the town of Qaryat on Monday. "
          "Daesh fighters fled east, a monitoring group said. "
          "Residents celebrated in the streets. "
          "Aid agencies said 200 families had left the town.")


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon(FIXTURES / "tiny-lexicon.yml")


def test_fixture_pair_every_edit(lexicon):
    diff = align_texts(SOURCE, TARGET, lexicon=lexicon)
    assert list(diff.alignment.columns) == ALIGNMENT_COLUMNS
    assert list(diff.edits.columns) == EDIT_COLUMNS
    got = diff.alignment[["status", "source_sentence", "target_sentence"]].values.tolist()
    # the dropped source sentence sits after the row of the source sentence before it
    assert got == [["rewritten", 0, 0], ["rewritten", 1, 1], ["dropped", 2, -1],
                   ["added", -1, 2], ["kept", 3, 3]]
    edits = diff.edits[["pair", "op", "source_words", "target_words", "referent"]].values.tolist()
    assert edits == [[0, "substituted", "captured", "liberated", "taking-territory"],
                     [1, "substituted", "islamic state", "daesh", "islamic-state"]]
    assert diff.edits["same_referent"].tolist() == [True, True]
    # spans point at the words in each text
    row = diff.edits.iloc[1]
    assert SOURCE[row.source_start:row.source_end] == "Islamic State"
    assert TARGET[row.target_start:row.target_end] == "Daesh"
    assert diff.summary["same_referent"] == 2


def test_insertions_and_deletions_inside_a_sentence():
    diff = align_texts("The army entered the old town on Monday.",
                       "The Syrian army entered the town on Monday evening.")
    edits = diff.edits[["op", "source_words", "target_words"]].values.tolist()
    assert edits == [["inserted", "", "syrian"], ["deleted", "old", ""], ["inserted", "", "evening"]]
    assert not diff.edits["same_referent"].any()  # no lexicon: nothing is a relabelling


def test_substitution_across_referents_is_not_a_relabelling(lexicon):
    # "Daesh" (islamic-state) replacing "regime" (syrian-government): a different actor
    diff = align_texts("The regime forces shelled the village of Kafr again.",
                       "The Daesh forces shelled the village of Kafr again.", lexicon=lexicon)
    assert diff.edits[["op", "same_referent"]].values.tolist() == [["substituted", False]]


def test_identical_pair_has_no_change(lexicon):
    diff = align_texts(SOURCE, SOURCE, lexicon=lexicon)
    assert (diff.alignment["status"] == "kept").all() and len(diff.alignment) == 4
    assert diff.edits.empty


def test_case_and_punctuation_alone_keep_a_sentence():
    diff = align_texts("Forces took the town, officials said.", "forces took the town officials said!")
    assert diff.alignment["status"].tolist() == ["kept"]


def test_unrelated_texts_share_no_sentence():
    diff = align_texts("The army took the town.", "Rain fell over the coast for a week.")
    assert sorted(diff.alignment["status"]) == ["added", "dropped"]


def test_bad_threshold():
    with pytest.raises(FramingError, match="threshold"):
        align_texts("a b", "a b", threshold=0)


def test_missing_source_gives_an_empty_table_and_a_message():
    corpus = load_corpus(TINY_CORPUS)
    corpus.config = {**corpus.config, "target_source": "no-such-article"}
    diff = rewrite_diff(corpus)
    assert diff.empty and diff.edits.empty
    assert list(diff.alignment.columns) == ALIGNMENT_COLUMNS
    assert "'no-such-article' did not load" in diff.message
    assert "did not load" in charts.rewrite_side_by_side(diff)


def test_no_source_named():
    corpus = load_corpus(TINY_CORPUS)
    corpus.config = {k: v for k, v in corpus.config.items() if k != "target_source"}
    diff = rewrite_diff(corpus)
    assert diff.empty and "target_source" in diff.message


def test_tiny_corpus_target_against_its_source():
    corpus = load_corpus(TINY_CORPUS)
    # 5 of 13 + 10 words shared in order ("the town of qaryat from"): ratio 10/23 = 0.43
    lexicon = load_lexicon(FIXTURES / "tiny-lexicon.yml")
    diff = rewrite_diff(corpus, lexicon=lexicon, threshold=0.4)
    assert diff.source_id == "outlet-b-2017-10-12" and diff.target_id == "outlet-a-2017-10-12"
    assert diff.alignment["status"].tolist() == ["rewritten", "dropped", "added", "added"]
    assert diff.alignment["similarity"].iloc[0] == pytest.approx(10 / 23, abs=1e-4)
    edits = diff.edits[["source_words", "target_words", "same_referent"]].values.tolist()
    assert edits == [["government forces captured", "the army liberated", True],
                     ["militants a monitoring group said", "the terrorists", False]]
    strict = rewrite_diff(corpus, lexicon=lexicon)  # at 0.5 the pair is not one sentence
    assert "rewritten" not in set(strict.alignment["status"])


def test_html_escapes_and_marks():
    src = "Islamic State <b>fighters</b> fled east, a monitoring group said."
    tgt = "Daesh <b>fighters</b> fled east, a monitoring group said."
    out = charts.rewrite_side_by_side(align_texts(src, tgt, lexicon=load_lexicon(FIXTURES / "tiny-lexicon.yml")))
    assert "<b>fighters" not in out and html.escape("<b>") in out
    assert out.count("<mark") == 2 and "referent: islamic-state" in out


# --- FA-KES: known edits applied to its Reuters texts ------------------------------------------

@lru_cache(maxsize=1)
def _fakes(mirror):
    return load_corpus(TINY_CORPUS.parents[2] / "corpus" / "mayadin-2017", mirror=mirror)


#: (label in the source, its replacement): pairs of one referent in the syria-2017 lexicon.
_SWAPS = [("Islamic State", "Daesh"), ("rebels", "terrorists")]


def test_fakes_reuters_rewrites_are_recovered(shared_dir):
    corpus = _fakes(shared_dir / "corpora")
    lexicon = load_lexicon("syria-2017")
    reuters = corpus.articles[corpus.articles["outlet"] == "reuters"]
    assert len(reuters) >= 10
    from slant.text import split_sentences

    checked = 0
    for text in reuters["text"]:
        spans = split_sentences(text)
        sents = [text[a:b] for a, b in spans]
        if len(sents) < 6:
            continue
        # sentence 1 dropped, a new sentence inserted after sentence 3, label swaps wherever
        # a whole-word swap label stands in sentences 2+
        inserted = "Residents of the invented village of Qaryat reported heavy shelling overnight."
        new, expected_subs = [], 0
        for k, s in enumerate(sents):
            if k == 1:
                continue
            if k >= 2:
                for old, repl in _SWAPS:
                    if f" {old} " in f" {s} ":
                        expected_subs += f" {s} ".count(f" {old} ")
                        s = f" {s} ".replace(f" {old} ", f" {repl} ").strip()
            new.append(s)
            if k == 3:
                new.append(inserted)
        diff = align_texts(text, "\n".join(new), lexicon=lexicon)
        table = diff.alignment
        assert table.loc[table["status"] == "dropped", "source_sentence"].tolist() == [1]
        assert table.loc[table["status"] == "added", "target_text"].tolist() == [inserted]
        swapped = diff.edits[diff.edits["op"] == "substituted"]
        assert len(swapped) == expected_subs, text[:80]
        assert swapped["same_referent"].all()
        assert set(zip(swapped["source_words"], swapped["target_words"])) <= {
            (o.lower(), r.lower()) for o, r in _SWAPS}
        checked += 1
    assert checked >= 10
    print(f"{checked} FA-KES Reuters texts: every dropped, added and relabelled sentence recovered")


def test_fakes_articles_aligned_to_a_wire_text(shared_dir):
    from slant.framing import wire_reuse

    corpus = _fakes(shared_dir / "corpora")
    reuse = wire_reuse(corpus.articles)
    assert {"id", "outlet", "wire_id", "aligned_sentences", "share"} <= set(reuse.columns)
    assert not (reuse["outlet"] == "reuters").any()
    print(f"{reuse['id'].nunique()} FA-KES articles align to a Reuters/AFP text they reuse "
          f"(>= 2 sentences kept or rewritten): by outlet {reuse.groupby('outlet')['id'].nunique().to_dict()}")
    assert (reuse["aligned_sentences"] >= 2).all()
    # not empty: FA-KES holds a near-reprint of a Reuters text (Al-Alam's fakes-1962495639,
    # 11 of its 13 sentences aligned to fakes-1926479264 when measured), which must be found
    assert len(reuse) >= 1
    reprint = reuse[reuse["id"] == "fakes-1962495639"]
    assert reprint[["outlet", "wire_id", "wire_outlet"]].values.tolist() == [
        ["al-alam", "fakes-1926479264", "reuters"]]
    assert reprint["aligned_sentences"].iat[0] >= 10 and reprint["share"].iat[0] > 0.75
    assert ((reuse["kept"] <= reuse["aligned_sentences"]) & (reuse["share"] > 0)
            & (reuse["share"] <= 1)).all()


# --- mutants: the reuse filter returns a known set; the threshold is inclusive -------------------

def _reuse_articles():
    """An invented wire text (outlet-wire) and three invented outlets' articles on its story:
    outlet-a rewrites it (sentences 0, 1 rewritten, 3 kept, one added), outlet-b writes its own
    sentences and keeps one wire sentence, outlet-c reprints it word for word eight days later."""
    import pandas as pd

    rewrite = ("Government forces liberated the town of Qaryat on Monday. "
               "Daesh fighters fled east, a monitoring group said. "
               "Residents celebrated in the streets. "
               "Aid agencies said 200 families had left the town.")
    own = ("Fighting around Qaryat ended on Monday when government forces entered the town. "
           "Families were returning to the town, aid workers said. "
           "The river crossing was closed for the day.")
    return pd.DataFrame({
        "id": ["w1", "a1", "b1", "c1"],
        "outlet": ["outlet-wire", "outlet-a", "outlet-b", "outlet-c"],
        "text": [SOURCE, rewrite, own, SOURCE],
        "date": pd.to_datetime(["2017-10-12", "2017-10-13", "2017-10-12", "2017-10-20"])})


def test_wire_reuse_finds_the_rewrite_and_only_it():
    from slant.framing import REUSE_COLUMNS, wire_reuse

    articles = _reuse_articles()
    reuse = wire_reuse(articles, wires=("outlet-wire",))
    assert list(reuse.columns) == REUSE_COLUMNS
    # outlet-a: 3 of its 4 sentences aligned (0 and 1 rewritten, 3 kept): share 3/4;
    # outlet-b: one sentence kept, under the 2 needed; outlet-c: 8 days off, over the 3 allowed
    assert reuse.values.tolist() == [["a1", "outlet-a", "w1", "outlet-wire", 3, 1, 0.75]]
    # one aligned sentence is enough for outlet-b when one is asked for: its own sentences
    # ("... aid workers said": 3 of 18 words in order, ratio 1/3) stay unaligned
    loose = wire_reuse(articles, wires=("outlet-wire",), min_sentences=1)
    assert loose.values.tolist() == [["a1", "outlet-a", "w1", "outlet-wire", 3, 1, 0.75],
                                     ["b1", "outlet-b", "w1", "outlet-wire", 1, 1, 1 / 3]]
    # no wire text, or wires only: nothing to compare
    assert wire_reuse(articles, wires=("no-such-wire",)).empty
    assert wire_reuse(articles[articles["outlet"] == "outlet-wire"], wires=("outlet-wire",)).empty


@pytest.mark.parametrize(
    "target, status, similarity",
    [
        # troops entered the | town on monday  vs  troops entered the | village after dark:
        # 3 words shared of 6 + 6, ratio 2 x 3 / 12 = 0.5, exactly SIMILARITY_THRESHOLD
        ("Troops entered the village after dark.", ["rewritten"], 0.5),
        # one word more: 2 x 3 / 13 = 0.4615, under it
        ("Troops entered the village after dark today.", ["added", "dropped"], 0.0),
    ],
    ids=["ratio-exactly-at-threshold-aligned", "ratio-just-under-not-aligned"],
)
def test_alignment_threshold_is_inclusive(target, status, similarity):
    from slant.framing import SIMILARITY_THRESHOLD

    assert SIMILARITY_THRESHOLD == 0.5
    diff = align_texts("Troops entered the town on Monday.", target)
    assert sorted(diff.alignment["status"]) == status
    assert diff.alignment["similarity"].tolist() == [similarity] * len(status)
    if status == ["rewritten"]:
        assert diff.edits[["op", "source_words", "target_words"]].values.tolist() == [
            ["substituted", "town on monday", "village after dark"]]
    # 2 x 4 / 12: a pair at a threshold of 2/3 passed explicitly is aligned too
    at = align_texts("Troops entered the town on Monday.", "Troops entered the town after dark.",
                     threshold=2 / 3)
    assert at.alignment["status"].tolist() == ["rewritten"]
