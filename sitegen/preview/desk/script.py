"""The desk's program (Decap CMS, pinned): a copy in the site's cache, every file checked against its SHA-256.

The copy is fetched once, on first use, into `.cache/desk/decap-cms-<version>/` beside site.toml,
each file verified against the hashes in `decap-cms-<version>.json` (taken from the npm package);
then the desk works offline and is served from the preview's own origin only. `SITEGEN_DESK_SCRIPT`
names a folder that already holds the package's `dist/` (the tests install it from npm).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import threading
import urllib.request
from pathlib import Path

from sitegen.messages import Msg, Text

VERSION = "3.16.3"
MAIN = "decap-cms.js"
MANIFEST: dict[str, str] = json.loads((Path(__file__).parent / f"decap-cms-{VERSION}.json").read_text("utf-8"))
DOWNLOAD_URL = f"https://registry.npmjs.org/decap-cms/-/decap-cms-{VERSION}.tgz"   # the npm package itself
FOLDER_ENV, URL_ENV = "SITEGEN_DESK_SCRIPT", "SITEGEN_DESK_SCRIPT_URL"
TIMEOUT_SECONDS = 30


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def problems(folder: Path) -> list[Msg]:
    """Files of the pinned version missing from `folder` or different from it."""
    found = []
    for name, expected in MANIFEST.items():
        path = folder / name
        if not path.is_file():
            found.append(Msg("desk-script-file-missing", name=name))
        elif sha256_of(path) != expected:
            found.append(Msg("desk-script-file-differs", name=name, version=VERSION))
    return found


class _Differs(Exception):
    """A downloaded file that is not the pinned one."""

    def __init__(self, text: Msg):
        super().__init__(str(text))
        self.text = text


class DeskScript:
    """Where the program is, whether it is complete, and fetching it once in the background."""

    def __init__(self, source: Path, environ: dict[str, str] | None = None):
        env = dict(os.environ if environ is None else environ)
        given = env.get(FOLDER_ENV)
        self.folder = Path(given) if given else source / ".cache" / "desk" / f"decap-cms-{VERSION}"
        self.fetchable = not given
        self.url = env.get(URL_ENV) or DOWNLOAD_URL
        self.error: Text | list[Msg] = ""   # why the program is not there (shown on the desk's page)
        self._ready: bool | None = None
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def ready(self) -> bool:
        if self._ready is None:
            found = problems(self.folder) if self.folder.is_dir() else [
                Msg("desk-script-folder-missing", folder=str(self.folder))]
            self._ready = not found
            self.error = found[:3] if found else ""
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
            with urllib.request.urlopen(self.url, timeout=TIMEOUT_SECONDS) as response:
                archive = response.read()
            with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as package:
                for name, expected in sorted(MANIFEST.items()):
                    member = package.extractfile(f"package/dist/{name}")
                    data = member.read() if member is not None else b""
                    if hashlib.sha256(data).hexdigest() != expected:
                        raise _Differs(Msg("desk-script-download-differs", name=name, url=self.url, version=VERSION))
                    (staging / name).write_bytes(data)
            if self.folder.exists():
                shutil.rmtree(self.folder)
            os.replace(staging, self.folder)
            self._ready, self.error = True, ""
        except _Differs as exc:
            self.error = exc.text
        except KeyError as exc:   # a file of the manifest is not in the package
            self.error = Msg("desk-script-download-differs", name=str(exc), url=self.url, version=VERSION)
        except (OSError, ValueError, tarfile.TarError) as exc:
            self.error = str(exc)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
