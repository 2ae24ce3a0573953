"""The desk writes files as a person writes them: field order and quoting of `new`, typed text, NFC,
nested lists Python-Markdown nests, calendars that round-trip."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from zoneinfo import ZoneInfo

from sitegen.diagnostics import Diagnostics
from sitegen.load.config import load_config
from sitegen.load.content import load_entry
from sitegen.load.markdown import render_one
from sitegen.preview.desk import calendar, writer
from tests.conftest import SITES

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
LANGS = ("vi", "en")

# What Decap 3.16 sends for an article (its YAML serializer, its remark serializer): keys in the form's order
DECAP_RAW = """---
title: Hội thảo khởi nghiệp
date: 2026-11-20T01:30:00.000Z
summary: 'Họp: 10:30 sáng'
tags:
  - NO
  - khởi nghiệp
authors: []
draft: false
slug: ''
document:
  number: ''
  issuer: ''
body_extra: ''
updated: ''
---

Đoạn một.

* mục một

  * mục con
  * mục con hai
* mục hai

Dòng một\\
dòng hai
"""


def test_an_article_from_the_desk_is_written_in_the_guides_form():
    text = writer.article_text(writer.parse(DECAP_RAW, "content/news/x.vi.md"), TZ)
    assert text == """---
title: "Hội thảo khởi nghiệp"
date: 2026-11-20T08:30
summary: "Họp: 10:30 sáng"
tags: ["NO", "khởi nghiệp"]
---
Đoạn một.

* mục một

    * mục con
    * mục con hai
* mục hai

Dòng một{BREAK}
dòng hai
""".replace("{BREAK}", "  ")


def test_what_the_desk_writes_loads_with_the_same_values(tmp_path: Path):
    site = tmp_path / "site"
    (site / "content/news").mkdir(parents=True)
    (site / "site.toml").write_text((SITES / "mini/site.toml").read_text("utf-8"), "utf-8")
    path = site / "content/news/x.vi.md"
    path.write_text(writer.article_text(writer.parse(DECAP_RAW, "content/news/x.vi.md"), TZ), "utf-8")
    diags = Diagnostics()
    config = load_config(site, diags)
    entry = load_entry(path, site, "article", "news", config, diags)
    assert not diags.errors and entry is not None
    assert entry.tags == ("NO", "khởi nghiệp") and entry.summary == "Họp: 10:30 sáng"
    assert entry.date.isoformat() == "2026-11-20T08:30:00+07:00" and not entry.draft


def test_nested_lists_line_breaks_and_tables_render_as_the_desk_showed_them():
    desk = "- a\n  - b\n    - c\n- d\n\n1. one\n   1. nested\n\nx  \ny\n\n| A | B |\n| - | - |\n| 1 | 2 |\n"
    assert "<li>a<ul>" not in render_one(desk, trusted=False)   # as the desk writes it, Python-Markdown flattens it
    html = render_one(writer.normalise_body(desk), trusted=False)
    assert "<li>a<ul>\n<li>b<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>\n</li>\n<li>d</li>" in html
    assert "<li>one<ol>\n<li>nested</li>" in html
    assert "x<br />\ny" in html or "x<br>\ny" in html
    assert "<br" in render_one(writer.normalise_body("x\\\ny\n"), trusted=False)     # the desk's break
    assert "<br" not in render_one("x\\\ny\n", trusted=False)
    assert "<table>" in html and "<td>1</td>" in html


def test_code_and_text_outside_lists_are_left_alone():
    text = "Para\n  indented text\n\n```\n  - not a list\n```\n"
    assert writer.indent_nested_lists(text) == text


def test_text_is_nfc_and_lf():
    decomposed = unicodedata.normalize("NFD", "---\r\ntitle: Đổi mới\r\n---\r\nNội dung\r\n")
    text = writer.article_text(writer.parse(decomposed, "x.vi.md"), TZ)
    assert text == '---\ntitle: "Đổi mới"\n---\nNội dung\n' and unicodedata.is_normalized("NFC", text)


def test_dates_are_written_in_the_site_time_zone():
    assert writer.when_text("2020-05-01T01:00:00.000Z", TZ) == "2020-05-01T08:00"
    assert writer.when_text("2020-05-01T00:00", TZ) == "2020-05-01"
    assert writer.when_text("2020-05-01", TZ) == "2020-05-01"
    assert writer.when_text("2020-13-01", TZ) == "2020-13-01"   # kept: the build names the line


def test_an_english_half_left_empty_is_recognised():
    shared_only = "---\ndate: 2026-11-20T08:30\ndraft: false\n---\n"
    assert writer.is_empty_translation(writer.parse(shared_only, "x.en.md"))
    assert not writer.is_empty_translation(writer.parse('---\ntitle: "News"\n---\n', "x.en.md"))
    assert not writer.is_empty_translation(writer.parse("---\n---\nIntro text\n", "_index.en.md"), intro=True)


def test_a_calendar_round_trips_through_the_desk_view():
    original = (SITES / "mini/content/events/cuoc-thi.yaml").read_text("utf-8")
    view = calendar.desk_view(original, "content/events/cuoc-thi.yaml", LANGS)
    assert '"title": {\n    "vi": "Cuộc thi khởi nghiệp 2020",\n    "en": "Startup competition 2020"' in view
    written = calendar.calendar_text(view, "content/events/cuoc-thi.yaml", LANGS, TZ)
    assert 'location: "Hội trường Sở Khoa học và Công nghệ, Kon Tum"' in written   # one string for both stays one
    assert 'title: {vi: "Triển lãm sản phẩm"}' in written                          # English left out stays out
    assert "start: 2027-01-10T14:00\n" in written and "status: cancelled" in written
    again = calendar.calendar_text(calendar.desk_view(written, "x.yaml", LANGS), "x.yaml", LANGS, TZ)
    assert again == written
