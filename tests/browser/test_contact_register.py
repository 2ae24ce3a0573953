"""The contact page and the document register in Chromium at 390 px (and the register's table at 1280 px):
clean loads, no sideways scrolling, axe-core, the contact details and every register column visible."""

from __future__ import annotations

import pytest

from tests.browser.browser_support import DESKTOP, PHONE, assert_accessible

CONTACT = {"vi": "vi/lien-he/", "en": "en/contact/"}
REGISTER = {"vi": "vi/van-ban/", "en": "en/documents/"}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("which", ["mini", "project"])
def test_the_contact_page_at_390_px(request, open_page, which: str, lang: str) -> None:
    on = request.getfixturevalue("mini_site" if which == "mini" else "site")
    page, watch = open_page(CONTACT[lang], PHONE, on=on)
    assert_accessible(page, lang)
    watch.assert_clean()
    footer = page.locator("footer.site-footer address.footer-contact")
    if which == "mini":
        block = page.locator("section.contact-details")
        assert block.is_visible()
        assert block.locator("dt").count() == 5
        assert page.locator(".contact-people li").count() == 2
        assert page.locator('.contact-details a[href="tel:02603000001"]').is_visible()
        assert footer.is_visible() and "0260 3000 001" in footer.inner_text()
    page.set_viewport_size({"width": 320, "height": 640})
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"horizontal overflow at 320 px: {widths}"


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("which", ["mini", "project"])
def test_the_register_at_390_and_1280_px(request, open_page, which: str, lang: str) -> None:
    on = request.getfixturevalue("mini_site" if which == "mini" else "site")
    page, watch = open_page(REGISTER[lang], PHONE, on=on)
    assert_accessible(page, lang)
    watch.assert_clean()
    cards = page.locator(".register-card")
    assert cards.count() >= 2 and cards.first.is_visible()
    assert not page.locator("table.register").is_visible()
    if which == "mini":
        assert cards.first.locator("dt").count() == 7   # type, number, issuer, two dates, status, full text
    page, watch = open_page(REGISTER[lang], DESKTOP, color_scheme="dark", on=on)
    assert_accessible(page, lang)
    watch.assert_clean()
    table = page.locator("table.register")
    assert table.is_visible() and not page.locator(".register-cards").is_visible()
    assert table.locator("tbody tr").count() == cards.count()
    if which == "mini":
        assert table.locator("thead th").count() == 8
