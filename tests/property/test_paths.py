"""Slugs are ASCII, URL-safe, stable, bounded; nothing an editor writes makes the build write elsewhere
(promise 4)."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from sitegen.diagnostics import Diagnostics
from sitegen.plan.output import Output
from sitegen.plan.urls import Urls
from sitegen.publish.publisher import PublishError, publish
from sitegen.recipe import _check_collisions
from sitegen.text import MAX_SLUG_BYTES, slug_problem, slugify
from tests.property.support import PROPERTY, VIETNAMESE, any_text, mini_config, scratch_folder

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
OUTPUT = scratch_folder() / "public"
names = st.text(st.sampled_from(VIETNAMESE + "AZaz09 -_.!?/\\:"), min_size=1, max_size=12)


@PROPERTY
@given(any_text)
def test_slugs_are_ascii_url_safe_stable_and_bounded_or_refused(text: str):
    slug = slugify(text)
    assert slug == "" or SLUG.match(slug)
    assert slugify(slug) == slug
    assert slugify(unicodedata.normalize("NFD", text)) == slug == slugify(unicodedata.normalize("NFC", text))
    problem = slug_problem(slug)
    assert bool(problem) == (not slug or len(slug.encode()) > MAX_SLUG_BYTES or slug.split(".")[0] in
                             {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                              *(f"lpt{i}" for i in range(1, 10))})


@PROPERTY
@given(st.lists(names, min_size=2, max_size=6))
def test_two_sources_never_share_an_output_without_an_error(file_names: list[str]):
    """Articles whose names fold to one slug (case, tone marks) are reported, naming both files."""
    urls = Urls(mini_config())
    outputs = [Output(f"vi/tin-tuc/{slugify(n) or 'x'}/", f"content/news/{n}.vi.md") for n in file_names]
    diags = Diagnostics()
    _check_collisions(outputs, diags)
    distinct = {o.path for o in outputs}
    duplicates = len(outputs) - len(distinct)
    collision_errors = [d for d in diags.errors if "already uses" in d.message]
    assert len(collision_errors) == duplicates
    for error in collision_errors:
        assert error.path.startswith("content/news/") and "content/news/" in error.message
    assert urls.base_path


@PROPERTY
@given(st.dictionaries(any_text, st.binary(max_size=8), min_size=1, max_size=4))
def test_the_publisher_never_writes_outside_its_folder(files: dict[str, bytes]):
    before = {p for p in OUTPUT.parent.rglob("*")}
    try:
        publish(files, OUTPUT)
    except PublishError:
        after = {p for p in OUTPUT.parent.rglob("*")}
        assert after == before, "a refused build changed something"
        return
    written = {p.relative_to(OUTPUT).as_posix() for p in OUTPUT.rglob("*") if p.is_file()}
    assert set(files) <= written
    record = OUTPUT.parent / f".{OUTPUT.name}.stat.json"   # the files' stats, kept beside the output
    outside = {p for p in OUTPUT.parent.rglob("*") if OUTPUT not in (p, *p.parents) and p != record}
    assert outside <= before
