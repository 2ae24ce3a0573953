"""`<img>` of a photo in a rendered body -> `<picture>`: WebP widths, size, and lazy loading after the first.

A post-step on the body's HTML, after its links got the base path (load/links.py), like
the link rewriting itself: the photo's variants and upright size come from images.py.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import quote, unquote

from sitegen.write.images import Photo

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r'([a-zA-Z][a-zA-Z0-9_:-]*)="([^"]*)"')
# Bodies are at most 46rem wide (site.css --measure), inside 1rem of padding on each side on phones.
SIZES = "(min-width: 49rem) 46rem, calc(100vw - 2rem)"
_REPLACED = {"src", "srcset", "sizes", "width", "height", "loading", "decoding"}


def rewrite(body: str, base_path: str, photo_of: Callable[[str], Photo | None]) -> tuple[str, Photo | None]:
    """The body with each photo of static/images/ as a `<picture>`, and the first such photo (or None).

    `photo_of` maps a static path ("images/x.jpg") to its Photo, None for files it does not
    publish. An `<img>` already inside a `<picture>`, or with its own srcset, is left as written.
    """
    if "<img" not in body:
        return body, None
    prefix = base_path + "images/"
    first: list[Photo] = []

    def replace(match: re.Match[str]) -> str:
        tag = match.group(0)
        attrs = dict(_ATTR.findall(tag))
        src = html.unescape(attrs.get("src", ""))
        if not src.startswith(prefix) or "srcset" in attrs or _inside_picture(body, match.start()):
            return tag
        photo = photo_of(unquote(src[len(base_path):].split("#", 1)[0].split("?", 1)[0]))
        if photo is None:
            return tag
        lazy = bool(first)
        first.append(photo)
        return picture(photo, base_path, {k: v for k, v in attrs.items() if k not in _REPLACED}, lazy)

    return _IMG.sub(replace, body), (first[0] if first else None)


def picture(photo: Photo, base_path: str, attrs: dict[str, str], lazy: bool) -> str:
    """The markup of one photo; `attrs` (alt, title, class...) are kept as written (already escaped)."""
    srcset = ", ".join(f"{_url(base_path, v.path)} {v.width}w" for v in photo.variants)
    kept = "".join(f' {name}="{value}"' for name, value in attrs.items())
    fallback = photo.fallback
    loading = ' loading="lazy"' if lazy else ""
    return (f'<picture><source type="image/webp" srcset="{_attr(srcset)}" sizes="{SIZES}">'
            f'<img src="{_attr(_url(base_path, fallback.path))}"{kept} width="{fallback.width}" height="{fallback.height}"'
            f'{loading} decoding="async"></picture>')


def _url(base_path: str, path: str) -> str:
    """Percent-encoded: a space or comma in a file name would split a srcset."""
    return quote(base_path + path, safe="/")


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _inside_picture(body: str, position: int) -> bool:
    opened = body.rfind("<picture", 0, position)
    return opened != -1 and body.rfind("</picture>", opened, position) == -1
