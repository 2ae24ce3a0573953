"""The project's own content: both languages everywhere, and no fact the sources do not give.

The sources are shared/seed/ (the 2020 plan as the Department announced it) and
shared/facts/ (public facts about the Department and the units, each with its source).
A sentence of the facts file that reports a fact as NOT FOUND (or unverified) is no source.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import PROJECT

CONTENT = PROJECT / "content"


def _shared() -> Path:
    """shared/ beside the checkout, or beside one of its parents (a git worktree sits deeper)."""
    for folder in PROJECT.parents:
        if (folder / "shared" / "seed").is_dir():
            return folder / "shared"
    return PROJECT.parent / "shared"


SHARED = _shared()
SEED = SHARED / "seed"
FACTS = SHARED / "facts"

# Calendars: an all-day event spans the month, quarter or year the sources name, so its first
# and last days count as given.
CALENDARS = "events/*.yaml"

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH = "(" + "|".join(MONTHS) + ")"
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4}

# a sentence of the facts file that says what was looked for and not found states no fact
UNFOUND = ("not found", "found no", "returned nothing", "not confirmed", "unverified")

PHONE = re.compile(r"\b0\d{3,4}[. ]\d{3}[. ]\d{3}\b")
# a Vietnamese document symbol: 06/KH-SKHCN, 57/2019/NQ-HĐND, 844/QĐ-TTg
SYMBOL = re.compile(r"\b\d+(?:/\d{4})?/\s?[A-ZĐ][A-Za-zĐđ&]*(?:-\s?[A-ZĐ][A-Za-zĐđ&]*)*")


def _norm_symbol(symbol: str) -> str:
    return re.sub(r"\s+", "", symbol).upper()


@dataclass
class Dates:
    days: set[tuple[int, int, int]] = field(default_factory=set)
    months: set[tuple[int, int]] = field(default_factory=set)
    quarters: set[tuple[int, int]] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    whole_years: set[int] = field(default_factory=set)   # "năm 2020": a period of one year


def find_dates(text: str, *, implied_months: bool = True) -> Dates:
    """Dates written as the sources and the content write them, Vietnamese, English and ISO.
    A day implies its month (in the sources: "05/02/2020" gives February 2020)."""
    found = Dates()
    low = text.lower()
    for d, m, y in re.findall(r"\b(\d{1,2})[/-](\d{1,2})[/-](\d{4})\b", low):
        found.days.add((int(y), int(m), int(d)))
    for d, m, y in re.findall(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", low):
        found.days.add((int(y), int(m), int(d)))
    for d, month, y in re.findall(r"\b(\d{1,2}) " + _MONTH + r" (\d{4})\b", low):
        found.days.add((int(y), MONTHS.index(month) + 1, int(d)))
    for y, m, d in re.findall(r"\b(\d{4})-(\d{2})-(\d{2})\b", low):
        found.days.add((int(y), int(m), int(d)))
    for first, last, y in re.findall(r"tháng\s+(\d{1,2})\s+đến\s+tháng\s+(\d{1,2})\s*/\s*(\d{4})", low):
        found.months.update((int(y), m) for m in range(int(first), int(last) + 1))
    for ms, y in re.findall(r"tháng\s+(\d{1,2}(?:\s*(?:,|và)\s*(?:tháng\s+)?\d{1,2})*)\s*/\s*(\d{4})", low):
        found.months.update((int(y), int(m)) for m in re.findall(r"\d+", ms))
    for month, y in re.findall(r"(?<!\d )\b" + _MONTH + r" (\d{4})\b", low):
        found.months.add((int(y), MONTHS.index(month) + 1))
    for y, m in re.findall(r"\b(\d{4})-(\d{2})\b(?!-\d)", low):
        found.months.add((int(y), int(m)))
    if implied_months:
        found.months.update((y, m) for y, m, _ in found.days)
    for q, y in re.findall(r"qu[ýí]\s+(iv|i{1,3})(?:\s*/\s*|\s+năm\s+)(\d{4})", low):
        found.quarters.add((int(y), ROMAN[q]))
    for q, y in re.findall(r"\bq([1-4]) (\d{4})\b", low):
        found.quarters.add((int(y), int(q)))
    for y, q in re.findall(r"\b(\d{4})-q([1-4])\b", low):
        found.quarters.add((int(y), int(q)))
    for q, y in re.findall(r"\b(first|second|third|fourth) quarter of (\d{4})\b", low):
        found.quarters.add((int(y), ORDINAL[q]))
    found.years = {int(y) for y in re.findall(r"\b(1\d{3}|2\d{3})\b", low)}
    found.whole_years = {int(y) for y in re.findall(r"năm\s+(\d{4})\b", low)}
    return found


@dataclass
class Sources:
    text: str
    numbers: set[int]
    dates: Dates
    symbols: set[str]

    @classmethod
    def load(cls) -> Sources:
        seed = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEED.glob("*.txt")))
        facts = "\n".join(p.read_text(encoding="utf-8") for p in sorted(FACTS.glob("*.md")))
        facts = re.sub(r"https?://\S+", "", facts)   # page addresses are not facts
        facts = " ".join(s for s in re.split(r"(?<=[.!?])\s+|\n", facts)
                         if not any(m in s.lower() for m in UNFOUND))
        text = seed + "\n" + facts
        # list numbering, quarters, page weights, and the last days of months the sources name
        numbers = {int(n) for n in re.findall(r"\d+", text)} | {1, 2, 3, 4, 5, 6, 10, 20, 30, 31}
        symbols = {_norm_symbol(s) for s in SYMBOL.findall(text)}
        return cls(text, numbers, find_dates(text), symbols)

    def bounds(self) -> set[tuple[int, int, int]]:
        """First and last days of the months, quarters and whole years the sources name."""
        spans = [(y, m, m) for y, m in self.dates.months]
        spans += [(y, 3 * q - 2, 3 * q) for y, q in self.dates.quarters]
        spans += [(y, 1, 12) for y in self.dates.whole_years]
        days = set()
        for y, first, last in spans:
            days.add((y, first, 1))
            days.add((y, last, calendar.monthrange(y, last)[1]))
        return days

    def unsourced(self, text: str, *, dates: bool = True, spans: bool = False) -> list[str]:
        """What in TEXT the sources do not give: numbers, phone numbers, document symbols and
        (with DATES) every day, month, quarter and year; with SPANS, the first and last days
        of sourced months, quarters and years count as given (a calendar's all-day events)."""
        text = _strip_names(text)
        wrong = [f"number {n}" for n in re.findall(r"\d+", text) if int(n) not in self.numbers]
        wrong += [f"phone {p}" for p in PHONE.findall(text) if p not in self.text]
        wrong += [f"document {s}" for s in SYMBOL.findall(text) if _norm_symbol(s) not in self.symbols]
        if dates:
            found, known = find_dates(text, implied_months=False), self.dates
            given = known.days | (self.bounds() if spans else set())
            wrong += [f"date {y}-{m:02}-{d:02}" for y, m, d in sorted(found.days - given)]
            wrong += [f"month {y}-{m:02}" for y, m in sorted(found.months - known.months)
                      if not (m in (1, 12) and y in known.whole_years)]   # bounds of "năm 2020"
            wrong += [f"quarter {y}-Q{q}" for y, q in sorted(found.quarters - known.quarters)]
            wrong += [f"year {y}" for y in sorted(found.years - known.years)]
        return wrong


def _strip_names(text: str) -> str:
    """Leave out what names things rather than states facts: link targets, ids, slugs."""
    text = re.sub(r"\]\([^)]*\)", "]", text)                # link targets are file names, not facts
    text = re.sub(r"^\s*(id|slug|translation_key):.*$", "", text, flags=re.M)
    return re.sub(r"\b(?=[a-z0-9-]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)+\b", "", text)  # slugs and ids


@pytest.fixture(scope="module")
def sources() -> Sources:
    if not SEED.is_dir() or not FACTS.is_dir():
        pytest.skip("shared/seed/ or shared/facts/ (the sources) is not beside this checkout")
    return Sources.load()


def test_every_article_and_page_exists_in_both_languages():
    for path in sorted(CONTENT.rglob("*.vi.md")):
        assert path.with_name(path.name.replace(".vi.md", ".en.md")).is_file(), path
    for path in sorted(CONTENT.rglob("*.en.md")):
        assert path.with_name(path.name.replace(".en.md", ".vi.md")).is_file(), path


def test_every_number_and_date_in_the_content_comes_from_the_sources(sources):
    """Articles, pages, calendars, the programme (content/programme/*.yaml) and its organisations
    (content/organisations.yaml): every number, date, phone number and document symbol."""
    calendars = set(CONTENT.glob(CALENDARS))
    checked = sorted(p for p in CONTENT.rglob("*") if p.suffix in (".md", ".yaml"))
    assert CONTENT / "organisations.yaml" in checked
    assert any(p.parent.name == "programme" for p in checked)
    invented = []
    for path in checked:
        text = path.read_text(encoding="utf-8")
        invented += [f"{path.relative_to(PROJECT)}: {w}"
                     for w in sources.unsourced(text, spans=path in calendars)]
    assert not invented, invented


def test_the_organisation_contacts_in_site_toml_come_from_the_sources(sources):
    organization = tomllib.loads((PROJECT / "site.toml").read_text(encoding="utf-8"))["organization"]

    def texts(value):
        if isinstance(value, dict):
            for v in value.values():
                yield from texts(v)
        elif isinstance(value, list):
            for v in value:
                yield from texts(v)
        elif isinstance(value, str):
            yield value

    invented = [w for key, value in organization.items() if key not in ("name", "url")
                for t in texts(value) for w in sources.unsourced(t, dates=True)]
    for key in ("phone", "fax"):
        if key in organization:
            assert PHONE.fullmatch(organization[key]) and organization[key] in sources.text, key
    assert "email" not in organization or organization["email"] in sources.text  # none was found
    assert not invented, invented


def test_the_checks_catch_invented_facts(sources):
    """An invented number, date, month, quarter, phone or document fails; the sourced ones pass."""
    sourced = ("Kế hoạch số 06/KH-SKHCN ngày 05/02/2020, quý II/2020, tháng 5, 6/2020; "
               "Decision No. 844/QĐ-TTg of 18 May 2016; tel 02603.865.490; when: 2020-Q3; "
               "when: {start: 2020-07, end: 2020-08}; date: 2007-02-14")
    assert sources.unsourced(sourced, dates=True) == []
    for invented in ("Quyết định số 777/QĐ-UBND", "ít nhất 25 doanh nghiệp", "ngày 03/09/2020",
                     "ngày 15/05/2020", "date: 2020-03-15", "when: 2020-09", "when: 2020-Q4",
                     "in the fourth quarter of 2020", "tel 02603.111.222", "Quyết định số 09/QĐ-UBND",
                     "founded in 1989"):
        assert sources.unsourced(invented, dates=True), invented
    assert sources.unsourced("end: 2020-06-30", spans=True) == []      # last day of June 2020
    assert sources.unsourced("start: 2020-10-01", spans=True)          # October 2020: no source
    assert sources.unsourced("when: 2020-06-30")                       # a plan's day must be given
