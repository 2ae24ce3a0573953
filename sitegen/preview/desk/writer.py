"""What the desk saves, rewritten as a person (and `build.py new`) writes it: field order, quoting, NFC, LF.

Decap sends a whole file (`---`, YAML from its own serializer, `---`, Markdown from its rich-text
editor). Its YAML is read as text (no YAML 1.1 guessing) and written again in the guide's form;
its Markdown is kept, with nested lists re-indented the way Python-Markdown reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from sitegen.commands.new import q
from sitegen.diagnostics import Diagnostics
from sitegen.load import yamltext
from sitegen.load.content import ARTICLE_KEYS, DOCUMENT_KEYS
from sitegen.load.schema import parse_when
from sitegen.text import nfc

DATE_KEYS = ("date", "updated", "issued", "effective", "start", "end")
PLAIN_KEYS = ("slug", "translation_key", "file", "url", "id", "status")   # written unquoted when that is safe
_PLAIN_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_.:#?=&%+-]*$")
_LIST_ITEM = re.compile(r"^( *)([-*+]|\d{1,9}[.)])( +|$)")
_FENCE = re.compile(r"^ *(```|~~~)")


class NotFrontMatter(ValueError):
    """The desk sent a file that does not start with a `---` block."""


@dataclass(frozen=True)
class Parsed:
    fields: yamltext.YMap
    body: str


def parse(raw: str, path: str) -> Parsed:
    """Split Decap's file into its front matter (as text nodes) and its body."""
    text = nfc(raw.replace("\r\n", "\n").replace("\r", "\n")).lstrip("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise NotFrontMatter(path)
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            node = yamltext.load("\n".join(lines[1:index]), path, Diagnostics())
            fields = node if isinstance(node, yamltext.YMap) else yamltext.YMap({}, 1)
            return Parsed(fields, "\n".join(lines[index + 1:]))
    raise NotFrontMatter(path)


def scalar(node: yamltext.YNode | None) -> str:
    return node.value.strip() if isinstance(node, yamltext.YScalar) and not node.is_null else ""


def texts(node: yamltext.YNode | None) -> list[str]:
    if isinstance(node, yamltext.YList):
        values = [scalar(item) for item in node.items]
    else:
        values = [part.strip() for part in scalar(node).split(",")]
    return [v for v in dict.fromkeys(values) if v]


def when_text(raw: str, tz: tzinfo) -> str:
    """A date or time as the guide writes it: site time zone, no offset, midnight = the day alone."""
    value = parse_when(raw, tz)
    if value is None:
        return raw   # the build names the line and what is wrong
    if not isinstance(value, datetime):
        return value.isoformat()
    local = value.astimezone(tz)
    if (local.hour, local.minute, local.second) == (0, 0, 0):
        return date(local.year, local.month, local.day).isoformat()
    return local.strftime("%Y-%m-%dT%H:%M" + (":%S" if local.second else ""))


def value_text(key: str, raw: str, tz: tzinfo) -> str:
    if key in DATE_KEYS:
        return when_text(raw, tz)
    if key in PLAIN_KEYS and _PLAIN_SAFE.match(raw) and ": " not in raw and " #" not in raw:
        return raw
    return q(raw)


def front_matter_lines(fields: yamltext.YMap, tz: tzinfo) -> list[str]:
    """The fields in the schema's order; empty ones, `draft: false` and unknown non-text ones left out."""
    lines: list[str] = []
    known = [k for k in ARTICLE_KEYS if k in fields.items]
    unknown = [k for k in fields.items if k not in ARTICLE_KEYS]
    for key in known + unknown:
        node = fields.items[key]
        if key in ("tags", "authors"):
            items = texts(node)
            if items:
                lines.append(f"{key}: [{', '.join(q(item) for item in items)}]")
        elif key == "draft":
            if scalar(node).lower() in ("true", "yes", "on"):
                lines.append("draft: true")
        elif key == "weight":
            if re.fullmatch(r"-?\d{1,9}", scalar(node)):
                lines.append(f"weight: {int(scalar(node))}")
        elif key == "document":
            lines.extend(_document(node, tz))
        elif scalar(node):
            lines.append(f"{key}: {value_text(key, scalar(node), tz)}")
    return lines


def _document(node: yamltext.YNode, tz: tzinfo) -> list[str]:
    if not isinstance(node, yamltext.YMap):
        return []
    inner = [f"  {key}: {value_text(key, scalar(node.items[key]), tz)}"
             for key in DOCUMENT_KEYS if scalar(node.items.get(key))]
    return ["document:", *inner] if inner else []


def is_empty_translation(parsed: Parsed, intro: bool = False) -> bool:
    """A translation Decap wrote with the shared fields only: no title of its own (an intro: no text either)."""
    return not scalar(parsed.fields.items.get("title")) and not (intro and parsed.body.strip())


def article_text(parsed: Parsed, tz: tzinfo) -> str:
    """The whole file as the guide writes it."""
    body = normalise_body(parsed.body)
    return "\n".join(["---", *front_matter_lines(parsed.fields, tz), "---"]) + "\n" + body


def normalise_body(body: str) -> str:
    """LF, NFC, no blank lines before or after, nested lists indented by 4 spaces per level."""
    text = nfc(body.replace("\r\n", "\n").replace("\r", "\n")).strip("\n")
    return indent_nested_lists(hard_breaks(text)) + "\n" if text else ""


def hard_breaks(text: str) -> str:
    """A line break the desk writes as a backslash at the end of a line (CommonMark), written as
    two trailing spaces, the form Python-Markdown reads (code blocks left as written)."""
    out, fenced = [], False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        trailing = len(line) - len(line.rstrip("\\"))
        out.append(line[:-1] + "  " if not fenced and trailing % 2 == 1 and line.strip() != "\\" else line)
    if out and out[-1].endswith("  ") and text.endswith("\\"):
        out[-1] = out[-1].rstrip(" ")   # a break at the very end breaks nothing
    return "\n".join(out)


def indent_nested_lists(text: str) -> str:
    """Re-indent list items nested by 2 or 3 spaces (CommonMark) to 4 per level (Python-Markdown).

    Each item's depth is the number of open items whose text starts at or left of its marker;
    lines continuing an item follow the item's new indentation. Fenced code is left as written.
    """
    out: list[str] = []
    stack: list[tuple[int, int]] = []   # open items: (original marker column, original text column)
    fenced = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        match = None if fenced else _LIST_ITEM.match(line)
        indent = len(line) - len(line.lstrip(" "))
        if match:
            while stack and indent < stack[-1][1]:
                stack.pop()
            depth = len(stack)
            stack.append((indent, indent + len(match.group(2)) + max(1, len(match.group(3)))))
            out.append(" " * (4 * depth) + line.lstrip(" "))
        elif line.strip() and stack and indent >= stack[0][1] and not fenced:
            while len(stack) > 1 and indent < stack[-1][1]:
                stack.pop()
            out.append(" " * (4 * len(stack)) + line.lstrip(" "))
        else:
            if line.strip() and indent < (stack[0][1] if stack else 0):
                stack.clear()
            out.append(line)
    return "\n".join(out)
