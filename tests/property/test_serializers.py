"""Any Unicode text survives iCalendar, RSS and HTML: parsed back to the same text, never markup (promise 9)."""

from __future__ import annotations

import dataclasses
import html
import json
import re

import feedparser
import html5lib
import icalendar
from hypothesis import assume, given
from hypothesis import strategies as st

from sitegen.diagnostics import Diagnostics
from sitegen.load.sources import _mojibake as looks_garbled
from sitegen.load.theme import theme_folders
from sitegen.memo import NoMemo
from sitegen.text import slug_problem, slugify
from sitegen.write.feeds import article_feed
from sitegen.write.html import render_all, site_globals, template_environment
from sitegen.write.ical import calendar_bytes
from tests.conftest import SITES
from tests.property.support import PROPERTY, any_text, loaded_text, mini_site, planner_with

JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
ENV = template_environment(theme_folders(SITES / "mini", "templates"))


def rfc5545_unescape(value: str) -> str:
    """TEXT as RFC 5545 §3.3.11 escapes it: \\\\ \\; \\, \\n."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def reads_as_misread_utf8(text: str) -> bool:
    """UTF-8 shown as Windows-1252 ("É¡" for "ɡ"): feedparser gives back the repaired text ("ɡ"), whatever
    the feed says. The loader refuses such text where it can tell (looks_garbled); not every short case."""
    try:
        return text.encode("cp1252").decode("utf-8") != text
    except UnicodeError:
        return False


def as_read(detail) -> str:
    """What a feed reader shows of a value: its text once rendered, when feedparser says it is HTML."""
    return html.unescape(detail.value) if "html" in detail.type else detail.value


def article(title: str, summary: str, tag: str, author: str):
    site = mini_site()
    base = next(e for e in site.entries if e.source_path == "content/news/khai-truong.vi.md")
    return dataclasses.replace(base, title=title, summary=summary, tags=(tag,), authors=(author,))


# What the loader lets through: loaded text, minus UTF-8 misread as Windows-1252 (refused with an error).
text = any_text.map(loaded_text).filter(lambda t: t and looks_garbled(t) is None)


@PROPERTY
@given(text, text, st.sampled_from(["vi", "en"]))
def test_icalendar_gives_back_the_same_text(title: str, location: str, lang: str):
    site = mini_site()
    event = dataclasses.replace(site.calendars[0].events[1], title={"vi": title, "en": title},
                                location={"vi": location, "en": location})
    planner = planner_with()
    data = calendar_bytes(title, [event], lang, planner, NoMemo())
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    parsed = icalendar.Calendar.from_ical(data)
    item = parsed.walk("VEVENT")[0]
    assert str(item["SUMMARY"]) == title
    assert str(item["LOCATION"]) == location
    assert rfc5545_unescape(str(parsed["X-WR-CALNAME"])) == title   # icalendar leaves X- properties escaped
    assert item.decoded("DTSTART") == event.start.astimezone(planner.config.tz)


@PROPERTY
@given(text, text, text)
def test_rss_gives_back_the_same_text(title: str, summary: str, tag: str):
    assume(not slug_problem(slugify(tag)))
    assume(not any(map(reads_as_misread_utf8, (title, summary, tag))))
    entry = article(title, summary, tag, "Hồng Vân")
    planner = planner_with(entries=[entry])
    parsed = feedparser.parse(article_feed(planner, "vi", None, NoMemo()))
    assert not parsed.bozo, parsed.get("bozo_exception")
    item = next(i for i in parsed.entries if i.link.endswith("/tin-tuc/khai-truong/"))
    assert as_read(item.title_detail) == title   # titles too: readers show them as HTML
    assert html.unescape(item.summary) == summary   # escaped once for the reader's HTML, never markup
    assert [t["term"] for t in item.tags] == [tag]


@PROPERTY
@given(text, text, text, text)
def test_no_generated_text_can_open_a_tag(title: str, summary: str, tag: str, author: str):
    """The article page has the same elements whatever its text; the text reads back exactly."""
    assume(not slug_problem(slugify(tag)))
    entry = article(title, summary, tag, author)
    baseline = _page(article("T", "S", "tag", "A"))
    page = _page(entry)
    ours = "nowrap"   # the span that keeps a document number ("1/2") of the title on one line
    shape = [element.tag for element in page.iter() if element.get("class") != ours]
    assert shape == [element.tag for element in baseline.iter()]
    heading = page.find(".//h1")
    assert "".join(heading.itertext()).strip() == title.strip()
    blocks = [json.loads(s.text) for s in page.iter("script") if s.get("type") == "application/ld+json"]
    assert any(title in _strings(b) for b in blocks)


def _strings(data) -> list[str]:
    """Every string value in a JSON structure."""
    if isinstance(data, str):
        return [data]
    values = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    return [text for value in values for text in _strings(value)]


def _page(entry):
    others = [e for e in mini_site().entries if e.source_path != entry.source_path]
    planner = planner_with(entries=[*others, entry])
    output = planner.entry_page(planner.views[entry.source_path])
    diags = Diagnostics()
    rendered = render_all([output], ENV, site_globals(planner, {}, False), diags)
    assert not diags.errors, diags.errors
    data = rendered[output.path]
    assert JSONLD.search(data.decode())
    return html5lib.parse(data, namespaceHTMLElements=False)


def test_the_baseline_page_is_an_article():
    page = _page(article("T", "S", "tag", "A"))
    assert page.find(".//h1") is not None
