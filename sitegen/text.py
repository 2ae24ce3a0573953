"""Text rules for Vietnamese and English: NFC, ASCII slugs, dates in each language, sort keys."""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date, datetime

from sitegen.messages import Msg

_NON_SLUG = re.compile(r"[^a-z0-9]+")
# Zero-width and direction-changing characters: invisible in an editor, but they change what a
# reader sees (U+202E reverses text) or make two equal-looking words differ.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# C0/C1 controls (tab and newline excepted) and non-characters: HTML parse errors, and not
# allowed at all in XML feeds or (except tab) in iCalendar text.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]")

MAX_SLUG_BYTES = 120
# Names Windows cannot create (with any extension): an output folder copied to a Windows
# server or opened from a shared drive would lose these files.
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                              *(f"lpt{i}" for i in range(1, 10))})


def nfc(text: str) -> str:
    """Canonical form used everywhere: NFD input from some editors becomes NFC."""
    return unicodedata.normalize("NFC", text)


def strip_invisible(text: str) -> str:
    """Remove control and zero-width characters that editors paste in by accident."""
    return _CONTROL.sub("", _INVISIBLE.sub("", text))


def has_invisible(text: str) -> bool:
    """True when `strip_invisible` would change the text."""
    return bool(_CONTROL.search(text) or _INVISIBLE.search(text))


def invisible_lines(text: str) -> list[int]:
    """0-based numbers of the lines that `strip_invisible` would change, so warnings can name them."""
    if not has_invisible(text):
        return []
    return [number for number, line in enumerate(text.split("\n")) if has_invisible(line)]


def _fold_table() -> dict[int, str]:
    """Precomposed Latin letters -> their base letters (đ -> d): one str.translate per text."""
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "D"}
    for block in (range(0xC0, 0x250), range(0x1E00, 0x1F00)):
        for code in block:
            char = chr(code)
            base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
            if base != char and base.isascii():
                table[code] = base
    return table


_FOLD = _fold_table()
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower-case ASCII-ish folding for search and slugs: tone marks dropped, đ -> d."""
    folded = nfc(text).translate(_FOLD)
    if not folded.isascii() and _COMBINING.search(folded):   # marks the table's blocks do not cover
        folded = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    return folded.lower()


@functools.lru_cache(maxsize=1 << 16)
def slugify(text: str) -> str:
    """ASCII URL slug that keeps Vietnamese readable: "Đổi mới sáng tạo" -> "doi-moi-sang-tao"."""
    return _NON_SLUG.sub("-", fold(text)).strip("-")


def slug_problem(slug: str) -> Msg | str:
    """Why `slug` cannot be a URL segment ("" when it can): empty, too long, or reserved on Windows.

    Slugs are never shortened silently: two long titles cut to the same prefix would collide.
    """
    if not slug:
        return Msg("slug-no-letters")
    if len(slug.encode()) > MAX_SLUG_BYTES:
        return Msg("slug-too-long", size=len(slug.encode()), limit=MAX_SLUG_BYTES)
    if slug.split(".")[0] in WINDOWS_RESERVED:
        return Msg("slug-reserved", slug=slug)
    return ""


VI_MONTHS = ["tháng 1", "tháng 2", "tháng 3", "tháng 4", "tháng 5", "tháng 6",
             "tháng 7", "tháng 8", "tháng 9", "tháng 10", "tháng 11", "tháng 12"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July",
             "August", "September", "October", "November", "December"]
VI_WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
EN_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
VI_WEEKDAYS_SHORT = ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]
EN_WEEKDAYS_SHORT = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def format_date(value: date | datetime, lang: str) -> str:
    """Long date: Vietnamese administrative style ("ngày 05 tháng 02 năm 2020") or "5 February 2020"."""
    if lang == "vi":
        return f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"
    return f"{value.day} {EN_MONTHS[value.month - 1]} {value.year}"


def format_short_date(value: date | datetime, lang: str) -> str:
    """Compact date for lists and tables: 05/02/2020 in Vietnamese, 5 Feb 2020 in English."""
    if lang == "vi":
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    return f"{value.day} {EN_MONTHS[value.month - 1][:3]} {value.year}"


def format_time(value: datetime, lang: str) -> str:
    """24-hour clock in both languages (08:00), the usage of Vietnamese agencies."""
    return f"{value.hour:02d}:{value.minute:02d}" if lang == "vi" else value.strftime("%H:%M")


def format_month(year: int, month: int, lang: str) -> str:
    """Month heading: "tháng 5 năm 2020" / "May 2020"."""
    if lang == "vi":
        return f"{VI_MONTHS[month - 1]} năm {year}"
    return f"{EN_MONTHS[month - 1]} {year}"


# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
_VI_BASE = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_VI_RANK = {ch: i for i, ch in enumerate(_VI_BASE)}
_TONES = {"\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0301": 5, "\u0323": 6}  # huyền hỏi ngã sắc nặng
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter


def _split_letter(ch: str) -> tuple[str, int]:
    """A letter without its tone mark, and the tone's rank (0 = level tone)."""
    parts = unicodedata.normalize("NFD", ch)
    tone = 0
    kept = ""
    for p in parts:
        if p in _TONES:
            tone = _TONES[p]
        elif not unicodedata.combining(p) or p in _LETTER_MARKS:
            kept += p
    return unicodedata.normalize("NFC", kept), tone


def vi_sort_key(text: str) -> tuple:
    """Sort key in Vietnamese dictionary order: letters first, tone marks break ties."""
    letters: list[int] = []
    tones: list[int] = []
    for ch in nfc(text).lower():
        base, tone = _split_letter(ch)
        rank = _VI_RANK.get(base)
        letters.append(rank if rank is not None else 100 + ord(base[:1] or " "))
        tones.append(tone)
    return (tuple(letters), tuple(tones), text)
