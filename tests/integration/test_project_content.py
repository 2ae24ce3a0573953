"""The project's own content: both languages everywhere, and no number the source does not give."""

from __future__ import annotations

import re

import pytest

from tests.conftest import PROJECT

SEED = PROJECT.parent / "shared" / "seed"
CONTENT = PROJECT / "content"


def seed_numbers() -> set[int]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEED.glob("*.txt")))
    return {int(n) for n in re.findall(r"\d+", text)}


def test_every_article_and_page_exists_in_both_languages():
    for path in sorted(CONTENT.rglob("*.vi.md")):
        assert path.with_name(path.name.replace(".vi.md", ".en.md")).is_file(), path
    for path in sorted(CONTENT.rglob("*.en.md")):
        assert path.with_name(path.name.replace(".en.md", ".vi.md")).is_file(), path


def test_every_number_in_the_content_comes_from_the_source():
    if not SEED.is_dir():
        pytest.skip("shared/seed/ (the source document) is not beside this checkout")
    # list numbering, quarters, page weights, and the last days of months the source names
    known = seed_numbers() | {1, 2, 3, 4, 5, 6, 10, 20, 30, 31}
    invented = []
    for path in sorted(CONTENT.rglob("*")):
        if path.suffix not in (".md", ".yaml"):
            continue
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\]\([^)]*\)", "]", text)                # link targets are file names, not facts
        text = re.sub(r"^(id|slug|translation_key):.*$", "", text, flags=re.M)
        text = re.sub(r"\b(?=[a-z0-9-]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)+\b", "", text)  # slugs and ids
        for number in re.findall(r"\d+", text):
            if int(number) not in known:
                invented.append(f"{path.relative_to(PROJECT)}: {number}")
    assert not invented, invented
