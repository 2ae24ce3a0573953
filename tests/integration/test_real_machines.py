"""Input from real machines: what Word, Notepad, TextEdit, macOS Finder and Windows Explorer leave
in a site folder gets a clear message naming the file, or a safe result (promises 5 and 7)."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from sitegen.load.sources import JUNK_PATTERNS, is_junk
from tests.integration.hardening_kit import article, build, build_over, lay_over

NFD = "NFD"
RESAVE = "in Notepad, File > Save As > Encoding: UTF-8"
TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Text as Windows-1258 stores it: base letters with separate combining tone marks."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize(NFD, char)
            base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in TONES))
            out.append((base + "".join(p for p in parts if p in TONES)).encode("cp1258"))
    return b"".join(out)


VIETNAMESE = article("Tiếng Việt có dấu", "Đổi mới sáng tạo là động lực phát triển.")
ENCODINGS = {
    "utf-16-le-bom": (b"\xff\xfe" + VIETNAMESE.encode("utf-16-le"), "UTF-16 (little-endian, Notepad's 'Unicode')"),
    "utf-16-be-bom": (b"\xfe\xff" + VIETNAMESE.encode("utf-16-be"), "UTF-16 (big-endian)"),
    "utf-16-le": (VIETNAMESE.encode("utf-16-le"), "UTF-16 (little-endian, without BOM)"),
    "utf-16-be": (VIETNAMESE.encode("utf-16-be"), "UTF-16 (big-endian, without BOM)"),
    "utf-32": (VIETNAMESE.encode("utf-32"), "UTF-32"),
    "windows-1258": (cp1258(VIETNAMESE), "Windows-1258 (Vietnamese)"),
    "windows-1252": (article("Café résumé", "Naïve façade — «déjà vu».").encode("cp1252"),
                     "Windows-1252 or another legacy encoding (such as TCVN3 or VNI)"),
}


@pytest.mark.parametrize("case", sorted(ENCODINGS))
def test_foreign_encodings_are_named_with_how_to_resave(case: str, tmp_path: Path):
    data, named = ENCODINGS[case]
    built = build_over(tmp_path, {"content/news/notepad.vi.md": data})
    assert built.run.code == 1
    assert f"content/news/notepad.vi.md: is saved as {named}, not UTF-8" in built.messages
    assert RESAVE in built.messages and "TextEdit" in built.messages


def test_utf8_misread_as_windows_1252_is_refused_with_its_line(tmp_path: Path):
    garbled = "Tiếng Việt".encode().decode("cp1252")   # what a second "save as" of a misread file holds
    built = build_over(tmp_path, {"content/news/garbled.vi.md": article("Bài", f"Dòng một.\n\n{garbled} ở đây.")})
    assert built.run.code == 1
    assert f"content/news/garbled.vi.md:7: '{garbled.split()[0]}' looks like 'Tiếng' garbled" in built.messages


def test_a_bom_is_tolerated(tmp_path: Path):
    built = build_over(tmp_path, {"content/news/bom.vi.md": b"\xef\xbb\xbf" + article("Có BOM").encode()})
    assert built.run.code == 0, built.messages
    assert "<h1>Có BOM</h1>" in built.page("vi/tin-tuc/bom")


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "lone-cr"])
def test_windows_and_old_mac_line_endings_read_as_lf_with_the_right_line_numbers(newline: str, tmp_path: Path):
    good = article("Xuống dòng", "Dòng một.\nDòng hai.").replace("\n", newline)
    bad = article("Sai ngày", date="2020-13-01").replace("\n", newline)
    built = build_over(tmp_path, {"content/news/crlf.vi.md": good})
    assert built.run.code == 0, built.messages
    assert "\r" not in built.page("vi/tin-tuc/crlf")
    broken = build_over(tmp_path, {"content/news/sai.vi.md": bad})
    assert 'content/news/sai.vi.md:3: date "2020-13-01" is not a valid date' in broken.messages


def test_decomposed_names_and_text_are_one_with_their_composed_form(tmp_path: Path):
    """macOS writes NFD file names; some editors NFD text: one tag, one URL, one static file."""
    files = {
        unicodedata.normalize(NFD, "content/news/đổi-mới.vi.md"):
            article(unicodedata.normalize(NFD, "Đổi mới"), extra=unicodedata.normalize(NFD, "tags: [khởi nghiệp]\n")),
        "content/news/khac.vi.md": article("Khác", "[Tài liệu](/tài-liệu.pdf)", extra="tags: [khởi nghiệp]\n"),
        unicodedata.normalize(NFD, "static/tài-liệu.pdf"): b"%PDF-1.4",
    }
    built = build_over(tmp_path, files)
    assert built.run.code == 0, built.messages
    assert "<h1>Đổi mới</h1>" in built.page("vi/tin-tuc/doi-moi")
    tag_page = built.page("vi/the/khoi-nghiep") + built.page("vi/the/khoi-nghiep/trang/2")
    assert "/vi/tin-tuc/doi-moi/" in tag_page and "/vi/tin-tuc/khac/" in tag_page
    assert not [f for f in built.files() if "khoi-nghiep-" in f]
    assert "tài-liệu.pdf" in built.files()
    assert all(unicodedata.is_normalized("NFC", name) for name in built.files())


JUNK = {
    ".DS_Store": b"\x00\x00\x00\x01Bud1", "._bai.vi.md": b"\x00\x05\x16\x07\x00\x02", "Thumbs.db": b"\xd0\xcf\x11\xe0",
    "desktop.ini": b"[.ShellClassInfo]", "~$bai.docx": b"\x0bHong Van", "bai.vi.md.swp": b"b0VIM 9.0",
    "#bai.vi.md#": b"draft", ".#bai.vi.md": b"lock", "bai.vi.md~": b"backup", "Icon\r": b"",
    "bai.vi.md:Zone.Identifier": b"[ZoneTransfer]\r\nZoneId=3", "~WRL0001.tmp": b"\x00",
}


def test_editors_junk_files_are_ignored_everywhere(tmp_path: Path):
    files = {f"{folder}/{name}": data for folder in ("content/news", "static", "static/documents")
             for name, data in JUNK.items()}
    files["content/news/__MACOSX/._x.vi.md"] = b"\x00"
    built = build_over(tmp_path, files)
    assert built.run.code == 0, built.messages
    assert "warning" not in built.messages
    names = {Path(f).name for f in built.files()}
    assert not names & set(JUNK) and "__MACOSX" not in str(built.files())
    assert all(is_junk(name) for name in JUNK)
    assert JUNK_PATTERNS   # the documented list (docs/reliability.md)


def test_control_and_invisible_characters_are_stripped_with_a_warning_naming_the_line(tmp_path: Path):
    body = "Dòng sạch.\n\nNội\u0008 dung có\u200b ký tự\u202e lạ\x1b[31m."
    built = build_over(tmp_path, {"content/news/la.vi.md": article('"Tiêu\\a đề\u200b"', body)})
    assert built.run.code == 0, built.messages
    assert "content/news/la.vi.md:2: warning: 'title' contains invisible or control characters" in built.messages
    assert "content/news/la.vi.md:7: warning: invisible or control characters were removed" in built.messages
    page = built.page("vi/tin-tuc/la")
    assert "<h1>Tiêu đề</h1>" in page and "Nội dung có ký tự lạ[31m." in page
    for char in "\x07\x08\x1b\u200b\u202e":
        assert all(char not in (built.out / f).read_text(encoding="utf-8", errors="replace")
                   for f in built.files() if f.endswith((".html", ".xml", ".json", ".ics")))


@pytest.mark.parametrize(("line", "message"), [
    ('slug: "bai\u200bviet"', "content/news/x.vi.md:4: 'slug' contains invisible or control characters"),
    ('translation_key: "plan\\a"', "content/news/x.vi.md:4: 'translation_key' contains invisible or control"),
    ("tit\u200ble: X", "content/news/x.vi.md:4: key 'title' contains invisible or control characters"),
])
def test_invisible_characters_are_refused_in_slugs_and_keys(line: str, message: str, tmp_path: Path):
    built = build_over(tmp_path, {"content/news/x.vi.md": article(extra=line + "\n")})
    assert built.run.code == 1
    assert message in built.messages


def test_long_names_are_refused_never_truncated_into_a_collision(tmp_path: Path):
    long_name = "ke-hoach-ho-tro-he-sinh-thai-khoi-nghiep-doi-moi-sang-tao-" * 3
    built = build_over(tmp_path, {
        f"content/news/{long_name}a.vi.md": article("A"), f"content/news/{long_name}b.vi.md": article("B"),
        "content/news/slug.vi.md": article("C", extra=f"slug: {'đường-' * 30}x\n"),
        "content/news/tieu-de-dai.vi.md": article("Tiêu đề rất dài " * 200)})
    assert built.run.code == 1
    assert f"content/news/{long_name}a.vi.md: the file name '{long_name}a' makes a URL segment of " \
           f"{len(long_name) + 1} bytes; the limit is 120" in built.messages
    assert f"content/news/{long_name}b.vi.md: the file name" in built.messages
    assert "content/news/slug.vi.md:4: slug 'đường-" in built.messages
    assert "tieu-de-dai" not in built.messages   # a long title is fine: the URL comes from the file name


@pytest.mark.parametrize(("files", "message"), [
    ({"content/news/con.vi.md": article()}, "content/news/con.vi.md: 'con' is a reserved file name on Windows"),
    ({"content/news/x.vi.md": article(extra="slug: aux\n")}, "content/news/x.vi.md:4: slug 'aux' makes the URL"
                                                             " segment 'aux', a name Windows reserves for devices"),
    ({"content/news/x.vi.md": article(extra="tags: [NUL]\n")}, "content/news/x.vi.md:4: tag 'NUL' makes the URL"
                                                               " segment 'nul', a name Windows reserves"),
    ({"static/documents/com1.pdf": b"%PDF"}, "static/documents/com1.pdf: would be published at /documents/"
                                             "com1.pdf, but 'com1.pdf' is a name Windows reserves for devices"),
    ({"static/a:b.png": b"x"}, "static/a:b.png: would be published at /a:b.png, but 'a:b.png' contains :"),
], ids=["file", "slug", "tag", "static", "colon"])
def test_names_reserved_or_forbidden_on_windows_are_refused(files: dict, message: str, tmp_path: Path):
    built = build_over(tmp_path, files)
    assert built.run.code == 1
    assert message in built.messages


@pytest.mark.parametrize(("first", "second", "message"), [
    ("content/news/Ke-hoach.vi.md", "content/news/ke-hoach.vi.md",
     "content/news/ke-hoach.vi.md: would be published at /vi/tin-tuc/ke-hoach/, which content/news/Ke-hoach.vi.md"),
    ("content/news/dổi.vi.md", "content/news/dời.vi.md",
     "content/news/dời.vi.md: would be published at /vi/tin-tuc/doi/, which content/news/dổi.vi.md already uses"),
    ("static/Logo.png", "static/logo.png", "static/logo.png: /logo.png differs only by letter case from /Logo.png"),
], ids=["case", "tone-marks", "static-case"])
def test_urls_that_differ_by_case_or_tone_marks_are_an_error_naming_both(first: str, second: str, message: str,
                                                                          tmp_path: Path):
    files = {name: (article(name) if name.endswith(".md") else b"png") for name in (first, second)}
    built = build_over(tmp_path, files)
    assert built.run.code == 1
    assert message in built.messages


def test_tags_spelt_differently_that_share_a_url_are_reported(tmp_path: Path):
    built = build_over(tmp_path, {"content/news/a.vi.md": article("A", extra="tags: [bão]\n"),
                                  "content/news/b.vi.md": article("B", extra="tags: [báo]\n")})
    assert built.run.code == 0
    assert "content/news/b.vi.md: warning: tag 'báo' shares its page /bao/ with tag 'bão' of content/news/a.vi.md" \
           in built.messages


SYMLINKS = {
    "content-file": ("content/news/secret.vi.md", "secret.md", "leads outside the site"),
    "content-folder": ("content/news/shared", "folder", "leads outside the site"),
    "static-file": ("static/passwd.txt", "passwd", "leads outside the site"),
    "static-folder": ("static/shared", "folder", "leads outside the site"),
    "dangling": ("static/missing.pdf", "does-not-exist", "leads nowhere (broken, or a loop)"),
}


@pytest.mark.parametrize("case", sorted(SYMLINKS))
def test_symbolic_links_leading_outside_the_site_are_refused(case: str, tmp_path: Path):
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "secret.md").write_text(article("Bí mật"), encoding="utf-8")
    (outside / "passwd").write_text("root:x:0:0", encoding="utf-8")
    (outside / "folder" / "x.vi.md").write_text(article("X"), encoding="utf-8")
    site = lay_over(tmp_path, {})
    first = build(site)
    link, target, what = SYMLINKS[case]
    os.symlink(outside / target, site / link)
    built = build(site, first.out)
    assert built.run.code == 1
    assert f"{link}: is a symbolic link that {what}; it was refused" in built.messages
    assert "root:x" not in "".join(p.read_text(errors="replace") for p in first.out.rglob("*") if p.is_file())


def test_a_link_loop_and_a_named_pipe_are_refused_not_followed(tmp_path: Path):
    site = lay_over(tmp_path, {})
    os.symlink(site / "content" / "news" / "loop", site / "content" / "news" / "loop")
    os.symlink(site / "content", site / "content" / "news" / "up")
    os.mkfifo(site / "content" / "news" / "pipe.vi.md")   # reading it would block the build forever
    built = build(site)
    assert built.run.code == 1
    assert "content/news/loop: is a symbolic link that leads nowhere (broken, or a loop)" in built.messages
    assert "content/news/up: is a symbolic link to a folder that contains it" in built.messages
    assert "content/news/pipe.vi.md: is not a regular file" in built.messages


def test_a_link_inside_the_site_is_followed(tmp_path: Path):
    site = lay_over(tmp_path, {})
    (site / "static" / "shared").mkdir()
    (site / "static" / "shared" / "a.txt").write_text("a", encoding="utf-8")
    os.symlink(site / "static" / "shared", site / "static" / "alias")
    built = build(site)
    assert built.run.code == 0, built.messages
    assert {"shared/a.txt", "alias/a.txt"} <= built.files()
