"""The preview's engine: snapshots ignore junk, saves are debounced, failed or crashing builds keep the last site."""

from __future__ import annotations

import hashlib
import shutil
import threading
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sitegen.diagnostics import Diagnostic
from sitegen.preview.engine import Preview, Watcher, snapshot, watched_paths
from sitegen.preview.http import decorate, overlay
from sitegen.recipe import BuildOptions
from tests.conftest import PROJECT, SITES

NOW = datetime(2026, 11, 26, 12, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    shutil.copytree(SITES / "mini", tmp_path / "mini")
    return tmp_path / "mini"


def options(site: Path):
    return lambda base_path: BuildOptions(source=site, now=NOW, preview=True, base_url=f"http://127.0.0.1:1{base_path}")


def test_snapshots_ignore_editor_junk(tmp_path: Path):
    (tmp_path / "a.md").write_text("x")
    before = snapshot([tmp_path])
    for junk in (".a.md.swp", "a.md~", ".DS_Store", "#a.md#"):
        (tmp_path / junk).write_text("junk")
    assert snapshot([tmp_path]) == before
    (tmp_path / "b.md").write_text("y")
    assert set(snapshot([tmp_path])) - set(before) == {str(tmp_path / "b.md")}


def test_watched_paths_cover_config_content_templates_and_static(site: Path):
    paths = watched_paths(site)   # the mini site has no templates/ of its own: watched anyway, and the theme's
    assert paths[:4] == [site / "site.toml", site / "content", site / "templates", site / "static"]
    assert PROJECT / "templates" in paths and PROJECT / "static" in paths


def test_a_burst_of_saves_is_one_rebuild(tmp_path: Path):
    calls: list[int] = []
    done = threading.Event()
    watcher = Watcher([tmp_path], lambda: (calls.append(1), done.set()), poll=0.01, quiet=0.2)
    watcher.start()
    try:
        for n in range(20):
            (tmp_path / "a.md").write_text(f"save {n}")
        assert done.wait(10)
    finally:
        watcher.stop()
        watcher.join(5)
    assert calls == [1]


def test_a_failed_rebuild_keeps_the_last_good_site(site: Path, tmp_path: Path):
    preview = Preview(site, tmp_path / "out" / "site", options(site))
    assert preview.rebuild().ok and preview.base_path == "/kontum/"
    good = digest(preview.output)
    article = site / "content/news/tap-huan.vi.md"
    article.write_text(article.read_text(encoding="utf-8").replace("2020-03-01T08:30", "2020-13-01"), encoding="utf-8")
    outcome = preview.rebuild()
    assert not outcome.ok and digest(preview.output) == good
    assert [(d.path, d.line) for d in preview.errors] == [("content/news/tap-huan.vi.md", 3)]


def test_a_crashing_build_is_reported_not_fatal(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    def broken(base_path: str) -> BuildOptions:
        raise RuntimeError("boom")

    preview = Preview(site, tmp_path / "out" / "site", broken)
    outcome = preview.rebuild()
    assert not outcome.ok and not preview.has_site
    assert preview.errors[0].message == "the build crashed: RuntimeError: boom"
    assert "RuntimeError: boom" in capsys.readouterr().err


def test_templates_are_compiled_once_across_rebuilds(site: Path, tmp_path: Path):
    preview = Preview(site, tmp_path / "out" / "site", options(site))
    preview.rebuild()
    compiled = dict(preview.template_cache.store)
    assert compiled
    preview.rebuild()
    assert preview.template_cache.store == compiled


def test_pages_get_the_client_and_while_broken_the_overlay():
    page = b"<html><head><title>x</title></head><body class='k'><main>Hi</main></body></html>"
    assert decorate(page, 8000, []) == (b"<html><head><title>x</title></head><body class='k'><main>Hi</main>"
                                        b'<script src="/livereload.js?port=8000"></script></body></html>')
    errors = [Diagnostic("content/a.vi.md", 3, 'date "x" <is> wrong', "hint & more")]
    broken = decorate(page, 8000, errors).decode()
    assert broken.index("<body class='k'>") < broken.index('id="sitegen-preview-errors"') < broken.index("<main>Hi")
    assert '<link rel="stylesheet" href="/__preview__/overlay.css"></head>' in broken
    assert '<code>content/a.vi.md:3</code> date "x" &lt;is&gt; wrong' in overlay(errors)
    assert "hint &amp; more" in overlay(errors)
