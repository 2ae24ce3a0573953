"""`build.py serve`: the live-reload preview on 127.0.0.1 (see sitegen/preview/)."""

from __future__ import annotations

import argparse
import signal
import sys

from sitegen.commands.common import EXIT_OK, EXIT_USAGE, source_of
from sitegen.preview.server import PortInUse, PreviewServer, ServeSettings, is_loopback


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def cmd_serve(args: argparse.Namespace) -> int:
    source = source_of(args)
    settings = ServeSettings(host=args.host, port=args.port, preview=not args.no_drafts, now=getattr(args, "now", None),
                             desk_token=getattr(args, "desk_token", None))
    if not is_loopback(settings.host):
        print(f"warning: --host {settings.host} makes the preview (drafts and future articles included) reachable "
              "from other computers; use it only on a network you trust", file=sys.stderr)
    server = PreviewServer(source, settings)
    try:
        server.bind()
    except PortInUse as exc:
        server.close()
        print(f"build.py: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Building {source} into {server.folder} for the preview (public/ is not touched).",
          file=sys.stderr, flush=True)
    signal.signal(signal.SIGTERM, _interrupt)   # `kill` cleans up like Ctrl+C
    try:
        server.run()
    except KeyboardInterrupt:
        print("Preview stopped.", file=sys.stderr)
    finally:
        server.close()
    return EXIT_OK
