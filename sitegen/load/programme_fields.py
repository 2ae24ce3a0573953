"""Shared reading rules of the programme's files: strict keys, localized Markdown, ids, and their messages.

Every message the plan, organisation and results loaders give is here (English, then
Vietnamese where written), so the catalogue of editors' messages can take them in one move.
"""

from __future__ import annotations

import difflib
import re

from sitegen.diagnostics import Diagnostics
from sitegen.load.events import Localized
from sitegen.load.markdown import complexity_problems, unsafe_lines
from sitegen.load.schema import Fields
from sitegen.load.yamltext import YMap

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MARKDOWN_FIELDS = frozenset({"summary", "result", "eligibility", "awards"})
# Ids the plan page uses itself: a task or content with one of them would break its anchors.
RESERVED_IDS = frozenset({"main", "footer-org", "footer-pages", "footer-follow", "plan-summary", "plan-progress",
                          "plan-timeline", "plan-contents", "plan-timeline-table"})

MESSAGES: dict[str, str] = {
    "unknown_key": "unknown {what} key '{key}'",
    "unknown_key_hint": "did you mean '{near}'?",
    "known_keys_hint": "known keys: {known}",
    "not_mapping": "{what} must be a mapping ({example})",
    "not_list": "'{key}' must be a list",
    "bad_id": "{what} id '{value}' must be lower-case ASCII words joined by hyphens",
    "bad_id_hint": "for example: {example}",
    "reserved_id": "{what} id '{value}' is used by the page itself",
    "reserved_id_hint": "choose another id",
    "duplicate_id": "{what} id '{value}' is already used at {where}",
    "duplicate_id_hint": "ids are anchors and web addresses: each must be unique",
    "needs_title": "the {what} needs a title",
    "title_hint": "title: {vi: ..., en: ...}",
    "bad_when": "{key} \"{value}\" is not a time frame",
    "when_order": "{key}: the end ({end}) is before the start ({start})",
    "when_order_hint": "swap them or fix one",
    "when_required": "'when' is required",
    "unknown_status": "unknown status '{value}'",
    "one_of_hint": "use one of: {values}",
    "unknown_unit": "'{key}' names organisation '{value}', which is not in content/organisations.yaml",
    "unknown_unit_hint": "did you mean '{near}'? (ids of content/organisations.yaml)",
    "add_unit_hint": "add it to content/organisations.yaml (id, name, kind), or use an id listed there",
    "unknown_link": "link '{value}' is not an article or page of this site",
    "unknown_link_hint": "write <section>/<name>: the folder and the file name without language and .md, "
                         "e.g. news/khai-truong; events as event:<id>",
    "unknown_event": "link '{value}' names event '{id}', which is in no calendar of content/events/",
    "unknown_document": "document '{value}' is not an article or page of this site",
    "unknown_calendar": "competition calendar '{value}' is not a calendar of content/events/",
    "unknown_calendar_hint": "write the calendar's file name without .yaml, e.g. cuoc-thi-2020",
    "not_number": "'{key}' must be a number, e.g. {key}: 1",
    "unknown_kind": "unknown organisation kind '{value}'",
    "unknown_parent": "parent '{value}' is not an organisation of this file",
    "no_plan": "holds results for plan '{value}', but content/programme/{value}.yaml does not exist",
    "no_plan_hint": "name it after its plan: <plan>.entries.yaml",
    "no_competition": "holds results, but plan '{value}' has no competition:",
    "no_competition_hint": "add competition: {calendar: ..., eligibility: ..., awards: ...} to the plan",
    "unknown_round": "round '{value}' is not an event of calendar '{calendar}'",
    "unknown_round_hint": "use the id of the furthest round the entry reached: {values}",
    "bad_file_name": "file name '{value}' must be lower-case ASCII words joined by hyphens",
    "bad_file_name_hint": "rename it, e.g. ke-hoach-2020.yaml",
    "invisible": "invisible or control characters were removed",
}


def message(name: str, /, **values: object) -> str:
    return MESSAGES[name].format(**values)


class StrictFields(Fields):
    """Fields whose unknown keys are errors (a plan is data the site states, not free front matter)."""

    def __init__(self, node: YMap, path: str, diags: Diagnostics, known: tuple[str, ...], what: str):
        extra = tuple(key for key in node.key_lines if key not in known)
        super().__init__(node, path, diags, known + extra, what)
        for key in extra:
            near = difflib.get_close_matches(key, known, n=1)
            hint = message("unknown_key_hint", near=near[0]) if near else message("known_keys_hint",
                                                                                    known=", ".join(known))
            diags.error(path, node.key_lines[key], message("unknown_key", what=what, key=key), hint)

    def identifier_checked(self, key: str, what: str, example: str) -> str:
        value = self.text(key, required=True)
        if value and not ID.match(value):
            self.error(key, message("bad_id", what=what, value=value), message("bad_id_hint", example=example))
            return ""
        if value in RESERVED_IDS:
            self.error(key, message("reserved_id", what=what, value=value), message("reserved_id_hint"))
            return ""
        return value


class Texts(Localized):
    """Localized text; the Markdown fields are checked like event descriptions (limits, unsafe HTML)."""

    def _clean(self, raw: str, line: int, field: str) -> str:
        text = super()._clean(raw, line, "text")
        if field.split(".")[-1] not in MARKDOWN_FIELDS:
            return text
        for number, problem, hint in complexity_problems(text, line):
            self.diags.error(self.path, number, problem, hint)
        for number, excerpt in ([] if self.config.trust_html else unsafe_lines(text, line)):
            self.diags.warning(self.path, number, f"unsafe HTML '{excerpt}' was removed",
                               "scripts, styles, frames and event handlers are not allowed here")
        return text


def nearest(value: str, known: list[str]) -> str:
    found = difflib.get_close_matches(value, known, n=1)
    return found[0] if found else ""
