"""Same input and same --now give byte-identical output whatever TZ, locale, hash seed or file order."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXED_NOW, PROJECT, SITES
from tests.integration.test_broken_sites import tree_digest


def copy_in_order(source: Path, target: Path, reverse: bool) -> None:
    """Copy a site creating files in a chosen order, so directory order differs between copies."""
    files = sorted((p for p in source.rglob("*") if p.is_file()), reverse=reverse)
    for path in files:
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)


def build(site: Path, out: Path, env_extra: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "TZ", "LC_ALL", "LANG")}
    env.update(env_extra)
    return subprocess.run([sys.executable, str(PROJECT / "build.py"), "build", "--source", str(site),
                           "--output", str(out), *args], env=env, capture_output=True, text=True, timeout=120)


def test_two_builds_in_different_environments_are_identical(tmp_path: Path):
    first, second = tmp_path / "a", tmp_path / "b"
    copy_in_order(SITES / "mini", first, reverse=False)
    copy_in_order(SITES / "mini", second, reverse=True)
    one = build(first, tmp_path / "out-a", {"TZ": "America/New_York", "PYTHONHASHSEED": "1", "LC_ALL": "C"},
                "--now", FIXED_NOW)
    two = build(second, tmp_path / "out-b", {"TZ": "Asia/Tokyo", "PYTHONHASHSEED": "4242", "LC_ALL": "C.UTF-8"},
                "--now", FIXED_NOW)
    assert one.returncode == 0, one.stderr
    assert two.returncode == 0, two.stderr
    assert tree_digest(tmp_path / "out-a") == tree_digest(tmp_path / "out-b")


def test_source_date_epoch_is_the_same_as_now(tmp_path: Path):
    site = tmp_path / "site"
    shutil.copytree(SITES / "mini", site)
    one = build(site, tmp_path / "out-now", {}, "--now", "2026-11-26T05:00:00+00:00", "--no-cache")
    two = build(site, tmp_path / "out-epoch", {"SOURCE_DATE_EPOCH": "1795669200"}, "--no-cache")
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    assert tree_digest(tmp_path / "out-now") == tree_digest(tmp_path / "out-epoch")


def test_cached_rebuild_is_identical_to_a_cold_build(tmp_path: Path):
    site = tmp_path / "site"
    shutil.copytree(SITES / "mini", site)
    cold = build(site, tmp_path / "cold", {}, "--now", FIXED_NOW, "--no-cache")
    warm1 = build(site, tmp_path / "warm", {}, "--now", FIXED_NOW)
    warm2 = build(site, tmp_path / "warm", {}, "--now", FIXED_NOW)
    assert cold.returncode == warm1.returncode == warm2.returncode == 0
    assert (site / ".cache").is_dir()
    assert tree_digest(tmp_path / "cold") == tree_digest(tmp_path / "warm")
    assert ".cache" not in "".join(tree_digest(tmp_path / "warm"))
