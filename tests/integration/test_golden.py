"""The mini site built with a fixed --now matches the committed golden tree, byte for byte.

Regenerate after an intended change with `pytest tests/integration/test_golden.py --update-golden`
and review the diff in git like any other change.
"""

from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path

from tests.conftest import FIXED_NOW, SITES, run_cli

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "mini"
BASE_URL = "https://example.org/kontum/"


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file but the share cards: their pixels are Pillow's (tests/unit/test_cards.py checks them)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ".sitegen-output.json" and not p.relative_to(folder).as_posix().startswith("cards/")}


def card_names(folder: Path) -> set[str]:
    return {p.name for p in (folder / "cards").iterdir()}


def readable_diff(path: str, expected: bytes, actual: bytes) -> str:
    lines = difflib.unified_diff(expected.decode("utf-8", "replace").splitlines(),
                                 actual.decode("utf-8", "replace").splitlines(),
                                 f"golden/{path}", f"built/{path}", lineterm="", n=2)
    return "\n".join(list(lines)[:60])


def test_mini_site_matches_golden_tree(tmp_path: Path, update_golden: bool):
    out = tmp_path / "public"
    result = run_cli("build", "--source", str(SITES / "mini"), "--output", str(out), "--now", FIXED_NOW,
                     "--base-url", BASE_URL, "--no-cache")
    assert result.code == 0, result.err
    built = files_of(out)
    shown = {url.decode().rpartition("/cards/")[2] for data in built.values()
             for url in re.findall(rb'<meta property="og:image" content="([^"]+)"', data)}
    assert shown == card_names(out), "every card is some page's og:image, and every og:image is built"
    if update_golden:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, data in built.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    golden = files_of(GOLDEN)
    assert sorted(built) == sorted(golden), "files added or missing: " + str(
        sorted(set(built) ^ set(golden)))
    diffs = [readable_diff(p, golden[p], built[p]) for p in sorted(built) if built[p] != golden[p]]
    assert not diffs, "\n\n".join(diffs[:5])
