"""RSS 2.0 feeds (feedgen): per language, per section per language, and events per language."""

from __future__ import annotations

import html
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from sitegen.plan.events import EventView, starts_at
from sitegen.plan.views import EntryView
from sitegen.text import has_invisible, strip_invisible
from sitegen.write.feed_text import absolute_html

if TYPE_CHECKING:
    from feedgen.feed import FeedGenerator

    from sitegen.memo import Memo
    from sitegen.plan.pages import Planner


EMPTY_FEED_DATE = datetime(2000, 1, 1, tzinfo=timezone.utc)   # an empty feed never depends on the clock


def as_html(text: str) -> str:
    """Plain text for an RSS <description>, which readers display as HTML.

    Without this, a summary that mentions "<img src=x onerror=...>" would become markup in
    every feed reader. Titles too: readers show them as HTML (feedparser takes any title with
    `&` or `<` for HTML), so "Q&amp;A" or a `<b>` typed as text would lose what the editor wrote.
    """
    return xml_safe(html.escape(text, quote=False))


def xml_safe(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (the loader strips them already; this guards the serializer)."""
    return strip_invisible(text) if has_invisible(text) else text


def _feed(planner: Planner, lang: str, title: str, page_path: str, feed_path: str, description: str,
          newest: datetime) -> FeedGenerator:
    # imported here, when a feed is made: most rebuilds take every feed from the cache
    from feedgen.feed import FeedGenerator

    urls = planner.urls
    fg = FeedGenerator()
    fg.title(as_html(title))
    fg.link(href=urls.absolute(feed_path), rel="self")
    fg.link(href=urls.absolute(page_path), rel="alternate")   # the last link is the channel's <link>: the page
    fg.description(as_html(description))
    fg.language(lang)
    fg.generator("sitegen")
    fg.lastBuildDate(newest)   # the newest item, never the wall clock: builds stay reproducible
    return fg


def article_feed(planner: Planner, lang: str, section: str | None, memo: Memo) -> bytes:
    """The RSS feed of a language's articles, or of one section's; remembered by its items."""
    urls = planner.urls
    config = planner.config
    items = [v for v in planner.articles[lang] if section is None or v.section == section][:config.feed_limit]
    site_title = config.languages[lang].title
    title = f"{config.sections[section].titles[lang]} – {site_title}" if section else site_title
    page_path = urls.section(lang, section) if section else urls.home(lang)
    newest = max((v.updated or v.date for v in items), default=EMPTY_FEED_DATE)
    description = config.languages[lang].description

    def make() -> bytes:
        fg = _feed(planner, lang, title, page_path, urls.feed(lang, section), description, newest)
        for view in items:
            _add_article(fg, view, planner)
        return fg.rss_str(pretty=True)

    inputs = (lang, section, title, page_path, description, newest, config.base_url, items)
    return _remembered(memo, inputs, make)


def _remembered(memo: Memo, inputs: object, make) -> bytes:
    """A feed made by an earlier build from equal inputs (the items count by their views' digests)."""
    return memo.get("feed", inputs, make, encode=lambda data: data.decode("utf-8"),
                    decode=lambda text: text.encode("utf-8"))


def _add_article(fg: FeedGenerator, view: EntryView, planner: Planner) -> None:
    link = planner.urls.absolute(view.url_path)
    item = fg.add_entry(order="append")
    item.title(as_html(view.title))
    item.link(href=link)
    item.guid(link, permalink=True)
    item.pubDate(view.date)
    item.description(as_html(view.summary or view.title))
    if view.body:
        item.content(xml_safe(absolute_html(view.body, link)))   # the full text: readers ask for it
    for tag in view.entry.tags:
        item.category(term=tag)


def events_feed(planner: Planner, lang: str, memo: Memo) -> bytes:
    """The RSS feed of a language's events, newest start first; remembered by its items."""
    calendars = {c.key: c for c in planner.site.calendars}
    events = sorted((e for c in planner.site.calendars for e in c.events),
                    key=lambda e: (-starts_at(e, planner).timestamp(), e.id))
    views = [EventView(e, lang, planner, calendars) for e in events]
    newest = starts_at(events[0], planner) if events else EMPTY_FEED_DATE
    urls = planner.urls
    title = f"{planner.t(lang, 'events')} – {planner.config.languages[lang].title}"
    description = planner.config.languages[lang].description
    shown = views[:planner.config.feed_limit]

    def make() -> bytes:
        fg = _feed(planner, lang, title, urls.events(lang), urls.events_feed(lang), description, newest)
        for view in shown:
            item = fg.add_entry(order="append")
            link = planner.urls.absolute(view.url_path)
            item.title(as_html(f"{view.title} ({view.when})"))
            item.link(href=link)
            item.guid(link, permalink=True)
            item.pubDate(datetime.fromisoformat(view.start_iso))
            facts = " – ".join(filter(None, [view.when, view.location, view.status_text]))
            item.description(as_html(facts))
            item.content(f"<p>{as_html(facts)}</p>{xml_safe(absolute_html(view.description, link))}")
        return fg.rss_str(pretty=True)

    inputs = ("events", lang, title, description, newest, planner.config.base_url, shown)
    return _remembered(memo, inputs, make)
