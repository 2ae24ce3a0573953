"""`build.py new`: scaffolds articles, pages and translations in a copy of the mini site; never overwrites."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXED_NOW, run_cli

NEW_EN = """---
title: "TODO: article title"
date: 2026-11-26
summary: ""                 # one or two sentences; empty = the first paragraph
tags: []
draft: true                 # delete this line to publish
---
Write the text here, in Markdown.
"""

NEW_VI = """---
title: "CẦN SỬA: tiêu đề bài viết"
date: 2026-11-26
summary: ""                 # một hai câu tóm tắt; để trống thì lấy đoạn đầu tiên
tags: []
draft: true                 # xóa dòng này để đăng bài
---
Viết nội dung ở đây, bằng Markdown.
"""

TRANSLATED_PLAN = """---
title: "TRANSLATE: Kế hoạch số 06/KH-SKHCN"
date: 2020-02-05
summary: ""
tags: []                    # vi: chính sách
document:
  number: 06/KH-SKHCN
  form: "TRANSLATE: Kế hoạch"
  issuer: "TRANSLATE: Sở Khoa học và Công nghệ tỉnh Kon Tum"
  issued: 2020-02-05
  effective: 2020-02-05
  file: /documents/06-KH-SKHCN.pdf
  url: https://example.org/van-ban/06-kh-skhcn
  status: in-force
draft: true                 # delete this line when the translation is done
---
> **TRANSLATE THIS.** Below is the original (vi) text of `content/policies/ke-hoach.vi.md`. \
Replace it with its translation (en), translate the title and summary (marked TRANSLATE:), fill in the tags, \
then delete this note and the `draft: true` line.

## Mục đích

Nâng cao nhận thức về khởi nghiệp.

| Nội dung | Thời gian |
|---|---:|
| Cuộc thi | Quý III/2020 |
"""


@pytest.fixture
def site(site_copy) -> Path:
    return site_copy("mini")


def new(site: Path, *args: str):
    return run_cli("new", *args, "--source", str(site), "--messages", "en")


def test_a_new_article_gets_todays_date_and_its_front_matter(site: Path):
    result = new(site, "news", "hoi-thao", "--now", FIXED_NOW)
    assert result.code == 0, result.err
    assert result.out == ("Wrote content/news/hoi-thao.vi.md (a draft: delete `draft: true` to publish it). "
                          "See it with: python build.py serve\n")
    assert (site / "content/news/hoi-thao.vi.md").read_text(encoding="utf-8") == NEW_EN


def test_in_vietnamese_the_new_file_has_no_english_instructions(site: Path):
    result = run_cli("new", "news", "hoi-thao", "--source", str(site), "--now", FIXED_NOW)
    assert result.code == 0, result.err
    assert result.out == ("Đã tạo content/news/hoi-thao.vi.md (bản nháp: xóa dòng `draft: true` để đăng). "
                          "Xem trước bằng lệnh: python build.py serve\n")
    text = (site / "content/news/hoi-thao.vi.md").read_text(encoding="utf-8")
    assert text == NEW_VI and "TODO" not in text and "delete" not in text


def test_in_vietnamese_a_translation_is_marked_in_vietnamese(site: Path):
    (site / "content/policies/ke-hoach.en.md").unlink()
    result = run_cli("new", "policies", "ke-hoach", "--translate-from", "vi", "--source", str(site), "--now", FIXED_NOW)
    assert result.code == 0, result.err
    text = (site / "content/policies/ke-hoach.en.md").read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "CẦN DỊCH: Kế hoạch số 06/KH-SKHCN"\n')
    assert '  issuer: "CẦN DỊCH: Sở Khoa học và Công nghệ tỉnh Kon Tum"\n' in text
    assert "draft: true                 # xóa dòng này khi đã dịch xong\n" in text
    assert "> **CẦN DỊCH PHẦN NÀY.** Dưới đây là văn bản gốc (vi) của `content/policies/ke-hoach.vi.md`." in text
    assert "TRANSLATE" not in text and "delete" not in text


def test_a_sections_vietnamese_slug_is_accepted_and_its_title_named(site: Path):
    assert run_cli("new", "tin-tuc", "x", "--source", str(site), "--now", FIXED_NOW).code == 0
    assert (site / "content/news/x.vi.md").is_file()
    result = run_cli("new", "Tin tức", "y", "--source", str(site))
    assert result.code == 2
    assert result.err == ('build.py: lỗi: "Tin tức" là tên hiển thị của chuyên mục; trong lệnh hãy dùng tên thư mục '
                          "của nó: news\n")


def test_today_is_the_date_in_ho_chi_minh_city(site: Path):
    assert new(site, "news", "muon", "--now", "2026-11-26T20:00:00Z").code == 0   # 03:00 on the 27th in Vietnam
    assert "date: 2026-11-27\n" in (site / "content/news/muon.vi.md").read_text(encoding="utf-8")


def test_source_date_epoch_fixes_today(site: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1580947200")   # 2020-02-06T00:00:00Z
    assert new(site, "news", "epoch").code == 0
    assert "date: 2020-02-06\n" in (site / "content/news/epoch.vi.md").read_text(encoding="utf-8")


def test_a_standalone_page_in_english(site: Path):
    assert new(site, "pages", "contact", "--lang", "en", "--now", FIXED_NOW).code == 0
    text = (site / "content/pages/contact.en.md").read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "TODO: page title"\ndate: 2026-11-26\n') and "tags:" not in text


def test_the_new_files_build(site: Path, tmp_path: Path):
    for args in (("news", "hoi-thao"), ("pages", "hoi-dap"), ("news", "tap-huan", "--translate-from", "vi")):
        assert new(site, *args, "--now", FIXED_NOW).code == 0
    result = run_cli("build", "--source", str(site), "--output", str(tmp_path / "out"), "--now", FIXED_NOW, "--drafts")
    assert result.code == 0, result.err
    assert (tmp_path / "out/en/news/tap-huan/index.html").is_file()


def test_existing_files_are_never_overwritten(site: Path):
    before = (site / "content/news/khai-truong.vi.md").read_bytes()
    result = new(site, "news", "khai-truong")
    assert result.code == 1
    assert result.err == ("build.py: error: content/news/khai-truong.vi.md already exists; nothing was written "
                          "(edit that file, or choose another name)\n")
    assert (site / "content/news/khai-truong.vi.md").read_bytes() == before
    assert new(site, "news", "khai-truong", "--translate-from", "vi").code == 1


@pytest.mark.parametrize(("args", "message"), [
    (("tin-moi", "x"), 'section "tin-moi" is not in site.toml; use one of: news, policies, pages'),
    (("Chính sách", "x"), '"Chính sách" is the section\'s title; on the command line use its folder name: policies'),
    (("news", "Hội thảo"), 'name "Hội thảo" is not a slug (lowercase letters a-z, digits and hyphens, '
                           'at most 120 characters); try "hoi-thao"'),
    (("news", "a--b"), 'name "a--b" is not a slug'),
    (("news", "x", "--translate-from", "vi", "--lang", "vi"), "--lang vi is the language to translate from"),
])
def test_wrong_usage_is_refused_with_a_clear_message(site: Path, args: tuple[str, ...], message: str):
    result = new(site, *args)
    assert result.code == 2 and message in result.err
    assert not list((site / "content").rglob("x.*.md"))


def test_translating_copies_the_metadata_and_keeps_the_original_text(site: Path):
    (site / "content/policies/ke-hoach.en.md").unlink()
    result = new(site, "policies", "ke-hoach", "--translate-from", "vi", "--now", FIXED_NOW)
    assert result.code == 0, result.err
    assert (site / "content/policies/ke-hoach.en.md").read_text(encoding="utf-8") == TRANSLATED_PLAN


def test_translating_keeps_the_translation_key_and_follows_the_originals_update(site: Path):
    (site / "content/news/ke-hoach-2020.vi.md").write_text(
        '---\ntitle: "Kế hoạch: 2020"\ndate: 2020-02-06T08:30\nupdated: 2020-03-01\nsummary: Tóm tắt.\n'
        "tags: [khởi nghiệp, NO]\nauthors: [Hồng Vân]\ntranslation_key: plan-2020\n---\nNội dung.\n", encoding="utf-8")
    assert new(site, "news", "ke-hoach-2020", "--translate-from", "vi", "--now", FIXED_NOW).code == 0
    text = (site / "content/news/ke-hoach-2020.en.md").read_text(encoding="utf-8")
    assert text.split("---\n")[1] == (
        'title: "TRANSLATE: Kế hoạch: 2020"\ndate: 2020-02-06T08:30\n'
        "updated: 2026-11-26         # the original was updated; this translation follows it\n"
        'summary: "TRANSLATE: Tóm tắt."\ntags: []                    # vi: khởi nghiệp, NO\n'
        'authors: ["Hồng Vân"]\ntranslation_key: plan-2020\n'
        "draft: true                 # delete this line when the translation is done\n")
    check = run_cli("check", "--source", str(site), "--now", FIXED_NOW, "--messages", "en")
    row = next(line for line in check.out.splitlines() if "ke-hoach-2020" in line and "note:" not in line)
    assert row.split() == ["news", "in", "progress", "en", "content/news/ke-hoach-2020.en.md", "(2026-11-26)",
                           "content/news/ke-hoach-2020.vi.md", "(2020-03-01)"]   # not missing, not outdated


def test_translating_needs_the_original(site: Path):
    result = new(site, "news", "khong-co", "--translate-from", "vi")
    assert result.code == 1
    assert result.err == ("build.py: error: there is no Tiếng Việt version to translate: "
                          "content/news/khong-co.vi.md does not exist\n")
