"""Faults: a build killed at any moment, a full disk, a read-only output folder, a broken template.

Promise 1 of the design ("a failed build never touches the previous output") is proved here
against real processes and real file systems: `kill -9` at random moments of a build, a
tmpfs that fills up, a folder mounted read-only.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitegen.publish.publisher import MARKER, PublishError, clean_stale, publish
from tests.conftest import FIXED_NOW, PROJECT, SITES, run_cli

TRIALS = 10


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` (relative path -> sha256): two equal trees are byte-identical."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build_args(site: Path, out: Path) -> list[str]:
    return ["build", "--source", str(site), "--output", str(out), "--now", FIXED_NOW, "--no-cache", "--messages", "en"]


@pytest.fixture
def site_with_output(tmp_path: Path) -> tuple[Path, Path]:
    site = tmp_path / "site"
    shutil.copytree(SITES / "mini", site)
    out = tmp_path / "public"
    result = run_cli(*build_args(site, out))
    assert result.code == 0, result.err
    return site, out


def _build_seconds(site: Path, out: Path) -> float:
    started = time.monotonic()
    subprocess.run([sys.executable, "build.py", *build_args(site, out)], cwd=PROJECT, check=True,
                   capture_output=True)
    return time.monotonic() - started


def _leftovers(out: Path) -> list[str]:
    """Siblings of the output other than its record of file stats (which stays)."""
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")
                  and p.name not in (f".{out.name}.stat.json",))


@pytest.mark.parametrize("change", [False, True], ids=["same-content", "changed-content"])
def test_a_build_killed_at_random_moments_never_leaves_a_partial_output(site_with_output, change: bool):
    """kill -9 at ten random moments: the output is the previous one byte for byte (or, once the
    atomic swap has happened, exactly the new one), and the next build recovers and cleans up."""
    site, out = site_with_output
    previous = tree(out)
    article = site / "content" / "news" / "khai-truong.vi.md"
    if change:
        article.write_text(article.read_text(encoding="utf-8") + "\nMột đoạn mới.\n", encoding="utf-8")
    reference = site.parent / "reference"
    duration = _build_seconds(site, reference)
    expected_new = tree(reference)
    saved = site.parent / "saved-previous"
    shutil.copytree(out, saved)
    rng = random.Random(8)   # fixed seed: the same moments on every run
    for _ in range(TRIALS):
        process = subprocess.Popen([sys.executable, "build.py", *build_args(site, out)], cwd=PROJECT,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, duration * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = tree(out)
        if change and now == expected_new:   # killed after the atomic swap: the build had finished
            shutil.rmtree(out)
            shutil.copytree(saved, out)
            continue
        assert now == previous, "a killed build left an output that is neither the previous nor the new one"
    result = run_cli(*build_args(site, out))
    assert result.code == 0, result.err
    assert tree(out) == expected_new
    assert _leftovers(out) == [], "staging folders of killed builds were not cleaned up"


def test_stale_staging_and_half_swapped_outputs_are_recovered(site_with_output):
    """Leftovers of killed builds: staging folders are removed, and an output renamed away in the
    middle of a two-rename swap (systems without renameat2) is put back before anything else."""
    _, out = site_with_output
    previous = tree(out)
    staging = out.parent / f".{out.name}.staging-999999"
    staging.mkdir()
    (staging / MARKER).write_text("{}", encoding="utf-8")
    (staging / "half.html").write_text("half", encoding="utf-8")
    foreign = out.parent / f".{out.name}.staging-notours"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("not ours", encoding="utf-8")
    old = out.parent / f".{out.name}.old-999998"
    out.rename(old)
    clean_stale(out)
    assert tree(out) == previous
    assert not staging.exists() and not old.exists()
    assert (foreign / "keep.txt").read_text(encoding="utf-8") == "not ours", "deleted a folder it did not create"


@pytest.fixture
def small_disk(tmp_path: Path):
    """A real 400 KB tmpfs (root only, as in CI); without mount rights, an OSError(ENOSPC) is simulated."""
    mount = tmp_path / "disk"
    mount.mkdir()
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(mount)], capture_output=True).returncode == 0
    yield mount, mounted
    if mounted:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_names_the_path_and_keeps_the_previous_output(small_disk, monkeypatch):
    disk, mounted = small_disk
    out = disk / "public"
    first = {"index.html": b"<!doctype html><title>ok</title>", "a/b.txt": b"previous"}
    publish(first, out)
    previous = tree(out)
    big = {"index.html": b"new", **{f"big/{n}.bin": os.urandom(64 * 1024) for n in range(12)}}
    if not mounted:
        def full(self: Path, data: bytes) -> int:
            raise OSError(28, "No space left on device", str(self))
        monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(PublishError) as raised:
        publish(big, out)
    message = str(raised.value)
    assert "No space left on device" in message and str(disk) in message
    assert tree(out) == previous
    assert _leftovers(out) == []


def test_a_read_only_output_folder_gives_a_clear_error_and_changes_nothing(site_with_output, monkeypatch):
    """The output's parent mounted read-only (root, as in CI; else EROFS simulated): exit 1 naming the path."""
    site, out = site_with_output
    previous = tree(out)
    mounted = os.geteuid() == 0 and subprocess.run(["mount", "--bind", str(out.parent), str(out.parent)],
                                                   capture_output=True).returncode == 0
    try:
        if mounted:
            subprocess.run(["mount", "-o", "remount,bind,ro", str(out.parent)], check=True, capture_output=True)
        else:
            real_mkdir = Path.mkdir

            def read_only(self: Path, *args, **kwargs) -> None:
                if out.parent in self.parents and self != out.parent:
                    raise OSError(30, "Read-only file system", str(self))
                real_mkdir(self, *args, **kwargs)
            monkeypatch.setattr(Path, "mkdir", read_only)
        result = run_cli(*build_args(site, out))
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(out.parent)], check=False)
    assert result.code == 1
    assert "Read-only file system" in result.err and str(out.parent) in result.err
    assert "previous output was left as it was" in result.err
    assert tree(out) == previous


def test_unsafe_output_paths_are_refused_before_anything_is_written(tmp_path: Path):
    out = tmp_path / "public"
    publish({"index.html": b"ok"}, out)
    for bad in ("../escape.html", "/etc/passwd", "a//index.html", "a/./b", "a\\b", "", "a/\x00b"):
        with pytest.raises(PublishError):
            publish({"index.html": b"new", bad: b"x"}, out)
        assert (out / "index.html").read_bytes() == b"ok"
    assert not (tmp_path / "escape.html").exists()


def test_a_template_error_names_the_template_its_line_and_the_page(site_with_output):
    site, out = site_with_output
    previous = tree(out)
    templates = site / "templates"
    templates.mkdir()
    source = (PROJECT / "templates" / "page.html").read_text(encoding="utf-8")
    lines = source.split("\n")
    broken_line = next(i for i, line in enumerate(lines) if "{% block" in line) + 2
    lines.insert(broken_line - 1, "{{ page.no_such_field.deeper }}")
    (templates / "page.html").write_text("\n".join(lines), encoding="utf-8")
    result = run_cli(*build_args(site, out))
    assert result.code == 1
    assert f"templates/page.html:{broken_line}:" in result.err
    assert "/gioi-thieu/" in result.err and "content/pages/gioi-thieu.vi.md" in result.err
    assert tree(out) == previous


def test_a_mistake_in_the_base_template_is_reported_once_at_its_line(site_with_output):
    """Every page extends base.html: one message at base.html's line, with the name and the page count."""
    site, out = site_with_output
    previous = tree(out)
    shutil.copytree(PROJECT / "templates", site / "templates")
    base = site / "templates" / "base.html"
    lines = base.read_text(encoding="utf-8").rstrip("\n").split("\n")
    base.write_text("\n".join([*lines, "{{ no_such_name }}"]) + "\n", encoding="utf-8")
    result = run_cli(*build_args(site, out))
    assert result.code == 1
    errors = [line for line in result.err.splitlines() if line.startswith("templates/")]
    pages = sum(1 for path in previous if path.endswith(".html"))   # every page of the site extends base.html
    assert len(errors) == 1, result.err
    assert errors[0].startswith(f'templates/base.html:{len(lines) + 1}: "no_such_name" is not defined in templates '
                                f"(in {pages} pages, e.g. /"), result.err
    assert "hint:" in result.err and "1 error(s)" in result.err
    assert tree(out) == previous


def test_a_template_syntax_error_names_the_template_and_line(site_with_output):
    site, out = site_with_output
    previous = tree(out)
    (site / "templates").mkdir()
    (site / "templates" / "page.html").write_text('{% extends "base.html" %}\n{% block main %}\n{% if %}\n'
                                                  '{% endblock %}\n', encoding="utf-8")
    result = run_cli(*build_args(site, out))
    assert result.code == 1
    assert "templates/page.html:3:" in result.err
    assert tree(out) == previous
