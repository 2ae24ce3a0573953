"""Slugs are ASCII, URL-safe, stable, bounded; nothing an editor writes makes the build write elsewhere
(promise 4)."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from sitegen.diagnostics import Diagnostics
from sitegen.model import Entry
from sitegen.plan.output import Output
from sitegen.plan.site import check_collisions
from sitegen.plan.urls import Urls
from sitegen.publish.publisher import PublishError, publish
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


def _article(name: str) -> Entry:
    """An article of the news section named as the editor named its file (slug from the file name)."""
    return Entry(kind="article", source_path=f"content/news/{name}.vi.md", lang="vi", section="news", name=name,
                 translation_key=f"news/{name}", slug=slugify(name) or "x", title=name, date=None, updated=None,
                 summary="", tags=(), authors=(), draft=False, weight=0, document=None, body="", body_line=1)


@PROPERTY
@given(st.lists(names, min_size=2, max_size=6, unique=True))
def test_two_sources_never_share_an_output_without_an_error(file_names: list[str]):
    """Articles whose names fold to one slug (case, tone marks) are reported, naming both files."""
    urls = Urls(mini_config())
    articles = [_article(name) for name in file_names]
    outputs = [Output(urls.entry(article), article.source_path) for article in articles]
    diags = Diagnostics()
    check_collisions(outputs, diags)
    by_slug: dict[str, list[str]] = {}
    for article in articles:
        by_slug.setdefault(article.slug, []).append(article.source_path)
    expected = sum(len(paths) - 1 for paths in by_slug.values())
    collision_errors = [d for d in diags.errors if "already uses" in d.message]
    assert len(collision_errors) == expected
    for error in collision_errors:
        sharing = by_slug[next(a.slug for a in articles if a.source_path == error.path)]
        assert error.path in sharing and any(other in error.message for other in sharing if other != error.path)
        assert urls.section("vi", "news") in error.message   # it says where both would be published


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
