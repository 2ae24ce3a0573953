"""Calendars: localized text with fallback, dates and times, inclusive ends, status."""

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sitegen.diagnostics import Diagnostics
from sitegen.load.config import load_config
from sitegen.load.events import end_exclusive, load_calendars
from tests.conftest import SITES

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def calendars(tmp_path: Path, text: str):
    (tmp_path / "site.toml").write_text((SITES / "mini" / "site.toml").read_text(encoding="utf-8"), encoding="utf-8")
    folder = tmp_path / "content" / "events"
    folder.mkdir(parents=True)
    (folder / "lich.yaml").write_text(text, encoding="utf-8")
    diags = Diagnostics()
    return load_calendars(tmp_path, load_config(tmp_path, diags), diags), diags


def test_all_day_timed_and_offset_events(tmp_path: Path):
    (cal,), diags = calendars(tmp_path, "title: Lịch\nevents:\n"
                              "  - {id: a, title: A, start: 2020-05-01, end: 2020-06-30}\n"
                              "  - {id: b, title: B, start: '2020-07-20T08:00', end: '2020-07-20T11:30'}\n"
                              "  - {id: c, title: C, start: 2020-07-20T08:00+00:00}\n")
    assert not diags.items
    a, b, c = cal.events
    assert a.all_day and end_exclusive(a) == date(2020, 7, 1)
    assert b.start == datetime(2020, 7, 20, 8, tzinfo=TZ) and not b.all_day
    assert c.start.utcoffset().total_seconds() == 0
    assert cal.title == {"vi": "Lịch", "en": "Lịch"}


def test_missing_language_falls_back_visibly(tmp_path: Path):
    (cal,), _ = calendars(tmp_path, "title: {vi: Lịch, en: Calendar}\nevents:\n"
                          "  - {id: a, title: {vi: Họp}, start: 2020-05-01, location: {vi: Kon Tum, en: Kon Tum City}}\n")
    (event,) = cal.events
    assert event.title == {"vi": "Họp", "en": "Họp"}
    assert event.fallback == ("title:en",)
    assert event.location["en"] == "Kon Tum City"


def test_bad_events_are_each_reported(tmp_path: Path):
    _, diags = calendars(tmp_path, "title: X\nevents:\n  - id: Bad Id\n    title: T\n    start: 2020-05-01\n"
                         "  - id: x\n    title: {en: Only English}\n    start: 2020-05-01\n"
                         "  - id: y\n    title: T\n    start: 2020-05-01\n    url: www.example.org\n")
    messages = [d.format().split("\n")[0] for d in diags.errors]
    assert messages == [
        "content/events/lich.yaml:3: event id 'Bad Id' must be lower-case ASCII words joined by hyphens",
        "content/events/lich.yaml:7: 'title' has no vi text",
        'content/events/lich.yaml:12: url "www.example.org" must start with http://, https:// or /',
    ]


def test_every_field_that_falls_back_is_marked(tmp_path: Path):
    (cal,), _ = calendars(tmp_path, "title: X\nevents:\n"
                          "  - {id: a, title: {vi: Họp}, start: 2020-05-01, location: {vi: Kon Tum},"
                          " description: {vi: Mô tả}}\n")
    assert cal.events[0].fallback == ("description:en", "location:en", "title:en")
