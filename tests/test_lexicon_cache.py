"""Compiled lexicons kept on disk (``slant.lexicons._cache``): read back equal, compiled again
when a lexicon file changes."""

from __future__ import annotations

import pandas as pd

from slant.lexicons import load_lexicons

LEXICON = "name: mine\nreferents:\n  - id: islamic-state\n    labels:\n      - {label: Daesh, stance: neutral}\n"


def test_second_load_reads_the_compiled_lexicon(tmp_path, monkeypatch):
    monkeypatch.setenv("SLANT_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "mine.yml"
    path.write_text(LEXICON, encoding="utf-8")
    first = load_lexicons([path])
    assert len(list((tmp_path / "cache" / "lexicons").glob("*.pickle"))) == 1
    again = load_lexicons([path])
    pd.testing.assert_frame_equal(first.entries, again.entries)
    pd.testing.assert_frame_equal(first.patterns, again.patterns)
    assert again.languages == first.languages and again is not first


def test_a_changed_file_is_compiled_again(tmp_path, monkeypatch):
    monkeypatch.setenv("SLANT_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "mine.yml"
    path.write_text(LEXICON, encoding="utf-8")
    load_lexicons([path])
    path.write_text(LEXICON.replace("Daesh", "ISIS"), encoding="utf-8")
    changed = load_lexicons([path])
    assert changed.entries["label"].tolist() == ["ISIS"]
    assert len(list((tmp_path / "cache" / "lexicons").glob("*.pickle"))) == 2


def test_an_unreadable_entry_is_compiled_again(tmp_path, monkeypatch):
    monkeypatch.setenv("SLANT_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "mine.yml"
    path.write_text(LEXICON, encoding="utf-8")
    load_lexicons([path])
    (entry,) = (tmp_path / "cache" / "lexicons").glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    assert load_lexicons([path]).entries["label"].tolist() == ["Daesh"]
