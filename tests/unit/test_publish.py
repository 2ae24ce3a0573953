"""The publisher: staging, the background linker, and what a swap leaves behind."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sitegen.publish.linker import link_all
from sitegen.publish.publisher import MARKER, Publisher, PublishError, Reused, publish
from sitegen.publish.staging import Direct, Linker, choose_staging


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != MARKER}


def digest_of(out: Path, path: str) -> str:
    import json

    return json.loads((out / MARKER).read_text(encoding="utf-8"))["files"][path]


STRATEGIES = {"spare": choose_staging,
              "linker": lambda out, previous, spare, background: (Linker if previous else Direct)(out, previous),
              "in-process": lambda out, previous, spare, background: Direct(out, previous)}


@pytest.fixture(params=["spare", "linker", "in-process"])
def mode(request) -> str:
    """How the staging folder gets the previous output's files."""
    return request.param


FILES = {"index.html": b"home", "vi/a/index.html": b"a", "vi/b/index.html": b"b", "feed.xml": b"feed"}


def spare_of(out: Path) -> Path:
    return out.parent / "cache" / "spare"


def first_output(tmp_path: Path, mode: str) -> Path:
    """An output built from FILES; in "spare" mode after an older output, which is now the spare."""
    out = tmp_path / "public"
    spare = spare_of(out) if mode == "spare" else None
    if mode == "spare":
        publish({"index.html": b"older home", "vi/b/index.html": b"b", "vi/old/index.html": b"old", "x": b"x"},
                out, spare)
    publish(FILES, out, spare, staging=STRATEGIES[mode])
    assert spare_of(out).is_dir() == (mode == "spare")
    return out


def publisher_for(out: Path, mode: str) -> Publisher:
    return Publisher(out, spare=spare_of(out) if mode == "spare" else None, staging=STRATEGIES[mode])


def leftovers(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir() if p.name != "cache")


def test_a_rebuild_keeps_links_replaces_changes_and_drops_what_is_gone(tmp_path: Path, mode: str):
    out = first_output(tmp_path, mode)
    kept_inode = (out / "vi/a/index.html").stat().st_ino
    old_home = tmp_path / "old-home"
    os.link(out / "index.html", old_home)   # the previous output's file, as a reader being served holds it
    publisher = publisher_for(out, mode)
    publisher.add("vi/a/index.html", Reused(digest_of(out, "vi/a/index.html")))
    assert publisher.stage.kind == {"in-process": "direct"}.get(mode, mode)
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
    assert leftovers(tmp_path) == [".public.stat.json", "old-home", "public"], "no staging folder is left"
    if mode == "spare":
        assert tree(spare_of(out)) == FILES, "the output before is kept as the spare"


def test_a_file_deleted_from_the_previous_output_is_written_again(tmp_path: Path, mode: str):
    out = first_output(tmp_path, mode)
    (out / "feed.xml").unlink()
    publisher = publisher_for(out, mode)
    for path, data in (("index.html", b"home"), ("vi/a/index.html", b"a"), ("vi/b/index.html", b"b"),
                       ("feed.xml", b"feed")):
        publisher.add(path, data)
    publisher.commit()
    assert (out / "feed.xml").read_bytes() == b"feed"


def test_a_reused_file_that_vanished_is_an_error_that_keeps_the_output(tmp_path: Path, mode: str):
    out = first_output(tmp_path, mode)
    digest = digest_of(out, "vi/a/index.html")
    (out / "vi/a/index.html").unlink()
    publisher = publisher_for(out, mode)
    with pytest.raises(PublishError, match=r"vi/a/index\.html"):
        publisher.add("vi/a/index.html", Reused(digest))
        publisher.commit()
    assert leftovers(tmp_path) == [".public.stat.json", "public"]
    assert (out / "index.html").read_bytes() == b"home"


def test_abort_stops_the_linker_and_leaves_no_trace(tmp_path: Path, mode: str):
    out = first_output(tmp_path, mode)
    publisher = publisher_for(out, mode)
    spare_before = tree(spare_of(out)) if mode == "spare" else None
    publisher.add("index.html", b"changed")
    publisher.abort()
    assert leftovers(tmp_path) == [".public.stat.json", "public"]
    assert tree(out)["index.html"] == b"home"
    if mode == "spare":
        assert tree(spare_of(out)) == spare_before, "an aborted build gives the spare back"


def test_a_file_deleted_by_hand_from_the_spare_is_relinked(tmp_path: Path):
    out = first_output(tmp_path, "spare")
    publish(FILES, out, spare_of(out))        # the spare is now FILES too
    (spare_of(out) / "vi/a/index.html").unlink()
    publish(FILES, out, spare_of(out))
    assert tree(out) == FILES


def test_a_file_that_becomes_a_folder_and_back(tmp_path: Path):
    out = tmp_path / "public"
    spare = spare_of(out)
    publish({"a": b"file"}, out, spare)
    publish({"a/index.html": b"folder"}, out, spare)
    publish({"a": b"file again"}, out, spare)        # starts from the spare, where a is the file "file"
    assert tree(out) == {"a": b"file again"}
    publish({"a/index.html": b"folder again"}, out, spare)
    assert tree(out) == {"a/index.html": b"folder again"}


def test_a_spare_without_an_output_is_not_used(tmp_path: Path):
    out = tmp_path / "public"
    publish(FILES, out, spare_of(out))
    publish({"index.html": b"v2"}, out, spare_of(out))
    shutil.rmtree(out)
    publish({"index.html": b"v3"}, out, spare_of(out))
    assert tree(out) == {"index.html": b"v3"}


def test_the_linker_reports_what_it_could_not_link(tmp_path: Path):
    old, new = tmp_path / "old", tmp_path / "new"
    (old / "a").mkdir(parents=True)
    (old / "a" / "x.html").write_bytes(b"x")
    new.mkdir()
    assert link_all(str(old), str(new), ["a/x.html", "a/missing.html"]) == ["a/missing.html"]
    assert (new / "a" / "x.html").stat().st_ino == (old / "a" / "x.html").stat().st_ino


def test_the_survey_sorts_trusted_edited_and_foreign_entries(tmp_path: Path):
    from sitegen.publish.markers import survey

    out = tmp_path / "public"
    publish(FILES, out)
    with (out / "index.html").open("ab") as stream:
        stream.write(b"!")                              # edited in place
    (out / "feed.xml").unlink()
    (out / "feed.xml").write_bytes(b"feed")             # replaced, same bytes: a new file all the same
    (out / "vi/b/index.html").unlink()                  # deleted
    (out / "vi/a/note.txt").write_bytes(b"mine")        # foreign, in a folder of ours
    (out / "uploads").mkdir()
    (out / "uploads" / "report.pdf").write_bytes(b"%PDF")
    (out / ".DS_Store").write_bytes(b"junk")            # a file manager's: not the user's work
    found = survey(out)
    assert found.marked and set(found.trusted) == {"vi/a/index.html"}
    assert found.foreign == ["uploads/report.pdf", "vi/a/note.txt"]
    with pytest.raises(PublishError, match=r"2 file\(s\).*uploads/report\.pdf, vi/a/note\.txt"):
        publish(FILES, out)
    assert (out / "uploads" / "report.pdf").read_bytes() == b"%PDF"


def test_two_outputs_in_one_folder_can_be_published_at_once_by_one_process(tmp_path: Path):
    first, second = Publisher(tmp_path / "a"), Publisher(tmp_path / "b")   # one flock on tmp_path, shared
    first.add("index.html", b"a")
    second.add("index.html", b"b")
    assert second.commit() == (1, 0) and first.commit() == (1, 0)
    assert tree(tmp_path / "a") == {"index.html": b"a"} and tree(tmp_path / "b") == {"index.html": b"b"}


def test_a_content_error_before_the_first_file_costs_nothing(tmp_path: Path):
    out = first_output(tmp_path, "spare")
    spare_before = tree(spare_of(out))
    publisher = publisher_for(out, "spare")
    assert publisher.stage is None, "no staging folder before the first file"
    publisher.abort()
    assert tree(spare_of(out)) == spare_before and leftovers(tmp_path) == [".public.stat.json", "public"]


def test_a_symlinked_output_is_published_into_its_target(tmp_path: Path):
    target = tmp_path / "www" / "site"
    target.parent.mkdir()
    link = tmp_path / "public"
    link.symlink_to(target)
    for files in (FILES, {"index.html": b"v2"}, {"index.html": b"v3", "x/y.html": b"y"}):
        publish(files, link)
        assert link.is_symlink() and tree(target) == files
    assert sorted(p.name for p in target.parent.iterdir()) == [".site.stat.json", "site"]
