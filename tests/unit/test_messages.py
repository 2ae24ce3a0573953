"""The message catalogue: every id in both languages with the same placeholders, every id the code uses exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen.diagnostics import Diagnostic, Diagnostics
from sitegen.load.hints import date_suggestion, section_for, tab_line
from sitegen.messages import LANGUAGES, Msg, catalogue, placeholders, render
from sitegen.model import Section

CODE = Path(__file__).resolve().parents[2] / "sitegen"
_USED = re.compile(r'''Msg\(\s*f?["']([a-z0-9-]+)(\{)?''')
_VIETNAMESE = re.compile("[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE)


def test_every_message_has_both_languages_with_the_same_placeholders():
    for key, entry in catalogue().items():
        assert set(entry) == set(LANGUAGES), key
        assert all(entry[lang].strip() for lang in LANGUAGES), key
        assert placeholders(entry["vi"]) == placeholders(entry["en"]), key


# Texts made only of what editors type (field names, TOML and YAML examples) or of proper names.
SAME_IN_BOTH = {"slug-bad", "config-key", "hint-localized-title", "hint-config-section",
                "hint-config-organization-name", "encoding-utf16be", "hint-localized-field", "hint-org-languages"}


def test_vietnamese_texts_are_written_in_vietnamese():
    for key, entry in catalogue().items():
        if key in SAME_IN_BOTH:
            continue
        assert entry["vi"] != entry["en"], f"{key}: the Vietnamese text is the English one"
        words = re.sub(r"\{[a-z_]+\}|`[^`]*`|\{\{.*?\}\}|\"[^\"]*\"", "", entry["vi"])
        if len(words.split()) > 3:
            assert _VIETNAMESE.search(entry["vi"]), key


def test_every_id_the_code_uses_is_in_the_catalogue():
    known = catalogue()
    used: set[str] = set()
    for path in CODE.rglob("*.py"):
        for key, formatted in _USED.findall(path.read_text(encoding="utf-8")):
            if not formatted:   # f"markdown-{what}": checked below by rendering
                used.add(key)
    assert used, "no message ids found in the code"
    assert sorted(used - set(known)) == []
    for what in ("headings", "footnotes", "abbreviations", "lines"):
        assert f"markdown-{what}" in known
    for status in ("missing", "outdated", "in-progress", "errors"):
        assert {f"translations-{status}", f"translations-count-{status}"} <= set(known)
    assert {f"language-{lang}" for lang in LANGUAGES} <= set(known)   # plan/contact.py
    for kind in ("phone", "email", "url"):   # load/organization.py: Msg(f"org-{kind}"), Msg(f"hint-org-{kind}")
        assert {f"org-{kind}", f"hint-org-{kind}"} <= set(known)
    from sitegen.load.programme_fields import _NOUNS
    assert set(_NOUNS.values()) <= set(known)


def test_a_diagnostic_is_shown_in_the_language_asked_and_keeps_english_for_code():
    diags = Diagnostics()
    diags.error("content/news/a.vi.md", 3, Msg("date-invalid", key="date", raw="01/12/2026"),
                Msg("hint-date-meant", meant="2026-12-01"))
    diags.error("content/x.md", 0, "plain text from older code", "a plain hint")
    dated, plain = diags.errors
    assert dated.message == 'date "01/12/2026" is not a valid date'
    assert dated.format("vi") == ('content/news/a.vi.md:3: date "01/12/2026" không phải là ngày hợp lệ\n'
                                  "    Gợi ý: có phải là 2026-12-01 không? Ngày viết theo dạng NĂM-THÁNG-NGÀY (YYYY-MM-DD)")
    assert dated.format("en").endswith("    hint: did you mean 2026-12-01? Dates are written YYYY-MM-DD (year, month, day)")
    assert plain.format("vi") == "content/x.md: plain text from older code\n    Gợi ý: a plain hint"
    assert Diagnostic.from_data(dated.to_data()).format("vi") == dated.format("vi")   # the entry cache keeps ids


def test_nested_messages_and_lists_render_in_one_language():
    message = Msg("key-unknown", what=Msg("what-front-matter"), key="tag")
    assert render(message, "vi") == "khóa 'tag' không có trong phần đầu tệp nên đã bị bỏ qua"
    assert render(Msg("hint-use-one-of", choices=["news", "pages"]), "en") == "use one of: news, pages"


@pytest.mark.parametrize(("raw", "meant"), [
    ("01/12/2026", "2026-12-01"), ("1-12-2026", "2026-12-01"), ("1.12.2026", "2026-12-01"),
    ("12/25/2026", "2026-12-25"), ("2026/12/01", "2026-12-01"), ("01/12/2026 08:30", "2026-12-01T08:30"),
    ("31/02/2026", ""), ("2026-13-01", ""), ("mai", ""), ("01/12", ""),
])
def test_dates_written_the_vietnamese_way_are_understood(raw: str, meant: str):
    assert date_suggestion(raw) == meant


def test_tabs_and_section_names():
    assert tab_line("title: x\ndocument:\n\tnumber: 1\n") == 3
    assert tab_line("title: 'a\tb'\n") == 0

    news = {"news": Section(key="news", titles={"vi": "Tin tức", "en": "News"}, slugs={"vi": "tin-tuc", "en": "news"})}
    assert section_for("tin-tuc", news) == "news"
    assert section_for("Tin tức", news) == "news"
    assert section_for("giai-tri", news) == ""


def test_the_editors_guide_lists_every_message():
    from sitegen.messages.listing import markdown_listing

    guide = (CODE.parent / "docs" / "huong-dan-bien-tap.md").read_text(encoding="utf-8")
    listed = guide.split("<!-- messages:start -->\n", 1)[1].split("<!-- messages:end -->", 1)[0]
    assert listed == markdown_listing(), "run: python -m sitegen.messages.listing, and paste it into the guide"
    assert all(f"`{key}`" in listed for key in catalogue())
