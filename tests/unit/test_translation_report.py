"""The translation report: which versions are missing or outdated, by front-matter dates only."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from sitegen.model import Entry
from sitegen.verify.translations import TranslationGap, format_table, translation_gaps

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
LANGS = ["vi", "en"]
SECTIONS = ["policies", "news"]


def day(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def entry(path: str, date: str = "2020-02-06", updated: str | None = None, kind: str = "article", **extra) -> Entry:
    folder, file = path.rsplit("/", 1)
    name, lang, _ = file.split(".")
    section = None if kind == "page" else folder.split("/")[-1]
    key = f"{section or 'pages'}/{name}"
    base = Entry(kind=kind, source_path=path, lang=lang, section=section, name=name, translation_key=key, slug=name,
                 title=name, date=day(date), updated=day(updated) if updated else None, summary="", tags=(),
                 authors=(), draft=False, weight=0, document=None, body="", body_line=5)
    return replace(base, **extra)


def gaps(*entries: Entry) -> list[tuple[str, str, str]]:
    return [(g.status, g.lang, g.file) for g in translation_gaps(list(entries), LANGS, SECTIONS)]


def test_a_complete_pair_needs_nothing():
    assert gaps(entry("content/news/a.vi.md"), entry("content/news/a.en.md")) == []


def test_a_missing_translation_names_the_file_to_write_and_its_original():
    [gap] = translation_gaps([entry("content/news/a.vi.md", updated="2020-03-01")], LANGS, SECTIONS)
    assert gap == TranslationGap("news", "missing", "en", "news/a", "content/news/a.en.md",
                                 "content/news/a.vi.md", "vi", "2020-03-01")


def test_an_english_only_page_misses_its_vietnamese_version():
    assert gaps(entry("content/pages/lien-he.en.md", kind="page")) == [("missing", "vi", "content/pages/lien-he.vi.md")]


def test_a_translation_older_than_the_originals_update_is_outdated():
    found = translation_gaps([entry("content/news/a.vi.md", updated="2020-03-10"), entry("content/news/a.en.md")],
                             LANGS, SECTIONS)
    assert [(g.status, g.lang, g.file, g.file_date, g.reference, g.reference_date) for g in found] == [
        ("outdated", "en", "content/news/a.en.md", "2020-02-06", "content/news/a.vi.md", "2020-03-10")]


def test_updating_a_translation_never_flags_the_original():
    assert gaps(entry("content/news/a.vi.md"), entry("content/news/a.en.md", updated="2020-04-01")) == []


def test_without_a_vietnamese_version_the_english_one_is_the_original():
    [gap] = translation_gaps([entry("content/news/a.en.md", updated="2020-04-01")], LANGS, SECTIONS)
    assert (gap.status, gap.lang, gap.reference, gap.reference_date) == (
        "missing", "vi", "content/news/a.en.md", "2020-04-01")


def test_a_translation_published_after_the_update_is_current():
    original = entry("content/news/a.vi.md", updated="2020-03-10")
    assert gaps(original, entry("content/news/a.en.md", date="2020-03-12")) == []


def test_a_translation_updated_after_the_original_is_current():
    assert gaps(entry("content/news/a.vi.md", updated="2020-03-10"),
                entry("content/news/a.en.md", updated="2020-03-11")) == []


def test_a_later_publication_date_alone_does_not_outdate_the_other_version():
    original = entry("content/news/a.vi.md", date="2020-02-06")
    assert gaps(original, entry("content/news/a.en.md", date="2020-02-20")) == []


def test_translation_keys_pair_files_with_different_names():
    vi = entry("content/news/a.vi.md", translation_key="plan-2020")
    en = entry("content/news/plan.en.md", translation_key="plan-2020")
    assert gaps(vi, en) == []


def test_section_intros_are_not_reported():
    assert gaps(entry("content/news/_index.vi.md", kind="index")) == []


def test_order_follows_site_toml_then_pages_then_status():
    found = gaps(entry("content/pages/p.vi.md", kind="page"), entry("content/news/b.vi.md", updated="2020-05-01"),
                 entry("content/news/b.en.md"), entry("content/news/a.vi.md"), entry("content/policies/c.en.md"))
    assert found == [("missing", "vi", "content/policies/c.vi.md"), ("missing", "en", "content/news/a.en.md"),
                     ("outdated", "en", "content/news/b.en.md"), ("missing", "en", "content/pages/p.en.md")]


def test_the_table_reads_as_rows_of_work():
    found = translation_gaps([entry("content/news/a.vi.md"), entry("content/news/b.vi.md", updated="2020-05-01"),
                              entry("content/news/b.en.md")], LANGS, SECTIONS)
    assert format_table(found) == (
        "Translations: 1 missing, 1 outdated (outdated: the original has a later `updated:` than the translation)\n"
        "  section  status    lang  file                               translate from\n"
        "  news     missing   en    content/news/a.en.md               content/news/a.vi.md (2020-02-06)\n"
        "  news     outdated  en    content/news/b.en.md (2020-02-06)  content/news/b.vi.md (2020-05-01)\n"
        "  to start a missing one: python build.py new news a --translate-from vi\n")


def test_nothing_to_do_is_said_plainly():
    assert format_table([]) == "Translations: every article and page exists in every language, and none is outdated.\n"


def test_json_form_has_null_for_unknown_dates():
    [gap] = translation_gaps([entry("content/news/a.vi.md")], LANGS, SECTIONS)
    assert gap.as_dict()["file_date"] is None and gap.as_dict()["reference_date"] == "2020-02-06"
