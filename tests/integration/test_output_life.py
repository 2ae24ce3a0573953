"""The output folder's life between builds (issue #13): two builds at once, a symlinked output,
hand edits and foreign files in it, and the fences around it (staging siblings, `.cache`, the spare).

The rules proved here, as the README's Reliability table states them:
- two builds into one folder: the second waits for the first; both end with a complete site
  equal to a cold build;
- a symbolic link as the output stays a link, to a target that always holds a complete site;
- a file of ours edited, replaced or deleted by hand is written again by the next build;
- a file or folder the tool did not create is never deleted: every build refuses (exit 2),
  naming it, until it is moved out;
- nothing outside the output, its staging siblings and a real `.cache/` folder is written or deleted.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import FIXED_NOW, PROJECT, SITES, run_cli

TRIALS = 5


def tree(folder: Path) -> dict[str, str]:
    """Every entry under `folder` (relative path -> sha256, or the target of a link)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = f"link to {os.readlink(path)}"
        elif path.is_file():
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def generated_site(tmp_path: Path, articles: int = 8) -> Path:
    """The mini site with `articles` more news articles in both languages (a few hundred files)."""
    site = tmp_path / "site"
    shutil.copytree(SITES / "mini", site)
    for n in range(articles):
        for lang in ("vi", "en"):
            body = "\n\n".join(f"Đoạn {p} của bài {n} ({lang})." for p in range(4))
            (site / "content" / "news" / f"bai-{n:03}.{lang}.md").write_text(
                f"---\ntitle: Bài số {n}\ndate: 2020-03-{1 + n % 28:02}\ntags: [thu-{n % 5}]\n---\n{body}\n",
                encoding="utf-8")
    return site


def args(site: Path, out: Path, *extra: str) -> list[str]:
    return ["build", "--source", str(site), "--output", str(out), "--now", FIXED_NOW, "--messages", "en", *extra]


def reference(site: Path, tmp_path: Path, name: str) -> dict[str, str]:
    """A cold build of the site as it is now."""
    out = tmp_path / "references" / name
    result = run_cli(*args(site, out, "--no-cache"))
    assert result.code == 0, result.err
    return tree(out)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".staging-" in p.name or ".old-" in p.name)


def test_two_builds_at_once_always_leave_one_complete_site(tmp_path: Path):
    """Two real builds into one folder, the second started 0-0.6 s after the first, with and
    without the cache, over content that changes between trials: never a traceback, never a
    broken output; each build exits 0 and the output is a cold build of the content."""
    site = generated_site(tmp_path)
    article = site / "content" / "news" / "bai-007.vi.md"
    versions = [article.read_text(encoding="utf-8"), article.read_text(encoding="utf-8") + "\nMột đoạn thêm.\n"]
    expected = []
    for text in versions:
        article.write_text(text, encoding="utf-8")
        expected.append(reference(site, tmp_path, f"v{len(expected)}"))
    out = tmp_path / "public"
    rng = random.Random(13)
    for trial in range(TRIALS):
        article.write_text(versions[trial % 2], encoding="utf-8")
        extra = [(), ("--no-cache",)][trial % 3 == 2]
        first = subprocess.Popen([sys.executable, "build.py", *args(site, out)], cwd=PROJECT,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0.0, 0.6))   # how far apart the two start: the trial's parameter, not a wait
        second = subprocess.run([sys.executable, "build.py", *args(site, out, *extra)], cwd=PROJECT,
                                capture_output=True, text=True)
        _first_out, first_err = first.communicate()
        for code, err in ((first.returncode, first_err), (second.returncode, second.stderr)):
            assert "Traceback" not in err, err
            assert code == 0, err
        assert tree(out) == expected[trial % 2], f"trial {trial}: the output is not a cold build of the content"
        assert leftovers(tmp_path) == []


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """The mini site, built once into public/ with the cache; the tree a cold build gives."""
    site = tmp_path / "site"
    shutil.copytree(SITES / "mini", site)
    out = tmp_path / "public"
    assert run_cli(*args(site, out)).code == 0
    return site, out, reference(site, tmp_path, "cold")


def edit_article(site: Path, n: int) -> None:
    article = site / "content" / "news" / "khai-truong.vi.md"
    article.write_text(article.read_text(encoding="utf-8") + f"\nSửa lần {n}.\n", encoding="utf-8")


def test_a_symlinked_output_stays_a_link_to_the_current_site(tmp_path: Path):
    site = tmp_path / "site"
    shutil.copytree(SITES / "mini", site)
    target = tmp_path / "www" / "site"
    target.parent.mkdir()
    link = site / "public"
    link.symlink_to(target)
    for n, extra in enumerate([(), (), ("--no-cache",), ("--no-cache",), ()]):
        if n:
            edit_article(site, n)
        result = run_cli("build", "--source", str(site), "--now", FIXED_NOW, "--messages", "en", *extra)
        assert result.code == 0, result.err
        assert link.is_symlink() and os.readlink(link) == str(target)
        assert tree(target) == reference(site, tmp_path, f"v{n}"), f"build {n}: the link's target is not the site"
        assert sorted(p.name for p in target.parent.iterdir()) == [".site.stat.json", "site"]
        assert not (site / ".cache" / "spare").is_symlink()
        assert [p.name for p in site.iterdir() if p.name.startswith(".public")] == []


@pytest.mark.parametrize("extra", [(), ("--no-cache",)], ids=["cache", "no-cache"])
def test_hand_edits_in_the_output_are_written_over(built, extra):
    site, out, cold = built
    assert run_cli(*args(site, out)).code == 0   # a second build: the spare exists and shares every file
    page = out / "en" / "index.html"
    with page.open("a", encoding="utf-8") as stream:   # `echo INJECTED >> public/en/index.html`
        stream.write("INJECTED")
    result = run_cli(*args(site, out, *extra))
    assert result.code == 0 and "No changes" not in result.out, result.out
    assert tree(out) == cold
    replaced = out / "vi" / "index.html"                # `sed -i`: a new file at the same path
    data = replaced.read_bytes()
    replaced.unlink()
    replaced.write_bytes(data.replace(b"<body", b"<body data-edited"))
    (out / "404.html").unlink()
    result = run_cli(*args(site, out, *extra))
    assert result.code == 0 and "(2 written" in result.out, result.out
    assert tree(out) == cold
    for _ in range(2):   # and stays so
        assert run_cli(*args(site, out, *extra)).code == 0
        assert tree(out) == cold


@pytest.mark.parametrize("foreign", ["uploads/report-2020.pdf", "notes.txt", "vi/tin-tuc/extra/", "vi/tin-tuc"])
def test_files_the_tool_did_not_create_are_refused_by_name_every_build(built, foreign):
    """Rule: never delete what the tool did not create. A file or folder added to the output (or
    a file put where the build made a folder) stops every build, exit 2, naming it, until moved out."""
    site, out, _cold = built
    path = out / foreign.rstrip("/")
    if foreign == "vi/tin-tuc":   # `rm -rf public/vi/tin-tuc; echo x > public/vi/tin-tuc`
        shutil.rmtree(path)
    added = next(p for p in [*reversed(path.parents), path] if not p.exists())   # what to move out after
    path.parent.mkdir(parents=True, exist_ok=True)
    path.mkdir() if foreign.endswith("/") else path.write_text("x", encoding="utf-8")
    before = tree(out)
    for extra in [(), ("--no-cache",), ()]:
        edit_article(site, len(extra))
        result = run_cli(*args(site, out, *extra))
        assert result.code == 2, result.err
        assert foreign in result.err and "did not create" in result.err and "Traceback" not in result.err
        assert tree(out) == before and path.exists()
    shutil.rmtree(added) if added.is_dir() else added.unlink()
    result = run_cli(*args(site, out))
    assert result.code == 0, result.err
    assert tree(out) == reference(site, out.parent, "after")


def test_fences_beside_the_output_and_in_the_cache(built, tmp_path: Path):
    site, out, _cold = built
    notmine = tmp_path / ".public.trash-notmine"
    notmine.mkdir()
    (notmine / "keep.txt").write_text("not ours", encoding="utf-8")
    outside = tmp_path / "outside"
    (outside / "spare").mkdir(parents=True)
    (outside / "spare" / "precious.txt").write_text("precious", encoding="utf-8")
    snapshot = tmp_path / "backup"
    subprocess.run(["cp", "-al", str(out), str(snapshot)], check=True)   # a hard-link snapshot
    saved = tree(snapshot)
    shutil.rmtree(site / ".cache")
    (site / ".cache").symlink_to(outside)
    edit_article(site, 1)
    result = run_cli(*args(site, out))
    assert result.code == 0 and ".cache is not a folder" in result.err, result.err
    assert tree(outside) == {"spare/precious.txt": hashlib.sha256(b"precious").hexdigest()}
    (site / ".cache").unlink()
    for n in range(2, 5):
        edit_article(site, n)
        assert run_cli(*args(site, out)).code == 0
    spare = site / ".cache" / "spare"
    assert spare.is_dir()
    shutil.rmtree(spare)
    spare.symlink_to(outside / "spare")                # the spare made a link to an outside folder
    edit_article(site, 5)
    assert run_cli(*args(site, out)).code == 0
    assert not out.is_symlink() and tree(outside) == {"spare/precious.txt": hashlib.sha256(b"precious").hexdigest()}
    for n in range(6, 8):
        edit_article(site, n)
        assert run_cli(*args(site, out)).code == 0
    (spare / "en" / "index.html").unlink()             # the spare tampered: a file replaced, a wrong manifest
    (spare / "en" / "index.html").write_text("TAMPERED", encoding="utf-8")
    (spare / "extra.html").write_text("TAMPERED", encoding="utf-8")
    (spare / ".sitegen-output.json").write_text('{"files": {"x": "y"}}', encoding="utf-8")
    edit_article(site, 8)
    assert run_cli(*args(site, out)).code == 0
    assert tree(out) == reference(site, tmp_path, "last")
    assert not [p for p in out.rglob("*.tmp")]
    assert (notmine / "keep.txt").read_text(encoding="utf-8") == "not ours"
    assert tree(snapshot) == saved, "a hard-link snapshot of an earlier output was written into"
