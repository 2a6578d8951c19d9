"""The benchmark's own memory reading (``slant.bench._own_peak_mib``)."""

import multiprocessing
import sys

import pytest

from conftest import TINY_CORPUS
from slant.bench import _own_peak_mib

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="VmHWM is read from Linux's /proc/self/status")


def _child_peak(queue):
    queue.put(_own_peak_mib())


def _in_spawned_child(target):
    """What ``target(queue)`` puts on its queue, run in a fresh (spawned) interpreter."""
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    child = ctx.Process(target=target, args=(queue,))
    child.start()
    value = queue.get(timeout=120)
    child.join()
    return value


def _child_growth(queue):
    before = _own_peak_mib()
    block = bytearray(300 * 1024 * 1024)  # zero pages: touch them so that they count
    block[::4096] = b"x" * len(block[::4096])
    queue.put(_own_peak_mib() - before)
    del block


@linux_only
def test_the_peak_grows_by_what_the_process_touches():
    # in a fresh process: a peak is a high-water mark, and a pytest-xdist worker that ran a
    # report before this test may already have touched more than 300 MiB (CI run of this
    # session: 842 MiB before, 1,088 after, so only +246 here)
    assert _in_spawned_child(_child_growth) > 250


@linux_only
def test_a_spawned_child_reports_its_own_peak_not_its_parents():
    block = bytearray(400 * 1024 * 1024)
    block[::4096] = b"x" * len(block[::4096])
    parent = _own_peak_mib()
    peak = _in_spawned_child(_child_peak)
    del block
    assert parent > 400
    # a fresh interpreter with slant imported holds well under 400 MiB; ru_maxrss would
    # have reported the parent's figure here
    assert peak < parent - 250


def test_replicated_csv_corpus_loads_every_copy(tmp_path):
    from slant.bench import replicated_csv_corpus
    from slant.corpus import load_corpus

    articles = load_corpus(TINY_CORPUS).articles
    folder = replicated_csv_corpus(articles, tmp_path / "x3", 3)
    copies = load_corpus(folder).articles
    assert len(copies) == 3 * len(articles)
    assert sorted(copies["id"]) == sorted(f"{i}~{k}" for i in articles["id"] for k in range(3))
    assert (copies.groupby("outlet").size() == 3 * articles.groupby("outlet").size()).all()


def test_command_benchmark_prints_both_figures_and_the_ratio(capsys):
    """The whole-command comparison on the tiny corpus x2, one round: both commands run to
    the end (a failure raises), and the ratio printed is the medians' (no timing assert)."""
    from slant.bench import command_benchmark

    result = command_benchmark(TINY_CORPUS, replicas=2, rounds=1)
    out = capsys.readouterr().out
    assert "slant score on 14 articles (x2" in out
    (base_wall, base_cpu), (score_wall, score_cpu) = result["baseline"], result["score"]
    assert min(base_wall, base_cpu, score_wall, score_cpu) > 0
    assert result["ratio_wall"] == pytest.approx(score_wall / base_wall)
    assert f"slant score / baseline: {result['ratio_wall']:.2f} x wall" in out


def test_scale_benchmark_prints_each_size_and_the_targets(capsys):
    """The streaming scale curve on the tiny corpus x1 and x2: both runs end (a failure
    raises), one row per size, and the growth line compares the two (no timing assert)."""
    from slant.bench import scale_benchmark

    rows = scale_benchmark(TINY_CORPUS, replicas=(1, 2))
    out = capsys.readouterr().out
    assert [(k, n) for k, n, _, _ in rows] == [(1, 7), (2, 14)]
    assert all(wall > 0 and peak > 0 for _, _, wall, peak in rows)
    assert f"x2 / x1: {rows[1][2] / rows[0][2]:.1f} x the time for 2 x the articles" in out
