"""Stable digests of page contexts, so a rebuild renders only pages whose inputs changed.

A page's bytes are a function of its template, the site-wide template globals and its
context. `Fingerprint.of()` digests a context by value (strings, numbers, dates,
containers, dataclasses and plain objects), memoising objects that many pages share,
such as the view of an article listed on several pages. Anything it cannot digest by
value raises `Unfingerprintable`, and that page is simply rendered.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date, datetime, time, tzinfo
from typing import Any


class Unfingerprintable(TypeError):
    """A value with no stable by-value digest (a function, an open file...)."""


class Fingerprint:
    """Digests values; one instance per build so shared objects are digested once."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[Any, bytes]] = {}

    def of(self, value: Any) -> str:
        return self._digest(value).hex()

    def _digest(self, value: Any) -> bytes:
        if isinstance(value, (str, int, float, bool, type(None))):
            return hashlib.blake2b(f"{type(value).__name__}:{value!r}".encode(), digest_size=16).digest()
        memo = self._memo.get(id(value))
        if memo is not None and memo[0] is value:
            return memo[1]
        digest = hashlib.blake2b(self._encode(value), digest_size=16).digest()
        self._memo[id(value)] = (value, digest)   # keeps `value` alive so its id is not reused
        return digest

    def _encode(self, value: Any) -> bytes:
        name = type(value).__name__.encode()
        if isinstance(value, (datetime, date, time)):
            return name + value.isoformat().encode() + str(getattr(value, "tzinfo", "")).encode()
        if isinstance(value, tzinfo):
            return name + str(value).encode()
        if isinstance(value, (list, tuple)):
            return name + b"".join(self._digest(item) for item in value)
        if isinstance(value, (set, frozenset)):
            return name + b"".join(sorted(self._digest(item) for item in value))
        if isinstance(value, dict):
            return name + b"".join(sorted(self._digest(k) + self._digest(v) for k, v in value.items()))
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return name + b"".join(self._digest(f.name) + self._digest(getattr(value, f.name))
                                   for f in dataclasses.fields(value))
        if hasattr(value, "__dict__") and not callable(value):
            return name + self._encode(dict(vars(value)))
        raise Unfingerprintable(f"cannot fingerprint a {type(value).__name__}")
