"""Plans, contents, tasks and organisations as shown in one language: labels, states, links. Plain data.

A task's *state* is what a reader needs: `done`, `not-done`, `overdue` (its time frame has
ended by "now" and the plan reports no result: the honest state of a planned or in-progress
task), `in-progress` or `planned`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any

from sitegen.load import timeframe
from sitegen.load.markdown import render_one
from sitegen.model import Plan, PlanContent, Task, Unit
from sitegen.plan.urls import Urls

STATES = ("done", "in-progress", "not-done", "planned", "overdue")


def state_of(task: Task, now: datetime, tz: tzinfo) -> str:
    if task.status in ("planned", "in-progress") and task.when.ends_at(tz) <= now:
        return "overdue"
    return task.status


class Markdown:
    """Markdown of the programme's files rendered once per text (both languages often share one)."""

    def __init__(self, trusted: bool, rewrite: Callable[[str], str] | None = None):
        self.trusted = trusted
        self.rewrite = rewrite   # `.md` links to page URLs, in one language (load/links.py)
        self.done: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        if not text:
            return ""
        if text not in self.done:
            html = render_one(text, self.trusted)
            self.done[text] = self.rewrite(html) if self.rewrite else html
        return self.done[text]


@dataclass
class Text:
    """A localized value in one language; `lang` is set when it fell back to another language."""

    value: str
    lang: str = ""


def text_of(values: dict[str, str], fallback: tuple[str, ...], name: str, lang: str, default: str) -> Text:
    return Text(values.get(lang, ""), default if f"{name}:{lang}" in fallback else "")


@dataclass
class Ref:
    """A link to something: its text (maybe in another language), address, and what it is."""

    text: str
    href: str
    lang: str = ""
    note: str = ""


@dataclass
class TaskView:
    id: str
    title: Text
    when: str
    when_iso: str
    months: list[tuple[int, int]]
    lead: Ref | None
    partners: list[Ref]
    status: str
    state: str
    result: Text
    targets: list[dict[str, Any]]
    links: list[Ref]
    updated: date | None
    href: str
    content_title: str


@dataclass
class ContentView:
    id: str
    title: Text
    summary: Text
    tasks: list[TaskView]
    counts: dict[str, int]


@dataclass
class PlanView:
    key: str
    title: Text
    href: str
    summary: Text
    document: Ref | None
    period: str
    contents: list[ContentView]
    counts: dict[str, int]
    total: int
    competition_href: str = ""
    months: list[tuple[int, int]] = field(default_factory=list)


class Context:
    """What every view needs: language, units by id, links to articles and events, the clock."""

    def __init__(self, lang: str, urls: Urls, units: dict[str, Unit], targets: dict[str, Ref], now: datetime,
                 tz: tzinfo, default: str, markdown: Markdown):
        self.lang, self.urls, self.units, self.targets = lang, urls, units, targets
        self.now, self.tz, self.default, self.markdown = now, tz, default, markdown

    def unit(self, unit_id: str) -> Ref | None:
        unit = self.units.get(unit_id)
        if unit is None:
            return None
        name = text_of(unit.name, unit.fallback, "name", self.lang, self.default)
        return Ref(name.value, self.urls.href(self.urls.organisations(self.lang)) + f"#{unit.id}", name.lang)

    def rendered(self, values: dict[str, str], fallback: tuple[str, ...], name: str) -> Text:
        found = text_of(values, fallback, name, self.lang, self.default)
        return Text(self.markdown(found.value), found.lang)


def counts(states: list[str]) -> dict[str, int]:
    return {state: states.count(state) for state in STATES}


def task_view(task: Task, plan: Plan, content: PlanContent, cx: Context) -> TaskView:
    lang = cx.lang
    return TaskView(
        id=task.id, title=text_of(task.title, task.fallback, "title", lang, cx.default),
        when=timeframe.label(task.when, lang), when_iso=task.when.iso(), months=task.when.months(),
        lead=cx.unit(task.lead), partners=[ref for p in task.partners for ref in [cx.unit(p)] if ref],
        status=task.status, state=state_of(task, cx.now, cx.tz),
        result=cx.rendered(task.result, task.fallback, "result"),
        targets=[{"label": text_of(t.label, task.fallback, "label", lang, cx.default), "target": t.target,
                  "achieved": t.achieved} for t in task.targets],
        links=[cx.targets[link] for link in task.links if link in cx.targets],
        updated=task.updated,
        href=cx.urls.href(cx.urls.plan(lang, plan.key)) + f"#{task.id}",
        content_title=content.title.get(lang, ""))


def plan_view(plan: Plan, cx: Context) -> PlanView:
    lang = cx.lang
    contents = []
    for content in plan.contents:
        tasks = [task_view(task, plan, content, cx) for task in content.tasks]
        contents.append(ContentView(content.id, text_of(content.title, content.fallback, "title", lang, cx.default),
                                    cx.rendered(content.summary, content.fallback, "summary"), tasks,
                                    counts([t.state for t in tasks])))
    every = [t.state for c in contents for t in c.tasks]
    frame = plan.period or _covering(plan)
    document = cx.targets.get(plan.document) if plan.document else None
    return PlanView(key=plan.key, title=text_of(plan.title, plan.fallback, "title", lang, cx.default),
                    href=cx.urls.href(cx.urls.plan(lang, plan.key)),
                    summary=cx.rendered(plan.summary, plan.fallback, "summary"), document=document,
                    period=timeframe.label(frame, lang) if frame else "", contents=contents, counts=counts(every),
                    total=len(every),
                    competition_href=cx.urls.href(cx.urls.competition(lang, plan.key)) if plan.competition else "",
                    months=frame.months()[:MAX_TIMELINE_MONTHS] if frame else [])


MAX_TIMELINE_MONTHS = 36


def _covering(plan: Plan) -> timeframe.TimeFrame | None:
    """The span of a plan's tasks, when the plan states no period."""
    tasks = plan.tasks
    if not tasks:
        return None
    start = min((t.when.start for t in tasks), key=lambda p: p.first)
    end = max((t.when.end for t in tasks), key=lambda p: p.last)
    return timeframe.TimeFrame(start, end)
