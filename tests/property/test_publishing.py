"""Publishing a sequence of sites into one folder always leaves exactly the last one, whichever way
the staging folder started (from the spare, from the linker, or from links made in-process), and
whatever was done by hand between builds to the output or the spare: files edited in place or
replaced, deleted, turned into links, added to the spare (which shares its files with the output)."""

from __future__ import annotations

import os
import shutil
import stat

from hypothesis import given
from hypothesis import strategies as st

from sitegen.publish.markers import MARKER
from sitegen.publish.publisher import publish
from sitegen.publish.staging import Direct, Linker, choose_staging
from tests.property.support import PROPERTY, scratch_folder

ROOT = scratch_folder() / "publishing"
STRATEGIES = {"spare": choose_staging,
              "linker": lambda out, previous, spare, background: (Linker if previous else Direct)(out, previous),
              "in-process": lambda out, previous, spare, background: Direct(out, previous)}
# Few names, so that successive sites share files, change them, drop them, and turn a file
# into a folder ("a" then "a/b") and back.
paths = st.sampled_from(["index.html", "a", "a/b", "a/c/index.html", "vi/x/index.html", "vi/x", "feed.xml"])
sites = st.dictionaries(paths, st.sampled_from([b"1", b"2", b"three"]), max_size=5).filter(
    lambda files: not any(other.startswith(path + "/") for path in files for other in files))
TAMPERING = ["none", "append", "replace", "delete", "link", "spare-append", "spare-extra", "spare-replace"]


def tree(folder) -> dict[str, bytes]:
    found = {}
    for path in sorted(folder.rglob("*")):
        assert not path.is_symlink(), f"a link in the output: {path}"
        if path.is_file() and path.name != MARKER:
            found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


def tamper(how: str, out, spare, pick: int) -> None:
    """Do to the output (or the spare) what a careless colleague would."""
    folder = spare if how.startswith("spare-") else out
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink() and p.name != MARKER) \
        if folder is not None and folder.is_dir() else []
    if how == "none" or not files:
        return
    victim = files[pick % len(files)]
    if how in ("append", "spare-append"):
        with victim.open("ab") as stream:   # in place: every hard link of it changes too
            stream.write(b"INJECTED")
    elif how in ("replace", "spare-replace"):
        data = victim.read_bytes()
        victim.unlink()
        victim.write_bytes(data[::-1] + b"!")   # as `sed -i` does: a new file at the same path
    elif how == "delete":
        victim.unlink()
    elif how == "link":
        victim.unlink()
        victim.symlink_to("/etc/hostname")
    elif how == "spare-extra":
        (victim.parent / "extra.html").write_bytes(b"not from any build")


@PROPERTY
@given(st.lists(st.tuples(sites, st.sampled_from(TAMPERING), st.integers(0, 10)), min_size=1, max_size=4),
       st.sampled_from(sorted(STRATEGIES)))
def test_the_output_is_always_exactly_the_last_site(sequence, mode: str):
    shutil.rmtree(ROOT, ignore_errors=True)
    out, spare = ROOT / "public", (ROOT / "cache" / "spare" if mode == "spare" else None)
    for files, how, pick in sequence:
        for tampered in (False, True):   # then the same site again, after someone's changes
            if tampered:
                tamper(how, out, spare, pick)
            publish(files, out, spare, staging=STRATEGIES[mode])
            assert tree(out) == files, f"after {how!r}" if tampered else "a new site"
            assert all(stat.S_ISREG(os.lstat(out / path).st_mode) for path in files)
            leftovers = sorted(p.name for p in ROOT.iterdir() if p.name not in ("public", "cache", ".public.stat.json"))
            assert leftovers == [], "no staging folder is left"
