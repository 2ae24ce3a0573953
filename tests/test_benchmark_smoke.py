"""Smoke test of the benchmark runner: 50 article pairs, one run of each measure."""
import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
MEASURES = {"floor", "cold", "no-change", "one-file-edit"}
FIGURES = ("wall_s", "cpu_s", "peak_tree_pss_mb", "peak_tree_rss_mb", "maxrss_mb", "ms_per_page", "x_floor")


def run(*args: object) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, *map(str, args)], capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def test_runner_reports_every_measure_and_identical_output(tmp_path: Path) -> None:
    figures, work = tmp_path / "bench.json", tmp_path / "work"
    proc = run(BENCH / "run.py", "--sizes", "50", "--runs", "1", "--workdir", work,
               "--json", figures)
    result = json.loads(figures.read_text("utf-8"))
    (size,) = result["sizes"]
    assert size["pairs"] == 50
    assert set(size["measures"]) == MEASURES
    for name, measure in size["measures"].items():
        assert len(measure["runs"]) == 1
        for key in FIGURES:
            assert measure["median"][key] > 0, (name, key)
    assert size["identical"] is True
    assert "identical (no-change output vs cold output, 50 pairs" in proc.stdout
    assert ": yes" in proc.stdout
    assert result["machine"]["nproc"] >= 1 and result["machine"]["python"]
    preview = size["preview"]
    assert len(preview["saves_s"]) == 3 and all(0 < s < 60 for s in preview["saves_s"])
    assert "preview (50 pairs): first build" in proc.stdout
    # the one-file-edit runs restore what they edit: a reused corpus stays as generated
    run(BENCH / "gen_corpus.py", "50", tmp_path / "fresh")
    used, fresh = work / "site-50" / "content", tmp_path / "fresh" / "content"
    files = sorted(p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(used) for p in used.rglob("*") if p.is_file())
    assert all((used / f).read_bytes() == (fresh / f).read_bytes() for f in files)
