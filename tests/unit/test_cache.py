"""The persistent cache: rows round-trip, damaged rows and files are dropped, never served."""

import sqlite3
from pathlib import Path

from sitegen import cache


def test_round_trip_and_pruning(tmp_path: Path):
    cache.sync_table(tmp_path, cache.MARKDOWN, {"a": ["<p>a</p>", "a"], "b": ["<p>b</p>", "b"]}, {"a", "b"})
    assert cache.load(tmp_path) == {"a": ("<p>a</p>", "a"), "b": ("<p>b</p>", "b")}
    cache.sync_table(tmp_path, cache.MARKDOWN, {"b": ["<p>b</p>", "b"]}, set())
    assert cache.load(tmp_path) == {"b": ("<p>b</p>", "b")}


def test_a_damaged_row_is_not_served(tmp_path: Path):
    cache.sync_table(tmp_path, cache.MARKDOWN, {"a": ["<p>a</p>", "a"]}, {"a"})
    with sqlite3.connect(tmp_path / cache.CACHE_DIR / cache.DATABASE) as db:
        db.execute(f"UPDATE {cache.MARKDOWN} SET value = ? WHERE key = 'a'", (b"9:<script>x",))
    assert cache.load(tmp_path) == {}


def test_a_truncated_row_is_not_served_even_with_its_checksum(tmp_path: Path):
    cache.sync_table(tmp_path, cache.MARKDOWN, {"a": ["<p>a</p>", "a"]}, {"a"})
    short = b"99:<p>a</p>a"
    with sqlite3.connect(tmp_path / cache.CACHE_DIR / cache.DATABASE) as db:
        db.execute(f"UPDATE {cache.MARKDOWN} SET value = ?, checksum = ? WHERE key = 'a'",
                   (short, cache._checksum(short)))
    assert cache.load(tmp_path) == {}


def test_rows_of_the_retired_markdown_table_are_dropped(tmp_path: Path):
    (tmp_path / cache.CACHE_DIR).mkdir()
    with sqlite3.connect(tmp_path / cache.CACHE_DIR / cache.DATABASE) as db:
        db.execute("CREATE TABLE markdown (key TEXT PRIMARY KEY, value TEXT, checksum TEXT)")
    cache.sync_table(tmp_path, cache.MARKDOWN, {"a": ["<p>ä</p>", "ä"]}, {"a"})
    with sqlite3.connect(tmp_path / cache.CACHE_DIR / cache.DATABASE) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "markdown" not in tables
    assert cache.load(tmp_path) == {"a": ("<p>ä</p>", "ä")}


def test_a_garbage_file_is_an_empty_cache_and_is_replaced(tmp_path: Path):
    (tmp_path / cache.CACHE_DIR).mkdir()
    (tmp_path / cache.CACHE_DIR / cache.DATABASE).write_bytes(b"not a database" * 100)
    assert cache.load(tmp_path) == {}
    cache.sync_table(tmp_path, cache.MARKDOWN, {"a": ["x", "y"]}, {"a"})
    assert cache.load(tmp_path) == {"a": ("x", "y")}
