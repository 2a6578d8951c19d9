"""Corpus loading: config, sources, registry, and every bad input listed with its reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import BAD_CORPUS, ROOT, TINY_CORPUS
from slant.corpus import (
    ARTICLE_COLUMNS,
    CorpusError,
    load_config,
    load_corpus,
    load_outlets,
    summarize,
)

DEFAULT_CORPUS = ROOT / "corpus" / "mayadin-2017"


@pytest.fixture(scope="module")
def tiny():
    return load_corpus(TINY_CORPUS)


def test_tiny_corpus_loads_every_article(tiny):
    arts = tiny.articles
    assert list(arts.columns) == ARTICLE_COLUMNS
    assert len(arts) == 7 and tiny.issues.empty
    assert arts["id"].is_unique
    # sorted by date, then id
    assert arts["date"].is_monotonic_increasing
    assert arts.loc[arts["is_target"], "id"].tolist() == ["outlet-a-2017-10-12"]


def test_tiny_corpus_fields(tiny):
    arts = tiny.articles.set_index("id")
    a = arts.loc["outlet-a-2017-10-03"]
    assert a["outlet"] == "outlet-a"  # resolved from the alias "Outlet A Online"
    assert a["outlet_name"] == "Outlet A Online"
    assert a["camp"] == "pro-government"
    assert a["words"] == 4 + 11  # title "Army advances on Qaryat" + the sentence
    assert a["source"] == "articles:articles/"
    assert arts.loc["outlet-c-2017-10-13", "camp"] == "opposition"
    assert arts.loc["outlet-d-1", "wire_credit"] == "wirex"
    assert arts.loc["outlet-d-2", "wire_credit"] == ""
    assert arts.loc["outlet-d-1", "source"] == "csv:table.csv"
    assert arts.loc["outlet-a-2017-10-12", "title"] == ""


def test_window_marks_articles(tiny):
    in_window = tiny.articles.set_index("id")["in_window"]
    assert not in_window["outlet-b-2017-09-20"]  # before 1 Oct
    assert in_window["outlet-d-2"]  # 14 Oct, inside
    assert in_window["outlet-c-2017-10-13"]
    assert tiny.window == (pd.Timestamp("2017-10-01"), pd.Timestamp("2017-10-15"))


def test_summarize_counts_by_camp(tiny):
    tables = summarize(tiny)
    assert tables["camp"]["articles"].to_dict() == {"pro-government": 2, "Western": 2, "other": 2, "opposition": 1}
    assert tables["source"]["analysed"].sum() == 7 and tables["source"]["read"].sum() == 7


def test_source_table_accounts_for_every_item(bad):
    table = summarize(bad)["source"]
    n_files = len(list((BAD_CORPUS / "articles").iterdir()))
    assert table.loc["articles:articles/"].to_dict() == {
        "read": n_files, "analysed": 6, "skipped": 8, "repaired": 1, "flagged": 4}
    assert table.loc["manifest:not-fetched.csv", ["read", "skipped"]].tolist() == [1, 1]


# ---------------------------------------------------------------------------------------------
# Bad input: every file of fixtures/bad/ is either loaded or listed with its reason.

EXPECTED_BAD = [
    ("empty-text.md", "skipped", "empty text"),
    ("bad-date.md", "flagged", "bad date '31/31/2017'"),
    ("front-matter-error.md", "skipped", "not valid YAML"),
    ("no-front-matter.md", "skipped", "no front matter"),
    ("missing-outlet.md", "skipped", "front matter has no 'outlet'"),
    ("undecodable-bytes.md", "skipped", "undecodable bytes"),
    ("unknown-outlet.md", "flagged", "not in the registry"),
    ("notes.txt", "skipped", "not a .md article file"),
    ("not-fetched.csv", "skipped", "not fetched"),
    ("undecodable-bytes.csv", "repaired", "not valid utf-8"),
    ("impossible-date.md", "flagged", "bad date '2017-13-45'"),
    ("nul-byte.md", "repaired", "NUL bytes removed"),
    ("jsonl-not-an-object.jsonl", "skipped", "valid JSON but not an object"),
    ("csv-extra-field.csv", "flagged", "row has 4 fields, the header has 3"),
    ("csv-header-no-rows.csv", "flagged", "no rows"),
    # found by test_corpus_fuzz on the loader before these fixes, each a traceback
    ("control-character-in-front-matter.md", "skipped", "control character U+0007"),
]


@pytest.fixture(scope="module")
def bad():
    return load_corpus(BAD_CORPUS)


@pytest.mark.parametrize("file, action, reason", EXPECTED_BAD, ids=[e[0] for e in EXPECTED_BAD])
def test_bad_input_is_listed(bad, file, action, reason):
    rows = bad.issues[bad.issues["file"].str.endswith(file)]
    assert (rows["action"] == action).any(), bad.issues[["file", "action", "reason"]]
    assert rows["reason"].str.contains(reason, regex=False, case=False).any()
    assert (rows["fix"] != "").all()


def test_bad_duplicate_id_is_listed_once(bad):
    assert (bad.articles["id"] == "ok-1").sum() == 1
    dup = bad.issues[bad.issues["reason"].str.startswith("duplicate id")]
    assert dup["item"].tolist() == ["ok-1"]


def test_bad_nothing_dropped_silently(bad):
    # every article-like item is either an article or an issue row
    n_files = len([p for p in (BAD_CORPUS / "articles").iterdir()])
    from_files = bad.articles["source"].eq("articles:articles/").sum()
    listed = bad.issues[bad.issues["source"] == "articles:articles/"]
    skipped = (listed["action"] == "skipped").sum()
    assert from_files + skipped == n_files


def test_front_matter_error_names_the_line(bad):
    row = bad.issues[bad.issues["file"].str.endswith("front-matter-error.md")].iloc[0]
    assert row["line"] == 5  # the YAML scanner stops at the line after the unclosed quote


def test_undecodable_csv_row_is_named(bad):
    rows = bad.issues[bad.issues["file"].str.endswith("undecodable-bytes.csv")]
    assert 2 in rows["line"].tolist()
    assert "\ufffd" in bad.articles.set_index("id").loc["csv-1", "text"]


# The six malformed inputs of "Any corpus a user brings": each row names the file, the line or
# article, what is wrong and the fix.
MALFORMED = [
    ("articles/impossible-date.md", 1, "impossible-date-1", "flagged",
     "bad date '2017-13-45': kept without a date", "write the date as YYYY-MM-DD"),
    ("articles/nul-byte.md", 7, "nul-byte-1", "repaired", "NUL bytes removed (line 7)", "re-save the file as plain UTF-8"),
    ("jsonl-not-an-object.jsonl", 2, "line 2", "skipped", "valid JSON but not an object (a list)",
     'write one {"id": ..., "outlet": ..., "text": ...} object per line'),
    ("csv-extra-field.csv", 3, "csv-extra-2", "flagged",
     "row has 4 fields, the header has 3: extra values [' with a comma left unquoted.'] ignored",
     "quote values that hold commas"),
    ("csv-header-no-rows.csv", 1, "csv-header-no-rows.csv", "flagged",
     "no rows: the file has a header and nothing else", "drop this source from corpus.yml"),
]


@pytest.mark.parametrize("file, line, item, action, reason, fix", MALFORMED,
                         ids=["impossible-date", "nul-byte", "jsonl-not-an-object", "csv-extra-field",
                              "csv-header-no-rows"])
def test_malformed_input_is_one_named_row(bad, file, line, item, action, reason, fix):
    rows = bad.issues[bad.issues["file"] == str(BAD_CORPUS / file)]
    assert rows[["line", "item", "action", "reason"]].values.tolist() == [[line, item, action, reason]]
    assert fix in rows["fix"].iloc[0]


def test_malformed_articles_are_kept(bad):
    arts = bad.articles.set_index("id")
    assert pd.isna(arts.loc["impossible-date-1", "date"])  # kept, without a date
    assert arts.loc["nul-byte-1", "text"].endswith("with a NUL byte inside it.")
    assert "\0" not in "".join(bad.articles["text"])
    assert arts.loc["jsonl-1", "text"] == "A line we wrote as an object."
    assert "jsonl-2" not in arts.index
    assert arts.loc["csv-extra-2", "text"] == "A row we wrote"  # the unquoted rest is the extra field


def test_year_zero_is_flagged_and_dropped(bad):
    # found by test_corpus_fuzz: PyYAML built 0000-01-01 as a date and failed ("year 0 is out of
    # range"), ending the load; pandas then read it as year 0, which the report could not format
    assert pd.isna(bad.articles.set_index("id").loc["year-zero-1", "date"])
    row = bad.issues[bad.issues["item"] == "year-zero-1"]
    assert row[["action", "reason", "fix"]].values.tolist() == [
        ["flagged", "implausible date '0000-01-01' (before 1700 or in the future): kept without a date",
         "correct the date (YYYY-MM-DD)"]]


@pytest.mark.parametrize("date, kept", [("1699-12-31", False), ("1700-01-01", True),
                                        ("2017-10-12", True), ("2999-01-01", False)],
                         ids=["before-1700", "first-day-kept", "ordinary", "far-future"])
def test_implausible_dates(date, kept, tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "corpus.yml").write_text("name: t\nsources:\n  - articles: articles/\n")
    (tmp_path / "articles" / "a.md").write_text(
        f"---\nid: a1\noutlet: outlet-a\ndate: {date}\n---\nThe town was quiet.\n")
    corpus = load_corpus(tmp_path)
    assert pd.notna(corpus.articles.loc[0, "date"]) == kept
    assert corpus.issues["reason"].str.startswith("implausible date").any() == (not kept)


def test_csv_row_of_nul_bytes_is_not_lost(bad):
    # found by test_corpus_fuzz: NULs stripped before parsing turned this row into a blank line,
    # which CSV readers skip, so the row vanished; now NULs are removed per value, after parsing
    rows = bad.issues[bad.issues["file"] == str(BAD_CORPUS / "csv-nul-only-row.csv")]
    assert rows[["line", "action", "reason"]].values.tolist() == [
        [2, "skipped", "no id"],
        [2, "flagged", "row has 1 fields, the header has 3"],
        [2, "repaired", "NUL bytes removed from its id"],
        [3, "repaired", "NUL bytes removed from its text"],
    ]
    assert bad.articles.set_index("id").loc["nul-row-2", "text"] == "A row we wrote with a NUL."


def test_no_sources_is_an_error():
    with pytest.raises(CorpusError, match=r"no-sources/corpus.yml:1: 'sources:' is missing, so there is "
                                          r"nothing to load; list at least one"):
        load_corpus(BAD_CORPUS / "no-sources")


def test_empty_sources_is_an_error(tmp_path):
    with pytest.raises(CorpusError, match=r"corpus.yml:2: 'sources:' is empty"):
        load_config(_corpus(tmp_path, "name: x\nsources: []\n"))


@pytest.mark.parametrize(
    "data, match",
    [(b"name: x\nsources: [{articles: a/}]\ndescription: caf\xe9\n", r"corpus.yml:3: not UTF-8 \(byte 50\)"),
     (b"name: x\nsources: [{articles: a/}]\ndescription: a\x00b\n", r"corpus.yml:3: not valid YAML \(control character U\+0000 is not allowed\)"),
     (b"name: x\nsources: [{articles: a/}]\noutlets: 3\n", r"corpus.yml:3: outlets must be a path")],
    ids=["not-utf8", "nul-byte", "outlets-not-a-path"],
)
def test_config_errors_found_by_fuzzing(tmp_path, data, match):
    # each ended in a traceback (UnicodeDecodeError, yaml ReaderError, TypeError) before
    (tmp_path / "corpus.yml").write_bytes(data)
    with pytest.raises(CorpusError, match=match):
        load_config(tmp_path)


def test_impossible_window_date_names_the_line(tmp_path):
    with pytest.raises(CorpusError, match=r"corpus.yml:2: not valid YAML \('2017-13-45' is not a date "
                                          r"\(month must be in 1..12\); write YYYY-MM-DD\)"):
        load_config(_corpus(tmp_path, "name: x\nwindow: [2017-13-45, 2017-10-20]\nsources: [{articles: a/}]\n"))


def test_unknown_outlet_gets_unknown_camp(bad):
    row = bad.articles.set_index("id").loc["unknown-1"]
    assert row["camp"] == "unknown" and row["outlet"] == "outlet-nobody-knows"


# ---------------------------------------------------------------------------------------------
# corpus.yml and outlets.csv errors raise, naming the file and line.

def _corpus(tmp_path: Path, yml: str, outlets: str | None = None) -> Path:
    (tmp_path / "corpus.yml").write_text(yml, encoding="utf-8")
    (tmp_path / "articles").mkdir(exist_ok=True)
    if outlets is not None:
        (tmp_path / "outlets.csv").write_text(outlets, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "yml, match",
    [("name: x\nsources:\n  - articles: a/\n    colour: red\n", r"corpus.yml:3: option 'colour'"),
     ("name: x\nwindow: [2017-10-05]\n", r"corpus.yml:2: window must be \[start, end\]"),
     ("name: x\nsorces: []\n", r"corpus.yml:2: unknown key 'sorces'"),
     ("name: x\nsources:\n  - csv: t.csv\n", r"corpus.yml:3: a csv source needs a column mapping"),
     ("name: [x\n", r"corpus.yml:\d+: not valid YAML")],
    ids=["bad-option", "short-window", "misspelt-key", "csv-without-mapping", "yaml-syntax"],
)
def test_config_errors(tmp_path, yml, match):
    with pytest.raises(CorpusError, match=match):
        load_config(_corpus(tmp_path, yml))


def test_missing_corpus_yml(tmp_path):
    with pytest.raises(CorpusError, match="no corpus.yml here"):
        load_corpus(tmp_path)


def test_csv_mapping_to_absent_column(tmp_path):
    (tmp_path / "t.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    root = _corpus(tmp_path, "name: x\nsources:\n  - csv: t.csv\n    columns: {id: a, outlet: b, text: body}\n")
    with pytest.raises(CorpusError, match=r"t.csv:1: column 'body' .* is not in the file"):
        load_corpus(root)


def test_jsonl_source_with_a_bad_line(tmp_path):
    (tmp_path / "t.jsonl").write_text(
        '{"k": "j1", "o": "outlet-b", "t": "A line we wrote."}\n{oops\n', encoding="utf-8")
    root = _corpus(tmp_path, "name: x\noutlets: outlets.csv\nsources:\n  - csv: t.jsonl\n"
                   "    columns: {id: k, outlet: o, text: t}\n",
                   "id,name,camp\noutlet-b,Outlet B,Western\n")
    corpus = load_corpus(root)
    assert corpus.articles["id"].tolist() == ["j1"]
    assert corpus.issues[["line", "action"]].values.tolist() == [[2, "skipped"]]


# ---------------------------------------------------------------------------------------------
# The registry

def test_registry_is_complete_and_cited():
    outlets = load_outlets()
    assert len(outlets) == 148 and outlets["id"].is_unique
    # every judgement that is not self-evident carries a citation and a confidence
    assert (outlets["citations"] != "").all()
    assert set(outlets["confidence"]) == {"high", "medium", "low"}
    row = outlets.set_index("id").loc["presstv"]
    assert (row["camp"], row["ownership"], row["state_affiliation"]) == ("Iranian", "state", "Iran")


def test_camp_override_in_corpus_outlets(tmp_path):
    path = tmp_path / "outlets.csv"
    path.write_text("id,camp,camp_note,citations\nreuters,other,moved for a test,a test\n", encoding="utf-8")
    outlets = load_outlets(path).set_index("id")
    assert outlets.loc["reuters", "camp"] == "other"
    assert outlets.loc["reuters", "name"] == "Reuters"  # cells left empty keep the registry's value
    assert outlets.loc["reuters", "overridden"] == "camp;camp_note;citations"
    assert outlets.loc["sana", "overridden"] == ""


@pytest.mark.parametrize(
    "csv_text, match",
    [("id,camp\nreuters,neutral\n", r"outlets.csv:2: camp 'neutral' of outlet 'reuters' is not one of"),
     ("id,name\nnew-one,New\n", r"outlets.csv:2: new outlet 'new-one' needs camp"),
     ("id,colour\nreuters,red\n", r"outlets.csv:1: unknown column 'colour'"),
     ("id,camp\nx,other\nx,Western\n", r"outlets.csv:3: outlet id 'x' appears twice")],
    ids=["unknown-camp", "new-without-camp", "unknown-column", "duplicate-id"],
)
def test_registry_errors(tmp_path, csv_text, match):
    path = tmp_path / "outlets.csv"
    path.write_text(csv_text, encoding="utf-8")
    with pytest.raises(CorpusError, match=match):
        load_outlets(path)


# ---------------------------------------------------------------------------------------------
# The default corpus

def test_default_corpus_offline_has_the_target_alone(tmp_path):
    corpus = load_corpus(DEFAULT_CORPUS, mirror=tmp_path / "empty-mirror")
    assert corpus.articles["id"].tolist() == ["presstv-2017-10-12"]
    target = corpus.target_article
    assert target["outlet"] == "presstv" and target["camp"] == "Iranian"
    assert target["title"] == "" and target["date"] == pd.Timestamp("2017-10-12")
    assert target["text"].startswith("The Syrian army has advanced deeper into the Daesh-held")
    reasons = corpus.issues.groupby("source")["reason"].first()
    assert reasons["dataset:fa-kes"].startswith("dataset not loaded")
    assert (corpus.issues["source"] == "manifest:coverage.csv").sum() == 180


def test_default_corpus_with_the_shared_mirror(shared_dir):
    corpus = load_corpus(DEFAULT_CORPUS, mirror=shared_dir / "corpora")
    arts = corpus.articles
    assert (arts["source"] == "dataset:fa-kes").sum() == 792  # 804 rows, 12 repeated unit_ids
    assert arts.loc[arts["source"] == "dataset:fa-kes", "camp"].ne("unknown").all()
    target_file = shared_dir / "corpora" / "mayadin-2017" / "target-presstv-2017-10-12.txt"
    assert corpus.target_article["text"] == target_file.read_text(encoding="utf-8").strip()
    # wire copies are marked, an outlet's own "- REUTERS" is not a wire copy of itself
    assert (arts.loc[arts["outlet"] == "reuters", "wire_credit"] == "").all()
    assert (arts["wire_credit"] == "reuters").sum() > 0
    sources = summarize(corpus)["source"]
    assert sources.loc["dataset:fa-kes", ["read", "analysed", "skipped"]].tolist() == [804, 792, 12]


def test_copied_corpus_folder_loads_anywhere(tmp_path):
    dest = tmp_path / "copy"
    shutil.copytree(TINY_CORPUS, dest)
    assert len(load_corpus(dest).articles) == 7


@pytest.mark.parametrize("manifest", [b"", b'id,url,outlet\n"a,b\n', b"id,url,outlet\n\xff,b,c\n"],
                         ids=["empty", "unclosed-quote", "not-utf8"])
def test_unreadable_manifest_names_the_file(tmp_path, manifest):
    (tmp_path / "m.csv").write_bytes(manifest)
    root = _corpus(tmp_path, "name: x\nsources:\n  - manifest: m.csv\n")
    with pytest.raises(CorpusError, match=r"m.csv: manifest cannot be read as UTF-8 CSV \(.+\); fix it"):
        load_corpus(root)


def test_csv_bare_carriage_return_starts_a_row(tmp_path):
    # found by test_corpus_fuzz: a field holding a bare CR, left unquoted (Python's csv writer does
    # so when its line terminator is "\n"), ends the row there for every CSV reader. Both halves
    # are listed, each with its line and reason; nothing vanishes.
    (tmp_path / "t.csv").write_bytes(b"id,outlet,text\nx1,outlet-a,\rThe town was quiet.,\n")
    (tmp_path / "corpus.yml").write_text("name: t\nsources:\n  - csv: t.csv\n    columns: {id: id, outlet: outlet, "
                                         "text: text}\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.articles.empty
    skipped = corpus.issues[corpus.issues["action"] == "skipped"]
    assert skipped[["line", "item", "reason"]].values.tolist() == [
        [2, "x1", "empty text"], [3, "The town was quiet.", "empty text"]]  # line 3 reads as id, outlet
    assert corpus.issues[corpus.issues["action"] == "flagged"]["line"].tolist() == [3]


@pytest.mark.parametrize("text, words", [
    ("The army took al-Mayadin.", 4),  # an inner hyphen joins "al" and "Mayadin"
    ("Daesh's fighters fled", 3),  # an inner apostrophe joins, straight or curly
    ("Daesh’s fighters", 2),
    ("a--b", 2),  # two hyphens join nothing
    ("-a- 'b'", 2),  # outer marks are not words
    ("x_y 12,000", 3),  # "_" is a word character; the comma splits 12 and 000
    ("\u0661\u0662 na\u00efve", 2),  # Arabic-Indic digits and accented letters are \w
    ("", 0),
], ids=["hyphen", "apostrophe", "curly-apostrophe", "double-hyphen", "outer-marks", "underscore-digits",
        "non-ascii", "empty"])
def test_count_words(text, words):
    from slant.corpus import count_words

    assert count_words(pd.Series([text, None])).tolist() == [words, 0]


def test_count_words_is_the_regex_count_over_chunks(monkeypatch):
    """Texts spread over several chunks of code points count as the regex counts them."""
    import re

    from slant.common import _chars
    from slant.corpus import count_words

    monkeypatch.setattr(_chars, "WORD_CHUNK_CHARS", 40)
    texts = pd.Series(["The town's river-side road, near al-Bab.", "--", "Gen. O'Neil said 3-0",
                       "fighters' 'quotes' and ’curly’ marks", "x"] * 3)
    regex = texts.map(lambda t: len(re.findall(r"\w+(?:['’-]\w+)*", t)))
    assert count_words(texts).tolist() == regex.tolist()
    assert _chars.word_counts(texts.tolist(), n_jobs=2).tolist() == regex.tolist()  # in workers


def test_dates_with_different_utc_offsets_keep_their_wall_clock_time(tmp_path):
    # found by test_corpus_fuzz: pandas will not put +02:00 and -05:00 in one column
    (tmp_path / "corpus.yml").write_text(
        "name: offsets\nsources:\n  - csv: a.csv\n    columns: {id: id, outlet: outlet, text: text, date: date}\n")
    (tmp_path / "a.csv").write_text(
        "id,outlet,text,date\n"
        "a1,outlet-a,The town was quiet.,2017-10-12T10:00:00+02:00\n"
        "a2,outlet-a,The road was open.,2017-10-12 01:00-05:00\n"
        "a3,outlet-a,The river rose.,2017-10-13\n")
    arts = load_corpus(tmp_path).articles.set_index("id")
    assert arts.loc["a1", "date"] == pd.Timestamp("2017-10-12 10:00")
    assert arts.loc["a2", "date"] == pd.Timestamp("2017-10-12 01:00")
    assert arts.loc["a3", "date"] == pd.Timestamp("2017-10-13")
