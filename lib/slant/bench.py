"""Benchmark: speed and memory of loading and scoring (``make bench``). Prints figures only.

1. Loading: ``load_corpus`` on the given corpus (with its mirror), then on synthetic corpora of
   invented words at growing sizes, so the scaling of loading can be read off.
2. Scoring: the corpus's articles (FA-KES with the mirror) replicated x1, x10 and x50, scored
   end to end: sentences and normal form once, lexicon hits with voice, label choices and
   outlet scores with bootstrap intervals (tone is timed apart: it is not in the target).
   The target at x50 (40,200 articles, 76.5 M characters) is <= 6 s wall and <= 1 GB peak.
3. Framing: who speaks (attributions of the bundled sources) and mentions of the bundled items,
   with their shares by outlet and the omission matrix, on the same replicas (issue 6's target:
   < 15 s at x50 on 2 cores). ``--part framing`` runs this part alone.
4. The whole command: ``slant score`` on the corpus's articles replicated x50 and written as
   one CSV source (as a user brings a large corpus), end to end in a fresh process (load,
   scoring, tone, tables written), against a bare baseline on the same CSV in the same run:
   ``pandas.read_csv``, scikit-learn's ``CountVectorizer`` and Fightin' Words for every
   outlet against the rest (issue 18's target: the command within 1.5 x the baseline). Wall
   and CPU seconds of each, alternated over :data:`COMMAND_ROUNDS` rounds, and the ratio of
   the medians. ``--part command`` runs this part alone.
5. Camp classifier: its cross-validation (stratified and with outlets held out, every model and
   task) on the corpus x1, then on the "many outlets" shape: the corpus's articles spread over
   :data:`MANY_OUTLETS` invented outlets, :data:`MANY_OUTLET_ARTICLES` articles, most outlets
   with one to three (a real same-event corpus; ``--part camp`` runs this part alone).
6. Scale (issue 18): ``slant score --batch-size`` on a Parquet folder of the corpus x50, x250
   and x1250 (~1 M articles), each in a fresh process: wall time, articles per second, peak
   RSS of the largest process (targets: <= 2 GB at x1250, x1250 within 30 x the time of x50;
   ``--part scale``); and ``--engine dask --scheduler local:2`` against the local engine at
   x50 (target: <= 1.5 x; ``--part dask``). ``--part stream`` compares in memory and
   streaming per size.
7. Frames, roles and the war/peace index on the replicas x1 and x50 (issue 19's target: under
   30 s at x50 on 2 cores; ``--part frames`` alone): the inputs (sentences, hits, attributions)
   timed apart from war/peace (scores and summary per outlet), roles (and shares per camp) and
   frames (the Narrative Frames model when a fit is cached, else the indicator lists).
"""

from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

from .corpus import load_corpus

__all__ = ["camp_benchmark", "command_benchmark", "dask_benchmark", "frames_benchmark",
           "framing_benchmark", "main", "many_outlet_articles", "measure", "replicated_csv_corpus",
           "replicated_parquet_corpus", "scale_benchmark", "score_benchmark", "stream_benchmark",
           "synthetic_corpus"]

#: Replication factors of the scoring benchmark.
REPLICAS = (1, 10, 50)

#: Sizes of the synthetic corpora, in articles; 300 words each (FA-KES's mean is 310).
SIZES = (1_000, 10_000, 50_000)
WORDS_PER_ARTICLE = 300

#: The "many outlets" shape of the camp benchmark: a same-event corpus as users bring it
#: (issue "Any corpus a user brings": ~1,000 articles from 140 outlets, most with 1-3 articles).
#: :data:`MANY_SMALL_OUTLETS` outlets hold 1, 2, 3, 1, 2, 3, ... articles, the other
#: outlets share the rest.
MANY_OUTLETS, MANY_OUTLET_ARTICLES, MANY_SMALL_OUTLETS = 140, 1_000, 120


def measure(func, *args, **kwargs):
    """Run func once; return (result, seconds, peak MiB allocated by Python during the call)."""
    tracemalloc.start()
    start = time.perf_counter()
    result = func(*args, **kwargs)
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, seconds, peak / 2**20


def synthetic_corpus(folder: Path, n_articles: int, *, random_state: int = 0) -> Path:
    """Write a corpus of n invented articles (random pseudo-words) by outlet-a ... outlet-j."""
    rng = np.random.default_rng(random_state)
    vocab = np.array([f"w{i}" for i in range(5_000)])
    words = rng.choice(vocab, size=(n_articles, WORDS_PER_ARTICLE))
    table = pd.DataFrame({
        "id": [f"syn-{i}" for i in range(n_articles)],
        "outlet": [f"outlet-{chr(97 + i % 10)}" for i in range(n_articles)],
        "text": [" ".join(row) for row in words],
        "date": pd.Timestamp("2017-10-01") + pd.to_timedelta(rng.integers(0, 30, n_articles), unit="D"),
    })
    folder.mkdir(parents=True, exist_ok=True)
    table.to_csv(folder / "articles.csv", index=False)
    outlets = pd.DataFrame({"id": [f"outlet-{chr(97 + i)}" for i in range(10)],
                            "name": [f"Outlet {chr(65 + i)}" for i in range(10)], "camp": "other"})
    outlets.to_csv(folder / "outlets.csv", index=False)
    (folder / "corpus.yml").write_text(
        "name: synthetic\noutlets: outlets.csv\nsources:\n  - csv: articles.csv\n"
        "    columns: {id: id, outlet: outlet, text: text, date: date}\n", encoding="utf-8")
    return folder


def _score(articles, lexicon):
    from .scoring import article_scores, group_scores, index_and_hits, label_choices

    index, hits = index_and_hits(articles, lexicon)
    choices = label_choices(hits)
    outlets = group_scores(article_scores(hits, articles.assign(words=index.words), lexicon=lexicon),
                           by="outlet")
    return hits, choices, outlets


def _cpu_seconds() -> float:
    """User and system CPU seconds of this process and its reaped children so far."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


#: Seconds between two readings of the scoring processes' memory (PSS).
PSS_INTERVAL = 0.05


def _pss_mib(pid: int) -> float:
    """Proportional set size of a process (Linux): its private pages plus its share of the
    pages it shares (a forked worker's copy-on-write view of the parent's texts counts once
    over all of them), in MiB; 0 once the process is gone."""
    kib = _proc_kib(f"/proc/{pid}/smaps_rollup", "Pss:")
    return 0.0 if kib is None else kib / 1024


def _proc_kib(path: str, key: str) -> float | None:
    """The kB figure of the line starting with ``key`` in a Linux ``/proc`` file
    (``Pss:`` of smaps_rollup, ``VmHWM:`` of status); None where the file or line is absent."""
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _descendants(pid: int) -> list[int]:
    """Child processes of ``pid`` and theirs (Linux ``/proc/PID/task/TID/children``)."""
    found = []
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            kids = [int(x) for x in children.read_text().split()]
        except OSError:
            continue
        for kid in kids:
            found += [kid, *_descendants(kid)]
    return found


def _sample_pss(child, started, done) -> float:
    """Peak over the scoring of the summed PSS of ``child`` and its workers, read every
    :data:`PSS_INTERVAL` seconds from this process (so the reading costs the child nothing);
    NaN where ``/proc`` has no ``smaps_rollup``. A peak shorter than the interval can be missed."""
    if not Path("/proc/self/smaps_rollup").exists():
        return float("nan")
    while not started.wait(PSS_INTERVAL):
        if not child.is_alive():
            return float("nan")
    peak = 0.0
    while not done.is_set() and child.is_alive():
        peak = max(peak, sum(_pss_mib(p) for p in [child.pid, *_descendants(child.pid)]))
        done.wait(PSS_INTERVAL)
    return peak


def _own_peak_mib() -> float:
    """Peak resident memory of this process in MiB: ``VmHWM`` of ``/proc/self/status``.

    Not ``ru_maxrss``: Linux carries that figure over a fork and an exec, so a child spawned
    by a parent that had grown (the benchmark's own process, after its larger runs) would
    report the parent's peak. Falls back to ``ru_maxrss`` where ``/proc`` is absent.
    """
    kib = _proc_kib("/proc/self/status", "VmHWM:")
    if kib is not None:
        return kib / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _score_child(corpus_dir, mirror, lexicons, k, queue, started=None, done=None):
    """Child process: load, replicate k times, time the scoring alone; report through queue
    (``started`` and ``done`` are set around the scoring, for the parent's memory readings)."""
    import resource

    from .lexicons import load_lexicons

    corpus = load_corpus(corpus_dir, mirror=mirror)
    articles = corpus.articles
    lexicon = load_lexicons(lexicons)
    copies = pd.concat([articles.assign(id=articles["id"] + f"~{i}") for i in range(k)], ignore_index=True)
    before = _own_peak_mib()
    if started is not None:
        started.set()
    cpu_before = _cpu_seconds()
    start = time.perf_counter()
    hits, _, _ = _score(copies, lexicon)
    seconds = time.perf_counter() - start
    if done is not None:
        done.set()
    # CPU seconds of this process and of its worker processes (reaped when their pool closes):
    # a figure that the load of other programs on the machine changes less than wall time
    cpu = _cpu_seconds() - cpu_before
    peak = _own_peak_mib()
    # worker processes (n_jobs, above 5 M characters) have their own peak: the largest one's
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # Fightin' Words for every outlet against the rest, on one count matrix (issue target:
    # < 10 s and < 1 GB at x50), timed after scoring in the same process
    from .contrast import compare_each, count_terms

    start = time.perf_counter()
    counts = count_terms(copies, outlets=corpus.outlets)
    compare_each(copies, counts, by="outlet", top=20)
    contrast_seconds = time.perf_counter() - start
    contrast_peak = _own_peak_mib()
    queue.put((len(copies), copies["text"].str.len().sum() / 1e6, len(hits), seconds, cpu, before,
               peak, workers / 1024, contrast_seconds, contrast_peak))


def score_benchmark(corpus_dir, *, mirror=None, lexicons, replicas=REPLICAS) -> None:
    """Print wall time, articles per second and peak memory of scoring replicated articles.

    Each size runs in a fresh process, so its peak resident memory (max RSS) is its own (and
    its worker processes', the largest one's, apart); "PSS all" is the peak of the memory of
    the scoring process and its workers together, shared pages counted once (Linux only; the
    two max-RSS figures cannot be added: a forked worker's RSS counts the texts it shares
    with the scoring process); CPU s is user + system time of the process and its workers. The
    time covers scoring alone (sentences, normal form, hits with voice, label choices, outlet
    scores), not the interpreter's start or the corpus load. The contrast columns time counting terms and every outlet against the rest
    in the same process, after scoring (so its peak includes scoring's).
    """
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    print(f"\n{_machine_line()}")
    print(f"\n{'scoring':<8}{'articles':>10}{'M chars':>9}{'hits':>11}{'seconds':>9}"
          f"{'articles/s':>12}{'CPU s':>8}{'RSS before':>12}{'peak RSS MiB':>14}{'worker peak':>13}"
          f"{'PSS all':>12}{'contrast s':>12}{'contrast peak':>15}")
    for k in replicas:
        queue, started, done = ctx.Queue(), ctx.Event(), ctx.Event()
        child = ctx.Process(target=_score_child, args=(corpus_dir, mirror, lexicons, k, queue, started, done))
        child.start()
        pss = _sample_pss(child, started, done)
        n, chars, n_hits, sec, cpu, before, peak, workers, c_sec, c_peak = queue.get()
        child.join()
        print(f"{'x' + str(k):<8}{n:>10,}{chars:>9.1f}{n_hits:>11,}{sec:>9.2f}{n / sec:>12,.0f}{cpu:>8.2f}"
              f"{before:>12.0f}{peak:>14.0f}{workers:>13.0f}{pss:>12.0f}{c_sec:>12.2f}{c_peak:>15.0f}")
    from .scoring import article_tone
    from .text import index_texts

    articles = load_corpus(corpus_dir, mirror=mirror).articles
    index = index_texts(articles)
    for engine in ("vectorised", "vader"):
        start = time.perf_counter()
        article_tone(index, engine=engine)
        print(f"tone (VADER, engine {engine!r}), x1: {time.perf_counter() - start:.2f} s "
              f"for {len(articles):,} articles")


#: Additions in the Python loop that rates the machine (see :func:`_machine_line`).
SPEED_LOOP = 20_000_000


def _machine_line() -> str:
    """What the figures were measured on: cores, and seconds for a pure-Python loop of
    ``SPEED_LOOP`` additions (best of three), to compare runs on different machines (or on a
    shared one whose speed varies)."""
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for i in range(SPEED_LOOP):
            total += i
        best = min(best, time.perf_counter() - start)
    return f"machine: {cores} cores; a Python loop of {SPEED_LOOP:,} additions takes {best:.2f} s (best of 3)"


def _framing_child(corpus_dir, mirror, k, queue):
    """Child process: load, replicate k times, time attribution and mentions alone."""
    from .framing import (
        attribution_shares,
        find_attributions,
        find_mentions,
        load_mentions,
        load_sources,
        mention_matrix,
    )
    from .text import index_texts

    articles = load_corpus(corpus_dir, mirror=mirror).articles
    sources, mentions = load_sources(), load_mentions()
    copies = pd.concat([articles.assign(id=articles["id"] + f"~{i}") for i in range(k)],
                       ignore_index=True)
    start = time.perf_counter()
    index = index_texts(copies)
    attributions = find_attributions(copies, sources, index=index)
    attribution_shares(attributions, sources, by="outlet", articles=copies)
    hits = find_mentions(copies, mentions, index=index)
    mention_matrix(hits, copies, mentions, by="outlet")
    seconds = time.perf_counter() - start
    queue.put((len(copies), len(attributions), len(hits), seconds, _own_peak_mib()))


def framing_benchmark(corpus_dir, *, mirror=None, replicas=REPLICAS) -> None:
    """Print wall time and peak memory of attribution plus mentions on replicated articles.

    Each size runs in a fresh process; the time covers sentences (once, shared), quotes,
    attributions and their shares by outlet, mentions and the omission matrix, not the load.
    """
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    print(f"\n{'framing':<8}{'articles':>10}{'attributions':>14}{'mentions':>10}{'seconds':>9}"
          f"{'articles/s':>12}{'peak RSS MiB':>14}")
    for k in replicas:
        queue = ctx.Queue()
        child = ctx.Process(target=_framing_child, args=(corpus_dir, mirror, k, queue))
        child.start()
        n, n_attr, n_hits, sec, peak = queue.get()
        child.join()
        print(f"{'x' + str(k):<8}{n:>10,}{n_attr:>14,}{n_hits:>10,}{sec:>9.2f}{n / sec:>12,.0f}"
              f"{peak:>14.0f}")


def many_outlet_articles(articles: pd.DataFrame, *, n_outlets: int = MANY_OUTLETS,
                         n_articles: int = MANY_OUTLET_ARTICLES,
                         n_small: int = MANY_SMALL_OUTLETS, random_state: int = 0) -> pd.DataFrame:
    """The corpus's articles (repeated in turn up to ``n_articles``) spread over ``n_outlets``
    invented outlets ``many-001`` ...: ``n_small`` of them hold 1, 2, 3, 1, ... articles, the
    others share the rest. Articles are taken in the order of their real outlet, so an invented
    outlet mostly holds one real outlet's articles; it takes the camp of its first article."""
    small = [1 + k % 3 for k in range(n_small)]
    big = n_outlets - n_small
    rest = n_articles - sum(small)
    sizes = np.array(small + [rest // big + (k < rest % big) for k in range(big)])
    np.random.default_rng(random_state).shuffle(sizes)
    order = articles.sort_values(["outlet", "id"], kind="stable").index.to_numpy()
    table = articles.loc[np.resize(order, n_articles)].reset_index(drop=True)
    copy = np.arange(n_articles) // len(order)
    table["id"] = [i if c == 0 else f"{i}-copy{c}" for i, c in zip(table["id"], copy)]
    table["is_target"] = table["is_target"] & (copy == 0) if "is_target" in table else False
    outlet = np.repeat([f"many-{k + 1:03d}" for k in range(n_outlets)], sizes)
    table["outlet"] = outlet
    table["camp"] = table.groupby("outlet")["camp"].transform("first")
    return table


def camp_benchmark(corpus_dir, *, mirror=None, lexicons) -> None:
    """Print the wall time of the camp classifier's cross-validation on the corpus (x1) and on
    the "many outlets" shape (:func:`many_outlet_articles`): the inputs (stripped texts, lexicon
    counts) once, then every model, task and scheme, without the cache."""
    from .lexicons import load_lexicons

    corpus = load_corpus(corpus_dir, mirror=mirror)
    lexicon = load_lexicons(lexicons)
    _time_camp_cv("x1", corpus.articles, corpus.outlets, lexicon)
    _time_camp_cv(f"{MANY_OUTLETS} outlets", many_outlet_articles(corpus.articles), corpus.outlets,
                  lexicon)


def _time_camp_cv(label, articles, outlets, lexicon) -> None:
    from .classify import camp_inputs, cross_validate_camps

    start = time.perf_counter()
    inputs = camp_inputs(articles, outlets=outlets, lexicon=lexicon)
    prepared = time.perf_counter() - start
    scores, _, _, _ = cross_validate_camps(inputs)
    seconds = time.perf_counter() - start - prepared
    held = scores[scores["scheme"] != "stratified"]
    schemes = ", ".join(f"{int(f)} {s} folds" for s, f in
                        held.groupby("scheme")["folds"].max().items())
    print(f"\ncamp classifier, {label}: inputs {prepared:.2f} s, cross-validation {seconds:.1f} s "
          f"for {len(inputs):,} articles, {inputs['outlet'].nunique()} outlets "
          f"({len(scores)} task x model x scheme runs; {schemes or 'no outlet held out'})")


#: Replication of the corpus for the whole-command comparison, and its rounds.
COMMAND_REPLICAS, COMMAND_ROUNDS = 50, 3
#: The target: ``slant score`` end to end within this many times the bare baseline.
COMMAND_TARGET_RATIO = 1.5

#: The bare baseline: read the CSV, count words, Fightin' Words for every outlet against the
#: rest (log-odds with an informative Dirichlet prior, Monroe et al. 2008: the corpus's own
#: word frequencies, 1,000 pseudo-counts), top 20 terms each. Run as ``python -c``, so it
#: imports nothing of slant.
BASELINE_SCRIPT = """
import sys
import numpy as np, pandas as pd, scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer
articles = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
counts = CountVectorizer().fit_transform(articles["text"])
codes, outlets = pd.factorize(articles["outlet"])
member = sp.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))), shape=(len(outlets), len(codes)))
per_outlet = np.asarray((member @ counts).todense())
total = per_outlet.sum(axis=0)
alpha = total / total.sum() * 1000
for k in range(len(outlets)):
    y_in = per_outlet[k]
    y_out = total - y_in
    delta = (np.log((y_in + alpha) / (y_in.sum() + alpha.sum() - y_in - alpha))
             - np.log((y_out + alpha) / (y_out.sum() + alpha.sum() - y_out - alpha)))
    z = delta / np.sqrt(1 / (y_in + alpha) + 1 / (y_out + alpha))
    top = np.argsort(-z)[:20]
"""


def replicated_csv_corpus(articles: pd.DataFrame, folder: Path, k: int) -> Path:
    """A corpus folder holding ``articles`` replicated ``k`` times (ids ``<id>~<copy>``) in one
    CSV (id, outlet, title, text, date) with its corpus.yml, as a user brings a large corpus."""
    copies = pd.concat([articles.assign(id=articles["id"] + f"~{i}") for i in range(k)],
                       ignore_index=True)
    folder.mkdir(parents=True, exist_ok=True)
    copies[["id", "outlet", "title", "text", "date"]].to_csv(folder / "articles.csv", index=False)
    (folder / "corpus.yml").write_text(
        f"name: replicated-x{k}\nlanguage: en\nsources:\n  - csv: articles.csv\n"
        "    columns: {id: id, outlet: outlet, title: title, text: text, date: date}\n",
        encoding="utf-8")
    return folder


def replicated_parquet_corpus(articles: pd.DataFrame, folder: Path, k: int, *,
                              rows_per_file: int = 5_000) -> Path:
    """As :func:`replicated_csv_corpus`, the copies written as a folder of Parquet files of
    ``rows_per_file`` rows (``parts/part-00000.parquet``, ...), written copy by copy so that the
    replicas are never all in memory at once."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    parts = folder / "parts"
    parts.mkdir(parents=True, exist_ok=True)
    columns = ["id", "outlet", "title", "text", "date"]
    base = articles[columns].assign(date=articles["date"].dt.strftime("%Y-%m-%d"))
    n = 0
    for i in range(k):
        copy = base.assign(id=base["id"] + f"~{i}")
        for lo in range(0, len(copy), rows_per_file):
            pq.write_table(pa.Table.from_pandas(copy.iloc[lo:lo + rows_per_file], preserve_index=False),
                           parts / f"part-{n:05d}.parquet")
            n += 1
    (folder / "corpus.yml").write_text(
        f"name: replicated-x{k}\nlanguage: en\nsources:\n  - parquet: parts\n"
        "    columns: {id: id, outlet: outlet, title: title, text: text, date: date}\n",
        encoding="utf-8")
    return folder


#: Run a command in a fresh process and print its peak RSS (the largest process of its tree:
#: ``RUSAGE_CHILDREN`` of a process that ran nothing else) in KiB.
_PEAK_SCRIPT = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
#: Articles per batch of the streaming runs of :func:`stream_benchmark` (the Parquet reader's
#: batch; 5,000 until 2026-12-08, when batches were still cut at each file's end).
STREAM_BATCH = 10_000
#: Replication factors of the streaming scale curve (x1250: ~1 M articles, 1.9 G characters).
SCALE_REPLICAS = (50, 250, 1250)
#: Issue 18's targets on 2 cores: peak memory at the largest size, time growth x50 -> x1250,
#: and Dask on ``local:2`` against the local engine at x50.
SCALE_PEAK_MIB, SCALE_GROWTH, DASK_TARGET_RATIO = 2048, 30.0, 1.5


def stream_benchmark(corpus_dir, *, mirror=None, replicas=REPLICAS, batch_size: int = STREAM_BATCH) -> list:
    """Print wall seconds and peak RSS of ``slant score`` (tone included, tables written) on the
    corpus's articles x k as a folder of Parquet files, in memory and streaming
    (``--batch-size``), each in a fresh process. Returns the rows printed."""
    import shutil
    import subprocess
    import sys

    articles = load_corpus(corpus_dir, mirror=mirror).articles
    slant = Path(sys.executable).with_name("slant")
    slant_cmd = [str(slant)] if slant.exists() else [sys.executable, "-m", "slant.cli"]
    print(f"\nslant score, in memory and streaming (--batch-size {batch_size:,}), on a Parquet folder")
    print(f"{'size':<7}{'articles':>10}{'mode':>11}{'wall s':>9}{'peak RSS MiB':>14}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in replicas:
            folder = replicated_parquet_corpus(articles, Path(tmp) / f"x{k}", k)
            for mode, extra in (("memory", []), ("streaming", ["--batch-size", str(batch_size)])):
                out = Path(tmp) / "out"
                start = time.perf_counter()
                done = subprocess.run([sys.executable, "-c", _PEAK_SCRIPT, *slant_cmd, "score", str(folder),
                                       "--out", str(out), *extra], check=True, capture_output=True, text=True)
                wall = time.perf_counter() - start
                peak = int(done.stdout.split()[-1]) / 1024
                shutil.rmtree(out, ignore_errors=True)
                rows.append((k, len(articles) * k, mode, wall, peak))
                print(f"{'x' + str(k):<7}{len(articles) * k:>10,}{mode:>11}{wall:>9.2f}{peak:>14.0f}")
            shutil.rmtree(folder, ignore_errors=True)
    return rows


def _slant_command() -> list[str]:
    import sys

    slant = Path(sys.executable).with_name("slant")
    return [str(slant)] if slant.exists() else [sys.executable, "-m", "slant.cli"]


def _peak_run(command: list[str]) -> tuple[float, float]:
    """Wall seconds of a command and the peak RSS in MiB of the largest process of its tree
    (scoring process, worker processes, Dask's nannies and workers), run from a fresh process."""
    import subprocess
    import sys

    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _PEAK_SCRIPT, *command], check=True, capture_output=True,
                          text=True)
    return time.perf_counter() - start, int(done.stdout.split()[-1]) / 1024


def scale_benchmark(corpus_dir, *, mirror=None, replicas=SCALE_REPLICAS, batch_size: int = STREAM_BATCH) -> list:
    """Print the streaming scale curve: ``slant score --batch-size`` (tone included, every table
    written) on the corpus's articles x k as a folder of Parquet files, each size in a fresh
    process: wall seconds, articles per second, peak RSS of the largest process; then the
    growth of time from the smallest to the largest size against :data:`SCALE_GROWTH` and
    the largest size's peak against :data:`SCALE_PEAK_MIB`. Returns the rows printed."""
    import shutil

    articles = load_corpus(corpus_dir, mirror=mirror).articles
    print(f"\nstreaming scale curve: slant score --batch-size {batch_size:,} on a Parquet folder")
    print(f"{'size':<7}{'articles':>11}{'wall s':>9}{'articles/s':>12}{'peak RSS MiB':>14}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in replicas:
            folder = replicated_parquet_corpus(articles, Path(tmp) / f"x{k}", k)
            out = Path(tmp) / "out"
            wall, peak = _peak_run([*_slant_command(), "score", str(folder), "--out", str(out),
                                    "--batch-size", str(batch_size)])
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(folder, ignore_errors=True)
            n = len(articles) * k
            rows.append((k, n, wall, peak))
            print(f"{'x' + str(k):<7}{n:>11,}{wall:>9.1f}{n / wall:>12,.0f}{peak:>14.0f}")
    if len(rows) > 1:
        (k0, _, w0, _), (k1, _, w1, p1) = rows[0], rows[-1]
        print(f"x{k1} / x{k0}: {w1 / w0:.1f} x the time for {k1 / k0:.0f} x the articles (target: at most "
              f"{SCALE_GROWTH:.0f} x); peak at x{k1}: {p1:,.0f} MiB (target: at most {SCALE_PEAK_MIB:,} MiB)")
    return rows


def dask_benchmark(corpus_dir, *, mirror=None, replicas: int = COMMAND_REPLICAS, workers: int = 2,
                   batch_size: int = STREAM_BATCH, rounds: int = 1) -> dict:
    """Print wall seconds and peak RSS of ``slant score --batch-size`` with the local engine and
    with ``--engine dask --scheduler local:N`` (a LocalCluster of N worker processes, started
    and closed by the command, counted in its time) on the corpus's articles x ``replicas`` as
    a Parquet folder, alternated over ``rounds``; the ratio of the medians against
    :data:`DASK_TARGET_RATIO`. Returns the medians."""
    import shutil
    import statistics

    articles = load_corpus(corpus_dir, mirror=mirror).articles
    print(f"\nDask local:{workers} against the local engine: slant score --batch-size {batch_size:,} on "
          f"{len(articles) * replicas:,} articles (x{replicas}, a Parquet folder)")
    print(f"{'round':<7}{'local wall':>12}{'peak MiB':>10}{'dask wall':>11}{'peak MiB':>10}{'ratio':>8}")
    runs = {"local": [], "dask": []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = replicated_parquet_corpus(articles, Path(tmp) / f"x{replicas}", replicas)
        base = [*_slant_command(), "score", str(folder), "--batch-size", str(batch_size)]
        for r in range(rounds):
            for engine, extra in (("local", []), ("dask", ["--engine", "dask", "--scheduler", f"local:{workers}"])):
                out = Path(tmp) / engine
                runs[engine].append(_peak_run([*base, "--out", str(out), *extra]))
                shutil.rmtree(out, ignore_errors=True)
            (lw, lp), (dw, dp) = runs["local"][-1], runs["dask"][-1]
            print(f"{r + 1:<7}{lw:>12.1f}{lp:>10.0f}{dw:>11.1f}{dp:>10.0f}{dw / lw:>8.2f}")
    med = {k: statistics.median(w for w, _ in v) for k, v in runs.items()}
    ratio = med["dask"] / med["local"]
    print(f"dask local:{workers} / local: {ratio:.2f} x wall (target: at most {DASK_TARGET_RATIO} x)")
    return {"local": med["local"], "dask": med["dask"], "ratio": ratio}


def _timed_run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system of the process and its workers) of a
    command; its output is discarded, a failure raises with its stderr."""
    import resource
    import subprocess

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, check=False, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}): {done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def command_benchmark(corpus_dir, *, mirror=None, replicas: int = COMMAND_REPLICAS,
                      rounds: int = COMMAND_ROUNDS) -> dict:
    """Print wall and CPU seconds of ``slant score`` end to end (tone included, tables written)
    on the corpus's articles x ``replicas`` as one CSV, against :data:`BASELINE_SCRIPT` on the
    same CSV, in alternating fresh processes; then the medians and their ratio (wall and CPU:
    on a machine shared with other programs the CPU ratio is the steadier figure). Returns the
    medians."""
    import shutil
    import statistics
    import sys

    articles = load_corpus(corpus_dir, mirror=mirror).articles
    slant = Path(sys.executable).with_name("slant")
    slant_cmd = [str(slant)] if slant.exists() else [sys.executable, "-m", "slant.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = replicated_csv_corpus(articles, Path(tmp) / f"x{replicas}", replicas)
        csv_path = folder / "articles.csv"
        print(f"\nthe whole command: slant score on {len(articles) * replicas:,} articles "
              f"(x{replicas}, one CSV of {csv_path.stat().st_size / 2**20:.0f} MiB), "
              f"against the bare baseline, {rounds} rounds")
        print(f"{'round':<7}{'baseline wall':>15}{'CPU':>8}{'slant score wall':>18}{'CPU':>8}{'ratio':>8}")
        runs = {"baseline": [], "score": []}
        for r in range(rounds):
            base = _timed_run([sys.executable, "-c", BASELINE_SCRIPT, str(csv_path)])
            out = Path(tmp) / "out"
            score = _timed_run([*slant_cmd, "score", str(folder), "--out", str(out)])
            shutil.rmtree(out, ignore_errors=True)
            runs["baseline"].append(base)
            runs["score"].append(score)
            print(f"{r + 1:<7}{base[0]:>15.2f}{base[1]:>8.2f}{score[0]:>18.2f}{score[1]:>8.2f}"
                  f"{score[0] / base[0]:>8.2f}")
    med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
           for k, v in runs.items()}
    print(f"{'median':<7}{med['baseline'][0]:>15.2f}{med['baseline'][1]:>8.2f}{med['score'][0]:>18.2f}"
          f"{med['score'][1]:>8.2f}{med['score'][0] / med['baseline'][0]:>8.2f}")
    ratio_wall = med["score"][0] / med["baseline"][0]
    ratio_cpu = med["score"][1] / med["baseline"][1]
    print(f"slant score / baseline: {ratio_wall:.2f} x wall, {ratio_cpu:.2f} x CPU "
          f"(target: within {COMMAND_TARGET_RATIO} x wall)")
    return {"baseline": med["baseline"], "score": med["score"], "ratio_wall": ratio_wall,
            "ratio_cpu": ratio_cpu}


#: Replication factors of this part (issue 19 sets its target at x50).
FRAMES_REPLICAS = (1, 50)


def _frames_child(corpus_dir, mirror, k, queue):
    """Child process: load, replicate k times, time the inputs and each step."""
    from .framing import (
        corpus_frames,
        find_attributions,
        find_roles,
        frame_shares,
        load_sources,
        narrative_frame_model,
        role_shares,
        score_warpeace,
        warpeace_summary,
    )
    from .scoring import corpus_lexicon, index_and_hits

    corpus = load_corpus(corpus_dir, mirror=mirror)
    articles = corpus.articles
    copies = pd.concat([articles.assign(id=articles["id"] + f"~{i}") for i in range(k)], ignore_index=True)
    source = narrative_frame_model(mirror=mirror, cache=True)  # cached fit: not timed
    lexicon = corpus_lexicon(corpus)
    times = {}
    start = time.perf_counter()
    index, hits = index_and_hits(copies, lexicon)
    attributions = find_attributions(copies, load_sources(), index=index)
    times["inputs"] = time.perf_counter() - start
    start = time.perf_counter()
    result = score_warpeace(copies, hits, attributions, index=index)
    warpeace_summary(result.articles, by="outlet")
    times["war/peace"] = time.perf_counter() - start
    start = time.perf_counter()
    role_shares(find_roles(copies, hits), by="camp")
    times["roles"] = time.perf_counter() - start
    start = time.perf_counter()
    frame_shares(corpus_frames(copies, source), by="outlet")
    times["frames"] = time.perf_counter() - start
    queue.put((len(copies), source.kind, times))


def frames_benchmark(corpus_dir, *, mirror=None, replicas=FRAMES_REPLICAS) -> None:
    """Print wall seconds of war/peace, roles and frames (and of their inputs) per replica."""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    print(f"\n{'frames':<8}{'articles':>10}{'inputs s':>10}{'war/peace s':>13}{'roles s':>9}"
          f"{'frames s':>10}{'3 steps s':>11}  frames from")
    for k in replicas:
        queue = ctx.Queue()
        child = ctx.Process(target=_frames_child, args=(corpus_dir, mirror, k, queue))
        child.start()
        n, kind, t = queue.get()
        child.join()
        steps = t["war/peace"] + t["roles"] + t["frames"]
        print(f"{'x' + str(k):<8}{n:>10,}{t['inputs']:>10.2f}{t['war/peace']:>13.2f}{t['roles']:>9.2f}"
              f"{t['frames']:>10.2f}{steps:>11.2f}  {kind}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m slant.bench", description=__doc__)
    parser.add_argument("corpus", type=Path, nargs="?", default=Path("corpus/mayadin-2017"))
    parser.add_argument("--mirror", type=Path, default=None)
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--replicas", type=int, nargs="*", default=None,
                        help=f"replication factors (default {' '.join(map(str, REPLICAS))}; "
                             f"--part scale: {' '.join(map(str, SCALE_REPLICAS))})")
    parser.add_argument("--lexicon", action="append", help="lexicons (default: the bundled ones)")
    parser.add_argument("--part", choices=("all", "framing", "frames", "camp", "command", "stream", "scale",
                                           "dask"),
                        default="all",
                        help="'framing' times attribution and mentions alone, 'camp' the camp classifier's CV "
                             "alone, 'command' slant score end to end against the bare baseline alone, 'stream' "
                             "slant score in memory against --batch-size on a Parquet folder alone, 'scale' "
                             "the streaming scale curve (--replicas, default 50 250 1250) alone, 'dask' "
                             "--engine dask on local:2 against the local engine at x50 alone, 'frames' "
                             "war/peace, roles and frames alone")
    parser.add_argument("--rounds", type=int, default=COMMAND_ROUNDS,
                        help=f"rounds of the whole-command comparison (default {COMMAND_ROUNDS})")
    args = parser.parse_args(argv)
    scale_replicas = args.replicas or list(SCALE_REPLICAS)
    args.replicas = args.replicas or list(REPLICAS)
    if args.part == "stream":
        stream_benchmark(args.corpus, mirror=args.mirror, replicas=args.replicas)
        return 0
    if args.part == "scale":
        scale_benchmark(args.corpus, mirror=args.mirror, replicas=scale_replicas)
        return 0
    if args.part == "dask":
        dask_benchmark(args.corpus, mirror=args.mirror)
        return 0
    if args.part == "command":
        command_benchmark(args.corpus, mirror=args.mirror, rounds=args.rounds)
        return 0
    if args.part == "framing":
        framing_benchmark(args.corpus, mirror=args.mirror, replicas=args.replicas)
        return 0
    if args.part == "frames":
        frames_benchmark(args.corpus, mirror=args.mirror)
        return 0

    from .lexicons import load_lexicons
    from .scoring import DEFAULT_LEXICONS

    names = args.lexicon or list(DEFAULT_LEXICONS)
    if args.part == "camp":
        camp_benchmark(args.corpus, mirror=args.mirror, lexicons=names)
        return 0
    corpus = load_corpus(args.corpus, mirror=args.mirror)
    print(f"\nscoring {corpus.name} ({len(corpus.articles):,} articles) with {', '.join(load_lexicons(names).names)}")
    # scoring first: a child process reports the parent's peak RSS if that is higher
    score_benchmark(args.corpus, mirror=args.mirror, lexicons=names, replicas=args.replicas)
    print()
    print(f"{'corpus':<28}{'articles':>10}{'words':>12}{'seconds':>10}{'articles/s':>12}{'peak MiB':>10}")
    corpus, sec, mib = measure(load_corpus, args.corpus, mirror=args.mirror)
    arts = corpus.articles
    print(f"{corpus.name:<28}{len(arts):>10,}{int(arts['words'].sum()):>12,}{sec:>10.2f}"
          f"{len(arts) / sec:>12,.0f}{mib:>10.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            folder = synthetic_corpus(Path(tmp) / f"syn-{n}", n)
            corpus, sec, mib = measure(load_corpus, folder)
            words = int(corpus.articles["words"].sum())
            print(f"{'synthetic-' + str(n):<28}{n:>10,}{words:>12,}{sec:>10.2f}{n / sec:>12,.0f}{mib:>10.1f}")
    framing_benchmark(args.corpus, mirror=args.mirror, replicas=args.replicas)
    command_benchmark(args.corpus, mirror=args.mirror, rounds=args.rounds)
    stream_benchmark(args.corpus, mirror=args.mirror, replicas=args.replicas)
    dask_benchmark(args.corpus, mirror=args.mirror)
    scale_benchmark(args.corpus, mirror=args.mirror)
    camp_benchmark(args.corpus, mirror=args.mirror, lexicons=names)
    frames_benchmark(args.corpus, mirror=args.mirror)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
