"""Every message editors read, by id, in Vietnamese and English: one catalogue, formatted when shown.

The texts live in `catalogue.toml` beside this module (id -> `en` and `vi`, named `{placeholders}`),
so a translator reviews them all in one file. Code refers to a message by its id and arguments
(`Msg("date-invalid", key="date", raw="...")`); the language is chosen only when the message is
shown (terminal, preview box, JSON), so one diagnostic can be shown in either language. Plain
strings are shown as they are (the old `diags.error(path, line, "text", "hint")` form).
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

CATALOGUE = Path(__file__).with_name("catalogue.toml")
LANGUAGES = ("vi", "en")
DEFAULT = "vi"
_FORMATTER = string.Formatter()


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """id -> {language: text}; read once, on the first message shown."""
    with CATALOGUE.open("rb") as handle:
        return tomllib.load(handle)


def placeholders(text: str) -> set[str]:
    """The `{name}` fields of a catalogue text."""
    return {name for _, name, _, _ in _FORMATTER.parse(text) if name}


@dataclass(frozen=True, order=True)
class Msg:
    """A message by id with its arguments; `render(lang)` gives its text. Arguments may be Msgs too."""

    id: str
    args: tuple[tuple[str, Any], ...] = ()

    def __init__(self, id: str, /, **args: Any) -> None:
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "args", tuple(sorted((k, tuple(v) if isinstance(v, list) else v)
                                                      for k, v in args.items())))

    def render(self, lang: str) -> str:
        entry = catalogue().get(self.id)
        if entry is None:   # an id missing from the catalogue is a bug: show it rather than crash
            return f"[{self.id}] " + ", ".join(f"{k}={render(v, lang)}" for k, v in self.args)
        template = entry.get(lang) or entry["en"]
        return template.format_map({key: render(value, lang) for key, value in self.args})

    def __str__(self) -> str:
        return self.render("en")

    def to_data(self) -> dict[str, Any]:
        """JSON-ready form (for caches): nested messages kept as messages."""
        return {"id": self.id, "args": {k: v.to_data() if isinstance(v, Msg) else v for k, v in self.args}}

    @staticmethod
    def from_data(data: Any) -> Msg | str:
        if not isinstance(data, dict):
            return data if isinstance(data, str) else ""
        args = {k: Msg.from_data(v) if isinstance(v, dict) else v for k, v in data.get("args", {}).items()}
        return Msg(data["id"], **args)


Text = str | Msg


def render(value: Any, lang: str) -> str:
    """A message in `lang`; plain text as it is; lists joined by commas."""
    if isinstance(value, Msg):
        return value.render(lang)
    if isinstance(value, (list, tuple)):
        return ", ".join(render(item, lang) for item in value)
    return str(value)


def t(id: str, lang: str, /, **args: Any) -> str:
    """Shortcut: the text of message `id` in `lang`."""
    return Msg(id, **args).render(lang)


def normal_language(code: str | None) -> str:
    """A supported message language (anything else falls back to the default, Vietnamese)."""
    return code if code in LANGUAGES else DEFAULT
