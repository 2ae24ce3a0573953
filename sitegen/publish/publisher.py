"""The only writer: builds the new site in a staging folder, then swaps it in atomically.

Fences: the output folder must not hold the source or the project, must not lie inside a
source folder, and an existing folder must carry our marker (we never delete what we did
not create). Unchanged files are hard-linked from the previous output rather than rewritten;
the folder mechanics (marker, swap, spare and old versions) are in outfolder.py.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sitegen.messages import Msg, Text
from sitegen.publish.outfolder import MARKER, clean_stale, delete_in_background, read_manifest, swap

__all__ = ["MARKER", "PublishError", "Publisher", "Reused", "clean_stale", "publish", "read_manifest"]

SOURCE_FOLDERS = ("content", "templates", "static", ".cache", ".git")


@dataclass(frozen=True)
class Reused:
    """A file to keep as it is in the previous output (its digest, from the previous manifest)."""

    digest: str


class PublishError(Exception):
    """A refusal or an I/O failure, with a message that names the path (plain text or a catalogue Msg)."""

    def __init__(self, message: Text):
        super().__init__(str(message))
        self.text = message


def check_output_folder(output: Path, source: Path, project: Path) -> None:
    """Refuse folders that would put the source, the project or foreign files at risk."""
    out = output.resolve()
    for guarded, what in ((source.resolve(), Msg("output-what-source")), (project.resolve(), Msg("output-what-project"))):
        if out == guarded or out in guarded.parents:
            raise PublishError(Msg("output-holds", output=str(output), what=what, guarded=str(guarded)))
        for folder in (*SOURCE_FOLDERS, "sitegen", "tests"):
            inner = guarded / folder
            if out == inner or inner in out.parents:
                raise PublishError(Msg("output-inside", output=str(output), inner=str(inner)))
    if out.exists() and not out.is_dir():
        raise PublishError(Msg("output-not-folder", output=str(output)))
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise PublishError(Msg("output-foreign", output=str(output)))


_UNSAFE_CHARACTERS = re.compile(r"[\x00-\x1f\x7f\\]")


def safe_relative(path: str) -> PurePosixPath:
    """A relative path that cannot leave the output folder, whatever a slug or file name says."""
    check_relative(path)
    return PurePosixPath(path)


def check_relative(path: str) -> None:
    """Refuse a path that is absolute, climbs out, has empty parts, backslashes or control characters."""
    # Checked on the raw string: PurePosixPath("a//b") quietly becomes "a/b", which once let an
    # empty tag slug ("vi/the//index.html") overwrite the tag index page.
    if (not path or path.startswith("/") or _UNSAFE_CHARACTERS.search(path)
            or any(part in ("..", "", ".") for part in path.split("/"))):
        raise PublishError(f"refusing to write unsafe path {path!r}")


class Publisher:
    """Fills a staging folder file by file, then swaps it in as the output in one step.

    Files are added as they are rendered, so a large site is never held in memory whole;
    until `commit()` the previous output is untouched, and `abort()` leaves no trace.

    With a previous output, the staging folder starts as a copy of it made of hard links,
    one of two ways. Best, the *spare* (the output before the previous one, kept by the
    last swap) is brought up to date by relinking only the files that
    differ between the two, so publishing costs what changed, not what the site holds.
    Else a linker process (linker.py) links every file on the other core while the build
    runs. Either way, changed files are written to a second folder meanwhile and moved over
    their links at `commit()`, and files the new build no longer has are unlinked. Without
    a previous output, files go straight into the staging folder.

    The spare lives where the caller says (the build: `.cache/spare` beside site.toml, so
    nothing but the output is written beside the output); without a place, or on another
    file system, the previous output is deleted after the swap and the linker is used.
    """

    def __init__(self, output: Path, background: bool = True, spare: Path | None = None):
        self.output = output.absolute()
        self.output.parent.mkdir(parents=True, exist_ok=True)
        clean_stale(self.output)
        self.previous = read_manifest(self.output)
        self.staging = self.output.parent / f".{self.output.name}.staging-{os.getpid()}"
        self.manifest: dict[str, str] = {}
        self.folders: set[Path] = set()
        self.changed: list[str] = []
        self.written = self.reused = 0
        self.linker: subprocess.Popen | None = None
        self.overlay: Path | None = None
        self.spare_folder = spare.absolute() if spare is not None else None
        self.spare: dict[str, str] | None = None   # what the staging folder holds, when it began as the spare
        if not self.previous and self.spare_folder is not None and self.spare_folder.is_dir():
            delete_in_background(self.spare_folder)   # without an output to update it from, it is of no use
        if background and self.previous and self.spare_folder is not None:
            self.spare = _claim_spare(self.spare_folder, self.staging)
        if self.spare is None:
            self._guard(lambda: self.staging.mkdir())
        self._guard(lambda: (self.staging / MARKER).write_text("{}", encoding="utf-8"))   # ours from the start
        if background and self.previous and self.spare is None:
            self.linker = _start_linker(self.output, self.staging, sorted(self.previous))
        if self.spare is not None or self.linker is not None:
            # the previous files arrive by themselves; changed ones wait here, moved over them at commit
            self.overlay = self.output.parent / f".{self.output.name}.staging-{os.getpid()}-new"
            self._guard(lambda: self.overlay.mkdir())
            self._guard(lambda: (self.overlay / MARKER).write_text("{}", encoding="utf-8"))

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
        for folder in (self.staging, self.overlay):
            if folder is not None and (name == folder or folder in name.parents):
                return f"{self.output / name.relative_to(folder)} (staged in {folder.parent})"
        return str(name)

    def add(self, path: str, data: bytes | Reused) -> None:
        self._guard(lambda: self._add(path, data))

    def _add(self, path: str, data: bytes | Reused) -> None:
        check_relative(path)
        if path in self.manifest:
            raise PublishError(f"two outputs for {path}")
        if isinstance(data, Reused):
            self.manifest[path] = data.digest
            self._keep(path)
            return
        digest = hashlib.sha256(data).hexdigest()
        self.manifest[path] = digest
        if (self.previous.get(path) == digest
                and (self.overlay is None or os.path.isfile(os.path.join(self.output, path)))
                and self._keep(path, fallible=True)):
            return
        self._write(self.overlay or self.staging, PurePosixPath(path), data)
        self.changed.append(path)
        self.written += 1

    def _keep(self, path: str, fallible: bool = False) -> bool:
        """Keep the previous output's file: the linker does it, else a link (or a copy) now."""
        self.reused += 1
        if self.overlay is not None:   # the linker or the spare provides it
            return True
        rel = PurePosixPath(path)
        target = self._folder_for(self.staging, rel) / rel.name
        old = self.output.joinpath(*rel.parts)
        if _link(old, target):
            return True
        if fallible:
            self.reused -= 1
            return False
        shutil.copyfile(old, target)
        return True

    def _write(self, root: Path, rel: PurePosixPath, data: bytes) -> None:
        (self._folder_for(root, rel) / rel.name).write_bytes(data)

    def _folder_for(self, root: Path, rel: PurePosixPath) -> Path:
        folder = root.joinpath(*rel.parts[:-1])
        if folder not in self.folders:
            folder.mkdir(parents=True, exist_ok=True)
            self.folders.add(folder)
        return folder

    def commit(self) -> tuple[int, int]:
        """Swap the staging folder in; returns (written, reused) counts."""
        if self.overlay is not None:
            self._guard(self._merge)
        marker = json.dumps({"files": dict(sorted(self.manifest.items()))}, sort_keys=True, indent=0)
        self._guard(lambda: (self.staging / MARKER).write_text(marker, encoding="utf-8"))
        self._guard(lambda: swap(self.staging, self.output, self.spare_folder))
        return self.written, self.reused

    def _merge(self) -> None:
        """Complete the staging copy of the previous output, then move changed files over it."""
        assert self.overlay is not None
        changed = set(self.changed)
        if self.spare is not None:
            held = self.spare
            for path in sorted(held.keys() - self.manifest.keys()):
                _remove_with_empty_folders(self.staging, PurePosixPath(path))
            # a file of the spare may also have been deleted by hand from the output it once was
            stale = [path for path, digest in self.manifest.items() if path not in changed
                     and (held.get(path) != digest or not os.path.lexists(os.path.join(self.staging, path)))]
        else:
            stale = self._wait_for_linker()
            for path in sorted(self.previous.keys() - self.manifest.keys()):
                _remove_with_empty_folders(self.staging, PurePosixPath(path))
        for path in sorted(stale):
            if path in self.manifest and path not in changed:
                self._relink(path)
        for path in self.changed:
            rel = PurePosixPath(path)
            target = self._folder_for(self.staging, rel) / rel.name
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)   # a folder of the old output where a file now goes
            os.replace(self.overlay.joinpath(*rel.parts), target)
        shutil.rmtree(self.overlay, ignore_errors=True)

    def _wait_for_linker(self) -> list[str]:
        """The paths the linker could not link (all of them if it failed)."""
        if self.linker is None:
            return []
        assert self.linker.stdout is not None
        out = self.linker.stdout.read()
        self.linker.stdout.close()
        self.linker.wait()
        failed = [p for p in out.decode("utf-8").split("\n") if p] if self.linker.returncode == 0 else list(self.previous)
        self.linker = None
        return failed

    def _relink(self, path: str) -> None:
        """Make the staging folder's `path` the previous output's file (a link, else a copy)."""
        rel = PurePosixPath(path)
        target = self._folder_for(self.staging, rel) / rel.name
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        temporary = target.with_name(f".{rel.name}.{os.getpid()}.tmp")
        old = self.output.joinpath(*rel.parts)
        if not _link(old, temporary):
            shutil.copyfile(old, temporary)
        os.replace(temporary, target)

    def abort(self) -> None:
        """Remove the staging folders (a spare taken for this build goes too: it was being changed)."""
        if self.linker is not None:
            with contextlib.suppress(OSError):
                self.linker.kill()
            self.linker.wait()
            self.linker = None
        shutil.rmtree(self.staging, ignore_errors=True)
        if self.overlay is not None:
            shutil.rmtree(self.overlay, ignore_errors=True)


def _claim_spare(spare: Path, staging: Path) -> dict[str, str] | None:
    """Take the spare as the staging folder; its manifest, or None when there is no usable spare."""
    try:
        data = json.loads((spare / MARKER).read_text(encoding="utf-8"))
        files = data["files"]
        if not isinstance(files, dict):
            raise TypeError("no manifest")
        os.rename(spare, staging)   # fails across file systems
    except (OSError, ValueError, KeyError, TypeError):
        if spare.is_dir():
            delete_in_background(spare)   # unusable: it would only take space
        return None
    return files


def _start_linker(old: Path, new: Path, paths: list[str]) -> subprocess.Popen | None:
    """Start linker.py on `paths`; None when it cannot start (the publisher then links itself)."""
    try:
        process = subprocess.Popen([sys.executable, "-I", "-S", str(Path(__file__).with_name("linker.py")),
                                    str(old), str(new)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, close_fds=True)
    except OSError:
        return None
    try:
        assert process.stdin is not None
        process.stdin.write("".join(f"{path}\n" for path in paths).encode("utf-8"))
        process.stdin.close()
    except OSError:
        process.kill()
        process.wait()
        return None
    return process


def _remove_with_empty_folders(root: Path, rel: PurePosixPath) -> None:
    """Unlink a file the new build no longer has, and the folders it leaves empty (never `root`)."""
    with contextlib.suppress(FileNotFoundError):
        root.joinpath(*rel.parts).unlink()
    for parent in rel.parents:
        if parent == PurePosixPath("."):
            break
        try:
            root.joinpath(*parent.parts).rmdir()
        except OSError:
            break


def publish(files: dict[str, bytes | Reused], output: Path, spare: Path | None = None) -> tuple[int, int]:
    """Write `files` as the new content of `output`; returns (written, reused) counts."""
    publisher = Publisher(output, spare=spare)
    for path in sorted(files):
        publisher.add(path, files[path])
    return publisher.commit()


def _link(source: Path, target: Path) -> bool:
    try:
        os.link(source, target)
        return True
    except OSError:
        return False
