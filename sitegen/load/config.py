"""site.toml -> SiteConfig, with every problem reported by its key (and line, when found)."""

from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sitegen.diagnostics import Diagnostics
from sitegen.load.site_values import BASE_URL_EXAMPLE, base_url_problem, timezone_problem
from sitegen.load.sources import foreign_encoding
from sitegen.model import Language, Organization, Section, SiteConfig

CONFIG_FILE = "site.toml"
TOP_KEYS = ("base_url", "default_language", "timezone", "items_per_page", "feed_limit",
            "home_items_per_section", "trust_html", "languages", "organization", "sections")
LANGUAGE_KEYS = ("name", "locale", "title", "description")
SECTION_KEYS = ("title", "slug")
ORG_KEYS = ("name", "url", "email")
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

    def error(self, dotted: str, message: str, hint: str = "") -> None:
        self.diags.error(CONFIG_FILE, self.line_of(dotted), f"{dotted}: {message}", hint)

    def unknown(self, table: dict[str, Any], prefix: str, known: tuple[str, ...]) -> None:
        for key in table:
            if key not in known:
                near = difflib.get_close_matches(key, known, n=1)
                hint = f"did you mean '{near[0]}'?" if near else f"allowed: {', '.join(known)}"
                self.error(f"{prefix}{key}", "unknown key", hint)

    def text(self, table: dict[str, Any], key: str, prefix: str, required: bool = True,
             default: str = "") -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.error(prefix + key, "is required")
            return default
        if not isinstance(value, str) or (required and not value.strip()):
            self.error(prefix + key, "must be non-empty text in quotes")
            return default
        return value.strip()

    def integer(self, table: dict[str, Any], key: str, default: int, low: int, high: int) -> int:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.error(key, f"must be a whole number from {low} to {high}")
            return default
        return value

    def table(self, table: dict[str, Any], key: str) -> dict[str, Any]:
        value = table.get(key, {})
        if not isinstance(value, dict):
            self.error(key, "must be a table")
            return {}
        return value


def load_config(root: Path, diags: Diagnostics, base_url_override: str | None = None) -> SiteConfig | None:
    """Read site.toml under `root`; None (with diagnostics) when it cannot be used."""
    path = root / CONFIG_FILE
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        diags.error(CONFIG_FILE, 0, f"no {CONFIG_FILE} in {root}", "is --source the folder that holds site.toml?")
        return None
    except UnicodeDecodeError:
        found = foreign_encoding(path.read_bytes()) or "not UTF-8"
        diags.error(CONFIG_FILE, 0, f"is saved as {found}, not UTF-8",
                    "open it and save it again choosing the encoding 'UTF-8'")
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        diags.error(CONFIG_FILE, int(match.group(1)) if match else 0, f"TOML syntax error: {exc}",
                    'text values need quotes: title = "..."')
        return None
    return _build(data, _Reader(text, diags), diags, base_url_override)


def _build(data: dict[str, Any], r: _Reader, diags: Diagnostics, base_url_override: str | None) -> SiteConfig | None:
    errors_before = len(diags.errors)
    r.unknown(data, "", TOP_KEYS)
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
        r.error("timezone", timezone_problem(tz_name) or f'unknown time zone "{tz_name}"', 'use "Asia/Ho_Chi_Minh"')
        tz = ZoneInfo("Asia/Ho_Chi_Minh")
    languages = _languages(r.table(data, "languages"), r)
    default = r.text(data, "default_language", "", required=False, default="vi")
    if languages and default not in languages:
        r.error("default_language", f'"{default}" is not one of [languages]')
    ordered = {default: languages[default]} if default in languages else {}
    ordered.update({k: v for k, v in languages.items() if k != default})
    sections = _sections(r.table(data, "sections"), r, tuple(ordered))
    organization = _organization(r.table(data, "organization"), r, tuple(ordered))
    trust = data.get("trust_html", False)
    if not isinstance(trust, bool):
        r.error("trust_html", "must be true or false")
        trust = False
    config = SiteConfig(
        base_url=base_url, default_language=default, languages=ordered, timezone_name=tz_name, tz=tz,
        sections=sections, items_per_page=r.integer(data, "items_per_page", 10, 1, 500),
        feed_limit=r.integer(data, "feed_limit", 20, 1, 1000),
        home_items_per_section=r.integer(data, "home_items_per_section", 3, 0, 50),
        trust_html=trust, organization=organization)
    return None if len(diags.errors) > errors_before else config


def _languages(table: dict[str, Any], r: _Reader) -> dict[str, Language]:
    result: dict[str, Language] = {}
    if not table:
        r.error("languages", "at least one language is required", "add [languages.vi] and [languages.en]")
    for code, value in table.items():
        prefix = f"languages.{code}."
        if code not in SUPPORTED_LANGUAGES:
            r.error(f"languages.{code}", "unsupported language", f"supported: {', '.join(SUPPORTED_LANGUAGES)}")
            continue
        if not isinstance(value, dict):
            r.error(f"languages.{code}", "must be a table")
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
            r.error(f"sections.{key}", "must be a table named by the section's folder (lower-case, hyphens)")
            continue
        r.unknown(value, f"sections.{key}.", langs)
        titles: dict[str, str] = {}
        slugs: dict[str, str] = {}
        for lang in langs:
            prefix = f"sections.{key}.{lang}."
            per = value.get(lang)
            if not isinstance(per, dict):
                r.error(f"sections.{key}.{lang}", "is required", f'{lang} = {{ title = "...", slug = "..." }}')
                continue
            r.unknown(per, prefix, SECTION_KEYS)
            titles[lang] = r.text(per, "title", prefix)
            slugs[lang] = r.text(per, "slug", prefix)
            if slugs[lang] and not _SLUG.match(slugs[lang]):
                r.error(prefix + "slug", f'"{slugs[lang]}" is not a URL slug', "use lower-case ASCII letters, digits and hyphens")
        result[key] = Section(key=key, titles=titles, slugs=slugs)
    return result


def _organization(table: dict[str, Any], r: _Reader, langs: tuple[str, ...]) -> Organization:
    r.unknown(table, "organization.", ORG_KEYS)
    names = table.get("name", {})
    if isinstance(names, str):
        names = {lang: names for lang in langs}
    if not isinstance(names, dict) or not all(isinstance(names.get(lang), str) for lang in langs):
        r.error("organization.name", "must give the organisation's name in every language",
                'name = { vi = "...", en = "..." }')
        names = {lang: "" for lang in langs}
    return Organization(names=dict(names), url=str(table.get("url", "")), email=str(table.get("email", "")))
