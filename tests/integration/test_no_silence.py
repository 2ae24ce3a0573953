"""Issue #13 items 7 and 9: what was skipped silently, crashed with a traceback, pointed at the
wrong line or was accepted although it made the output wrong, now says so, exactly."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXED_NOW, SITES, run_cli
from tests.integration.hardening_kit import article, build, lay_over


def no_traceback(run) -> None:
    assert "Traceback" not in run.err and "Error:" not in run.err.replace("build.py: error:", ""), run.err


def test_a_markdown_file_with_a_line_break_in_its_name_is_an_error(tmp_path: Path):
    site = lay_over(tmp_path, {"content/news/a\nb.vi.md": article()})
    result = build(site).run
    assert result.code == 1
    assert "content/news/a\\nb.vi.md: the file name 'a\\nb.vi.md' has a line break" in result.err


@pytest.mark.parametrize("start", ["9999-12-31", "0001-01-01", "9999-12-31T23:00"])
def test_event_dates_out_of_range_are_errors_with_their_line(tmp_path: Path, start: str):
    calendar = f"title: {{vi: Lịch, en: Calendar}}\nevents:\n  - id: xa\n    title: Xa\n    start: {start}\n"
    result = build(lay_over(tmp_path, {"content/events/xa.yaml": calendar})).run
    no_traceback(result)
    assert result.code == 1
    assert f'content/events/xa.yaml:5: start "{start}" is outside the years 1000-9998' in result.err


@pytest.mark.parametrize("epoch", ["253402300800", "99999999999999999999", "²"])
def test_source_date_epoch_out_of_range_is_a_usage_error(tmp_path: Path, monkeypatch, epoch: str):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    site = lay_over(tmp_path, {})
    result = run_cli("build", "--messages", "en", "--source", str(site), "--output", str(tmp_path / "out"), "--no-cache")
    no_traceback(result)
    assert result.code == 2 and f'SOURCE_DATE_EPOCH "{epoch}" must be a whole number' in result.err


def test_a_damaged_file_memo_entry_is_read_again(tmp_path: Path):
    site = lay_over(tmp_path, {})
    out = tmp_path / "public"
    assert run_cli("build", "--messages", "en", "--source", str(site), "--output", str(out), "--now", FIXED_NOW).code == 0
    memo = site / ".cache" / "files.json"
    entries = json.loads(memo.read_text(encoding="utf-8"))
    first = sorted(entries)[0]
    for damaged in (7, [1, 2], ["a", "b", "c", "d", True], None):
        entries[first] = damaged
        memo.write_text(json.dumps(entries), encoding="utf-8")
        result = run_cli("build", "--messages", "en", "--source", str(site), "--output", str(out), "--now", FIXED_NOW)
        no_traceback(result)
        assert result.code == 0, result.err


def check(site: Path):
    return run_cli("check", "--messages", "en", "--source", str(site), "--now", FIXED_NOW)


def test_check_names_the_line_of_the_link_itself(tmp_path: Path):
    body = "\n".join(["Đoạn một.", "Xem thêm khong-co/ ở trang khác.", "", "Đoạn hai.", "",
                      "[Trang](khong-co/)", "", '<img src=x alt="ảnh">'])
    site = lay_over(tmp_path, {"content/news/lien-ket.vi.md": article(body=body)})
    result = check(site)
    assert result.code == 1
    assert 'content/news/lien-ket.vi.md:10: link "khong-co/"' in result.out
    assert 'content/news/lien-ket.vi.md:12: link "x"' in result.out


def test_a_link_to_a_scheduled_or_draft_article_says_so(tmp_path: Path):
    site = lay_over(tmp_path, {"content/news/lien-ket.vi.md": article(body="[Sắp](tuong-lai.vi.md) [Nháp](nhap.vi.md)")})
    result = build(site).run
    assert result.code == 1
    assert "links to 'tuong-lai.vi.md', which is scheduled for 2030-01-01 and not published yet" in result.err
    assert "links to 'nhap.vi.md', which is a draft and not published" in result.err


@pytest.mark.parametrize("name", ["con", "nul", "com1", "lpt9"])
def test_new_refuses_windows_reserved_names_before_writing(tmp_path: Path, name: str):
    site = lay_over(tmp_path, {})
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    result = run_cli("new", "news", name, "--messages", "en", "--source", str(site), "--now", FIXED_NOW)
    assert result.code == 2 and "reserved on Windows" in result.err
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before


def test_new_never_writes_through_a_section_folder_that_leads_outside(tmp_path: Path):
    site = lay_over(tmp_path, {})
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(site / "content" / "news")
    (site / "content" / "news").symlink_to(outside)
    result = run_cli("new", "news", "bai-moi", "--messages", "en", "--source", str(site), "--now", FIXED_NOW)
    assert result.code == 2 and "content/news leads outside the site" in result.err
    assert list(outside.iterdir()) == []


def test_a_static_folder_that_is_a_link_outside_the_site_is_refused(tmp_path: Path):
    site = lay_over(tmp_path, {})
    private = tmp_path / "home"
    (private / ".ssh").mkdir(parents=True)
    (private / "id_rsa").write_text("PRIVATE KEY", encoding="utf-8")
    shutil.rmtree(site / "static")
    (site / "static").symlink_to(private)
    built = build(site)
    assert built.run.code == 1 and "static: is a symbolic link that leads outside the site" in built.run.err
    assert not (built.out / "id_rsa").exists()


@pytest.mark.parametrize(("value", "message"), [
    ("localtime", 'time zone "localtime" is not an IANA name'),
    ("/etc/localtime", 'time zone "/etc/localtime" is not an IANA name'),
])
def test_a_machine_dependent_time_zone_is_refused(tmp_path: Path, value: str, message: str):
    site = lay_over(tmp_path, {})
    toml = (SITES / "mini" / "site.toml").read_text(encoding="utf-8")
    (site / "site.toml").write_text(toml.replace('timezone = "Asia/Ho_Chi_Minh"', f'timezone = "{value}"'),
                                    encoding="utf-8")
    result = build(site).run
    assert result.code == 1 and "site.toml:3: timezone: " + message in result.err


@pytest.mark.parametrize(("url", "message"), [
    ("javascript:alert(1)", "is not an http(s) URL"),
    ("https://example.org/k/?a=1", "has a query"),
    ("https://example.org/k/#top", "has a query"),
    ("https://user:pass@example.org/", "carries a user name or password"),
    ("https://example.org:99999/", "has an impossible port"),
])
def test_bad_base_urls_are_refused_and_blamed_where_they_were_written(tmp_path: Path, url: str, message: str):
    site = lay_over(tmp_path, {})
    result = build(site, None, "--base-url", url).run
    assert result.code == 2 and f'--base-url "{url}" {message}' in result.err and "site.toml" not in result.err
    toml = (SITES / "mini" / "site.toml").read_text(encoding="utf-8")
    (site / "site.toml").write_text(toml.replace('base_url = "https://example.org/kontum/"', f'base_url = "{url}"'),
                                    encoding="utf-8")
    result = build(site).run
    assert result.code == 1 and f'site.toml:1: base_url: "{url}" {message}' in result.err


def test_thousands_of_tags_are_warned_about(tmp_path: Path):
    tags = ", ".join(f"the-{n}" for n in range(40))
    built = build(lay_over(tmp_path, {"content/news/nhieu-the.vi.md": article(extra=f"tags: [{tags}]\n")}))
    assert built.run.code == 0
    assert "content/news/nhieu-the.vi.md:4: warning: 40 tags: each one makes a page of its own" in built.run.err


def test_no_listed_case_is_a_traceback_in_check_either(tmp_path: Path):
    calendar = "title: {vi: Lịch, en: Calendar}\nevents:\n  - id: xa\n    title: Xa\n    start: 9999-12-31\n"
    site = lay_over(tmp_path, {"content/events/xa.yaml": calendar, "content/news/a\nb.vi.md": article()})
    result = check(site)
    assert result.code == 1 and "Traceback" not in result.out + result.err
    assert os.path.exists(site / "content" / "news" / "a\nb.vi.md")
