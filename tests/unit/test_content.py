"""Articles: front matter typed by a schema, translations paired, drafts and future posts left out."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sitegen.diagnostics import Diagnostics
from sitegen.load.config import load_config
from sitegen.load.content import load_entries
from tests.conftest import SITES

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 26, 12, tzinfo=TZ)


def site(tmp_path: Path, files: dict[str, str]) -> Path:
    (tmp_path / "site.toml").write_text((SITES / "mini" / "site.toml").read_text(encoding="utf-8"), encoding="utf-8")
    for name, text in files.items():
        path = tmp_path / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def load(root: Path, drafts: bool = False, future: bool = False):
    diags = Diagnostics()
    config = load_config(root, diags)
    entries, left_out = load_entries(root, config, NOW, drafts, future, diags)
    return entries, left_out, diags


def test_yaml_keeps_text_as_written(tmp_path: Path):
    root = site(tmp_path, {"news/a.vi.md": "---\ntitle: 2020\ndate: 2020-02-06\nsummary: 10:30\ntags: [NO, 07, yes]\n---\nx\n"})
    (entry,), _, diags = load(root)
    assert not diags.items
    assert entry.title == "2020" and entry.summary == "10:30" and entry.tags == ("NO", "07", "yes")


def test_dates_are_aware_in_the_site_timezone(tmp_path: Path):
    root = site(tmp_path, {"news/a.vi.md": "---\ntitle: A\ndate: 2020-02-06T08:30\nupdated: 2020-03-01T01:00Z\n---\n",
                           "news/b.vi.md": "---\ntitle: B\ndate: 2020-02-06\n---\n"})
    (a, b), _, _ = load(root)
    assert a.date == datetime(2020, 2, 6, 8, 30, tzinfo=TZ) and a.date.utcoffset().total_seconds() == 7 * 3600
    assert a.updated.isoformat() == "2020-03-01T01:00:00+00:00"
    assert b.date == datetime(2020, 2, 6, tzinfo=TZ)


def test_translations_pair_by_name_or_key(tmp_path: Path):
    root = site(tmp_path, {
        "news/tin.vi.md": "---\ntitle: Tin\ndate: 2020-01-01\n---\n",
        "news/news.en.md": "---\ntitle: News\ndate: 2020-01-01\ntranslation_key: news/tin\n---\n",
        "news/khong-dich.md": "---\ntitle: Không dịch\ndate: 2020-01-01\n---\n",
    })
    entries, _, _ = load(root)
    keys = {(e.lang, e.translation_key) for e in entries}
    assert keys == {("vi", "news/tin"), ("en", "news/tin"), ("vi", "news/khong-dich")}


def test_slugs_from_names_and_front_matter(tmp_path: Path):
    root = site(tmp_path, {"news/Đổi mới.vi.md": "---\ntitle: A\ndate: 2020-01-01\n---\n",
                           "news/b.en.md": "---\ntitle: B\ndate: 2020-01-01\nslug: Startup News\n---\n"})
    entries, _, diags = load(root)
    assert sorted(e.slug for e in entries) == ["doi-moi", "startup-news"]
    assert [d.message for d in diags.warnings] == ["slug 'Startup News' was written as 'startup-news'"]


def test_drafts_and_future_are_left_out_and_said(tmp_path: Path):
    root = site(tmp_path, {"news/d.vi.md": "---\ntitle: D\ndate: 2020-01-01\ndraft: true\n---\n",
                           "news/f.vi.md": "---\ntitle: F\ndate: 2030-01-01\n---\n"})
    entries, left_out, _ = load(root)
    assert entries == [] and len(left_out) == 2
    entries, left_out, _ = load(root, drafts=True, future=True)
    assert len(entries) == 2 and left_out == []


def test_unknown_key_warns_with_nearest(tmp_path: Path):
    root = site(tmp_path, {"news/a.vi.md": "---\ntitle: A\ndate: 2020-01-01\ntag: [x]\n---\n"})
    _, _, diags = load(root)
    (warning,) = diags.warnings
    assert warning.format() == ("content/news/a.vi.md:4: warning: unknown front matter key 'tag' is ignored\n"
                                "    hint: did you mean 'tags'?")


def test_document_metadata(tmp_path: Path):
    root = site(tmp_path, {"policies/k.vi.md": "---\ntitle: K\ndate: 2020-02-05\ndocument:\n  number: 06/KH\n"
                                               "  issued: 2020-02-05\n  file: documents/x.pdf\n---\n"})
    entries, _, diags = load(root)
    assert entries == []
    assert diags.errors[0].format().startswith('content/policies/k.vi.md:7: file "documents/x.pdf" must start with /')


def test_junk_files_are_ignored_and_other_files_warned(tmp_path: Path):
    root = site(tmp_path, {"news/.DS_Store": "x", "news/~$bai.docx": "x", "news/a.vi.md.swp": "x",
                           "news/bai.docx": "x"})
    _, _, diags = load(root)
    assert [d.path for d in diags.warnings] == ["content/news/bai.docx"]
