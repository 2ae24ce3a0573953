"""Helpers for the hardening tests: the mini site with a few files laid over it, built once."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import FIXED_NOW, SITES, Run, run_cli


@dataclass
class Built:
    run: Run
    site: Path
    out: Path

    @property
    def messages(self) -> str:
        """stderr with the temporary folder replaced, as an editor would read it."""
        return self.run.err.replace(str(self.out), "OUT")

    def page(self, url_path: str) -> str:
        return (self.out / url_path / "index.html").read_text(encoding="utf-8")

    def files(self) -> set[str]:
        return {p.relative_to(self.out).as_posix() for p in self.out.rglob("*") if p.is_file()}


def article(title: str = "Bài viết", body: str = "Nội dung.", extra: str = "", date: str = "2020-02-06") -> str:
    return f"---\ntitle: {title}\ndate: {date}\n{extra}---\n{body}\n"


def lay_over(tmp_path: Path, files: dict[str, bytes | str]) -> Path:
    """A copy of the mini site with `files` (site-relative path -> content) added or replaced."""
    site = tmp_path / "site"
    if not site.exists():
        shutil.copytree(SITES / "mini", site)
    for name, data in files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return site


def build(site: Path, out: Path | None = None, *extra: str) -> Built:
    out = out or site.parent / "public"
    run = run_cli("build", "--source", str(site), "--output", str(out), "--now", FIXED_NOW, "--no-cache",
                  "--messages", "en", *extra)   # these tests read the English texts
    return Built(run, site, out)


def build_over(tmp_path: Path, files: dict[str, bytes | str]) -> Built:
    """Build the mini site once, then again with `files` laid over it: a failure must keep the first output."""
    site = lay_over(tmp_path, {})
    first = build(site)
    assert first.run.code == 0, first.run.err
    before = tree(first.out)
    lay_over(tmp_path, files)
    second = build(site)
    if second.run.code != 0:
        assert tree(second.out) == before, "a failed build changed the previous output"
    return second


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}
