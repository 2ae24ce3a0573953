"""The entry cache gives back exactly the entry the parser made, zone and all."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sitegen.diagnostics import Diagnostics
from sitegen.incremental import entry_cache
from sitegen.load.config import load_config
from sitegen.load.content import load_entry
from tests.conftest import SITES


def test_round_trip_of_every_mini_article():
    config = load_config(SITES / "mini", Diagnostics())
    for path in sorted((SITES / "mini" / "content").rglob("*.md")):
        kind = "index" if path.name.startswith("_index") else ("page" if path.parent.name == "pages" else "article")
        section = None if kind == "page" or path.parent.name == "content" else path.parent.name
        diags = Diagnostics()
        entry = load_entry(path, SITES / "mini", kind, section, config, diags)
        again, problems, key = entry_cache.from_json(entry_cache.to_json(entry, tuple(diags.items), "k", config), config)
        assert key == "k"
        assert again == entry
        assert problems == tuple(diags.items)
        if entry.date:
            assert again.date.tzinfo is entry.date.tzinfo


def test_fixed_offsets_survive(tmp_path: Path):
    config = load_config(SITES / "mini", Diagnostics())
    (tmp_path / "a.vi.md").write_text("---\ntitle: A\ndate: 2020-02-06T08:00+00:00\n---\nx\n", encoding="utf-8")
    entry = load_entry(tmp_path / "a.vi.md", tmp_path, "article", "news", config, Diagnostics())
    again, _, _ = entry_cache.from_json(entry_cache.to_json(entry, (), "k", config), config)
    assert again.date == datetime(2020, 2, 6, 15, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert again.date.utcoffset() == entry.date.utcoffset()
