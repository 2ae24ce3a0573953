"""The output folder on disk: its marker, the atomic swap, and what becomes of older versions.

The marker (`.sitegen-output.json`, the manifest of every file a build wrote) proves a folder
is ours; the swap makes a complete staging folder the output in one step; the version it
replaces is kept as the next build's spare or deleted (a large one in a detached process);
leftovers of a killed build are recognised by the marker and cleaned up by the next one.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import subprocess
import sys
from glob import escape as glob_escape
from pathlib import Path

MARKER = ".sitegen-output.json"


def read_manifest(output: Path) -> dict[str, str]:
    """path -> sha256 of every file the build that wrote `output` wrote ({} without a readable marker)."""
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
            delete_in_background(item)   # a previous output being (or that should have been) deleted
        elif kind.startswith(("staging-", "old-")) and ((item / MARKER).is_file() or not any(item.iterdir())):
            shutil.rmtree(item, ignore_errors=True)


_RENAME_EXCHANGE = 2


def swap(staging: Path, output: Path, spare: Path | None) -> None:
    """Make `staging` the output in one step (renameat2 EXCHANGE on Linux), then keep the old one as spare."""
    if not output.exists():
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
    if spare is None or spare.exists():
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
        shutil.rmtree(folder, ignore_errors=True)
        return
    trash = output.parent / f".{output.name}.trash-{os.getpid()}"
    try:
        os.rename(folder, trash)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    delete_in_background(trash)


def delete_in_background(folder: Path) -> None:
    try:
        subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                          str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


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
