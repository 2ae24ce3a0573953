"""The month grid: one-day and short events in their days, long events once, above the days.

An event that lasts months drawn in every cell is noise (a numbered dot in 30 cells says
less than one line "1 May to 30 June"): events longer than a week are listed once, in a
row that spans the grid, and the days keep the events that happen on them.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

LONG_EVENT_DAYS = 7   # longer than a week: listed once, not drawn in each day


def is_long(first: date, last: date) -> bool:
    """Whether an event from `first` to `last` (inclusive) is shown once rather than in each day."""
    return (last - first).days + 1 > LONG_EVENT_DAYS


def month_layout(year: int, month: int, spans: dict[str, tuple[date, date]]) -> tuple[list[list[dict[str, Any]]], list[str]]:
    """Weeks (Monday first) of day cells with the ids of the short events on each day, and the long events' ids.

    `spans` maps each event of the month, in the order they are listed, to its first and last day.
    """
    long_ids = [key for key, (first, last) in spans.items() if is_long(first, last)]
    short = {key: span for key, span in spans.items() if key not in long_ids}
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append([{"day": d.day, "in_month": d.month == month, "iso": d.isoformat(),
                       "ids": [key for key, (first, last) in short.items() if first <= d <= last]} for d in week])
    return weeks, long_ids
