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
    assert {texts[m.doc][m.start:m.end] for m in matches.itertuples()} == {"regime", "Daesh"}


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
