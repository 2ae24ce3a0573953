"""What the preview answers to a request: files of the last complete build only, decorated pages, live reload."""

from __future__ import annotations

import json
import mimetypes
import os
from dataclasses import dataclass
from html import escape
from urllib.parse import quote, unquote_to_bytes

import tornado.web
import tornado.websocket

from sitegen.diagnostics import Diagnostic
from sitegen.messages import t
from sitegen.preview.engine import Preview
from sitegen.preview.hosts import HostGuard, origin_allowed

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


@dataclass(frozen=True)
class Resolution:
    """What a request path means: a file to send, a redirect, or a refusal."""

    status: int                 # 200, 301, 403 or 404
    path: str = ""              # real file path (200) or Location (301)


def resolve_request(root: str, base_path: str, raw_path: str) -> Resolution:
    """Map a raw (still percent-encoded) request path to a file that is really inside `root`.

    The base path is compared decoded, so a sub-folder such as `/khởi-nghiệp/` matches however the
    client encoded it; the rest is checked part by part after decoding."""
    try:
        wire = raw_path.encode("latin-1")   # what came on the request line (tornado decodes it as latin-1)
    except UnicodeEncodeError:
        wire = raw_path.encode("utf-8")
    try:
        decoded_all = unquote_to_bytes(wire).decode("utf-8")
    except UnicodeDecodeError:
        return Resolution(404)
    if not decoded_all.startswith(base_path):
        at_root = raw_path == "/" or decoded_all == base_path.rstrip("/")
        return Resolution(301, quote(base_path)) if at_root else Resolution(404)
    decoded = decoded_all[len(base_path):]
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


def overlay(errors: list[Diagnostic], lang: str = "vi") -> str:
    """The error box shown over the last good page (or alone, before any build succeeded), in the editors' language."""
    items = []
    for d in errors:
        message, hint = d.shown(lang)
        items.append(f'<li><code>{escape(d.where(), False)}</code> {escape(message, False)}'
                     + (f'<br><span class="hint">{escape(hint, False)}</span>' if hint else "") + "</li>")
    return (f'<div id="sitegen-preview-errors" role="alert" lang="{lang}"><h2>{escape(t("preview-box-title", lang))}</h2>'
            f"<ol>{''.join(items)}</ol><p>{escape(t('preview-box-fix', lang))}</p></div>")


def decorate(html: bytes, port: int, errors: list[Diagnostic], lang: str = "vi") -> bytes:
    """Add the livereload client, and the error overlay while the last rebuild failed."""
    text = html.decode("utf-8", errors="replace")
    script = f'<script src="/livereload.js?port={port}"></script>'
    if errors:
        css = f'<link rel="stylesheet" href="{RESERVED}overlay.css">'
        text = text.replace("</head>", css + "</head>", 1) if "</head>" in text else css + text
        body = text.find("<body")
        at = text.find(">", body) + 1 if body >= 0 else 0
        text = text[:at] + overlay(errors, lang) + text[at:]
    at = text.rfind("</body>")
    text = text[:at] + script + text[at:] if at >= 0 else text + script
    return text.encode("utf-8")


def error_page(errors: list[Diagnostic], port: int, lang: str = "vi") -> bytes:
    """Shown for every page while no build has succeeded yet."""
    page = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(t("preview-page-title", lang))}'
            f"</title></head><body><main><p>{escape(t('preview-no-build', lang))}</p></main></body></html>")
    return decorate(page.encode("utf-8"), port, errors, lang)


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


class ReloadSocket(HostGuard, tornado.websocket.WebSocketHandler):
    """The livereload protocol (official-7): answer `hello`, then send `reload` after each rebuild."""

    def initialize(self, hub: ReloadHub) -> None:
        self.hub = hub

    def check_origin(self, origin: str) -> bool:
        """A page of the preview only: an Origin that merely matches the Host may be a rebinding attack."""
        return origin_allowed(origin, self.settings["allowed_hosts"])

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


class OverlayStyle(HostGuard):
    def get(self) -> None:
        self.set_header("Content-Type", "text/css; charset=utf-8")
        self.write(OVERLAY_CSS)


class SiteHandler(HostGuard):
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
            self._bytes(500, "text/html; charset=utf-8", error_page(self.preview.errors, self.port, self.preview.messages), body)
            return
        found = resolve_request(str(self.preview.output), self.preview.base_path, raw_path)
        if found.status == 301:
            self.redirect(found.path, permanent=False)
        elif found.status == 200:
            self._file(200, found.path, body)
        elif found.status == 404:
            self._not_found(body)
        else:
            self._bytes(403, "text/plain", b"Forbidden", body)

    def _not_found(self, body: bool) -> None:
        base = self.preview.base_path
        page = resolve_request(str(self.preview.output), base, quote(base) + "404.html")
        if page.status == 200:
            self._file(404, page.path, body)
        else:
            self._bytes(404, "text/plain", b"Not found", body)

    def _file(self, status: int, path: str, body: bool) -> None:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            self._bytes(404, "text/plain", b"Not found", body)
            return
        kind = content_type(path)
        if kind.startswith("text/html"):
            data = decorate(data, self.port, self.preview.errors, self.preview.messages)
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
