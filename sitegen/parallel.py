"""Per-file work spread over processes: forked workers share the build's state copy-on-write."""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
from collections.abc import Callable, Iterator, Sequence
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
    with _frozen_for_fork(), ProcessPoolExecutor(max_workers=workers,
                                                 mp_context=multiprocessing.get_context("fork")) as pool:
        return [result for chunk in pool.map(_run_chunk, [(func, chunk) for chunk in chunks]) for result in chunk]


@contextlib.contextmanager
def _frozen_for_fork() -> Iterator[None]:
    """The parent's objects out of the children's collections (fewer copy-on-write pages) while
    they start; frozen again after, unless the caller had frozen its objects on purpose."""
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    try:
        yield
    finally:
        if not frozen_before:
            gc.unfreeze()


class Forked:
    """`func()` computed in a forked child while this process goes on; `result()` collects it.

    For one large, independent step (a search index) that would otherwise wait for its turn
    on the build's core: the child inherits everything by fork, and only the result crosses
    back, pickled, through a pipe. If the child fails or cannot be started, `result()`
    computes the value here, so the outcome never depends on it. Callers fork only where no
    other thread runs (the command-line build, not the preview server).
    """

    def __init__(self, func: Callable[[], Any]):
        self.func = func
        self.pid: int | None = None
        self.fd: int | None = None
        if not hasattr(os, "fork"):
            return
        read, write = os.pipe()
        try:
            with _frozen_for_fork():
                pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return
        if pid == 0:   # the child: compute, write, leave without running the parent's exit handlers
            gc.freeze()   # (leaving the `with` unfroze the objects here too)
            os.close(read)
            try:
                data = pickle.dumps((True, func()), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:   # any failure: the parent computes it itself
                data = pickle.dumps((False, None))
            with os.fdopen(write, "wb") as pipe:
                pipe.write(data)
            os._exit(0)
        os.close(write)
        self.pid, self.fd = pid, read

    def result(self) -> Any:
        if self.pid is None or self.fd is None:
            return self.func()
        with os.fdopen(self.fd, "rb") as pipe:
            data = pipe.read()
        self._reap()
        try:
            ok, value = pickle.loads(data)
        except Exception:   # a child killed mid-write: compute it here
            ok, value = False, None
        return value if ok else self.func()

    def cancel(self) -> None:
        """Stop a child whose result is no longer wanted (the build failed)."""
        if self.pid is None or self.fd is None:
            return
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        os.close(self.fd)
        self._reap()

    def _reap(self) -> None:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        self.pid = self.fd = None
