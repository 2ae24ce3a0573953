"""Shared reading rules of the programme's files: strict keys, localized Markdown, ids.

The messages of the plan, organisation and results loaders are in the catalogue
(sitegen/messages/catalogue.toml, `programme-*`); `noun` names the blocks they speak of.
"""

from __future__ import annotations

import difflib
import re

from sitegen.diagnostics import Diagnostics
from sitegen.load.events import Localized
from sitegen.load.markdown import complexity_problems, unsafe_lines
from sitegen.load.schema import Fields
from sitegen.load.yamltext import YMap
from sitegen.messages import Msg, Text

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MARKDOWN_FIELDS = frozenset({"summary", "result", "eligibility", "awards"})
# Ids the plan page uses itself: a task or content with one of them would break its anchors.
RESERVED_IDS = frozenset({"main", "footer-org", "footer-pages", "footer-follow", "plan-summary", "plan-progress",
                          "plan-timeline", "plan-contents", "plan-timeline-table"})

# The blocks a key, an id or a title belongs to, as the catalogue names them (other names, such as a
# time frame's `when`, are field names and shown as they are written).
_NOUNS = {"plan": "noun-plan", "content": "noun-content", "task": "noun-task", "target": "noun-target",
          "results": "noun-results", "entry": "noun-entry", "competition": "noun-competition",
          "organisation": "noun-organisation", "founded": "noun-founded", "file": "what-file"}


def noun(what: str) -> Text:
    """The name of a block of a programme file in the editors' language (`plan`, `task`, ...)."""
    return Msg(_NOUNS[what]) if what in _NOUNS else what


def near_hint(near: str, otherwise: Text = "") -> Text:
    """"did you mean '<near>'?" when something close was found, else `otherwise`."""
    return Msg("hint-did-you-mean", near=near) if near else otherwise


class StrictFields(Fields):
    """Fields whose unknown keys are errors (a plan is data the site states, not free front matter)."""

    def __init__(self, node: YMap, path: str, diags: Diagnostics, known: tuple[str, ...], what: str):
        extra = tuple(key for key in node.key_lines if key not in known)
        super().__init__(node, path, diags, known + extra, what)
        for key in extra:
            near = difflib.get_close_matches(key, known, n=1)
            hint = near_hint(near[0] if near else "", Msg("hint-known-keys", keys=list(known)))
            diags.error(path, node.key_lines[key], Msg("programme-key-unknown", what=noun(what), key=key), hint)

    def identifier_checked(self, key: str, what: str, example: str) -> str:
        value = self.text(key, required=True)
        if value and not ID.match(value):
            self.error(key, Msg("programme-id-bad", what=noun(what), value=value), Msg("hint-for-example", example=example))
            return ""
        if value in RESERVED_IDS:
            self.error(key, Msg("programme-id-reserved", what=noun(what), value=value), Msg("hint-other-id"))
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
            self.diags.warning(self.path, number, Msg("html-unsafe", excerpt=excerpt), Msg("hint-html-unsafe-here"))
        return text


def nearest(value: str, known: list[str]) -> str:
    found = difflib.get_close_matches(value, known, n=1)
    return found[0] if found else ""
