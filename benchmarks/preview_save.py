#!/usr/bin/env python3
"""Preview latency: seconds from saving an article to the browser's reload message.

Usage: preview_save.py SITE [--saves 3]

Starts the live-reload preview (`build.py serve`'s server, in this process, on a free
loopback port) over SITE, waits for its first build, then connects as the browser's
livereload client does and, SAVES times, appends a sentence to another article and waits
for the `reload` message. Prints one JSON object: {"first_build_s": ..., "saves_s": [...]}.
The edited articles get their bytes back at the end. Run by run.py as the `preview-save`
measure; its figures include the preview's file watcher (polling) and its debounce.
"""
from __future__ import annotations

import argparse
import asyncio
import io
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tornado.websocket import websocket_connect  # noqa: E402

from sitegen.preview.server import PreviewServer, ServeSettings  # noqa: E402

PROTOCOL = "http://livereload.com/protocols/official-7"
NOW = "2026-01-01T00:00:00+07:00"
STRIDE = 53   # articles between the ones edited by successive saves


async def measure_saves(port: int, files: list[Path], saves: int) -> list[float]:
    conn = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    await conn.write_message(json.dumps({"command": "hello", "protocols": [PROTOCOL]}))
    await asyncio.wait_for(conn.read_message(), 30)
    latencies = []
    try:
        for k in range(saves):
            path = files[(k * STRIDE + 11) % len(files)]
            with open(path, "a", encoding="utf-8", newline="\n") as fh:
                started = time.monotonic()
                fh.write(f"\nCâu thêm trong bản xem trước, lần {k + 1}.\n")
            while True:
                message = await asyncio.wait_for(conn.read_message(), 120)
                if message is None:
                    raise SystemExit("the preview closed the websocket")
                if json.loads(message)["command"] == "reload":
                    latencies.append(time.monotonic() - started)
                    break
    finally:
        conn.close()
    return latencies


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", type=Path)
    ap.add_argument("--saves", type=int, default=3)
    args = ap.parse_args(argv)
    site = args.site.resolve()
    files = sorted(p for p in (site / "content").glob("*/*.md") if not p.name.startswith("_index"))
    originals = {path: path.read_bytes() for path in files}
    server = PreviewServer(site, ServeSettings(port=0, now=NOW), out=io.StringIO())
    started = time.monotonic()
    server.start(timeout=600)
    first = time.monotonic() - started
    try:
        saves = asyncio.run(measure_saves(server.port, files, args.saves))
    finally:
        server.stop()
        for path, data in originals.items():
            if path.read_bytes() != data:
                path.write_bytes(data)
    print(json.dumps({"first_build_s": first, "saves_s": saves}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
