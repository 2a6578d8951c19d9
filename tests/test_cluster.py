"""The Dask engine (issue 18): ``--engine dask --scheduler local:2`` gives the local engine's
files; an unreachable scheduler is a clear error, never a silent fallback to local.

The corpus is generated here from sentences we wrote, by invented outlets; partitions of 450
articles split every outlet, referent and quoted speaker across partition boundaries. Each
test that needs a cluster starts a LocalCluster of 2 worker processes and stops it.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import ROOT
from slant.cli import main
from slant.common import ClusterError, DaskCluster, parse_scheduler

pytest.importorskip("distributed", reason="the Dask engine needs dask[distributed] (the test extra)")

DAESH = "Daesh fighters left the eastern district of the town."  # Daesh, own voice
QUOTE = 'A resident said the rebels had "liberated" the square.'  # said, rebels, "liberated": quoted
REGIME = "The regime shelled the market on Monday."  # regime, own voice
FILLER = "Traffic was slow on the coast road."  # no lexicon term
OUTLETS = ("outlet-a", "outlet-b", "outlet-c")
N = 2_000
PARTITION = "450"


def _text(i: int) -> str:
    parts = [FILLER]
    if i % 2 == 0:
        parts.append(DAESH)
    if i % 3 == 0:
        parts.append(QUOTE)
    if i % 5 == 0:
        parts.append(REGIME)
    return " ".join(parts)


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cluster")
    rows = pd.DataFrame({"key": [f"{OUTLETS[i % 3]}-{i:05d}" for i in range(N)],
                         "publisher": [OUTLETS[i % 3] for i in range(N)],
                         "body": [_text(i) for i in range(N)],
                         "day": [f"2017-10-{1 + i % 20:02d}" for i in range(N)]})
    (folder / "parts").mkdir()
    for k in range(0, N, 1_000):
        pq.write_table(pa.Table.from_pandas(rows.iloc[k:k + 1_000], preserve_index=False),
                       folder / "parts" / f"part-{k // 1_000}.parquet")
    (folder / "outlets.csv").write_text(
        "id,name,aliases,country,ownership,camp,confidence,citations\n"
        "outlet-a,Outlet A,,Nowhere,state,pro-government,high,invented for tests\n"
        "outlet-b,Outlet B,,Nowhere,private,Western,high,invented for tests\n"
        "outlet-c,Outlet C,,Nowhere,private,opposition,high,invented for tests\n", encoding="utf-8")
    (folder / "corpus.yml").write_text(
        "name: cluster-test\nlanguage: en\noutlets: outlets.csv\nlexicons: [syria-2017, news-generic]\n"
        "sources:\n  - parquet: parts\n    columns: {id: key, outlet: publisher, text: body, date: day}\n",
        encoding="utf-8")
    return folder


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_dask_local_cluster_writes_the_local_engines_files(corpus_dir, tmp_path, capsys):
    local, dask = tmp_path / "local", tmp_path / "dask"
    assert main(["score", str(corpus_dir), "--out", str(local), "--batch-size", PARTITION]) == 0
    assert main(["score", str(corpus_dir), "--out", str(dask), "--batch-size", PARTITION,
                 "--engine", "dask", "--scheduler", "local:2"]) == 0
    err = capsys.readouterr().err
    # 2,000 articles in partitions of 450: four of 450 and one of 200, each reported
    assert [line.split(" articles")[0] for line in err.splitlines() if line.startswith("partition")] == [
        "partition 1: 450", "partition 2: 450", "partition 3: 450", "partition 4: 450", "partition 5: 200"]
    assert sorted(p.name for p in (dask / "hits").iterdir()) == sorted(p.name for p in (local / "hits").iterdir())
    for part in sorted((local / "hits").iterdir()):
        pd.testing.assert_frame_equal(pd.read_parquet(part), pd.read_parquet(dask / "hits" / part.name))
    for name in ("article_scores", "outlet_scores", "camp_scores", "label_choices", "tone", "not_scored"):
        pd.testing.assert_frame_equal(pd.read_parquet(local / f"{name}.parquet"),
                                      pd.read_parquet(dask / f"{name}.parquet"))
    # worked by hand: 1,000 articles with DAESH (1 hit), 667 with QUOTE (3), 400 with REGIME (1)
    assert len(pd.read_parquet(dask / "hits")) == 1_000 + 3 * 667 + 400


def test_dask_contrast_equals_the_in_memory_contrast(corpus_dir, tmp_path):
    assert main(["contrast", str(corpus_dir), "--out", str(tmp_path / "memory")]) == 0
    assert main(["contrast", str(corpus_dir), "--out", str(tmp_path / "dask"), "--batch-size", PARTITION,
                 "--engine", "dask", "--scheduler", "local:2"]) == 0
    memory = pd.read_parquet(tmp_path / "memory" / "contrast.parquet")
    pd.testing.assert_frame_equal(memory, pd.read_parquet(tmp_path / "dask" / "contrast.parquet"))
    # outlet-a alone holds the quote (i % 3 == 0 is outlet-a's), once in each of its 667
    # articles: its top term against the rest is one of the quote's, found nowhere else
    top = memory[(memory["group"] == "outlet-a") & (memory["side"] == "group")].iloc[0]
    assert (top["count_in"], top["count_out"]) == (667, 0)
    assert top["term"] in QUOTE.lower()


def test_unreachable_scheduler_is_a_clear_error():
    address = f"tcp://127.0.0.1:{_free_port()}"
    cluster = DaskCluster(address, timeout=1)
    with pytest.raises(ClusterError, match=rf"no Dask scheduler answered at {address} within 1 s.*"
                                           r"`dask scheduler`.*--scheduler local:N"):
        cluster.__enter__()
    assert cluster.client is None


def test_unreachable_scheduler_stops_the_command(corpus_dir, tmp_path, capsys):
    address = f"tcp://127.0.0.1:{_free_port()}"
    assert main(["score", str(corpus_dir), "--out", str(tmp_path), "--engine", "dask", "--scheduler", address,
                 "--connect-timeout", "1"]) == 2
    assert f"slant score: no Dask scheduler answered at {address}" in capsys.readouterr().err
    assert not (tmp_path / "article_scores.parquet").exists()  # nothing scored locally instead


@pytest.mark.parametrize("address, message", [
    ("local:0", r"give local:N with N worker processes"),
    ("host:8786", r"give a scheduler address such as tcp://host:8786"),
], ids=["no-workers", "no-protocol"])
def test_malformed_scheduler_address(address, message):
    with pytest.raises(ClusterError, match=message):
        parse_scheduler(address)


def test_engine_flags_go_together(corpus_dir, tmp_path, capsys):
    assert main(["score", str(corpus_dir), "--out", str(tmp_path), "--engine", "dask"]) == 2
    assert "--engine dask needs --scheduler ADDRESS" in capsys.readouterr().err
    assert main(["score", str(corpus_dir), "--out", str(tmp_path), "--scheduler", "local:2"]) == 2
    assert "is for --engine dask" in capsys.readouterr().err


def test_local_engine_never_imports_dask(tmp_path):
    script = ("import sys; from slant.cli import main; "
              f"main(['score', {str(ROOT / 'tests' / 'fixtures' / 'tiny_corpus')!r}, '--out', {str(tmp_path)!r}, "
              "'--batch-size', '3', '--no-tone']); print(sorted(m for m in sys.modules if m.split('.')[0] in "
              "('dask', 'distributed')))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
