"""YAML read as text with line numbers: no YAML 1.1 guessing, no aliases, no duplicate keys.

PyYAML's resolvers turn `NO` into False and `10:30` into 630. We only *compose* the
document (libyaml when available) and keep every scalar as the string the editor
wrote; typing is done afterwards by `schema.py`, which knows what each field means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from sitegen.diagnostics import Diagnostics
from sitegen.load.hints import tab_line
from sitegen.messages import Msg
from sitegen.text import has_invisible, strip_invisible

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_NODES = 20_000


@dataclass
class YScalar:
    """A scalar exactly as written; `plain` is False when it was quoted or a block."""

    value: str
    line: int
    plain: bool = True

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in ("", "~", "null", "Null", "NULL")


@dataclass
class YList:
    items: list[YNode]
    line: int


@dataclass
class YMap:
    items: dict[str, YNode]
    line: int
    key_lines: dict[str, int] = field(default_factory=dict)


YNode = YScalar | YList | YMap


# Characters YAML refuses outright (C0/C1 controls, non-characters) or reads as line breaks
# (NEL, U+2028, U+2029). They are swapped for private-use stand-ins while parsing and put back
# afterwards, so a stray control character pasted into a title becomes a warning (schema.py
# strips it from text) or a clear refusal (in keys and slugs), not a cryptic YAML error.
_UNPARSABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\u2028\u2029]")
_STAND_IN = 0x10F000


def _protect(text: str) -> str:
    return _UNPARSABLE.sub(lambda m: chr(_STAND_IN + (ord(m.group(0)) & 0xFFF)), text)


_RESTORE = {_STAND_IN + (code & 0xFFF): chr(code)
            for code in [*range(0x00, 0x20), *range(0x7F, 0xA0), 0xFFFE, 0xFFFF, 0x2028, 0x2029]}


def _restore(text: str) -> str:
    return text.translate(_RESTORE) if not text.isascii() else text


def load(text: str, path: str, diags: Diagnostics, line_offset: int = 0) -> YNode | None:
    """Parse `text`; on any problem record it (with the file's line) and return None."""
    try:
        root = yaml.compose(_protect(text), Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and mark and mark.line >= text.count("\n"):
            mark = exc.context_mark   # an unclosed bracket is reported where it opened, not at the end
        line = (mark.line + 1 + line_offset) if mark else line_offset + 1
        tab = tab_line(text)
        if tab and tab + line_offset <= line:
            diags.error(path, tab + line_offset, Msg("yaml-tab"), Msg("hint-yaml-tab"))
            return None
        diags.error(path, line, Msg("yaml-syntax", problem=_problem(exc.problem or exc.context or "invalid YAML")),
                    _syntax_hint(exc))
        return None
    except yaml.YAMLError as exc:
        diags.error(path, line_offset + 1, Msg("yaml-error", problem=str(exc)))
        return None
    except RecursionError:
        diags.error(path, line_offset + 1, Msg("yaml-too-deep"), Msg("hint-yaml-too-deep"))
        return None
    if root is None:
        return None
    converter = _Converter(path, diags, line_offset)
    try:
        return converter.convert(root)
    except _Refused:
        return None
    except RecursionError:
        diags.error(path, line_offset + 1, Msg("yaml-too-deep"), Msg("hint-yaml-too-deep"))
        return None


# PyYAML's own words for the problems editors meet, as catalogue messages (others are shown as they are).
_PROBLEMS = {
    "did not find expected ',' or ']'": "yaml-problem-bracket",
    "did not find expected ',' or '}'": "yaml-problem-brace",
    "mapping values are not allowed here": "yaml-problem-colon",
    "mapping values are not allowed in this context": "yaml-problem-colon",
    "could not find expected ':'": "yaml-problem-no-colon",
    "found character that cannot start any token": "yaml-problem-character",
    "found unexpected end of stream": "yaml-problem-end",
    "did not find expected key": "yaml-problem-key",
    "did not find expected node content": "yaml-problem-content",
    "found undefined alias": "yaml-problem-alias",
    "found unknown escape character": "yaml-problem-escape",
}


def _problem(problem: str) -> Msg | str:
    key = _PROBLEMS.get(problem.strip())
    return Msg(key) if key else problem


def _syntax_hint(exc: yaml.MarkedYAMLError) -> Msg:
    """Inside `{vi: ..., en: ...}` a comma or ': ' ends the text: say to quote it."""
    if exc.context == "while parsing a flow mapping":
        return Msg("hint-yaml-quote-mapping")
    if (exc.problem or "").startswith("mapping values are not allowed"):
        return Msg("hint-yaml-quote-colon")
    return Msg("hint-yaml-syntax")


class _Refused(Exception):
    pass


class _Converter:
    """Walks composed nodes once, refusing aliases (YAML bombs) and duplicate keys."""

    def __init__(self, path: str, diags: Diagnostics, line_offset: int):
        self.path = path
        self.diags = diags
        self.offset = line_offset
        self.seen: set[int] = set()

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def convert(self, node: yaml.Node) -> YNode:
        if id(node) in self.seen:   # the same node twice: an alias, the stuff of "billion laughs" bombs
            self.diags.error(self.path, self.line(node), Msg("yaml-alias"), Msg("hint-yaml-alias"))
            raise _Refused
        if len(self.seen) >= MAX_NODES:
            self.diags.error(self.path, self.line(node), Msg("yaml-too-many", limit=MAX_NODES),
                             Msg("hint-split-files"))
            raise _Refused
        self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return YScalar(_restore(node.value), self.line(node), node.style in (None, ""))
        if isinstance(node, yaml.SequenceNode):
            return YList([self.convert(item) for item in node.value], self.line(node))
        return self._mapping(node)

    def _mapping(self, node: yaml.MappingNode) -> YMap:
        result = YMap({}, self.line(node))
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                self.diags.error(self.path, self.line(key_node), Msg("yaml-key-plain"), Msg("hint-yaml-key-plain"))
                raise _Refused
            key = _restore(key_node.value)
            if has_invisible(key):
                self.diags.error(self.path, self.line(key_node), Msg("yaml-key-invisible", key=strip_invisible(key)),
                                 Msg("hint-retype-key"))
                raise _Refused
            if key in result.items:
                self.diags.error(self.path, self.line(key_node),
                                 Msg("yaml-key-twice", key=key, first=result.key_lines[key]), Msg("hint-keep-one"))
                continue
            result.key_lines[key] = self.line(key_node)
            result.items[key] = self.convert(value_node)
        return result
