"""content/organisations.yaml -> Unit objects: the organisations the plans name, in the file's order."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from sitegen.diagnostics import Diagnostics
from sitegen.load import timeframe, yamltext
from sitegen.load.programme_fields import StrictFields, Texts, near_hint, nearest, noun
from sitegen.load.sources import read_text
from sitegen.load.yamltext import YList, YMap, YNode, YScalar
from sitegen.messages import Msg
from sitegen.model import SiteConfig, Unit

FILE = "organisations.yaml"
FILE_KEYS = ("organisations",)
UNIT_KEYS = ("id", "name", "short_name", "kind", "parent", "summary", "address", "phone", "website", "founded")
FOUNDED_KEYS = ("date", "by")
KINDS = ("agency", "support-centre", "incubator", "university", "zone", "other")
_URL = re.compile(r"^https?://\S+$")


def load_units(root: Path, config: SiteConfig, diags: Diagnostics) -> tuple[tuple[Unit, ...], frozenset[str]]:
    """Every valid organisation of content/organisations.yaml (none when the file is absent), and the ids
    written there, valid or not: a task naming a unit that has a problem of its own is not a second problem."""
    path = root / "content" / FILE
    source = read_text(path, root, diags) if path.is_file() else None
    if source is None:
        return (), frozenset()
    node = yamltext.load(source.text, source.path, diags)
    if not isinstance(node, YMap):
        if node is not None or source.text.strip():
            diags.error(source.path, 1, Msg("programme-not-mapping", what=Msg("what-the-file"), example="organisations: [...]"))
        return (), frozenset()
    f = StrictFields(node, source.path, diags, FILE_KEYS, "file")
    items = node.items.get("organisations")
    if not isinstance(items, YList):
        f.error("organisations", Msg("field-not-list", key="organisations"), Msg("hint-programme-organisations"))
        return (), frozenset()
    texts = Texts(config, source.path, diags)
    units: list[Unit] = []
    seen: dict[str, int] = {}
    for item in items.items:
        written = item.items.get("id") if isinstance(item, YMap) else None
        if isinstance(written, YScalar) and written.value.strip() in seen:
            diags.error(source.path, written.line,
                        Msg("programme-id-twice", what=noun("organisation"), value=written.value.strip(),
                            where=f"{source.path}:{seen[written.value.strip()]}"),
                        Msg("hint-programme-id-twice"))
            continue
        if isinstance(written, YScalar):
            seen[written.value.strip()] = written.line
        unit = _unit(item, source.path, texts, diags)
        if unit is not None:
            units.append(unit)
    for unit in units:
        if unit.parent and unit.parent not in seen:
            near = nearest(unit.parent, list(seen))
            diags.error(source.path, unit.line, Msg("programme-parent-unknown", value=unit.parent), near_hint(near))
    return tuple(units), frozenset(seen)


def _unit(node: YNode, path: str, texts: Texts, diags: Diagnostics) -> Unit | None:
    if not isinstance(node, YMap):
        diags.error(path, node.line, Msg("programme-not-mapping", what=Msg("what-each-organisation"),
                                          example="id:, name:, kind:"))
        return None
    before = len(diags.errors)
    f = StrictFields(node, path, diags, UNIT_KEYS, "organisation")
    unit_id = f.identifier_checked("id", "organisation", "so-khcn")
    fallbacks: set[str] = set()
    name = texts.read(node.items.get("name"), "name", True, fallbacks)
    if not name:
        f.error("name", Msg("field-required", key="name"), Msg("hint-localized-field", key="name"))
    kind = f.text("kind", required=True)
    if kind and kind not in KINDS:
        f.error("kind", Msg("programme-kind-unknown", value=kind), Msg("hint-use-one-of", choices=list(KINDS)))
    website = f.text("website")
    if website and not _URL.match(website):
        f.error("website", Msg("programme-website-bad", value=website))
    founded_date, founded_by = _founded(f, texts, fallbacks)
    if len(diags.errors) > before:
        return None
    return Unit(id=unit_id, source_path=path, line=node.line, name=name,
                short_name=texts.read(node.items.get("short_name"), "short_name", False, fallbacks),
                kind=kind, parent=f.text("parent"),
                summary=texts.read(node.items.get("summary"), "summary", False, fallbacks),
                address=texts.read(node.items.get("address"), "address", False, fallbacks),
                phone=f.text("phone"), website=website, founded_date=founded_date, founded_by=founded_by,
                fallback=tuple(sorted(fallbacks)))


def _founded(f: StrictFields, texts: Texts, fallbacks: set[str]) -> tuple[date | None, dict[str, str]]:
    node = f.mapping("founded")
    if node is None:
        return None, {}
    inner = StrictFields(node, f.path, f.diags, FOUNDED_KEYS, "founded")
    when = inner.text("date")
    period = timeframe.parse(when) if when else None
    if when and (period is None or period.kind != timeframe.DAY):
        inner.error("date", Msg("date-invalid", key="date", raw=when), Msg("hint-date-day"))
        period = None
    return (period.first if period else None), texts.read(node.items.get("by"), "founded.by", False, fallbacks)
