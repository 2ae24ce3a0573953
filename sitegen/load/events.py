"""content/events/*.yaml -> Calendar objects: localized text with visible fallback, typed dates."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

from sitegen.diagnostics import Diagnostics
from sitegen.load import yamltext
from sitegen.load.markdown import complexity_problems, unsafe_lines
from sitegen.load.schema import Fields
from sitegen.load.sources import read_text, walk_files
from sitegen.load.yamltext import YMap, YNode, YScalar
from sitegen.messages import Msg
from sitegen.model import Calendar, Event, SiteConfig
from sitegen.text import has_invisible, nfc, strip_invisible

CALENDAR_KEYS = ("title", "description", "events")
EVENT_KEYS = ("id", "title", "start", "end", "location", "description", "url", "tags", "status")
STATUSES = ("scheduled", "cancelled", "postponed")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Localized:
    """Reads a text field that is one string or a mapping by language, filling gaps from the default."""

    def __init__(self, config: SiteConfig, path: str, diags: Diagnostics):
        self.config = config
        self.path = path
        self.diags = diags

    def read(self, node: YNode | None, field: str, required: bool, fallbacks: set[str]) -> dict[str, str]:
        langs = list(self.config.languages)
        default = self.config.default_language
        if node is None or (isinstance(node, YScalar) and node.is_null):
            return {}
        if isinstance(node, YScalar):
            text = self._clean(node.value, node.line, field)   # once: one message per problem
            return {lang: text for lang in langs}
        if not isinstance(node, YMap):
            self.diags.error(self.path, node.line, Msg("localized-not-text", field=field))
            return {}
        if self._unquoted(node, field, langs):
            return {}
        values: dict[str, str] = {}
        for lang, value in node.items.items():
            if lang not in langs:
                self.diags.error(self.path, node.key_lines[lang], Msg("localized-unknown-language", field=field, lang=lang),
                                 Msg("hint-use-one-of", choices=langs))
            elif not isinstance(value, YScalar):
                self.diags.error(self.path, value.line, Msg("localized-value-not-text", field=field, lang=lang))
            elif not value.is_null:
                values[lang] = self._clean(value.value, value.line, field)
        if default not in values and values:
            self.diags.error(self.path, node.line, Msg("localized-no-default", field=field, lang=default),
                             Msg("hint-localized-no-default", lang=default))
            return {}
        for lang in langs:
            if lang not in values and values:
                values[lang] = values[default]
                fallbacks.add(f"{field}:{lang}")
        return values

    def _unquoted(self, node: YMap, field: str, langs: list[str]) -> bool:
        """`{vi: Hội trường A, 112 Bà Triệu, en: ...}`: YAML reads '112 Bà Triệu' as a key with no value.

        One message for the field, saying to quote the text, rather than "unknown language" per piece.
        """
        pieces = [key for key, value in node.items.items()
                  if key not in langs and isinstance(value, YScalar) and value.is_null]
        if not pieces:
            return False
        self.diags.error(self.path, node.key_lines[pieces[0]], Msg("localized-unquoted", field=field, piece=pieces[0]),
                         Msg("hint-yaml-quote-mapping"))
        return True

    def _clean(self, raw: str, line: int, field: str) -> str:
        text = nfc(raw).strip()
        if has_invisible(text):
            self.diags.warning(self.path, line, Msg("body-invisible-removed"))
            text = strip_invisible(text).strip()   # "x\n\x07" must not keep its newline
        if field != "description":
            return text
        for number, message, hint in complexity_problems(text, line):   # descriptions are Markdown
            self.diags.error(self.path, number, message, hint)
        for number, excerpt in ([] if self.config.trust_html else unsafe_lines(text, line)):
            self.diags.warning(self.path, number, Msg("html-unsafe", excerpt=excerpt), Msg("hint-html-unsafe-description"))
        return text


def load_calendars(root: Path, config: SiteConfig, diags: Diagnostics) -> list[Calendar]:
    """Every calendar in content/events/, with event ids checked for uniqueness across the site."""
    calendars: list[Calendar] = []
    first_seen: dict[str, Event] = {}
    folder = root / "content" / "events"
    for path in walk_files(folder, root, diags):
        if path.suffix not in (".yaml", ".yml") or path.parent != folder:
            continue
        calendar = _load_calendar(path, root, config, diags)
        if calendar is None:
            continue
        for event in calendar.events:
            other = first_seen.setdefault(event.id, event)
            if other is not event:
                diags.error(event.source_path, event.line,
                            Msg("event-id-twice", id=event.id, where=f"{other.source_path}:{other.line}"),
                            Msg("hint-event-id-twice"))
        calendars.append(calendar)
    return calendars


def _load_calendar(path: Path, root: Path, config: SiteConfig, diags: Diagnostics) -> Calendar | None:
    source = read_text(path, root, diags)
    if source is None:
        return None
    key = path.stem
    if not _ID.match(key):
        diags.error(source.path, 0, Msg("calendar-name-bad", name=path.name), Msg("hint-calendar-name"))
        return None
    node = yamltext.load(source.text, source.path, diags)
    if not isinstance(node, YMap):
        if node is not None or source.text.strip():
            diags.error(source.path, 1, Msg("calendar-not-mapping"))
        return None
    f = Fields(node, source.path, diags, CALENDAR_KEYS, what="calendar")
    loc = Localized(config, source.path, diags)
    unused: set[str] = set()
    title = loc.read(node.items.get("title"), "title", True, unused)
    if not f.has("title"):
        f.error("title", Msg("calendar-no-title"), Msg("hint-localized-title"))
    description = loc.read(node.items.get("description"), "description", False, unused)
    events_node = node.items.get("events")
    events: list[Event] = []
    if not isinstance(events_node, yamltext.YList):
        f.error("events", Msg("calendar-events-not-list"), Msg("hint-calendar-events"))
    else:
        for item in events_node.items:
            event = _load_event(item, key, source.path, config, loc, diags)
            if event is not None:
                events.append(event)
    return Calendar(key=key, source_path=source.path, title=title, description=description, events=tuple(events))


def _load_event(node: YNode, calendar: str, path: str, config: SiteConfig, loc: Localized,
                diags: Diagnostics) -> Event | None:
    if not isinstance(node, YMap):
        diags.error(path, node.line, Msg("event-not-mapping"))
        return None
    errors_before = len(diags.errors)
    f = Fields(node, path, diags, EVENT_KEYS, what="event")
    event_id = f.text("id", required=True)
    if event_id and not _ID.match(event_id):
        f.error("id", Msg("event-id-bad", id=event_id), Msg("hint-event-id"))
    fallbacks: set[str] = set()
    title = loc.read(node.items.get("title"), "title", True, fallbacks)
    if not f.has("title"):
        f.error("title", Msg("event-no-title"), Msg("hint-localized-title"))
    start = _when(f, "start", config, required=True)
    end = _when(f, "end", config, required=False)
    _check_range(f, start, end)
    status = f.text("status", default="scheduled").lower()
    if status not in STATUSES:
        f.error("status", Msg("event-status-unknown", status=status), Msg("hint-use-one-of", choices=list(STATUSES)))
    url = f.text("url")
    if url and not re.match(r"^(https?://|/)\S+$", url):
        f.error("url", Msg("event-url-bad", url=url))
    if len(diags.errors) > errors_before or start is None:
        return None
    location = loc.read(node.items.get("location"), "location", False, fallbacks)
    description = loc.read(node.items.get("description"), "description", False, fallbacks)
    return Event(id=event_id, calendar=calendar, source_path=path, line=node.line, title=title,
                 fallback=tuple(sorted(fallbacks)), start=start, end=end, location=location, description=description,
                 url=url, tags=f.text_list("tags"), status=status)


def _when(f: Fields, key: str, config: SiteConfig, required: bool) -> date | datetime | None:
    node = f.node.items.get(key)
    if isinstance(node, YScalar) and node.plain and re.fullmatch(r"\d{1,2}:\d{2}(:\d{2})?", node.value.strip()):
        f.error(key, Msg("event-time-without-date", key=key, raw=node.value),
                Msg("hint-event-time-without-date", key=key, time=node.value.strip()))
        return None
    return f.when(key, config.tz, required=required)


def _check_range(f: Fields, start: date | datetime | None, end: date | datetime | None) -> None:
    if start is None or end is None:
        return
    if isinstance(start, datetime) != isinstance(end, datetime):
        if isinstance(start, datetime):
            f.error("end", Msg("event-end-date-only"), Msg("hint-event-end-date-only"))
        else:
            f.error("end", Msg("event-end-time"), Msg("hint-event-end-time"))
        return
    if end < start:
        f.error("end", Msg("event-end-before-start", end=end.isoformat(), start=start.isoformat()),
                Msg("hint-event-end-before-start"))


def end_exclusive(event: Event) -> date | datetime:
    """The end as calendars store it: the day after an inclusive date end; start when no end."""
    if event.all_day:
        last = event.end or event.start
        return last + timedelta(days=1)
    return event.end or event.start
