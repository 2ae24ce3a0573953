"""The register's fields of a `document:` block: form (text or {vi, en}), official copy URL, status."""

from __future__ import annotations

import difflib
import re

from sitegen.load.schema import Fields
from sitegen.load.yamltext import YMap, YScalar
from sitegen.messages import Msg

STATUSES = ("in-force", "expired", "replaced")
_URL = re.compile(r"^https?://[^/\s]+(/\S*)?$")

def form_of(d: Fields, lang: str, langs: tuple[str, ...]) -> str:
    """`form: Kế hoạch`, or `form: {vi: Kế hoạch, en: Plan}` read in the file's language."""
    node = d.node.items.get("form")
    if not isinstance(node, YMap):
        return d.text("form")
    for key, line in node.key_lines.items():
        if key not in langs:
            near = difflib.get_close_matches(key, langs, n=1)
            d.diags.warning(d.path, line, Msg("document-form-language-unknown", key=key),
                            Msg("hint-did-you-mean", near=near[0]) if near else ", ".join(langs))
    value = node.items.get(lang)
    if value is None:
        d.error("form", Msg("document-form-language", lang=lang), Msg("hint-document-form-language"))
        return ""
    if not isinstance(value, YScalar):
        d.error("form", Msg("document-form-type"))
        return ""
    return " ".join(d.clean_text(value.value, value.line, "form").split())


def official_url(d: Fields) -> str:
    """`url:` an official copy elsewhere (a gazette, the national legal database)."""
    url = d.text("url")
    if url and not _URL.match(url):
        d.error("url", Msg("document-url-bad", value=url), Msg("hint-document-url"))
        return ""
    return url


def status_of(d: Fields) -> str:
    """`status:` in-force | expired | replaced; not stated when left out."""
    status = d.text("status")
    if status and status not in STATUSES:
        near = difflib.get_close_matches(status, STATUSES, n=1)
        d.error("status", Msg("document-status-bad", value=status, allowed=" | ".join(STATUSES)),
                Msg("hint-did-you-mean", near=near[0]) if near else "")
        return ""
    return status
