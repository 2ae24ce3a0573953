"""The publisher: staging, the background linker, and what a swap leaves behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen import publish as publish_module
from sitegen.linker import link_all
from sitegen.publish import MARKER, Publisher, PublishError, Reused, publish


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != MARKER}


def digest_of(out: Path, path: str) -> str:
    import json

    return json.loads((out / MARKER).read_text(encoding="utf-8"))["files"][path]


@pytest.fixture(params=[True, False], ids=["linker", "in-process"])
def background(request, monkeypatch) -> bool:
    if not request.param:
        monkeypatch.setattr(publish_module, "_start_linker", lambda *args: None)
    return request.param


def first_output(tmp_path: Path) -> Path:
    out = tmp_path / "public"
    publish({"index.html": b"home", "vi/a/index.html": b"a", "vi/b/index.html": b"b", "feed.xml": b"feed"}, out)
    return out


def test_a_rebuild_keeps_links_replaces_changes_and_drops_what_is_gone(tmp_path: Path, background: bool):
    out = first_output(tmp_path)
    kept_inode = (out / "vi/a/index.html").stat().st_ino
    old_home = tmp_path / "old-home"
    os.link(out / "index.html", old_home)   # the previous output's file, as a reader being served holds it
    publisher = Publisher(out)
    assert (publisher.linker is not None) == background
    publisher.add("vi/a/index.html", Reused(digest_of(out, "vi/a/index.html")))
    publisher.add("feed.xml", b"feed")          # same bytes: kept
    publisher.add("index.html", b"new home")    # changed
    publisher.add("en/c/index.html", b"c")      # new, in a new folder
    written, reused = publisher.commit()
    assert (written, reused) == (2, 2)
    assert tree(out) == {"en/c/index.html": b"c", "feed.xml": b"feed", "index.html": b"new home",
                         "vi/a/index.html": b"a"}
    assert not (out / "vi" / "b").exists(), "the folder of a page that is gone goes with it"
    assert (out / "vi/a/index.html").stat().st_ino == kept_inode, "unchanged files are linked, not rewritten"
    assert old_home.read_bytes() == b"home", "a changed file replaces the link; the old file is not written into"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old-home", "public"], "no staging folder is left"


def test_a_file_deleted_from_the_previous_output_is_written_again(tmp_path: Path, background: bool):
    out = first_output(tmp_path)
    (out / "feed.xml").unlink()
    publisher = Publisher(out)
    for path, data in (("index.html", b"home"), ("vi/a/index.html", b"a"), ("vi/b/index.html", b"b"),
                       ("feed.xml", b"feed")):
        publisher.add(path, data)
    publisher.commit()
    assert (out / "feed.xml").read_bytes() == b"feed"


def test_a_reused_file_that_vanished_is_an_error_that_keeps_the_output(tmp_path: Path, background: bool):
    out = first_output(tmp_path)
    digest = digest_of(out, "vi/a/index.html")
    (out / "vi/a/index.html").unlink()
    publisher = Publisher(out)
    with pytest.raises(PublishError, match=r"vi/a/index\.html"):
        publisher.add("vi/a/index.html", Reused(digest))
        publisher.commit()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]
    assert (out / "index.html").read_bytes() == b"home"


def test_abort_stops_the_linker_and_leaves_no_trace(tmp_path: Path, background: bool):
    out = first_output(tmp_path)
    publisher = Publisher(out)
    publisher.add("index.html", b"changed")
    publisher.abort()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]
    assert tree(out)["index.html"] == b"home"


def test_the_linker_reports_what_it_could_not_link(tmp_path: Path):
    old, new = tmp_path / "old", tmp_path / "new"
    (old / "a").mkdir(parents=True)
    (old / "a" / "x.html").write_bytes(b"x")
    new.mkdir()
    assert link_all(str(old), str(new), ["a/x.html", "a/missing.html"]) == ["a/missing.html"]
    assert (new / "a" / "x.html").stat().st_ino == (old / "a" / "x.html").stat().st_ino
