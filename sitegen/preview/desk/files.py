"""Where the desk may read and write: content/ and static/images/ only, no `..`, no links, only the site's file types."""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path

from sitegen.load.sources import is_junk
from sitegen.messages import Msg
from sitegen.text import WINDOWS_RESERVED, nfc

# folder (site-relative) -> (file types, how deep below it a file may be)
AREAS: dict[str, tuple[tuple[str, ...], int]] = {
    "content": ((".md", ".yaml", ".yml"), 2),
    "static/images": ((".jpg", ".jpeg", ".png", ".gif", ".webp"), 2),
}
MAX_PATH_BYTES = 400
_BAD_CHARS = re.compile(r"[\x00-\x1f\x7f\\:*?\"<>|]")


class Refused(Exception):
    """A path the desk will not touch; `text` (a catalogue message) says why, for the terminal log."""

    def __init__(self, text: Msg):
        super().__init__(str(text))
        self.text = text


def _parts(path: object) -> list[str]:
    if not isinstance(path, str) or not path:
        raise Refused(Msg("desk-path-not-text"))
    if len(path.encode("utf-8", "surrogatepass")) > MAX_PATH_BYTES:
        raise Refused(Msg("desk-path-too-long"))
    if path.startswith("/") or re.match(r"^[A-Za-z]:", path):
        raise Refused(Msg("desk-path-absolute"))
    if _BAD_CHARS.search(path):
        raise Refused(Msg("desk-path-characters"))
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise Refused(Msg("desk-path-dots"))
    if any(is_junk(part) or os.path.splitext(part)[0].lower() in WINDOWS_RESERVED for part in parts):
        raise Refused(Msg("desk-path-hidden"))
    return parts


def area_of(path: str) -> str:
    """The area (content, static/images) a site-relative path lies in; Refused otherwise."""
    parts = _parts(path)
    for area, (_, depth) in AREAS.items():
        prefix = area.split("/")
        if parts[:len(prefix)] == prefix and 0 < len(parts) - len(prefix) <= depth:
            return area
    raise Refused(Msg("desk-path-area"))


def checked_folder(root: Path, folder: str) -> Path:
    """A folder inside an area (or an area itself), with no symbolic link on the way."""
    parts = _parts(folder.rstrip("/"))
    joined = "/".join(parts)
    if not any(joined == area or joined.startswith(area + "/") for area in AREAS):
        raise Refused(Msg("desk-path-area"))
    return _no_links(root, parts)


def checked_file(root: Path, path: str) -> Path:
    """A file the desk may read or write: right area, right type, no link on the way, really inside."""
    area = area_of(path)
    types, _ = AREAS[area]
    if nfc(path) != path:
        raise Refused(Msg("desk-path-nfc"))
    if os.path.splitext(path)[1].lower() not in types:
        raise Refused(Msg("desk-path-type", types=list(types), area=area))
    return _no_links(root, path.split("/"))


def _no_links(root: Path, parts: list[str]) -> Path:
    real_root = Path(os.path.realpath(root))
    here = real_root
    for part in parts:
        here = here / part
        try:
            info = os.lstat(here)
        except FileNotFoundError:
            break
        if stat.S_ISLNK(info.st_mode):
            raise Refused(Msg("desk-path-link"))
    target = real_root.joinpath(*parts)
    real = Path(os.path.realpath(target))
    if real != target or not real.is_relative_to(real_root):
        raise Refused(Msg("desk-path-outside"))
    if target.exists() and not (target.is_file() or target.is_dir()):
        raise Refused(Msg("desk-path-not-regular"))
    return target


def write_bytes(target: Path, data: bytes) -> None:
    """Written beside the target, then renamed over it: the watcher never sees half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".desk-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def list_files(root: Path, folder: str, extension: str, depth: int) -> list[str]:
    """Site-relative paths of the regular files under `folder` (links and junk left out), sorted."""
    start = checked_folder(root, folder)
    found: list[str] = []
    base = Path(os.path.realpath(root))
    pending = [(start, 1)] if start.is_dir() else []
    while pending:
        here, level = pending.pop()
        with os.scandir(here) as listing:
            for entry in listing:
                if is_junk(entry.name) or entry.is_symlink():
                    continue
                if entry.is_dir() and level < depth:
                    pending.append((Path(entry.path), level + 1))
                elif entry.is_file() and entry.name.endswith(extension):
                    found.append(Path(entry.path).relative_to(base).as_posix())
    return sorted(found)
