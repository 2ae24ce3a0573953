"""The persistent cache: rows round-trip, damaged rows and files are dropped, never served."""

import sqlite3
from pathlib import Path

from sitegen.incremental import cache
from sitegen.load.markdown import Rendered


def body(html: str, words: str, lead: str = "", local: bool = False) -> Rendered:
    return Rendered(html, words, lead, local)


def test_round_trip_and_pruning(tmp_path: Path):
    rows = {"a": body("<p>a</p>", "a", "a", True), "b": body("<p>ä</p>", "a", "ä")}
    cache.sync_table(tmp_path, cache.MARKDOWN, rows, {"a", "b"})
    assert cache.load(tmp_path) == {"a": Rendered(None, "a", "a", True), "b": Rendered(None, "a", "ä", False)}
    assert cache.read_bodies(tmp_path, ["a", "b", "missing"]) == {"a": "<p>a</p>", "b": "<p>ä</p>"}
    cache.sync_table(tmp_path, cache.MARKDOWN, {"b": rows["b"]}, set())
    assert cache.load(tmp_path) == {"b": Rendered(None, "a", "ä", False)}
    assert cache.read_bodies(tmp_path, ["a", "b"]) == {"b": "<p>ä</p>"}, "a body goes with its text row"


def test_a_damaged_row_is_not_served(tmp_path: Path):
    cache.sync_table(tmp_path, cache.MARKDOWN, {"a": body("<p>a</p>", "a")}, {"a"})
    with sqlite3.connect(tmp_path / cache.CACHE_DIR / cache.DATABASE) as db:
        db.execute(f"UPDATE {cache.MARKDOWN} SET value = ? WHERE key = 'a'", (b"0:0:<script>x",))
        db.execute(f"UPDATE {cache.BODIES} SET value = ? WHERE key = 'a'", (b"<script>",))
    assert cache.load(tmp_path) == {}
    assert cache.read_bodies(tmp_path, ["a"]) == {}


def test_a_truncated_row_is_not_served_even_with_its_checksum(tmp_path: Path):
    cache.sync_table(tmp_path, cache.MARKDOWN, {"a": body("<p>a</p>", "a")}, {"a"})
    short = b"99:0:lead"
    with sqlite3.connect(tmp_path / cache.CACHE_DIR / cache.DATABASE) as db:
        db.execute(f"UPDATE {cache.MARKDOWN} SET value = ?, checksum = ? WHERE key = 'a'",
                   (short, cache._checksum(short)))
    assert cache.load(tmp_path) == {}


def test_rows_of_retired_tables_are_dropped(tmp_path: Path):
    (tmp_path / cache.CACHE_DIR).mkdir()
    with sqlite3.connect(tmp_path / cache.CACHE_DIR / cache.DATABASE) as db:
        db.execute("CREATE TABLE markdown (key TEXT PRIMARY KEY, value TEXT, checksum TEXT)")
    cache.sync_table(tmp_path, cache.MARKDOWN, {"a": body("<p>ä</p>", "ä")}, {"a"})
    with sqlite3.connect(tmp_path / cache.CACHE_DIR / cache.DATABASE) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "markdown" not in tables
    assert cache.load(tmp_path) == {"a": Rendered(None, "ä", "", False)}


def test_a_garbage_file_is_an_empty_cache_and_is_replaced(tmp_path: Path):
    (tmp_path / cache.CACHE_DIR).mkdir()
    (tmp_path / cache.CACHE_DIR / cache.DATABASE).write_bytes(b"not a database" * 100)
    assert cache.load(tmp_path) == {}
    cache.sync_table(tmp_path, cache.MARKDOWN, {"a": body("x", "y")}, {"a"})
    assert cache.load(tmp_path) == {"a": Rendered(None, "y", "", False)}
