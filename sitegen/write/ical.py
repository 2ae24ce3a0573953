"""iCalendar (RFC 5545) files, written with the `icalendar` library: folding, escaping, CRLF."""

from __future__ import annotations

import functools
from datetime import datetime, timezone
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sitegen.load.events import end_exclusive
from sitegen.load.schema import as_datetime
from sitegen.model import Event
from sitegen.plan.views import plain_text

if TYPE_CHECKING:
    import icalendar

    from sitegen.memo import Memo
    from sitegen.plan.pages import Planner

PRODID = "-//Kon Tum DOST//sitegen//VI"
STATUS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE"}


def uid(event: Event, planner: Planner) -> str:
    """Stable across builds and languages: the event id at the site's host."""
    host = urlsplit(planner.config.base_url).hostname or "localhost"
    return f"{event.id}@{host}"


def dtstamp(event: Event, planner: Planner) -> datetime:
    """Reproducible stamp (never the build clock): the event's start, in UTC."""
    return as_datetime(event.start, planner.config.tz).astimezone(timezone.utc)


def _vevent(event: Event, lang: str, planner: Planner) -> icalendar.Event:
    # imported here, when a calendar is made: most rebuilds take every calendar from the cache
    import icalendar

    tz = planner.config.tz
    item = icalendar.Event()
    item.add("uid", uid(event, planner))
    item.add("dtstamp", dtstamp(event, planner))
    item.add("summary", event.title.get(lang, ""))
    if event.all_day:
        item.add("dtstart", event.start)
        item.add("dtend", end_exclusive(event))
    else:
        item.add("dtstart", event.start.astimezone(tz))
        if event.end:
            item.add("dtend", event.end.astimezone(tz))
    item.add("status", STATUS[event.status])
    if event.location.get(lang):
        item.add("location", event.location[lang])
    description = plain_text(planner.site.html.get(f"event:{event.id}:{lang}", ""))
    if description:
        item.add("description", description)
    page_url = planner.urls.absolute(planner.urls.event(lang, event.id))
    item.add("url", event.url or page_url)
    for tag in event.tags:
        item.add("categories", tag)
    return item


@functools.lru_cache(maxsize=4)
def _vtimezone(tzid: str) -> icalendar.Timezone:
    """The VTIMEZONE for the site's zone, computed once per process (it is the slow part)."""
    import icalendar

    return icalendar.Timezone.from_tzid(tzid)


def calendar_bytes(name: str, events: list[Event], lang: str, planner: Planner, memo: Memo) -> bytes:
    """A VCALENDAR with one VEVENT per event and the VTIMEZONE its timed events need.

    Remembered by `memo` by everything the bytes depend on: an edit of an article cannot
    change a calendar, so rebuilds with a cache do not pay for `icalendar` again.
    """
    html = planner.site.html
    inputs = (name, tuple(events), lang, planner.config.base_url, planner.config.timezone_name,
              [html.get(f"event:{e.id}:{lang}", "") for e in events])
    return memo.get("ics", inputs, lambda: _calendar_bytes(name, events, lang, planner),
                               encode=lambda data: data.decode("utf-8"), decode=lambda text: text.encode("utf-8"))


def _calendar_bytes(name: str, events: list[Event], lang: str, planner: Planner) -> bytes:
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", icalendar.vText(name))   # as TEXT: escaped, so a newline in a title cannot break the file
    cal.add("x-wr-timezone", planner.config.timezone_name)
    for event in sorted(events, key=lambda e: (str(e.start), e.id)):
        cal.add_component(_vevent(event, lang, planner))
    if any(not e.all_day for e in events):
        cal.add_component(_vtimezone(planner.config.timezone_name))
    return cal.to_ical()
