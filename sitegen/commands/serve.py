"""`build.py serve`: the live-reload preview on 127.0.0.1 (see sitegen/preview/).

Stopping is part of the job: Ctrl+C (SIGINT, to the whole process group in a terminal) and
SIGTERM both end with "Preview stopped." and no traceback, and the private build folder is
always removed: signals are held while the server is created and while it is cleaned up.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from sitegen.commands.common import EXIT_OK, EXIT_USAGE, fail, language_of, say, source_of
from sitegen.messages import Msg
from sitegen.preview.server import STOP_SIGNALS, PortInUse, PreviewServer, ServeSettings, is_loopback


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM does what Ctrl+C does (asyncio's own SIGINT handler while the server loop runs)."""
    handler = signal.getsignal(signal.SIGINT)
    if callable(handler) and handler is not _terminate:
        handler(signal.SIGINT, frame)
    else:
        raise KeyboardInterrupt


@contextmanager
def held_signals() -> Iterator[None]:
    """Hold Ctrl+C and SIGTERM until the block ends (they are delivered then, not lost)."""
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


def cmd_serve(args: argparse.Namespace) -> int:
    source = source_of(args)
    lang = language_of(args)
    settings = ServeSettings(host=args.host, port=args.port, preview=not args.no_drafts,
                             now=getattr(args, "now", None), messages=lang,
                             desk_token=getattr(args, "desk_token", None))
    if not is_loopback(settings.host):
        say(Msg("serve-host-warning", host=settings.host), lang, sys.stderr)
    previous = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
    signal.signal(signal.SIGTERM, _terminate)   # `kill` cleans up like Ctrl+C
    server: PreviewServer | None = None
    started = False
    try:
        with held_signals():
            server = PreviewServer(source, settings)
        try:
            server.bind()
        except PortInUse as exc:
            fail(exc.args[0], lang)
            return EXIT_USAGE
        say(Msg("serve-building", source=str(source), folder=str(server.folder)), lang, sys.stderr, flush=True)
        started = True
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        for signum in STOP_SIGNALS:   # a second Ctrl+C must not cut the cleanup short
            signal.signal(signum, signal.SIG_IGN)
        if server is not None:
            server.close()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if started:
        say(Msg("serve-stopped"), lang, sys.stderr, flush=True)
    return EXIT_OK
