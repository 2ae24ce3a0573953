"""Run one command as a child process and measure its wall time, CPU time and memory.

Figures, all for the child's whole process tree:

- wall: seconds from start to exit (``time.perf_counter``), interpreter start-up included.
- cpu: user + system seconds, from ``os.wait4``. On Linux this counts the child and
  every descendant it waited for (a process pool's workers once joined); a
  descendant left running or never reaped is not counted.
- peak_tree_rss: the largest sum, seen by sampling every ``interval`` seconds, of the
  resident set sizes (``/proc/<pid>/stat`` field 24) of the child and all its
  descendants. Pages shared between processes (the interpreter, copy-on-write
  pages a forked worker still shares with its parent) are counted once per
  process, so this is an upper bound of what the tree really needs; spikes shorter
  than the interval, and processes that live less long, can be missed.
- peak_tree_pss: the same sampled peak of the sum of proportional set sizes
  (``/proc/<pid>/smaps_rollup`` "Pss"): a page shared by n processes counts 1/n in
  each, so copy-on-write pages of forked workers are counted once. This is the
  memory the tree really occupies, and the figure the memory target is judged on.
- maxrss: ``ru_maxrss`` from ``os.wait4``: the peak resident set of the single
  largest process of the tree (not a sum), a lower bound. The truth lies between.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
MB = 1024 * 1024


@dataclass(frozen=True)
class Sample:
    """What one run of a command cost, and what it said."""

    wall: float  # seconds
    cpu: float  # seconds, user + system, the process tree
    peak_tree_rss: int  # bytes, sampled peak of the sum over the process tree
    peak_tree_pss: int  # bytes, sampled peak of the sum of proportional set sizes
    maxrss: int  # bytes, ru_maxrss: the largest single process
    returncode: int
    stdout: str
    stderr: str


def _proc_table() -> dict[int, tuple[int, int]]:
    """Every live process: pid -> (parent pid, resident bytes)."""
    table = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:  # the process ended while we looked
            continue
        fields = stat[stat.rindex(b")") + 2:].split()  # the name may hold spaces
        table[int(name)] = (int(fields[1]), int(fields[21]) * PAGE_SIZE)
    return table


def _pss(pid: int) -> int:
    """Proportional set size of one process in bytes (0 when it is gone or unreadable)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def tree_pids(root: int) -> list[int]:
    """root and all its live descendants."""
    table = _proc_table()
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        if pid in table:
            found.append(pid)
            todo += children.get(pid, [])
    return found


def tree_pss(root: int) -> int:
    """Sum of the proportional set sizes of root and its descendants, in bytes."""
    return sum(_pss(pid) for pid in tree_pids(root))


def tree_rss(root: int) -> int:
    """Sum of the resident set sizes of root and all its descendants, in bytes."""
    table = _proc_table()
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        if pid in table:
            total += table[pid][1]
            todo += children.get(pid, [])
    return total


class TreeSampler(threading.Thread):
    """Samples tree_rss(root) every interval seconds until stopped; keeps the peak."""

    def __init__(self, root: int, interval: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.root, self.interval, self.peak, self.peak_pss = root, interval, 0, 0
        self._done = threading.Event()

    def run(self) -> None:
        while True:
            self.peak = max(self.peak, tree_rss(self.root))
            self.peak_pss = max(self.peak_pss, tree_pss(self.root))
            if self._done.wait(self.interval):
                return

    def stop(self) -> int:
        """Stop sampling and return the peak in bytes."""
        self._done.set()
        self.join()
        return self.peak


def measure(cmd: Sequence[str | os.PathLike], cwd: str | Path | None = None,
            interval: float = 0.02) -> Sample:
    """Run cmd to completion and return its Sample (output captured, not echoed)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        sampler = TreeSampler(proc.pid, interval)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        peak = sampler.stop()
        out.seek(0)
        err.seek(0)
        return Sample(wall=wall, cpu=usage.ru_utime + usage.ru_stime, peak_tree_rss=peak,
                      peak_tree_pss=sampler.peak_pss,
                      maxrss=usage.ru_maxrss * 1024, returncode=proc.returncode,
                      stdout=out.read().decode("utf-8", "replace"),
                      stderr=err.read().decode("utf-8", "replace"))


def hash_tree(root: str | Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file under root (empty if root is missing)."""
    root = Path(root)
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}
