"""Small read-only helpers that turn model objects into what templates display."""

from __future__ import annotations

import html
import re
from datetime import datetime

from sitegen.model import Entry, Site
from sitegen.plan.urls import Urls
from sitegen.text import format_date, format_short_date

_FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
# Tags that sit inside a line of text (links, emphasis, code...): removed without a space, so
# "ngày <a>hội</a>." reads "ngày hội.", not "ngày hội .". Every other tag (paragraphs, list
# items, cells, <br>) separates words.
_INLINE_TAG = re.compile(
    r"</?(?:a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|i|ins|kbd|mark|q|s|samp|small|span|strong|sub|sup"
    r"|time|u|var)(?:\s[^>]*)?>", re.IGNORECASE)
_FOOTNOTE_REF = re.compile(r'<sup id="fnref[^"]*">.*?</sup>', re.DOTALL)   # a summary has no footnotes
SUMMARY_CHARS = 240


def plain_text(fragment: str) -> str:
    """Text content of an HTML fragment, whitespace collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", _INLINE_TAG.sub("", fragment))).split())


def shorten(text: str, limit: int = SUMMARY_CHARS) -> str:
    """Cut at a word boundary with an ellipsis; short text is returned unchanged."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"


def summary_of(entry: Entry, body_html: str) -> str:
    """The editor's summary, else the first paragraph of the body, shortened."""
    return entry.summary or lead_of(body_html)


def first_paragraph(fragment: str) -> str:
    """The first paragraph of an HTML fragment, as HTML (a card on the home page, where the whole text is too long)."""
    match = _FIRST_PARAGRAPH.search(fragment)
    return match.group(0) if match else fragment


def lead_of(body_html: str) -> str:
    """The first paragraph of a body as plain text, shortened (kept in the cache beside the body)."""
    match = _FIRST_PARAGRAPH.search(body_html)
    return shorten(plain_text(_FOOTNOTE_REF.sub("", match.group(1)))) if match else ""


class EntryView:
    """An entry as listed or shown in one language: title, link, dates, tags, summary."""

    def __init__(self, entry: Entry, site: Site, urls: Urls):
        self.entry = entry
        self.lang = entry.lang
        self.title = entry.title
        self.url_path = urls.entry(entry)
        self.href = urls.href(self.url_path)
        self._bodies = site.html   # the body itself is read only if a page being rendered shows it
        self.words = site.words.get(entry.source_path)   # None: compute from the body when needed
        lead = site.leads.get(entry.source_path)
        self.summary = summary_of(entry, self.body) if lead is None else entry.summary or lead
        self.date = entry.date
        self.updated = entry.updated
        self.tags = [(tag, urls.href(urls.tag(entry.lang, tag))) for tag in entry.tags]
        self.document = entry.document
        self.section = entry.section
        self.authors = entry.authors
        self.draft = entry.draft
        self.future = bool(entry.date and entry.date > site.now)

    @property
    def body(self) -> str:
        return self._bodies.get(self.entry.source_path, "")

    def date_text(self, value: datetime | None = None) -> str:
        value = value or self.date
        return format_date(value, self.lang) if value else ""

    def short_date(self, value: datetime | None = None) -> str:
        value = value or self.date
        return format_short_date(value, self.lang) if value else ""

    @property
    def date_iso(self) -> str:
        return self.date.isoformat() if self.date else ""
