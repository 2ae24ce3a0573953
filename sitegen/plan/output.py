"""One file of the built site, as planned: what every serialiser returns and the renderer consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Output:
    """One file of the built site: rendered from a template, or given as bytes."""

    path: str          # url path: "vi/tin-tuc/" or "vi/rss.xml"
    source: str        # the source responsible, named in collision and template errors
    template: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    data: bytes | None = None
