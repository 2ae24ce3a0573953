"""Social and search-engine metadata of the built pages: title, description, canonical, OpenGraph, JSON-LD."""

from __future__ import annotations

import json
import re

import pytest

from tests.browser.browser_support import LANGS

JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
META = re.compile(r'<meta (?:name|property)="([^"]+)" content="([^"]*)">')


def head_of(site, path: str) -> tuple[dict[str, list[str]], list[dict], str]:
    text = (site.root / path / "index.html").read_text(encoding="utf-8")
    head = text.split("</head>", 1)[0]
    metas: dict[str, list[str]] = {}
    for name, content in META.findall(head):
        metas.setdefault(name, []).append(content)
    return metas, [json.loads(block) for block in JSONLD.findall(head)], head


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_its_own_title_and_description(site, lang: str) -> None:
    titles, descriptions = {}, {}
    for kind in ("home", "section", "article", "document-article", "page", "tag", "tags", "documents",
                 "events", "event", "month", "search"):
        metas, _, head = head_of(site, site.pages[(kind, lang)])
        titles[kind] = re.search(r"<title>(.*?)</title>", head).group(1)
        descriptions[kind] = metas["description"][0]
        assert metas["og:title"] and metas["og:description"] == metas["description"]
        assert metas["og:locale"] == [{"vi": "vi_VN", "en": "en_GB"}[lang]]
        assert f'<link rel="canonical" href="{site.origin}/kontum/{site.pages[(kind, lang)]}">' in head
    assert len(set(titles.values())) == len(titles), titles
    assert len(set(descriptions.values())) >= len(descriptions) - 1, descriptions


def test_og_locale_alternate_only_where_a_translation_exists(site) -> None:
    metas, _, _ = head_of(site, site.pages[("translated-article", "vi")])
    assert metas["og:locale:alternate"] == ["en_GB"]
    metas, _, _ = head_of(site, site.pages[("tag", "vi")])
    assert "og:locale:alternate" not in metas


def test_structured_data(site) -> None:
    _, home, _ = head_of(site, site.pages[("home", "vi")])
    assert {d["@type"] for d in home} == {"GovernmentOrganization", "WebSite"}
    website = next(d for d in home if d["@type"] == "WebSite")
    assert website["potentialAction"]["target"].endswith("/kontum/vi/tim-kiem/?q={search_term_string}")
    _, article, _ = head_of(site, site.pages[("article", "en")])
    news = next(d for d in article if d["@type"] == "NewsArticle")
    assert news["inLanguage"] == "en" and news["headline"] and news["datePublished"] and news["author"]
    assert news["publisher"]["@type"] == "GovernmentOrganization"
    _, event, _ = head_of(site, site.pages[("event", "vi")])
    assert [d["@type"] for d in event] == ["Event"]
