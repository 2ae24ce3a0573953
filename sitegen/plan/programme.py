"""The programme's pages: an index, a page per plan, its competition, the organisations, the feed of changes.

Called once by the recipe after the other pages are planned: it also marks the articles and
events that a task names (and the plan's document article) with links back to their plan,
and gives the home page the programme at a glance. Pure: Site in, Outputs out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sitegen.load.links import ContentLinks
from sitegen.load.programme import EVENT_LINK, article_key
from sitegen.model import Entry, Plan
from sitegen.plan.competition import competition_page
from sitegen.plan.events import EventView, classify
from sitegen.plan.organisations import organisations_page
from sitegen.plan.output import Output
from sitegen.plan.pages import Planner
from sitegen.plan.programme_views import STATES, Context, Markdown, PlanView, Ref, plan_view, text_of
from sitegen.plan.views import plain_text
from sitegen.text import EN_MONTHS, format_month

PROGRAMME_FOLDER = "content/programme"
HOME_DOCUMENTS = 3
ACTION_STATUS = {"planned": "PotentialActionStatus", "in-progress": "ActiveActionStatus",
                 "done": "CompletedActionStatus", "not-done": "FailedActionStatus"}


def plan_programme(planner: Planner, outputs: list[Output]) -> list[Output]:
    """The programme's own outputs; `outputs` (the pages planned so far) get their links back."""
    site = planner.site
    links = ContentLinks(list(site.entries), planner.urls, None, planner.diags, Path(site.root))
    new: list[Output] = []
    for lang in planner.langs:
        cx = context(planner, lang, Markdown(site.config.trust_html, _link_rewriter(links, lang)))
        views = [plan_view(plan, cx) for plan in site.plans]
        _annotate(outputs, lang, _back_links(planner, views, lang), views, planner)
        if not site.plans and not site.units:
            continue
        new.append(_index(planner, lang, views))
        for plan, view in zip(site.plans, views, strict=True):
            new.append(_plan_page(planner, lang, plan, view))
            if plan.competition is not None:
                new.append(competition_page(planner, lang, plan, view, cx))
        new.append(organisations_page(planner, lang, cx))
        new.append(Output(planner.urls.programme_feed(lang), "content/programme/", serialiser="programme-feed",
                          context={"lang": lang, "cx": cx}))   # made by write/programme_feed.py
    return new


def _link_rewriter(links: ContentLinks, lang: str) -> Callable[[str], str]:
    """Links in programme files are written as from an article (`../policies/x.vi.md`), to the reader's language."""
    reader = Entry(kind="page", source_path=f"{PROGRAMME_FOLDER}/_", lang=lang, section=None, name="_",
                   translation_key="_", slug="_", title="", date=None, updated=None, summary="", tags=(), authors=(),
                   draft=False, weight=0, document=None, body="", body_line=1)
    return lambda html: links.rewrite(html, reader)


def context(planner: Planner, lang: str, markdown: Markdown) -> Context:
    site = planner.site
    return Context(lang, planner.urls, {u.id: u for u in site.units}, _targets(planner, lang), site.now,
                   site.config.tz, site.config.default_language, markdown)


def _targets(planner: Planner, lang: str) -> dict[str, Ref]:
    """Every article, page and event a plan may name, as a link in `lang` (else in the language it exists in)."""
    found: dict[str, Ref] = {}
    by_key: dict[str, list[Entry]] = defaultdict(list)
    for entry in planner.site.entries:
        if entry.kind != "index":
            by_key[article_key(entry)].append(entry)
    for key, entries in by_key.items():
        here = [e for e in entries if e.lang == lang]
        entry = here[0] if here else None
        if entry is None:
            others = planner.translations[(entries[0].kind, entries[0].translation_key)]
            entry = others.get(lang) or entries[0]
        view = planner.views[entry.source_path]
        found[key] = Ref(view.title, view.href, entry.lang if entry.lang != lang else "")
    default = planner.config.default_language
    for calendar in planner.site.calendars:
        for event in calendar.events:
            title = text_of(event.title, event.fallback, "title", lang, default)
            found[EVENT_LINK + event.id] = Ref(title.value, planner.urls.href(planner.urls.event(lang, event.id)),
                                               title.lang)
    return found


def _back_links(planner: Planner, views: list[PlanView], lang: str) -> dict[str, list[Ref]]:
    """Article or event key -> the tasks (and plans) that name it."""
    back: dict[str, list[Ref]] = defaultdict(list)
    for plan, view in zip(planner.site.plans, views, strict=True):
        if plan.document:
            back[plan.document].append(Ref(view.title.value, view.href, view.title.lang, "plan"))
        for content, content_view in zip(plan.contents, view.contents, strict=True):
            for task, task_view in zip(content.tasks, content_view.tasks, strict=True):
                for link in task.links:
                    back[link].append(Ref(task_view.title.value, task_view.href, task_view.title.lang,
                                          view.title.value))
        if plan.competition is not None:
            for calendar in planner.site.calendars:
                if calendar.key == plan.competition.calendar:
                    for event in calendar.events:
                        back[EVENT_LINK + event.id].append(Ref(planner.t(lang, "competition_page"),
                                                               view.competition_href, "", view.title.value))
    return back


def _annotate(outputs: list[Output], lang: str, back: dict[str, list[Ref]], views: list[PlanView],
              planner: Planner) -> None:
    for output in outputs:
        context_ = output.context
        if context_.get("lang") != lang:
            continue
        if output.template in ("article.html", "page.html"):
            key = article_key(context_["item"].entry)
        elif output.template == "event.html":
            key = EVENT_LINK + context_["item"].id
        elif output.template == "home.html":
            _home(context_, lang, views, planner)
            continue
        else:
            continue
        if back.get(key):
            context_["programme_links"] = back[key]


def _home(context_: dict[str, Any], lang: str, views: list[PlanView], planner: Planner) -> None:
    """The programme at a glance, the last milestone when none is coming, the latest documents."""
    context_["programme"] = views
    context_["programme_href"] = planner.urls.href(planner.urls.programme(lang)) if views else ""
    milestone = None
    if not context_.get("upcoming"):
        past = classify([e for c in planner.site.calendars for e in c.events], planner)["past"]
        if past:
            calendars = {c.key: c for c in planner.site.calendars}
            milestone = EventView(past[0], lang, planner, calendars)
    context_["last_milestone"] = milestone
    documents = [v for v in planner.articles[lang] if v.document]
    documents.sort(key=lambda v: (-(v.document.issued or v.date.date()).toordinal(), v.entry.source_path))
    context_["latest_documents"] = documents[:HOME_DOCUMENTS]


def _feeds(planner: Planner, lang: str) -> list[tuple[str, str]]:
    return [(planner.t(lang, "programme_feed"), planner.urls.programme_feed(lang)),
            (planner.t(lang, "rss"), planner.urls.feed(lang))]


def _index(planner: Planner, lang: str, views: list[PlanView]) -> Output:
    urls = planner.urls
    meta = planner.meta(lang, urls.programme(lang), planner.t(lang, "programme"), "programme",
                        planner.everywhere(urls.programme), description=planner.t(lang, "programme_description"),
                        feeds=_feeds(planner, lang))
    return planner.page(meta, "programme.html", "content/programme/", plans=views,
                        organisations_href=urls.href(urls.organisations(lang)),
                        feed_href=urls.href(urls.programme_feed(lang)))


def _plan_page(planner: Planner, lang: str, plan: Plan, view: PlanView) -> Output:
    urls = planner.urls
    meta = planner.meta(lang, urls.plan(lang, plan.key), view.title.value, "plan",
                        planner.everywhere(lambda code: urls.plan(code, plan.key)),
                        description=plain_text(view.summary.value)[:200] or view.title.value,
                        feeds=_feeds(planner, lang))
    meta.jsonld.append(plan_jsonld(planner, lang, plan, view))
    return planner.page(meta, "plan.html", plan.source_path, plan=view, states=STATES,
                        programme_href=urls.href(urls.programme(lang)), months=_months(planner, lang, view))


def _months(planner: Planner, lang: str, view: PlanView) -> list[dict[str, Any]]:
    """The timeline's columns: a short and a full label, and whether "now" falls in that month."""
    now = planner.site.now.astimezone(planner.config.tz)
    several_years = len({year for year, _ in view.months}) > 1
    columns = []
    for year, month in view.months:
        short = f"T{month}" if lang == "vi" else EN_MONTHS[month - 1][:3]
        columns.append({"ym": (year, month), "short": f"{short}/{year % 100:02d}" if several_years else short,
                        "full": format_month(year, month, lang), "now": (now.year, now.month) == (year, month)})
    return columns


def plan_jsonld(planner: Planner, lang: str, plan: Plan, view: PlanView) -> dict[str, Any]:
    """schema.org CreativeWork (the plan is a document) whose tasks are PlanActions with their status."""
    urls = planner.urls
    org = planner.config.organization
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "CreativeWork", "name": view.title.value, "inLanguage": lang,
        "url": urls.absolute(urls.plan(lang, plan.key)),
        "publisher": {"@type": "GovernmentOrganization", "name": org.names.get(lang, ""),
                      "url": org.url or planner.config.base_url}}
    if view.summary.value:
        data["description"] = plain_text(view.summary.value)
    if plan.period:
        data["temporalCoverage"] = plan.period.iso()
    if view.document:
        data["isBasedOn"] = absolute_of(planner, view.document.href)
    actions = []
    for content, content_view in zip(plan.contents, view.contents, strict=True):
        for task, tv in zip(content.tasks, content_view.tasks, strict=True):
            action: dict[str, Any] = {"@type": "PlanAction", "name": tv.title.value,
                                      "actionStatus": f"https://schema.org/{ACTION_STATUS[task.status]}",
                                      "startTime": task.when.first.isoformat(), "endTime": task.when.last.isoformat(),
                                      "url": absolute_of(planner, tv.href)}
            if tv.lead:
                action["agent"] = {"@type": "Organization", "name": tv.lead.text}
            if tv.partners:
                action["participant"] = [{"@type": "Organization", "name": p.text} for p in tv.partners]
            if tv.result.value:
                action["result"] = {"@type": "Thing", "description": plain_text(tv.result.value)}
            actions.append(action)
    data["potentialAction"] = actions
    return data


def absolute_of(planner: Planner, href: str) -> str:
    """The absolute URL of a link made by `urls.href` (anchors kept)."""
    return planner.config.base_url + href[len(planner.urls.base_path):]
