"""A plan's competition page: its rounds (the calendar's events, in order), who may enter, awards, results."""

from __future__ import annotations

from typing import Any

from sitegen.model import Plan
from sitegen.plan.events import EventView, starts_at
from sitegen.plan.output import Output
from sitegen.plan.pages import Planner
from sitegen.plan.programme_views import Context, PlanView, Text


def competition_page(planner: Planner, lang: str, plan: Plan, view: PlanView, cx: Context) -> Output:
    competition = plan.competition
    assert competition is not None
    urls = planner.urls
    calendars = {c.key: c for c in planner.site.calendars}
    calendar = calendars[competition.calendar]
    events = sorted(calendar.events, key=lambda e: (starts_at(e, planner), e.id))
    rounds = [EventView(e, lang, planner, calendars) for e in events]
    titles = {r.id: r for r in rounds}
    entrants: list[dict[str, Any]] = []
    for entrant in competition.entrants:
        reached = titles.get(entrant.round)
        entrants.append({
            "name": Text(entrant.name.get(lang, "")),
            "field": Text(entrant.field.get(lang, "")), "team": list(entrant.team), "consent": entrant.consent,
            "round": (reached.title, reached.href) if reached else None, "prize": Text(entrant.prize.get(lang, ""))})
    title = calendar.title.get(lang, "") or planner.t(lang, "competition_page")
    meta = planner.meta(lang, urls.competition(lang, plan.key), title, "competition",
                        planner.everywhere(lambda code: urls.competition(code, plan.key)),
                        description=planner.t(lang, "competition_description", plan=view.title.value),
                        feeds=[(planner.t(lang, "events_feed"), urls.events_feed(lang)),
                               (planner.t(lang, "rss"), urls.feed(lang))])
    return planner.page(
        meta, "competition.html", plan.source_path, plan=view, rounds=rounds,
        eligibility=cx.rendered(competition.eligibility, plan.fallback, "eligibility"),
        awards=cx.rendered(competition.awards, plan.fallback, "awards"),
        entrants=entrants, has_results=bool(competition.results_path),
        calendar_ics=urls.href(urls.calendar_ics(lang, calendar)), calendar_webcal=urls.webcal(urls.calendar_ics(lang, calendar)))
