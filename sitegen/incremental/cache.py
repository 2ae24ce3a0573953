"""Persistent caches in `.cache/cache.sqlite` beside site.toml: safe against crashes and corruption.

SQLite (standard library) gives atomic, journalled updates, so a build killed while
writing leaves the previous cache; each row also carries a checksum of its value, so a
damaged row is detected, dropped and recomputed, never served. A build writes only
the rows it computed and deletes the rows it no longer uses, so the cache never grows
stale. Tables: `texts` (what every build needs of each rendered Markdown body: its
folded words, lead paragraph and whether it has local links) and `bodies` (its HTML, read
only for the pages being rendered: 4,000 bodies are 27 MB), both as UTF-8 bytes rather
than JSON, keyed by the same Markdown cache key; `entries` (parsed
front matter, keyed by the file's bytes), `derived` (calendars and search indexes, keyed by
a fingerprint of their inputs: see derived.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sitegen.load.markdown import Rendered

CACHE_DIR = ".cache"
DATABASE = "cache.sqlite"
MARKDOWN = "texts"
BODIES = "bodies"
_RETIRED = ("markdown", "rendered")   # tables of earlier versions, dropped on sight
ENTRIES = "entries"
DERIVED = "derived"
_TABLES = (MARKDOWN, BODIES, ENTRIES, DERIVED)


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
    return _verified_rows(root, f"SELECT key, value, checksum FROM {table}", (), _json_row)


def _json_row(value: str | bytes) -> Any:
    if not isinstance(value, str):
        raise ValueError("not a JSON row")
    return json.loads(value)


def _verified_rows(root: Path, query: str, params: Sequence[str],
                   decode: Callable[[str | bytes], Any]) -> dict[str, Any]:
    """key -> decode(value) for each row of `query` whose checksum holds and that decodes (ValueError
    means it does not); {} when there is no usable cache."""
    result: dict[str, Any] = {}
    try:
        with _database(root, create=False) as db:
            if db is None:
                return {}
            for key, value, checksum in db.execute(query, params):
                if isinstance(value, str | bytes) and _checksum(value) == checksum:
                    with contextlib.suppress(ValueError):
                        result[key] = decode(value)
    except (OSError, sqlite3.Error):
        return {}
    return result


def sync_table(root: Path, table: str, used: dict[str, Any], fresh: set[str]) -> None:
    """Write the rows computed by this build and drop the rows it did not use."""
    with _database(root, create=True) as db:
        if db is None:
            return
        tables = (MARKDOWN, BODIES) if table == MARKDOWN else (table,)
        for name in tables:
            rows = []
            for key in fresh:
                value = _row_value(name, used[key])
                if value is not None:
                    rows.append((key, value, _checksum(value)))
            db.executemany(f"INSERT OR REPLACE INTO {name} (key, value, checksum) VALUES (?, ?, ?)", rows)
        db.execute("CREATE TEMP TABLE IF NOT EXISTS keep (key TEXT PRIMARY KEY)")
        db.execute("DELETE FROM keep")
        db.executemany("INSERT OR IGNORE INTO keep (key) VALUES (?)", ((key,) for key in used))
        for name in tables:
            db.execute(f"DELETE FROM {name} WHERE key NOT IN (SELECT key FROM keep)")


def _row_value(table: str, value: Any) -> str | bytes | None:
    if table == MARKDOWN:
        return f"{len(value.lead)}:{int(value.local_links)}:{value.lead}{value.words}".encode()
    if table == BODIES:
        return value.html.encode() if value.html is not None else None
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def load(root: Path) -> dict[str, Rendered]:
    """Rendered Markdown without its HTML: cache key -> Rendered; rows whose checksum fails are left out."""
    return _verified_rows(root, f"SELECT key, value, checksum FROM {MARKDOWN}", (), _text_row)


def _text_row(value: str | bytes) -> Rendered:
    """`<length of the lead>:<0|1>:<lead><words>`, UTF-8: no JSON to parse on the way back."""
    if not isinstance(value, bytes):
        raise ValueError("not a text row")
    text = value.decode("utf-8")
    length, local, rest = text.split(":", 2)
    split = int(length)
    if split > len(rest) or local not in ("0", "1"):
        raise ValueError("damaged row")
    return Rendered(None, rest[split:], rest[:split], local == "1")


def read_bodies(root: Path, keys: list[str]) -> dict[str, str]:
    """The HTML of these cache keys; a key whose row is missing or damaged is left out."""
    result: dict[str, str] = {}
    for start in range(0, len(keys), 500):   # SQLite limits the parameters of one query
        chunk = keys[start:start + 500]
        query = f"SELECT key, value, checksum FROM {BODIES} WHERE key IN ({','.join('?' * len(chunk))})"
        result.update(_verified_rows(root, query, chunk, _body_row))
    return result


def _body_row(value: str | bytes) -> str:
    if not isinstance(value, bytes):
        raise ValueError("not a body row")
    return value.decode("utf-8")
