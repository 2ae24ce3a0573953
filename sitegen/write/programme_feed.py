"""RSS 2.0 feed of the programme's changes, per language: each task's last `updated` with its status or result.

An item is one change: its guid carries the task and the date of the change, so a task that
is updated again appears again in subscribers' readers.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sitegen.plan.programme_views import Context, state_of, text_of
from sitegen.plan.views import plain_text, shorten
from sitegen.write.feeds import EMPTY_FEED_DATE, as_html

if TYPE_CHECKING:
    from sitegen.plan.pages import Planner


def _changes(planner: Planner, lang: str, cx: Context) -> list[dict]:
    urls = planner.urls
    tz = planner.config.tz
    changes = []
    for plan in planner.site.plans:
        for task in plan.tasks:
            if task.updated is None:
                continue
            title = text_of(task.title, task.fallback, "title", lang, cx.default).value
            state = planner.t(lang, "state_" + state_of(task, cx.now, tz))
            result = plain_text(cx.markdown(task.result.get(lang, "")))
            link = urls.absolute(urls.plan(lang, plan.key)) + f"#{task.id}"
            changes.append({"title": f"{title}: {state}", "link": link, "guid": f"{link}-{task.updated.isoformat()}",
                            "date": datetime(task.updated.year, task.updated.month, task.updated.day, tzinfo=tz),
                            "description": shorten(result, 500) if result else state})
    changes.sort(key=lambda c: (-c["date"].timestamp(), c["link"]))
    return changes[:planner.config.feed_limit]


def programme_feed(planner: Planner, lang: str, cx: Context) -> bytes:
    """The RSS feed of one language's task changes, newest first."""
    from feedgen.feed import FeedGenerator  # imported when a feed is made, as feeds.py does

    urls = planner.urls
    changes = _changes(planner, lang, cx)
    fg = FeedGenerator()
    fg.title(f"{planner.t(lang, 'programme_feed_title')} – {planner.config.languages[lang].title}")
    fg.link(href=urls.absolute(urls.programme_feed(lang)), rel="self")
    fg.link(href=urls.absolute(urls.programme(lang)), rel="alternate")   # the last link is the channel's <link>
    fg.description(as_html(planner.t(lang, "programme_description")))
    fg.language(lang)
    fg.generator("sitegen")
    fg.lastBuildDate(changes[0]["date"] if changes else EMPTY_FEED_DATE)   # never the wall clock
    for change in changes:
        item = fg.add_entry(order="append")
        item.title(change["title"])
        item.link(href=change["link"])
        item.guid(change["guid"], permalink=False)
        item.pubDate(change["date"])
        item.description(as_html(change["description"]))
    return fg.rss_str(pretty=True)
