"""Every planned output to bytes: pages through Jinja2, calendars and feeds through their serialisers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sitegen.diagnostics import Diagnostics
from sitegen.plan.output import Output
from sitegen.write import feeds, ical
from sitegen.write.html import render_all
from sitegen.write.programme_feed import programme_feed
from sitegen.write.sitemap import robots, sitemap
from sitegen.write.template_errors import TemplateErrors

if TYPE_CHECKING:
    import jinja2

    from sitegen.memo import Memo
    from sitegen.plan.pages import Planner

PAGES_PER_SLICE = 100


def serialise(output: Output, planner: Planner, memo: Memo) -> bytes:
    """The bytes of an output planned as data (see `Output.serialiser`)."""
    context = output.context
    if output.serialiser == "ics":
        return ical.calendar_bytes(context["name"], context["events"], context["lang"], planner, memo)
    if output.serialiser == "feed":
        return feeds.article_feed(planner, context["lang"], context["section"], memo)
    if output.serialiser == "events-feed":
        return feeds.events_feed(planner, context["lang"], memo)
    if output.serialiser == "programme-feed":
        return programme_feed(planner, context["lang"], context["cx"])
    if output.serialiser == "sitemap":
        return sitemap(planner, context["pages"])
    if output.serialiser == "robots":
        return robots(planner)
    raise ValueError(f"no serialiser {output.serialiser!r} for /{output.path}")


def write_all(outputs: list[Output], planner: Planner, env: jinja2.Environment, globals_: dict[str, Any],
              memo: Memo, diags: Diagnostics) -> Iterator[tuple[str, bytes]]:
    """(url path, bytes) of every output, in slices, so files stream to the publisher as they come.

    Rendering stays in this process. Forked renderers were measured: refcount updates made
    each of them copy most of the build's memory (about 100 MB each at 2,000 pairs) for no gain
    in wall time, since writing the files is the slower half.
    """
    pages = [o for o in outputs if o.template]
    errors = TemplateErrors.of(env)
    for start in range(0, len(pages), PAGES_PER_SLICE):
        yield from render_all(pages[start:start + PAGES_PER_SLICE], env, globals_, errors).items()
    errors.report(diags)
    for output in outputs:
        if output.serialiser:
            yield output.path, serialise(output, planner, memo)
        elif not output.template:
            yield output.path, output.data or b""
