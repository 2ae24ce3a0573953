"""The marker of an output folder, and what the folder really holds compared with it.

The marker (`.sitegen-output.json`) proves a folder is ours and lists every file the build
wrote with its SHA-256; it is part of the published site, so it holds nothing that differs
between two builds of the same input. To tell later whether someone changed a file, the
build records each file's inode, size and modification time in nanoseconds (as git's index
does) beside the output, in `.<output>.stat.json`, for that marker only. `survey()` walks the
folder once and sorts what it finds: files exactly as written (trusted: they may be kept),
files of ours changed or replaced by hand (rewritten by the next build), and entries the
marker does not account for (foreign: the build refuses to touch the folder).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

MARKER = ".sitegen-output.json"
Stat = tuple[int, int, int]   # inode, size, mtime in ns

# Files that file managers leave in any folder they show: not the user's work, deleted with the output.
SYSTEM_JUNK = frozenset({".DS_Store", "Thumbs.db", "desktop.ini", ".directory"})


@dataclass
class Survey:
    """What an output folder holds, compared with its marker."""

    exists: bool = False
    marked: bool = False                                  # a readable marker of ours
    manifest: dict[str, str] = field(default_factory=dict)   # path -> sha256, as the marker says
    stats: dict[str, Stat] = field(default_factory=dict)     # the files still exactly as written
    foreign: list[str] = field(default_factory=list)         # entries the marker does not account for

    @property
    def trusted(self) -> dict[str, str]:
        """path -> sha256 of the files a build may keep as they are."""
        return {path: digest for path, digest in self.manifest.items() if path in self.stats}

    @property
    def intact(self) -> bool:
        return self.marked and not self.foreign and len(self.stats) == len(self.manifest)


def _read_marker(folder: Path) -> tuple[dict[str, str], str] | None:
    """(files, sha256 of the marker) of the folder's marker; None without a readable one of the right shape."""
    path = folder / MARKER
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        raw = path.read_bytes()
        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError):
        return None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
        return None
    return files, hashlib.sha256(raw).hexdigest()


def read_manifest(folder: Path) -> dict[str, str]:
    """path -> sha256 of every file the build that wrote `folder` wrote ({} without a readable marker)."""
    marker = _read_marker(folder)
    return marker[0] if marker else {}


def marker_bytes(files: dict[str, str]) -> bytes:
    return json.dumps({"files": dict(sorted(files.items()))}, sort_keys=True, indent=0).encode("utf-8")


def write_marker(folder: Path, files: dict[str, str]) -> bytes:
    """Write the marker as a new file (never into one a hard link of a snapshot may share); its bytes."""
    data = marker_bytes(files)
    _write_new_file(folder / MARKER, data)
    return data


def record_path(output: Path) -> Path:
    return output.parent / f".{output.name}.stat.json"


def write_record(output: Path, marker: bytes, stats: dict[str, Stat]) -> None:
    """Record the files' stats for the output whose marker is `marker` (before it is swapped in)."""
    data = {"marker": hashlib.sha256(marker).hexdigest(), "stat": {p: list(stats[p]) for p in sorted(stats)}}
    _write_new_file(record_path(output), json.dumps(data, separators=(",", ":")).encode("utf-8"))


def _read_record(output: Path, marker_digest: str, files: dict[str, str]) -> dict[str, Stat]:
    """The recorded stats, if they were recorded for this marker ({} otherwise: nothing is trusted)."""
    try:
        data = json.loads(record_path(output).read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("marker") != marker_digest or not isinstance(data.get("stat"), dict):
        return {}
    stats: dict[str, Stat] = {}
    for name, value in data["stat"].items():
        if name in files and isinstance(value, list) and len(value) == 3 and all(type(n) is int for n in value):
            stats[name] = (value[0], value[1], value[2])
    return stats


def _write_new_file(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def stat_of(path: str | Path) -> Stat:
    found = os.lstat(path)
    return found.st_ino, found.st_size, found.st_mtime_ns


def folders_of(paths) -> set[str]:
    """Every folder (relative, without a trailing slash) on the way to these paths."""
    folders: set[str] = set()
    for path in paths:
        cut = path.rfind("/")
        while cut > 0:
            folder = path[:cut]
            if folder in folders:
                break
            folders.add(folder)
            cut = path.rfind("/", 0, cut)
    return folders


def survey(folder: Path) -> Survey:
    """Walk `folder` once (raises OSError when it cannot be read)."""
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return Survey(exists=True, foreign=["."])
    except FileNotFoundError:
        return Survey()
    marker = _read_marker(folder)
    files, recorded = (marker[0], _read_record(folder, marker[1], marker[0])) if marker else ({}, {})
    found = Survey(exists=True, marked=marker is not None, manifest=files)
    folders = folders_of(files)
    stack = [("", str(folder))]
    while stack:
        rel, path = stack.pop()
        with os.scandir(path) as entries:
            for entry in entries:
                name = rel + entry.name
                if name in files:
                    if entry.is_dir(follow_symlinks=False):
                        found.foreign.append(name + "/")   # a folder made where the build wrote a file
                    elif entry.is_file(follow_symlinks=False):
                        now = entry.stat(follow_symlinks=False)
                        if recorded.get(name) == (now.st_ino, now.st_size, now.st_mtime_ns):
                            found.stats[name] = recorded[name]
                elif entry.is_dir(follow_symlinks=False) and name in folders:
                    stack.append((name + "/", entry.path))
                elif not ((not rel and entry.name == MARKER) or entry.name in SYSTEM_JUNK):
                    found.foreign.extend(_everything_in(entry, name))
    found.foreign.sort()
    return found


def _everything_in(entry: os.DirEntry, name: str) -> list[str]:
    """A foreign entry, and if it is a folder every file in it (each is named to the user)."""
    if not entry.is_dir(follow_symlinks=False):
        return [name]
    inside = [name + "/"]
    for root, folders, files in os.walk(entry.path):
        rel = os.path.relpath(root, entry.path)
        prefix = name + "/" + ("" if rel == "." else rel + "/")
        inside += [prefix + file for file in files] + [prefix + folder + "/" for folder in folders]
    return inside if len(inside) == 1 else [item for item in inside if not item.endswith("/")] or inside
