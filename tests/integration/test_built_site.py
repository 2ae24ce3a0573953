"""The built sites read back by real parsers: html5lib, feedparser, icalendar; links and hreflang."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import html5lib
import icalendar
import pytest

from tests.conftest import FIXED_NOW, PROJECT, SITES, run_cli

BASE = "https://example.org/kontum/"


def build(source: Path, out: Path, *extra: str) -> Path:
    result = run_cli("build", "--source", str(source), "--output", str(out), "--now", FIXED_NOW,
                     "--base-url", BASE, "--no-cache", *extra)
    assert result.code == 0, result.err
    return out


@pytest.fixture(scope="module")
def project_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(PROJECT, tmp_path_factory.mktemp("project") / "public")


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(SITES / "mini", tmp_path_factory.mktemp("mini") / "public")


def html_pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def parse(path: Path):
    return html5lib.parse(path.read_bytes(), treebuilder="etree", namespaceHTMLElements=False)


def page_url(root: Path, path: Path) -> str:
    rel = path.relative_to(root).as_posix()
    return BASE + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def local_file(root: Path, url: str) -> Path | None:
    """The built file a same-site URL points to, or None for other sites."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != BASE.rstrip("/").rsplit("/", 1)[0] or not parts.path.startswith("/kontum/"):
        return None
    rel = parts.path[len("/kontum/"):]
    return root / (rel + "index.html" if rel.endswith("/") or rel == "" else rel)


@pytest.mark.parametrize("site", ["project_site", "mini_site"])
def test_every_page_parses_and_every_internal_link_resolves(site: str, request: pytest.FixtureRequest):
    root: Path = request.getfixturevalue(site)
    ids_cache: dict[Path, set[str]] = {}
    broken = []
    for path in html_pages(root):
        doc = parse(path)
        assert doc.find(".//html") is not None or doc.tag == "html"
        assert len(doc.findall(".//h1")) == 1, f"{path}: one h1"
        for element in doc.iter():
            target = element.get("href") if element.tag in ("a", "link") else element.get("src")
            if not target or element.get("rel") in ("canonical",):
                continue
            url = urljoin(page_url(root, path), target)
            file = local_file(root, url)
            if file is None:
                continue
            if not file.is_file():
                broken.append(f"{path.relative_to(root)} -> {target}")
                continue
            fragment = urlsplit(url).fragment
            if fragment and file.suffix == ".html":
                ids = ids_cache.setdefault(file, {e.get("id") for e in parse(file).iter() if e.get("id")})
                if fragment not in ids:
                    broken.append(f"{path.relative_to(root)} -> {target} (no such anchor)")
    assert not broken, "\n".join(broken[:20])


@pytest.mark.parametrize("site", ["project_site", "mini_site"])
def test_every_page_is_reachable_from_the_root(site: str, request: pytest.FixtureRequest):
    root: Path = request.getfixturevalue(site)
    seen: set[Path] = set()
    queue = [root / "index.html"]
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        for element in parse(path).iter("a"):
            href = element.get("href")
            file = local_file(root, urljoin(page_url(root, path), href)) if href else None
            if file and file.suffix == ".html" and file.is_file():
                queue.append(file)
    unreachable = [p.relative_to(root).as_posix() for p in html_pages(root) if p not in seen and p.name != "404.html"]
    assert not unreachable, unreachable[:20]


@pytest.mark.parametrize("site", ["project_site", "mini_site"])
def test_hreflang_alternates_are_reciprocal_and_exist(site: str, request: pytest.FixtureRequest):
    root: Path = request.getfixturevalue(site)
    alternates: dict[str, dict[str, str]] = {}
    for path in html_pages(root):
        links = {e.get("hreflang"): e.get("href") for e in parse(path).iter("link")
                 if e.get("rel") == "alternate" and e.get("hreflang")}
        if links and path != root / "index.html":   # the root copy of the home page: canonical is /vi/
            alternates[page_url(root, path)] = links
    assert alternates
    for url, links in alternates.items():
        assert url in links.values(), f"{url} lists itself"
        assert "x-default" in links
        for lang, other in links.items():
            assert local_file(root, other).is_file(), f"{url} -> {other}"
            if lang != "x-default":
                assert alternates[other][lang] == other and url in alternates[other].values(), (url, other)


def test_html_lang_matches_the_url_prefix(project_site: Path):
    for path in html_pages(project_site):
        rel = path.relative_to(project_site).as_posix()
        lang = parse(path).get("lang") or parse(path).find(".//html").get("lang")
        expected = "en" if rel.startswith("en/") else "vi"
        assert lang == expected, rel


@pytest.mark.parametrize("site", ["project_site", "mini_site"])
def test_every_feed_parses_and_links_to_built_pages(site: str, request: pytest.FixtureRequest):
    root: Path = request.getfixturevalue(site)
    feeds = sorted(root.rglob("rss.xml"))
    assert feeds
    for path in feeds:
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
        assert feed.version == "rss20"
        lang = path.relative_to(root).parts[0]
        assert feed.feed.language == lang
        for entry in feed.entries:
            assert local_file(root, entry.link).is_file(), entry.link


def test_feed_dates_and_build_date_are_reproducible(mini_site: Path):
    feed = feedparser.parse((mini_site / "vi" / "rss.xml").read_bytes())
    titles = [e.title for e in feed.entries]
    assert titles == ["Tập huấn đổi mới sáng tạo", "Khai trương cổng thông tin", "Kế hoạch số 06/KH-SKHCN",
                      "Quyết định số 844/QĐ-TTg phê duyệt Đề án hỗ trợ hệ sinh thái khởi nghiệp"]
    raw = (mini_site / "vi" / "rss.xml").read_text(encoding="utf-8")
    assert "<lastBuildDate>Sun, 01 Mar 2020 08:30:00 +0700</lastBuildDate>" in raw
    assert "Bản nháp" not in raw and "Bài hẹn giờ" not in raw


def test_pages_announce_their_feeds(mini_site: Path):
    page = parse(mini_site / "en" / "news" / "index.html")
    feeds = [e.get("href") for e in page.iter("link") if e.get("type") == "application/rss+xml"]
    assert feeds == ["/kontum/en/news/rss.xml", "/kontum/en/rss.xml"]


def calendar_events(path: Path) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]).split("@")[0]: e for e in cal.walk("VEVENT")}


def test_ics_bar_all_day_timed_and_cancelled(mini_site: Path):
    events = calendar_events(mini_site / "vi" / "su-kien" / "lich" / "cuoc-thi.ics")
    launch = events["phat-dong"]
    assert launch.decoded("DTSTART") == date(2020, 5, 1)
    assert launch.decoded("DTEND") == date(2020, 7, 1)   # inclusive 2020-06-30 -> exclusive next day
    training = events["tap-huan-thuyet-trinh"]
    assert training.decoded("DTSTART").astimezone(timezone.utc) == datetime(2020, 7, 20, 1, 0, tzinfo=timezone.utc)
    assert training["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert str(events["trien-lam"]["STATUS"]) == "CANCELLED"
    assert str(training["SUMMARY"]) == "Tập huấn kỹ năng thuyết trình, xây dựng kế hoạch; kết nối cố vấn"
    assert str(training["URL"]) == "https://example.org/dang-ky"


def test_ics_text_is_escaped_folded_and_crlf(mini_site: Path):
    raw = (mini_site / "vi" / "su-kien" / "lich" / "cuoc-thi.ics").read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert "thuyết trình\\, xây dựng kế hoạch\\; kết nối".encode() in raw.replace(b"\r\n ", b"")
    assert b"BEGIN:VTIMEZONE" in raw and b"TZID:Asia/Ho_Chi_Minh" in raw
    assert re.search(rb"DTSTAMP:\d{8}T\d{6}Z", raw)


def test_english_calendar_falls_back_visibly(mini_site: Path):
    events = calendar_events(mini_site / "en" / "events" / "calendars" / "cuoc-thi.ics")
    assert str(events["trien-lam"]["SUMMARY"]) == "Triển lãm sản phẩm"
    page = (mini_site / "en" / "events" / "trien-lam" / "index.html").read_text(encoding="utf-8")
    assert '<h1 lang="vi">Triển lãm sản phẩm</h1>' in page
    assert "Cancelled" in page


def test_events_list_puts_upcoming_before_past(mini_site: Path):
    page = (mini_site / "en" / "events" / "index.html").read_text(encoding="utf-8")
    assert page.index("Awards") < page.index("Competition launch")
    assert page.index('id="ev-upcoming"') < page.index("Awards") < page.index('id="ev-past"')


def test_sitemap_and_robots(mini_site: Path):
    sitemap = (mini_site / "sitemap.xml").read_text(encoding="utf-8")
    assert '<loc>https://example.org/kontum/vi/tin-tuc/khai-truong/</loc>' in sitemap
    assert 'hreflang="en" href="https://example.org/kontum/en/news/portal-opens/"' in sitemap
    assert "404.html" not in sitemap
    assert (mini_site / "robots.txt").read_text() == "User-agent: *\nAllow: /\n\nSitemap: https://example.org/kontum/sitemap.xml\n"


def test_untranslated_article_is_listed_not_linked_to_nowhere(mini_site: Path):
    page = (mini_site / "en" / "news" / "index.html").read_text(encoding="utf-8")
    assert 'href="/kontum/vi/tin-tuc/tap-huan-doi-moi-sang-tao/"' not in page  # slug from file name, not title
    assert 'href="/kontum/vi/tin-tuc/tap-huan/" hreflang="vi" lang="vi"' in page
    vi_only = (mini_site / "vi" / "tin-tuc" / "tap-huan" / "index.html").read_text(encoding="utf-8")
    assert 'href="/kontum/en/news/" hreflang="en" lang="en" rel="alternate" data-untranslated="true"' in vi_only
    assert 'hreflang="en" href=' not in vi_only


def test_vietnamese_dates_and_nfc_titles(mini_site: Path):
    page = (mini_site / "vi" / "tin-tuc" / "tap-huan" / "index.html").read_text(encoding="utf-8")
    assert "ngày 01 tháng 03 năm 2020" in page
    assert "<h1>Tập huấn đổi mới sáng tạo</h1>" in page   # NFD title normalised to NFC


def test_yaml_keeps_editor_text(mini_site: Path):
    page = (mini_site / "vi" / "tin-tuc" / "khai-truong" / "index.html").read_text(encoding="utf-8")
    assert ">NO</a>" in page and "10:30 sáng nay" in page


def test_document_register_and_table(mini_site: Path):
    register = (mini_site / "vi" / "van-ban" / "index.html").read_text(encoding="utf-8")
    assert "06/KH-SKHCN" in register and 'href="/kontum/documents/06-KH-SKHCN.pdf"' in register
    article = (mini_site / "vi" / "chinh-sach" / "ke-hoach" / "index.html").read_text(encoding="utf-8")
    assert "Cơ quan ban hành" in article and "05/02/2020" in article


def test_root_serves_the_vietnamese_home(mini_site: Path):
    root = (mini_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in root
    assert '<link rel="canonical" href="https://example.org/kontum/vi/">' in root


def test_no_english_interface_words_on_vietnamese_pages(project_site: Path):
    english = re.compile(r">\s*(Home|Search|Events|Documents|Published|Tags|Next page|Previous page)\s*<")
    for path in (project_site / "vi").rglob("*.html"):
        assert not english.search(path.read_text(encoding="utf-8")), path
