"""Time frames as plans write them: the four forms, ranges, their end instant, and labels in both languages."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from sitegen.load.timeframe import DAY, MONTH, QUARTER, YEAR, in_order, label, parse, single, span
from sitegen.messages import t

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(("raw", "kind", "first", "last"), [
    ("2020", YEAR, date(2020, 1, 1), date(2020, 12, 31)),
    ("2020-Q2", QUARTER, date(2020, 4, 1), date(2020, 6, 30)),
    ("2020-q4", QUARTER, date(2020, 10, 1), date(2020, 12, 31)),
    ("2020-05", MONTH, date(2020, 5, 1), date(2020, 5, 31)),
    ("2020-2", MONTH, date(2020, 2, 1), date(2020, 2, 29)),
    ("2020-05-01", DAY, date(2020, 5, 1), date(2020, 5, 1)),
    (" 2021-12 ", MONTH, date(2021, 12, 1), date(2021, 12, 31)),
])
def test_the_four_forms(raw: str, kind: str, first: date, last: date):
    period = parse(raw)
    assert period is not None
    assert (period.kind, period.first, period.last) == (kind, first, last)


@pytest.mark.parametrize("raw", ["2020-Q5", "2020-Q0", "2020-13", "2020-00", "2020-02-30", "Q2 2020", "20", "2020-Q2-01",
                                 "2020/05", "", "quý II"])
def test_what_is_not_a_time_frame(raw: str):
    assert parse(raw) is None


def test_end_instant_is_midnight_after_the_last_day_in_the_site_timezone():
    frame = single("2020-Q3")
    assert frame.ends_at(TZ) == datetime(2020, 10, 1, tzinfo=TZ)
    assert single("2020-12-31").ends_at(TZ) == datetime(2021, 1, 1, tzinfo=TZ)
    assert single("2020").starts_at(TZ) == datetime(2020, 1, 1, tzinfo=TZ)


def test_ranges_and_their_order():
    frame = span("2020-05", "2020-Q3")
    assert (frame.first, frame.last) == (date(2020, 5, 1), date(2020, 9, 30)) and in_order(frame)
    assert not in_order(span("2020-Q3", "2020-05"))
    assert not in_order(span("2020", "2020-06"))   # ends before its start period does
    assert span("2020-05", "soon") is None
    assert frame.months() == [(2020, m) for m in range(5, 10)]
    assert span("2020-11", "2021-02").months() == [(2020, 11), (2020, 12), (2021, 1), (2021, 2)]
    assert frame.iso() == "2020-05-01/2020-09-30"


@pytest.mark.parametrize(("start", "end", "vi", "en"), [
    ("2020", None, "Năm 2020", "2020"),
    ("2020-Q2", None, "Quý II/2020", "Q2 2020"),
    ("2020-Q3", None, "Quý III/2020", "Q3 2020"),
    ("2020-05", None, "Tháng 5/2020", "May 2020"),
    ("2020-05-01", None, "01/05/2020", "1 May 2020"),
    ("2020-05", "2020-06", "Tháng 5–6/2020", "May–June 2020"),
    ("2020-Q2", "2020-Q3", "Quý II–III/2020", "Q2–Q3 2020"),
    ("2020-05-01", "2020-05-10", "01/05–10/05/2020", "1 May 2020 – 10 May 2020"),
    ("2020-01", "2020-12", "Năm 2020", "2020"),
    ("2020-05", "2020-Q3", "Tháng 5/2020 – Quý III/2020", "May 2020 – Q3 2020"),
    ("2020-11", "2021-02", "Tháng 11/2020 – Tháng 2/2021", "November 2020 – February 2021"),
])
def test_labels_as_a_person_writes_them(start: str, end: str | None, vi: str, en: str):
    frame = single(start) if end is None else span(start, end)
    assert (label(frame, "vi"), label(frame, "en")) == (vi, en)


def test_forms_hint_names_every_form():
    for lang in ("vi", "en"):
        for form in ("2020", "2020-Q2", "2020-05", "2020-05-01", "{start: ..., end: ...}"):
            assert form in t("hint-timeframe-forms", lang)
