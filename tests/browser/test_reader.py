"""Issue 15 in Chromium: where the reader is on a phone, document numbers on one line, the month of a
60-day event, the widths of a desktop, and search results that read like the rest of the site."""

from __future__ import annotations

import re

import pytest

from tests.browser.browser_support import DESKTOP, LANGS, PHONE
from tests.browser.test_behaviour import search

IN_VIEW = """() => {
  const box = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; };
  const list = document.querySelector('.main-nav ul');
  const current = document.querySelector('.main-nav a[aria-current]');
  return {current: current && box(current), links: [...list.querySelectorAll('a')].map(box),
          width: innerWidth, height: innerHeight, scroll: [list.scrollWidth, list.clientWidth]};
}"""
MENU_KINDS = ("section", "article", "events", "event", "month", "documents")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", MENU_KINDS)
def test_phone_menu_shows_where_the_reader_is_without_scrolling(site, open_page, kind: str, lang: str) -> None:
    page, watch = open_page(site.pages[(kind, lang)], PHONE)
    seen = page.evaluate(IN_VIEW)
    assert seen["current"], "the current section is marked in the menu"
    left, right, top, bottom = seen["current"]
    assert left >= 0 and right <= seen["width"] and top >= 0 and bottom <= seen["height"], seen["current"]
    assert seen["scroll"][0] <= seen["scroll"][1], "the menu does not scroll sideways"
    for box in seen["links"]:   # every section can be reached without swiping
        assert box[0] >= 0 and box[1] <= seen["width"], box
    watch.assert_clean()


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_headings_never_break_inside_a_document_number(site, open_page, width: str) -> None:
    viewport = PHONE if width == "phone" else DESKTOP
    checked = 0
    for kind in ("home", "section", "document-article", "documents"):
        page, watch = open_page(site.pages[(kind, "vi")], viewport)
        lines = page.locator(":is(h1, h2, h3) .nowrap").evaluate_all(
            "spans => spans.filter(s => s.offsetParent).map(s => [s.textContent, s.getClientRects().length])")
        assert all(count == 1 for _, count in lines), lines
        checked += len(lines)
        watch.assert_clean()
    assert checked, "the project's site has headings with document numbers"


def test_a_60_day_event_is_one_line_of_the_month_not_a_dot_in_every_day(mini_site, open_page) -> None:
    page, watch = open_page("vi/su-kien/2020/05/", DESKTOP, on=mini_site)
    assert page.locator(".month-grid tr:not(.continuing-row) td .badge").count() == 0, "no day of May draws the 61-day launch"
    continuing = page.locator(".continuing-row")
    assert continuing.is_visible() and continuing.locator("a[href='#ev-phat-dong']").count() == 1
    page, _ = open_page("vi/su-kien/2020/07/", DESKTOP, on=mini_site)
    assert page.locator(".month-grid td.has-events .badge").count() == 1, "a one-day event keeps its day"
    page, _ = open_page("vi/su-kien/2020/05/", PHONE, on=mini_site)
    assert not page.locator(".month-grid").is_visible(), "phones read the month as an agenda"
    assert page.locator("#ev-phat-dong").is_visible()
    watch.assert_clean()


def test_desktop_lists_read_at_article_width_and_articles_use_the_side(site, open_page) -> None:
    page, watch = open_page(site.pages[("section", "vi")], DESKTOP)
    widths = page.evaluate("[...document.querySelectorAll('.teaser .summary')].map(p => p.getBoundingClientRect().width)")
    page, _ = open_page(site.pages[("document-article", "vi")], DESKTOP)
    prose = page.locator(".prose").bounding_box()
    assert widths and max(widths) <= prose["width"] + 1, (widths, prose["width"])
    aside = page.locator(".article-aside").bounding_box()
    assert aside and aside["x"] >= prose["x"] + prose["width"], "the related articles sit beside the text"
    assert page.locator(".article-aside .teaser").count() >= 1
    page, _ = open_page(site.pages[("home", "vi")], DESKTOP)
    rules = page.locator(".home-section").evaluate_all(   # [top of the section, bottom of its heading's rule]
        "ss => ss.map(s => [s.getBoundingClientRect().top, s.querySelector('h2').getBoundingClientRect().bottom])")
    rows: dict[int, set[int]] = {}
    for top, bottom in rules:   # sections side by side start at the same height
        rows.setdefault(round(top), set()).add(round(bottom))
    assert len(rows) < len(rules), "sections stand side by side at 1280 px"
    assert all(len(bottoms) == 1 for bottoms in rows.values()), rules
    watch.assert_clean()


def test_search_results_write_dates_like_the_site_and_mark_phrases_whole(site, open_page) -> None:
    page, watch = open_page(site.pages[("search", "vi")], PHONE)
    search(page, "khoi nghiep")
    dates = page.locator("#search-results time").all_inner_texts()
    assert dates and all(re.fullmatch(r"ngày \d\d tháng \d\d năm \d{4}", d) for d in dates[:5]), dates[:5]
    marks = page.locator("#search-results mark").all_inner_texts()
    assert any(m.lower() == "khởi nghiệp" for m in marks), marks[:10]
    watch.assert_clean()
