"""Persistent cache of rendered Markdown (HTML and its folded words) in `.cache/` beside site.toml, safe against crashes.

One JSON file with a checksum: a torn or edited file is detected and ignored (then
rebuilt), never served. Only entries used by the last build are kept, so it does not grow.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

CACHE_DIR = ".cache"
CACHE_FILE = "markdown.json"


def load(root: Path) -> dict[str, tuple[str, str]]:
    path = root / CACHE_DIR / CACHE_FILE
    try:
        raw = path.read_bytes()
        checksum, _, payload = raw.partition(b"\n")
        if hashlib.sha256(payload).hexdigest().encode() != checksum:
            return {}
        data = json.loads(payload)
        if not isinstance(data, dict):
            return {}
        return {k: (v[0], v[1]) for k, v in data.items() if isinstance(v, list) and len(v) == 2}
    except (OSError, ValueError):
        return {}


def save(root: Path, entries: dict[str, tuple[str, str]]) -> None:
    """Write atomically (temp file + rename); a cache that cannot be written is only slower."""
    folder = root / CACHE_DIR
    try:
        folder.mkdir(exist_ok=True)
        (folder / ".gitignore").write_text("*\n") if not (folder / ".gitignore").exists() else None
        payload = json.dumps(entries, ensure_ascii=False, sort_keys=True).encode()
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".markdown.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
        os.replace(tmp, folder / CACHE_FILE)
    except OSError:
        pass
