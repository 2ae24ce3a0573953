"""Every page type, in both languages, at phone and desktop width: clean loads, no overflow, axe, structure."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.browser_support import DESKTOP, LANGS, PHONE

KINDS = ("root", "home", "section", "article", "document-article", "page", "tag", "tags", "documents",
         "events", "event", "month", "search", "404")
CONTENT_KINDS = {"article", "document-article", "page", "event"}
CONTENT_BUDGET = 60_000      # a content page with everything it loads, images aside
PAGE_BUDGET = 150_000        # any page with everything it loads
AXE = Axe()

STRUCTURE = """() => {
  const focusable = document.querySelector('a[href], button:not([hidden]), input, [tabindex]:not([tabindex="-1"])');
  const described = (name) => (document.querySelector(`meta[${name}]`) || {}).content || "";
  return {
    lang: document.documentElement.lang,
    levels: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => +h.tagName[1]),
    main: document.querySelectorAll('main').length,
    banner: document.querySelectorAll('body > header').length,
    contentinfo: document.querySelectorAll('body > footer').length,
    navLabels: [...document.querySelectorAll('nav')].map(n => n.getAttribute('aria-label') || n.getAttribute('aria-labelledby')),
    skip: focusable && focusable.classList.contains('skip-link') ? focusable.getAttribute('href') : null,
    imagesWithoutAlt: [...document.images].filter(i => !i.hasAttribute('alt')).map(i => i.src),
    tablesWithoutHeaders: [...document.querySelectorAll('table')].filter(t => !t.querySelector('th')).length,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    title: document.title,
    description: described('name="description"'),
    ogLocale: described('property="og:locale"'),
  };
}"""


def path_of(site, kind: str, lang: str) -> str:
    if kind == "root":
        return ""
    key = (kind, lang) if kind != "404" else ("404", "vi")
    assert key in site.pages, f"the project site has no {kind} page in {lang}"
    return site.pages[key]


def serious(results) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:5]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


CASES = [(kind, lang) for kind in KINDS for lang in LANGS if not (kind in ("root", "404") and lang == "en")]


@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize(("kind", "lang"), CASES, ids=[f"{k}-{lang}" for k, lang in CASES])
def test_page_type(site, open_page, kind: str, lang: str, width: str) -> None:
    """Phones are tested in light colours (then also at 320 px), desktops in dark ones: axe checks both."""
    phone = width == "phone"
    page, watch = open_page(path_of(site, kind, lang), PHONE if phone else DESKTOP,
                            color_scheme="light" if phone else "dark", expect_status=404 if kind == "404" else 200)
    info = page.evaluate(STRUCTURE)
    expected_lang = "vi" if kind in ("root", "404") else lang
    assert info["lang"] == expected_lang
    assert info["scrollWidth"] <= info["innerWidth"], f"horizontal overflow: {info['scrollWidth']}px"
    assert info["levels"] and info["levels"][0] == 1 and info["levels"].count(1) == 1, info["levels"]
    for before, after in zip(info["levels"], info["levels"][1:], strict=False):
        assert after <= before + 1, f"heading level jumps from h{before} to h{after}: {info['levels']}"
    assert (info["main"], info["banner"], info["contentinfo"]) == (1, 1, 1)
    assert all(info["navLabels"]), "every navigation landmark is labelled"
    assert len(set(info["navLabels"])) == len(info["navLabels"]), "navigation labels are distinct"
    assert info["skip"] == "#main", "the skip link is the first thing to focus"
    assert not info["imagesWithoutAlt"] and not info["tablesWithoutHeaders"]
    assert info["title"] and info["description"] and info["ogLocale"]
    violations = serious(AXE.run(page))
    assert not violations, "\n".join(violations)
    watch.assert_clean()
    total = sum(watch.sizes().values())
    assert total < (CONTENT_BUDGET if kind in CONTENT_KINDS else PAGE_BUDGET), f"{total} bytes"
    if phone:
        page.set_viewport_size({"width": 320, "height": 640})
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"horizontal overflow at 320 px: {widths}"
