"""Fences: which output folders a build may write, which paths inside them, and one build at a time.

- The output must not hold the source or the project, nor lie inside a source folder.
- A symbolic link as the output is followed: the site is published into its target (swapped
  inside the target's parent), and the link is kept, always pointing at a complete site.
- An existing folder must carry our marker and hold nothing the marker does not account for:
  the build never deletes what it did not create, so it refuses and names those files.
- One build at a time per output folder: `OutputLock` (flock on the folder that holds it,
  released by the kernel when the process dies, even by `kill -9`); a second build waits.
"""

from __future__ import annotations

import fcntl
import os
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from sitegen.messages import Msg, Text
from sitegen.publish.markers import MARKER, Survey, survey
from sitegen.publish.outfolder import clean_stale

SOURCE_FOLDERS = ("content", "templates", "static", ".cache", ".git")
SHOWN_FOREIGN = 10



class PublishError(Exception):
    """A refusal or an I/O failure, with a message that names the path (a catalogue Msg, or plain text)."""

    def __init__(self, message: Text):
        super().__init__(str(message))
        self.text = message


def real_output(output: Path) -> Path:
    """The folder a build publishes into: with symbolic links (the output's or a parent's) resolved."""
    return Path(os.path.realpath(output.absolute()))


def check_output_folder(output: Path, source: Path, project: Path) -> None:
    """Refuse folders that would put the source, the project or foreign files at risk."""
    check_output_place(output, source, project)
    check_contents(output, surveyed(output))


def check_output_place(output: Path, source: Path, project: Path) -> None:
    """Refuse an output that holds the source or the project, or lies inside one of their folders."""
    out = real_output(output)
    for guarded, what in ((source.resolve(), Msg("output-what-source")), (project.resolve(), Msg("output-what-project"))):
        if out == guarded or out in guarded.parents:
            raise PublishError(Msg("output-holds", output=str(output), what=what, guarded=str(guarded)))
        for folder in (*SOURCE_FOLDERS, "sitegen", "tests"):
            inner = guarded / folder
            if out == inner or inner in out.parents:
                raise PublishError(Msg("output-inside", output=str(output), inner=str(inner)))


def check_contents(output: Path, found: Survey, drop_foreign: bool = False) -> None:
    """Refuse a folder that is not ours, or that holds entries its marker does not account for
    (unless `drop_foreign`: the preview's own temporary folder, where nothing of anyone's is kept)."""
    if found.foreign == ["."]:
        raise PublishError(Msg("output-not-folder", output=str(output)))
    if found.exists and not found.marked and found.foreign:
        raise PublishError(Msg("output-foreign", output=str(output)))
    if found.foreign and not drop_foreign:
        names = ", ".join(shown(name) for name in found.foreign[:SHOWN_FOREIGN])
        if len(found.foreign) > SHOWN_FOREIGN:
            names += ", …"
        raise PublishError(Msg("output-foreign-files", output=str(output), count=len(found.foreign), names=names))


def shown(name: str) -> str:
    """A file name as it can be printed (control characters and undecodable bytes escaped)."""
    printable = name.isprintable() and name.encode("utf-8", "surrogateescape").decode("utf-8", "replace") == name
    return name if printable else ascii(name)


class OutputLock:
    """Held while a build reads, stages and swaps one output folder (waits for another holder).

    The lock is flock(2) on the folder that holds the output (no lock file to leave behind, to
    be replaced by a link, or to create on a read-only disk); the kernel releases it when the
    process ends, however it ends.
    """

    def __init__(self, output: Path):
        self.output = real_output(output)
        self.fd: int | None = None
        self.survey: Survey | None = None   # the output as found once the lock was taken (kept up to date)

    def acquire(self, on_wait: Callable[[], None] | None = None) -> OutputLock:
        parent = self.output.parent
        held = _PARENTS.get(parent)
        if held is not None:   # this process already holds it (for another output in the same folder)
            _PARENTS[parent] = (held[0], held[1] + 1)
        else:
            _PARENTS[parent] = (_lock_folder(parent, on_wait), 1)
        self.fd = _PARENTS[parent][0]
        _HELD[self.output] = self
        try:
            clean_stale(self.output)   # leftovers of killed builds: no build of this output is running now
        except OSError as exc:
            self.release()
            raise PublishError(Msg("output-cannot-lock", path=str(exc.filename or parent),
                                   reason=exc.strerror or str(exc))) from exc
        return self

    def release(self) -> None:
        if self.fd is None:
            return
        _HELD.pop(self.output, None)
        parent = self.output.parent
        fd, count = _PARENTS.pop(parent)
        if count > 1:
            _PARENTS[parent] = (fd, count - 1)
        else:
            os.close(fd)   # closing the descriptor releases the lock
        self.fd = None

    def __enter__(self) -> OutputLock:
        return self if self.fd is not None else self.acquire()

    def __exit__(self, *exc_info) -> None:
        self.release()


_HELD: dict[Path, OutputLock] = {}
_PARENTS: dict[Path, tuple[int, int]] = {}   # folder -> (descriptor holding its flock, holders in this process)


def _lock_folder(parent: Path, on_wait: Callable[[], None] | None) -> int:
    try:
        parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as exc:
        raise PublishError(Msg("output-cannot-lock", path=str(parent), reason=exc.strerror or str(exc))) from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        if on_wait is not None:
            on_wait()
        fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def surveyed(output: Path) -> Survey:
    """The output's survey: taken once while this process holds its lock, else walked now."""
    output = real_output(output)
    lock = _HELD.get(output)
    if lock is None:
        return _walk(output)
    if lock.survey is None:
        lock.survey = _walk(output)
    return lock.survey


def _walk(output: Path) -> Survey:
    try:
        return survey(output)
    except OSError as exc:
        raise PublishError(Msg("output-cannot-read", path=str(exc.filename or output), reason=exc.strerror or str(exc))) from exc


def trusted_manifest(output: Path) -> dict[str, str]:
    """path -> sha256 of the output's files that are exactly as the last build wrote them."""
    try:
        return surveyed(output).trusted
    except PublishError:
        return {}


def output_intact(output: Path) -> bool:
    """The output holds exactly what its marker lists, untouched since."""
    try:
        return surveyed(output).intact
    except PublishError:
        return False


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
            or any(part in ("..", "", ".") for part in path.split("/")) or path == MARKER):
        raise PublishError(Msg("output-unsafe-path", path=repr(path)))
