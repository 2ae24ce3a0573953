"""A small store of derived files (photo variants, share cards) keyed by the hash of what they are made of.

The build command gives it a folder (`.cache/media/` beside site.toml); the preview a dict it
keeps between rebuilds; `check` neither, so it computes everything and writes nothing. Each
entry's SHA-256 is kept in an index, so a file the previous output already holds can be
kept there without reading it (publish.Reused).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

INDEX = "index.json"


class FileCache:
    """key -> bytes, on disk and/or in memory; `finish()` saves the index and drops what this build did not use."""

    def __init__(self, folder: Path | None = None, memory: dict[str, tuple[str, bytes]] | None = None):
        self.folder = folder
        self.memory = memory
        self.index: dict[str, str] = self._read_index()
        self.used: set[str] = set()
        self._changed = False

    def _read_index(self) -> dict[str, str]:
        if self.memory is not None:
            return {key: digest for key, (digest, _) in self.memory.items()}
        if self.folder is None:
            return {}
        try:
            data = json.loads((self.folder / INDEX).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}

    def digest(self, key: str) -> str | None:
        """SHA-256 of the bytes stored under `key`, without reading them (None if unknown)."""
        found = self.index.get(key)
        if found is not None:
            self.used.add(key)
        return found

    def get(self, key: str) -> bytes | None:
        digest = self.index.get(key)
        if digest is None:
            return None
        data = self._read(key)
        if data is None or hashlib.sha256(data).hexdigest() != digest:   # lost or damaged: made again
            return None
        self.used.add(key)
        return data

    def _read(self, key: str) -> bytes | None:
        if self.memory is not None:
            return self.memory[key][1] if key in self.memory else None
        if self.folder is None:
            return None
        try:
            return (self.folder / key).read_bytes()
        except OSError:
            return None

    def put(self, key: str, data: bytes) -> str:
        """Store `data`; returns its SHA-256."""
        digest = hashlib.sha256(data).hexdigest()
        self.used.add(key)
        if self.memory is not None:
            self.memory[key] = (digest, data)
            self.index[key] = digest
        elif self.folder is not None and self._write(key, data):
            self.index[key] = digest
            self._changed = True
        return digest

    def _write(self, key: str, data: bytes) -> bool:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.folder / f".{key}.{os.getpid()}.tmp"
            temporary.write_bytes(data)
            os.replace(temporary, self.folder / key)
        except OSError:   # a cache that cannot be written only costs time
            return False
        return True

    def finish(self) -> None:
        """Keep only what this build used (an edited title leaves its old card behind otherwise)."""
        if self.memory is not None:
            for key in set(self.memory) - self.used:
                del self.memory[key]
            return
        if self.folder is None or (not self._changed and self.used == set(self.index)):
            return
        for key in set(self.index) - self.used:
            with contextlib.suppress(OSError):
                (self.folder / key).unlink()
        self.index = {key: self.index[key] for key in sorted(self.used) if key in self.index}
        with contextlib.suppress(OSError):
            temporary = self.folder / f".{INDEX}.{os.getpid()}.tmp"
            temporary.write_text(json.dumps(self.index, indent=0), encoding="utf-8")
            os.replace(temporary, self.folder / INDEX)
