"""Rebuilds skip what did not change, and are byte-identical to a cold build when something did."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import FIXED_NOW, run_cli
from tests.integration.test_broken_sites import tree_digest


def build(site: Path, out: Path, now: str = FIXED_NOW, *extra: str):
    result = run_cli("build", "--source", str(site), "--output", str(out), "--now", now, "--messages", "en", *extra)
    assert result.code == 0, result.err
    return result


def test_no_change_rebuild_is_skipped_and_output_untouched(tmp_path: Path, site_copy):
    site = site_copy("mini")
    out = tmp_path / "public"
    build(site, out)
    before = tree_digest(out)
    again = build(site, out)
    assert "up to date" in again.out
    assert tree_digest(out) == before


def test_an_edit_rebuilds_and_equals_a_cold_build(tmp_path: Path, site_copy):
    site = site_copy("mini")
    out = tmp_path / "public"
    build(site, out)
    article = site / "content" / "news" / "khai-truong.vi.md"
    article.write_text(article.read_text(encoding="utf-8").replace("đầu tiên", "thứ hai"), encoding="utf-8")
    rebuilt = build(site, out)
    assert "up to date" not in rebuilt.out
    cold_site = tmp_path / "cold-site"
    shutil.copytree(site, cold_site, ignore=shutil.ignore_patterns(".cache"))
    build(cold_site, tmp_path / "cold", FIXED_NOW, "--no-cache")
    assert tree_digest(out) == tree_digest(tmp_path / "cold")
    assert "thứ hai" in (out / "vi" / "tin-tuc" / "khai-truong" / "index.html").read_text(encoding="utf-8")


def test_time_passing_an_event_rebuilds(tmp_path: Path, site_copy):
    site = site_copy("mini")
    out = tmp_path / "public"
    build(site, out, "2026-11-26T12:00:00+07:00")
    assert "up to date" in build(site, out, "2026-12-01T12:00:00+07:00").out   # nothing happens in between
    later = build(site, out, "2027-02-01T12:00:00+07:00")                      # the awards are now past
    assert "up to date" not in later.out
    page = (out / "en" / "events" / "index.html").read_text(encoding="utf-8")
    assert page.index('id="ev-past"') < page.index("Awards")


def test_a_deleted_output_file_is_rebuilt(tmp_path: Path, site_copy):
    site = site_copy("mini")
    out = tmp_path / "public"
    build(site, out)
    (out / "vi" / "rss.xml").unlink()
    assert "up to date" not in build(site, out).out
    assert (out / "vi" / "rss.xml").is_file()


def test_no_cache_always_builds(tmp_path: Path, site_copy):
    site = site_copy("mini")
    out = tmp_path / "public"
    build(site, out)
    assert "up to date" not in build(site, out, FIXED_NOW, "--no-cache").out


def test_an_edit_rerenders_only_the_pages_that_show_it(tmp_path: Path, site_copy):
    from datetime import datetime

    from sitegen.diagnostics import Diagnostics
    from sitegen.incremental.build_cache import IncrementalCache
    from sitegen.publish.publisher import Reused
    from sitegen.recipe import BuildOptions, generate

    site = site_copy("mini")
    out = tmp_path / "public"
    build(site, out)
    article = site / "content" / "news" / "khai-truong.vi.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nMột đoạn mới ở cuối bài.\n", encoding="utf-8")
    options = BuildOptions(source=site, now=datetime.fromisoformat(FIXED_NOW))
    result = generate(options, Diagnostics(), IncrementalCache(site, options.now, output=out))
    rendered = sorted(p for p, data in result.files.items() if p.endswith(".html") and not isinstance(data, Reused))
    # the article, and the pages that list it (their views carry the article's body), its neighbour in the
    # section (which shows it beside its text): nothing else
    assert rendered == ["index.html", "vi/index.html", "vi/the/khoi-nghiep/index.html", "vi/the/no/index.html",
                        "vi/tin-tuc/index.html", "vi/tin-tuc/khai-truong/index.html", "vi/tin-tuc/tap-huan/index.html"]


def test_a_changed_stylesheet_relinks_every_page(tmp_path: Path, site_copy):
    site = site_copy("mini")
    out = tmp_path / "public"
    (site / "static" / "css").mkdir(parents=True)
    (site / "static" / "css" / "site.css").write_text("body { color: black; }\n", encoding="utf-8")
    build(site, out)
    (site / "static" / "css" / "site.css").write_text("body { color: navy; }\n", encoding="utf-8")
    build(site, out)
    css = [p.name for p in (out / "css").iterdir() if p.name.startswith("site.")]
    assert len(css) == 1
    for page in out.rglob("*.html"):
        assert f"/css/{css[0]}" in page.read_text(encoding="utf-8"), page


def test_preview_rebuilds_keep_unchanged_pages_and_match_a_fresh_preview(tmp_path: Path, site_copy):
    from datetime import datetime

    from sitegen.preview.engine import Preview
    from sitegen.recipe import BuildOptions

    site = site_copy("mini")

    def options(base_path: str) -> BuildOptions:
        return BuildOptions(source=site, now=datetime.fromisoformat(FIXED_NOW), preview=True, workers=1,
                            base_url=f"http://127.0.0.1:8000{base_path}")

    preview = Preview(site, tmp_path / "served", options)
    assert preview.rebuild().ok
    article = site / "content" / "news" / "khai-truong.vi.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nMột câu mới.\n", encoding="utf-8")
    outcome = preview.rebuild()
    assert outcome.ok and outcome.changed_pages == ["vi/tin-tuc/khai-truong/index.html"]
    fresh = Preview(site, tmp_path / "fresh", options, cached=False)
    assert fresh.rebuild().ok
    assert tree_digest(tmp_path / "served") == tree_digest(tmp_path / "fresh")
