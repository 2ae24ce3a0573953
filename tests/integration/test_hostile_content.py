"""Hostile or pathological content: cut to the safe subset with a warning naming file and line,
or refused in bounded time with a clear message; YAML bombs refused.

Times measured on the development machine (Python-Markdown 3.11) are in docs/reliability.md;
the limits in sitegen/markdown_render.py sit far below where its time grows out of bounds.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from sitegen.diagnostics import Diagnostics
from sitegen.load import markdown as md
from sitegen.load.markdown import complexity_problems, render_one
from sitegen.load.sources import MAX_FILE_BYTES
from sitegen.load.yamltext import load as load_yaml
from tests.conftest import SITES
from tests.integration.hardening_kit import article, build, build_over, lay_over

HOSTILE = SITES / "bad-hostile-html"


def hostile_site(tmp_path: Path, trusted: bool = False) -> Path:
    site = lay_over(tmp_path, {})
    shutil.copytree(HOSTILE, site, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
    if trusted:
        config = site / "site.toml"
        config.write_text("trust_html = true\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    return site


def test_unsafe_html_is_cut_with_a_warning_naming_file_and_line(tmp_path: Path):
    built = build(hostile_site(tmp_path))
    assert built.run.code == 0, built.messages
    reported = "".join(line + "\n" for line in built.messages.splitlines() if not line.startswith("note:"))
    assert reported == (HOSTILE / "expected.txt").read_text(encoding="utf-8")
    assert "Big data" not in built.messages   # prose that mentions "data:" is not HTML
    page = built.page("vi/tin-tuc/hostile")
    for forbidden in ("<script>alert", "onclick", "onerror", "javascript:", "<iframe", "<style", "<svg", "<form",
                      "http-equiv", "<base", "data:text"):
        assert forbidden not in page.split("<article", 1)[1].lower(), forbidden
    assert 'id="main-1"' in page and page.count('id="main"') == 1   # "## Main" cannot steal the page's id


def test_trusted_editors_keep_their_html_without_warnings(tmp_path: Path):
    built = build(hostile_site(tmp_path, trusted=True))
    assert built.run.code == 0, built.messages
    assert "unsafe HTML" not in built.messages
    page = built.page("vi/tin-tuc/hostile")
    assert '<p onclick="alert(2)">click</p>' in page and "<iframe" in page


PATHOLOGICAL = {
    # name: (body, message fragment)
    "deep-quotes": (">" * 5000 + " x", "nested more than 20 levels deep"),
    "deep-lists": ("".join("    " * i + "1. x\n" for i in range(400)), "nested more than 20 levels deep"),
    "brackets": ("[" * 10_000, "too many '[' brackets"),
    "unclosed-links": ("[x](" * 10_000, "too many '[' brackets"),
    "bracket-lines": ("[\n" * 10_000, "too many '[' brackets"),
    "link-then-long-tail": ("[x](" * 100 + "a" * 1_000_000, "too many '[' brackets"),
    "stars": ("*" * 10_000 + "x" + "*" * 10_000, "more than 500 '*' or '_' in a row"),
    "definitions": ("t\n: d\n" * 1000, "more than 200 definitions"),
    "headings": ("## h\n" * 10_000, "10000 headings; the limit is 1000"),
    "footnotes": ("".join(f"[^{i}]: x\n" for i in range(2000)), "2000 footnotes"),
    "abbreviations": ("".join(f"*[A{i}]: x\n" for i in range(1000)), "1000 abbreviations"),
    "html-lines": ("<div>x</div>\n" * 100_000, "100001 lines; the limit is 20000"),
}


@pytest.mark.parametrize("case", sorted(PATHOLOGICAL))
def test_pathological_markdown_is_refused_quickly_with_a_clear_message(case: str):
    body, fragment = PATHOLOGICAL[case]
    started = time.perf_counter()
    problems = complexity_problems(body, 5)
    assert time.perf_counter() - started < 2
    assert any(fragment in str(message) for _, message, _ in problems), problems


UNDER_THE_LIMITS = {
    "quotes-20": ">" * 20 + " x",
    "lists-20": "".join("    " * i + "1. x\n" for i in range(20)),
    "mixed-20": "".join("    " * i + "> - " for i in range(6)) + "x",
    "stars-500": "*" * 500 + "x" + "*" * 500,
    "definitions-200": "t\n: d\n" * 200,
    "headings-1000": "## h\n" * 1000,
    "footnotes-1000": "".join(f"[^{i}]" for i in range(1000)) + "\n\n" + "".join(f"[^{i}]: x\n" for i in range(1000)),
    "abbreviations-100": "".join(f"*[A{i}]: x\n" for i in range(100)) + "A1 " * 1000,
    "brackets-at-budget": ("[" * 1000 + "\n\n") * 10,
    "prose-5mb-line": "Đổi mới sáng tạo là động lực phát triển. " * 120_000,
    "links-300": "[a](http://x) " * 300,
}


@pytest.mark.parametrize("case", sorted(UNDER_THE_LIMITS))
def test_markdown_just_under_the_limits_renders_in_bounded_time(case: str):
    """Everything the limits accept renders without a crash (recursion) in seconds, not minutes."""
    body = UNDER_THE_LIMITS[case]
    assert complexity_problems(body, 1) == []
    started = time.perf_counter()
    render_one(body, trusted=False)
    assert time.perf_counter() - started < 20, "Python-Markdown took too long on input the limits accept"


def test_the_limits_are_far_above_real_articles():
    for path in sorted((SITES.parent.parent / "content").rglob("*.md")):
        assert complexity_problems(path.read_text(encoding="utf-8"), 1) == [], path
    assert md.MAX_NESTING >= 16 and md.MAX_LINES >= 10_000


def test_a_pathological_article_fails_the_build_naming_file_and_line(tmp_path: Path):
    started = time.perf_counter()
    built = build_over(tmp_path, {"content/news/cham.vi.md": article("Chậm", "Đoạn đầu.\n\n" + "[x](" * 20_000)})
    assert time.perf_counter() - started < 30
    assert built.run.code == 1
    assert "content/news/cham.vi.md:7: too many '[' brackets in long paragraphs" in built.messages


def test_a_pathological_event_description_is_refused(tmp_path: Path):
    calendar = ("title: Lịch\nevents:\n  - id: su-kien\n    title: Sự kiện\n    start: 2020-05-01\n"
                f"    description: \"{'>' * 100} x\"\n")
    built = build_over(tmp_path, {"content/events/cham.yaml": calendar})
    assert built.run.code == 1
    assert "content/events/cham.yaml:6: this line is nested more than 20 levels deep" in built.messages


def test_a_5_mb_single_line_builds_in_bounded_time(tmp_path: Path):
    line = "Đổi mới sáng tạo là động lực phát triển kinh tế của tỉnh Kon Tum. "
    body = line * ((MAX_FILE_BYTES - 4096) // len(line.encode()))
    started = time.perf_counter()
    built = build_over(tmp_path, {"content/news/dai.vi.md": article("Dài", body)})
    seconds = time.perf_counter() - started
    assert built.run.code == 0, built.messages
    assert seconds < 120, f"{seconds:.1f} s"


def test_a_50_mb_file_is_refused_without_being_read(tmp_path: Path):
    site = lay_over(tmp_path, {})
    huge = site / "content" / "news" / "lon.vi.md"
    with huge.open("wb") as handle:   # sparse: 50 MB on paper, nothing on disk
        handle.write(article("Lớn").encode())
        handle.truncate(50 * 1024 * 1024)
    started = time.perf_counter()
    built = build(site)
    assert time.perf_counter() - started < 20
    assert built.run.code == 1
    assert "content/news/lon.vi.md: is 50.0 MB; the limit is 5 MB" in built.messages
    os.remove(huge)


BILLION_LAUGHS = """a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


@pytest.mark.parametrize(("text", "fragment"), [
    (BILLION_LAUGHS, "YAML anchors and aliases (&name / *name) are not allowed"),
    ("title: &t Tiêu đề\nsummary: *t\n", "YAML anchors and aliases (&name / *name) are not allowed"),
    ("base: &b {x: 1}\nother:\n  <<: *b\n", "keys must be plain words"),
    ("a: " + "[" * 20_000 + "]" * 20_000 + "\n", "nesting depth"),   # libyaml's own limit, else ours
    ("tags: [" + ", ".join(["x"] * 30_000) + "]\n", "more than 20000 YAML values"),
], ids=["billion-laughs", "alias", "merge-key", "deep-nesting", "too-many-values"])
def test_yaml_bombs_are_refused(text: str, fragment: str):
    diags = Diagnostics()
    started = time.perf_counter()
    assert load_yaml(text, "content/events/bom.yaml", diags) is None
    assert time.perf_counter() - started < 10
    assert any(fragment in d.message for d in diags.errors), diags.errors


def test_a_yaml_bomb_in_front_matter_fails_the_build_naming_the_file(tmp_path: Path):
    front = "title: Bom\ndate: 2020-02-06\nx: &x [a, a]\ny: [*x, *x]\n"
    built = build_over(tmp_path, {"content/news/bom.vi.md": f"---\n{front}---\nNội dung.\n"})
    assert built.run.code == 1
    assert "content/news/bom.vi.md:4: YAML anchors and aliases (&name / *name) are not allowed" in built.messages
