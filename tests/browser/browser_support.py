"""Constants and checks shared by the browser tests and their fixtures."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PREFIX = "/kontum/"
NOW = "2026-11-26T12:00"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
LANGS = ("vi", "en")

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



def serious(results) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:5]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def assert_accessible(page: Page, lang: str) -> None:
    """Language, no sideways scrolling, one h1 and no skipped level, landmarks, skip link, alt, table headers,
    metadata, and no serious or critical axe-core violation."""
    info = page.evaluate(STRUCTURE)
    assert info["lang"] == lang
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
