"""`build.py check` on fixture sites (tests/sites/check-<case>/, laid over the mini site): exact output per problem."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXED_NOW, PROJECT, SITES, run_cli

CASES = sorted(p.name for p in SITES.iterdir() if p.is_dir() and p.name.startswith("check-"))
EXPECTED = ("expected.txt", "expected.vi.txt", "expected-strict.txt", "expected.json")
COUNTS = re.compile(r"\d+ pages, \d+ internal links, \d+ feeds, \d+ calendars\.$", re.MULTILINE)
COUNTS_VI = re.compile(r"\d+ trang, \d+ liên kết nội bộ, \d+ nguồn tin RSS, \d+ tệp lịch\.$", re.MULTILINE)


def site_for(case: str, tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(SITES / "mini", site)
    shutil.copytree(SITES / case, site, dirs_exist_ok=True, ignore=shutil.ignore_patterns(*EXPECTED))
    return site


def normalised(text: str) -> str:
    """The counts line depends on the templates, not on the case: compared as a shape only."""
    text = COUNTS.sub("N pages, N internal links, N feeds, N calendars.", text)
    return COUNTS_VI.sub("N trang, N liên kết nội bộ, N nguồn tin RSS, N tệp lịch.", text)


def check(site: Path, *extra: str):
    return run_cli("check", "--source", str(site), "--now", FIXED_NOW, "--messages", "en", *extra)


@pytest.mark.parametrize("case", CASES)
def test_check_reports_each_problem_exactly(case: str, tmp_path: Path):
    expected = (SITES / case / "expected.txt").read_text(encoding="utf-8")
    result = check(site_for(case, tmp_path))
    assert normalised(result.out) == expected
    assert result.code == (0 if "\n0 error(s)" in expected else 1)
    assert "Traceback" not in result.err


@pytest.mark.parametrize("case", [c for c in CASES if (SITES / c / "expected.vi.txt").exists()])
def test_check_reports_each_problem_in_vietnamese(case: str, tmp_path: Path):
    expected = (SITES / case / "expected.vi.txt").read_text(encoding="utf-8")
    result = run_cli("check", "--source", str(site_for(case, tmp_path)), "--now", FIXED_NOW)
    assert normalised(result.out) == expected
    assert result.code == (0 if "\n0 lỗi" in expected else 1)


def test_strict_turns_warnings_into_errors(tmp_path: Path):
    site = site_for("check-warnings", tmp_path)
    assert check(site).code == 0
    result = check(site, "--strict")
    assert result.code == 1
    assert normalised(result.out) == (SITES / "check-warnings" / "expected-strict.txt").read_text(encoding="utf-8")


def test_json_format_for_machines(tmp_path: Path):
    result = check(site_for("check-translations", tmp_path), "--format", "json")
    data = json.loads(result.out)
    assert set(data.pop("checked")) == {"pages", "links", "feeds", "calendars"}
    assert data == json.loads((SITES / "check-translations" / "expected.json").read_text(encoding="utf-8"))
    assert result.code == 0


def test_json_lists_errors_with_file_and_line(tmp_path: Path):
    result = check(site_for("check-broken-links", tmp_path), "--format", "json")
    data = json.loads(result.out)
    assert result.code == 1 and data["ok"] is False and data["errors"] == 5
    assert {(d["path"], d["line"]) for d in data["diagnostics"]} == {
        ("content/news/lien-ket.vi.md", line) for line in (6, 10, 11, 12, 13)}


@pytest.mark.parametrize("case", ["check-broken-links", "mini"])
def test_check_writes_nothing_into_the_site(case: str, tmp_path: Path):
    """Not even a cache: the site folder is byte-identical after `check`, folders included."""
    site = site_for(case, tmp_path)

    def tree() -> dict[str, bytes | None]:
        return {p.relative_to(site).as_posix(): p.read_bytes() if p.is_file() else None for p in sorted(site.rglob("*"))}

    before = tree()
    check(site)
    assert tree() == before and not (site / ".cache").exists() and not (site / "public").exists()


def test_the_project_site_passes_check():
    result = run_cli("check", "--source", str(PROJECT), "--now", FIXED_NOW, "--messages", "en")
    assert result.code == 0, result.out
    assert "0 error(s)" in result.out
