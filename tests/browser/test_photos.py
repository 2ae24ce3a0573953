"""A page with photos, as a phone gets it: WebP of the right width, no layout shift, the second photo lazy, axe clean."""

from __future__ import annotations

from tests.browser.browser_support import DESKTOP, PHONE, assert_accessible

ARTICLE = "vi/tin-tuc/le-phat-dong/"
IMAGES = """() => [...document.querySelectorAll('main picture img')].map(i => ({
  current: i.currentSrc, complete: i.complete, natural: i.naturalWidth, loading: i.loading,
  width: i.getBoundingClientRect().width, height: i.getBoundingClientRect().height}))"""


def test_a_phone_gets_a_narrow_webp_and_the_second_photo_only_when_scrolled_to(photo_site, open_page):
    page, watch = open_page(ARTICLE, PHONE, on=photo_site)
    assert_accessible(page, "vi")
    first, second = page.evaluate(IMAGES)
    assert first["current"].endswith((".480.webp", ".960.webp")) and first["natural"] > 0, first
    assert abs(first["height"] - first["width"] * 2 / 3) < 2, "the space is kept before the photo arrives"
    assert second["loading"] == "lazy"
    requested = [r.url for r in watch.responses]
    assert not any(".1600." in url for url in requested), "a phone never downloads the widest copy"
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function("[...document.querySelectorAll('main picture img')].every(i => i.complete && i.naturalWidth)")
    watch.assert_clean()


def test_a_wide_screen_gets_a_sharper_copy_and_stays_clean(photo_site, open_page):
    page, watch = open_page(ARTICLE, DESKTOP, color_scheme="dark", on=photo_site)
    assert_accessible(page, "vi")
    first = page.evaluate(IMAGES)[0]
    assert first["current"].endswith(".webp") and first["width"] <= 46 * 16 + 1
    watch.assert_clean()
