"""Lexicon loading (errors name file and line) and matching (longest match, case, inflection)."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import FIXTURES
from slant.lexicons import LexiconError, load_lexicon, load_lexicons, match_lexicon
from slant.text import index_texts

TINY = FIXTURES / "tiny-lexicon.yml"


@pytest.fixture(scope="module")
def tiny_lexicon():
    return load_lexicon(TINY)


def found(text, lexicon):
    index = index_texts(pd.DataFrame({"id": ["a"], "text": [text]}))
    matches = match_lexicon(index, lexicon)
    labels = lexicon.entries["label"].to_numpy()
    return [(text[m.start:m.end], labels[m.entry]) for m in matches.itertuples()]


@pytest.mark.parametrize(
    "text, expected",
    [("The Assad regime held.", [("Assad regime", "Assad regime")]),
     ("The regime held.", [("regime", "regime")]),
     ("The regime of the river changed.", []),
     ("This is IS territory.", [("IS", "IS")]),
     ("It is what it is.", []),
     ("U.S.-backed militants advanced.", [("U.S.-backed militants", "US-backed militants")]),
     ("US backed militant advanced.", [("US backed militant", "US-backed militants")]),
     ("Daesh’s fighters fled.", [("Daesh", "Daesh")]),
     ("Assads regime fell.", [("Assads regime", "Assad regime")]),
     ("They liberated it; the liberation came.", [("liberated", "liberated"), ("liberation", "liberated")]),
     ("The army captured the town.", [("captured", "captured")]),
     ("Islamic State fighters and terrorists.", [("Islamic State", "Islamic State"), ("terrorists", "terrorists")]),
     ("Syrian. Army units moved.", []),
     ("under the pretext of fighting", [("under the pretext of", "under the pretext of")]),
     ("The so-called “caliphate”.", [("so-called", "so-called")])],
    ids=["longest-match", "short-form", "exclude-phrase", "IS-the-group", "is-the-verb", "US-dotted",
         "US-unpunctuated-singular", "curly-possessive", "stripped-possessive", "prefix-inflection",
         "neutral-act", "two-labels", "no-crossing-sentences", "framing-device", "hyphenated"],
)
def test_matching(text, expected, tiny_lexicon):
    assert found(text, tiny_lexicon) == expected


def test_matches_keep_offsets_across_many_texts(tiny_lexicon):
    texts = [f"Text {i}: the regime and Daesh." for i in range(500)]
    index = index_texts(pd.DataFrame({"id": [str(i) for i in range(500)], "text": texts}))
    matches = match_lexicon(index, tiny_lexicon)
    assert len(matches) == 1000
    # each text, after its 'Text {i}: ' prefix: "the regime and Daesh.", regime at 4-10, Daesh at 15-20
    got = [(m.doc, m.start - len(f"Text {m.doc}: "), m.end - len(f"Text {m.doc}: "),
            texts[m.doc][m.start:m.end]) for m in matches.itertuples()]
    assert sorted(got) == sorted([(i, 4, 10, "regime") for i in range(500)]
                                 + [(i, 15, 20, "Daesh") for i in range(500)])


def test_entries_table(tiny_lexicon):
    entries = tiny_lexicon.entries.set_index("label")
    assert entries.loc["Daesh", "referent"] == "islamic-state"
    assert entries.loc["liberated", "category"] == "act"
    assert entries.loc["so-called", "referent"] == "" and entries.loc["so-called", "category"] == "framing-device"
    assert entries.loc["IS", "line"] == 8


def write(tmp_path, text, name="lex.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "text, match",
    [("name: x\nreferents:\n  - id: a\n    labels:\n      - {label: foo, stance: nasty}\n",
      r"lex.yml:5: stance 'nasty' of 'foo' is not one of"),
     (("name: x\nreferents:\n  - id: a\n    labels:\n      - {label: foo, stance: neutral}\n"
       "  - id: b\n    labels:\n      - {label: Foo, stance: pejorative}\n"),
      r"lex.yml:8: 'Foo' \(Foo, b\) matches the same words as 'foo' \(a\) at .*lex.yml:5"),
     ("name: x\nreferents:\n  - id: a\n    labels:\n      - {label: foo, stance: neutral, colour: red}\n",
      r"lex.yml:5: unknown key 'colour'"),
     ("name: x\nreferents: [\n", r"lex.yml:\d+: not valid YAML"),
     ("name: x\nreferents:\n  - labels: []\n", r"lex.yml:3: this referent has no id"),
     ("name: x\nreferents:\n  - id: a\n    category: thing\n", r"lex.yml:4: category 'thing'")],
    ids=["unknown-stance", "one-label-two-referents", "unknown-key", "bad-yaml", "no-id", "bad-category"],
)
def test_lexicon_errors(tmp_path, text, match):
    with pytest.raises(LexiconError, match=match):
        load_lexicon(write(tmp_path, text))


def test_exclude_equal_to_a_pattern_is_an_error(tmp_path):
    text = ("name: x\nreferents:\n  - id: a\n    labels:\n      - {label: regime, stance: pejorative, "
            "exclude: [zionist regime]}\n  - id: b\n    labels:\n      - {label: Zionist regime, stance: pejorative}\n")
    with pytest.raises(LexiconError, match=r"lex.yml:5: exclude 'zionist regime' of 'regime' is also a term"):
        load_lexicon(write(tmp_path, text))


def test_duplicate_across_files(tmp_path):
    a = write(tmp_path, "name: a\ncategories:\n  - id: c\n    terms:\n      - {label: fierce, stance: intensifying}\n", "a.yml")
    b = write(tmp_path, "name: b\ncategories:\n  - id: d\n    terms:\n      - {label: Fierce, stance: neutral}\n", "b.yml")
    with pytest.raises(LexiconError, match=r"b.yml:5: .* at .*a.yml:5"):
        load_lexicons([a, b])


def test_missing_lexicon_names_the_bundled_ones(tmp_path):
    with pytest.raises(LexiconError, match="lexicon not found; name a bundled one"):
        load_lexicon(tmp_path / "nope.yml")


def test_relative_path_from_a_corpus_folder(tmp_path):
    write(tmp_path, "name: mine\ncategories:\n  - id: c\n    terms:\n      - {label: fierce, stance: intensifying}\n")
    assert load_lexicons(["lex.yml"], base=tmp_path).entries["lexicon"].tolist() == ["mine"]


def test_a_match_ending_on_a_dotted_abbreviation_spans_all_of_it(tmp_path):
    """"U.N." reads "UN" in the normal form, its letters moved to its start: a label that ends
    on it still spans the whole abbreviation in the text, dots included, with the exact-case
    and the case-insensitive pass alike."""
    path = tmp_path / "bodies.yml"
    path.write_text("name: bodies\nreferents:\n  - id: un\n    labels:\n"
                    "      - {label: UN, stance: neutral, patterns: [UN, the UN team]}\n"
                    "      - {label: US, stance: neutral, patterns: [US], case: exact}\n")
    lexicon = load_lexicon(path)
    assert found("The U.N. team left; the U.N. said so. Backed by the U.S., it held. US troops.", lexicon) == [
        ("The U.N. team", "UN"), ("U.N.", "UN"), ("U.S.", "US"), ("US", "US")]


def test_entries_table_whole(tiny_lexicon):
    """Every entry of tests/fixtures/tiny-lexicon.yml, read off the file: referent or
    category, label, stance, case and line; no other entry."""
    got = tiny_lexicon.entries[["referent", "category", "label", "stance", "case", "line"]]
    assert [tuple(r) for r in got.values.tolist()] == [
        ("islamic-state", "actor", "Daesh", "delegitimising", "any", 7),
        ("islamic-state", "actor", "IS", "neutral", "exact", 8),
        ("islamic-state", "actor", "Islamic State", "neutral", "any", 9),
        ("islamic-state", "actor", "terrorists", "delegitimising", "any", 10),
        ("syrian-government", "actor", "regime", "delegitimising", "any", 14),
        ("syrian-government", "actor", "Assad regime", "delegitimising", "any", 15),
        ("syrian-government", "actor", "Syrian army", "neutral", "any", 16),
        ("sdf", "actor", "US-backed militants", "delegitimising", "any", 20),
        ("sdf", "actor", "US-backed forces", "neutral", "any", 21),
        ("taking-territory", "act", "liberated", "legitimising", "any", 25),
        ("taking-territory", "act", "captured", "neutral", "any", 26),
        ("", "framing-device", "under the pretext of", "delegitimising", "any", 30),
        ("", "framing-device", "so-called", "distancing", "any", 31)]
    assert tiny_lexicon.entries["entry"].tolist() == list(range(13))


@pytest.mark.parametrize(
    "text, expected",
    [("Terrorist cells and terrorists fled the regime.",
      [("Terrorist", "terrorists"), ("terrorists", "terrorists"), ("regime", "regime")]),
     ("Forces seized and freed towns; they captured more.",
      [("seized", "captured"), ("freed", "liberated"), ("captured", "captured")]),
     ("The flow regime of the Euphrates changed, IS said.", [("IS", "IS")])],
    ids=["pattern-and-label", "patterns-of-two-labels", "exclude-beside-a-match"],
)
def test_matching_finds_these_and_no_other(text, expected, tiny_lexicon):
    assert found(text, tiny_lexicon) == expected
