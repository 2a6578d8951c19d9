"""Parquet sources, articles in batches and streaming scoring (issue 18, items 1 and 2).

The corpus is generated here from sentences we wrote, attributed to invented outlets; a batch
of 7 articles splits every outlet, referent and quoted speaker across batch boundaries.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import ROOT
from slant.cli import main
from slant.corpus import CorpusError, iter_article_batches, load_corpus
from slant.scoring import merge_label_choices, score_batches, score_corpus

#: Sentences we wrote: which article holds which is set by its number (see _corpus).
DAESH = "Daesh fighters left the eastern district of the town."  # Daesh, own voice
QUOTE = 'A resident said the rebels had "liberated" the square.'  # said, rebels, "liberated": quoted
REGIME = "The regime shelled the market on Monday."  # regime, own voice
FILLER = "Traffic was slow on the coast road."  # no lexicon term
OUTLETS = ("outlet-a", "outlet-b", "outlet-c")
N = 360

CHOICE_KEYS = ["level", "group", "referent", "label", "language", "stance"]


def _text(i: int) -> str:
    parts = [FILLER]
    if i % 2 == 0:
        parts.append(DAESH)
    if i % 3 == 0:  # outlet-a's articles only
        parts.append(QUOTE)
    if i % 5 == 0:
        parts.append(REGIME)
    return " ".join(parts)


def _corpus(folder: Path, *, extra_rows: bool = True) -> Path:
    """N articles in three Parquet files (120 rows each) under ``folder/parts``; with
    ``extra_rows``, a fourth file repeating article 0's id and holding an empty text."""
    rows = pd.DataFrame({
        "key": [f"{OUTLETS[i % 3]}-{i:04d}" for i in range(N)],
        "publisher": [OUTLETS[i % 3] for i in range(N)],
        "body": [_text(i) for i in range(N)],
        # 20 dates: many articles share one, so the id orders them within it
        "day": [f"2017-10-{1 + i % 20:02d}" for i in range(N)],
    })
    parts = folder / "parts"
    parts.mkdir(parents=True)
    for k in range(3):
        pq.write_table(pa.Table.from_pandas(rows.iloc[k * 120:(k + 1) * 120], preserve_index=False),
                       parts / f"part-{k}.parquet")
    if extra_rows:
        extra = pd.DataFrame({"key": ["outlet-a-0000", "outlet-b-9999"], "publisher": ["outlet-a", "outlet-b"],
                              "body": ["A second copy.", "   "], "day": ["2017-10-02", "2017-10-03"]})
        pq.write_table(pa.Table.from_pandas(extra, preserve_index=False), parts / "part-3.parquet")
    (folder / "outlets.csv").write_text(
        "id,name,aliases,country,ownership,camp,confidence,citations\n"
        "outlet-a,Outlet A,,Nowhere,state,pro-government,high,invented for tests\n"
        "outlet-b,Outlet B,,Nowhere,private,Western,high,invented for tests\n"
        "outlet-c,Outlet C,,Nowhere,private,opposition,high,invented for tests\n", encoding="utf-8")
    (folder / "corpus.yml").write_text(
        "name: stream-test\nlanguage: en\noutlets: outlets.csv\nlexicons: [syria-2017, news-generic]\n"
        "sources:\n  - parquet: parts\n    columns: {id: key, outlet: publisher, text: body, date: day}\n",
        encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    return _corpus(tmp_path_factory.mktemp("stream"))


def _plain(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Categoricals as strings, sorted by ``keys``: tables compared row for row."""
    table = table.astype({c: str for c in table.columns if isinstance(table[c].dtype, pd.CategoricalDtype)})
    return table.sort_values(keys, kind="stable").reset_index(drop=True)


def _assert_same(memory, streamed, hits):
    pd.testing.assert_frame_equal(_plain(memory.hits, ["id", "start", "end", "label"]),
                                  _plain(hits, ["id", "start", "end", "label"]), check_dtype=False)
    # the article rows in the loaded corpus's order, not only after sorting
    pd.testing.assert_frame_equal(memory.article_scores, streamed.article_scores)
    pd.testing.assert_frame_equal(memory.outlet_scores, streamed.outlet_scores)
    pd.testing.assert_frame_equal(memory.camp_scores, streamed.camp_scores)
    pd.testing.assert_frame_equal(_plain(memory.label_choices, CHOICE_KEYS),
                                  _plain(streamed.label_choices, CHOICE_KEYS))
    assert memory.label_choices.attrs == streamed.label_choices.attrs
    pd.testing.assert_frame_equal(_plain(memory.tone, ["id"]), _plain(streamed.tone, ["id"]))
    pd.testing.assert_frame_equal(memory.not_scored, streamed.not_scored)


def test_parquet_source_loads_every_row(corpus_dir):
    corpus = load_corpus(corpus_dir)
    # 360 + 2 rows read: the repeated id and the empty text skipped
    assert len(corpus.articles) == N
    assert sorted(corpus.issues["reason"].str.split(" ").str[0]) == ["duplicate", "empty"]
    dup = corpus.issues[corpus.issues["reason"].str.startswith("duplicate")].iloc[0]
    assert dup["file"].endswith("part-3.parquet") and dup["line"] == 1
    assert dup["reason"] == "duplicate id (kept the one from parquet:parts line 1)"
    first = corpus.articles.set_index("id").loc["outlet-a-0000"]
    assert (first["outlet"], first["camp"], first["text"]) == ("outlet-a", "pro-government", _text(0))


def test_batches_give_the_articles_and_report_of_load_corpus(corpus_dir):
    corpus = load_corpus(corpus_dir)
    batches = iter_article_batches(corpus_dir, batch_size=7)
    seen = list(batches)
    assert max(len(b) for b in seen) == 7
    # 362 rows read, joined across the four files: 51 batches of 7 and one of the last 5
    # rows, of which the fourth file's 2 are skipped (a repeated id, an empty text)
    assert len(seen) == 52
    assert [len(b) for b in seen[-2:]] == [7, 3]
    together = pd.concat(seen).sort_values(["date", "id"], kind="stable", ignore_index=True)
    pd.testing.assert_frame_equal(together, corpus.articles)
    pd.testing.assert_frame_equal(batches.issues, corpus.issues)


def test_streamed_scores_equal_in_memory(corpus_dir):
    memory = score_corpus(load_corpus(corpus_dir))
    parts = []
    batches = iter_article_batches(corpus_dir, batch_size=7)
    streamed = score_batches(batches, memory.lexicon, on_hits=lambda k, h: parts.append((k, h)))
    assert [k for k, _ in parts] == list(range(52))
    hits = pd.concat([h for _, h in parts], ignore_index=True)
    _assert_same(memory, streamed, hits)
    # worked by hand: 180 articles with DAESH (1 hit), 120 with QUOTE (3), 72 with REGIME (1)
    assert len(hits) == 180 + 3 * 120 + 72
    choices = streamed.label_choices.set_index(["level", "group", "referent", "label"])
    # outlet-a holds articles 0, 3, ..., 357; Daesh in those divisible by 6: 60 articles
    assert choices.loc[("outlet", "outlet-a", "islamic-state", "Daesh"), ["mentions", "articles", "share"]].tolist() == [60, 60, 1.0]
    # regime in outlet-b: i = 1 (mod 3) and 0 (mod 5), i = 10 (mod 15): 24 articles
    assert choices.loc[("outlet", "outlet-b", "syrian-government", "regime"), "mentions"] == 24
    # the quoted words are nobody's own voice: no own-voice row for "liberated"
    assert "liberated" not in choices.index.get_level_values("label")


def test_merge_label_choices_sums_articles_once_per_part():
    part = pd.DataFrame({"level": ["outlet"] * 2, "group": ["outlet-a"] * 2, "referent": ["iran"] * 2,
                         "label": ["Iran", "Tehran"], "language": ["en"] * 2, "gloss": ["Iran", "Tehran"],
                         "display": ["Iran", "Tehran"], "stance": ["neutral"] * 2, "mentions": [3, 1],
                         "referent_mentions": [4, 4], "articles": [2, 2], "share": [0.75, 0.25]})
    merged = merge_label_choices([part, part.iloc[[0]].assign(mentions=2, referent_mentions=2, articles=1,
                                                              share=1.0)])
    # Iran: 3 + 2 mentions, Tehran 1; the referent: 6 mentions in 2 + 1 articles
    assert merged[["label", "mentions", "referent_mentions", "articles"]].values.tolist() == [
        ["Iran", 5, 6, 3], ["Tehran", 1, 6, 3]]
    assert merged["share"].tolist() == pytest.approx([5 / 6, 1 / 6])


def test_score_command_streams_hits_in_parts(corpus_dir, tmp_path):
    assert main(["score", str(corpus_dir), "--out", str(tmp_path / "memory"), "--no-tone"]) == 0
    assert main(["score", str(corpus_dir), "--out", str(tmp_path / "stream"), "--no-tone",
                 "--batch-size", "100"]) == 0
    parts = sorted(p.name for p in (tmp_path / "stream" / "hits").iterdir())
    # 362 rows read across the files: batches of 100, 100, 100 and 62
    assert parts == [f"part-{k:05d}.parquet" for k in range(4)]
    memory = pd.read_parquet(tmp_path / "memory" / "hits.parquet")
    streamed = pd.read_parquet(tmp_path / "stream" / "hits")
    keys = ["id", "start", "end", "label"]
    pd.testing.assert_frame_equal(_plain(memory, keys), _plain(streamed, keys), check_dtype=False)
    for name in ("article_scores", "outlet_scores", "camp_scores"):
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "memory" / f"{name}.parquet"),
                                      pd.read_parquet(tmp_path / "stream" / f"{name}.parquet"))


def test_not_parquet_file_is_an_error_naming_it(tmp_path):
    (tmp_path / "articles.parquet").write_text("id,outlet,text\n1,outlet-a,Some words.\n", encoding="utf-8")
    (tmp_path / "corpus.yml").write_text("name: bad\nsources:\n  - parquet: articles.parquet\n"
                                         "    columns: {id: id, outlet: outlet, text: text}\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"articles\.parquet: not a Parquet file .*re-export it as Parquet"):
        load_corpus(tmp_path)


def test_stray_file_in_folder_is_skipped_and_reported(tmp_path):
    _corpus(tmp_path, extra_rows=False)
    (tmp_path / "parts" / "notes.txt").write_text("kept beside the data by mistake\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert len(corpus.articles) == N
    row = corpus.issues.iloc[0]
    assert (Path(row["file"]).name, row["action"]) == ("notes.txt", "skipped")
    assert row["reason"].startswith("not a Parquet file")


def test_missing_mapped_column_names_the_file(tmp_path):
    _corpus(tmp_path, extra_rows=False)
    pq.write_table(pa.table({"key": ["outlet-a-x"], "body": ["Words."]}), tmp_path / "parts" / "part-9.parquet")
    with pytest.raises(CorpusError, match=r"part-9\.parquet: column 'publisher' \(mapped in corpus\.yml\) is not in"):
        load_corpus(tmp_path)
    with pytest.raises(CorpusError, match=r"part-9\.parquet: column 'publisher'"):
        list(iter_article_batches(tmp_path, batch_size=50))


def test_parquet_source_needs_a_mapping(tmp_path):
    (tmp_path / "corpus.yml").write_text("name: bad\nsources:\n  - parquet: parts\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"corpus\.yml:3: a parquet source needs a column mapping"):
        load_corpus(tmp_path)


def test_fakes_streamed_equals_in_memory(shared_dir):
    mirror = shared_dir / "corpora"
    corpus_dir = ROOT / "corpus" / "mayadin-2017"
    memory = score_corpus(load_corpus(corpus_dir, mirror=mirror))
    batches = iter_article_batches(corpus_dir, batch_size=250, mirror=mirror)
    parts = []
    streamed = score_batches(batches, memory.lexicon, on_hits=lambda k, h: parts.append(h))
    # FA-KES's 804 rows and the article file's one, read in batches of 250: 250, 250, 250, 55
    assert len(parts) == 4
    _assert_same(memory, streamed, pd.concat(parts, ignore_index=True))


def test_window_slices_as_the_whole_did():
    from slant.common import Window

    window = Window(["c", "d", "e"], 2)  # items 2, 3, 4 of a longer list
    assert window[2:5] == ["c", "d", "e"]
    assert window[3:4] == ["d"]
    with pytest.raises(IndexError, match=r"\[1:3\] lies outside the window \[2:5\]"):
        window[1:3]


def test_one_worker_pool_serves_every_batch(corpus_dir, monkeypatch):
    """Batches scored in two worker processes kept across batches equal the batches scored in
    this process; the workers start once, not once per batch and step."""
    from slant.common import WorkerPool
    from slant.scoring import _onepass, corpus_lexicon, score_batch

    # the matcher's chunks of 5,000 characters: several tasks per batch of 120 short articles
    monkeypatch.setattr(_onepass, "BATCH_CHARS", 10_000)
    batches = list(iter_article_batches(corpus_dir, batch_size=120))
    lexicon = corpus_lexicon(load_corpus(corpus_dir))
    with WorkerPool(2) as pool:
        pooled = [score_batch(b, lexicon, pool=pool, n_jobs=2) for b in batches]
        starts = pool.starts
    inline = [score_batch(b, lexicon, n_jobs=1) for b in batches]
    assert starts == 1
    for (hits_p, scores_p, _, tone_p, choices_p), (hits_i, scores_i, _, tone_i, choices_i) in zip(pooled, inline):
        pd.testing.assert_frame_equal(hits_p, hits_i)
        pd.testing.assert_frame_equal(scores_p, scores_i)
        pd.testing.assert_frame_equal(tone_p, tone_i)
        pd.testing.assert_frame_equal(choices_p, choices_i)
    # the hand count of test_streamed_scores_equal_in_memory, over the pooled batches
    assert sum(len(h) for h, *_ in pooled) == 180 + 3 * 120 + 72


def test_detection_memo_reads_each_opening_once(monkeypatch):
    from slant.corpus import _language

    calls = []
    real = _language._detect_one
    monkeypatch.setattr(_language, "_detect_one", lambda ident, text: calls.append(text) or real(ident, text))
    memo = _language.DetectionMemo()
    first = _language.detect_languages([DAESH + " " + REGIME, FILLER * 3], memo=memo)
    again = _language.detect_languages([FILLER * 3, DAESH + " " + REGIME, QUOTE * 2], memo=memo)
    # three distinct openings over the two batches: three classifications, not five
    assert len(calls) == 3
    assert again["detected"].tolist() == [first["detected"][1], first["detected"][0], "en"]
