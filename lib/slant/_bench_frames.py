"""Benchmark part 6 (``python -m slant.bench --part frames``): frames, roles and the war/peace
index on the corpus's articles replicated (FA-KES with the mirror: x1 and x50). Prints figures.

Each size runs in a fresh process. The inputs these steps share with other pages (sentences,
lexicon hits with voice, attributions) are timed apart from the steps themselves: war/peace
(:func:`slant.framing.score_warpeace` and its summary per outlet with 1,000 resamples), roles
(:func:`slant.framing.find_roles` and its shares per camp), frames (the Narrative Frames model's
probabilities when a fitted model is cached, else the indicator lists; see the ``frames``
column). Issue 19's target: frames + roles + war/peace under 30 s at x50 on 2 cores.
"""

from __future__ import annotations

import time

import pandas as pd

__all__ = ["FRAMES_REPLICAS", "frames_benchmark"]

#: Replication factors of this part (issue 19 sets its target at x50).
FRAMES_REPLICAS = (1, 50)


def _child(corpus_dir, mirror, k, queue):
    """Child process: load, replicate k times, time the inputs and each step."""
    from .corpus import load_corpus
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
        child = ctx.Process(target=_child, args=(corpus_dir, mirror, k, queue))
        child.start()
        n, kind, t = queue.get()
        child.join()
        steps = t["war/peace"] + t["roles"] + t["frames"]
        print(f"{'x' + str(k):<8}{n:>10,}{t['inputs']:>10.2f}{t['war/peace']:>13.2f}{t['roles']:>9.2f}"
              f"{t['frames']:>10.2f}{steps:>11.2f}  {kind}")
