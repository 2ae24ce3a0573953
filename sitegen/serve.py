"""`build.py serve`: the live-reload preview on 127.0.0.1, serving only the last complete build."""

from __future__ import annotations

import argparse
import asyncio
import errno
import ipaddress
import json
import mimetypes
import os
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TextIO
from urllib.parse import unquote_to_bytes
from zoneinfo import ZoneInfo

import tornado.httpserver
import tornado.netutil
import tornado.web
import tornado.websocket
from livereload.handlers import LiveReloadJSHandler

from .cli import EXIT_OK, EXIT_USAGE, UsageError, report, resolve_now, source_of
from .diagnostics import Diagnostic
from .pipeline import BuildOptions
from .preview import Outcome, Preview, Watcher, watched_paths

LOOPBACK_NAMES = ("localhost",)
RESERVED = "/__preview__/"
LIVERELOAD_PROTOCOL = "http://livereload.com/protocols/official-7"
OVERLAY_CSS = """
#sitegen-preview-errors{position:fixed;inset:0 0 auto 0;max-height:80vh;overflow:auto;z-index:2147483647;
margin:0;padding:1rem 1.5rem;background:#fff4f4;color:#5a0000;border-bottom:4px solid #b00020;
font:15px/1.45 system-ui,sans-serif;box-shadow:0 4px 24px rgba(0,0,0,.35)}
#sitegen-preview-errors h2{margin:0 0 .5rem;font-size:1.1rem}
#sitegen-preview-errors code{font:13px/1.4 ui-monospace,monospace;background:#ffe0e0;padding:0 .25em}
#sitegen-preview-errors li{margin:.35rem 0}#sitegen-preview-errors .hint{color:#444}
"""


class PortInUse(Exception):
    """The port is taken by another program (often another preview)."""


@dataclass(frozen=True)
class Resolution:
    """What a request path means: a file to send, a redirect, or a refusal."""

    status: int                 # 200, 301, 403 or 404
    path: str = ""              # real file path (200) or Location (301)


def resolve_request(root: str, base_path: str, raw_path: str) -> Resolution:
    """Map a raw (still percent-encoded) request path to a file that is really inside `root`."""
    if not raw_path.startswith(base_path):
        return Resolution(301, base_path) if raw_path in ("/", base_path.rstrip("/")) else Resolution(404)
    try:
        decoded = unquote_to_bytes(raw_path[len(base_path):]).decode("utf-8")
    except UnicodeDecodeError:
        return Resolution(404)
    if "\x00" in decoded or "\\" in decoded:
        return Resolution(403)
    parts = decoded.split("/")
    if decoded.endswith("/"):
        parts.pop()
    if decoded and any(part in ("", ".", "..") for part in parts):
        return Resolution(403)
    if any(part.startswith(".") for part in parts):
        return Resolution(404)
    return _inside(root, os.path.join(root, *parts), raw_path, decoded == "" or decoded.endswith("/"))


def _inside(root: str, candidate: str, raw_path: str, is_folder_url: bool) -> Resolution:
    real_root = os.path.realpath(root)
    real = os.path.realpath(candidate)
    if real != real_root and not real.startswith(real_root + os.sep):
        return Resolution(403)
    if os.path.isdir(real):
        if not is_folder_url:
            return Resolution(301, raw_path + "/")
        return _inside(root, os.path.join(real, "index.html"), raw_path, False)
    return Resolution(200, real) if os.path.isfile(real) else Resolution(404)


def overlay(errors: list[Diagnostic]) -> str:
    """The error box shown over the last good page (or alone, before any build succeeded)."""
    items = "".join(
        f'<li><code>{escape(f"{d.path}:{d.line}" if d.line else d.path, False)}</code> {escape(d.message, False)}'
        + (f'<br><span class="hint">{escape(d.hint, False)}</span>' if d.hint else "") + "</li>" for d in errors)
    return ('<div id="sitegen-preview-errors" role="alert"><h2>Bản lưu vừa rồi có lỗi – đang hiển thị bản đúng gần nhất'
            ' / The last save has errors – showing the last good version</h2>'
            f"<ol>{items}</ol><p>Sửa tệp và lưu lại: trang sẽ tự tải lại. / "
            "Fix the file and save: this page reloads by itself.</p></div>")


def decorate(html: bytes, port: int, errors: list[Diagnostic]) -> bytes:
    """Add the livereload client, and the error overlay while the last rebuild failed."""
    text = html.decode("utf-8", errors="replace")
    script = f'<script src="/livereload.js?port={port}"></script>'
    if errors:
        css = f'<link rel="stylesheet" href="{RESERVED}overlay.css">'
        text = text.replace("</head>", css + "</head>", 1) if "</head>" in text else css + text
        body = text.find("<body")
        at = text.find(">", body) + 1 if body >= 0 else 0
        text = text[:at] + overlay(errors) + text[at:]
    at = text.rfind("</body>")
    text = text[:at] + script + text[at:] if at >= 0 else text + script
    return text.encode("utf-8")


def error_page(errors: list[Diagnostic], port: int) -> bytes:
    """Shown for every page while no build has succeeded yet."""
    page = ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Preview: errors</title></head>'
            "<body><main><p>Chưa dựng được trang nào. / No good build yet.</p></main></body></html>")
    return decorate(page.encode("utf-8"), port, errors)


class ReloadHub:
    """The open pages (websockets) that want to hear about rebuilds; used on the server's event loop only."""

    def __init__(self) -> None:
        self.sockets: set[ReloadSocket] = set()

    def reload(self, path: str = "*") -> None:
        message = json.dumps({"command": "reload", "path": path, "liveCSS": False, "liveImg": False})
        for sock in list(self.sockets):
            try:
                sock.write_message(message)
            except tornado.websocket.WebSocketClosedError:
                self.sockets.discard(sock)


class ReloadSocket(tornado.websocket.WebSocketHandler):
    """The livereload protocol (official-7): answer `hello`, then send `reload` after each rebuild."""

    def initialize(self, hub: ReloadHub) -> None:
        self.hub = hub

    def on_message(self, message: str | bytes) -> None:
        try:
            command = json.loads(message).get("command")
        except (ValueError, AttributeError):
            return
        if command == "hello":
            self.write_message(json.dumps({"command": "hello", "protocols": [LIVERELOAD_PROTOCOL],
                                           "serverName": "sitegen-preview"}))
            self.hub.sockets.add(self)

    def on_close(self) -> None:
        self.hub.sockets.discard(self)


class OverlayStyle(tornado.web.RequestHandler):
    def get(self) -> None:
        self.set_header("Content-Type", "text/css; charset=utf-8")
        self.write(OVERLAY_CSS)


class SiteHandler(tornado.web.RequestHandler):
    """Sends files of the last complete build, and nothing else."""

    def initialize(self, preview: Preview, port: int) -> None:
        self.preview, self.port = preview, port

    def get(self) -> None:
        self._send(self.request.path, body=True)

    def head(self) -> None:
        self._send(self.request.path, body=False)

    def _send(self, raw_path: str, body: bool) -> None:
        self.set_header("Cache-Control", "no-store")
        if not self.preview.has_site:
            self._bytes(500, "text/html; charset=utf-8", error_page(self.preview.errors, self.port), body)
            return
        found = resolve_request(str(self.preview.output), self.preview.base_path, raw_path)
        if found.status == 301:
            self.redirect(found.path, permanent=False)
        elif found.status == 200:
            self._file(200, found.path, body)
        elif found.status == 404:
            page = resolve_request(str(self.preview.output), self.preview.base_path, self.preview.base_path + "404.html")
            self._file(404, page.path, body) if page.status == 200 else self._bytes(404, "text/plain", b"Not found", body)
        else:
            self._bytes(403, "text/plain", b"Forbidden", body)

    def _file(self, status: int, path: str, body: bool) -> None:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            self._bytes(404, "text/plain", b"Not found", body)
            return
        kind = content_type(path)
        if kind.startswith("text/html"):
            data = decorate(data, self.port, self.preview.errors)
        self._bytes(status, kind, data, body)

    def _bytes(self, status: int, kind: str, data: bytes, body: bool) -> None:
        self.set_status(status)
        self.set_header("Content-Type", kind)
        self.set_header("Content-Length", str(len(data)))
        if body:
            self.write(data)


def content_type(path: str) -> str:
    kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
    if path.endswith(".ics"):
        kind = "text/calendar"
    text = kind.startswith("text/") or kind in ("application/javascript", "application/json", "application/xml")
    return f"{kind}; charset=utf-8" if text else kind


@dataclass(frozen=True)
class ServeSettings:
    host: str = "127.0.0.1"
    port: int = 8000
    preview: bool = True        # drafts and future articles shown, with a visible marker
    now: str | None = None      # fixed "today" (ISO); otherwise the clock at each rebuild


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
        return BuildOptions(source=self.source, now=now, base_url=f"{self.url}{base_path}", preview=self.settings.preview,
                            drafts=self.settings.preview, future=self.settings.preview, workers=1)

    def rebuild(self) -> Outcome:
        """Build, tell the terminal, then ask every open page to reload (from the server's loop)."""
        outcome = self.preview.rebuild()
        self._tell(outcome)
        if self._loop is not None:
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
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
        server = tornado.httpserver.HTTPServer(self.application())
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
            (r"/livereload\.js", LiveReloadJSHandler),
            (rf"{RESERVED}overlay\.css", OverlayStyle),
            (r".*", SiteHandler, {"preview": self.preview, "port": self.port}),
        ], log_function=lambda handler: None, websocket_ping_interval=None)

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


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def cmd_serve(args: argparse.Namespace) -> int:
    source = source_of(args)
    settings = ServeSettings(host=args.host, port=args.port, preview=not args.no_drafts, now=getattr(args, "now", None))
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
