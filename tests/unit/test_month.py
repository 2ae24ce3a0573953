"""The month grid: short events in their days, long ones once."""

from __future__ import annotations

from datetime import date

from sitegen.plan.month import LONG_EVENT_DAYS, is_long, month_layout


def test_a_60_day_event_is_in_no_day_and_a_one_day_event_in_its_day():
    spans = {"long": (date(2026, 10, 1), date(2026, 11, 29)), "day": (date(2026, 11, 10), date(2026, 11, 10)),
             "weekend": (date(2026, 11, 14), date(2026, 11, 15))}
    weeks, long_ids = month_layout(2026, 11, spans)
    assert long_ids == ["long"]
    cells = {d["iso"]: d["ids"] for week in weeks for d in week}
    assert {iso: ids for iso, ids in cells.items() if ids} == {
        "2026-11-10": ["day"], "2026-11-14": ["weekend"], "2026-11-15": ["weekend"]}
    assert [d["day"] for d in weeks[0]][:1] == [26] and weeks[0][-1]["day"] == 1   # Monday first, 26 Oct to 1 Nov


def test_a_week_is_drawn_in_its_days_longer_is_not():
    start = date(2026, 11, 2)
    assert not is_long(start, date(2026, 11, 1 + LONG_EVENT_DAYS))
    assert is_long(start, date(2026, 11, 2 + LONG_EVENT_DAYS))
