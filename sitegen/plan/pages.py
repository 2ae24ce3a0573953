"""The Planner: indexes every page kind needs, and the article, section, tag and register pages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sitegen.diagnostics import Diagnostics
from sitegen.i18n import translate
from sitegen.model import Entry, Site
from sitegen.plan.contact import check_contact_page, is_contact_page
from sitegen.plan.dublincore import entry_date, newest_dates
from sitegen.plan.jsonld import legislation_jsonld, organization_jsonld
from sitegen.plan.output import Output
from sitegen.plan.register import register_columns
from sitegen.plan.related import neighbours
from sitegen.plan.urls import Urls
from sitegen.plan.views import EntryView
from sitegen.text import slugify, vi_sort_key


@dataclass
class PageMeta:
    """What the base template needs about any HTML page: identity, languages, feeds."""

    lang: str
    url_path: str
    title: str
    description: str
    alternates: dict[str, str]      # lang -> url path, only pages that exist (self included)
    switch: list[dict[str, Any]]    # language switcher entries for the other languages
    feeds: list[tuple[str, str]]    # (title, url path)
    kind: str
    og_type: str = "website"
    preview: str = ""
    jsonld: list[dict[str, Any]] = field(default_factory=list)
    noindex: bool = False
    date: str = ""                  # DC.date (YYYY-MM-DD): the page's own, else its language's newest content
    image: dict[str, Any] | None = None   # the share card (og:image): url, type, width, height, alt


def chunks(items: list[Any], size: int) -> list[list[Any]]:
    """Pages of `size` items; always at least one (possibly empty) page."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


class Planner:
    """Holds the indexes every page kind needs (by language, translations, tags) and plans pages."""

    def __init__(self, site: Site, diags: Diagnostics):
        self.site = site
        self._page_links: dict[tuple[str, int], list[tuple[int, str]]] = {}
        self.config = site.config
        self.urls = Urls(site.config)
        self.diags = diags
        self.langs = list(site.config.languages)
        self.views = {e.source_path: EntryView(e, site, self.urls) for e in site.entries}
        self.translations: dict[tuple[str, str], dict[str, Entry]] = defaultdict(dict)
        for entry in site.entries:
            self.translations[(entry.kind, entry.translation_key)][entry.lang] = entry
        articles = sorted((e for e in site.entries if e.kind == "article"),
                          key=lambda e: (-e.sort_date.timestamp(), e.source_path))
        self.articles = {lang: [self.views[e.source_path] for e in articles if e.lang == lang] for lang in self.langs}
        self.pages = {lang: sorted((self.views[e.source_path] for e in site.entries if e.kind == "page" and e.lang == lang),
                                   key=lambda v: (v.entry.weight, vi_sort_key(v.title))) for lang in self.langs}
        self.tags = {lang: self._tags(lang) for lang in self.langs}
        self.site_dates = newest_dates(site.entries, self.langs)
        check_contact_page(site, diags)
        self.in_section: dict[tuple[str, str], list[EntryView]] = defaultdict(list)
        for lang in self.langs:
            for view in self.articles[lang]:
                self.in_section[(lang, view.section)].append(view)

    def t(self, lang: str, key: str, **values: Any) -> str:
        return translate(lang, key, **values)

    def _tags(self, lang: str) -> dict[str, tuple[str, list[EntryView]]]:
        """slug -> (display name, articles); spellings that share a slug are one tag."""
        result: dict[str, tuple[str, list[EntryView]]] = {}
        for view in self.articles[lang]:
            for tag in view.entry.tags:
                result.setdefault(slugify(tag), (tag, []))[1].append(view)
        return dict(sorted(result.items(), key=lambda kv: vi_sort_key(kv[1][0])))

    def index_entry(self, lang: str, section: str | None) -> Entry | None:
        return self.translations.get(("index", f"_index/{section or ''}"), {}).get(lang)

    def entry_alternates(self, entry: Entry) -> dict[str, str]:
        found = self.translations[(entry.kind, entry.translation_key)]
        return {lang: self.urls.entry(found[lang]) for lang in self.langs if lang in found}

    def meta(self, lang: str, path: str, title: str, kind: str, alternates: dict[str, str] | None = None,
             fallback: dict[str, str] | None = None, description: str = "", feeds: list[tuple[str, str]] | None = None,
             **extra: Any) -> PageMeta:
        """Page identity; the switcher goes to the translation, else to `fallback` in that language."""
        alternates = alternates if alternates is not None else {lang: path}
        fallback = fallback or {}
        switch = []
        for code in self.langs:
            if code == lang:
                continue
            target = alternates.get(code) or fallback.get(code) or self.urls.home(code)
            switch.append({"lang": code, "name": self.config.languages[code].name,
                           "href": self.urls.href(target), "translated": code in alternates})
        feeds = feeds if feeds is not None else [(self.t(lang, "rss"), self.urls.feed(lang))]
        extra["date"] = extra.get("date") or self.site_dates.get(lang, "")
        return PageMeta(lang=lang, url_path=path, title=title,
                        description=description or self.config.languages[lang].description,
                        alternates=alternates, switch=switch, feeds=feeds, kind=kind, **extra)

    def everywhere(self, path_for: Any) -> dict[str, str]:
        """Alternates of a page that exists in every language, e.g. urls.documents."""
        return {code: path_for(code) for code in self.langs}

    def page(self, meta: PageMeta, template: str, source: str, **context: Any) -> Output:
        return Output(path=meta.url_path, source=source, template=template,
                      context={"page": meta, "lang": meta.lang, **context})

    # ---- page kinds -------------------------------------------------------------------------

    def plan_content(self, upcoming: dict[str, list[Any]]) -> list[Output]:
        """Home, section, article, page, tag and register pages; `upcoming`: the home page's events by language."""
        outputs: list[Output] = []
        for lang in self.langs:
            outputs.append(self.home(lang, upcoming[lang]))
            for key in self.config.sections:
                outputs.extend(self.section_pages(lang, key))
            outputs.extend(self.entry_page(v) for v in self.articles[lang])
            outputs.extend(self.entry_page(v) for v in self.pages[lang])
            outputs.extend(self.tag_pages(lang))
            outputs.append(self.documents(lang))
        return outputs   # the search index files come from search.py, once built

    def home(self, lang: str, upcoming: list[Any]) -> Output:
        intro = self.index_entry(lang, None)
        latest = [(key, section.titles[lang], self.urls.href(self.urls.section(lang, key)),
                   self.in_section[(lang, key)][:self.config.home_items_per_section])
                  for key, section in self.config.sections.items()]
        title = self.config.languages[lang].title
        meta = self.meta(lang, self.urls.home(lang), title, "home", self.everywhere(self.urls.home),
                         description=self.config.languages[lang].description)
        meta.jsonld.append(self.organization_jsonld(lang))
        meta.jsonld.append(self.website_jsonld(lang))
        return self.page(meta, "home.html", intro.source_path if intro else "site.toml",
                         intro=self.views[intro.source_path].body if intro else "",
                         upcoming=upcoming,
                         latest=[item for item in latest if item[3]])

    def section_pages(self, lang: str, key: str) -> list[Output]:
        section = self.config.sections[key]
        items = self.in_section[(lang, key)]
        pages = chunks(items, self.config.items_per_page)
        page_counts = {code: len(chunks(self.in_section[(code, key)], self.config.items_per_page)) for code in self.langs}
        intro = self.index_entry(lang, key)
        untranslated = self.untranslated(lang, key)
        outputs = []
        for number, page_items in enumerate(pages, 1):
            path = self.urls.section(lang, key, number)
            alternates = {}
            for code in self.langs:
                if number <= page_counts[code]:
                    alternates[code] = self.urls.section(code, key, number)
            title = section.titles[lang] + (f" – {self.t(lang, 'page_n', n=number)}" if number > 1 else "")
            meta = self.meta(lang, path, title, "section", alternates,
                             {code: self.urls.section(code, key) for code in self.langs},
                             description=self.views[intro.source_path].summary if intro else self.t(
                                 lang, "section_description", section=section.titles[lang],
                                 site=self.config.languages[lang].title),
                             feeds=[(f"{section.titles[lang]} – RSS", self.urls.feed(lang, key)),
                                    (self.t(lang, "rss"), self.urls.feed(lang))])
            outputs.append(self.page(
                meta, "section.html", intro.source_path if intro else f"content/{key}/",
                section_title=section.titles[lang], intro=self.views[intro.source_path].body if intro and number == 1 else "",
                items=page_items, pagination=self.pagination(lang, number, len(pages), lambda n: self.urls.section(lang, key, n)),
                untranslated=untranslated if number == 1 else [],
                feed_href=self.urls.href(self.urls.feed(lang, key))))
        return outputs

    def untranslated(self, lang: str, key: str) -> list[EntryView]:
        """Articles of this section that exist only in other languages, listed rather than hidden."""
        found = []
        for code in self.langs:
            if code == lang:
                continue
            for view in self.in_section[(code, key)]:
                if lang not in self.translations[("article", view.entry.translation_key)]:
                    found.append(view)
        return found

    def pagination(self, lang: str, number: int, total: int, path_of: Any) -> dict[str, Any] | None:
        if total <= 1:
            return None
        first = path_of(1)
        pages = self._page_links.get((first, total))
        if pages is None:   # the same list for every page of a listing: a tag with n pages costs n, not n²
            pages = self._page_links[(first, total)] = [(n, self.urls.href(path_of(n))) for n in range(1, total + 1)]
        return {"number": number, "total": total,
                "previous": pages[number - 2][1] if number > 1 else "",
                "next": pages[number][1] if number < total else "",
                "pages": pages}

    def entry_page(self, view: EntryView) -> Output:
        entry = view.entry
        lang = entry.lang
        fallback = {code: (self.urls.section(code, entry.section) if entry.section else self.urls.home(code))
                    for code in self.langs}
        preview = ""
        if entry.draft:
            preview = self.t(lang, "preview_draft")
        elif view.future:
            preview = self.t(lang, "preview_future", date=view.date_text())
        meta = self.meta(lang, view.url_path, entry.title, entry.kind, self.entry_alternates(entry), fallback,
                         description=view.summary, og_type="article" if entry.kind == "article" else "website",
                         preview=preview, date=entry_date(entry))
        section = self.config.sections[entry.section] if entry.section else None
        if section:
            meta.feeds.insert(0, (f"{section.titles[lang]} – RSS", self.urls.feed(lang, entry.section)))
            meta.jsonld.append(self.article_jsonld(view))
        if view.document:
            meta.jsonld.append(legislation_jsonld(view, self.config, self.urls))
        if is_contact_page(entry):
            meta.jsonld.append(self.organization_jsonld(lang))
        translations = [(code, self.config.languages[code].name, self.urls.href(path))
                        for code, path in meta.alternates.items() if code != lang]
        return self.page(meta, "article.html" if entry.kind == "article" else "page.html", entry.source_path,
                         item=view, translations=translations, contact=is_contact_page(entry),
                         section_title=section.titles[lang] if section else "",
                         section_href=self.urls.href(self.urls.section(lang, entry.section)) if section else "",
                         related=neighbours(self.in_section[(lang, entry.section)], view) if section else [])

    def tag_pages(self, lang: str) -> list[Output]:
        tags_path = self.urls.tags(lang)
        listing = [(name, self.urls.href(self.urls.tag(lang, name)), len(items))
                   for name, items in self.tags[lang].values()]
        site_title = self.config.languages[lang].title
        meta = self.meta(lang, tags_path, self.t(lang, "tags_title"), "tags", self.everywhere(self.urls.tags),
                         description=self.t(lang, "tags_description", site=site_title))
        outputs = [self.page(meta, "tags.html", "content/", tags=listing)]
        for name, items in self.tags[lang].values():
            pages = chunks(items, self.config.items_per_page)
            for number, page_items in enumerate(pages, 1):
                path = self.urls.tag(lang, name) + (f"{self.urls.seg(lang, 'page')}/{number}/" if number > 1 else "")
                meta = self.meta(lang, path, self.t(lang, "tag_title", tag=name), "tag", {lang: path},
                                 {code: self.urls.tags(code) for code in self.langs},
                                 description=self.t(lang, "tag_description", tag=name, site=site_title))
                outputs.append(self.page(meta, "tag.html", items[0].entry.source_path, tag=name, items=page_items,
                                         pagination=self.pagination(
                                             lang, number, len(pages),
                                             lambda n, name=name: self.urls.tag(lang, name)
                                             + (f"{self.urls.seg(lang, 'page')}/{n}/" if n > 1 else ""))))
        return outputs

    def documents(self, lang: str) -> Output:
        docs = [v for v in self.articles[lang] + self.pages[lang] if v.document]
        docs.sort(key=lambda v: (-(v.document.issued or v.date.date()).toordinal(), v.entry.source_path))
        meta = self.meta(lang, self.urls.documents(lang), self.t(lang, "documents_title"), "documents",
                         self.everywhere(self.urls.documents), description=self.t(lang, "documents_description"))
        return self.page(meta, "documents.html", "content/", items=docs, columns=register_columns(docs))

    # ---- structured data ------------------------------------------------------------------

    def organization_jsonld(self, lang: str) -> dict[str, Any]:
        return organization_jsonld(self.config, lang)

    def website_jsonld(self, lang: str) -> dict[str, Any]:
        """schema.org WebSite with its search, so engines may offer a search box for the site."""
        search = self.urls.absolute(self.urls.search(lang))
        return {"@context": "https://schema.org", "@type": "WebSite", "name": self.config.languages[lang].title,
                "url": self.urls.absolute(self.urls.home(lang)), "inLanguage": lang,
                "potentialAction": {"@type": "SearchAction", "target": search + "?q={search_term_string}",
                                    "query-input": "required name=search_term_string"}}

    def article_jsonld(self, view: EntryView) -> dict[str, Any]:
        org = self.config.organization
        publisher = {"@type": "GovernmentOrganization", "name": org.names.get(view.lang, ""),
                     "url": org.url or self.config.base_url}
        url = self.urls.absolute(view.url_path)
        data: dict[str, Any] = {
            "@context": "https://schema.org", "@type": "NewsArticle", "headline": view.title,
            "inLanguage": view.lang, "url": url, "mainEntityOfPage": url,
            "datePublished": view.date_iso, "description": view.summary, "publisher": publisher}
        if view.updated:
            data["dateModified"] = view.updated.isoformat()
        data["author"] = [{"@type": "Person", "name": name} for name in view.authors] if view.authors else publisher
        if view.entry.tags:
            data["keywords"] = list(view.entry.tags)
        if view.section:
            data["articleSection"] = self.config.sections[view.section].titles[view.lang]
        return data
