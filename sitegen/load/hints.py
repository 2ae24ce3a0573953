"""Hints for what editors actually type: day-first dates, tabs, unquoted text in {vi, en}, Vietnamese names."""

from __future__ import annotations

import re
from datetime import date

from sitegen.text import slugify

# 01/12/2026, 1-12-2026, 1.12.2026 (day first, as Vietnamese write), optionally with a time;
# and 2026/12/01 (year first, wrong separator).
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]+(\d{1,2})[:hg](\d{2}))?$")
_YEAR_FIRST = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[ T]+(\d{1,2})[:hg](\d{2}))?$")


def date_suggestion(raw: str) -> str:
    """The ISO form of a date written the Vietnamese way ("01/12/2026" -> "2026-12-01"); "" if none."""
    text = raw.strip()
    match = _DAY_FIRST.match(text)
    if match:
        day, month, year, hour, minute = match.groups()
        if int(month) > 12 >= int(day):   # 12/25/2026 can only be month first
            day, month = month, day
    else:
        match = _YEAR_FIRST.match(text)
        if not match:
            return ""
        year, month, day, hour, minute = match.groups()
    try:
        date(int(year), int(month), int(day))
    except ValueError:
        return ""
    iso = f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    if hour is not None:
        if int(hour) > 23 or int(minute) > 59:
            return ""
        iso += f"T{int(hour):02d}:{minute}"
    return iso


def tab_line(text: str) -> int:
    """The 1-based line of the first line indented with a tab, or 0."""
    for number, line in enumerate(text.split("\n"), 1):
        indent = line[:len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            return number
    return 0


def section_for(name: str, sections: dict) -> str:
    """The section key an editor meant by a URL slug ("tin-tuc") or a title ("Tin tức"); "" if none.

    `sections`: key -> Section (with `titles` and `slugs` per language).
    """
    wanted = {name, slugify(name)}
    for key, section in sections.items():
        names = {*section.slugs.values(), *(slugify(title) for title in section.titles.values())}
        if wanted & names or slugify(name) == key:
            return key
    return ""
