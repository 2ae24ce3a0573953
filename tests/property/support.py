"""Shared pieces of the property suites: settings, text strategies, and an in-memory mini site.

Every property runs at least 200 examples, derandomized (the same examples on every run)
and without a deadline (a slow 2-core CI machine must not turn a pass into a flake).
"""

from __future__ import annotations

import dataclasses
import tempfile
from datetime import datetime
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from sitegen.diagnostics import Diagnostics
from sitegen.load.config import load_config
from sitegen.model import Entry, Site, SiteConfig
from sitegen.plan.pages import Planner
from sitegen.recipe import BuildOptions, generate
from sitegen.text import nfc, strip_invisible
from tests.conftest import SITES

PROPERTY = settings(max_examples=200, derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵĐĂÂÊÔƠƯ"
# Any Unicode text an editor could paste (surrogates excluded: they cannot exist in a UTF-8 file).
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
editor_text = st.text(st.sampled_from(VIETNAMESE + " :,'\"#&<>-–/0123456789NOnoYesTrue.~"), min_size=1, max_size=40)
# Values YAML 1.1 would turn into something else if the loader guessed types.
tricky_words = st.sampled_from(["NO", "no", "yes", "Yes", "on", "off", "true", "False", "10:30", "07", "0o17", "0x1F",
                                "1e3", "2020", "2020-02-06", ".inf", "-.5", "+1", "1_000", "0b101", "12:30:45", "1:2"])


def loaded_text(raw: str) -> str:
    """What the loader makes of a text value: NFC, invisible characters removed, outer spaces trimmed."""
    return strip_invisible(nfc(raw)).strip()


@cache
def mini_config() -> SiteConfig:
    config = load_config(SITES / "mini", Diagnostics())
    assert config is not None
    return config


@cache
def mini_site() -> Site:
    """The mini fixture site, loaded once; examples swap its entries and calendars."""
    diags = Diagnostics()
    options = BuildOptions(source=SITES / "mini", now=datetime.fromisoformat("2026-11-26T12:00:00+07:00"),
                           workers=1)
    result = generate(options, diags)
    assert result is not None and result.site is not None, diags.errors
    return result.site


def planner_with(entries: list[Entry] | None = None, calendars: list | None = None, html: dict | None = None) -> Planner:
    site = mini_site()
    changed = dataclasses.replace(site, entries=tuple(entries) if entries is not None else site.entries,
                                  calendars=tuple(calendars) if calendars is not None else site.calendars,
                                  html={**site.html, **(html or {})})
    return Planner(changed, Diagnostics())


def scratch_folder() -> Path:
    """A folder that lives for the whole session (hypothesis examples cannot use function fixtures)."""
    return Path(tempfile.mkdtemp(prefix="sitegen-property-"))
