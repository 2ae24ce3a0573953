"""The register's fields of a `document:` block: form (text or {vi, en}), official copy URL, status."""

from __future__ import annotations

import difflib
import re

from sitegen.load.schema import Fields
from sitegen.load.yamltext import YMap, YScalar

STATUSES = ("in-force", "expired", "replaced")
_URL = re.compile(r"^https?://[^/\s]+(/\S*)?$")

# The new messages of this module, in one place for the message catalogue (English, Vietnamese).
MESSAGES: dict[str, tuple[str, str]] = {
    "form_lang": ("document form has no '{lang}' text, the language of this file",
                  "loại văn bản chưa có nội dung '{lang}', ngôn ngữ của tệp này"),
    "form_lang_hint": ("write `form: Quyết định` (or `form: {{vi: Quyết định, en: Decision}}`)",
                       "viết `form: Quyết định` (hoặc `form: {{vi: Quyết định, en: Decision}}`)"),
    "form_type": ("'form' must be text or a mapping by language", "'form' phải là văn bản hoặc theo từng ngôn ngữ"),
    "url": ('url "{value}" must be the http(s) address of an official copy of the full text',
            'url "{value}" phải là địa chỉ http(s) của bản chính thức toàn văn'),
    "url_hint": ("for example `url: https://vanban.chinhphu.vn/...`; a file of this site goes in `file:`",
                 "ví dụ `url: https://vanban.chinhphu.vn/...`; tệp của trang này ghi ở `file:`"),
    "status": ("status '{value}' is not one of {allowed}", "trạng thái '{value}' không thuộc {allowed}"),
    "did_you_mean": ("did you mean '{near}'?", "có phải là '{near}'?"),
}


def _m(message: str, **values: str) -> str:
    return MESSAGES[message][0].format(**values)


def form_of(d: Fields, lang: str, langs: tuple[str, ...]) -> str:
    """`form: Kế hoạch`, or `form: {vi: Kế hoạch, en: Plan}` read in the file's language."""
    node = d.node.items.get("form")
    if not isinstance(node, YMap):
        return d.text("form")
    for key, line in node.key_lines.items():
        if key not in langs:
            near = difflib.get_close_matches(key, langs, n=1)
            d.diags.warning(d.path, line, f"unknown language '{key}' in 'form' is ignored",
                            _m("did_you_mean", near=near[0]) if near else ", ".join(langs))
    value = node.items.get(lang)
    if value is None:
        d.error("form", _m("form_lang", lang=lang), _m("form_lang_hint"))
        return ""
    if not isinstance(value, YScalar):
        d.error("form", _m("form_type"))
        return ""
    return " ".join(d.clean_text(value.value, value.line, "form").split())


def official_url(d: Fields) -> str:
    """`url:` an official copy elsewhere (a gazette, the national legal database)."""
    url = d.text("url")
    if url and not _URL.match(url):
        d.error("url", _m("url", value=url), _m("url_hint"))
        return ""
    return url


def status_of(d: Fields) -> str:
    """`status:` in-force | expired | replaced; not stated when left out."""
    status = d.text("status")
    if status and status not in STATUSES:
        near = difflib.get_close_matches(status, STATUSES, n=1)
        d.error("status", _m("status", value=status, allowed=" | ".join(STATUSES)),
                _m("did_you_mean", near=near[0]) if near else "")
        return ""
    return status
