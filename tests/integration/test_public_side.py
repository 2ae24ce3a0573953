"""Issue 15, the public side as readers meet it: feeds read by feedparser, summaries, event status,
the month view of a 60-day event, calendar links, document numbers in headings, search dates.

Over the project's site and tests/sites/reader (a hostile title and summary, a 60-day event
running at the tests' --now, past, cancelled, postponed and upcoming events).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import html5lib
import pytest

from sitegen.text import EN_MONTHS
from sitegen.write.typography import DOCUMENT_NUMBER
from tests.conftest import FIXED_NOW, PROJECT, SITES, run_cli

BASE = "https://example.org/kontum/"
NS = "{http://www.w3.org/1999/xhtml}"
# What the editors of tests/sites/reader wrote, and what the build must make of it.
TITLES = {"vi": "Hỏi & đáp: <b>đậm</b> &amp; Quyết định số 09/QĐ-SKHCN về ngày hội",
          "en": "Q&A: <b>bold</b> &amp; Decision No. 09/QĐ-SKHCN on the startup day"}
LEADS = {"vi": "Mời bạn dự ngày hội. Xem kế hoạch mới, nhé! Hỏi mã (đáp) tại đây; thêm.",
         "en": "Come to the startup day. Read the plan now, please! Ask code (answer) here."}
EDITOR_SUMMARY = "Bản tóm tắt do biên tập viên viết, có dấu “ngoặc” & ký hiệu."
SPACE_BEFORE_PUNCTUATION = re.compile(r"\s[.,;:!?)]")


def build(source: Path, out: Path) -> Path:
    result = run_cli("build", "--source", str(source), "--output", str(out), "--now", FIXED_NOW,
                     "--base-url", BASE, "--no-cache")
    assert result.code == 0, result.err
    return out


@pytest.fixture(scope="module")
def reader_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(SITES / "reader", tmp_path_factory.mktemp("reader") / "public")


@pytest.fixture(scope="module")
def project_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(PROJECT, tmp_path_factory.mktemp("project") / "public")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def shown(value: str, kind: str) -> str:
    """The text a reader sees of a feed value: rendered when feedparser says it is HTML."""
    if "html" not in kind:
        return value
    parser = _Text()
    parser.feed(value)
    parser.close()
    return "".join(parser.parts)


def seen(detail) -> str:
    return shown(detail.value, detail.type)


def parse(path: Path):
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def local(root: Path, url: str) -> Path:
    path = urlsplit(url).path[len("/kontum/"):]
    return root / (path + "index.html" if path.endswith("/") or not path else path)


@pytest.mark.parametrize("site", ["project_site", "reader_site"])
def test_feed_channels_link_to_the_page_they_belong_to(site: str, request: pytest.FixtureRequest):
    root: Path = request.getfixturevalue(site)
    for path in sorted(root.rglob("rss.xml")):
        feed = feedparser.parse(path.read_bytes())
        link = feed.feed.link
        assert link.endswith("/") and not link.endswith("rss.xml"), f"{path}: channel link {link}"
        page = local(root, link)
        assert page.is_file(), f"{path}: {link} is not a page"
        announced = [e.get("href") for e in parse(page).iter("link") if e.get("type") == "application/rss+xml"]
        assert "/kontum/" + path.relative_to(root).as_posix() in announced, f"{link} does not announce {path}"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_feed_readers_see_what_the_editor_wrote(reader_site: Path, lang: str):
    section = "tin-tuc" if lang == "vi" else "news"
    for path in (reader_site / lang / "rss.xml", reader_site / lang / section / "rss.xml"):
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        entries = {e.link.rstrip("/").rsplit("/", 1)[-1]: e for e in feed.entries}
        item = entries["ngay-hoi" if lang == "vi" else "startup-day"]
        assert seen(item.title_detail) == TITLES[lang]
        assert seen(item.summary_detail) == LEADS[lang]
        full = item.content[0]
        assert "Chi tiết" in seen(full) if lang == "vi" else "Details" in seen(full)
        links = re.findall(r'(?:href|src)="([^"]*)"', full.value)
        assert links and all(link.startswith(("https://", "mailto:")) for link in links), links
        assert f"{BASE}{lang}/{section}/" in full.value   # the in-page anchor, made absolute
        if lang == "vi":
            assert seen(entries["tin-cu"].summary_detail) == EDITOR_SUMMARY


def test_events_feed_says_what_became_of_each_event(reader_site: Path):
    feed = feedparser.parse((reader_site / "vi" / "su-kien" / "rss.xml").read_bytes())
    status = {e.link.rstrip("/").rsplit("/", 1)[-1]: seen(e.summary_detail).rsplit(" – ", 1)[-1] for e in feed.entries}
    assert status == {"trien-lam-dai-ngay": "Đang diễn ra", "hoi-thao-2020": "Đã diễn ra", "toa-dam-huy": "Đã hủy",
                      "gap-mat-hoan": "Tạm hoãn", "le-trao-giai": "Đã diễn ra", "cuoc-gap-sap-toi": "Sắp diễn ra"}


@pytest.mark.parametrize(("lang", "expected"), [
    ("vi", {"trien-lam-dai-ngay": "Đang diễn ra", "hoi-thao-2020": "Đã diễn ra", "toa-dam-huy": "Đã hủy",
            "gap-mat-hoan": "Tạm hoãn", "cuoc-gap-sap-toi": "Sắp diễn ra"}),
    ("en", {"trien-lam-dai-ngay": "Happening now", "hoi-thao-2020": "Took place", "toa-dam-huy": "Cancelled",
            "gap-mat-hoan": "Postponed", "cuoc-gap-sap-toi": "Upcoming"})])
def test_no_past_event_is_called_scheduled(reader_site: Path, lang: str, expected: dict[str, str]):
    events = "su-kien" if lang == "vi" else "events"
    for event_id, status in expected.items():
        page = parse(reader_site / lang / events / event_id / "index.html")
        facts = {text_of(div.find("dt")): text_of(div.find("dd")) for div in page.iter("div") if div.find("dt") is not None}
        assert facts["Trạng thái" if lang == "vi" else "Status"] == status, event_id


@pytest.mark.parametrize("site", ["project_site", "reader_site"])
def test_no_page_feed_or_calendar_says_scheduled(site: str, request: pytest.FixtureRequest):
    root: Path = request.getfixturevalue(site)
    for path in [*root.rglob("*.html"), *root.rglob("*.xml"), *root.rglob("*.ics")]:
        text = path.read_text(encoding="utf-8")
        # (schema.org's "EventScheduled" is for machines, and right)
        assert "Theo kế hoạch" not in text and not re.search(r"\bScheduled\b", text), path


def _cells(month_page: Path) -> tuple[list, list]:
    """(cells of the continuing row, day cells) of a month grid."""
    table = parse(month_page).find(".//table")
    rows = table.findall("./tbody/tr")
    continuing = [td for tr in rows if tr.get("class") == "continuing-row" for td in tr.findall("td")]
    days = [td for tr in rows if tr.get("class") != "continuing-row" for td in tr.findall("td")]
    return continuing, days


def test_a_60_day_event_is_shown_once_a_month_not_in_every_day(reader_site: Path):
    for month in ("10", "11"):
        page = reader_site / "vi" / "su-kien" / "2026" / month / "index.html"
        continuing, days = _cells(page)
        assert len(continuing) == 1
        links = [a.get("href") for a in continuing[0].iter("a")]
        assert links.count("#ev-trien-lam-dai-ngay") == 1, links
        badges = [td for td in days if td.find(".//span[@class='badges']") is not None]
        # the month's short events keep their day: the talk (15 Oct, cancelled) or the ceremony (10 Nov)
        assert [text_of(td.find("span")) for td in badges] == (["15"] if month == "10" else ["10"])
    listed = parse(reader_site / "vi" / "su-kien" / "2026" / "11" / "index.html").find(".//section")
    assert "ev-trien-lam-dai-ngay" in [a.get("id") for a in listed.iter("article")]   # and in the month's list


def test_automatic_summaries_have_no_space_before_punctuation(project_site: Path, reader_site: Path):
    for root in (project_site, reader_site):
        for path in root.rglob("*.html"):
            page = parse(path)
            texts = [m.get("content") for m in page.iter("meta") if m.get("name") == "description"]
            texts += [text_of(p) for p in page.iter("p") if p.get("class") == "summary"]
            for text in texts:
                assert not SPACE_BEFORE_PUNCTUATION.search(text or ""), f"{path}: {text!r}"
        for path in root.rglob("rss.xml"):
            for entry in feedparser.parse(path.read_bytes()).entries:
                assert not SPACE_BEFORE_PUNCTUATION.search(seen(entry.summary_detail)), f"{path}: {entry.summary}"
        for path in root.rglob("d-*.json"):
            for row in json.loads(path.read_text(encoding="utf-8")):
                assert not SPACE_BEFORE_PUNCTUATION.search(row[4]), f"{path}: {row[4]!r}"
    description = [m.get("content") for m in parse(reader_site / "vi" / "tin-tuc" / "ngay-hoi" / "index.html").iter("meta")
                   if m.get("name") == "description"]
    assert description == [LEADS["vi"]]


@pytest.mark.parametrize("site", ["project_site", "reader_site"])
def test_no_heading_breaks_inside_a_document_number(site: str, request: pytest.FixtureRequest):
    root: Path = request.getfixturevalue(site)
    checked = 0
    for path in root.rglob("*.html"):
        for heading in parse(path).iter():
            if heading.tag not in ("h1", "h2", "h3", "h4"):
                continue
            kept = {text_of(span) for span in heading.iter("span") if span.get("class") == "nowrap"}
            for number in DOCUMENT_NUMBER.findall(text_of(heading)):
                assert number in kept, f"{path}: {number} in {text_of(heading)!r} may break"
                checked += 1
    assert checked, "the site has headings with document numbers"


LONG_DATES = {"vi": r"ngày \d\d tháng \d\d năm \d{4}", "en": rf"\d{{1,2}} (?:{'|'.join(EN_MONTHS)}) \d{{4}}"}


@pytest.mark.parametrize(("lang", "date"), LONG_DATES.items(), ids=list(LONG_DATES))
def test_search_results_write_dates_as_every_other_page(project_site: Path, lang: str, date: str):
    rows = [row for path in (project_site / lang).rglob("d-*.json") for row in json.loads(path.read_text("utf-8"))]
    articles = [row for row in rows if "/su-kien/" not in row[1] and "/events/" not in row[1]]
    assert articles and all(re.fullmatch(date, row[2]) for row in articles if row[2]), [r[2] for r in articles]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_calendar_links_say_what_they_do(project_site: Path, lang: str):
    events = project_site / lang / ("su-kien" if lang == "vi" else "events")
    event = parse(events / "cuoc-thi-2020-tuyen-truyen" / "index.html")
    for a in event.iter("a"):
        if (a.get("href") or "").endswith(".ics"):   # the one file to download, and it says so
            assert a.get("download") is not None
            assert text_of(a) == ("Thêm vào lịch của tôi" if lang == "vi" else "Add to my calendar")
    listing = events / "index.html"
    text = text_of(parse(listing).find(".//main"))
    for app in ("Google Calendar", "iPhone", "Outlook"):
        assert app in text
    assert "(.ics)" not in text and "(webcal)" not in text
    subscribe = [a.get("href") for a in parse(listing).iter("a") if a.get("class") == "button"]
    assert subscribe and all(href.startswith("webcal://") for href in subscribe), subscribe


def test_the_404_heading_reads_as_two_titles(project_site: Path):
    heading = parse(project_site / "404.html").find(".//h1")
    assert [text_of(heading)[:20], text_of(heading.find("span"))] == ["Không tìm thấy trang", "Page not found"]
