"""The built site as the deploy sees it: each file's size and hashes, proved to be exactly what the build wrote."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from sitegen.publish.deploy.messages import say
from sitegen.publish.deploy.plan import is_hidden
from sitegen.publish.outfolder import read_manifest


@dataclass(frozen=True)
class LocalFile:
    """One file of the output: its size and the two hashes targets compare (sha256; md5 is S3's ETag)."""

    size: int
    sha256: str
    md5: str


class OutputChanged(Exception):
    """The output is not the untouched result of a build: it is never deployed."""


def read_output(output: Path, lang: str) -> dict[str, LocalFile]:
    """Every file of `output`, checked against the build's manifest (nothing missing, added or changed)."""
    manifest = {path: digest for path, digest in read_manifest(output).items() if not is_hidden(path)}
    on_disk = set(_walk(output))
    for path in sorted(on_disk.symmetric_difference(manifest)):
        what = say("changed-extra" if path in on_disk else "changed-missing", lang)
        raise OutputChanged(say("output-changed", lang, path=path, output=output, what=what))
    files = {}
    for path in sorted(manifest):
        data = (output / path).read_bytes()
        files[path] = LocalFile(len(data), hashlib.sha256(data).hexdigest(), hashlib.md5(data, usedforsecurity=False).hexdigest())
        if files[path].sha256 != manifest[path]:
            raise OutputChanged(say("output-changed", lang, path=path, output=output, what=say("changed-content", lang)))
    return files


def read_checked(output: Path, path: str, expected: LocalFile, lang: str) -> bytes:
    """The bytes to send, refused if the file changed since the plan was made (a build ran meanwhile)."""
    try:
        data = (output / path).read_bytes()
    except OSError:
        raise OutputChanged(say("output-changed", lang, path=path, output=output, what=say("changed-missing", lang))) from None
    if hashlib.sha256(data).hexdigest() != expected.sha256:
        raise OutputChanged(say("output-changed", lang, path=path, output=output, what=say("changed-content", lang)))
    return data


def _walk(root: Path) -> list[str]:
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = os.path.relpath(folder, root)
        for name in names:
            if not name.startswith("."):
                found.append(name if rel == "." else f"{rel}/{name}".replace(os.sep, "/"))
    return found
