"""`build.py serve`: the live-reload preview on 127.0.0.1, serving only the last complete build."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import ipaddress
import os
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import tornado.httpserver
import tornado.netutil
import tornado.web
from livereload.handlers import LiveReloadJSHandler

from sitegen.commands.common import UsageError, report, resolve_now
from sitegen.load.config import site_timezone
from sitegen.messages import Msg, Text, render
from sitegen.preview.desk.api import DeskApi
from sitegen.preview.desk.handlers import MAX_BODY_BYTES, Desk, DeskHandler
from sitegen.preview.desk.script import DeskScript
from sitegen.preview.engine import Outcome, Preview, Watcher, watched_paths
from sitegen.preview.hosts import HostGuard, allowed_hosts
from sitegen.preview.http import RESERVED, OverlayStyle, ReloadHub, ReloadSocket
from sitegen.recipe import BuildOptions

LOOPBACK_NAMES = ("localhost",)
STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}
CLOSE_WAIT_SECONDS = 30.0


class PortInUse(Exception):
    """The port is taken by another program (often another preview)."""


@dataclass(frozen=True)
class ServeSettings:
    host: str = "127.0.0.1"
    port: int = 8000
    preview: bool = True        # drafts and future articles shown, with a visible marker
    now: str | None = None      # fixed "today" (ISO); otherwise the clock at each rebuild
    messages: str = "en"        # the language of messages (terminal and error box)
    desk_token: str | None = None   # turns the desk on when the preview listens beyond loopback


class ReloadScript(HostGuard, LiveReloadJSHandler):
    """livereload.js, for the names the preview listens as only."""


class PreviewServer:
    """Binds, builds, watches and serves; `run()` blocks, `start()` runs it in a thread (tests)."""

    def __init__(self, source: Path, settings: ServeSettings, out: TextIO | None = None):
        self.source, self.settings, self.out = source, settings, out or sys.stderr
        self.folder = Path(tempfile.mkdtemp(prefix="sitegen-preview-", dir=memory_folder()))
        self.preview = Preview(source, self.folder / "site", self._options)
        self.preview.messages = settings.messages
        self.hub = ReloadHub()
        self.sockets: list[socket.socket] = []
        self.port = settings.port
        self.reloads = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._watcher: Watcher | None = None
        self._thread: threading.Thread | None = None
        enabled = is_loopback(settings.host) or bool(settings.desk_token)
        self.desk = Desk(DeskApi(source, self.log), DeskScript(source), enabled=enabled,
                         token=None if is_loopback(settings.host) else settings.desk_token)

    def log(self, message: Text) -> None:
        """A line in the terminal, with the time, in the editors' language."""
        print(f"[{time.strftime('%H:%M:%S')}] {render(message, self.settings.messages)}", file=self.out, flush=True)

    def _log_refusal(self, handler: tornado.web.RequestHandler, why: Msg) -> None:
        request = handler.request
        self.log(Msg("desk-refused", what=f"{request.method} {request.path}", peer=request.remote_ip, why=why))

    @property
    def url(self) -> str:
        host = f"[{self.settings.host}]" if ":" in self.settings.host else self.settings.host
        return f"http://{host}:{self.port}"

    def bind(self) -> int:
        try:
            self.sockets = tornado.netutil.bind_sockets(self.settings.port, self.settings.host)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortInUse(Msg("serve-port-in-use", port=self.settings.port, host=self.settings.host,
                                    next=self.settings.port + 1)) from exc
            raise UsageError(Msg("serve-cannot-listen", host=self.settings.host, port=self.settings.port,
                                 reason=exc.strerror or str(exc))) from exc
        self.port = self.sockets[0].getsockname()[1]
        return self.port

    def _options(self, base_path: str) -> BuildOptions:
        """Preview builds run in this process (workers=1): forking from a threaded server is unsafe, and with
        the Markdown cache warm one process is faster than forked workers for a site of this size."""
        now = resolve_now(self.settings.now, dict(os.environ), site_timezone(self.source))
        shown = self.settings.preview
        return BuildOptions(source=self.source, now=now, base_url=f"{self.url}{base_path}", preview=shown,
                            drafts=shown, future=shown, workers=1)

    def rebuild(self) -> Outcome:
        """Build, tell the terminal, then ask every open page to reload (from the server's loop)."""
        outcome = self.preview.rebuild()
        self._tell(outcome)
        if self._loop is not None:
            with contextlib.suppress(RuntimeError):   # the server stopped while this rebuild ran: nobody to tell
                self._loop.call_soon_threadsafe(self._reload)
        return outcome

    def _reload(self) -> None:
        self.reloads += 1
        self.hub.reload()

    def _tell(self, outcome: Outcome) -> None:
        stamp, lang = time.strftime("%H:%M:%S"), self.settings.messages
        report(outcome.diagnostics, self.out, lang)
        if outcome.ok:
            said = Msg("serve-built", seconds=f"{outcome.seconds:.2f}", files=outcome.files,
                       changed=len(outcome.changed_pages))
        else:
            said = Msg("serve-failed-kept" if self.preview.has_site else "serve-failed-none")
        print(f"[{stamp}] {render(said, lang)}", file=self.out, flush=True)

    def run(self) -> None:
        """Initial build, then watch and serve until stopped (Ctrl+C, or `stop()`)."""
        if not self.sockets:
            self.bind()
        self._watcher = Watcher(watched_paths(self.source), self.rebuild)
        self.rebuild()
        # Ctrl+C or SIGTERM while asyncio sets its loop up would leave it half made (a traceback at exit):
        # they are held until the loop serves, and delivered then, to asyncio's own handler.
        signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            asyncio.run(self._serve())
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)

    async def _serve(self) -> None:
        self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
        server = tornado.httpserver.HTTPServer(self.application(), max_body_size=2 * MAX_BODY_BYTES)
        server.add_sockets(self.sockets)
        assert self._watcher is not None
        self._watcher.start()
        self._ready.set()
        print(render(Msg("serve-at", url=f"{self.url}{self.preview.base_path}"), self.settings.messages),
              file=self.out, flush=True)
        if self.desk.enabled:
            token = f"?token={self.desk.token}" if self.desk.token else ""
            print(render(Msg("desk-at", url=f"{self.url}{self.preview.base_path}admin/{token}"), self.settings.messages),
                  file=self.out, flush=True)
        else:
            print(render(Msg("desk-off-network", host=self.settings.host), self.settings.messages), file=self.out,
                  flush=True)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
        try:
            await self._stop.wait()
        finally:
            self._watcher.stop()
            server.stop()
            await server.close_all_connections()

    def application(self) -> tornado.web.Application:
        return tornado.web.Application([
            (r"/livereload", ReloadSocket, {"hub": self.hub}),
            (r"/livereload\.js", ReloadScript),
            (rf"{RESERVED}overlay\.css", OverlayStyle),
            (r".*", DeskHandler, {"preview": self.preview, "port": self.port, "desk": self.desk}),
        ], log_function=lambda handler: None, websocket_ping_interval=None,
            allowed_hosts=allowed_hosts(self.settings.host, self.port), log_refusal=self._log_refusal)

    def start(self, timeout: float = 30.0) -> None:
        """Run in a background thread; returns once the server answers."""
        self.bind()
        self._thread = threading.Thread(target=self.run, name="sitegen-preview", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise RuntimeError("the preview did not start")

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        if self._thread is not None:
            self._thread.join(10)
        self.close()

    def close(self) -> None:
        """Stop watching (waiting for a rebuild under way, which writes into the folder), then remove the folder."""
        if self._watcher is not None:
            self._watcher.stop()
            if self._watcher.is_alive() and self._watcher is not threading.current_thread():
                self._watcher.join(CLOSE_WAIT_SECONDS)
        self.preview.close()
        for sock in self.sockets:
            sock.close()
        for _ in range(3):   # a file written while the folder was being removed: remove again
            shutil.rmtree(self.folder, ignore_errors=True)
            if not self.folder.exists():
                break


def memory_folder() -> str | None:
    """/dev/shm when there is one: the preview's throwaway builds are written and deleted faster in memory."""
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) else None


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
