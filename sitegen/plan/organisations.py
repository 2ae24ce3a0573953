"""The organisations directory, per language: grouped by kind (the Department first), with the tasks each leads or joins."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sitegen.load.organisations import KINDS
from sitegen.model import Unit
from sitegen.plan.output import Output
from sitegen.plan.pages import Planner
from sitegen.plan.programme_views import Context, Ref, Text, state_of, text_of
from sitegen.plan.views import plain_text
from sitegen.text import format_short_date

SCHEMA_TYPES = {"agency": "GovernmentOrganization", "zone": "GovernmentOrganization",
                "university": "CollegeOrUniversity"}


@dataclass
class UnitView:
    id: str
    name: Text
    short_name: Text
    kind: str
    parent: Ref | None
    summary: Text
    address: Text
    phone: str
    website: str
    founded_date: str
    founded_iso: str
    founded_by: Text
    leads: list[Ref]
    joins: list[Ref]


def unit_view(unit: Unit, planner: Planner, cx: Context) -> UnitView:
    lang, default = cx.lang, cx.default
    leads: list[Ref] = []
    joins: list[Ref] = []
    for plan in planner.site.plans:
        plan_title = plan.title.get(lang, "")
        for task in plan.tasks:
            if unit.id not in (task.lead, *task.partners):
                continue
            title = text_of(task.title, task.fallback, "title", lang, default)
            ref = Ref(title.value, planner.urls.href(planner.urls.plan(lang, plan.key)) + f"#{task.id}", title.lang,
                      f"{plan_title} · {planner.t(lang, 'state_' + state_of(task, cx.now, cx.tz))}")
            (leads if task.lead == unit.id else joins).append(ref)
    return UnitView(
        id=unit.id, name=text_of(unit.name, unit.fallback, "name", lang, default),
        short_name=text_of(unit.short_name, unit.fallback, "short_name", lang, default), kind=unit.kind,
        parent=cx.unit(unit.parent) if unit.parent else None, summary=cx.rendered(unit.summary, unit.fallback, "summary"),
        address=text_of(unit.address, unit.fallback, "address", lang, default), phone=unit.phone, website=unit.website,
        founded_date=format_short_date(unit.founded_date, lang) if unit.founded_date else "",
        founded_iso=unit.founded_date.isoformat() if unit.founded_date else "",
        founded_by=text_of(unit.founded_by, unit.fallback, "founded.by", lang, default), leads=leads, joins=joins)


def organisations_page(planner: Planner, lang: str, cx: Context) -> Output:
    urls = planner.urls
    views = [unit_view(unit, planner, cx) for unit in planner.site.units]
    groups = [(kind, planner.t(lang, f"kind_{kind}"), [v for v in views if v.kind == kind]) for kind in KINDS]
    meta = planner.meta(lang, urls.organisations(lang), planner.t(lang, "organisations"), "organisations",
                        planner.everywhere(urls.organisations), description=planner.t(lang, "organisations_description"))
    meta.jsonld.extend(unit_jsonld(view, planner, lang) for view in views)
    return planner.page(meta, "organisations.html", "content/organisations.yaml",
                        groups=[group for group in groups if group[2]],
                        programme_href=urls.href(urls.programme(lang)))


def unit_jsonld(view: UnitView, planner: Planner, lang: str) -> dict[str, Any]:
    """schema.org GovernmentOrganization for public bodies, CollegeOrUniversity, else Organization."""
    page = planner.urls.absolute(planner.urls.organisations(lang))
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": SCHEMA_TYPES.get(view.kind, "Organization"),
                            "@id": f"{page}#{view.id}", "name": view.name.value}
    if view.short_name.value:
        data["alternateName"] = view.short_name.value
    if view.summary.value:
        data["description"] = plain_text(view.summary.value)
    if view.address.value:
        data["address"] = view.address.value
    if view.phone:
        data["telephone"] = view.phone
    if view.website:
        data["url"] = view.website
    if view.founded_iso:
        data["foundingDate"] = view.founded_iso
    if view.parent:
        data["parentOrganization"] = {"@id": f"{page}#{view.parent.href.rsplit('#', 1)[1]}"}
    return data
