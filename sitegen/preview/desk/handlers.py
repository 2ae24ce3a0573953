"""`<base>admin/` in the preview: the desk's page, its configuration, its program and its API, guarded.

Only the preview's own origin may use it: the `Host` is checked for every request (hosts.py),
an API call must be a JSON POST whose `Origin` is the preview's, not larger than the limit; with
`--host` other than loopback the desk is off unless a token was given (then it is kept in a cookie).
Every refusal is logged in the terminal.
"""

from __future__ import annotations

import hmac
import json
from dataclasses import dataclass
from html import escape
from typing import Any
from urllib.parse import quote

from sitegen.messages import Msg
from sitegen.preview.desk import files
from sitegen.preview.desk.api import BadRequest, DeskApi
from sitegen.preview.desk.config import desk_config
from sitegen.preview.desk.messages import both
from sitegen.preview.desk.script import MANIFEST, VERSION, DeskScript
from sitegen.preview.hosts import origin_allowed, refuse
from sitegen.preview.http import SiteHandler

MAX_BODY_BYTES = 32 * 1024 * 1024   # an image of 20 MB, in base64, and its JSON
COOKIE = "sitegen_desk"
CSP = ("default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; media-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' blob: data:; "
       "frame-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
DESK_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Bàn biên tập – {site}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url"></head>
<body><noscript>Bàn biên tập cần JavaScript. / The desk needs JavaScript.</noscript>
<script src="{main}"></script></body></html>
"""
NOTICE_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="robots" content="noindex">{refresh}<title>{title}</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}}</style></head>
<body><main><h1>{title}</h1>{body}<p><a href="{site}">← Bản xem trước / The preview</a></p></main></body></html>
"""


@dataclass
class Desk:
    """What the handlers share: the API, the program, and whether (and how) the desk is on."""

    api: DeskApi
    script: DeskScript
    enabled: bool = True
    token: str | None = None
    max_body: int = MAX_BODY_BYTES


class DeskHandler(SiteHandler):
    """Answers `<base>admin/...`; every other path is the site's, as SiteHandler serves it."""

    def initialize(self, preview: Any, port: int, desk: Desk) -> None:   # type: ignore[override]
        super().initialize(preview, port)
        self.desk = desk

    def _base(self) -> str:
        """The site's base path from site.toml (the desk works even while the site does not build)."""
        try:
            return quote(self.desk.api.config().base_path)
        except BadRequest:
            return quote(self.preview.base_path)

    def _desk_path(self) -> str | None:
        prefix = self._base() + "admin"
        path = self.request.path
        if path == prefix:
            return ""
        return (path[len(prefix) + 1:] or "index.html") if path.startswith(prefix + "/") else None

    def get(self) -> None:
        rest = self._desk_path()
        if rest is None:
            super().get()
        elif rest == "":
            self.redirect(self.request.path + "/", permanent=False)
        elif self._allowed(rest):
            self._desk_get(rest)

    def post(self) -> None:
        rest = self._desk_path()
        if rest != "api/v1":
            refuse(self, 405, "method", Msg("desk-method"))
        elif self._allowed(rest) and self._api_request_ok():
            self._api()

    def _allowed(self, rest: str) -> bool:
        """Desk on (loopback), or on with a token (network): the token from the URL is kept in a cookie."""
        if not self.desk.enabled:
            if rest == "index.html":
                self._notice(403, both(Msg("desk-off-title")), both(Msg("desk-off-body")))
            else:
                refuse(self, 403, "off", Msg("desk-off"))
            return False
        if self.desk.token is None:
            return True
        given = self.get_query_argument("token", None)
        if given is not None and hmac.compare_digest(given, self.desk.token):
            self.set_cookie(COOKIE, given, path=self._base() + "admin/", httponly=True,
                            samesite="Strict")
            return True
        if hmac.compare_digest(self.get_cookie(COOKIE) or "", self.desk.token):
            return True
        refuse(self, 403, "token", Msg("desk-token"))
        return False

    def _desk_get(self, rest: str) -> None:
        self.set_header("X-Content-Type-Options", "nosniff")
        if rest == "index.html":
            self._page()
        elif rest == "config.yml":
            self._send_config()
        elif rest == "api/v1":
            refuse(self, 405, "method", Msg("desk-method"))
        elif self.desk.script.file(rest) is not None:
            self._program(rest)
        else:
            self._bytes(404, "text/plain; charset=utf-8", b"Not found", True)

    def _page(self) -> None:
        script = self.desk.script
        if not script.ready:
            script.start_fetch()
            folder = escape(str(script.folder), False)
            reason = both(Msg("desk-script-fetching", version=VERSION)) if script.fetching else (
                both(Msg("desk-script-failed", error=script.error)) + " " + both(Msg("desk-script-how")))
            missing = both(Msg("desk-script-missing", version=VERSION, folder=folder, reason=""))
            body = f"<p>{missing}</p><p>{escape(reason, False)}</p>"
            refresh = '<meta http-equiv="refresh" content="3">' if script.fetching else ""
            self._notice(503, both(Msg("desk-script-missing-title")), body, refresh)
            return
        self.set_header("Content-Security-Policy", CSP)
        site = escape(self.desk.api.config().languages[self.desk.api.config().default_language].title, False)
        self._bytes(200, "text/html; charset=utf-8", DESK_PAGE.format(site=site, main="decap-cms.js").encode(), True)

    def _notice(self, status: int, title: str, body: str, refresh: str = "") -> None:
        page = NOTICE_PAGE.format(title=escape(title, False), body=body, refresh=refresh,
                                  site=escape(self._base()))
        self._bytes(status, "text/html; charset=utf-8", page.encode("utf-8"), True)

    def _send_config(self) -> None:
        base = self._base()
        site_url = f"{self.request.protocol}://{self.request.host}{base}"
        data = desk_config(self.desk.api.config(), f"{base}admin/api/v1", site_url)
        self._bytes(200, "text/yaml; charset=utf-8", json.dumps(data, ensure_ascii=False, indent=1).encode(), True)

    def _program(self, name: str) -> None:
        path = self.desk.script.file(name)
        assert path is not None and name in MANIFEST
        self.set_header("Cache-Control", "public, max-age=31536000, immutable")
        kind = "application/wasm" if name.endswith(".wasm") else "text/plain; charset=utf-8" if name.endswith(
            ".txt") else "application/javascript; charset=utf-8"
        self.set_status(200)
        self.set_header("Content-Type", kind)
        self.write(path.read_bytes())

    def _api_request_ok(self) -> bool:
        origin = self.request.headers.get("Origin")
        if not origin_allowed(origin, self.settings["allowed_hosts"]):
            refuse(self, 403, "origin", Msg("desk-origin", origin=origin or Msg("desk-no-origin")))
        elif len(self.request.body) > self.desk.max_body:
            refuse(self, 413, "too_big", Msg("desk-too-big", size=len(self.request.body), limit=self.desk.max_body))
        elif not self.request.headers.get("Content-Type", "").startswith("application/json"):
            refuse(self, 415, "not_json", Msg("desk-not-json"))
        else:
            return True
        return False

    def _api(self) -> None:
        try:
            request = json.loads(self.request.body)
            action, params = (request.get("action"), request.get("params")) if isinstance(request, dict) else (None, None)
        except ValueError:
            refuse(self, 400, "not_json", Msg("desk-not-json"))
            return
        try:
            answer = self.desk.api.handle(action, params)
        except KeyError:
            refuse(self, 422, "action", Msg("desk-action", action=str(action)[:80]))
            return
        except files.Refused as exc:
            refuse(self, 403, "path", Msg("desk-path", path=_path_of(params), why=exc.text))
            return
        except BadRequest as exc:
            refuse(self, 422, "params", Msg("desk-params", detail=exc.text))
            return
        self.set_header("Cache-Control", "no-store")
        self._bytes(200, "application/json; charset=utf-8", json.dumps(answer, ensure_ascii=False).encode(), True)


def _path_of(params: object) -> str:
    """The path a refused request named, for the log line."""
    if isinstance(params, dict):
        for key in ("path", "folder", "mediaFolder"):
            if isinstance(params.get(key), str):
                return params[key][:200]
        for key in ("dataFiles", "assets", "paths"):
            if isinstance(params.get(key), list):
                return ", ".join(str(item.get("path") if isinstance(item, dict) else item)[:200]
                                 for item in params[key][:5])
        if isinstance(params.get("asset"), dict):
            return str(params["asset"].get("path"))[:200]
    return "?"
