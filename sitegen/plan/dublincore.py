"""Dublin Core's DC.date of pages that have no date of their own: the newest content in their language."""

from __future__ import annotations

from collections.abc import Iterable

from sitegen.model import Entry


def entry_date(entry: Entry) -> str:
    """An entry's DC.date: its last real change (`updated`), else its date; "" for undated pages."""
    when = entry.updated or entry.date
    return when.date().isoformat() if when else ""


def newest_dates(entries: Iterable[Entry], langs: list[str]) -> dict[str, str]:
    """For each language, the newest entry date (W3CDTF, YYYY-MM-DD): when that side of the site last changed."""
    newest = dict.fromkeys(langs, "")
    for entry in entries:
        date = entry_date(entry)
        if entry.lang in newest and date > newest[entry.lang]:
            newest[entry.lang] = date
    return newest
