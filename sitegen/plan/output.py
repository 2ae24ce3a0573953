"""One file of the built site, as planned: what every serialiser returns and the renderer consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Output:
    """One file of the built site: rendered from a template, made by a serialiser, or given as bytes.

    Planning stays pure: a calendar or a feed is planned as its `serialiser`'s name and the
    `context` it needs; the write stage (sitegen/write/serialise.py) makes its bytes.
    """

    path: str          # url path: "vi/tin-tuc/" or "vi/rss.xml"
    source: str        # the source responsible, named in collision and template errors
    template: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    data: bytes | None = None
    serialiser: str = ""   # "ics", "feed", "events-feed": made from `context` by sitegen/write/
