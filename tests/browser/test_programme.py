"""The programme's pages in Chromium at 390 px (and 320 px): axe-clean, no sideways scrolling, readable without JS."""

from __future__ import annotations

import pytest

from tests.browser.browser_support import DESKTOP, PHONE, assert_accessible

PAGES = [("vi", "vi/chuong-trinh/ke-hoach-2020/"), ("en", "en/programme/ke-hoach-2020/"), ("vi", "vi/to-chuc/"),
         ("en", "en/organisations/"), ("vi", "vi/chuong-trinh/"), ("en", "en/programme/ke-hoach-2020/competition/"),
         ("en", "en/"), ("vi", "vi/tin-tuc/khai-truong/")]


@pytest.mark.parametrize(("lang", "path"), PAGES, ids=[p for _, p in PAGES])
def test_programme_page_on_a_phone(mini_site, open_page, lang: str, path: str) -> None:
    page, watch = open_page(path, PHONE, on=mini_site)
    assert_accessible(page, lang)
    watch.assert_clean()
    page.set_viewport_size({"width": 320, "height": 640})
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"horizontal overflow at 320 px: {widths}"


def test_plan_page_in_dark_colours_on_a_desktop(mini_site, open_page) -> None:
    page, watch = open_page("en/programme/ke-hoach-2020/", DESKTOP, color_scheme="dark", on=mini_site)
    assert_accessible(page, "en")
    watch.assert_clean()


def test_the_timeline_and_overdue_tasks_read_without_javascript(mini_site, open_page) -> None:
    page, watch = open_page("en/programme/ke-hoach-2020/", PHONE, javascript=False, on=mini_site)
    note = page.locator("#dao-tao .overdue-note")
    assert note.is_visible() and "no result reported" in note.inner_text()
    cells = page.locator("table.timeline td.tl-on")
    assert cells.count() == 12 + 5 + 3 + 1   # the year, May to September, Q2, 31 December
    region = page.locator(".table-scroll").nth(1)
    assert region.evaluate("e => e.scrollWidth > e.clientWidth")   # the table scrolls inside its box, not the page
    watch.assert_clean()
