"""Each file's Content-Type and Cache-Control: the policy of the README's nginx example, for targets that store headers."""

from __future__ import annotations

import re

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# The build names CSS, JS and search-index files after a hash of their content: they never change.
HASHED = re.compile(r"\.[0-9a-f]{10}\.(css|js|json)$")

_TEXT = "; charset=utf-8"
TYPES = {
    "html": "text/html" + _TEXT, "css": "text/css" + _TEXT, "js": "text/javascript" + _TEXT,
    "json": "application/json" + _TEXT, "xml": "application/xml" + _TEXT, "ics": "text/calendar" + _TEXT,
    "txt": "text/plain" + _TEXT, "csv": "text/csv" + _TEXT, "svg": "image/svg+xml" + _TEXT,
    "webmanifest": "application/manifest+json" + _TEXT,
    "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
    "avif": "image/avif", "ico": "image/x-icon", "pdf": "application/pdf", "zip": "application/zip",
    "woff2": "font/woff2", "woff": "font/woff", "mp4": "video/mp4", "webm": "video/webm", "mp3": "audio/mpeg",
    "doc": "application/msword", "xls": "application/vnd.ms-excel",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text", "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
FEED = "application/rss+xml" + _TEXT
UNKNOWN = "application/octet-stream"


def content_type(path: str) -> str:
    """The type a reader's browser needs, with charset=utf-8 for text (every text the build writes is UTF-8)."""
    name = path.rsplit("/", 1)[-1].lower()
    if name == "rss.xml":
        return FEED
    return TYPES.get(name.rsplit(".", 1)[-1] if "." in name else "", UNKNOWN)


def cache_control(path: str) -> str:
    """Cached for a year when the name carries the content's hash; else revalidated on each visit."""
    return IMMUTABLE if HASHED.search(path) else REVALIDATE
