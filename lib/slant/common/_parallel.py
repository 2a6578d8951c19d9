"""Shared text machinery: run per-article work on several cores, for big corpora only.

The stages that loop over articles in Python (sentence splitting, the automaton pass, voice)
cut the corpus into contiguous chunks of about equal size and hand them to worker processes.
Small corpora (FA-KES, the test fixtures, a notebook's sample) stay in one process: starting
workers costs more than it saves there, and one process is easier to debug.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from itertools import pairwise

import numpy as np

__all__ = ["PARALLEL_MIN_CHARS", "ChunkRunner", "Window", "WorkerPool", "chunk_bounds", "map_chunks", "n_workers"]

#: Characters of text below which ``n_jobs=None`` means one process. FA-KES (1.5 M) stays
#: single-process; above ~5 M the work (~0.3 s per M characters) outweighs starting workers.
PARALLEL_MIN_CHARS = 5_000_000


def _cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def n_workers(n_jobs: int | None, n_chars: int) -> int:
    """Worker processes for ``n_chars`` of text, with scikit-learn's ``n_jobs`` semantics.

    ``None``: every core when the text reaches :data:`PARALLEL_MIN_CHARS`, else one process;
    ``1``: one process; ``-1``: every core; ``-2``: all but one, and so on; a positive number:
    that many processes.
    """
    if n_jobs is None:
        n_jobs = -1 if n_chars >= PARALLEL_MIN_CHARS else 1
    if n_jobs == 0:
        raise ValueError("n_jobs == 0 has no meaning; pass None, a positive number or -1")
    if n_jobs < 0:
        n_jobs = max(_cpus() + 1 + n_jobs, 1)
    return int(n_jobs)


def chunk_bounds(sizes, n_chunks: int) -> list[tuple[int, int]]:
    """``(start, stop)`` row ranges that cut items of the given sizes into at most ``n_chunks``
    contiguous chunks of about equal total size (none empty)."""
    sizes = np.asarray(sizes, dtype=np.int64)
    if not len(sizes):
        return []
    cum = np.cumsum(sizes)
    targets = cum[-1] * np.arange(1, n_chunks) / n_chunks
    cuts = np.unique(np.concatenate(([0], np.searchsorted(cum, targets, side="right"), [len(sizes)])))
    return [(int(a), int(b)) for a, b in pairwise(cuts) if b > a]


class Window:
    """``items[start:stop]`` that slices as the whole sequence did: ``window[a:b]`` is
    ``items[a:b]`` for ``start <= a <= b <= stop``. A task of a :class:`WorkerPool` gets its
    chunk of the texts (or of a per-sentence array) as a window, so the chunk functions of
    :class:`ChunkRunner` read it with the same indices as the whole."""

    def __init__(self, items, start: int):
        self.items, self.start = items, start

    def __getitem__(self, where: slice):
        if not isinstance(where, slice) or where.step not in (None, 1):
            raise TypeError("a Window is read by slices of the whole sequence's positions")
        a, b = where.start - self.start, where.stop - self.start
        if a < 0 or b > len(self.items):
            raise IndexError(f"[{where.start}:{where.stop}] lies outside the window "
                             f"[{self.start}:{self.start + len(self.items)}]")
        return self.items[a:b]


class WorkerPool:
    """Worker processes kept across calls, for a corpus scored batch by batch.

    A :class:`ChunkRunner` forks its workers when it opens, so that they inherit the batch's
    texts and the lexicon; scoring a corpus in batches opened one pool per batch and per step
    (matching, tone), and each fork paid again for the parent's memory and the workers' first
    use of the lookup tables. A ``WorkerPool`` starts its workers once, with a ``static``
    object (the lexicon, its automata built in the parent first) that they inherit; each task
    then carries only its chunk (:class:`Window`). It starts again only when a runner asks for
    another ``static`` object (a batch in a new set of languages). Use it as a context manager
    around the batches; pass it to the runners as ``pool=``.
    """

    def __init__(self, workers: int):
        self.workers = workers
        self.static = None
        self.starts = 0  # how many times workers were started (the benchmark prints it)
        self._executor = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close(cancel=exc[0] is not None)
        return False

    def close(self, *, cancel: bool = False) -> None:
        """Stop the workers (started again by the next :meth:`executor` call)."""
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=cancel)
            self._executor = None

    def executor(self, static) -> ProcessPoolExecutor:
        """The pool's executor, its workers holding ``static`` (restarted if they hold another)."""
        if static is None and self._executor is not None:  # a runner that needs no static object
            return self._executor
        if self._executor is not None and static is not self.static:
            self.close()
        if self._executor is None:
            self.static = static
            self._executor = _executor(self.workers, static)
            self.starts += 1
        return self._executor


def _executor(workers: int, shared) -> ProcessPoolExecutor:
    """Worker processes that receive ``shared`` once, when they start (forked where the
    platform can: inherited without a copy; else spawned: unpickled once)."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_receive,
                               initargs=(shared,))


class ChunkRunner:
    """Runs module-level functions over chunks, in ``workers`` processes or, with one, inline.

    ``shared`` (the corpus's texts and lexicon) reaches each worker once, when it starts:
    forked workers inherit it without a copy, spawned ones unpickle it once; only the small
    chunk arguments (row ranges) travel with each task, and a task runs
    ``func(shared, *args)``. Functions are imported by name in the workers, so this works from
    a script, pytest and a Jupyter kernel alike. Workers are forked where the platform can (no
    re-import of slant, pandas and numpy per worker), else spawned. Use it as a context
    manager; :meth:`submit` returns at once, so the caller can work while tasks run.
    """

    def __init__(self, workers: int, shared=None, *, pool: WorkerPool | None = None, static=None):
        self.workers = workers if pool is None else min(workers, pool.workers)
        self.shared = shared
        self._own, self._pool, self._static = pool is None, pool, static

    def __enter__(self):
        if self.workers > 1:
            self._pool = (_executor(self.workers, self.shared) if self._own
                          else self._pool.executor(self._static))
        else:
            self._pool = None
        return self

    def __exit__(self, *exc):
        if self._pool is not None and self._own:
            self._pool.shutdown(cancel_futures=exc[0] is not None)
        return False

    def submit(self, func, chunks: list[tuple], *, window=None):
        """Start ``func(shared, *args)`` for every chunk; return a function that waits for the
        results and lists them in chunk order.

        With a :class:`WorkerPool`, ``window(*args)`` gives what a task carries of ``shared``
        (its chunk, as :class:`Window` objects, and not the pool's ``static`` object); the
        worker calls ``func(window(*args) + (static,), *args)`` when the runner was given a
        ``static`` object, else ``func(window(*args), *args)``."""
        if self._pool is None or len(chunks) <= 1:
            return lambda: [func(self.shared, *args) for args in chunks]
        if self._own:
            futures = [self._pool.submit(_call, func, args) for args in chunks]
        else:
            if window is None:
                raise ValueError("ChunkRunner.submit: a runner on a WorkerPool needs window=")
            futures = [self._pool.submit(_call_window, func, window(*args), self._static is not None, args)
                       for args in chunks]
        return lambda: [f.result() for f in futures]


def map_chunks(func, chunks: list[tuple], workers: int, *, shared=None) -> list:
    """``[func(shared, *args) for args in chunks]``, in a :class:`ChunkRunner`."""
    with ChunkRunner(min(workers, len(chunks)), shared) as runner:
        return runner.submit(func, chunks)()


_shared = None  # in a worker: what the runner shared


def _receive(shared) -> None:
    global _shared
    _shared = shared
    _keep_freed_memory()


#: glibc's ``mallopt`` parameters (malloc.h).
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3


def _keep_freed_memory() -> None:
    """In a worker process: reuse freed memory instead of returning it to the system.

    The workers allocate and free arrays of many megabytes per batch (code points, masks,
    offsets). By default glibc serves each from a fresh ``mmap`` and unmaps it when freed, and
    numpy asks for transparent huge pages on large arrays, so every batch pays the kernel to
    map, fault in and zero the same memory again: a fifth of the workers' CPU time on the
    benchmark corpus, as system time. Here large blocks come from the heap and stay there
    once freed, on 4 KB pages (the worker's peak memory is the same; it is returned when the
    worker exits). A no-op where the C library is not glibc.
    """
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(_M_MMAP_THRESHOLD, 1 << 30)
        libc.mallopt(_M_TRIM_THRESHOLD, (1 << 31) - 1)
    except (OSError, AttributeError):
        return
    try:
        np._core.multiarray._set_madvise_hugepage(False)
    except AttributeError:  # numpy < 2 names it np.core
        np.core.multiarray._set_madvise_hugepage(False)


def _call(func, args):
    return func(_shared, *args)


def _call_window(func, part: tuple, with_static: bool, args):
    return func(part + (_shared,) if with_static else part, *args)
