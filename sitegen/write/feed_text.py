"""Full texts for feed readers: a body shown away from the site, with every link made absolute.

A reader shows the text outside the site, where a link to "/kontum/vi/..." or "#muc-1" leads
nowhere: every local href and src is resolved against the page the text belongs to.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin

_LINK_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def absolute_html(fragment: str, page_url: str) -> str:
    """An HTML body with every local href/src made absolute against `page_url`."""
    def absolute(match: re.Match[str]) -> str:
        attribute, value = match.group(1), match.group(2)
        if _SCHEME.match(value):
            return match.group(0)
        return f'{attribute}="{html.escape(urljoin(page_url, html.unescape(value)))}"'

    return _LINK_ATTRIBUTE.sub(absolute, fragment)
