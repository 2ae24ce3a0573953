"""Each broken case (tests/sites/broken/<case>/, laid over the mini site) fails with its exact messages."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXED_NOW, SITES, run_cli

CASES = sorted(p.name for p in (SITES / "broken").iterdir() if p.is_dir())


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def good_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("good") / "public"
    result = run_cli("build", "--source", str(SITES / "mini"), "--output", str(out), "--now", FIXED_NOW, "--no-cache")
    assert result.code == 0, result.err
    return out


# expected.txt: the messages in Vietnamese (the mini site's default language); expected.en.txt: with --messages en.
LANGUAGES = {"vi": ("expected.txt", (), "Dựng trang không thành công"),
             "en": ("expected.en.txt", ("--messages", "en"), "Build failed")}


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
@pytest.mark.parametrize("case", CASES)
def test_broken_case_reports_every_error_and_keeps_previous_output(case: str, lang: str, tmp_path: Path,
                                                                   good_output: Path):
    site = tmp_path / "site"
    shutil.copytree(SITES / "mini", site)
    shutil.copytree(SITES / "broken" / case, site, dirs_exist_ok=True)
    for name in ("expected.txt", "expected.en.txt"):
        (site / name).unlink()
    output = tmp_path / "public"
    shutil.copytree(good_output, output)
    before = tree_digest(output)
    name, options, failed = LANGUAGES[lang]

    result = run_cli("build", "--source", str(site), "--output", str(output), "--now", FIXED_NOW, "--no-cache",
                     *options)

    expected = (SITES / "broken" / case / name).read_text(encoding="utf-8")
    assert result.code == 1
    assert result.err.replace(str(output), "OUT").split(failed)[0] == expected
    assert "Traceback" not in result.err
    assert tree_digest(output) == before


def test_every_case_has_expected_messages_in_both_languages():
    for case in CASES:
        vi = (SITES / "broken" / case / "expected.txt").read_text(encoding="utf-8")
        en = (SITES / "broken" / case / "expected.en.txt").read_text(encoding="utf-8")
        assert " lỗi, " in vi and "Gợi ý:" in vi and "error(s)" in en and "hint:" in en
        assert [line.split(": ")[0] for line in vi.splitlines() if not line.startswith(" ")][:-1] == \
            [line.split(": ")[0] for line in en.splitlines() if not line.startswith(" ")][:-1]   # same places
