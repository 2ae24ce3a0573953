"""What readers do: switch language and back, search with and without diacritics, read without JavaScript, print."""

from __future__ import annotations

import re
import unicodedata

from playwright.sync_api import Page, expect

from tests.browser.browser_support import DESKTOP, PHONE, PREFIX


def fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def test_language_switch_round_trip_lands_on_the_translation(site, open_page) -> None:
    start = site.pages[("translated-article", "vi")]
    page, watch = open_page(start, PHONE)
    english = page.locator('link[rel="alternate"][hreflang="en"]').get_attribute("href")
    page.locator(".lang-switch a[hreflang='en']").click()
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.url == english, "the switcher leads to the English translation, not a generic page"
    assert page.locator(".lang-switch a[hreflang='vi']").get_attribute("data-untranslated") is None
    page.locator(".lang-switch a[hreflang='vi']").click()
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.lang") == "vi"
    assert page.url == site.url(start)
    watch.assert_clean()


def search(page: Page, text: str) -> list[str]:
    """Type like a person, wait for the announcement, return the result links."""
    box = page.get_by_role("searchbox")
    box.fill("")
    box.press_sequentially(text, delay=5)
    status = page.locator("#search-status")
    expect(status).to_contain_text("“" + text + "”", timeout=10_000)
    return page.locator("#search-results li h3 a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def test_search_finds_khoi_nghiep_without_diacritics(site, open_page) -> None:
    page, watch = open_page(site.pages[("search", "vi")], PHONE)
    hrefs = search(page, "khoi nghiep")
    assert hrefs, "typing without diacritics finds Vietnamese text"
    assert all(h.startswith(PREFIX + "vi/") for h in hrefs), "results are in the page's language, under /kontum/"
    first = page.locator("#search-results li").first
    assert "khoi nghiep" in fold(first.inner_text()), "the first result is about khởi nghiệp"
    assert first.locator("time").count() == 1 and first.locator("p").count() >= 2, "title, date and snippet"
    assert page.locator("#search-status").get_attribute("aria-live") == "polite"
    watch.assert_clean()


def test_search_folds_d_with_stroke(site, open_page) -> None:
    page, watch = open_page(site.pages[("search", "vi")], PHONE)
    accented = search(page, "đổi mới")
    plain = search(page, "doi moi")
    assert accented, "đổi mới is on the site"
    assert plain == accented, "đ is folded to d: both spellings give the same results"
    assert search(page, "ĐỔI MỚI") == accented
    watch.assert_clean()


def test_search_in_english_and_by_keyboard(site, open_page) -> None:
    page, watch = open_page(site.pages[("search", "en")], DESKTOP)
    page.keyboard.press("Tab")                       # skip link first
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.get_by_role("searchbox").focus()
    page.keyboard.type("startup")
    page.keyboard.press("Enter")
    expect(page.locator("#search-status")).to_contain_text("“startup”")
    hrefs = page.locator("#search-results a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith(PREFIX + "en/") for h in hrefs)
    assert "q=startup" in page.url, "the query is kept in the address, to share or go back to"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#search-results') !== null"), "results are reachable by Tab"
    more = page.locator("#search-more")
    if more.is_visible():
        more.click()
        assert page.evaluate("document.activeElement.closest('#search-results li') !== null")
    watch.assert_clean()


def test_search_from_the_address_and_nothing_found(site, open_page) -> None:
    page, watch = open_page(site.pages[("search", "vi")] + "?q=kh%E1%BB%9Fi+nghi%E1%BB%87p", PHONE)
    expect(page.locator("#search-status")).to_contain_text("khởi nghiệp")
    assert page.locator("#search-results li").count() > 0
    search(page, "zzzqqq")
    assert page.locator("#search-results li").count() == 0
    watch.assert_clean()


def test_home_reads_fully_without_javascript(site, open_page) -> None:
    page, watch = open_page(site.pages[("home", "vi")], PHONE, javascript=False)
    source = (site.root / "vi" / "index.html").read_text(encoding="utf-8")
    teasers = page.locator("article.teaser")
    assert teasers.count() == source.count('<article class="teaser"') > 0
    for i in range(teasers.count()):
        expect(teasers.nth(i).locator("a").first).to_be_visible()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".hero .intro")).to_be_visible()
    for link in page.locator(".main-nav a").all():
        assert link.bounding_box() is not None, "every menu entry is rendered (the menu wraps, nothing is hidden)"
    expect(page.locator(".lang-switch a")).to_be_visible()
    watch.assert_clean()


def test_search_page_without_javascript_says_what_to_do(site, open_page) -> None:
    page, watch = open_page(site.pages[("search", "vi")], PHONE, javascript=False)
    expect(page.locator(".nojs-note")).to_be_visible()
    expect(page.locator("#search-more")).to_be_hidden()
    watch.assert_clean()


def test_print_button_is_an_enhancement_and_print_shows_the_article_alone(site, open_page) -> None:
    path = site.pages[("article", "vi")]
    page, _ = open_page(path, PHONE, javascript=False)
    expect(page.locator("button[data-print]")).to_be_hidden()
    page, watch = open_page(path, PHONE)
    expect(page.locator("button[data-print]")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".main-nav")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.locator("button[data-print]")).to_be_hidden()
    expect(page.locator(".print-source")).to_be_visible()
    expect(page.locator("h1")).to_be_visible()
    watch.assert_clean()


TABLE_ALIGN = {f"text-align{sep}{side}{end}" for side in ("left", "center", "right") for sep, end in ((":", ""), (": ", ";"))}


def test_no_inline_script_and_a_strict_policy(site) -> None:
    """The CSP meta forbids inline script; only JSON-LD data blocks and external same-site files remain."""
    for path in sorted(site.root.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        assert "script-src 'self';" in text, path
        for tag in text.split("<script")[1:]:
            head = tag.split(">", 1)[0]
            assert 'type="application/ld+json"' in head or ('src="' + PREFIX) in head, (path, head)
        styles = set(re.findall(r' style="([^"]*)"', text))
        assert styles <= TABLE_ALIGN, f"{path}: inline styles other than table alignment are refused: {styles}"


def test_focus_is_visible_and_the_skip_link_moves_to_the_content(site, open_page) -> None:
    page, watch = open_page(site.pages[("article", "vi")], PHONE)
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    assert skip.bounding_box()["y"] >= 0, "the skip link comes into view when focused"
    assert page.evaluate("getComputedStyle(document.activeElement).backgroundColor") == "rgb(255, 221, 0)"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    inside_main = "document.activeElement.closest('main') !== null"
    assert page.evaluate(inside_main), "after the skip link, Tab continues inside the main content"
    assert page.evaluate("getComputedStyle(document.activeElement).backgroundColor") == "rgb(255, 221, 0)"
    watch.assert_clean()
