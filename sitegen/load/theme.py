"""Where templates and static files come from: the site's own folders, then the project's default theme."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitegen.diagnostics import Diagnostics
from sitegen.load.sources import rel, walk_files
from sitegen.text import nfc
from sitegen.write.minify import minify

PROJECT = Path(__file__).resolve().parent.parent.parent


@dataclass(frozen=True)
class StaticFile:
    """A file of `static/` as published: its site-relative source name (for messages), its bytes
    (stylesheets and scripts minified) and where it is on disk."""

    source: str
    data: bytes
    path: str


def theme_roots(source: Path) -> list[Path]:
    """Every folder a build reads besides content/: templates, then static files."""
    return theme_folders(source, "templates") + theme_folders(source, "static")


def theme_folders(source: Path, name: str) -> list[Path]:
    """The site's own folder first, then the project's default theme (for sites without one)."""
    folders = [source / name, PROJECT / name]
    unique: list[Path] = []
    for folder in folders:
        if folder.is_dir() and folder.resolve() not in [f.resolve() for f in unique]:
            unique.append(folder)
    return unique


def static_files(source: Path, diags: Diagnostics) -> dict[str, StaticFile]:
    """Output path -> file, site files overriding the default theme's (read here, once)."""
    found: dict[str, Path] = {}
    for folder in reversed(theme_folders(source, "static")):
        root = source if folder.is_relative_to(source) else folder.parent
        for path in walk_files(folder, root, diags):
            found[nfc(path.relative_to(folder).as_posix())] = path   # NFD names from macOS, NFC links
    return {name: StaticFile(rel(path, source if path.is_relative_to(source) else PROJECT),
                             minify(name, path.read_bytes()), str(path))
            for name, path in sorted(found.items())}
