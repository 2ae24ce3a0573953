"""Typed reading of YAML nodes: each field says what it expects, problems name file and line."""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime, timedelta, timezone, tzinfo

from sitegen.diagnostics import Diagnostics
from sitegen.load.hints import date_suggestion
from sitegen.load.yamltext import YList, YMap, YNode, YScalar
from sitegen.messages import Msg, Text
from sitegen.text import has_invisible, nfc, strip_invisible

_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATETIME = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$")
_TRUE = {"true", "yes", "on"}
_FALSE = {"false", "no", "off"}


FIRST_YEAR, LAST_YEAR = 1000, 9998


def parse_when(raw: str, tz: tzinfo) -> date | datetime | None:
    """A date (all day) or an aware datetime (no offset = site timezone); None if invalid."""
    raw = raw.strip()
    match = _DATE.match(raw)
    if match:
        try:
            return date(*(int(g) for g in match.groups()))
        except ValueError:
            return None
    match = _DATETIME.match(raw)
    if not match:
        return None
    y, mo, d, h, mi, s, offset = match.groups()
    try:
        naive = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0))
    except ValueError:
        return None
    if offset is None:
        return naive.replace(tzinfo=tz)
    if offset == "Z":
        return naive.replace(tzinfo=timezone.utc)
    sign = 1 if offset[0] == "+" else -1
    digits = offset[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    if delta > timedelta(hours=14):
        return None
    return naive.replace(tzinfo=timezone(sign * delta))


def as_datetime(value: date | datetime, tz: tzinfo) -> datetime:
    """Dates become midnight in the site timezone, so everything sorts on one axis."""
    if isinstance(value, datetime):
        return value
    return datetime(value.year, value.month, value.day, tzinfo=tz)


_WHAT = {"front matter": "what-front-matter", "document": "what-document", "calendar": "what-calendar",
         "event": "what-event", "file": "what-file"}


def what_of(what: Text) -> Text:
    """The kind of block a key belongs to, as a message when the catalogue knows it."""
    return Msg(_WHAT[what]) if isinstance(what, str) and what in _WHAT else what


class Fields:
    """Reads one YAML mapping field by field, reporting each problem once with its line."""

    def __init__(self, node: YMap, path: str, diags: Diagnostics, known: tuple[str, ...],
                 what: str = "front matter"):
        self.node = node
        self.path = path
        self.diags = diags
        for key, line in node.key_lines.items():
            if key not in known:
                near = difflib.get_close_matches(key, known, n=1)
                hint = Msg("hint-did-you-mean", near=near[0]) if near else Msg("hint-known-keys", keys=list(known))
                diags.warning(path, line, Msg("key-unknown", what=what_of(what), key=key), hint)

    def line(self, key: str) -> int:
        return self.node.key_lines.get(key, self.node.line)

    def _get(self, key: str) -> YNode | None:
        value = self.node.items.get(key)
        if isinstance(value, YScalar) and value.is_null:
            return None
        return value

    def has(self, key: str) -> bool:
        return self._get(key) is not None

    def error(self, key: str, message: Text, hint: Text = "") -> None:
        self.diags.error(self.path, self.line(key), message, hint)

    def clean_text(self, raw: str, line: int, key: str) -> str:
        """NFC text with invisible characters removed (and a warning when there were some)."""
        text = nfc(raw)
        if has_invisible(text):
            self.diags.warning(self.path, line, Msg("field-invisible-removed", key=key))
            text = strip_invisible(text)
        return text

    def text(self, key: str, required: bool = False, default: str = "") -> str:
        node = self._get(key)
        if node is None:
            if required:
                self.error(key, Msg("field-required", key=key), Msg("hint-field-add", key=key, where=self.what_of()))
            return default
        if not isinstance(node, YScalar):
            self.error(key, Msg("field-not-text", key=key), Msg("hint-one-line"))
            return default
        text = self.clean_text(node.value, node.line, key).strip()
        if required and not text:
            self.error(key, Msg("field-empty", key=key))
        return text

    def identifier(self, key: str, default: str = "") -> str:
        """Text that becomes part of a URL or pairs files (slug, translation_key): never cleaned silently.

        An invisible character here would give a URL or a pairing the editor cannot see, so it
        is refused rather than stripped as in titles.
        """
        node = self._get(key)
        if isinstance(node, YScalar) and has_invisible(node.value):
            self.error(key, Msg("field-invisible", key=key), Msg("hint-retype-field", key=key))
            return default
        return self.text(key, default=default)

    def what_of(self) -> Msg:
        return Msg("what-front-matter") if self.path.endswith(".md") else Msg("what-file")

    def text_list(self, key: str) -> tuple[str, ...]:
        node = self._get(key)
        if node is None:
            return ()
        if isinstance(node, YScalar):
            items: list[YNode] = [YScalar(part, node.line, True) for part in node.value.split(",")]
        elif isinstance(node, YList):
            items = node.items
        else:
            self.error(key, Msg("field-not-list", key=key), Msg("hint-list", key=key))
            return ()
        result: list[str] = []
        for item in items:
            if not isinstance(item, YScalar):
                self.diags.error(self.path, item.line, Msg("field-item-not-text", key=key))
                continue
            text = self.clean_text(item.value, item.line, key).strip()
            if text and text not in result:
                result.append(text)
        return tuple(result)

    def boolean(self, key: str, default: bool = False) -> bool:
        node = self._get(key)
        if node is None:
            return default
        if isinstance(node, YScalar) and node.value.strip().lower() in _TRUE:
            return True
        if isinstance(node, YScalar) and node.value.strip().lower() in _FALSE:
            return False
        self.error(key, Msg("field-not-boolean", key=key), Msg("hint-boolean", key=key))
        return default

    def integer(self, key: str, default: int = 0) -> int:
        node = self._get(key)
        if node is None:
            return default
        if isinstance(node, YScalar) and re.fullmatch(r"-?\d{1,9}", node.value.strip()):
            return int(node.value)
        self.error(key, Msg("field-not-integer", key=key), Msg("hint-integer", key=key))
        return default

    def when(self, key: str, tz: tzinfo, required: bool = False) -> date | datetime | None:
        node = self._get(key)
        if node is None:
            if required:
                self.error(key, Msg("field-required", key=key), Msg("hint-date-add", key=key))
            return None
        raw = node.value if isinstance(node, YScalar) else ""
        value = parse_when(raw, tz)
        if value is None:
            meant = date_suggestion(raw)
            self.error(key, Msg("date-invalid", key=key, raw=raw),
                       Msg("hint-date-meant", meant=meant) if meant else Msg("hint-date-format"))
        elif not FIRST_YEAR <= value.year <= LAST_YEAR:   # calendars add a day, feeds convert to UTC
            self.error(key, f'{key} "{raw}" is outside the years {FIRST_YEAR}-{LAST_YEAR} this site can publish',
                       "check the year")
            return None
        return value

    def mapping(self, key: str) -> YMap | None:
        node = self._get(key)
        if node is None:
            return None
        if not isinstance(node, YMap):
            self.error(key, Msg("field-not-mapping", key=key))
            return None
        return node
