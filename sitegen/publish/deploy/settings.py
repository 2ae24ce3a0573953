"""The [deploy.NAME] tables of site.toml: each target's URL and delete guard, checked with their lines."""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from sitegen.diagnostics import Diagnostics
from sitegen.load.config import CONFIG_FILE, _Reader
from sitegen.publish.deploy.messages import say

TARGET_KEYS = ("url", "max_deletes")
SCHEMES = ("s3", "ssh", "ftp", "ftps", "file")
QUERY_KEYS = {"s3": ("endpoint", "region")}
DEFAULT_MAX_DELETES = 256
_EXAMPLES = {"ssh": "ssh://user@host:22/srv/www/kontum", "file": "file:///srv/www/kontum", "s3": "s3://bucket/prefix"}


@dataclass(frozen=True)
class TargetSettings:
    """One deploy target as site.toml declares it (never a secret: passwords are refused)."""

    name: str
    scheme: str
    host: str = ""          # the server; the bucket for s3
    user: str = ""
    port: int | None = None
    path: str = ""          # the site's folder; the key prefix for s3
    query: dict[str, str] = field(default_factory=dict)
    max_deletes: int = DEFAULT_MAX_DELETES

    @property
    def label(self) -> str:
        """How messages name the target: its name and where it goes, safe to print."""
        if self.scheme == "file":
            return f"{self.name} (file://{self.path})"
        user = f"{self.user}@" if self.user else ""
        port = f":{self.port}" if self.port else ""
        path = self.path if self.path.startswith("/") else f"/{self.path}"
        return f"{self.name} ({self.scheme}://{user}{self.host}{port}{path.rstrip('/') or ''})"


def read_targets(source: Path, diags: Diagnostics, lang: str) -> list[TargetSettings]:
    """Every target of site.toml in the order written (the first is the default); problems go to `diags`."""
    try:
        text = (source / CONFIG_FILE).read_text(encoding="utf-8-sig")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError):
        return []    # the build reports an unreadable site.toml in full
    except tomllib.TOMLDecodeError as exc:
        diags.error(CONFIG_FILE, 0, say("toml-error", lang, detail=exc))
        return []
    reader = _Reader(text, diags)
    tables = data.get("deploy", {})
    if not isinstance(tables, dict):
        reader.error("deploy", say("must-be-table", lang, name="production"))
        return []
    targets = []
    for name, table in tables.items():
        target = _target(name, table, reader, lang)
        if target is not None:
            targets.append(target)
    return targets


def _target(name: str, table: Any, r: _Reader, lang: str) -> TargetSettings | None:
    prefix = f"deploy.{name}"
    if not isinstance(table, dict):
        r.error(prefix, say("must-be-table", lang, name=name))
        return None
    _unknown(table, prefix, TARGET_KEYS, r, lang)
    url = table.get("url")
    if not isinstance(url, str) or not url.strip():
        r.error(f"{prefix}.url", say("url-required", lang), say("url-hint", lang))
        return None
    limit = table.get("max_deletes", DEFAULT_MAX_DELETES)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        r.error(f"{prefix}.max_deletes", say("max-deletes", lang))
        return None
    return parse_url(name, url.strip(), limit, lambda message, hint="": r.error(f"{prefix}.url", message, hint), lang)


def _unknown(table: dict[str, Any], prefix: str, known: tuple[str, ...], r: _Reader, lang: str) -> None:
    for key in table:
        if key not in known:
            near = difflib.get_close_matches(key, known, n=1)
            hint = say("did-you-mean", lang, near=near[0]) if near else say("allowed", lang, keys=", ".join(known))
            r.error(f"{prefix}.{key}", say("unknown-key", lang), hint)


def parse_url(name: str, url: str, max_deletes: int, error, lang: str = "vi") -> TargetSettings | None:
    """A target from its URL; `error(message, hint)` is told each problem (the URL itself is never repeated)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        error(say("url-scheme", lang, scheme=scheme or url.split(":", 1)[0]), say("url-hint", lang))
        return None
    try:
        port, user, password, host = parts.port, unquote(parts.username or ""), parts.password, parts.hostname or ""
    except ValueError:
        error(say("url-port", lang))
        return None
    problems = []
    if password is not None:
        problems.append((say("url-password", lang), say("url-password-hint", lang)))
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    allowed = QUERY_KEYS.get(scheme, ())
    problems += [(say("url-query", lang, key=key, keys=", ".join(allowed) or "-"), "") for key in query if key not in allowed]
    path = unquote(parts.path)
    problems += _shape_problems(scheme, host or parts.netloc, path, query, lang)
    for message, hint in problems:
        error(message, hint)
    if problems:
        return None
    if scheme in ("ftp", "ftps"):
        path = path[1:]          # relative to the account's home folder; ftp://host//srv/www is absolute
    elif scheme == "s3":
        path = path.strip("/")
    return TargetSettings(name=name, scheme=scheme, host=host, user=user, port=port, path=path.rstrip("/") or path,
                          query=query, max_deletes=max_deletes)


def _shape_problems(scheme: str, host: str, path: str, query: dict[str, str], lang: str) -> list[tuple[str, str]]:
    if scheme == "file":
        if host and host != "localhost":
            return [(say("url-file-host", lang), say("url-hint", lang))]
        if not path.startswith("/") or path.strip("/") == "":
            return [(say("url-path", lang, example=_EXAMPLES["file"]), "")]
        return []
    if not host:
        return [(say("url-bucket", lang) if scheme == "s3" else say("url-host", lang), say("url-hint", lang))]
    if scheme == "ssh" and path.strip("/") == "":
        return [(say("url-path", lang, example=_EXAMPLES["ssh"]), "")]
    endpoint = query.get("endpoint", "")
    if scheme == "s3" and endpoint and urlsplit(endpoint).scheme not in ("http", "https"):
        return [(say("url-endpoint", lang, value=endpoint), "")]
    return []
