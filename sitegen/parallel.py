"""Per-file work spread over processes: forked workers share the build's state copy-on-write."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Sequence
from typing import Any

MIN_ITEMS_FOR_POOL = 64
_STATE: dict[str, Any] = {}


def state() -> dict[str, Any]:
    """What the parent set before forking: configuration, caches, templates."""
    return _STATE


def default_workers() -> int:
    """All cores the process may use (2 on the project's machines)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _run_chunk(job: tuple[Callable[[Any], Any], Sequence[Any]]) -> list[Any]:
    func, items = job
    return [func(item) for item in items]


def fork_map(func: Callable[[Any], Any], items: Sequence[Any], shared: dict[str, Any], workers: int | None = None,
             min_items: int = MIN_ITEMS_FOR_POOL) -> list[Any]:
    """`[func(x) for x in items]`, in forked workers when there is enough work; order is kept.

    Only the items and results cross process boundaries; `shared` is inherited by fork,
    so large read-only state (config, Markdown cache) is never pickled.
    """
    _STATE.clear()
    _STATE.update(shared)
    workers = workers if workers is not None else default_workers()
    if workers <= 1 or len(items) < min_items:
        return [func(item) for item in items]
    # imported only when there is work to spread: a rebuild after an edit parses one file
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in multiprocessing.get_all_start_methods():
        return [func(item) for item in items]
    size = max(1, -(-len(items) // (workers * 6)))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    gc.collect()
    gc.freeze()   # workers' collections then leave the parent's objects alone: fewer copy-on-write pages
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return [result for chunk in pool.map(_run_chunk, [(func, chunk) for chunk in chunks]) for result in chunk]
    finally:
        gc.unfreeze()
