"""A plan's time frames as the plan wrote them: a year, a quarter, a month, a day, or a range of those.

Pure: text in, values out. `parse` reads one written period ("2020", "2020-Q2", "2020-05",
"2020-05-01"); `TimeFrame` spans a start and an end period; `label` writes it as a person
would ("Quý II/2020", "Q2 2020", "Tháng 5–6/2020", "May–June 2020").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

YEAR, QUARTER, MONTH, DAY = "year", "quarter", "month", "day"
_PERIOD = re.compile(r"^(\d{4})(?:-(?:[Qq]([1-4])|(\d{1,2}))(?:-(\d{1,2}))?)?$")
ROMAN = ("I", "II", "III", "IV")
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")


@dataclass(frozen=True, order=True)
class Period:
    """One written period: its kind and its first and last days (inclusive)."""

    first: date
    last: date
    kind: str

    @property
    def quarter(self) -> int:
        return (self.first.month - 1) // 3 + 1


@dataclass(frozen=True)
class TimeFrame:
    """From the start of `start` to the end of `end` (the same period when one was written)."""

    start: Period
    end: Period

    @property
    def first(self) -> date:
        return self.start.first

    @property
    def last(self) -> date:
        return self.end.last

    def ends_at(self, tz: tzinfo) -> datetime:
        """The instant the time frame is over: midnight after its last day, in the site timezone."""
        after = self.last + timedelta(days=1)
        return datetime(after.year, after.month, after.day, tzinfo=tz)

    def starts_at(self, tz: tzinfo) -> datetime:
        return datetime(self.first.year, self.first.month, self.first.day, tzinfo=tz)

    def months(self) -> list[tuple[int, int]]:
        """Every (year, month) the time frame touches, in order."""
        found = []
        year, month = self.first.year, self.first.month
        while (year, month) <= (self.last.year, self.last.month):
            found.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return found

    def iso(self) -> str:
        """ISO 8601 interval (2020-04-01/2020-06-30), for structured data."""
        return f"{self.first.isoformat()}/{self.last.isoformat()}"


def _month_end(year: int, month: int) -> date:
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return following - timedelta(days=1)


def parse(raw: str) -> Period | None:
    """One written period, or None when it is not one of the four forms (or not a real date)."""
    match = _PERIOD.match(raw.strip())
    if not match:
        return None
    year, quarter, month, day = match.groups()
    y = int(year)
    if quarter:
        if day:
            return None
        q = int(quarter)
        return Period(date(y, 3 * q - 2, 1), _month_end(y, 3 * q), QUARTER)
    if month is None:
        return Period(date(y, 1, 1), date(y, 12, 31), YEAR)
    m = int(month)
    if not 1 <= m <= 12:
        return None
    if day is None:
        return Period(date(y, m, 1), _month_end(y, m), MONTH)
    try:
        one = date(y, m, int(day))
    except ValueError:
        return None
    return Period(one, one, DAY)


def single(raw: str) -> TimeFrame | None:
    period = parse(raw)
    return TimeFrame(period, period) if period else None


def span(start: str, end: str) -> TimeFrame | None:
    """A range; None when either end is unreadable (the caller checks the order with `in_order`)."""
    first, last = parse(start), parse(end)
    return TimeFrame(first, last) if first and last else None


def in_order(frame: TimeFrame) -> bool:
    """The start period begins and ends no later than the end period."""
    return frame.start.first <= frame.end.first and frame.start.last <= frame.end.last


# ---- labels ----------------------------------------------------------------------------------

def _vi(period: Period, with_year: bool = True) -> str:
    year = f"/{period.first.year}" if with_year else ""
    if period.kind == YEAR:
        return f"Năm {period.first.year}"
    if period.kind == QUARTER:
        return f"Quý {ROMAN[period.quarter - 1]}{year}"
    if period.kind == MONTH:
        return f"Tháng {period.first.month}{year}"
    day = period.first
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if with_year else f"{day.day:02d}/{day.month:02d}"


def _en(period: Period, with_year: bool = True) -> str:
    year = f" {period.first.year}" if with_year else ""
    if period.kind == YEAR:
        return str(period.first.year)
    if period.kind == QUARTER:
        return f"Q{period.quarter}{year}"
    if period.kind == MONTH:
        return f"{EN_MONTHS[period.first.month - 1]}{year}"
    day = period.first
    return f"{day.day} {EN_MONTHS[day.month - 1]}{year}"


def label(frame: TimeFrame, lang: str) -> str:
    """The time frame in words: "Quý III/2020", "Tháng 5–6/2020", "Q3 2020", "May–June 2020"."""
    one = _vi if lang == "vi" else _en
    start, end = frame.start, frame.end
    if start == end:
        return one(start)
    year = start.first.year
    if (start.first, end.last) == (date(year, 1, 1), date(year, 12, 31)):   # January to December: the year
        return one(Period(start.first, end.last, YEAR))
    same_year = start.first.year == end.first.year
    if same_year and start.kind == end.kind == QUARTER:
        if lang == "vi":
            return f"Quý {ROMAN[start.quarter - 1]}–{ROMAN[end.quarter - 1]}/{end.first.year}"
        return f"Q{start.quarter}–Q{end.quarter} {end.first.year}"
    if same_year and start.kind == end.kind == MONTH:
        if lang == "vi":
            return f"Tháng {start.first.month}–{end.first.month}/{end.first.year}"
        return f"{EN_MONTHS[start.first.month - 1]}–{EN_MONTHS[end.first.month - 1]} {end.first.year}"
    if lang == "vi" and same_year and start.kind == end.kind == DAY:
        return f"{one(start, False)}–{one(end)}"
    return f"{one(start)} – {one(end)}"
