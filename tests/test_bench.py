"""The benchmark's own memory reading (``slant.bench._own_peak_mib``)."""

import multiprocessing
import sys

import pytest

from slant.bench import _own_peak_mib

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="VmHWM is read from Linux's /proc/self/status")


def _child_peak(queue):
    queue.put(_own_peak_mib())


@linux_only
def test_the_peak_grows_by_what_the_process_touches():
    before = _own_peak_mib()
    block = bytearray(300 * 1024 * 1024)  # zero pages: touch them so that they count
    block[::4096] = b"x" * len(block[::4096])
    assert _own_peak_mib() - before > 250
    del block


@linux_only
def test_a_spawned_child_reports_its_own_peak_not_its_parents():
    block = bytearray(400 * 1024 * 1024)
    block[::4096] = b"x" * len(block[::4096])
    parent = _own_peak_mib()
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    child = ctx.Process(target=_child_peak, args=(queue,))
    child.start()
    peak = queue.get(timeout=120)
    child.join()
    del block
    assert parent > 400
    # a fresh interpreter with slant imported holds well under 400 MiB; ru_maxrss would
    # have reported the parent's figure here
    assert peak < parent - 250
