#!/usr/bin/env python3
"""Lighthouse 12 (mobile preset) over every page type of the built site, offline, on Debian's Chromium.

Usage: lighthouse.py [--kinds home,article,...] [--json FILE]

Needs Lighthouse installed once: `npm ci --prefix benchmarks/lighthouse` (package.json pins 12.x)
and /usr/bin/chromium. It copies the project's site into a temporary folder, adds an article
with a 3000 px phone photo shown twice (tests/photos.py: made with Pillow, never downloaded),
builds it for http://127.0.0.1:PORT/, serves it with `python3 -m http.server`, and runs
Lighthouse on the first page of each kind (the `kind-*` class of <body>), one after the other.
It prints one line per page type and exits 1 when one scores under the bar: 95 in
performance, 100 in accessibility, best practices and SEO (the 404 page is `noindex` and
answers 404 on a real host, which Lighthouse's SEO counts against it: it is reported, not failed).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.photos import ARTICLE, make_photo  # noqa: E402

LIGHTHOUSE = ROOT / "benchmarks" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
NOW = "2026-11-26T12:00"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
BAR = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")
_KIND = re.compile(r'<body class="kind-([a-z0-9-]+)"')


def prepare_site(work: Path) -> Path:
    """The project's site with a photo article (the project's theme is used as the default)."""
    site = work / "site"
    site.mkdir(parents=True)
    shutil.copy2(ROOT / "site.toml", site / "site.toml")
    shutil.copytree(ROOT / "content", site / "content")
    make_photo(site / "static" / "images" / "le-phat-dong.jpg")
    (site / "content" / "news" / "le-phat-dong.vi.md").write_text(ARTICLE, encoding="utf-8")
    return site


def build(site: Path, output: Path, origin: str) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--source", str(site), "--output",
                           str(output), "--base-url", origin + "/", "--now", NOW, "--no-cache"],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the site did not build:\n{done.stdout}{done.stderr}")


def page_types(output: Path) -> dict[str, str]:
    """kind -> url path of the first page of that kind (Vietnamese), plus the photo article, contact and 404."""
    found: dict[str, str] = {"root": ""}
    for file in sorted(output.glob("vi/**/index.html")):
        path = file.relative_to(output).as_posix()[: -len("index.html")]
        text = file.read_text(encoding="utf-8")
        match = _KIND.search(text)
        if not match:
            continue
        kind = match.group(1)
        if kind == "article" and "is-document" in text:
            kind = "document-article"
        if "<picture>" in text:
            found.setdefault(f"{kind}-with-photos", path)
        found.setdefault(kind, path)
    if (output / "vi" / "lien-he" / "index.html").is_file():
        found["contact"] = "vi/lien-he/"
    found["404"] = "404.html"
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(output: Path, port: int) -> subprocess.Popen:
    server = subprocess.Popen([sys.executable, "-m", "http.server", "-d", str(output), "-b", "127.0.0.1", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):   # until it answers (not a sleep standing in for a signal: each try is a request)
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=1).close()
            return server
        except OSError:
            time.sleep(0.05)
    server.kill()
    raise SystemExit("the static server did not start")


def lighthouse(url: str, report: Path) -> dict:
    """Scores (0-100), the four metrics and the audits that lost points, for one URL."""
    if not LIGHTHOUSE.is_file():
        raise SystemExit("Lighthouse is not installed: npm ci --prefix benchmarks/lighthouse")
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    flags = "--headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run"
    done = subprocess.run([str(LIGHTHOUSE), url, f"--chrome-flags={flags}", "--only-categories=" + ",".join(CATEGORIES),
                           "--output=json", f"--output-path={report}", "--quiet"],
                          capture_output=True, text=True, env=env, check=False, timeout=300)
    if done.returncode != 0:
        raise SystemExit(f"Lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    scores = {cat: round(data["categories"][cat]["score"] * 100) for cat in CATEGORIES}
    metrics = {name: data["audits"][name]["displayValue"] for name in METRICS}
    lost = sorted(f"{cat}:{ref['id']}" for cat in CATEGORIES for ref in data["categories"][cat]["auditRefs"]
                  if ref["weight"] and (data["audits"][ref["id"]]["score"] or 0) < 1
                  and data["audits"][ref["id"]]["scoreDisplayMode"] in ("binary", "numeric", "metricSavings"))
    flagged = [name for name in ("unminified-css", "unminified-javascript", "unsized-images", "offscreen-images",
                                 "modern-image-formats", "uses-responsive-images")
               if data["audits"].get(name, {}).get("score") is not None and data["audits"][name]["score"] < 1]
    return {"url": url, "scores": scores, "metrics": metrics, "lost": lost, "flagged": flagged}


def below_bar(kind: str, result: dict) -> list[str]:
    return [f"{cat} {score} < {BAR[cat]}" for cat, score in result["scores"].items()
            if score < BAR[cat] and not (kind == "404" and cat == "seo")]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", help="comma-separated page types (default: all found)")
    parser.add_argument("--json", type=Path, help="write every result here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        work = Path(tmp)
        port = free_port()
        origin = f"http://127.0.0.1:{port}"
        output = work / "public"
        build(prepare_site(work), output, origin)
        kinds = page_types(output)
        if args.kinds:
            kinds = {k: v for k, v in kinds.items() if k in args.kinds.split(",")}
        server = serve(output, port)
        results, failures = {}, []
        try:
            for kind, path in kinds.items():
                result = results[kind] = lighthouse(f"{origin}/{path}", work / f"{kind}.json")
                problems = below_bar(kind, result)
                failures += [f"{kind}: {p}" for p in problems]
                scores = " ".join(f"{cat} {result['scores'][cat]:>3}" for cat in CATEGORIES)
                metrics = ", ".join(f"{k.split('-')[0]} {v}" for k, v in result["metrics"].items())
                print(f"{kind:<24} {scores}   {metrics}   {' '.join(result['lost'] + result['flagged'])}", flush=True)
        finally:
            server.kill()
            server.wait()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for failure in failures:
        print(f"below the bar: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
