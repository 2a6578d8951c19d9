"""Shared machinery: run one function over partitions of a corpus on a Dask cluster
(dask.distributed), for ``--engine dask``. Knows nothing of news: the stages pass a function,
the partitions and a static object (the lexicon) that every task needs.

Why Dask's own scheduler, not one of slant's: it already does what a cluster run needs
(workers on many machines, SLURM and Kubernetes launchers, a dashboard, retries of lost
workers). Dask is imported here only when a cluster is opened, so the local engine never
pays for it and runs where it is not installed.

A run reads the corpus in this process (the client) and ships each partition of articles to a
worker with its task; the static object is sent to every worker once (``scatter(...,
broadcast=True)``) and stays in its memory, so a lexicon's automata, built before it is sent,
are not built again per task. Results come back in partition order, at most
:data:`IN_FLIGHT_PER_WORKER` partitions per worker queued at once, so the client never holds
more than a few partitions and their results.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator

__all__ = ["CONNECT_TIMEOUT", "IN_FLIGHT_PER_WORKER", "ClusterError", "DaskCluster", "parse_scheduler"]

#: Seconds to wait for a scheduler before giving up (a scheduler on the network answers in
#: well under a second; a wrong address should fail fast, not hang).
CONNECT_TIMEOUT = 5.0
#: Partitions queued per worker: one running, one waiting (the worker never idles between
#: tasks), and the client's memory bounded.
IN_FLIGHT_PER_WORKER = 2
_LOCAL = "local:"


class ClusterError(ValueError):
    """A Dask cluster cannot be used as asked; the message names the address and the fix."""


def parse_scheduler(address: str) -> tuple[str, int | None]:
    """``("local", N)`` for ``local:N``, else ``("remote", None)`` for a scheduler address
    (``tcp://host:8786``, ``tls://...``)."""
    if address.startswith(_LOCAL):
        count = address[len(_LOCAL):]
        if not count.isdigit() or int(count) < 1:
            raise ClusterError(f"--scheduler {address}: give local:N with N worker processes, e.g. local:2")
        return "local", int(count)
    if "://" not in address:
        raise ClusterError(f"--scheduler {address}: give a scheduler address such as tcp://host:8786, "
                           "or local:N for N worker processes on this machine")
    return "remote", None


def _distributed():
    try:
        import distributed
    except ImportError:
        raise ClusterError("--engine dask needs dask.distributed, which is not installed; "
                           "pip install 'slant[cluster]' (or 'dask[distributed]')") from None
    return distributed


class DaskCluster:
    """A Dask client on a running scheduler (``tcp://host:8786``) or on a LocalCluster of N
    worker processes (``local:N``), started and closed here. Use it as a context manager.

    Parameters
    ----------
    address : str
        The scheduler's address, or ``local:N``.
    timeout : float
        Seconds to wait for the scheduler (:data:`CONNECT_TIMEOUT`).
    progress : callable, optional
        Called as ``progress(partition, rows, seconds)`` when a partition's result arrives.

    Raises
    ------
    ClusterError
        dask.distributed is not installed, the address is malformed, or no scheduler answers
        at the address within ``timeout`` (never a silent fallback to the local engine).
    """

    def __init__(self, address: str, *, timeout: float = CONNECT_TIMEOUT,
                 progress: Callable[[int, int, float], None] | None = None):
        self.address, self.timeout, self.progress = address, timeout, progress
        self.kind, self.n_local = parse_scheduler(address)
        self.client = None
        self._cluster = None

    def __enter__(self):
        distributed = _distributed()
        if self.kind == "local":
            # one thread per worker process: slant's passes hold the GIL
            self._cluster = distributed.LocalCluster(n_workers=self.n_local, threads_per_worker=1,
                                                     processes=True, dashboard_address=None)
            self.client = distributed.Client(self._cluster)
            return self
        try:
            self.client = distributed.Client(self.address, timeout=f"{self.timeout}s")
        except (OSError, TimeoutError) as exc:
            raise ClusterError(
                f"no Dask scheduler answered at {self.address} within {self.timeout:g} s ({exc}); "
                f"start one there (`dask scheduler`, then `dask worker {self.address}` on each machine), "
                "check the address and the firewall, or use --scheduler local:N to start N workers "
                "on this machine") from None
        return self

    def __exit__(self, *exc):
        if self.client is not None:
            self.client.close()
        if self._cluster is not None:
            self._cluster.close()
        return False

    @property
    def workers(self) -> int:
        """Worker processes the scheduler knows now."""
        return len(self.client.scheduler_info().get("workers", {}))

    def map(self, func, items: Iterable, *, static=None, args: tuple = ()) -> Iterator:
        """``func(static, item, *args)`` for every item on the cluster's workers; yields the
        results in the items' order as they come. ``static`` is sent to every worker once.
        A task's exception is raised here."""
        shared = self.client.scatter(static, broadcast=True) if static is not None else None
        limit = max(self.workers, 1) * IN_FLIGHT_PER_WORKER
        queue: deque = deque()
        items = iter(items)
        k = 0
        done = False
        while True:
            while not done and len(queue) < limit:
                item = next(items, _END)
                if item is _END:
                    done = True
                    break
                queue.append((k, len(item) if hasattr(item, "__len__") else 0, time.perf_counter(),
                              self.client.submit(func, shared, item, *args, pure=False)))
                k += 1
            if not queue:
                return
            number, rows, started, future = queue.popleft()
            result = future.result()
            future.release()
            if self.progress is not None:
                self.progress(number, rows, time.perf_counter() - started)
            yield result


_END = object()
