"""Reading editors' files: encodings, line endings, junk files, and where each file belongs."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from sitegen.diagnostics import Diagnostics
from sitegen.messages import Msg
from sitegen.text import WINDOWS_RESERVED, nfc

# Files and folders that editors' machines and tools leave behind, ignored everywhere: macOS
# (.DS_Store, ._x resource forks, Icon\r, __MACOSX from zips), Windows (Thumbs.db, desktop.ini,
# x:Zone.Identifier copied from NTFS, USB-stick folders), Office lock files (~$x.docx), editor
# backups and swap files (x~, x.swp, #x#, .#x). Every name starting with a dot is ignored too.
JUNK_PATTERNS = (
    r"\.DS_Store", r"\._.*", r"Icon\r", r"__MACOSX", r"Thumbs\.db", r"ehthumbs\.db", r"desktop\.ini",
    r".*:Zone\.Identifier", r"\$RECYCLE\.BIN", r"System Volume Information", r"~\$.*", r".*~",
    r".*\.swp", r".*\.swo", r"#.*#", r"\.#.*", r".*\.tmp", r"\.gitkeep", r"\.keep",
)
_JUNK = re.compile("^(?:" + "|".join(JUNK_PATTERNS) + ")$", re.DOTALL)
MAX_FILE_BYTES = 5 * 1024 * 1024
RESAVE_HINT = Msg("hint-resave-utf8")


def is_junk(name: str) -> bool:
    """True for files such as `.DS_Store`, `~$x.docx`, `x.md.swp`, `#x.md#`: never content."""
    return bool(_JUNK.match(name)) or name.startswith(".")


def walk_files(folder: Path, root: Path, diags: Diagnostics) -> list[Path]:
    """Every non-junk regular file under `folder`, sorted by NFC name.

    Symbolic links are followed only while they stay inside `root`: a link to /etc or to
    another site would publish files nobody meant to publish. Broken links, link loops and
    special files (FIFOs would block the build forever) are reported, never read.
    Walked with `os.scandir` (the type of most entries comes with the listing, no `stat`),
    and pathlib only for symbolic links: a site of 4,000 articles is listed on every build.
    """
    found: list[Path] = []
    if not folder.is_dir():
        return found
    real_root = root.resolve()
    if folder.is_symlink() and not _linked_folder_ok(folder, real_root, root, diags):
        return found   # `static/` itself a link to a folder elsewhere (a home folder, with its keys)
    pending = [str(folder)]
    while pending:
        here = pending.pop()
        try:
            with os.scandir(here) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            continue   # unreadable or vanished: as os.walk, skip it
        folders, files = [], []
        for entry in entries:
            try:
                (folders if entry.is_dir() else files).append(entry)
            except OSError:
                files.append(entry)
        kept = []
        for entry in folders:
            if is_junk(entry.name) or (entry.is_symlink() and not _linked_folder_ok(Path(entry.path), real_root,
                                                                                    root, diags)):
                continue
            kept.append(entry.path)
        for entry in files:
            if is_junk(entry.name) or (entry.is_symlink() and not _inside(Path(entry.path), real_root, root, diags)):
                continue
            try:
                regular = entry.is_file()
            except OSError:
                regular = False
            if not regular:
                diags.error(rel(Path(entry.path), root), 0, Msg("file-not-regular"), Msg("hint-file-not-regular"))
                continue
            found.append(Path(entry.path))
        pending.extend(reversed(kept))   # depth first, in name order, as os.walk
    return sorted(found, key=lambda p: nfc(p.as_posix()))


def _linked_folder_ok(path: Path, real_root: Path, root: Path, diags: Diagnostics) -> bool:
    """A symbolic link to a folder: inside the site, and not to a folder that contains it."""
    if not _inside(path, real_root, root, diags):
        return False
    here = path.parent.resolve()
    if path.resolve() in (here, *here.parents):
        diags.error(rel(path, root), 0, Msg("link-loop"), Msg("hint-link-loop"))
        return False
    return True


def _inside(path: Path, real_root: Path, root: Path, diags: Diagnostics) -> bool:
    if not path.is_symlink():
        return True
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):   # dangling link, or a loop (RuntimeError before Python 3.13)
        diags.error(rel(path, root), 0, Msg("link-nowhere"), Msg("hint-link-nowhere"))
        return False
    if target == real_root or real_root in target.parents:
        return True
    diags.error(rel(path, root), 0, Msg("link-outside"), Msg("hint-link-outside"))
    return False


def portable_name_problem(path: str) -> Msg | str:
    """Why an output path would break on some disk or server ("" if it would not).

    The output is often copied to a Windows server (IIS) or a USB stick: names Windows
    reserves (con, aux, nul.txt), characters it forbids, and over-long names are refused
    before anything is written, naming the source, instead of failing half-way on the server.
    """
    if _PLAIN_PATH.fullmatch(path):   # lower-case ASCII words: only a reserved device name can be wrong
        return next((Msg("name-reserved", name=part) for part in path.split("/")
                     if part.split(".")[0] in WINDOWS_RESERVED), "")
    for part in path.split("/"):
        if not part:
            continue
        if len(part.encode()) > 255:
            return Msg("name-too-long", name=part[:40], size=len(part.encode()))
        if part.split(".")[0].lower() in WINDOWS_RESERVED:
            return Msg("name-reserved", name=part)
        bad = sorted(set(_FORBIDDEN_IN_NAMES.findall(part)))
        if bad:
            shown = " ".join(repr(c)[1:-1] for c in bad)
            return Msg("name-forbidden", name=repr(part)[1:-1], chars=shown)
        if part.endswith((".", " ")):
            return Msg("name-trailing", name=part)
    return ""


_PLAIN_PATH = re.compile(r"(?:[a-z0-9_-][a-z0-9._-]{0,200}[a-z0-9_-]/|[a-z0-9_-]/)*"
                         r"(?:[a-z0-9_-][a-z0-9._-]{0,200}[a-z0-9_-]|[a-z0-9_-])?")
_FORBIDDEN_IN_NAMES = re.compile(r'[<>:"|?*\\\x00-\x1f\x7f]')


def rel(path: Path, root: Path) -> str:
    """Site-relative POSIX path in NFC, the form used in every message and key."""
    text, prefix = str(path), str(root) + os.sep
    if os.sep == "/" and text.startswith(prefix):   # the common case, without pathlib's parsing
        return nfc(text[len(prefix):])
    try:
        return nfc(path.relative_to(root).as_posix())
    except ValueError:
        return nfc(path.as_posix())


@dataclass(frozen=True)
class SourceText:
    path: str
    text: str


def read_text(path: Path, root: Path, diags: Diagnostics) -> SourceText | None:
    """UTF-8 (a BOM tolerated) normalised to LF and NFC; anything else is a clear error.

    Editors save from Notepad, Word and TextEdit: UTF-16, Windows-1258 and Windows-1252
    files are named as such with the steps to re-save them, and UTF-8 that was once misread
    as Windows-1252 ("Tiáº¿ng") is refused with the line, so no mojibake reaches the site.
    """
    name = rel(path, root)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            diags.error(name, 0, Msg("file-too-big", size=f"{size / (1024 * 1024):.1f}",
                                     limit=MAX_FILE_BYTES // (1024 * 1024)), Msg("hint-file-too-big"))
            return None
        data = path.read_bytes()
    except OSError as exc:
        diags.error(name, 0, Msg("file-unreadable", reason=exc.strerror or str(exc)))
        return None
    encoding = foreign_encoding(data)
    if encoding:
        diags.error(name, 0, Msg("file-encoding", encoding=encoding_text(encoding)), RESAVE_HINT)
        return None
    text = data.decode("utf-8-sig")
    if "\x00" in text:
        diags.error(name, 0, Msg("file-nul"))
        return None
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n"))
    garbled = _mojibake(text)
    if garbled:
        line, seen, meant = garbled
        diags.error(name, line, Msg("file-mojibake", seen=seen, meant=meant), Msg("hint-mojibake"))
        return None
    return SourceText(name, text)


_VIETNAMESE_ONLY = re.compile("[\u1ea0-\u1ef9\u0110\u0111\u01a0\u01a1\u01af\u01b0]")


_ENCODINGS = {"UTF-16 (little-endian, Notepad's 'Unicode')": "encoding-utf16-notepad",
              "UTF-16 (little-endian, without BOM)": "encoding-utf16le-no-bom",
              "UTF-16 (big-endian, without BOM)": "encoding-utf16be-no-bom",
              "UTF-16 (big-endian)": "encoding-utf16be", "Windows-1258 (Vietnamese)": "encoding-cp1258",
              "Windows-1252 or another legacy encoding (such as TCVN3 or VNI)": "encoding-legacy"}


def encoding_text(found: str) -> Msg | str:
    """The name `foreign_encoding` gives, in the editor's language."""
    return Msg(_ENCODINGS[found]) if found in _ENCODINGS else found


def foreign_encoding(data: bytes) -> str:
    """Name the encoding a non-UTF-8 file most likely has, or "" when it is UTF-8."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if data.startswith(b"\xff\xfe"):
        return "UTF-16 (little-endian, Notepad's 'Unicode')"
    if data.startswith(b"\xfe\xff"):
        return "UTF-16 (big-endian)"
    sample = data[:4096]
    if len(sample) > 1 and sample.count(0) * 4 > len(sample):   # text of ASCII letters, one NUL per letter
        odd = sample[1::2].count(0)
        return "UTF-16 (little-endian, without BOM)" if odd >= sample[0::2].count(0) else "UTF-16 (big-endian, without BOM)"
    try:
        data.decode("utf-8")
        return ""
    except UnicodeDecodeError:
        pass
    # Windows-1258 writes tone marks as separate combining bytes (0xCC, 0xD2, 0xDE, 0xEC, 0xF2):
    # decoded and composed, real Vietnamese text shows letters that only Vietnamese uses.
    if _VIETNAMESE_ONLY.search(nfc(data.decode("cp1258", errors="replace"))):
        return "Windows-1258 (Vietnamese)"
    return "Windows-1252 or another legacy encoding (such as TCVN3 or VNI)"


# A lead byte (U+00C2-U+00F4 when read as Windows-1252) then 1-3 continuation bytes as Windows-1252 shows them.
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6"
                       "\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{1,3}")


_LATIN_LETTER = re.compile("[\u00a1-\u024f\u1e00-\u1eff]")   # what Vietnamese, French... text garbles into


def _mojibake(text: str) -> tuple[int, str, str] | None:
    """(line, garbled, meant) for the first run that is UTF-8 decoded as Windows-1252, else None."""
    for match in _MOJIBAKE.finditer(text):
        seen = match.group(0)
        for codec in ("cp1252",):
            try:
                meant = seen.encode(codec).decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
            if len(meant) == 1 and (_LATIN_LETTER.match(meant) or meant in "–—‘’“”…€"):
                word = re.search(r"\S*\Z", text[:match.start()]).group(0) + re.match(r"\S*", text[match.start():]).group(0)
                meant_word = word.encode(codec, errors="replace").decode("utf-8", errors="replace")
                return text.count("\n", 0, match.start()) + 1, word, nfc(meant_word)
    return None
