"""Event calendars for the desk: shown with every text as a {vi, en} pair, written back as a person writes them.

A calendar's text field is one string (the same in every language) or a mapping by language.
The desk's form edits a pair; saving writes one string again when both languages say the same,
and leaves a language out when it was left empty (it then falls back to Vietnamese, visibly).
"""

from __future__ import annotations

import json
from datetime import tzinfo

from sitegen.commands.new import q
from sitegen.diagnostics import Diagnostics
from sitegen.load import yamltext
from sitegen.preview.desk.writer import scalar, texts, value_text

CALENDAR_TEXTS = ("title", "description")
CALENDAR_KEYS = (*CALENDAR_TEXTS, "events")
EVENT_TEXTS = ("title", "location", "description")
EVENT_KEYS = ("id", "title", "start", "end", "location", "description", "url", "tags", "status")


def _pair(node: yamltext.YNode | None, languages: tuple[str, ...]) -> dict[str, str]:
    if isinstance(node, yamltext.YMap):
        return {lang: scalar(node.items.get(lang)) for lang in languages}
    return {lang: scalar(node) for lang in languages}


def _plain(node: yamltext.YNode | None) -> object:
    """A node as JSON data, every scalar a string (what the desk's widgets edit)."""
    if isinstance(node, yamltext.YMap):
        return {key: _plain(value) for key, value in node.items.items()}
    if isinstance(node, yamltext.YList):
        return [_plain(item) for item in node.items]
    return scalar(node)


def desk_view(text: str, path: str, languages: tuple[str, ...]) -> str | None:
    """The calendar as the desk edits it (JSON, which YAML readers read); None when it does not parse."""
    node = yamltext.load(text, path, Diagnostics())
    if not isinstance(node, yamltext.YMap):
        return None
    view: dict[str, object] = {key: _pair(node.items.get(key), languages) for key in CALENDAR_TEXTS}
    events = []
    items = node.items.get("events")
    for item in items.items if isinstance(items, yamltext.YList) else []:
        if not isinstance(item, yamltext.YMap):
            continue
        event: dict[str, object] = {}
        for key, value in item.items.items():
            event[key] = _pair(value, languages) if key in EVENT_TEXTS else _plain(value)
        events.append(event)
    view["events"] = events
    for key, value in node.items.items():
        view.setdefault(key, _plain(value))
    return json.dumps(view, ensure_ascii=False, indent=2) + "\n"


def _text_value(node: yamltext.YNode | None, languages: tuple[str, ...]) -> str:
    """`"same text"`, `{vi: "...", en: "..."}`, or "" when every language is empty."""
    pair = {lang: text for lang, text in _pair(node, languages).items() if text}
    if not pair:
        return ""
    if len(set(pair.values())) == 1 and len(pair) == len(languages):
        return q(next(iter(pair.values())))
    return "{" + ", ".join(f"{lang}: {q(text)}" for lang, text in pair.items()) + "}"


def _event_lines(node: yamltext.YMap, languages: tuple[str, ...], tz: tzinfo) -> list[str]:
    lines: list[str] = []
    keys = [k for k in EVENT_KEYS if k in node.items] + [k for k in node.items if k not in EVENT_KEYS]
    for key in keys:
        value = node.items[key]
        if key in EVENT_TEXTS:
            written = _text_value(value, languages)
        elif key == "tags":
            written = "[" + ", ".join(q(t) for t in texts(value)) + "]" if texts(value) else ""
        else:
            written = value_text(key, scalar(value), tz) if scalar(value) else ""
        if written:
            lines.append(f"{'  - ' if not lines else '    '}{key}: {written}")
    return lines


def calendar_text(raw: str, path: str, languages: tuple[str, ...], tz: tzinfo) -> str | None:
    """The calendar the desk saved, as the guide writes one; None when what came is not a calendar."""
    node = yamltext.load(raw, path, Diagnostics())
    if not isinstance(node, yamltext.YMap):
        return None
    lines = []
    for key in CALENDAR_TEXTS:
        written = _text_value(node.items.get(key), languages)
        if written:
            lines.append(f"{key}: {written}")
    events = node.items.get("events")
    lines.append("events:" if isinstance(events, yamltext.YList) and events.items else "events: []")
    for item in events.items if isinstance(events, yamltext.YList) else []:
        if isinstance(item, yamltext.YMap):
            lines.extend(_event_lines(item, languages, tz))
    return "\n".join(lines) + "\n"
