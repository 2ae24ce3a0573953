"""Per-language search index: folded words (tone marks dropped, đ -> d) for a static host."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from .text import fold
from .views import plain_text

if TYPE_CHECKING:
    from .plan import Output, Planner

_WORD = re.compile(r"[a-z0-9]+")


def folded_words(text: str) -> str:
    """Distinct folded words in first-seen order: what the browser matches queries against."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(fold(text)):
        seen.setdefault(word, None)
    return " ".join(seen)


def search_index(planner: Planner, lang: str) -> Output:
    """JSON list of documents: title, url, date, snippet and the folded words of the whole text."""
    from .plan import Output

    docs = []
    for view in planner.articles[lang] + planner.pages[lang]:
        text = " ".join([view.title, view.summary, " ".join(view.entry.tags), plain_text(view.body)])
        docs.append({"t": view.title, "u": view.href, "d": view.short_date(), "s": view.summary,
                     "w": folded_words(text), "f": fold(view.title)})
    data = json.dumps({"lang": lang, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
    return Output(planner.urls.search_index(lang), "content/", data=data.encode())
