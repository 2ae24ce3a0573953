"""Which `Host` and `Origin` the preview answers: only the names it listens as (DNS rebinding defence).

A page on another site can make the editor's browser send requests to 127.0.0.1 under a name it
controls (`attacker.example` resolving to 127.0.0.1): the `Host` header then carries that name. The
preview answers only localhost, 127.0.0.1, [::1] and the `--host` it was given, with its port; its
websocket and the desk also require an `Origin` among them.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

import tornado.web

from sitegen.messages import Msg

LOOPBACK = ("localhost", "127.0.0.1", "::1")
WILDCARDS = ("0.0.0.0", "::", "")


def _named(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def listen_names(host: str) -> list[str]:
    """The names a browser may use for this preview: loopback, the --host, and for 0.0.0.0 this machine's."""
    names = [*LOOPBACK, host]
    if host in WILDCARDS:
        try:
            hostname = socket.gethostname()
            names += [hostname, *(info[4][0] for info in socket.getaddrinfo(hostname, None))]
        except OSError:
            pass
    return [n for n in dict.fromkeys(n.lower() for n in names) if n not in WILDCARDS]


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """Every accepted `Host` header value (`name:port`; the bare name as well on port 80)."""
    found = set()
    for name in listen_names(host):
        found.add(f"{_named(name)}:{port}")
        if port == 80:
            found.add(_named(name))
    return frozenset(found)


def origin_allowed(origin: str | None, allowed: frozenset[str]) -> bool:
    if not origin:
        return False
    parts = urlsplit(origin)
    return parts.scheme == "http" and parts.netloc.lower() in allowed and parts.path in ("", "/")


def is_loopback_name(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class HostGuard(tornado.web.RequestHandler):
    """Refuses, before anything else, a request whose `Host` the preview does not listen as."""

    def prepare(self) -> None:
        allowed: frozenset[str] = self.settings["allowed_hosts"]
        if self.request.host.lower() not in allowed:
            refuse(self, 403, "host", Msg("desk-host", host=self.request.host))


def refuse(handler: tornado.web.RequestHandler, status: int, reason: str, why: Msg) -> None:
    """Answer `status` with a short reason (a code), and log the refusal (`why`) in the terminal."""
    log: Callable[[tornado.web.RequestHandler, Msg], None] | None = handler.settings.get("log_refusal")
    if log is not None:
        log(handler, why)
    handler.set_status(status)
    handler.set_header("Content-Type", "application/json; charset=utf-8")
    handler.set_header("Cache-Control", "no-store")
    handler.finish({"error": reason})
