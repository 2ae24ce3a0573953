"""`build.py serve`: the live-reload preview on 127.0.0.1, serving only the last complete build."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import ipaddress
import os
import shutil
import socket
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

import tornado.httpserver
import tornado.netutil
import tornado.web
from livereload.handlers import LiveReloadJSHandler

from sitegen.commands.common import UsageError, report, resolve_now
from sitegen.preview.desk.api import DeskApi
from sitegen.preview.desk.handlers import MAX_BODY_BYTES, Desk, DeskHandler
from sitegen.preview.desk.messages import text
from sitegen.preview.desk.script import DeskScript
from sitegen.preview.engine import Outcome, Preview, Watcher, watched_paths
from sitegen.preview.hosts import HostGuard, allowed_hosts
from sitegen.preview.http import RESERVED, OverlayStyle, ReloadHub, ReloadSocket
from sitegen.recipe import BuildOptions

LOOPBACK_NAMES = ("localhost",)


class PortInUse(Exception):
    """The port is taken by another program (often another preview)."""


@dataclass(frozen=True)
class ServeSettings:
    host: str = "127.0.0.1"
    port: int = 8000
    preview: bool = True        # drafts and future articles shown, with a visible marker
    now: str | None = None      # fixed "today" (ISO); otherwise the clock at each rebuild
    desk_token: str | None = None   # turns the desk on when the preview listens beyond loopback


class ReloadScript(HostGuard, LiveReloadJSHandler):
    """livereload.js, for the names the preview listens as only."""


class PreviewServer:
    """Binds, builds, watches and serves; `run()` blocks, `start()` runs it in a thread (tests)."""

    def __init__(self, source: Path, settings: ServeSettings, out: TextIO | None = None):
        self.source, self.settings, self.out = source, settings, out or sys.stderr
        self.folder = Path(tempfile.mkdtemp(prefix="sitegen-preview-", dir=memory_folder()))
        self.preview = Preview(source, self.folder / "site", self._options)
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

    def log(self, message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=self.out, flush=True)

    def _log_refusal(self, handler: tornado.web.RequestHandler, reason: str, values: dict[str, str]) -> None:
        request = handler.request
        self.log(text("refused", "en", what=f"{request.method} {request.path}", peer=request.remote_ip,
                      why=text(reason, "en", **values)))

    @property
    def url(self) -> str:
        host = f"[{self.settings.host}]" if ":" in self.settings.host else self.settings.host
        return f"http://{host}:{self.port}"

    def bind(self) -> int:
        try:
            self.sockets = tornado.netutil.bind_sockets(self.settings.port, self.settings.host)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortInUse(f"port {self.settings.port} on {self.settings.host} is already in use "
                                f"(another preview?); choose another with --port {self.settings.port + 1}") from exc
            raise UsageError(f"cannot listen on {self.settings.host}:{self.settings.port}: {exc.strerror}") from exc
        self.port = self.sockets[0].getsockname()[1]
        return self.port

    def _options(self, base_path: str) -> BuildOptions:
        """Preview builds run in this process (workers=1): forking from a threaded server is unsafe, and with
        the Markdown cache warm one process is faster than forked workers for a site of this size."""
        now = resolve_now(self.settings.now, dict(os.environ), ZoneInfo("Asia/Ho_Chi_Minh"))
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
        stamp = time.strftime("%H:%M:%S")
        if outcome.ok:
            report(outcome.diagnostics, self.out)
            print(f"[{stamp}] built in {outcome.seconds:.2f} s: {outcome.files} files, "
                  f"{len(outcome.changed_pages)} page(s) changed", file=self.out, flush=True)
            return
        report(outcome.diagnostics, self.out)
        still = "still serving the last good version" if self.preview.has_site else "no good version to show yet"
        print(f"[{stamp}] rebuild failed: {still}; the errors are shown in the browser too", file=self.out, flush=True)

    def run(self) -> None:
        """Initial build, then watch and serve until stopped (Ctrl+C, or `stop()`)."""
        if not self.sockets:
            self.bind()
        self._watcher = Watcher(watched_paths(self.source), self.rebuild)
        self.rebuild()
        print(f"Preview at {self.url}{self.preview.base_path} (Ctrl+C to stop)", file=self.out, flush=True)
        if self.desk.enabled:
            token = f"?token={self.desk.token}" if self.desk.token else ""
            print(text("desk_at", "en", url=f"{self.url}{self.preview.base_path}admin/{token}"), file=self.out, flush=True)
        else:
            print(text("desk_off_network", "en", host=self.settings.host), file=self.out, flush=True)
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
        server = tornado.httpserver.HTTPServer(self.application(), max_body_size=2 * MAX_BODY_BYTES)
        server.add_sockets(self.sockets)
        assert self._watcher is not None
        self._watcher.start()
        self._ready.set()
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
        if self._watcher is not None:
            self._watcher.stop()
        self.preview.close()
        for sock in self.sockets:
            sock.close()
        shutil.rmtree(self.folder, ignore_errors=True)


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
