"""Every page type, in both languages, at phone and desktop width: clean loads, no overflow, axe, structure."""

from __future__ import annotations

import pytest

from tests.browser.browser_support import DESKTOP, LANGS, PHONE, assert_accessible

KINDS = ("root", "home", "section", "article", "document-article", "page", "tag", "tags", "documents",
         "events", "event", "month", "search", "404")
CONTENT_KINDS = {"article", "document-article", "page", "event"}
CONTENT_BUDGET = 60_000      # a content page with everything it loads, images aside
PAGE_BUDGET = 150_000        # any page with everything it loads

def path_of(site, kind: str, lang: str) -> str:
    if kind == "root":
        return ""
    key = (kind, lang) if kind != "404" else ("404", "vi")
    assert key in site.pages, f"the project site has no {kind} page in {lang}"
    return site.pages[key]


CASES = [(kind, lang) for kind in KINDS for lang in LANGS if not (kind in ("root", "404") and lang == "en")]


@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize(("kind", "lang"), CASES, ids=[f"{k}-{lang}" for k, lang in CASES])
def test_page_type(site, open_page, kind: str, lang: str, width: str) -> None:
    """Phones are tested in light colours (then also at 320 px), desktops in dark ones: axe checks both."""
    phone = width == "phone"
    page, watch = open_page(path_of(site, kind, lang), PHONE if phone else DESKTOP,
                            color_scheme="light" if phone else "dark", expect_status=404 if kind == "404" else 200)
    assert_accessible(page, "vi" if kind in ("root", "404") else lang)
    watch.assert_clean()
    total = sum(watch.sizes().values())
    assert total < (CONTENT_BUDGET if kind in CONTENT_KINDS else PAGE_BUDGET), f"{total} bytes"
    if phone:
        page.set_viewport_size({"width": 320, "height": 640})
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"horizontal overflow at 320 px: {widths}"
