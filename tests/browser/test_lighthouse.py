"""Lighthouse 12, mobile, on the page with photos: at least 95 in performance, 100 in the other three.

The light CI check of issue #15; every page type is scored by benchmarks/lighthouse.py (a few
minutes, README "Lighthouse"). Lighthouse is installed by .ci/run (`npm ci --prefix
benchmarks/lighthouse`); when it is missing this test fails, it never skips.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks import lighthouse as lh


def test_the_page_with_photos_keeps_its_scores_on_a_phone(tmp_path: Path):
    assert lh.LIGHTHOUSE.is_file(), "Lighthouse is missing: npm ci --prefix benchmarks/lighthouse"
    port = lh.free_port()
    origin = f"http://127.0.0.1:{port}"
    output = tmp_path / "public"
    lh.build(lh.prepare_site(tmp_path), output, origin)
    path = lh.page_types(output)["article-with-photos"]
    server = lh.serve(output, port)
    try:
        result = lh.lighthouse(f"{origin}/{path}", tmp_path / "report.json")
    finally:
        server.kill()
        server.wait()
    assert not lh.below_bar("article", result), result
    assert not result["flagged"], result   # minified CSS/JS, sized, lazy, modern and responsive images
