"""Interface strings of the templates in each language; a missing key is a programming error caught by tests.

The strings live in `i18n_strings.toml` beside this module (one `[key]` with its `vi` and `en`
text, as in the message catalogue), read once when this module is imported.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

STRINGS_FILE = Path(__file__).with_name("i18n_strings.toml")
LANGUAGES = ("vi", "en")


def _load() -> dict[str, dict[str, str]]:
    """language -> key -> text, from the data file."""
    with STRINGS_FILE.open("rb") as handle:
        entries: dict[str, dict[str, str]] = tomllib.load(handle)
    return {lang: {key: texts[lang] for key, texts in entries.items() if lang in texts} for lang in LANGUAGES}


STRINGS: dict[str, dict[str, str]] = _load()


def translate(lang: str, key: str, **values: object) -> str:
    """The interface string `key` in `lang`, with {placeholders} filled in."""
    text = STRINGS[lang][key]
    return text.format(**values) if values else text
