"""site.toml -> SiteConfig, with every problem reported by its key (and line, when found)."""

from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sitegen.diagnostics import Diagnostics
from sitegen.load.organization import load_organization
from sitegen.load.site_values import BASE_URL_EXAMPLE, base_url_problem, timezone_problem
from sitegen.load.sources import encoding_text, foreign_encoding
from sitegen.messages import Msg, Text
from sitegen.model import Language, Section, SiteConfig

CONFIG_FILE = "site.toml"
TOP_KEYS = ("base_url", "default_language", "timezone", "items_per_page", "feed_limit",
            "home_items_per_section", "trust_html", "languages", "organization", "sections", "editor",
            "deploy")   # [deploy.NAME]: read by sitegen/publish/deploy/settings.py
LANGUAGE_KEYS = ("name", "locale", "title", "description")
SECTION_KEYS = ("title", "slug")
SUPPORTED_LANGUAGES = ("vi", "en")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class _Reader:
    """Looks values up by dotted key and records typed problems against site.toml."""

    def __init__(self, text: str, diags: Diagnostics):
        self.lines = text.splitlines()
        self.diags = diags

    def line_of(self, dotted: str) -> int:
        """Best-effort line of a key (TOML parsers keep no positions): its table, then the key."""
        parts = dotted.split(".")
        start, key = 0, parts[-1]
        for cut in range(len(parts), 0, -1):
            header = re.compile(rf"^\s*\[\s*{re.escape('.'.join(parts[:cut]))}\s*\]")
            found = next((n for n, line in enumerate(self.lines) if header.match(line)), None)
            if found is not None and cut == len(parts):
                return found + 1
            if found is not None:
                start, key = found, parts[cut]
                break
        pattern = re.compile(rf"(^|[{{,\s]){re.escape(key)}\s*=")
        for number in range(start, len(self.lines)):
            if pattern.search(self.lines[number]):
                return number + 1
        return start + 1 if start else 0

    def error(self, dotted: str, message: Text, hint: Text = "") -> None:
        self.diags.error(CONFIG_FILE, self.line_of(dotted), Msg("config-key", key=dotted, message=message), hint)

    def error_at(self, line: int, dotted: str, message: Text, hint: Text = "") -> None:
        """A problem whose line the caller found (e.g. in the n-th [[array]] table)."""
        self.diags.error(CONFIG_FILE, line, Msg("config-key", key=dotted, message=message), hint)

    def unknown(self, table: dict[str, Any], prefix: str, known: tuple[str, ...]) -> None:
        for key in table:
            if key not in known:
                near = difflib.get_close_matches(key, known, n=1)
                hint = Msg("hint-did-you-mean", near=near[0]) if near else Msg("hint-known-keys", keys=list(known))
                self.error(f"{prefix}{key}", Msg("config-unknown-key"), hint)

    def text(self, table: dict[str, Any], key: str, prefix: str, required: bool = True,
             default: str = "") -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.error(prefix + key, Msg("config-required"))
            return default
        if not isinstance(value, str) or (required and not value.strip()):
            self.error(prefix + key, Msg("config-not-text"))
            return default
        return value.strip()

    def integer(self, table: dict[str, Any], key: str, default: int, low: int, high: int) -> int:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.error(key, Msg("config-not-integer", low=low, high=high))
            return default
        return value

    def table(self, table: dict[str, Any], key: str) -> dict[str, Any]:
        value = table.get(key, {})
        if not isinstance(value, dict):
            self.error(key, Msg("config-not-table"))
            return {}
        return value


def load_config(root: Path, diags: Diagnostics, base_url_override: str | None = None) -> SiteConfig | None:
    """Read site.toml under `root`; None (with diagnostics) when it cannot be used."""
    path = root / CONFIG_FILE
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        diags.error(CONFIG_FILE, 0, Msg("config-missing", root=str(root)), Msg("hint-config-missing"))
        return None
    except UnicodeDecodeError:
        found = foreign_encoding(path.read_bytes()) or "not UTF-8"
        diags.error(CONFIG_FILE, 0, Msg("file-encoding", encoding=encoding_text(found)), Msg("hint-config-encoding"))
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        diags.error(CONFIG_FILE, int(match.group(1)) if match else 0, Msg("config-toml-syntax", problem=str(exc)),
                    Msg("hint-config-toml"))
        return None
    return _build(data, _Reader(text, diags), diags, base_url_override)


def _build(data: dict[str, Any], r: _Reader, diags: Diagnostics, base_url_override: str | None) -> SiteConfig | None:
    errors_before = len(diags.errors)
    r.unknown(data, "", TOP_KEYS)
    _editor(r.table(data, "editor"), r)
    base_url = base_url_override or r.text(data, "base_url", "")
    if base_url and base_url_problem(base_url):
        r.error("base_url", base_url_problem(base_url), BASE_URL_EXAMPLE)
    base_url = base_url.rstrip("/") + "/"
    tz_name = r.text(data, "timezone", "", required=False, default="Asia/Ho_Chi_Minh")
    try:
        if timezone_problem(tz_name):
            raise ValueError(timezone_problem(tz_name))
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        r.error("timezone", timezone_problem(tz_name) or Msg("config-timezone", value=tz_name), Msg("hint-config-timezone"))
        tz = ZoneInfo("Asia/Ho_Chi_Minh")
    languages = _languages(r.table(data, "languages"), r)
    default = r.text(data, "default_language", "", required=False, default="vi")
    if languages and default not in languages:
        r.error("default_language", Msg("config-default-language", value=default))
    ordered = {default: languages[default]} if default in languages else {}
    ordered.update({k: v for k, v in languages.items() if k != default})
    sections = _sections(r.table(data, "sections"), r, tuple(ordered))
    organization = load_organization(r.table(data, "organization"), r, tuple(ordered))
    trust = data.get("trust_html", False)
    if not isinstance(trust, bool):
        r.error("trust_html", Msg("config-not-boolean"))
        trust = False
    config = SiteConfig(
        base_url=base_url, default_language=default, languages=ordered, timezone_name=tz_name, tz=tz,
        sections=sections, items_per_page=r.integer(data, "items_per_page", 10, 1, 500),
        feed_limit=r.integer(data, "feed_limit", 20, 1, 1000),
        home_items_per_section=r.integer(data, "home_items_per_section", 3, 0, 50),
        trust_html=trust, organization=organization)
    return None if len(diags.errors) > errors_before else config


def _editor(table: dict[str, Any], r: _Reader) -> None:
    """[editor] language = "vi" | "en": the language of the messages (read by the command line)."""
    r.unknown(table, "editor.", ("language",))
    if "language" in table and table["language"] not in SUPPORTED_LANGUAGES:
        r.error("editor.language", Msg("hint-use-one-of", choices=list(SUPPORTED_LANGUAGES)))


def _languages(table: dict[str, Any], r: _Reader) -> dict[str, Language]:
    result: dict[str, Language] = {}
    if not table:
        r.error("languages", Msg("config-no-language"), Msg("hint-config-no-language"))
    for code, value in table.items():
        prefix = f"languages.{code}."
        if code not in SUPPORTED_LANGUAGES:
            r.error(f"languages.{code}", Msg("config-language-unsupported"),
                    Msg("hint-use-one-of", choices=list(SUPPORTED_LANGUAGES)))
            continue
        if not isinstance(value, dict):
            r.error(f"languages.{code}", Msg("config-not-table"))
            continue
        r.unknown(value, prefix, LANGUAGE_KEYS)
        result[code] = Language(code=code, name=r.text(value, "name", prefix),
                                title=r.text(value, "title", prefix),
                                description=r.text(value, "description", prefix),
                                locale=r.text(value, "locale", prefix, required=False,
                                              default="vi_VN" if code == "vi" else "en_GB"))
    return result


def _sections(table: dict[str, Any], r: _Reader, langs: tuple[str, ...]) -> dict[str, Section]:
    result: dict[str, Section] = {}
    for key, value in table.items():
        if not _SLUG.match(key) or not isinstance(value, dict):
            r.error(f"sections.{key}", Msg("config-section-not-table"))
            continue
        r.unknown(value, f"sections.{key}.", langs)
        titles: dict[str, str] = {}
        slugs: dict[str, str] = {}
        for lang in langs:
            prefix = f"sections.{key}.{lang}."
            per = value.get(lang)
            if not isinstance(per, dict):
                r.error(f"sections.{key}.{lang}", Msg("config-required"), Msg("hint-config-section", lang=lang))
                continue
            r.unknown(per, prefix, SECTION_KEYS)
            titles[lang] = r.text(per, "title", prefix)
            slugs[lang] = r.text(per, "slug", prefix)
            if slugs[lang] and not _SLUG.match(slugs[lang]):
                r.error(prefix + "slug", Msg("config-slug-bad", value=slugs[lang]), Msg("hint-config-slug"))
        result[key] = Section(key=key, titles=titles, slugs=slugs)
    return result


def site_timezone(source: Path) -> ZoneInfo:
    """The `timezone` of site.toml, read before anything else so that `--now` means the site's time.

    A missing or broken site.toml, or an unknown zone, gives the default zone: the full load
    (`load_config`) reports those problems with their line.
    """
    try:
        with open(source / "site.toml", "rb") as file:
            name = tomllib.load(file).get("timezone", "Asia/Ho_Chi_Minh")
        return ZoneInfo(name) if isinstance(name, str) else ZoneInfo("Asia/Ho_Chi_Minh")
    except (OSError, tomllib.TOMLDecodeError, ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Asia/Ho_Chi_Minh")
