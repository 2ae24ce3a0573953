"""Publishing a sequence of sites into one folder always leaves exactly the last one, whichever way
the staging folder started: from the spare, from the linker, or from links made in-process."""

from __future__ import annotations

import shutil

from hypothesis import given
from hypothesis import strategies as st

from sitegen.publish import publisher as publish_module
from sitegen.publish.publisher import MARKER, publish
from tests.property.support import PROPERTY, scratch_folder

ROOT = scratch_folder() / "publishing"
# Few names, so that successive sites share files, change them, drop them, and turn a file
# into a folder ("a" then "a/b") and back.
paths = st.sampled_from(["index.html", "a", "a/b", "a/c/index.html", "vi/x/index.html", "vi/x", "feed.xml"])
sites = st.dictionaries(paths, st.sampled_from([b"1", b"2", b"three"]), max_size=5).filter(
    lambda files: not any(other.startswith(path + "/") for path in files for other in files))


def tree(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MARKER}


@PROPERTY
@given(st.lists(sites, min_size=1, max_size=5), st.sampled_from(["spare", "linker", "in-process"]))
def test_the_output_is_always_exactly_the_last_site(sequence: list[dict[str, bytes]], mode: str):
    shutil.rmtree(ROOT, ignore_errors=True)
    out, spare = ROOT / "public", (ROOT / "cache" / "spare" if mode == "spare" else None)
    start_linker = publish_module._start_linker
    if mode == "in-process":
        publish_module._start_linker = lambda *args: None
    try:
        for files in sequence:
            publish(files, out, spare)
            assert tree(out) == files
            leftovers = sorted(p.name for p in ROOT.iterdir() if p.name not in ("public", "cache"))
            assert leftovers == [], "no staging folder is left"
    finally:
        publish_module._start_linker = start_linker
