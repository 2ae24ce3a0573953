"""The desk's program for tests: Decap CMS installed from npm at the pinned version (never from a CDN).

`npm pack` fetches the package tarball from the npm registry once (npm keeps it in its own cache);
its `dist/` files are unpacked into the project's git-ignored `.cache/desk-test/`.
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from sitegen.preview.desk.script import MANIFEST, VERSION
from tests.conftest import PROJECT

FOLDER = PROJECT / ".cache" / "desk-test" / f"decap-cms-{VERSION}"


def decap_dist() -> Path:
    """A folder holding the pinned Decap CMS files; npm is required (installed by .ci/run)."""
    if all((FOLDER / name).is_file() for name in MANIFEST):
        return FOLDER
    npm = shutil.which("npm")
    assert npm, "npm is required for the desk's tests (apt-get install nodejs npm)"
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run([npm, "pack", f"decap-cms@{VERSION}", "--pack-destination", scratch, "--silent"],
                       check=True, capture_output=True, timeout=600)
        tarball = next(Path(scratch).glob("decap-cms-*.tgz"))
        staging = Path(scratch) / "dist"
        staging.mkdir()
        with tarfile.open(tarball) as archive:
            for name in MANIFEST:
                member = archive.extractfile(f"package/dist/{name}")
                assert member is not None, name
                (staging / name).write_bytes(member.read())
        FOLDER.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(FOLDER, ignore_errors=True)
        shutil.move(str(staging), FOLDER)
    return FOLDER
