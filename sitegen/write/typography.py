"""Headline typography: document numbers ("09/QĐ-SKHCN", "42/2022/NĐ-CP") are never broken across lines.

Browsers may break a line after "/" or "-", which turns "Quyết định 09/QĐ-SKHCN" into
"09/QĐ-" and "SKHCN" on two lines. The number is wrapped in a span that does not wrap;
the text itself is unchanged (no invisible joiners: copying and find-in-page keep working).
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

# A digit, then letters or digits, then at least one "/" part (and any "-" parts): 06/KH-SKHCN,
# 1665/QĐ-TTg, 42/2022/NĐ-CP, 05/02/2020. Letters include Vietnamese ones (Đ, Ư...).
DOCUMENT_NUMBER = re.compile(r"(?<![^\W_])\d[^\W_]*(?:-[^\W_]+)*(?:/[^\W_]+(?:-[^\W_]+)*)+")


def headline(text: str) -> Markup:
    """`text` escaped for HTML, with each document number in a <span class="nowrap">."""
    escaped = str(escape(text))
    return Markup(DOCUMENT_NUMBER.sub(lambda m: f'<span class="nowrap">{m.group(0)}</span>', escaped))
