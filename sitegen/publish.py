"""The only writer: builds the new site in a staging folder, then swaps it in atomically.

Fences: the output folder must not hold the source or the project, must not lie inside a
source folder, and an existing folder must carry our marker (we never delete what we did
not create). Unchanged files are hard-linked from the previous output rather than rewritten.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from glob import escape as glob_escape
from pathlib import Path, PurePosixPath

MARKER = ".sitegen-output.json"
SOURCE_FOLDERS = ("content", "templates", "static", ".cache", ".git")


@dataclass(frozen=True)
class Reused:
    """A file to keep as it is in the previous output (its digest, from the previous manifest)."""

    digest: str


class PublishError(Exception):
    """A refusal or an I/O failure, with a message that names the path."""


def check_output_folder(output: Path, source: Path, project: Path) -> None:
    """Refuse folders that would put the source, the project or foreign files at risk."""
    out = output.resolve()
    for guarded, what in ((source.resolve(), "the site's source"), (project.resolve(), "the project")):
        if out == guarded or out in guarded.parents:
            raise PublishError(f"output folder {output} holds {what} ({guarded}); choose another --output")
        for folder in (*SOURCE_FOLDERS, "sitegen", "tests"):
            inner = guarded / folder
            if out == inner or inner in out.parents:
                raise PublishError(f"output folder {output} lies inside {inner}; choose another --output")
    if out.exists() and not out.is_dir():
        raise PublishError(f"output {output} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise PublishError(f"output folder {output} exists with files this tool did not create; "
                           "empty it or choose another --output")


def safe_relative(path: str) -> PurePosixPath:
    """A relative path that cannot leave the output folder, whatever a slug or file name says."""
    # Checked on the raw string: PurePosixPath("a//b") quietly becomes "a/b", which once let an
    # empty tag slug ("vi/the//index.html") overwrite the tag index page.
    parts = path.split("/")
    if (not path or path.startswith("/") or any(part in ("..", "", ".") for part in parts) or "\\" in path
            or any(ord(c) < 32 or c == "\x7f" for c in path)):
        raise PublishError(f"refusing to write unsafe path {path!r}")
    return PurePosixPath(path)


def previous_manifest(output: Path) -> dict[str, str]:
    """path -> sha256 of every file the last build wrote into `output`."""
    return _previous_manifest(output) if output.is_dir() else {}


def _previous_manifest(output: Path) -> dict[str, str]:
    try:
        data = json.loads((output / MARKER).read_text(encoding="utf-8"))
        return data.get("files", {}) if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def clean_stale(output: Path) -> None:
    """Remove staging/old folders left by a build that was killed (only ours: they carry the marker)."""
    parent = output.parent
    if not parent.is_dir():
        return
    if not output.exists():   # killed between the two renames of a swap without renameat2: put it back
        olds = sorted(item for item in parent.glob(f".{glob_escape(output.name)}.old-*") if (item / MARKER).is_file())
        if olds:
            os.rename(olds[-1], output)
    for item in parent.iterdir():
        if not item.name.startswith(f".{output.name}."):
            continue
        kind = item.name.rsplit(".", 1)[-1]
        if kind.startswith("trash-"):
            _delete_in_background(item)   # a previous output being (or that should have been) deleted
        elif kind.startswith(("staging-", "old-")) and ((item / MARKER).is_file() or not any(item.iterdir())):
            shutil.rmtree(item, ignore_errors=True)


class Publisher:
    """Fills a staging folder file by file, then swaps it in as the output in one step.

    Files are added as they are rendered, so a large site is never held in memory whole;
    until `commit()` the previous output is untouched, and `abort()` leaves no trace.
    """

    def __init__(self, output: Path):
        self.output = output.absolute()
        self.output.parent.mkdir(parents=True, exist_ok=True)
        clean_stale(self.output)
        self.previous = _previous_manifest(self.output) if self.output.is_dir() else {}
        self.staging = self.output.parent / f".{self.output.name}.staging-{os.getpid()}"
        self.manifest: dict[str, str] = {}
        self.folders: set[Path] = set()
        self.written = self.reused = 0
        self._guard(lambda: self.staging.mkdir())
        self._guard(lambda: (self.staging / MARKER).write_text("{}", encoding="utf-8"))   # ours from the start

    def _guard(self, action) -> None:
        """Run a file operation; any failure removes the staging folder and names the path."""
        try:
            action()
        except OSError as exc:
            self.abort()
            raise PublishError(f"cannot write {self._shown(exc.filename)}: {exc.strerror}") from exc
        except PublishError:
            self.abort()
            raise

    def _shown(self, filename: str | None) -> str:
        """The path an editor knows: a file in the staging folder is named as it would be in the output."""
        if not filename:
            return str(self.output)
        name = Path(os.fsdecode(filename))
        if name == self.staging or self.staging in name.parents:
            return f"{self.output / name.relative_to(self.staging)} (staged in {self.staging.parent})"
        return str(name)

    def add(self, path: str, data: bytes | Reused) -> None:
        self._guard(lambda: self._add(path, data))

    def _add(self, path: str, data: bytes | Reused) -> None:
        rel = safe_relative(path)
        if path in self.manifest:
            raise PublishError(f"two outputs for {path}")
        target = self.staging.joinpath(*rel.parts)
        if target.parent not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(target.parent)
        old = self.output.joinpath(*rel.parts)
        if isinstance(data, Reused):
            self.manifest[path] = data.digest
            if not _link(old, target):
                shutil.copyfile(old, target)
            self.reused += 1
            return
        digest = hashlib.sha256(data).hexdigest()
        self.manifest[path] = digest
        if self.previous.get(path) == digest and _link(old, target):
            self.reused += 1
            return
        target.write_bytes(data)
        self.written += 1

    def commit(self) -> tuple[int, int]:
        """Swap the staging folder in; returns (written, reused) counts."""
        marker = json.dumps({"files": dict(sorted(self.manifest.items()))}, sort_keys=True, indent=0)
        self._guard(lambda: (self.staging / MARKER).write_text(marker, encoding="utf-8"))
        self._guard(lambda: _swap(self.staging, self.output))
        return self.written, self.reused

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def publish(files: dict[str, bytes | Reused], output: Path) -> tuple[int, int]:
    """Write `files` as the new content of `output`; returns (written, reused) counts."""
    publisher = Publisher(output)
    for path in sorted(files):
        publisher.add(path, files[path])
    return publisher.commit()


def _link(source: Path, target: Path) -> bool:
    try:
        os.link(source, target)
        return True
    except OSError:
        return False


_RENAME_EXCHANGE = 2


def _swap(staging: Path, output: Path) -> None:
    """Make `staging` the output in one step (renameat2 EXCHANGE on Linux), then drop the old one."""
    if not output.exists():
        os.rename(staging, output)
        return
    if _exchange(staging, output):
        _discard(staging, output)   # now holds the previous output
        return
    old = output.parent / f".{output.name}.old-{os.getpid()}"
    os.rename(output, old)
    os.rename(staging, output)
    _discard(old, output)


DETACH_ABOVE_FILES = 2000


def _discard(folder: Path, output: Path) -> None:
    """Delete the previous output; a large one in a detached process, so the build returns at once.

    A large folder is first renamed `.<output>.trash-<pid>`; if the deleting process dies,
    the next build's `clean_stale` starts another.
    """
    if len(_previous_manifest(folder)) <= DETACH_ABOVE_FILES:
        shutil.rmtree(folder, ignore_errors=True)
        return
    trash = output.parent / f".{output.name}.trash-{os.getpid()}"
    try:
        os.rename(folder, trash)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    _delete_in_background(trash)


def _delete_in_background(folder: Path) -> None:
    try:
        subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                          str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    try:
        libc = ctypes.CDLL(libc_name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
