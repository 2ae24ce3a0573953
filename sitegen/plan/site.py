"""The plan of a whole site: every file it will contain but the search index, pure and in a fixed order.

Pages carry a template and a context; calendars, feeds, the sitemap and robots.txt carry the
name of the serialiser that makes them (sitegen/write/serialise.py); static files carry their
bytes, under content-hashed names for stylesheets and scripts.
"""

from __future__ import annotations

from collections.abc import Mapping

from sitegen.diagnostics import Diagnostics
from sitegen.load.sources import portable_name_problem
from sitegen.load.theme import StaticFile
from sitegen.messages import Msg
from sitegen.plan.events import plan_events, upcoming_for_home
from sitegen.plan.output import Output
from sitegen.plan.pages import Planner
from sitegen.plan.programme import plan_programme
from sitegen.plan.urls import HASHED_SUFFIXES, hashed_name, output_path


def plan_site(planner: Planner, statics: Mapping[str, StaticFile]) -> tuple[list[Output], dict[str, str]]:
    """(every output, static file path -> its published name)."""
    upcoming = {lang: upcoming_for_home(planner, lang) for lang in planner.langs}
    outputs = planner.plan_content(upcoming) + plan_events(planner)
    outputs += plan_programme(planner, outputs)   # its pages, and links back on the pages it names
    for lang in planner.langs:
        outputs.extend(_feeds(planner, lang))
        outputs.append(_search_page(planner, lang))
    home = next(o for o in outputs if o.path == planner.urls.home(planner.config.default_language))
    outputs.append(Output("", home.source, home.template, dict(home.context)))   # what `/` serves
    not_found = planner.meta(planner.config.default_language, "404.html", "404", "404", alternates={}, noindex=True)
    outputs.append(planner.page(not_found, "404.html", "templates/404.html"))
    pages = [o.context["page"] for o in outputs if o.template and o.path]
    outputs.append(Output("sitemap.xml", "site.toml", serialiser="sitemap", context={"pages": pages}))
    outputs.append(Output("robots.txt", "site.toml", serialiser="robots"))
    assets = {path: hashed_name(path, file.data) if path.endswith(HASHED_SUFFIXES) else path
              for path, file in statics.items()}
    outputs += [Output(assets[path], file.source, data=file.data) for path, file in statics.items()]
    return outputs, assets


def _feeds(planner: Planner, lang: str) -> list[Output]:
    urls = planner.urls
    sections = [None, *planner.config.sections]
    feeds = [Output(urls.feed(lang, key), "content/", serialiser="feed", context={"lang": lang, "section": key})
             for key in sections]
    feeds.append(Output(urls.events_feed(lang), "content/events/", serialiser="events-feed", context={"lang": lang}))
    return feeds


def _search_page(planner: Planner, lang: str) -> Output:
    urls = planner.urls
    meta = planner.meta(lang, urls.search(lang), planner.t(lang, "search"), "search", planner.everywhere(urls.search))
    return planner.page(meta, "search.html", "content/", index_href=urls.href(urls.search_index(lang)))


def check_collisions(outputs: list[Output], diags: Diagnostics,
                     earlier: dict[str, str] | None = None) -> dict[str, str]:
    """Two sources must never map to one output file: an error names both (`earlier`: outputs checked before).

    Returns output file path -> the source responsible, for every output so far.
    """
    seen: dict[str, str] = dict(earlier or {})
    folded: dict[str, str] = {path.lower(): path for path in seen}
    for output in outputs:
        path = output_path(output.path)
        other = seen.get(path)
        if other is not None and output.path != "":
            diags.error(output.source, 0, Msg("collision", url=f"/{output.path}", other=other), Msg("hint-collision"))
            continue
        seen[path] = output.source
        problem = portable_name_problem(path)
        if problem:
            diags.error(output.source, 0, Msg("output-name-bad", url=f"/{output.path}", problem=problem),
                        Msg("hint-output-name-bad"))
        key = path.lower()
        if key in folded and folded[key] != path:
            diags.error(output.source, 0, Msg("collision-case", url=f"/{path}", other=f"/{folded[key]}"),
                        Msg("hint-collision-case"))
        folded.setdefault(key, path)
    return seen
