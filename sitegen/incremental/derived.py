"""Results of slow, pure steps (calendars, search indexes) remembered by a fingerprint of their inputs.

A one-file edit changes one article; without this, every build would still re-serialise
every calendar with `icalendar` and re-index every document of both languages. Each
result is stored as JSON in the `derived` table of the persistent cache (so a damaged row
is detected and recomputed, like every other row), and a build keeps exactly the rows it
used. The generator's code digest is part of every key: a new version recomputes all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sitegen.incremental.fingerprint import Fingerprint, Unfingerprintable

T = TypeVar("T")


class Derived:
    """A memo of pure results by kind and inputs; `used` is what the next cache sync keeps."""

    def __init__(self, rows: dict[str, Any], salt: str, fingerprint: Fingerprint | None = None):
        self.rows = rows
        self.salt = salt
        self.used: dict[str, Any] = {}
        self.fresh: set[str] = set()
        self._fingerprint = fingerprint or Fingerprint()

    def key(self, kind: str, inputs: Any) -> str | None:
        """The key of a result (None: inputs without a stable digest, never remembered)."""
        try:
            return f"{kind}:{self._fingerprint.of((self.salt, inputs))}"
        except Unfingerprintable:
            return None

    def has(self, key: str | None) -> bool:
        """Whether `get_by_key` would find a result without making it."""
        return key is not None and (key in self.used or key in self.rows)

    def get(self, kind: str, inputs: Any, make: Callable[[], T], encode: Callable[[T], Any],
            decode: Callable[[Any], T]) -> T:
        """`make()`, or the result a previous build made from equal `inputs`."""
        return self.get_by_key(self.key(kind, inputs), make, encode, decode)

    def get_by_key(self, key: str | None, make: Callable[[], T], encode: Callable[[T], Any],
                   decode: Callable[[Any], T]) -> T:
        """`get` for a key computed before (e.g. in another process, from inputs only it has)."""
        if key is None:
            return make()
        if key in self.used:
            return decode(self.used[key])
        if key in self.rows:
            try:
                value = decode(self.rows[key])
            except (KeyError, TypeError, ValueError, AttributeError):
                value = None   # a row of an older shape: recompute it
            if value is not None:
                self.used[key] = self.rows[key]
                return value
        value = make()
        self.used[key] = encode(value)
        self.fresh.add(key)
        return value


def no_memo() -> Derived:
    """A store that remembers nothing between builds (`--no-cache`)."""
    return Derived({}, "")
