"""Event pages: the list (now, upcoming, past by year), one page per event, month grids, .ics files."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from sitegen.load.events import end_exclusive
from sitegen.load.schema import as_datetime
from sitegen.model import Calendar, Event
from sitegen.plan.month import month_layout
from sitegen.plan.output import Output
from sitegen.plan.pages import Planner
from sitegen.plan.views import plain_text
from sitegen.text import format_date, format_month, format_time

MAX_MONTHS_PER_EVENT = 24


def starts_at(event: Event, planner: Planner) -> datetime:
    return as_datetime(event.start, planner.config.tz)


def ends_at(event: Event, planner: Planner) -> datetime:
    return as_datetime(end_exclusive(event), planner.config.tz)


def phase(event: Event, planner: Planner) -> str:
    """"upcoming", "now" or "past", relative to the site's `now` (the build's --now)."""
    now = planner.site.now
    start, end = starts_at(event, planner), ends_at(event, planner)
    if start > now:
        return "upcoming"
    if end > now or (end == start and start == now):
        return "now"
    return "past"


def status_text(event: Event, lang: str, planner: Planner) -> str:
    """What a reader needs: cancelled, postponed, else took place / happening now / upcoming."""
    if event.status != "scheduled":
        return planner.t(lang, f"status_{event.status}")
    return planner.t(lang, f"status_{phase(event, planner)}")


def classify(events: list[Event], planner: Planner) -> dict[str, list[Event]]:
    """now / upcoming (soonest first) / past (newest first), relative to the site's `now`."""
    groups: dict[str, list[Event]] = {"now": [], "upcoming": [], "past": []}
    for event in events:
        groups[phase(event, planner)].append(event)
    order = lambda e: (starts_at(e, planner), e.id)  # noqa: E731
    groups["now"].sort(key=order)
    groups["upcoming"].sort(key=order)
    groups["past"].sort(key=lambda e: (-starts_at(e, planner).timestamp(), e.id))
    return groups


def when_text(event: Event, lang: str, planner: Planner) -> str:
    """Human date range in the reader's language, times in the site timezone."""
    to = planner.t(lang, "to")
    if event.all_day:
        start = event.start
        end = event.end or start
        if end == start:
            return format_date(start, lang)
        return f"{format_date(start, lang)} {to} {format_date(end, lang)}"
    tz = planner.config.tz
    start = event.start.astimezone(tz)
    text = f"{format_date(start, lang)}, {format_time(start, lang)}"
    if event.end:
        end = event.end.astimezone(tz)
        if end.date() == start.date():
            return f"{text} – {format_time(end, lang)}"
        return f"{text} {to} {format_date(end, lang)}, {format_time(end, lang)}"
    return text


class EventView:
    """An event as shown in one language."""

    def __init__(self, event: Event, lang: str, planner: Planner, calendars: dict[str, Calendar]):
        urls = planner.urls
        self.event = event
        self.id = event.id
        self.lang = lang
        self.title = event.title.get(lang, "")
        self.title_fallback = f"title:{lang}" in event.fallback
        self.location = event.location.get(lang, "")
        self.location_fallback = f"location:{lang}" in event.fallback
        self.description = planner.site.html.get(f"event:{event.id}:{lang}", "")
        self.description_fallback = f"description:{lang}" in event.fallback
        self.content_lang = planner.config.default_language
        self.url = event.url
        self.tags = event.tags
        self.status = event.status
        self.status_text = status_text(event, lang, planner)
        self.when = when_text(event, lang, planner)
        self.start_iso = starts_at(event, planner).isoformat()
        self.url_path = urls.event(lang, event.id)
        self.href = urls.href(self.url_path)
        self.ics_href = urls.href(urls.event_ics(lang, event.id))
        cal = calendars[event.calendar]
        self.calendar_title = cal.title.get(lang, "")
        self.calendar_subscribe = f"{urls.href(urls.events(lang))}#ev-cal-{cal.key}"   # how to follow it, explained


def months_of(event: Event, planner: Planner) -> list[tuple[int, int]]:
    start = starts_at(event, planner).date()
    last = (ends_at(event, planner) - timedelta(seconds=1)).date() if event.end else start
    months = []
    year, month = start.year, start.month
    while (year, month) <= (last.year, last.month) and len(months) < MAX_MONTHS_PER_EVENT:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def last_day(event: Event, planner: Planner) -> date:
    """The last day an event runs on (its start day when it has no end)."""
    start = starts_at(event, planner).date()
    return (ends_at(event, planner) - timedelta(seconds=1)).date() if event.end else start



HOME_EVENTS = 3


def upcoming_for_home(planner: Planner, lang: str) -> list[EventView]:
    """Events happening now, then the next upcoming ones, for the home page."""
    calendars = {c.key: c for c in planner.site.calendars}
    groups = classify([e for c in planner.site.calendars for e in c.events], planner)
    chosen = (groups["now"] + groups["upcoming"])[:HOME_EVENTS]
    return [EventView(e, lang, planner, calendars) for e in chosen]


def plan_events(planner: Planner) -> list[Output]:
    calendars = {c.key: c for c in planner.site.calendars}
    events = [e for c in planner.site.calendars for e in c.events]
    outputs: list[Output] = []
    months = sorted({m for e in events for m in months_of(e, planner)})
    groups = classify(events, planner)
    for lang in planner.langs:
        views = {e.id: EventView(e, lang, planner, calendars) for e in events}
        outputs.append(_list_page(planner, lang, groups, views, calendars, months))
        outputs.extend(_event_page(planner, lang, views[e.id]) for e in events)
        outputs.extend(_month_page(planner, lang, ym, months, events, views) for ym in months)
        outputs.extend(_ics_outputs(planner, lang, events))
    return outputs


def _event_feeds(planner: Planner, lang: str) -> list[tuple[str, str]]:
    return [(planner.t(lang, "events_feed"), planner.urls.events_feed(lang)),
            (planner.t(lang, "rss"), planner.urls.feed(lang))]


def _list_page(planner: Planner, lang: str, groups: dict[str, list[Event]], views: dict[str, EventView],
               calendars: dict[str, Calendar], months: list[tuple[int, int]]) -> Output:
    urls = planner.urls
    past_by_year: dict[int, list[EventView]] = {}
    for event in groups["past"]:
        past_by_year.setdefault(starts_at(event, planner).year, []).append(views[event.id])
    # (anchor key, title, the link that subscribes: webcal:// where the site is https, the address to paste)
    calendar_links = [(key, title, urls.webcal(path) or urls.href(path), urls.absolute(path)) for key, title, path in
                      [("all", planner.t(lang, "all_events_calendar"), urls.calendar_ics(lang, None))]
                      + [(c.key, c.title.get(lang, c.key), urls.calendar_ics(lang, c)) for c in planner.site.calendars]]
    meta = planner.meta(lang, urls.events(lang), planner.t(lang, "events"), "events", planner.everywhere(urls.events),
                        feeds=_event_feeds(planner, lang), description=planner.t(lang, "events_description"))
    return planner.page(
        meta, "events.html", "content/events/",
        now_events=[views[e.id] for e in groups["now"]], upcoming=[views[e.id] for e in groups["upcoming"]],
        past_by_year=sorted(past_by_year.items(), reverse=True), calendar_links=calendar_links,
        months=[(format_month(y, m, lang), urls.href(urls.month(lang, y, m))) for y, m in months])


def _event_page(planner: Planner, lang: str, view: EventView) -> Output:
    urls = planner.urls
    meta = planner.meta(lang, view.url_path, view.title, "event", planner.everywhere(lambda c: urls.event(c, view.id)),
                        description=plain_text(view.description)[:200] or view.when,
                        feeds=_event_feeds(planner, lang))
    meta.jsonld.append(event_jsonld(view, planner))
    return planner.page(meta, "event.html", view.event.source_path, item=view,
                        events_href=planner.urls.href(planner.urls.events(lang)))


def _month_page(planner: Planner, lang: str, ym: tuple[int, int], months: list[tuple[int, int]],
                events: list[Event], views: dict[str, EventView]) -> Output:
    urls = planner.urls
    year, month = ym
    index = months.index(ym)
    in_month = sorted((e for e in events if ym in months_of(e, planner)), key=lambda e: (starts_at(e, planner), e.id))
    spans = {e.id: (starts_at(e, planner).date(), last_day(e, planner)) for e in in_month}
    cells, long_ids = month_layout(year, month, spans)
    weeks = [[{"day": d["day"], "in_month": d["in_month"], "iso": d["iso"], "events": [views[key] for key in d["ids"]]}
              for d in week] for week in cells]
    title = format_month(year, month, lang)
    meta = planner.meta(lang, urls.month(lang, year, month), f"{planner.t(lang, 'events')}: {title}", "month",
                        planner.everywhere(lambda c: urls.month(c, year, month)),
                        feeds=_event_feeds(planner, lang), description=planner.t(lang, "month_description", month=title))
    previous = months[index - 1] if index > 0 else None
    following = months[index + 1] if index + 1 < len(months) else None
    return planner.page(
        meta, "month.html", "content/events/", month_title=title, weeks=weeks,
        continuing=[views[key] for key in long_ids],
        weekdays=planner.t(lang, "weekdays").split(), items=[views[e.id] for e in in_month],
        previous=(format_month(*previous, lang), urls.href(urls.month(lang, *previous))) if previous else None,
        following=(format_month(*following, lang), urls.href(urls.month(lang, *following))) if following else None,
        events_href=urls.href(urls.events(lang)))


def _ics_outputs(planner: Planner, lang: str, events: list[Event]) -> list[Output]:
    """The calendar files, planned as data: sitegen/write/ical.py makes their bytes."""
    urls = planner.urls
    everything = planner.t(lang, "events") + " – " + planner.config.languages[lang].title
    planned = [(urls.calendar_ics(lang, cal), cal.source_path, cal.title.get(lang, cal.key), list(cal.events))
               for cal in planner.site.calendars]
    planned.append((urls.calendar_ics(lang, None), "content/events/", everything, events))
    planned += [(urls.event_ics(lang, e.id), e.source_path, e.title.get(lang, ""), [e]) for e in events]
    return [Output(path, source, serialiser="ics", context={"name": name, "events": chosen, "lang": lang})
            for path, source, name, chosen in planned]


def event_jsonld(view: EventView, planner: Planner) -> dict[str, Any]:
    """schema.org Event; serialised later with `<` escaped so no text can close the script."""
    event = view.event
    statuses = {"scheduled": "EventScheduled", "cancelled": "EventCancelled", "postponed": "EventPostponed"}
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "Event", "name": view.title,
        "startDate": _iso(event.start, planner), "eventStatus": f"https://schema.org/{statuses[event.status]}",
        "inLanguage": view.lang, "url": planner.urls.absolute(view.url_path),
        "organizer": {"@type": "GovernmentOrganization", "name": planner.config.organization.names.get(view.lang, ""),
                      "url": planner.config.organization.url or planner.config.base_url},
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode"}
    if event.end:
        data["endDate"] = _iso(event.end, planner)
    if view.location:
        data["location"] = {"@type": "Place", "name": view.location, "address": view.location}
    if view.description:
        data["description"] = plain_text(view.description)
    return data


def _iso(value: date | datetime, planner: Planner) -> str:
    if isinstance(value, datetime):
        return value.astimezone(planner.config.tz).isoformat()
    return value.isoformat()


def dumps_jsonld(data: dict[str, Any]) -> str:
    """JSON for a <script type="application/ld+json"> block: `<`, `>` and `&` escaped."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
