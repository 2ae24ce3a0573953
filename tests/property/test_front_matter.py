"""Front matter and calendars read back exactly what the editor wrote (promises 7 and 8)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

from hypothesis import assume, given
from hypothesis import strategies as st

from sitegen.diagnostics import Diagnostics
from sitegen.load.content import load_entry
from sitegen.load.events import load_calendars
from sitegen.load.schema import parse_when
from sitegen.load.sources import _mojibake as looks_garbled
from tests.property.support import PROPERTY, any_text, editor_text, loaded_text, mini_config, scratch_folder, tricky_words

ROOT = scratch_folder()
(ROOT / "content" / "news").mkdir(parents=True)
(ROOT / "content" / "events").mkdir(parents=True)


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML), as careful editors write text."""
    return json.dumps(text, ensure_ascii=False)


def load_article(front: str):
    path = ROOT / "content" / "news" / "bai.vi.md"
    path.write_text(f"---\n{front}date: 2020-02-06\n---\nNội dung.\n", encoding="utf-8")
    diags = Diagnostics()
    entry = load_entry(path, ROOT, "article", "news", mini_config(), diags)
    return entry, diags


@PROPERTY
@given(st.one_of(tricky_words, st.builds(lambda a, b: f"{a} {b}", tricky_words, editor_text)))
def test_plain_values_stay_text_as_written(word: str):
    """`title: NO`, `title: 10:30`, `tags: [07]`: YAML 1.1 guessing never changes them."""
    word = word.strip()
    assume(word and not word.startswith(("-", ":", "#", "'", '"', "&", "<", ">", "~", ",", "/", "."))
           and ": " not in word and " #" not in word and not word.endswith(":") and word.lower() != "null")
    entry, diags = load_article(f"title: {word}\ntags:\n  - {word}\nsummary: {word}\n")
    assert entry is not None, diags.errors
    assert entry.title == entry.summary == word
    assert entry.tags == (word,)


@PROPERTY
@given(any_text, any_text)
def test_any_quoted_text_is_read_back(title: str, tag: str):
    """Any Unicode (Vietnamese, quotes, colons, controls) written as a quoted scalar is read back,
    normalised to NFC with invisible characters removed (and a warning) but otherwise as written."""
    assume(loaded_text(title) and loaded_text(tag) and "," not in tag)
    assume(looks_garbled(title + " " + tag) is None)   # UTF-8 misread as Windows-1252 is refused by design
    entry, diags = load_article(f"title: {quoted(title)}\ntags: [{quoted(tag)}]\n")
    if entry is None:   # the only refusal allowed: a tag that cannot become a URL
        assert all("tag" in d.message for d in diags.errors), diags.errors
        return
    assert entry.title == loaded_text(title)
    assert entry.tags == (loaded_text(tag),)


when = st.one_of(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31)).map(lambda d: d.replace(microsecond=0)),
    st.builds(lambda d, minutes: d.replace(microsecond=0, tzinfo=timezone(timedelta(minutes=minutes))),
              st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2200, 12, 30)),
              st.integers(-14 * 60, 14 * 60)),
)


@PROPERTY
@given(when, st.sampled_from(["T", " "]), st.booleans())
def test_dates_and_times_are_read_as_written(value, separator: str, seconds: bool):
    """Every date or time an editor can write is the same instant once read (no offset = site timezone)."""
    tz = mini_config().tz
    if isinstance(value, datetime):
        written = value.strftime(f"%Y-%m-%d{separator}%H:%M" + (":%S" if seconds or value.second else ""))
        if value.tzinfo is not None:
            offset = value.utcoffset()
            sign = "-" if offset < timedelta(0) else "+"
            minutes = abs(int(offset.total_seconds())) // 60
            written += f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
        expected = value if value.tzinfo is not None else value.replace(tzinfo=tz)
        assert parse_when(written, tz) == expected
    else:
        assert parse_when(value.isoformat(), tz) == value


@PROPERTY
@given(any_text, any_text, st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)))
def test_calendar_text_and_times_are_read_back(title: str, location: str, start: datetime):
    assume(loaded_text(title) and looks_garbled(title + " " + location) is None)
    start = start.replace(second=0, microsecond=0)
    path = ROOT / "content" / "events" / "lich.yaml"
    path.write_text(f"title: {{vi: Lịch, en: Calendar}}\nevents:\n  - id: su-kien\n    title: {quoted(title)}\n"
                    f"    location: {{vi: {quoted(location)}}}\n    start: {start:%Y-%m-%dT%H:%M}\n",
                    encoding="utf-8")
    diags = Diagnostics()
    calendars = load_calendars(ROOT, mini_config(), diags)
    assert not diags.errors, diags.errors
    event = calendars[0].events[0]
    assert event.title == {"vi": loaded_text(title), "en": loaded_text(title)}
    assert event.location.get("vi", "") == loaded_text(location)
    assert event.start == start.replace(tzinfo=mini_config().tz)
