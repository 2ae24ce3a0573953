"""Reading editors' files: encodings, line endings, junk files, and where each file belongs."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostics
from .text import nfc

# Files that editors' machines and tools leave behind; ignored everywhere, silently.
JUNK_PATTERNS = (
    r"\.DS_Store", r"\._.*", r"Thumbs\.db", r"desktop\.ini", r"~\$.*", r".*~", r".*\.swp", r".*\.swo",
    r"#.*#", r"\.#.*", r".*\.tmp", r"\.gitkeep", r"\.keep",
)
_JUNK = re.compile("^(?:" + "|".join(JUNK_PATTERNS) + ")$")
MAX_FILE_BYTES = 5 * 1024 * 1024


def is_junk(name: str) -> bool:
    """True for files such as `.DS_Store`, `~$x.docx`, `x.md.swp`, `#x.md#`: never content."""
    return bool(_JUNK.match(name)) or name.startswith(".")


def walk_files(folder: Path, root: Path, diags: Diagnostics) -> list[Path]:
    """Every non-junk file under `folder`, sorted, refusing symlinks that lead outside `root`."""
    found: list[Path] = []
    if not folder.is_dir():
        return found
    real_root = root.resolve()
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not is_junk(d) and _inside(here / d, real_root, root, diags))
        for name in sorted(filenames):
            path = here / name
            if is_junk(name) or not _inside(path, real_root, root, diags):
                continue
            found.append(path)
    return sorted(found, key=lambda p: nfc(p.as_posix()))


def _inside(path: Path, real_root: Path, root: Path, diags: Diagnostics) -> bool:
    if not path.is_symlink():
        return True
    target = path.resolve()
    if target == real_root or real_root in target.parents:
        return True
    diags.error(rel(path, root), 0, "is a symbolic link that leads outside the site; it was refused",
                "copy the file into the site instead of linking to it")
    return False


def rel(path: Path, root: Path) -> str:
    """Site-relative POSIX path in NFC, the form used in every message and key."""
    try:
        return nfc(path.relative_to(root).as_posix())
    except ValueError:
        return nfc(path.as_posix())


@dataclass(frozen=True)
class SourceText:
    path: str
    text: str


def read_text(path: Path, root: Path, diags: Diagnostics) -> SourceText | None:
    """UTF-8 (a BOM tolerated) normalised to LF and NFC; anything else is a clear error."""
    name = rel(path, root)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            diags.error(name, 0, f"is {size // (1024 * 1024)} MB; the limit is {MAX_FILE_BYTES // (1024 * 1024)} MB",
                        "split it into several articles, and put large documents in static/ as files")
            return None
        data = path.read_bytes()
    except OSError as exc:
        diags.error(name, 0, f"cannot be read: {exc.strerror}")
        return None
    encoding = _foreign_encoding(data)
    if encoding:
        diags.error(name, 0, f"is saved as {encoding}, not UTF-8",
                    "open it and save it again choosing the encoding 'UTF-8' (in Notepad: Save As > Encoding: UTF-8)")
        return None
    text = data.decode("utf-8-sig")
    if "\x00" in text:
        diags.error(name, 0, "contains NUL characters; it is not a text file")
        return None
    return SourceText(name, nfc(text.replace("\r\n", "\n").replace("\r", "\n")))


def _foreign_encoding(data: bytes) -> str:
    """Name the encoding a non-UTF-8 file most likely has, or "" when it is UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    if len(data) > 1 and data[1:2] == b"\x00" and data[0:1] != b"\x00":
        return "UTF-16 (without BOM)"
    try:
        data.decode("utf-8")
        return ""
    except UnicodeDecodeError:
        pass
    # Windows-1258 (Vietnamese) uses combining tone marks at 0xCC, 0xD2, 0xDE, 0xEC, 0xF2.
    if any(b in data for b in (b"\xd2", b"\xde", b"\xf2")) and re.search(rb"[\xc3\xe3\xd0\xf0]", data):
        return "Windows-1258 (Vietnamese)"
    return "Windows-1252 or another legacy encoding"
