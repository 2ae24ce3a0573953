#!/usr/bin/env python3
"""Benchmark runner: cold, no-change and one-file-edit builds against the Markdown floor.

Usage: run.py [--sizes 500,2000,10000] [--runs 3] [--workdir DIR] [--json FILE]

For each size (article PAIRS) it generates a site once with gen_corpus.py into
WORKDIR/site-<N> (reused when its corpus.json says the same size), then times
``build.py build --source SITE --output WORKDIR/out-<N> --now ...`` in child
processes, each measure --runs times:

    floor          Python-Markdown alone over the same .md files (floor.py)
    cold           SITE/.cache and the output deleted before each run
    no-change      cache and output present, nothing changed
    one-file-edit  one sentence appended to one article (another one each run)
    preview-save   seconds from saving an article to the live-reload message of
                   `build.py serve` (preview_save.py; at least 3 saves)

and prints the medians (see README.md for what each figure means). It also
checks once per size that the no-change output is byte-identical to the cold
output. A failed build stops the run, printing its stderr, with exit status 1.
"""
from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import gen_corpus
import report
from measure import MB, Sample, hash_tree, measure

HERE = Path(__file__).resolve().parent
BUILD_PY = HERE.parent / "build.py"
FLOOR_PY = HERE / "floor.py"
PREVIEW_PY = HERE / "preview_save.py"
NOW = "2026-01-01T00:00:00+07:00"
MEASURES = ("floor", "cold", "no-change", "one-file-edit")
EDIT_STRIDE = 37  # articles between the ones edited by successive runs


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="500,2000,10000",
                    help="comma-separated numbers of article pairs (default: %(default)s)")
    ap.add_argument("--runs", type=int, default=3, help="runs per measure (default: 3)")
    ap.add_argument("--workdir", type=Path,
                    default=Path(tempfile.gettempdir()) / "sitegen-bench",
                    help="where sites and outputs live, reused across runs (default: %(default)s)")
    ap.add_argument("--json", type=Path, help="also write the raw figures to this file")
    args = ap.parse_args(argv)
    try:
        args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        ap.error(f"--sizes: not a list of integers: {args.sizes!r}")
    if not args.sizes or min(args.sizes) < 1 or args.runs < 1:
        ap.error("--sizes and --runs must be positive")
    return args


def machine_info() -> dict:
    """What the figures were measured on, and when."""
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "date": dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds"),
        "nproc": len(os.sched_getaffinity(0)), "cpu_count": os.cpu_count(), "cpu": cpu,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "platform": platform.platform(),
    }


def prepare_site(workdir: Path, pairs: int) -> Path:
    """The benchmark site for this size: generated once, reused while the size matches."""
    site = workdir / f"site-{pairs}"
    manifest = site / "corpus.json"
    if manifest.is_file() and json.loads(manifest.read_text("utf-8"))["pairs"] == pairs:
        if (site / "site.toml").read_bytes() != gen_corpus.PROJECT_SITE_TOML.read_bytes():
            shutil.copyfile(gen_corpus.PROJECT_SITE_TOML, site / "site.toml")
        print(f"reusing {site}", flush=True)
        return site
    shutil.rmtree(site, ignore_errors=True)
    print(f"generating {pairs} pairs into {site} ...", flush=True)
    gen_corpus.gen(pairs, site)
    return site


def run_checked(cmd: list) -> Sample:
    """Measure cmd; stop the benchmark loudly, with its stderr, if it fails."""
    sample = measure(cmd)
    if sample.returncode != 0:
        shown = " ".join(str(c) for c in cmd)
        sys.stderr.write(f"\nFAILED with exit status {sample.returncode}: {shown}\nstderr:\n")
        sys.stderr.write(sample.stderr or "(empty)\n")
        raise SystemExit(1)
    return sample


def build(site: Path, out: Path) -> Sample:
    return run_checked([sys.executable, BUILD_PY, "build", "--source", site, "--output", out,
                        "--now", NOW])


def article_files(site: Path) -> list[Path]:
    return sorted(p for sec in gen_corpus.SECTIONS for p in (site / "content" / sec[0]).glob("*.md"))


def repeat(runs: int, name: str, once: Callable[[int], Sample]) -> list[Sample]:
    samples = []
    for k in range(runs):
        samples.append(once(k))
        s = samples[-1]
        print(f"  {name:<14} run {k + 1}/{runs}: {s.wall:7.2f} s wall  {s.cpu:7.2f} s cpu  "
              f"{s.peak_tree_rss / MB:7.1f} MB peak", flush=True)
    return samples


def edit_runs(site: Path, out: Path, runs: int) -> list[Sample]:
    """One-file-edit: each run appends a sentence to another article and rebuilds.

    The edited files get their bytes back afterwards, so a reused corpus stays as generated.
    """
    files = article_files(site)
    originals: dict[Path, bytes] = {}

    def edit(k: int) -> Sample:
        path = files[(k * EDIT_STRIDE) % len(files)]
        originals.setdefault(path, path.read_bytes())
        with open(path, "a", encoding="utf-8", newline="\n") as fh:
            fh.write(f"\nCâu bổ sung cho lần đo số {k + 1}: nội dung đã thay đổi.\n")
        return build(site, out)

    try:
        return repeat(runs, "one-file-edit", edit)
    finally:
        for path, data in originals.items():
            path.write_bytes(data)


def bench_size(pairs: int, runs: int, workdir: Path) -> dict:
    """All four measures for one size, plus the identity check."""
    site, out = prepare_site(workdir, pairs), workdir / f"out-{pairs}"
    floor = repeat(runs, "floor",
                   lambda _: run_checked([sys.executable, FLOOR_PY, site / "content"]))

    def cold(_: int) -> Sample:
        shutil.rmtree(site / ".cache", ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        return build(site, out)

    samples = {"floor": floor, "cold": repeat(runs, "cold", cold)}
    cold_tree = hash_tree(out)
    samples["no-change"] = repeat(runs, "no-change", lambda _: build(site, out))
    after = hash_tree(out)
    differing = sorted(p for p in cold_tree.keys() | after.keys() if cold_tree.get(p) != after.get(p))
    samples["one-file-edit"] = edit_runs(site, out, runs)
    result = summarize(pairs, samples)
    result.update(output_files=len(cold_tree), identical=not differing, differing=differing[:20])
    result["preview"] = preview_runs(site, max(runs, 3))
    return result


def preview_runs(site: Path, saves: int) -> dict:
    """The preview server's first build and its save-to-reload latencies (preview_save.py)."""
    sample = run_checked([sys.executable, PREVIEW_PY, site, "--saves", str(saves)])
    data = json.loads(sample.stdout)
    for k, seconds in enumerate(data["saves_s"]):
        print(f"  {'preview-save':<14} save {k + 1}/{saves}: {seconds:7.2f} s to the reload message", flush=True)
    return {"first_build_s": data["first_build_s"], "saves_s": data["saves_s"],
            "median_s": statistics.median(data["saves_s"])}


def summarize(pairs: int, samples: dict[str, list[Sample]]) -> dict:
    """Raw samples and medians of one size, in plain JSON-able values."""
    measures = {}
    for name in MEASURES:
        raw = [{"wall_s": s.wall, "cpu_s": s.cpu, "peak_tree_rss_mb": s.peak_tree_rss / MB,
                "peak_tree_pss_mb": s.peak_tree_pss / MB,
                "maxrss_mb": s.maxrss / MB} for s in samples[name]]
        med = {key: statistics.median(r[key] for r in raw) for key in raw[0]}
        med["ms_per_page"] = 1000 * med["wall_s"] / (2 * pairs)
        measures[name] = {"runs": raw, "median": med}
    floor_wall = measures["floor"]["median"]["wall_s"]
    for m in measures.values():
        m["median"]["x_floor"] = m["median"]["wall_s"] / floor_wall
    return {"pairs": pairs, "articles": 2 * pairs, "measures": measures}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    # As an installed package is: byte-compiled once, so that no build pays for compiling the
    # generator (some machines set PYTHONDONTWRITEBYTECODE, and then every run would).
    compileall.compile_dir(BUILD_PY.parent / "sitegen", quiet=1)
    result = {"machine": machine_info(), "build_py": str(BUILD_PY), "now": NOW,
              "runs": args.runs, "sizes": []}
    print(f"benchmarking {args.sizes} pairs, {args.runs} run(s) each, in {args.workdir}",
          flush=True)
    for pairs in args.sizes:
        result["sizes"].append(bench_size(pairs, args.runs, args.workdir))
    result["targets"] = report.targets(result["sizes"])
    print()
    print(report.render(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
