"""site.toml's [organization] -> Organization: the publisher's name, address, phones, hours and contacts.

Every problem names its key and line, like the rest of site.toml; text that readers see is
given in every language of the site (English is mandatory, contract §6).
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Protocol

from sitegen.messages import Msg, Text
from sitegen.model import Contact, Organization


class _Reader(Protocol):
    """What this module needs of site.toml's reader (load/config.py), which calls it."""

    lines: list[str]

    def line_of(self, dotted: str) -> int: ...

    def error(self, dotted: str, message: Text, hint: Text = "") -> None: ...

    def error_at(self, line: int, dotted: str, message: Text, hint: Text = "") -> None: ...

    def unknown(self, table: dict[str, Any], prefix: str, known: tuple[str, ...]) -> None: ...

ORG_KEYS = ("name", "url", "address", "phone", "fax", "email", "hours", "contacts")
CONTACT_KEYS = ("name", "title", "phone", "email")
_PHONE = re.compile(r"^\+?[0-9][0-9 .()\-]{4,30}[0-9]$")
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$")
_URL = re.compile(r"^https?://[^/\s]+(/\S*)?$")

class _OrgReader:
    """Typed reading of one table of [organization], reporting at a line it knows how to find."""

    def __init__(self, r: _Reader, langs: tuple[str, ...], prefix: str, line_of: Any):
        self.r, self.langs, self.prefix, self.line_of = r, langs, prefix, line_of

    def error(self, key: str, message: Text, hint: Text = "") -> None:
        self.r.error_at(self.line_of(key), f"{self.prefix}{key}", message, hint)

    def unknown(self, table: dict[str, Any], known: tuple[str, ...]) -> None:
        for key in table:
            if key not in known:
                near = difflib.get_close_matches(key, known, n=1)
                self.error(key, Msg("config-unknown-key"),
                           Msg("hint-did-you-mean", near=near[0]) if near else Msg("hint-known-keys", keys=list(known)))

    def localized(self, table: dict[str, Any], key: str, required: bool = False,
                  plain: bool = False) -> dict[str, str]:
        """{vi, en} text (every site language); a plain string too where `plain` (names)."""
        value = table.get(key)
        example = Msg("hint-org-languages", key=key, pairs=", ".join(f'{lang} = "..."' for lang in self.langs))
        if value is None:
            if required:
                self.error(key, Msg("config-required"), example)
            return {}
        if plain and isinstance(value, str):
            value = {lang: value for lang in self.langs}
        if not isinstance(value, dict):
            self.error(key, Msg("org-every-language"), example)
            return {}
        result: dict[str, str] = {}
        for lang, text in value.items():
            if lang not in self.langs:
                near = difflib.get_close_matches(lang, self.langs, n=1)
                self.error(f"{key}.{lang}", Msg("org-unknown-language"),
                           Msg("hint-did-you-mean", near=near[0]) if near else ", ".join(self.langs))
            elif not isinstance(text, str) or not text.strip():
                self.error(f"{key}.{lang}", Msg("org-not-text") if not isinstance(text, str) else Msg("org-empty"))
            else:
                result[lang] = " ".join(text.split())
        for lang in self.langs:
            if lang not in value:
                self.error(key, Msg("org-missing-language", lang=lang), Msg("hint-org-missing-language", example=example))
        return result if len(result) == len(self.langs) else {}

    def checked(self, table: dict[str, Any], key: str, pattern: re.Pattern[str], kind: str,
                required: bool = False) -> str:
        """One line of text that must match `pattern` (a phone number, an email address, a URL)."""
        value = table.get(key)
        if value is None:
            if required:
                self.error(key, Msg("config-required"))
            return ""
        if not isinstance(value, str) or not value.strip():
            self.error(key, Msg("org-not-text") if not isinstance(value, str) else Msg("org-empty"))
            return ""
        value = " ".join(value.split())
        if not pattern.match(value):
            self.error(key, Msg(f"org-{kind}", value=value), Msg(f"hint-org-{kind}"))
            return ""
        return value


def load_organization(table: dict[str, Any], r: _Reader, langs: tuple[str, ...]) -> Organization:
    """The [organization] table; problems go to `r` (the site.toml reader) with key and line."""
    o = _OrgReader(r, langs, "organization.", lambda key: r.line_of(f"organization.{key}"))
    o.unknown(table, ORG_KEYS)
    names = o.localized(table, "name", required=True, plain=True) or {lang: "" for lang in langs}
    return Organization(
        names=names, url=o.checked(table, "url", _URL, "url"), email=o.checked(table, "email", _EMAIL, "email"),
        address=o.localized(table, "address"), phone=o.checked(table, "phone", _PHONE, "phone"),
        fax=o.checked(table, "fax", _PHONE, "phone"), hours=o.localized(table, "hours"),
        contacts=_contacts(table.get("contacts"), r, langs))


def _contacts(value: Any, r: _Reader, langs: tuple[str, ...]) -> tuple[Contact, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        r.error("organization.contacts", Msg("org-contacts"), Msg("hint-org-contacts"))
        return ()
    result = []
    for number, item in enumerate(value, 1):
        o = _OrgReader(r, langs, f"organization.contacts[{number}].",
                       lambda key, n=number: contact_line(r.lines, n, key) or r.line_of("organization.contacts"))
        o.unknown(item, CONTACT_KEYS)
        contact = Contact(name=o.localized(item, "name", required=True, plain=True),
                          title=o.localized(item, "title", required=True),
                          phone=o.checked(item, "phone", _PHONE, "phone"),
                          email=o.checked(item, "email", _EMAIL, "email"))
        if contact.name and contact.title:
            result.append(contact)
    return tuple(result)


def contact_line(lines: list[str], number: int, key: str) -> int:
    """Line of `key` in the number-th [[organization.contacts]] table (its header if the key is not
    there); 0 when the contacts are written another way (an inline array)."""
    header = re.compile(r"^\s*\[\[\s*organization\s*\.\s*contacts\s*\]\]")
    starts = [index for index, line in enumerate(lines) if header.match(line)]
    if number > len(starts):
        return 0
    start = starts[number - 1]
    field = re.compile(rf"^\s*{re.escape(key.split('.')[0])}\s*=")
    for index in range(start + 1, len(lines)):
        if lines[index].lstrip().startswith("["):
            break
        if field.match(lines[index]):
            return index + 1
    return start + 1
