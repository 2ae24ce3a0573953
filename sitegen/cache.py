"""Persistent caches in `.cache/cache.sqlite` beside site.toml: safe against crashes and corruption.

SQLite (standard library) gives atomic, journalled updates, so a build killed while
writing leaves the previous cache; each row also carries a checksum of its value, so a
damaged row is detected, dropped and recomputed, never served. A build writes only
the rows it computed and deletes the rows it no longer uses, so the cache never grows
stale. Tables: `rendered` (Markdown bodies as HTML and folded words, stored as UTF-8
bytes rather than JSON: 4,000 bodies are 27 MB that every build reads), `entries` (parsed
front matter, keyed by the file's bytes), `derived` (calendars and search indexes, keyed by
a fingerprint of their inputs: see derived.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CACHE_DIR = ".cache"
DATABASE = "cache.sqlite"
MARKDOWN = "rendered"
_RETIRED = ("markdown",)   # tables of earlier versions, dropped on sight
ENTRIES = "entries"
DERIVED = "derived"
_TABLES = (MARKDOWN, ENTRIES, DERIVED)


def _checksum(text: str | bytes) -> str:
    return hashlib.blake2b(text.encode() if isinstance(text, str) else text, digest_size=12).hexdigest()


@contextlib.contextmanager
def _database(root: Path, create: bool) -> Iterator[sqlite3.Connection | None]:
    """An open cache (None when there is none or it cannot be opened); errors inside drop the cache."""
    path = root / CACHE_DIR / DATABASE
    connection = None
    try:
        if create:
            path.parent.mkdir(exist_ok=True)
            gitignore = path.parent / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("*\n")
        if create or path.exists():
            connection = sqlite3.connect(path, timeout=10)
        if connection is not None:
            for table in _TABLES:
                connection.execute(f"CREATE TABLE IF NOT EXISTS {table} "
                                   "(key TEXT PRIMARY KEY, value TEXT, checksum TEXT)")
            if create:
                for table in _RETIRED:
                    connection.execute(f"DROP TABLE IF EXISTS {table}")
    except (OSError, sqlite3.Error):
        _discard_broken(path, connection)
        connection = None
    if connection is None:
        yield None
        return
    try:
        yield connection
        connection.commit()
    except (OSError, sqlite3.Error):
        _discard_broken(path, connection)
    finally:
        with contextlib.suppress(sqlite3.Error):
            connection.close()


def _discard_broken(path: Path, connection: sqlite3.Connection | None) -> None:
    """A cache that cannot be read or written is thrown away: it only costs a slower build."""
    if connection is not None:
        with contextlib.suppress(sqlite3.Error):
            connection.close()
    with contextlib.suppress(OSError):
        path.unlink()


def load_table(root: Path, table: str) -> dict[str, Any]:
    """Every row of `table` whose checksum holds, decoded; {} when there is no usable cache."""
    result: dict[str, Any] = {}
    try:
        with _database(root, create=False) as db:
            if db is None:
                return {}
            for key, value, checksum in db.execute(f"SELECT key, value, checksum FROM {table}"):
                if isinstance(value, str) and _checksum(value) == checksum:
                    with contextlib.suppress(ValueError):
                        result[key] = json.loads(value)
    except (OSError, sqlite3.Error):
        return {}
    return result


def sync_table(root: Path, table: str, used: dict[str, Any], fresh: set[str]) -> None:
    """Write the rows computed by this build and drop the rows it did not use."""
    with _database(root, create=True) as db:
        if db is None:
            return
        rows = []
        for key in fresh:
            value: str | bytes = (_rendered_bytes(*used[key]) if table == MARKDOWN
                                  else json.dumps(used[key], ensure_ascii=False, sort_keys=True))
            rows.append((key, value, _checksum(value)))
        db.executemany(f"INSERT OR REPLACE INTO {table} (key, value, checksum) VALUES (?, ?, ?)", rows)
        db.execute("CREATE TEMP TABLE IF NOT EXISTS keep (key TEXT PRIMARY KEY)")
        db.execute("DELETE FROM keep")
        db.executemany("INSERT OR IGNORE INTO keep (key) VALUES (?)", ((key,) for key in used))
        db.execute(f"DELETE FROM {table} WHERE key NOT IN (SELECT key FROM keep)")


def load(root: Path) -> dict[str, tuple[str, str]]:
    """Rendered Markdown: cache key -> (HTML, folded words); rows whose checksum fails are left out."""
    result: dict[str, tuple[str, str]] = {}
    try:
        with _database(root, create=False) as db:
            if db is None:
                return {}
            for key, value, checksum in db.execute(f"SELECT key, value, checksum FROM {MARKDOWN}"):
                if isinstance(value, bytes) and _checksum(value) == checksum:
                    with contextlib.suppress(ValueError):
                        result[key] = _rendered_pair(value)
    except (OSError, sqlite3.Error):
        return {}
    return result


def _rendered_bytes(html: str, words: str) -> bytes:
    """`<length of the HTML>:<HTML><words>` in UTF-8: no JSON to parse on the way back."""
    return f"{len(html)}:{html}{words}".encode()


def _rendered_pair(value: bytes) -> tuple[str, str]:
    text = value.decode("utf-8")
    length, _, rest = text.partition(":")
    split = int(length)
    if split > len(rest):
        raise ValueError("truncated row")
    return rest[:split], rest[split:]
