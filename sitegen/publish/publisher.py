"""The only writer: builds the new site in a staging folder, then swaps it in atomically.

The fences (fences.py: allowed folders, foreign files, one build at a time) are checked
first; the staging strategy (staging.py: spare, linker or direct) is chosen only when the
first file arrives, so a build that fails while loading costs nothing, not even the spare.
Unchanged files are kept, as hard links, only when they are exactly as the last build wrote
them (markers.py); an edited one is written again. The folder mechanics (swap, spare and old
versions, leftovers) are in outfolder.py.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sitegen.messages import Msg
from sitegen.publish.fences import (
    OutputLock,
    PublishError,
    check_contents,
    check_output_folder,
    check_relative,
    real_output,
    safe_relative,
    surveyed,
)
from sitegen.publish.markers import MARKER, Stat, Survey, read_manifest, write_marker, write_record
from sitegen.publish.outfolder import clean_stale, swap
from sitegen.publish.staging import Direct, choose_staging

__all__ = ["MARKER", "PublishError", "Publisher", "Reused", "check_output_folder", "clean_stale", "publish",
           "read_manifest", "safe_relative"]

Chooser = Callable[[Path, dict[str, Stat], "Path | None", bool], Direct]



@dataclass(frozen=True)
class Reused:
    """A file to keep as it is in the previous output (its digest, from the previous manifest)."""

    digest: str


class Publisher:
    """Fills a staging folder file by file, then swaps it in as the output in one step.

    Files are added as they are rendered, so a large site is never held in memory whole;
    until `commit()` the previous output is untouched, and `abort()` leaves no trace.
    The output's lock is held from here to `commit()` or `abort()`, unless the caller holds it.
    Entries of the output that no build wrote stop it (PublishError naming them), unless
    `drop_foreign` (a folder of the caller's own, such as the preview's): then they just go.
    """

    def __init__(self, output: Path, background: bool = True, spare: Path | None = None,
                 lock: OutputLock | None = None, staging: Chooser = choose_staging, drop_foreign: bool = False):
        self.output = real_output(output)
        self.lock = lock if lock is not None else OutputLock(self.output).acquire()
        self._own_lock = lock is None
        try:
            self.found: Survey = surveyed(self.output)
            check_contents(self.output, self.found, drop_foreign)
        except OSError as exc:
            self._release()
            raise PublishError(Msg("output-cannot-write", path=str(exc.filename or self.output),
                                   reason=exc.strerror or str(exc))) from exc
        except PublishError:
            self._release()
            raise
        self.previous = self.found.trusted
        self.spare_folder = spare.absolute() if spare is not None else None
        self.background, self.choose = background, staging
        self.stage: Direct | None = None
        self.manifest: dict[str, str] = {}
        self.stats: dict[str, Stat] = {}
        self.new: set[str] = set()
        self.written = self.reused = 0

    def _stage(self) -> Direct:
        if self.stage is None:
            previous = {path: self.found.stats[path] for path in self.previous}
            self.stage = self.choose(self.output, previous, self.spare_folder, self.background)
        return self.stage

    def _guard(self, action) -> None:
        """Run a file operation; any failure removes the staging folder and names the path."""
        try:
            action()
        except OSError as exc:
            self.abort()
            raise PublishError(Msg("output-cannot-write", path=str(self._shown(exc.filename)),
                                   reason=exc.strerror or str(exc))) from exc
        except PublishError:
            self.abort()
            raise

    def _shown(self, filename: str | None) -> str:
        """The path an editor knows: a file in the staging folder is named as it would be in the output."""
        if not filename:
            return str(self.output)
        name = Path(os.fsdecode(filename))
        for folder in (self.stage.folder, self.stage.overlay) if self.stage else ():
            if folder is not None and (name == folder or folder in name.parents):
                return f"{self.output / name.relative_to(folder)} (staged in {folder.parent})"
        return str(name)

    def add(self, path: str, data: bytes | Reused) -> None:
        self._guard(lambda: self._add(path, data))

    def _add(self, path: str, data: bytes | Reused) -> None:
        check_relative(path)
        if path in self.manifest:
            raise PublishError(Msg("output-twice", path=path))
        stage = self._stage()
        if isinstance(data, Reused):
            if self.previous.get(path) != data.digest:
                raise PublishError(Msg("output-vanished", path=path))
            self.manifest[path], self.stats[path] = data.digest, stage.keep(path)
            self.reused += 1
            return
        digest = self.manifest[path] = hashlib.sha256(data).hexdigest()
        if self.previous.get(path) == digest:
            try:
                self.stats[path] = stage.keep(path)
                self.reused += 1
                return
            except OSError:
                pass   # written again below
        self.stats[path] = _write_new(stage.new_file(path), data)
        self.new.add(path)
        self.written += 1

    def commit(self) -> tuple[int, int]:
        """Swap the staging folder in; returns (written, reused) counts."""
        stage = self._stage()
        self._guard(lambda: self.stats.update(stage.finish(self.manifest, self.stats, self.new)))
        self._guard(lambda: write_record(self.output, write_marker(stage.folder, self.manifest), self.stats))
        self._guard(lambda: swap(stage.folder, self.output, self.spare_folder))
        self.lock.survey = Survey(exists=True, marked=True, manifest=dict(self.manifest), stats=dict(self.stats))
        self._release()
        return self.written, self.reused

    def abort(self) -> None:
        """Remove the staging folders (a spare taken for this build goes back to being the spare)."""
        if self.stage is not None:
            self.stage.abort()
            self.stage = None
        self._release()

    def _release(self) -> None:
        if self._own_lock:
            self.lock.release()


def _write_new(target: str, data: bytes) -> Stat:
    """Write a new file (never into an existing one, which a hard link may share); its stat."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        found = os.fstat(fd)
    finally:
        os.close(fd)
    return found.st_ino, found.st_size, found.st_mtime_ns


def publish(files: dict[str, bytes | Reused], output: Path, spare: Path | None = None,
            staging: Chooser = choose_staging, drop_foreign: bool = False) -> tuple[int, int]:
    """Write `files` as the new content of `output`; returns (written, reused) counts."""
    publisher = Publisher(output, spare=spare, staging=staging, drop_foreign=drop_foreign)
    for path in sorted(files):
        publisher.add(path, files[path])
    return publisher.commit()



