"""Markdown bodies -> safe HTML fragments, in parallel, cached by content hash."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor

import markdown
import nh3

from . import __version__
from .text import slugify

EXTENSIONS = ["tables", "footnotes", "attr_list", "toc", "fenced_code", "sane_lists", "abbr", "def_list"]
SAFE_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "dfn", "div", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul",
}
SAFE_ATTRIBUTES = {
    "*": {"id", "class", "lang", "dir", "title"},
    "a": {"href", "hreflang", "rel"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"style", "colspan", "rowspan"}, "th": {"style", "colspan", "rowspan", "scope"},
    "ol": {"start", "type"}, "time": {"datetime"}, "abbr": {"title"},
}
_UNSAFE = re.compile(
    r"<\s*(script|style|iframe|object|embed|form|input|button|link|meta|base|svg|math)\b"
    r"|\son[a-z]+\s*="
    r"|(?:javascript|vbscript|data)\s*:"
    r"|\bstyle\s*=",
    re.IGNORECASE)
_IMAGE_NO_ALT = re.compile(r"!\[\s*\]\(|<img\b(?![^>]*\balt\s*=\s*[\"'][^\"']+)[^>]*>", re.IGNORECASE)
CACHE_SCHEMA = f"md-{__version__}-{markdown.__version__}-{nh3.__version__ if hasattr(nh3, '__version__') else ''}-1"

_converter: markdown.Markdown | None = None


def _anchor(value: str, separator: str) -> str:
    return slugify(value) or "section"


def _md() -> markdown.Markdown:
    """One converter per process: building the extension set costs more than a short article."""
    global _converter
    if _converter is None:
        _converter = markdown.Markdown(
            extensions=EXTENSIONS,
            extension_configs={"toc": {"slugify": _anchor}, "footnotes": {"BACKLINK_TITLE": ""}},
            output_format="html")
    return _converter


def render_one(body: str, trusted: bool) -> str:
    """Convert one body; raw HTML is reduced to the safe subset unless the site trusts its editors."""
    md = _md()
    md.reset()
    html = md.convert(body)
    if trusted:
        return html
    return nh3.clean(html, tags=SAFE_TAGS, attributes=SAFE_ATTRIBUTES, link_rel=None,
                     url_schemes={"http", "https", "mailto", "tel"},
                     filter_style_properties={"text-align"}, strip_comments=True)


def _render_job(job: tuple[str, bool]) -> str:
    return render_one(*job)


def cache_key(body: str, trusted: bool) -> str:
    """Same body, same settings, same generator version: same HTML."""
    return hashlib.sha256(f"{CACHE_SCHEMA}\0{trusted}\0{body}".encode()).hexdigest()


def render_many(bodies: Iterable[str], trusted: bool, cache: dict[str, str], workers: int | None = None) -> list[str]:
    """Render bodies in order; cache hits are reused, misses spread over processes when many."""
    bodies = list(bodies)
    keys = [cache_key(b, trusted) for b in bodies]
    missing = {k: b for k, b in zip(keys, bodies) if k not in cache}
    jobs = [(b, trusted) for b in missing.values()]
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers > 1 and len(jobs) >= 40:
        chunk = max(1, len(jobs) // (workers * 8))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(_render_job, jobs, chunksize=chunk))
    else:
        results = [_render_job(job) for job in jobs]
    cache.update(zip(missing, results))
    return [cache[k] for k in keys]


def unsafe_lines(body: str, first_line: int) -> list[tuple[int, str]]:
    """(line, excerpt) of raw HTML that the sanitiser will cut, so editors learn where."""
    if not _UNSAFE.search(body):   # the common case: one scan of the whole body
        return []
    found = []
    in_code = False
    for offset, line in enumerate(body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        if in_code:
            continue
        match = _UNSAFE.search(_strip_inline_code(line))
        if match:
            found.append((first_line + offset, match.group(0).strip()))
    return found


def images_without_alt(body: str, first_line: int) -> list[int]:
    """Lines of images that have no alternative text."""
    if "![" not in body and "<img" not in body.lower():
        return []
    return [first_line + i for i, line in enumerate(body.split("\n")) if _IMAGE_NO_ALT.search(line)]


def _strip_inline_code(line: str) -> str:
    return re.sub(r"`[^`]*`", "", line)
