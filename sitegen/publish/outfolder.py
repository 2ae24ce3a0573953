"""The output folder on disk: the atomic swap, what becomes of older versions, and leftovers.

The swap makes a complete staging folder the output in one step; the version it replaces is
kept as the next build's spare or deleted (a large one in a detached process); leftovers of a
killed build (`.<output>.staging-<pid>`, `.old-<pid>`, `.trash-<pid>`) are recognised by their
name and our marker, and cleaned up by the next build, which holds the output's lock, so no
build ever deletes the staging folder of one still running. Deleting removes the marker last:
a folder interrupted half-way still proves it is ours.
"""

from __future__ import annotations

import ctypes
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

from sitegen.publish import deleter
from sitegen.publish.markers import MARKER, read_manifest

__all__ = ["MARKER", "clean_stale", "delete_in_background", "delete_marker_last", "is_ours", "read_manifest", "swap"]


def _leftover_pattern(output: Path) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(output.name)}\.(staging|old|trash)-\d+(-new)?")


def is_ours(folder: Path) -> bool:
    """A real folder (not a link) holding our marker as a regular file."""
    try:
        return stat.S_ISDIR(os.lstat(folder).st_mode) and stat.S_ISREG(os.lstat(folder / MARKER).st_mode)
    except OSError:
        return False


def clean_stale(output: Path) -> None:
    """Remove staging/old folders left by a killed build (only ours: our names, with the marker).

    Call it only while holding the output's lock (fences.OutputLock).
    """
    parent = output.parent
    if not parent.is_dir():
        return
    pattern = _leftover_pattern(output)
    if not os.path.lexists(output):   # killed between the two renames of a swap without renameat2: put it back
        olds = sorted(item for item in parent.iterdir() if pattern.fullmatch(item.name)
                      and item.name.split(".")[-1].startswith("old-") and is_ours(item))
        if olds:
            os.rename(olds[-1], output)
    for item in parent.iterdir():
        match = pattern.fullmatch(item.name)
        if match is None or item.is_symlink() or not item.is_dir():
            continue
        if not is_ours(item):
            if not any(item.iterdir()):
                item.rmdir()
            continue
        if match.group(1) == "trash":
            delete_in_background(item)   # a previous output being (or that should have been) deleted
        else:
            delete_marker_last(item)


_RENAME_EXCHANGE = 2


def swap(staging: Path, output: Path, spare: Path | None) -> None:
    """Make `staging` the output in one step (renameat2 EXCHANGE on Linux), then keep the old one as spare."""
    if not os.path.lexists(output):
        os.rename(staging, output)
        return
    if _exchange(staging, output):
        _retire(staging, output, spare)   # now holds the previous output
        return
    old = output.parent / f".{output.name}.old-{os.getpid()}"
    os.rename(output, old)
    os.rename(staging, output)
    _retire(old, output, spare)


def _retire(folder: Path, output: Path, spare: Path | None) -> None:
    """Keep the previous output as the spare the next build starts from; else delete it."""
    if spare is None or os.path.lexists(spare):
        _discard(folder, output)
        return
    try:
        spare.parent.mkdir(parents=True, exist_ok=True)
        os.rename(folder, spare)   # fails across file systems: then it is deleted
    except OSError:
        _discard(folder, output)


DETACH_ABOVE_FILES = 2000


def _discard(folder: Path, output: Path) -> None:
    """Delete the previous output; a large one in a detached process, so the build returns at once.

    A large folder is first renamed `.<output>.trash-<pid>`; if the deleting process dies,
    the next build's `clean_stale` starts another.
    """
    if len(read_manifest(folder)) <= DETACH_ABOVE_FILES:
        delete_marker_last(folder)
        return
    trash = output.parent / f".{output.name}.trash-{os.getpid()}"
    try:
        os.rename(folder, trash)
    except OSError:
        delete_marker_last(folder)
        return
    delete_in_background(trash)


def delete_marker_last(folder: Path) -> None:
    """Delete a folder of ours now (never following links), its marker last."""
    deleter.delete_marker_last(str(folder), MARKER)


def delete_in_background(folder: Path) -> None:
    """Delete a folder of ours in a detached process, its marker last."""
    try:
        subprocess.Popen([sys.executable, "-I", "-S", deleter.__file__, str(folder), MARKER],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)
    except OSError:
        delete_marker_last(folder)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically with renameat2(RENAME_EXCHANGE); False where the C library lacks it."""
    try:
        # The symbols already loaded into this process: libc on Linux. (ctypes.util.find_library
        # would run `ldconfig -p` in a subprocess on every build.)
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
