"""Knowing when a build can be skipped: a digest of every input, and the span of "now" it is valid for.

A build's output depends on its inputs (site.toml, content, templates, static files, the
generator's own code and options) and on "now" only through comparisons with the dates
in the content (future posts, upcoming events). So an unchanged input digest with a
`now` between the same two dates gives the same bytes: the no-change rebuild is a check.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import os
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from sitegen.incremental.cache import CACHE_DIR
from sitegen.publish.fences import output_intact

RECORD_FILE = "build.json"
LIBRARIES = ("markdown", "jinja2", "icalendar", "nh3", "feedgen", "yaml", "lxml", "dateutil")
_CODE = Path(__file__).resolve().parent.parent   # the whole sitegen package


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """The generator's own source and its libraries' installed files: a new version rebuilds everything.

    The libraries are found, not imported (importing them all would cost a no-change build
    a tenth of a second): an upgrade rewrites a package's `__init__.py`, so its path, size
    and modification time change.
    """
    digest = hashlib.sha256()
    for path in sorted([*_CODE.rglob("*.py"), *_CODE.rglob("*.toml")]):   # code, and the strings pages show
        digest.update(path.relative_to(_CODE).as_posix().encode() + b"\0" + path.read_bytes())
    for name in LIBRARIES:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None and spec.origin else ""
        try:
            stat = os.stat(origin)
            digest.update(f"{name}\0{origin}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        except OSError:
            digest.update(f"{name}\0missing\n".encode())
    return digest.hexdigest()


def input_digest(source: Path, theme_roots: list[Path], settings: dict[str, Any],
                 file_digests: dict[str, str] | None = None, memo: FileMemo | None = None) -> str:
    """Digest of every file the build reads, with the options that change output.

    `file_digests` receives each file's own SHA-256 (by path), so the loader need not read
    and hash the content files a second time; `memo` is `hash_files`'s.
    """
    found = file_digests if file_digests is not None else {}
    digest = hashlib.sha256(code_digest().encode())
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    files = [str(source / "site.toml"), *list_files([source / "content", *theme_roots])]
    found.update(hash_files(files, memo if memo is not None else FileMemo()))
    for path in files:
        own = found.get(path)
        digest.update(path.encode() + (b"\0" + bytes.fromhex(own) if own else b"\0missing"))
    return digest.hexdigest()


def list_files(folders: list[Path]) -> list[str]:
    """Every file under `folders`, in a stable order (junk included: the digest errs on the side of building)."""
    files: list[str] = []
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            files.extend(os.path.join(dirpath, name) for name in sorted(filenames))
    return files


TRUST_AFTER_NS = 2_000_000_000   # a file changed less than this before it was hashed is hashed again next time


class FileMemo(dict):
    """path -> [mtime_ns, size, inode, sha256, trusted]; `changed` tells whether it needs saving."""

    changed = False


def hash_files(paths: list[str], memo: FileMemo) -> dict[str, str]:
    """SHA-256 of each readable file, reading only those whose (mtime, size, inode) changed.

    As git's index does: `memo` is updated in place and may be kept between builds. An entry is
    trusted only if the file had not changed for two seconds when it was hashed, so an edit
    within a coarse file-system timestamp is seen.
    """
    found: dict[str, str] = {}
    now = time.time_ns()
    for path in paths:
        try:
            info = os.stat(path)
            key = [info.st_mtime_ns, info.st_size, info.st_ino]
            known = memo.get(path)
            if known is not None and known[:3] == key and len(known) == 5 and known[4]:
                found[path] = known[3]
                continue
            with open(path, "rb") as handle:
                found[path] = hashlib.sha256(handle.read()).hexdigest()
        except OSError:
            continue
        memo[path] = [*key, found[path], now - info.st_mtime_ns > TRUST_AFTER_NS]
        memo.changed = True
    for path in memo.keys() - found.keys():   # gone, or unreadable now
        del memo[path]
        memo.changed = True
    return found


FILES_FILE = "files.json"


def load_file_memo(source: Path) -> FileMemo:
    """The file digests of the last build (see `hash_files`); empty when unknown."""
    try:
        memo = json.loads((source / CACHE_DIR / FILES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return FileMemo()
    if not isinstance(memo, dict):
        return FileMemo()
    return FileMemo({path: entry for path, entry in memo.items() if _well_shaped(entry)})   # a damaged entry is re-read


def _well_shaped(entry: object) -> bool:
    return (isinstance(entry, list) and len(entry) == 5 and all(type(n) is int for n in entry[:3])
            and isinstance(entry[3], str) and isinstance(entry[4], bool))


def save_file_memo(source: Path, memo: dict[str, list]) -> None:
    _write(source, FILES_FILE, memo)


def now_window(instants: list[datetime], now: datetime) -> tuple[str, str] | None:
    """The open interval of instants around `now` in which every date comparison stays the same."""
    if any(moment == now for moment in instants):
        return None
    before = max((m for m in instants if m < now), default=None)
    after = min((m for m in instants if m > now), default=None)
    return (before.isoformat() if before else "", after.isoformat() if after else "")


def _in_window(window: list[str] | None, now: datetime) -> bool:
    if not window:
        return False
    before, after = window
    return (not before or datetime.fromisoformat(before) < now) and (not after or now < datetime.fromisoformat(after))


def _marker_digest(output: Path, marker: str) -> str:
    try:
        return hashlib.sha256((output / marker).read_bytes()).hexdigest()
    except OSError:
        return ""


def is_up_to_date(source: Path, output: Path, digest: str, now: datetime, marker: str) -> bool:
    """True when the last build from these exact inputs wrote `output` and it is untouched since."""
    try:
        record = json.loads((source / CACHE_DIR / RECORD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (isinstance(record, dict) and record.get("inputs") == digest and record.get("output") == str(output)
            and _in_window(record.get("window"), now) and record.get("marker") == _marker_digest(output, marker)
            and bool(record.get("marker")) and _all_present(output, marker))


def _all_present(output: Path, marker: str) -> bool:
    """The output holds exactly what the last build wrote (someone may have edited or deleted a file)."""
    return output_intact(output)


def save_record(source: Path, output: Path, digest: str, window: tuple[str, str] | None, marker: str) -> None:
    """Remember what was built where; losing this file only costs one full build."""
    _write(source, RECORD_FILE, {"inputs": digest, "output": str(output), "marker": _marker_digest(output, marker),
                                 "window": list(window) if window else None})


def _write(source: Path, name: str, record: dict[str, Any]) -> None:
    """Write one record of `.cache/` atomically; a record that cannot be written only costs a full build."""
    folder = source / CACHE_DIR
    try:
        folder.mkdir(exist_ok=True)
        tmp = folder / f".{name}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(record, sort_keys=True), encoding="utf-8")
        os.replace(tmp, folder / name)
    except OSError:
        pass


PAGES_FILE = "pages.json"


def load_page_keys(source: Path, output: Path) -> dict[str, str]:
    """Fingerprints of the pages the last build published into `output` ({} when unknown)."""
    try:
        record = json.loads((source / CACHE_DIR / PAGES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(record, dict) or record.get("output") != str(output):
        return {}
    keys = record.get("keys")
    return keys if isinstance(keys, dict) else {}


def save_page_keys(source: Path, output: Path, keys: dict[str, str]) -> None:
    """Remember each published page's fingerprint, for the next build into the same output."""
    _write(source, PAGES_FILE, {"output": str(output), "keys": keys})
