"""The output checker: links and anchors resolved against the generated files, feeds and calendars read back."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from sitegen.commands.check import format_text, run_check
from sitegen.diagnostics import Diagnostics
from sitegen.load.config import load_config
from sitegen.messages import Msg
from sitegen.recipe import BuildOptions
from sitegen.verify.links import SiteChecker, Target, ics_problem, json_problem, parse_page, xml_problem
from tests.conftest import SITES

CONFIG = load_config(SITES / "mini", Diagnostics())   # base_url https://example.org/kontum/
RSS = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://example.org/</link>'
       b"<description>D</description><item><title>A</title></item></channel></rss>")


def page(body: str) -> bytes:
    return f"<!DOCTYPE html><html><body>{body}</body></html>".encode()


def checker(files: dict[str, bytes], sources: dict[str, str] | None = None, root: Path = SITES / "mini"):
    diags = Diagnostics()
    assert CONFIG is not None
    return SiteChecker(files, sources or {}, CONFIG, root, diags), diags


def test_parse_page_collects_ids_links_and_their_text():
    parsed = parse_page('<h2 id="muc-dich">Mục đích</h2><a name="old"></a><a href="/kontum/vi/">Trang <b>chủ</b></a>'
                        '<img src="a.png" alt="Sơ đồ"><link rel="stylesheet" href="/kontum/css/x.css">')
    assert parsed.ids == {"muc-dich", "old"}
    assert [(link.value, link.text) for link in parsed.links] == [
        ("/kontum/vi/", "Trang chủ"), ("a.png", "Sơ đồ"), ("/kontum/css/x.css", "")]


@pytest.mark.parametrize(("value", "expected"), [
    ("/kontum/vi/", Target("vi/index.html")),
    ("/kontum/vi/tin-tuc/a/#muc", Target("vi/tin-tuc/a/index.html", "muc")),
    ("https://example.org/kontum/en/", Target("en/index.html")),
    ("../", Target("vi/index.html")),
    ("anh%20mot.png", Target("vi/tin-tuc/anh mot.png")),
    ("#top", Target("vi/tin-tuc/index.html", "top")),
    ("/vi/", Target(problem=Msg("linkcheck-outside", base="/kontum/"))),
    ("../../../x", Target(problem=Msg("linkcheck-above-root"))),
])
def test_links_resolve_against_the_page_and_the_base_path(value: str, expected: Target):
    check, _ = checker({})
    assert check.resolve("vi/tin-tuc/index.html", value) == expected


@pytest.mark.parametrize("value", ["https://other.org/", "mailto:a@b.vn", "//cdn.example/x.js", "tel:+84", ""])
def test_links_that_leave_the_site_are_not_followed(value: str):
    check, _ = checker({})
    assert check.resolve("vi/index.html", value) is None


def test_broken_links_and_anchors_are_errors_against_the_source():
    files = {"vi/index.html": page('<a href="/kontum/vi/a/">ok</a> <a href="/kontum/vi/a">folder</a> '
                                   '<a href="/kontum/vi/a/#muc-dich">ok</a> <a href="/kontum/vi/b/">gone</a> '
                                   '<a href="/kontum/vi/a/#khong">bad anchor</a> <a href="#top">top</a>'),
             "vi/a/index.html": page('<h2 id="muc-dich">Mục đích</h2>')}
    check, diags = checker(files, {"vi/index.html": "content/_index.vi.md"})
    counts = check.run()
    assert counts == {"pages": 2, "links": 6, "feeds": 0, "calendars": 0}
    assert [(d.path, d.message) for d in diags.errors] == [
        ("content/_index.vi.md",
         'link "/kontum/vi/a/#khong" on /kontum/vi/ leads to a page that has no anchor "#khong"'),
        ("content/_index.vi.md", 'link "/kontum/vi/b/" on /kontum/vi/ leads to no page or file of the site')]


def test_the_same_broken_link_on_many_pages_is_one_message(tmp_path: Path):
    files = {f"vi/{n}/index.html": page('<a href="/kontum/vi/khong/">x</a>') for n in "abc"}
    check, diags = checker(files, dict.fromkeys(files, "templates/base.html"), tmp_path)
    check.run()
    [error] = diags.errors
    assert error.message == ('link "/kontum/vi/khong/" on /kontum/vi/a/ (and 2 more page(s)) '
                             "leads to no page or file of the site")


def test_the_line_is_found_by_the_link_or_its_text(tmp_path: Path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content/a.vi.md").write_text("---\ntitle: A\n---\nMột [liên kết hỏng](../b.vi.md).\n\n"
                                              "Ảnh: ![sơ đồ](/documents/x.pdf)\nXem [mục](#khong-co).\n")
    check, _ = checker({}, root=tmp_path)
    assert check.line_in_source("content/a.vi.md", "/kontum/vi/b/", "liên kết hỏng") == 4
    assert check.line_in_source("content/a.vi.md", "/kontum/documents/x.pdf", "") == 6
    assert check.line_in_source("content/a.vi.md", "/kontum/vi/a/#khong-co", "") == 7
    assert check.line_in_source("content/a.vi.md", "/kontum/vi/c/", "") == 0
    assert check.line_in_source("content/", "/kontum/vi/b/", "liên kết hỏng") == 0


def test_feeds_are_read_back():
    assert xml_problem("vi/rss.xml", RSS) == ""
    assert xml_problem("vi/rss.xml", RSS.replace(b"</channel>", b"")).startswith("not well-formed XML (mismatched tag")
    assert xml_problem("vi/rss.xml", b"<feed/>") == 'not an RSS 2.0 document (<rss version="2.0"><channel>)'
    no_link = RSS.replace(b"<link>https://example.org/</link>", b"")
    assert xml_problem("vi/rss.xml", no_link) == "the channel has no <link>"


def calendar(**event_fields: object) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//test//")
    cal.add("version", "2.0")
    event = icalendar.Event()
    for key, value in event_fields.items():
        event.add(key, value)
    cal.add_component(event)
    return cal.to_ical()


def test_calendars_are_read_back():
    when = datetime(2020, 1, 1, tzinfo=timezone.utc)
    good = calendar(uid="a@x", dtstamp=when, dtstart=when, summary="x" * 200)
    assert ics_problem(good) == ""
    assert ics_problem(good.replace(b"\r\n", b"\n")) == "lines must end with CRLF (RFC 5545 3.1)"
    assert ics_problem(calendar(uid="a@x", dtstart=when)) == "event a@x has no DTSTAMP"
    long_line = b"BEGIN:VCALENDAR\r\nX-LONG:" + b"y" * 80 + b"\r\nEND:VCALENDAR\r\n"
    assert ics_problem(long_line) == "a line is longer than 75 octets and not folded (RFC 5545 3.1)"


def test_broken_generated_files_are_reported_against_their_source():
    files = {"vi/rss.xml": b"<rss", "en/events/lich/all.ics": b"BEGIN:VEVENT\r\n", "vi/tim-kiem/index.json": b"{"}
    check, diags = checker(files, {"vi/rss.xml": "content/"})
    assert check.run()["feeds"] == 1
    assert [(d.path, d.message.split(":")[0]) for d in diags.errors] == [
        ("content/", "generated file /kontum/en/events/lich/all.ics is broken"),
        ("content/", "generated file /kontum/vi/rss.xml is broken"),
        ("content/", "generated file /kontum/vi/tim-kiem/index.json is broken")]
    assert json_problem(b"[]") == ""


def test_run_check_on_the_mini_site_finds_nothing_broken():
    options = BuildOptions(source=SITES / "mini", now=datetime(2026, 11, 26, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
    report = run_check(options)
    assert report.built and report.errors == [] and report.counts["pages"] > 20
    assert [g.file for g in report.translations] == ["content/news/tap-huan.en.md"]
    assert "0 error(s), 0 warning(s)" in format_text(report)
