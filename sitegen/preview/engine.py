"""The preview's engine: watches the site's files, debounces saves, and rebuilds into a private folder."""

from __future__ import annotations

import os
import signal
import threading
import time
import traceback
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from sitegen.diagnostics import Diagnostic, Diagnostics, make
from sitegen.incremental.build_cache import IncrementalCache
from sitegen.incremental.inputs import FileMemo, hash_files, list_files
from sitegen.load.config import load_config
from sitegen.load.sources import is_junk
from sitegen.load.theme import theme_folders
from sitegen.memo import NullCache
from sitegen.messages import Msg
from sitegen.publish.publisher import PublishError, Reused, publish
from sitegen.recipe import BuildOptions, generate

if TYPE_CHECKING:
    from concurrent.futures import Executor

WATCHED_FOLDERS = ("content", "templates", "static")
POLL_SECONDS = 0.05      # how often the files are looked at
QUIET_SECONDS = 0.1      # a burst of saves ends when nothing changed for this long
MAX_WAIT_SECONDS = 1.0   # rebuild anyway when changes never stop

Snapshot = dict[str, tuple[int, int, int]]


def watched_paths(source: Path) -> list[Path]:
    """site.toml, content/, templates/, static/ (even before they exist), and the project's theme it falls back on."""
    paths = [source / name for name in ("site.toml", "content", *WATCHED_FOLDERS[1:])]
    for name in WATCHED_FOLDERS[1:]:
        paths.extend(f for f in theme_folders(source, name) if f.resolve() not in [p.resolve() for p in paths])
    return paths


def snapshot(paths: list[Path]) -> Snapshot:
    """(mtime, size, inode) of every file under `paths`, junk files (editor swap files) left out."""
    found: Snapshot = {}
    for path in paths:
        if path.is_file():
            _stat_into(found, str(path))
        for dirpath, dirnames, filenames in os.walk(path):
            dirnames[:] = [d for d in dirnames if not is_junk(d)]
            for name in filenames:
                if not is_junk(name):
                    _stat_into(found, os.path.join(dirpath, name))
    return found


def _stat_into(found: Snapshot, path: str) -> None:
    """(Strings, not pathlib: a 2,000-pair site is 4,000 files looked at every few tenths of a second.)"""
    try:
        info = os.stat(path)
    except OSError:
        return
    found[path] = (info.st_mtime_ns, info.st_size, info.st_ino)


class Watcher(threading.Thread):
    """Polls the site's files; calls `on_change` once per burst of saves, never while one is running."""

    def __init__(self, paths: list[Path], on_change: Callable[[], None], poll: float = POLL_SECONDS,
                 quiet: float = QUIET_SECONDS, max_wait: float = MAX_WAIT_SECONDS):
        super().__init__(name="sitegen-watcher", daemon=True)
        self.paths, self.on_change = paths, on_change
        self.poll, self.quiet, self.max_wait = poll, quiet, max_wait
        self.stopped = threading.Event()
        self.last = snapshot(paths)

    def run(self) -> None:
        first_change = last_change = 0.0
        pause = self.poll
        while not self.stopped.wait(pause):
            started = time.monotonic()
            current = snapshot(self.paths)
            now = time.monotonic()
            pause = max(self.poll, 4 * (now - started))   # big sites: looking stays under ~20% of a core
            if current != self.last:
                self.last = current
                first_change = first_change or now
                last_change = now
            if first_change and (now - last_change >= self.quiet or now - first_change >= self.max_wait):
                first_change = last_change = 0.0
                self.on_change()

    def stop(self) -> None:
        self.stopped.set()


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept between rebuilds; a template whose text changed is compiled again (checksum)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


@dataclass
class Outcome:
    """What one rebuild did: success, how long it took, and every message of the build."""

    ok: bool
    seconds: float
    diagnostics: Diagnostics
    files: int = 0
    changed_pages: list[str] = field(default_factory=list)


def ignore_interrupts() -> None:
    """In the helper process: Ctrl+C reaches the whole process group, but only the preview itself stops
    (it shuts the helper down); otherwise the helper prints its own KeyboardInterrupt traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class Preview:
    """Builds the site into `output` (swapped in whole by the publisher) and remembers the last errors."""

    def __init__(self, source: Path, output: Path, options: Callable[[str], BuildOptions], cached: bool = True):
        self.source, self.output, self.options, self.cached = source, output, options, cached
        self.base_path = "/"
        self.errors: list[Diagnostic] = []
        self.messages = "en"   # the language of the error box (the server sets the editors' language)
        self.has_site = False
        self.builds = 0
        self.digests: dict[str, int] = {}
        self.template_cache = MemoryBytecodeCache()
        self.page_keys: dict[str, str] = {}   # fingerprints of the pages being served
        self.caches: dict[str, dict] = {}     # rendered Markdown and parsed entries, kept between rebuilds
        self.file_memo = FileMemo()           # content files' digests, by (mtime, size, inode): read only what changed
        self._helper: Executor | None = None  # a process for the search index (started fresh, never forked)
        self._lock = threading.Lock()

    def rebuild(self) -> Outcome:
        """One full build; on failure the previous output stays exactly as it was."""
        with self._lock:
            started = time.perf_counter()
            diags = Diagnostics()
            try:
                outcome = self._build(diags)
            except Exception as exc:   # a bug must not stop the preview: show it, keep the last good site
                traceback.print_exc()
                diags.error("(preview)", 0, Msg("preview-crashed", problem=f"{type(exc).__name__}: {exc}"),
                            Msg("hint-preview-crashed"))
                outcome = Outcome(False, 0.0, diags)
            outcome.seconds = time.perf_counter() - started
            self.errors = [] if outcome.ok else diags.errors or [make("site.toml", 0, Msg("preview-build-failed"))]
            self.builds += 1
            return outcome

    def _build(self, diags: Diagnostics) -> Outcome:
        base_path = self._base_path()
        options = self.options(base_path)
        cache = self._cache(options)
        result = generate(options, diags, cache)
        if result is None:
            return Outcome(False, 0.0, diags)
        outcome = self._publish(result.files, diags, base_path)
        if outcome.ok and isinstance(cache, IncrementalCache):
            self.page_keys = cache.page_keys   # unchanged pages are kept from the folder being served
        return outcome

    def _cache(self, options: BuildOptions) -> NullCache:
        """What this rebuild may remember: what the preview kept in memory, and the folder it serves."""
        if not self.cached:
            return NullCache(helper=self._helper_process())
        return IncrementalCache(self.source, options.now, helper=self._helper_process(), memory=self.caches,
                                output=self.output if self.has_site else None, page_keys=self.page_keys,
                                template_cache=self.template_cache,
                                file_digests=hash_files(list_files([self.source / "content"]), self.file_memo))

    def _helper_process(self) -> Executor | None:
        """One process kept for the whole preview, started with `spawn`: a server with threads must
        not fork, and a fresh interpreter for every save would cost more than it saves."""
        if self._helper is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            try:
                self._helper = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                                   initializer=ignore_interrupts)
            except (OSError, ValueError):
                return None
            weakref.finalize(self, self._helper.shutdown, wait=False, cancel_futures=True)   # a preview dropped unclosed
        return self._helper

    def close(self) -> None:
        """Stop the helper process."""
        if self._helper is not None:
            # Waited for: an executor left to shut down by itself races the interpreter's exit hook,
            # which then writes to its closed wake-up pipe ("OSError: Bad file descriptor" at Ctrl+C).
            self._helper.shutdown(wait=True, cancel_futures=True)
            self._helper = None

    def _base_path(self) -> str:
        config = load_config(self.source, Diagnostics())
        return config.base_path if config else self.base_path

    def _publish(self, files: dict[str, bytes | Reused], diags: Diagnostics, base_path: str) -> Outcome:
        try:
            publish(files, self.output, spare=self.output.parent / f".{self.output.name}.spare",
                    drop_foreign=True)   # the preview's own temporary folder: nothing of anyone's in it
        except PublishError as exc:
            diags.error("(preview)", 0, exc.text)
            return Outcome(False, 0.0, diags)
        # a Reused page is the file already served: unchanged by definition
        digests = {path: self.digests.get(path, 0) if isinstance(data, Reused) else hash(data)
                   for path, data in files.items()}
        changed = sorted(p for p, data in files.items() if not isinstance(data, Reused)
                         and self.digests.get(p) != digests[p] and p.endswith(".html"))
        self.digests, self.base_path, self.has_site = digests, base_path, True
        return Outcome(True, 0.0, diags, len(files), changed)
