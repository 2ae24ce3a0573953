"""The only module that knows URL shapes and output paths. Every path here is site-relative.

A "url path" has no leading slash and ends with "/" for pages ("vi/tin-tuc/") or a file
name ("vi/rss.xml"). `href()` prefixes the base path for links; `absolute()` the base URL.
"""

from __future__ import annotations

import hashlib

from sitegen.model import Calendar, Entry, SiteConfig
from sitegen.text import slugify

# Localized URL segments of the generated pages (sections come from site.toml).
SEGMENTS = {
    "vi": {"tags": "the", "events": "su-kien", "documents": "van-ban", "search": "tim-kiem", "page": "trang",
           "calendars": "lich", "programme": "chuong-trinh", "organisations": "to-chuc", "competition": "cuoc-thi"},
    "en": {"tags": "tags", "events": "events", "documents": "documents", "search": "search", "page": "page",
           "calendars": "calendars", "programme": "programme", "organisations": "organisations",
           "competition": "competition"},
}
FEED_FILE = "rss.xml"
ALL_EVENTS_CALENDAR = "all"


class Urls:
    """URL paths of every kind of output, for one site configuration."""

    def __init__(self, config: SiteConfig):
        self.config = config
        self.base_path = config.base_path
        self._tags: dict[tuple[str, str], str] = {}

    def seg(self, lang: str, name: str) -> str:
        return SEGMENTS.get(lang, SEGMENTS["en"])[name]

    def home(self, lang: str) -> str:
        return f"{lang}/"

    def section(self, lang: str, section: str, page: int = 1) -> str:
        base = f"{lang}/{self.config.sections[section].slugs[lang]}/"
        return base if page == 1 else f"{base}{self.seg(lang, 'page')}/{page}/"

    def entry(self, entry: Entry) -> str:
        if entry.kind == "index":
            return self.section(entry.lang, entry.section) if entry.section else self.home(entry.lang)
        if entry.kind == "page":
            return f"{entry.lang}/{entry.slug}/"
        assert entry.section is not None
        return f"{self.section(entry.lang, entry.section)}{entry.slug}/"

    def tags(self, lang: str) -> str:
        return f"{lang}/{self.seg(lang, 'tags')}/"

    def tag(self, lang: str, tag: str) -> str:
        found = self._tags.get((lang, tag))
        if found is None:   # asked for every listing of every article: remembered
            found = self._tags[(lang, tag)] = f"{self.tags(lang)}{slugify(tag)}/"
        return found

    def documents(self, lang: str) -> str:
        return f"{lang}/{self.seg(lang, 'documents')}/"

    def search(self, lang: str) -> str:
        return f"{lang}/{self.seg(lang, 'search')}/"

    def search_index(self, lang: str) -> str:
        return f"{self.search(lang)}index.json"

    def events(self, lang: str) -> str:
        return f"{lang}/{self.seg(lang, 'events')}/"

    def event(self, lang: str, event_id: str) -> str:
        return f"{self.events(lang)}{event_id}/"

    def event_ics(self, lang: str, event_id: str) -> str:
        return f"{self.event(lang, event_id)}{event_id}.ics"

    def month(self, lang: str, year: int, month: int) -> str:
        return f"{self.events(lang)}{year:04d}/{month:02d}/"

    def calendar_ics(self, lang: str, calendar: Calendar | None) -> str:
        key = calendar.key if calendar else ALL_EVENTS_CALENDAR
        return f"{self.events(lang)}{self.seg(lang, 'calendars')}/{key}.ics"

    def feed(self, lang: str, section: str | None = None) -> str:
        return (self.section(lang, section) if section else self.home(lang)) + FEED_FILE

    def events_feed(self, lang: str) -> str:
        return self.events(lang) + FEED_FILE

    def programme(self, lang: str) -> str:
        """The programme's index: its plans, the organisations, the feed of its changes."""
        return f"{lang}/{self.seg(lang, 'programme')}/"

    def plan(self, lang: str, key: str) -> str:
        return f"{self.programme(lang)}{key}/"

    def competition(self, lang: str, key: str) -> str:
        return f"{self.plan(lang, key)}{self.seg(lang, 'competition')}/"

    def programme_feed(self, lang: str) -> str:
        return self.programme(lang) + FEED_FILE

    def organisations(self, lang: str) -> str:
        return f"{lang}/{self.seg(lang, 'organisations')}/"

    def card(self, key: str, suffix: str) -> str:
        """A share card (og:image), named by what it shows: pages with the same title share one."""
        return f"cards/{key}{suffix}"

    def href(self, path: str) -> str:
        """Link target as written in pages: root-relative under base_url's path."""
        return self.base_path + path

    def absolute(self, path: str) -> str:
        return self.config.base_url + path

    def webcal(self, path: str) -> str:
        """webcal:// form of a calendar URL, offered where the site is served over https."""
        url = self.absolute(path)
        return "webcal://" + url[len("https://"):] if url.startswith("https://") else ""


def photo_variant(path: str, width: int, suffix: str) -> str:
    """images/le-phat-dong.jpg -> images/le-phat-dong.480.webp: a smaller copy of a photo in static/."""
    return f"{path.rpartition('.')[0]}.{width}{suffix}"


def output_path(url_path: str) -> str:
    """File that serves a URL path: directories get index.html."""
    return url_path + "index.html" if url_path.endswith("/") or url_path == "" else url_path


HASHED_SUFFIXES = (".css", ".js")


def hashed_name(path: str, data: bytes) -> str:
    """css/site.css -> css/site.3f2a9c1b.css: hosts may cache it forever."""
    stem, dot, suffix = path.rpartition(".")
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:10]}{dot}{suffix}"
