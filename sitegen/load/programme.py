"""content/programme/<plan>.yaml -> Plan objects, checked against the site: units, articles, events, calendars.

Loaded after the articles and calendars, since a plan names them; every problem names its file and line,
all reported together. `<plan>.entries.yaml` (competition results, competition.py) is never read as a plan.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from pathlib import Path

from sitegen.diagnostics import Diagnostics
from sitegen.load import timeframe, yamltext
from sitegen.load.competition import RESULTS_SUFFIX, load_results, read_competition
from sitegen.load.organisations import FILE as ORGANISATIONS_FILE
from sitegen.load.organisations import load_units
from sitegen.load.programme_fields import ID, StrictFields, Texts, near_hint, nearest, noun
from sitegen.load.sources import read_text, walk_files
from sitegen.load.yamltext import YList, YMap, YNode, YScalar
from sitegen.messages import Msg
from sitegen.model import Calendar, Entry, Plan, PlanContent, SiteConfig, Target, Task, Unit

FOLDER = "programme"
PLAN_KEYS = ("title", "document", "summary", "period", "contents", "competition")
CONTENT_KEYS = ("id", "title", "summary", "tasks")
TASK_KEYS = ("id", "title", "when", "lead", "partners", "status", "result", "targets", "links", "updated")
TARGET_KEYS = ("label", "target", "achieved")
RANGE_KEYS = ("start", "end")
STATUSES = ("planned", "in-progress", "done", "not-done")
EVENT_LINK = "event:"


@dataclass(frozen=True)
class Known:
    """What a plan may name: organisations, articles and pages ("section/name"), events, calendars."""

    units: tuple[str, ...]
    articles: frozenset[str]
    events: frozenset[str]
    calendars: frozenset[str]


def is_programme_file(parts: list[str]) -> bool:
    """content/programme/<x>.yaml and content/organisations.yaml (`parts`: the path below content/)."""
    if parts == [ORGANISATIONS_FILE]:
        return True
    return len(parts) == 2 and parts[0] == FOLDER and parts[1].endswith((".yaml", ".yml"))


def plan_instants(plans: tuple[Plan, ...], tz: tzinfo) -> list[datetime]:
    """Every instant a plan page compares with "now": the end of each task's time frame."""
    return [task.when.ends_at(tz) for plan in plans for task in plan.tasks]


def article_key(entry: Entry) -> str:
    """How a plan names an article or page: news/khai-truong, pages/gioi-thieu."""
    return f"{entry.section or 'pages'}/{entry.name}"


def article_keys(jobs: list[tuple[Path, str, str | None]], config: SiteConfig) -> frozenset[str]:
    """The names plans may use for the Markdown files found (`discover`'s jobs): drafts and files with errors
    too, so a link to an article with a problem of its own, or not yet published, is not a second problem."""
    keys = set()
    for path, kind, section in jobs:
        stem, _, lang = path.name[: -len(".md")].rpartition(".")
        if kind != "index":
            keys.add(f"{section or 'pages'}/{stem if stem and lang in config.languages else path.name[:-3]}")
    return frozenset(keys)


def load_programme(root: Path, config: SiteConfig, diags: Diagnostics, jobs: list[tuple[Path, str, str | None]],
                   calendars: list[Calendar]) -> tuple[tuple[Plan, ...], tuple[Unit, ...]]:
    """The plans and the organisations, checked against the Markdown files found and the calendars loaded."""
    units, written = load_units(root, config, diags)
    known = Known(tuple(sorted(written)), article_keys(jobs, config),
                  frozenset(e.id for c in calendars for e in c.events), frozenset(c.key for c in calendars))
    folder = root / "content" / FOLDER
    files = [p for p in walk_files(folder, root, diags) if p.parent == folder and p.suffix in (".yaml", ".yml")]
    plans: dict[str, Plan] = {}
    for path in files:
        if not path.name.endswith(RESULTS_SUFFIX):
            plan = _load_plan(path, root, config, diags, known)
            if plan is not None:
                plans[plan.key] = plan
    for path in files:
        if path.name.endswith(RESULTS_SUFFIX):
            _attach_results(path, root, config, diags, plans, calendars)
    return tuple(plans.values()), units


def _attach_results(path: Path, root: Path, config: SiteConfig, diags: Diagnostics, plans: dict[str, Plan],
                    calendars: list[Calendar]) -> None:
    key = path.name[: -len(RESULTS_SUFFIX)]
    where = f"content/{FOLDER}/{path.name}"
    plan = plans.get(key)
    if plan is None:
        diags.error(where, 0, Msg("programme-no-plan", value=key), Msg("hint-programme-no-plan"))
        return
    if plan.competition is None:
        diags.error(where, 0, Msg("programme-no-competition", value=key), Msg("hint-programme-no-competition"))
        return
    rounds = next((tuple(e.id for e in c.events) for c in calendars if c.key == plan.competition.calendar), ())
    found = load_results(path, root, config, diags, plan.competition.calendar, rounds)
    if found is not None:
        source_path, entrants = found
        competition = replace(plan.competition, results_path=source_path, entrants=entrants)
        plans[key] = replace(plan, competition=competition)


def _load_plan(path: Path, root: Path, config: SiteConfig, diags: Diagnostics, known: Known) -> Plan | None:
    source = read_text(path, root, diags)
    if source is None:
        return None
    if not ID.match(path.stem):
        diags.error(source.path, 0, Msg("programme-file-name-bad", value=path.name), Msg("hint-programme-file-name"))
        return None
    node = yamltext.load(source.text, source.path, diags)
    if not isinstance(node, YMap):
        if node is not None or source.text.strip():
            diags.error(source.path, 1, Msg("programme-not-mapping", what=Msg("what-a-plan"),
                                            example="title:, document:, contents:"))
        return None
    before = len(diags.errors)
    f = StrictFields(node, source.path, diags, PLAN_KEYS, "plan")
    texts = Texts(config, source.path, diags)
    fallbacks: set[str] = set()
    title = texts.read(node.items.get("title"), "title", True, fallbacks)
    if not title:
        f.error("title", Msg("programme-no-title", what=noun("plan")), Msg("hint-localized-title"))
    document = f.text("document")
    if document and document not in known.articles:
        _unknown_article(f, "document", document, known, "programme-document-unknown")
    written = _when(f, "period", required=False)
    period = written[0] if written else None
    contents = _contents(f, texts, known)
    competition = read_competition(f, texts, known.calendars, fallbacks)
    if len(diags.errors) > before:
        return None
    return Plan(key=path.stem, source_path=source.path, title=title, document=document,
                summary=texts.read(node.items.get("summary"), "summary", False, fallbacks), period=period,
                contents=contents, competition=competition, fallback=tuple(sorted(fallbacks)))


def _unknown_article(f: StrictFields, key: str, value: str, known: Known, what: str) -> None:
    near = nearest(value, sorted(known.articles))
    f.error(key, Msg(what, value=value), near_hint(near, Msg("hint-programme-link")))


def _items(f: StrictFields, key: str, example: Msg) -> list[YNode]:
    node = f.node.items.get(key)
    if node is None or (isinstance(node, YScalar) and node.is_null):
        return []
    if not isinstance(node, YList):
        f.error(key, Msg("field-not-list", key=key), example)
        return []
    return node.items


def _mappings(f: StrictFields, key: str, example: Msg, what: Msg, keys: str) -> list[YMap]:
    """The items of the list `key` that are mappings; each other item is reported on its line."""
    items = _items(f, key, example)
    for node in (n for n in items if not isinstance(n, YMap)):
        f.diags.error(f.path, node.line, Msg("programme-not-mapping", what=what, example=keys))
    return [node for node in items if isinstance(node, YMap)]


def _contents(f: StrictFields, texts: Texts, known: Known) -> tuple[PlanContent, ...]:
    contents: list[PlanContent] = []
    seen: dict[str, int] = {}
    for node in _mappings(f, "contents", Msg("hint-programme-contents"), Msg("what-each-content"), "id:, title:, tasks:"):
        cf = StrictFields(node, f.path, f.diags, CONTENT_KEYS, "content")
        content_id = _unique(cf, "content", "truyen-thong", seen)
        fallbacks: set[str] = set()
        title = texts.read(node.items.get("title"), "title", True, fallbacks)
        if not title:
            cf.error("title", Msg("programme-no-title", what=noun("content")), Msg("hint-localized-title"))
        tasks = tuple(task for item in _items(cf, "tasks", Msg("hint-programme-tasks"))
                      for task in [_task(item, f.path, texts, known, seen)] if task is not None)
        contents.append(PlanContent(id=content_id, line=node.line, title=title,
                                    summary=texts.read(node.items.get("summary"), "summary", False, fallbacks),
                                    tasks=tasks, fallback=tuple(sorted(fallbacks))))
    return tuple(contents)


def _unique(f: StrictFields, what: str, example: str, seen: dict[str, int]) -> str:
    """An id that must be unique in its plan (contents and tasks share the page's anchors)."""
    value = f.identifier_checked("id", what, example)
    if value and value in seen:
        f.error("id", Msg("programme-id-twice", what=noun(what), value=value, where=f"{f.path}:{seen[value]}"),
                Msg("hint-programme-id-twice"))
    elif value:
        seen[value] = f.line("id")
    return value


def _task(node: YNode, path: str, texts: Texts, known: Known, seen: dict[str, int]) -> Task | None:
    diags = texts.diags
    if not isinstance(node, YMap):
        diags.error(path, node.line, Msg("programme-not-mapping", what=Msg("what-each-task"),
                                          example="id:, title:, when:, lead:"))
        return None
    f = StrictFields(node, path, diags, TASK_KEYS, "task")
    task_id = _unique(f, "task", "cuoc-thi-2020", seen)
    fallbacks: set[str] = set()
    title = texts.read(node.items.get("title"), "title", True, fallbacks)
    if not title:
        f.error("title", Msg("programme-no-title", what=noun("task")), Msg("hint-localized-title"))
    when = _when(f, "when", required=True)
    lead = _unit_ref(f, "lead", known, required=True)
    partners = tuple(p for p in f.text_list("partners") if _unit_known(f, "partners", p, known))
    status = f.text("status", default="planned").lower()
    if status not in STATUSES:
        f.error("status", Msg("event-status-unknown", status=status), Msg("hint-use-one-of", choices=list(STATUSES)))
    links = f.text_list("links")
    for link in links:
        _check_link(f, link, known)
    updated = f.when("updated", texts.config.tz)
    targets = _targets(f, texts, fallbacks)
    if when is None or not task_id or not title:
        return None
    return Task(id=task_id, line=node.line, title=title, when=when[0], when_text=when[1], lead=lead,
                partners=partners, status=status, result=texts.read(node.items.get("result"), "result", False, fallbacks),
                targets=targets, links=links, updated=updated.date() if hasattr(updated, "date") else updated,
                fallback=tuple(sorted(fallbacks)))


def _when(f: StrictFields, key: str, required: bool) -> tuple[timeframe.TimeFrame, str] | None:
    """(time frame, as written): a scalar period, or {start: ..., end: ...}."""
    node = f.node.items.get(key)
    if node is None or (isinstance(node, YScalar) and node.is_null):
        if required:
            f.error(key, Msg("field-required", key=key), Msg("hint-timeframe-forms"))
        return None
    if isinstance(node, YScalar):
        frame = timeframe.single(node.value)
        if frame is None:
            f.error(key, Msg("programme-when-bad", key=key, value=node.value), Msg("hint-timeframe-forms"))
            return None
        return frame, node.value.strip()
    if not isinstance(node, YMap):
        f.error(key, Msg("programme-when-bad", key=key, value=Msg("what-a-list")), Msg("hint-timeframe-forms"))
        return None
    rf = StrictFields(node, f.path, f.diags, RANGE_KEYS, key)
    start, end = rf.text("start", required=True), rf.text("end", required=True)
    for part, value in (("start", start), ("end", end)):
        if value and timeframe.parse(value) is None:
            rf.error(part, Msg("programme-when-bad", key=f"{key}.{part}", value=value), Msg("hint-timeframe-forms"))
    frame = timeframe.span(start, end) if start and end else None
    if frame is None:
        return None
    if not timeframe.in_order(frame):
        rf.error("end", Msg("programme-when-order", key=key, start=start, end=end), Msg("hint-programme-when-order"))
        return None
    return frame, f"{start}/{end}"


def _unit_known(f: StrictFields, key: str, value: str, known: Known) -> bool:
    if value in known.units:
        return True
    near = nearest(value, list(known.units))
    f.error(key, Msg("programme-unit-unknown", key=key, value=value),
            Msg("hint-programme-unit-near", near=near) if near else Msg("hint-programme-unit-add"))
    return False


def _unit_ref(f: StrictFields, key: str, known: Known, required: bool) -> str:
    value = f.text(key, required=required)
    return value if value and _unit_known(f, key, value, known) else ""


def _check_link(f: StrictFields, link: str, known: Known) -> None:
    if link.startswith(EVENT_LINK):
        event_id = link[len(EVENT_LINK):].strip()
        if event_id not in known.events:
            near = nearest(event_id, sorted(known.events))
            f.error("links", Msg("programme-event-unknown", value=link, id=event_id),
                    near_hint(EVENT_LINK + near if near else "", Msg("hint-programme-link")))
    elif link not in known.articles:
        _unknown_article(f, "links", link, known, "programme-link-unknown")


def _targets(f: StrictFields, texts: Texts, fallbacks: set[str]) -> tuple[Target, ...]:
    targets = []
    for node in _mappings(f, "targets", Msg("hint-programme-targets"), Msg("what-each-target"), "label:, target:"):
        tf = StrictFields(node, f.path, f.diags, TARGET_KEYS, "target")
        label = texts.read(node.items.get("label"), "label", True, fallbacks)
        if not label:
            tf.error("label", Msg("field-required", key="label"), Msg("hint-localized-field", key="label"))
        numbers = [_number(tf, "target", required=True), _number(tf, "achieved", required=False)]
        targets.append(Target(label=label, target=numbers[0], achieved=numbers[1]))
    return tuple(targets)


def _number(f: StrictFields, key: str, required: bool) -> str:
    value = f.text(key, required=required)
    if value and not value.replace(",", ".").replace(".", "", 1).isdigit():
        f.error(key, Msg("programme-not-number", key=key))
        return ""
    return value
