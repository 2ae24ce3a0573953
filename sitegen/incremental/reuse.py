"""Which pages of the previous output a build may keep: those whose inputs have the same fingerprint.

A page's bytes are a function of its template, the site-wide template values and its
context (fingerprint.py). A page whose fingerprint is the one recorded for the file already
in the output folder is kept as it is (publish.Reused), never rendered again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sitegen.incremental.fingerprint import Fingerprint, Unfingerprintable
from sitegen.plan.output import Output
from sitegen.plan.urls import output_path
from sitegen.publish.fences import trusted_manifest
from sitegen.publish.publisher import Reused


def unchanged_pages(outputs: list[Output], site_wide: list[object], output: Path | None,
                    previous: dict[str, str], fingerprint: Fingerprint) -> tuple[dict[str, str], dict[str, Reused]]:
    """(file path -> fingerprint of every page, file path -> Reused for those `output` already holds).

    `site_wide`: what every page depends on (the generator, the templates, the template
    globals); `previous`: the fingerprints recorded for the pages in `output`.
    """
    shared = fingerprint.of(site_wide)
    manifest = trusted_manifest(output) if output is not None else {}   # files as the last build wrote them
    keys: dict[str, str] = {}
    reused: dict[str, Reused] = {}
    for page in outputs:
        if not page.template:   # files made by serialisers are remembered by their inputs instead
            continue
        path = output_path(page.path)
        try:
            keys[path] = key = fingerprint.of([shared, page.template, page.context])
        except Unfingerprintable:
            continue
        if previous.get(path) == key and path in manifest:
            reused[path] = Reused(manifest[path])   # (a file edited or deleted by hand is rendered again)
    return keys, reused


def template_digest(folders: list[Path]) -> str:
    """Every template file of these folders (a changed macro changes pages)."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
