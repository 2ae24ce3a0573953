"""Interface strings (sitegen/i18n_strings.toml): both languages, same placeholders, every key templates use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen.i18n import LANGUAGES, STRINGS, translate
from sitegen.messages import placeholders

ROOT = Path(__file__).resolve().parents[2]
_TEMPLATE_KEY = re.compile(r"""\bt\(\s*['"]([a-z0-9_-]+)['"]\s*[,)]""")   # not t('state_' ~ status)
_CODE_KEY = re.compile(r"""\btranslate\(\s*[a-z_.]+,\s*['"]([a-z0-9_-]+)['"]\s*[,)]""")


def test_every_string_is_in_both_languages_with_the_same_placeholders():
    assert set(STRINGS) == set(LANGUAGES)
    assert STRINGS["vi"].keys() == STRINGS["en"].keys()
    for key, text in STRINGS["vi"].items():
        assert text.strip() and STRINGS["en"][key].strip(), key
        assert placeholders(text) == placeholders(STRINGS["en"][key]), key


def test_every_key_the_templates_and_code_name_exists():
    used = {key for path in (ROOT / "templates").rglob("*.html") for key in _TEMPLATE_KEY.findall(path.read_text("utf-8"))}
    used |= {key for path in (ROOT / "sitegen").rglob("*.py") for key in _CODE_KEY.findall(path.read_text("utf-8"))}
    assert len(used) > 50
    assert sorted(used - STRINGS["vi"].keys()) == []


def test_translate_fills_placeholders_and_a_missing_key_is_an_error():
    assert translate("vi", "page_n", n=2) == "Trang 2"
    assert translate("en", "page_n", n=2) == "Page 2"
    assert translate("vi", "home") == "Trang chủ"
    with pytest.raises(KeyError):
        translate("en", "no_such_key")
