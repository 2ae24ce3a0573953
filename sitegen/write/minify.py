"""CSS and JavaScript made smaller at build (comments and spaces out), before they get their hashed names."""

from __future__ import annotations

import rcssmin
import rjsmin


def minify(path: str, data: bytes) -> bytes:
    """The minified bytes of a .css or .js file; any other file, or text that is not UTF-8, as it is.

    Comments starting with /*! (licences) are kept, as both tools do for such comments.
    """
    if not path.endswith((".css", ".js")):
        return data
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    small = rcssmin.cssmin(text, keep_bang_comments=True) if path.endswith(".css") else rjsmin.jsmin(
        text, keep_bang_comments=True)
    return small.encode("utf-8") + (b"\n" if not small.endswith("\n") else b"")
