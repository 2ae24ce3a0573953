"""The desk's program (Decap CMS, pinned): a copy in the site's cache, every file checked against its SHA-256.

The copy is fetched once, on first use, into `.cache/desk/decap-cms-<version>/` beside site.toml,
each file verified against the hashes in `decap-cms-<version>.json` (taken from the npm package);
then the desk works offline and is served from the preview's own origin only. `SITEGEN_DESK_SCRIPT`
names a folder that already holds the package's `dist/` (the tests install it from npm).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
import urllib.request
from pathlib import Path

VERSION = "3.16.3"
MAIN = "decap-cms.js"
MANIFEST: dict[str, str] = json.loads((Path(__file__).parent / f"decap-cms-{VERSION}.json").read_text("utf-8"))
DOWNLOAD_URL = f"https://cdn.jsdelivr.net/npm/decap-cms@{VERSION}/dist/"
FOLDER_ENV, URL_ENV = "SITEGEN_DESK_SCRIPT", "SITEGEN_DESK_SCRIPT_URL"
TIMEOUT_SECONDS = 30


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def problems(folder: Path) -> list[str]:
    """Files of the pinned version missing from `folder` or different from it."""
    found = []
    for name, expected in MANIFEST.items():
        path = folder / name
        if not path.is_file():
            found.append(f"{name} is missing")
        elif sha256_of(path) != expected:
            found.append(f"{name} is not the file of Decap CMS {VERSION} (SHA-256 differs)")
    return found


class DeskScript:
    """Where the program is, whether it is complete, and fetching it once in the background."""

    def __init__(self, source: Path, environ: dict[str, str] | None = None):
        env = dict(os.environ if environ is None else environ)
        given = env.get(FOLDER_ENV)
        self.folder = Path(given) if given else source / ".cache" / "desk" / f"decap-cms-{VERSION}"
        self.fetchable = not given
        self.url = env.get(URL_ENV) or DOWNLOAD_URL
        self.error = ""
        self._ready: bool | None = None
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def ready(self) -> bool:
        if self._ready is None:
            found = problems(self.folder) if self.folder.is_dir() else [f"{self.folder} does not exist"]
            self._ready = not found
            self.error = "" if not found else "; ".join(found[:3])
        return self._ready

    @property
    def fetching(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def file(self, name: str) -> Path | None:
        """A file of the program, only by a name the manifest lists."""
        return self.folder / name if name in MANIFEST and self.ready else None

    def start_fetch(self) -> None:
        with self._lock:
            if self.ready or self.fetching or not self.fetchable:
                return
            self._thread = threading.Thread(target=self._fetch, name="sitegen-desk-fetch", daemon=True)
            self._thread.start()

    def wait(self, timeout: float) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _fetch(self) -> None:
        self.folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".fetch-", dir=self.folder.parent))
        try:
            for name, expected in sorted(MANIFEST.items()):
                with urllib.request.urlopen(self.url + name, timeout=TIMEOUT_SECONDS) as response:
                    data = response.read()
                if hashlib.sha256(data).hexdigest() != expected:
                    raise ValueError(f"{name} from {self.url} is not the file of Decap CMS {VERSION}")
                (staging / name).write_bytes(data)
            if self.folder.exists():
                shutil.rmtree(self.folder)
            os.replace(staging, self.folder)
            self._ready, self.error = True, ""
        except (OSError, ValueError) as exc:
            self.error = str(exc)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
