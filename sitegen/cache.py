"""Persistent caches in `.cache/` beside site.toml, safe against crashes.

Each cache is one JSON file ending with a checksum line: a torn or edited file is detected and
ignored (then rebuilt), never served. Only entries used by the last build are kept, so
the files do not grow. `markdown.json` holds rendered bodies (HTML and their folded
words); `entries.json` holds parsed front matter, keyed by the file's bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

CACHE_DIR = ".cache"
MARKDOWN = "markdown.json"
ENTRIES = "entries.json"


def load_json(root: Path, name: str) -> dict[str, Any]:
    """The cache `name` as a dict; {} when missing, torn or tampered with."""
    try:
        raw = (root / CACHE_DIR / name).read_bytes()
        payload, _, checksum = raw.rpartition(b"\n")
        if hashlib.sha256(payload).hexdigest().encode() != checksum:
            return {}
        data = json.loads(payload)
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def save_json(root: Path, name: str, data: dict[str, Any]) -> None:
    """Stream to a temp file, checksum last, then rename: no second copy in memory, no torn file."""
    folder = root / CACHE_DIR
    try:
        folder.mkdir(exist_ok=True)
        if not (folder / ".gitignore").exists():
            (folder / ".gitignore").write_text("*\n")
        digest = hashlib.sha256()
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            encoder = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
            for chunk in encoder.iterencode(data):
                piece = chunk.encode()
                digest.update(piece)
                handle.write(piece)
            handle.write(b"\n" + digest.hexdigest().encode())
        os.replace(tmp, folder / name)
    except OSError:
        pass


def load(root: Path) -> dict[str, tuple[str, str]]:
    """Rendered Markdown: cache key -> (HTML, folded words)."""
    data = load_json(root, MARKDOWN)
    return {k: (v[0], v[1]) for k, v in data.items()
            if isinstance(v, list) and len(v) == 2 and all(isinstance(x, str) for x in v)}


def save(root: Path, entries: dict[str, tuple[str, str]]) -> None:
    save_json(root, MARKDOWN, {k: list(v) for k, v in entries.items()})
