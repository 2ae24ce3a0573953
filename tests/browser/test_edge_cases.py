"""The mini fixture site's edge cases in the browser: untranslated articles, fallbacks, a cancelled event, aligned tables."""

from __future__ import annotations

import pytest

from tests.browser.browser_support import PHONE, assert_accessible

PAGES = {
    "en/news/": "vi",                        # lists Vietnamese-only articles, marked lang="vi"
    "vi/chinh-sach/ke-hoach/": None,         # a policy document with a file and a right-aligned table column
    "en/events/": None,                      # upcoming and past, a cancelled event
    "en/events/trien-lam/": "vi",            # cancelled, title falls back to Vietnamese
    "en/events/tap-huan-thuyet-trinh/": "vi",  # timed, location falls back, registration link
    "en/events/2020/09/": None,              # month with a cancelled event
}


@pytest.mark.parametrize("path", sorted(PAGES))
def test_edge_case_pages(mini_site, open_page, path: str) -> None:
    page, watch = open_page(path, PHONE, on=mini_site)
    assert_accessible(page, path[:2])
    if PAGES[path]:
        assert page.locator(f'main [lang="{PAGES[path]}"]').count() > 0, "text in the other language is marked"
    watch.assert_clean()


def test_untranslated_page_switches_to_the_section_and_says_so(mini_site, open_page) -> None:
    page, watch = open_page("vi/tin-tuc/tap-huan/", PHONE, on=mini_site)
    switch = page.locator(".lang-switch a[hreflang='en']")
    assert switch.get_attribute("data-untranslated") == "true"
    assert "not available in English" in switch.inner_text() or "not available in English" in switch.text_content()
    switch.click()
    page.wait_for_load_state("load")
    assert page.url == mini_site.url("en/news/")
    expect_listed = page.locator(".untranslated a[lang='vi']")
    assert expect_listed.count() >= 1, "the English listing names the article that exists only in Vietnamese"
    watch.assert_clean()
