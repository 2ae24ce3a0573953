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


@pytest.mark.parametrize("case", CASES)
def test_broken_case_reports_every_error_and_keeps_previous_output(case: str, tmp_path: Path, good_output: Path):
    site = tmp_path / "site"
    shutil.copytree(SITES / "mini", site)
    shutil.copytree(SITES / "broken" / case, site, dirs_exist_ok=True)
    (site / "expected.txt").unlink()
    output = tmp_path / "public"
    shutil.copytree(good_output, output)
    before = tree_digest(output)

    result = run_cli("build", "--source", str(site), "--output", str(output), "--now", FIXED_NOW, "--no-cache")

    expected = (SITES / "broken" / case / "expected.txt").read_text(encoding="utf-8")
    assert result.code == 1
    assert result.err.replace(str(output), "OUT").split("Build failed")[0] == expected
    assert "Traceback" not in result.err
    assert tree_digest(output) == before


def test_every_case_has_expected_messages():
    for case in CASES:
        text = (SITES / "broken" / case / "expected.txt").read_text(encoding="utf-8")
        assert "error(s)" in text and text.splitlines()[0].startswith(("content/", "site.toml"))
