"""YAML read as text with line numbers: no YAML 1.1 guessing, no aliases, no duplicate keys.

PyYAML's resolvers turn `NO` into False and `10:30` into 630. We only *compose* the
document (libyaml when available) and keep every scalar as the string the editor
wrote; typing is done afterwards by `schema.py`, which knows what each field means.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .diagnostics import Diagnostics

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


def load(text: str, path: str, diags: Diagnostics, line_offset: int = 0) -> YNode | None:
    """Parse `text`; on any problem record it (with the file's line) and return None."""
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and mark and mark.line >= text.count("\n"):
            mark = exc.context_mark   # an unclosed bracket is reported where it opened, not at the end
        line = (mark.line + 1 + line_offset) if mark else line_offset + 1
        problem = exc.problem or exc.context or "invalid YAML"
        diags.error(path, line, f"YAML syntax error: {problem}",
                    "check indentation, and quote text that contains ': ' or starts with a special character")
        return None
    except yaml.YAMLError as exc:
        diags.error(path, line_offset + 1, f"YAML error: {exc}")
        return None
    if root is None:
        return None
    converter = _Converter(path, diags, line_offset)
    try:
        return converter.convert(root)
    except _Refused:
        return None


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
        if id(node) in self.seen or len(self.seen) > MAX_NODES:
            self.diags.error(self.path, self.line(node),
                             "YAML anchors and aliases (&name / *name) are not allowed",
                             "write the value out in full where it is needed")
            raise _Refused
        self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return YScalar(node.value, self.line(node), node.style in (None, ""))
        if isinstance(node, yaml.SequenceNode):
            return YList([self.convert(item) for item in node.value], self.line(node))
        return self._mapping(node)

    def _mapping(self, node: yaml.MappingNode) -> YMap:
        result = YMap({}, self.line(node))
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                self.diags.error(self.path, self.line(key_node), "keys must be plain words",
                                 "write `key: value`, one per line")
                raise _Refused
            key = key_node.value
            if key in result.items:
                self.diags.error(self.path, self.line(key_node),
                                 f"key '{key}' appears twice (first on line {result.key_lines[key]})",
                                 "keep one of them")
                continue
            result.key_lines[key] = self.line(key_node)
            result.items[key] = self.convert(value_node)
        return result
