"""Benchmark report: the table of medians, the identity checks and the issue's targets."""
from __future__ import annotations

BUILDS = ("cold", "no-change", "one-file-edit")
# (what the issue asks, pairs, measure, median key, upper limit)
RATIO_TARGETS = [
    ("cold build of 2,000 pairs <= 0.5 x floor", 2000, "cold", "x_floor", 0.5),
    ("one-file-edit rebuild of 2,000 pairs <= 0.12 x floor", 2000, "one-file-edit",
     "x_floor", 0.12),
    ("no-change rebuild of 2,000 pairs <= 0.08 x floor", 2000, "no-change", "x_floor", 0.08),
]
LINEARITY = (500, 10000, 1.3)  # cold time per page at 10,000 within 1.3 x that at 500
PEAK_TARGET = (2000, 250.0)  # MB, the largest tree PSS peak of the builds at 2,000 pairs
PREVIEW_TARGET = (2000, 2.0)  # seconds from a save to the preview's reload message
COLUMNS = [("wall s", "wall_s", 2), ("cpu s", "cpu_s", 2), ("pss MB", "peak_tree_pss_mb", 1),
           ("rss MB", "peak_tree_rss_mb", 1),
           ("maxrss MB", "maxrss_mb", 1), ("x floor", "x_floor", 3), ("ms/page", "ms_per_page", 3)]


def machine_line(m: dict) -> str:
    return (f"machine: {m['nproc']} CPUs usable ({m['cpu_count']} online), {m['cpu']}; "
            f"{m['python']}; {m['platform']}; {m['date']}")


def _median(sizes: list[dict], pairs: int, measure: str, key: str) -> float | None:
    for size in sizes:
        if size["pairs"] == pairs:
            return size["measures"][measure]["median"][key]
    return None


def targets(sizes: list[dict]) -> list[dict]:
    """Each target of the issue with its measured value (None when its size was not run)."""
    rows = [{"target": text, "limit": limit, "value": _median(sizes, pairs, measure, key)}
            for text, pairs, measure, key, limit in RATIO_TARGETS]
    pairs, limit = PEAK_TARGET
    peaks = [_median(sizes, pairs, b, "peak_tree_pss_mb") for b in BUILDS]
    rows.append({"target": f"peak memory of the builds of 2,000 pairs <= {limit:g} MB",
                 "limit": limit, "value": None if None in peaks else max(peaks)})
    pairs, limit = PREVIEW_TARGET
    preview = next((s["preview"]["median_s"] for s in sizes if s["pairs"] == pairs and "preview" in s), None)
    rows.append({"target": f"a save is visible in the preview of {pairs:,} pairs within {limit:g} s",
                 "limit": limit, "value": preview})
    small, large, limit = LINEARITY
    per_page = [_median(sizes, n, "cold", "ms_per_page") for n in (small, large)]
    rows.append({"target": f"cold time per page at {large:,} pairs <= {limit:g} x at {small:,}",
                 "limit": limit,
                 "value": None if None in per_page else per_page[1] / per_page[0]})
    for row in rows:
        row["met"] = None if row["value"] is None else row["value"] <= row["limit"]
    return rows


def table(sizes: list[dict]) -> list[str]:
    head = f"{'pairs':>6}  {'measure':<14}" + "".join(f"{c[0]:>11}" for c in COLUMNS)
    lines = [head, "-" * len(head)]
    for size in sizes:
        for name, m in size["measures"].items():
            cells = "".join(f"{m['median'][key]:>11.{digits}f}" for _, key, digits in COLUMNS)
            lines.append(f"{size['pairs']:>6}  {name:<14}{cells}")
    return lines


def render(result: dict) -> str:
    """The whole printed report."""
    sizes = result["sizes"]
    runs = f"medians of {result['runs']} run(s) per measure"
    lines = [machine_line(result["machine"]),
             f"build: {result['build_py']} --now {result['now']}; {runs}", ""]
    lines += table(sizes)
    lines.append("")
    for size in sizes:
        lines.append(f"identical (no-change output vs cold output, {size['pairs']} pairs, "
                     f"{size['output_files']} files): {'yes' if size['identical'] else 'NO'}")
        lines += [f"  differs: {path}" for path in size["differing"]]
        if "preview" in size:
            p = size["preview"]
            saves = ", ".join(f"{s:.2f}" for s in p["saves_s"])
            lines.append(f"preview ({size['pairs']} pairs): first build {p['first_build_s']:.2f} s; "
                         f"save -> reload median {p['median_s']:.2f} s ({saves})")
    if len(sizes) > 1:
        first, last = sizes[0], sizes[-1]
        ratio = (last["measures"]["cold"]["median"]["ms_per_page"]
                 / first["measures"]["cold"]["median"]["ms_per_page"])
        lines.append(f"linearity: cold ms/page at {last['pairs']} pairs = {ratio:.2f} x "
                     f"at {first['pairs']} pairs")
    lines += ["", "targets (issue 7):"]
    for row in result["targets"]:
        status = {None: "n/a ", True: "PASS", False: "FAIL"}[row["met"]]
        value = "not measured" if row["value"] is None else f"{row['value']:.3f}"
        lines.append(f"  [{status}] {row['target']}: {value}")
    return "\n".join(lines)
