"""Values of site.toml (and the command line) that decide every URL and every date: checked strictly.

A base URL is an http(s) origin and path, nothing else: a query, a fragment, a user name and
password or an impossible port would end up in every link, feed and calendar. A time zone is
an IANA name (Area/Location, or UTC): `localtime` would make the output depend on the machine.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

MESSAGES = {
    "scheme": '"{url}" is not an http(s) URL',
    "host": '"{url}" has no host name',
    "user": '"{url}" carries a user name or password; they would be published in every link',
    "port": '"{url}" has an impossible port (1-65535)',
    "query": '"{url}" has a query (?...) or a fragment (#...), which cannot start a page address',
    "space": '"{url}" contains spaces or control characters',
    "zone": 'time zone "{name}" is not an IANA name such as "Asia/Ho_Chi_Minh" (Area/Location, or UTC); '
            '"localtime" and file paths would make the output depend on the machine',
}
BASE_URL_EXAMPLE = 'for example "https://example.org/kontum/"'
_ZONE = re.compile(r"(?:UTC|[A-Z][A-Za-z]+(?:/[A-Za-z0-9_+\-]+){1,2})")


def base_url_problem(url: str) -> str | None:
    """What is wrong with a base URL, or None."""
    if any(c.isspace() or not c.isprintable() for c in url):
        return MESSAGES["space"].format(url=url)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not url.lower().startswith(f"{parts.scheme}://"):
        return MESSAGES["scheme"].format(url=url)
    if parts.username is not None or parts.password is not None:
        return MESSAGES["user"].format(url=url)
    try:
        port = parts.port   # ValueError when out of range
    except ValueError:
        port = 0
    if port == 0:
        return MESSAGES["port"].format(url=url)
    if not parts.hostname:
        return MESSAGES["host"].format(url=url)
    if parts.query or parts.fragment or "?" in url or "#" in url:
        return MESSAGES["query"].format(url=url)
    return None


def timezone_problem(name: str) -> str | None:
    return None if _ZONE.fullmatch(name) else MESSAGES["zone"].format(name=name)
