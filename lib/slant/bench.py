"""Benchmark: speed and memory of loading corpora (``make bench``). Prints figures, asserts nothing.

Measures ``load_corpus`` on the given corpus (with its mirror), then on synthetic corpora of
invented words at growing sizes, written to a temporary folder as one CSV source, so the scaling
of loading (parsing, outlet resolution, word counts) can be read off without third-party text.
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

__all__ = ["main", "measure", "synthetic_corpus"]

#: Sizes of the synthetic corpora, in articles; 300 words each (FA-KES's mean is 310).
SIZES = (1_000, 10_000, 50_000)
WORDS_PER_ARTICLE = 300


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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m slant.bench", description=__doc__)
    parser.add_argument("corpus", type=Path, nargs="?", default=Path("corpus/mayadin-2017"))
    parser.add_argument("--mirror", type=Path, default=None)
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    args = parser.parse_args(argv)

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
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
