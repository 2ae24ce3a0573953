"""Command line: exit codes, --now and SOURCE_DATE_EPOCH, output folder fences."""

from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sitegen.cli import UsageError, resolve_now
from tests.conftest import FIXED_NOW, PROJECT, SITES, run_cli

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def test_now_sources():
    assert resolve_now("2020-07-15", {}, TZ) == datetime(2020, 7, 15, tzinfo=TZ)
    assert resolve_now(None, {"SOURCE_DATE_EPOCH": "0"}, TZ) == datetime(1970, 1, 1, tzinfo=timezone.utc)
    with pytest.raises(UsageError):
        resolve_now("tomorrow", {}, TZ)


def test_usage_errors_exit_2(tmp_path: Path):
    assert run_cli("build", "--bogus").code == 2
    assert run_cli("build", "--now", "someday", "--source", str(SITES / "mini"), "--output", str(tmp_path / "o")).code == 2
    assert run_cli("build", "--source", str(tmp_path / "missing")).code == 2


@pytest.mark.parametrize("where", ["source", "parent", "content", "project"])
def test_refuses_output_folders_that_hold_or_sit_in_sources(where: str, tmp_path: Path, site_copy):
    site = site_copy("mini")
    output = {"source": site, "parent": site.parent, "content": site / "content" / "out", "project": PROJECT}[where]
    result = run_cli("build", "--source", str(site), "--output", str(output), "--now", FIXED_NOW, "--messages", "en")
    assert result.code == 2
    assert "choose another --output" in result.err
    in_vietnamese = run_cli("build", "--source", str(site), "--output", str(output), "--now", FIXED_NOW)
    assert in_vietnamese.code == 2 and "build.py: lỗi: thư mục đầu ra" in in_vietnamese.err
    assert "hãy chọn --output khác" in in_vietnamese.err
    assert (site / "content" / "news" / "khai-truong.vi.md").is_file()


def test_refuses_a_folder_it_did_not_create(tmp_path: Path):
    foreign = tmp_path / "docs"
    foreign.mkdir()
    (foreign / "thesis.docx").write_text("precious")
    result = run_cli("build", "--source", str(SITES / "mini"), "--output", str(foreign), "--now", FIXED_NOW,
                     "--messages", "en")
    assert result.code == 2 and "did not create" in result.err
    assert (foreign / "thesis.docx").read_text() == "precious"


def test_rebuild_over_its_own_output_and_reuse_unchanged_files(tmp_path: Path):
    out = tmp_path / "public"
    args = ("build", "--source", str(SITES / "mini"), "--output", str(out), "--now", FIXED_NOW, "--no-cache")
    first = run_cli(*args)
    second = run_cli(*args)
    assert first.code == second.code == 0
    assert "(0 tệp ghi mới, " in second.out
    # no staging folders left behind; the record of the files' stats stays beside the output
    assert sorted(p.name for p in tmp_path.iterdir()) == [".public.stat.json", "public"]
