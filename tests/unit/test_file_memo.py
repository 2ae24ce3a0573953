"""Input files are read again only when their (mtime, size, inode) changed, or were too fresh to trust."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sitegen.incremental.inputs import TRUST_AFTER_NS, FileMemo, hash_files


def test_unchanged_trusted_files_are_not_read_and_changed_ones_are(tmp_path: Path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text("một")
    b.write_text("hai")
    old = os.stat(a).st_mtime_ns - 2 * TRUST_AFTER_NS
    for path in (a, b):
        os.utime(path, ns=(old, old))
    memo = FileMemo()
    first = hash_files([str(a), str(b)], memo)
    assert first[str(a)] == hashlib.sha256("một".encode()).hexdigest() and memo.changed
    memo.changed = False
    memo[str(b)][3] = "remembered"   # proves the next call takes it from the memo
    assert hash_files([str(a), str(b)], memo)[str(b)] == "remembered" and not memo.changed
    b.write_text("ba")   # new size and mtime: read again
    assert hash_files([str(a), str(b)], memo)[str(b)] == hashlib.sha256(b"ba").hexdigest() and memo.changed


def test_a_file_changed_just_before_it_was_hashed_is_hashed_again(tmp_path: Path):
    a = tmp_path / "a.md"
    a.write_text("một")
    memo = FileMemo()
    hash_files([str(a)], memo)
    assert memo[str(a)][4] is False, "too fresh to trust: a same-second edit would keep its mtime"
    memo[str(a)][3] = "stale"
    assert hash_files([str(a)], memo)[str(a)] != "stale"


def test_vanished_files_leave_the_memo(tmp_path: Path):
    a = tmp_path / "a.md"
    a.write_text("x")
    memo = FileMemo()
    hash_files([str(a)], memo)
    a.unlink()
    memo.changed = False
    assert hash_files([str(a)], memo) == {} and memo == {} and memo.changed
