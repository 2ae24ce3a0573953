"""Forked: a result computed in a child, and the same result whatever happens to the child."""

from __future__ import annotations

import os
from pathlib import Path

from sitegen.parallel import Forked, fork_map


def test_the_result_comes_from_a_child_process():
    job = Forked(lambda: (os.getpid(), [1, 2, 3]))
    pid, value = job.result()
    assert value == [1, 2, 3] and pid != os.getpid()


def test_a_failing_child_is_replaced_by_computing_here():
    calls = []

    def flaky():
        calls.append(os.getpid())
        if len(calls) == 1 and os.getpid() != parent:
            raise MemoryError("the child ran out of memory")
        return "done"

    parent = os.getpid()
    assert Forked(flaky).result() == "done"
    assert calls == [parent], "the parent computed it after the child failed"


def test_a_cancelled_child_is_reaped():
    job = Forked(lambda: __import__("time").sleep(30))
    pid = job.pid
    job.cancel()
    assert job.pid is None
    status = Path(f"/proc/{pid}/status")
    assert not status.exists() or "zombie" not in status.read_text().lower()


def square(x: int) -> int:
    return x * x


def test_fork_map_keeps_order_in_and_out_of_workers():
    items = list(range(200))
    assert fork_map(square, items, {}, workers=2, min_items=1) == [x * x for x in items]
    assert fork_map(square, items, {}, workers=1) == [x * x for x in items]
