"""The build recipe: load and validate everything, plan every file, render, hand each file to the sink.

    generate(options, diags, cache, sink)
      load:    site.toml, content/, static/   -> Site          (every problem collected, stop once)
      plan:    Site                           -> [Output]      (pure: paths, templates, contexts)
      render:  [Output]                       -> bytes         (Jinja2, feeds, iCalendar, search)
      publish: bytes                          -> sink          (the publisher, or a dict in memory)

`cache` is the only thing a build, `check` and the preview pass differently (with the sink):
a `memo.NullCache` remembers nothing; `incremental.build_cache.IncrementalCache` remembers
parsed files, rendered Markdown, serialised calendars, feeds and indexes, and pages already in
the output folder. Both give the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitegen.diagnostics import Diagnostics
from sitegen.load.config import load_config
from sitegen.load.content import discover, select_entries
from sitegen.load.events import end_exclusive, load_calendars
from sitegen.load.links import ContentLinks
from sitegen.load.markdown import cache_key
from sitegen.load.programme import load_programme, plan_instants
from sitegen.load.reading import Loaded
from sitegen.load.schema import as_datetime
from sitegen.load.sources import rel
from sitegen.load.theme import StaticFile, static_files, theme_folders
from sitegen.memo import BuildCache, NullCache
from sitegen.model import Calendar, Site, SiteConfig
from sitegen.parallel import default_workers
from sitegen.plan.output import Output
from sitegen.plan.pages import Planner
from sitegen.plan.site import check_collisions, plan_site
from sitegen.plan.urls import Urls, output_path
from sitegen.publish.publisher import Reused
from sitegen.write.html import site_globals, template_environment
from sitegen.write.search_indexes import SearchIndexes
from sitegen.write.serialise import write_all

if TYPE_CHECKING:
    from sitegen.write.media import Media

__all__ = ["BuildOptions", "BuildResult", "generate"]

Sink = Callable[[str, "bytes | Reused"], None]


@dataclass
class BuildOptions:
    """What the user chose: the site, "now", and which articles to show."""

    source: Path
    now: datetime
    base_url: str | None = None
    drafts: bool = False
    future: bool = False
    preview: bool = False   # the preview shows drafts and future articles, marked
    workers: int | None = None   # processes for Markdown (None: one per core)


@dataclass
class BuildResult:
    files: dict[str, bytes] = field(default_factory=dict)   # what a build without a sink made
    site: Site | None = None
    left_out: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)   # output path -> source responsible


@dataclass(frozen=True)
class Loading:
    """What loading produced besides the Site: static files, photos, and what the cache needs to hear."""

    site: Site
    statics: dict[str, StaticFile]
    loaded: list[Loaded]
    media: Media   # the photos the bodies show, and the share cards still to make


def input_settings(options: BuildOptions) -> dict[str, object]:
    """The options that change output, besides the files and "now"."""
    return {"base_url": options.base_url, "drafts": options.drafts, "future": options.future,
            "preview": options.preview}


def generate(options: BuildOptions, diags: Diagnostics, cache: BuildCache | None = None,
             sink: Sink | None = None) -> BuildResult | None:
    """The whole build; None when the site has errors (all of them in `diags`).

    With a `sink` (the publisher), each file is handed over as soon as it exists and
    `BuildResult.files` stays empty, so a large site is never held in memory whole.
    """
    cache = cache if cache is not None else NullCache()
    loading = load_site(options, diags, cache)
    if loading is None:
        return None
    planner = Planner(loading.site, diags)
    workers = options.workers if options.workers is not None else default_workers()
    indexes = SearchIndexes(planner, cache.memo, background=workers > 1, helper=cache.helper)
    indexes.start()   # built beside the pages, collected after them
    try:
        statics = {path: file for path, file in loading.statics.items() if not loading.media.handles(path)}
        result = render_site(planner, plan_site(planner, statics), loading.media, options, diags, cache, indexes, sink)
    finally:
        indexes.stop()
    if result is not None:
        cache.finished(_instants(loading))
    return result


def load_site(options: BuildOptions, diags: Diagnostics, cache: BuildCache) -> Loading | None:
    """Everything editors wrote, read and validated; None (problems in `diags`) if anything is wrong."""
    source = options.source
    config = load_config(source, diags, options.base_url)
    if config is None:
        return None
    jobs = discover(source, config, diags)
    loaded = cache.load_articles(source, config, jobs, options.workers)
    for item in loaded:
        diags.items.extend(item.problems)
    shown = options.preview
    entries, left_out = select_entries([item.entry for item in loaded if item.entry], options.now,
                                       options.drafts or shown, options.future or shown, diags)
    calendars = load_calendars(source, config, diags)
    plans, units = load_programme(source, config, diags, jobs, calendars)
    if diags.has_errors():
        _links_despite_errors(source, config, jobs, loaded, entries, diags, cache)
        return None
    statics = static_files(source, diags)
    from sitegen.write.media import Media  # (Pillow is imported only by builds that load a site)

    media = Media(statics, Urls(config), diags, cache.media_store(), *cache.previous_files(),
                  workers=options.workers if options.workers is not None else default_workers())
    html = cache.bodies(loaded)
    rewritten = _rewrite_links(entries, loaded, html, config, statics, media, diags, source,
                               _broken(source, jobs, loaded))
    html.update(rewritten)
    html.update(_event_descriptions(calendars, config.trust_html, cache))
    if diags.has_errors():
        return None
    cache.loaded(loaded, rewritten)
    rendered = [item for item in loaded if item.entry and item.rendered]
    site = Site(root=str(source), config=config, entries=tuple(entries), calendars=tuple(calendars),
                now=options.now, html=html, words={i.entry.source_path: i.rendered.words for i in rendered},
                leads={i.entry.source_path: i.rendered.lead for i in rendered}, left_out=tuple(left_out),
                plans=plans, units=units)
    return Loading(site, statics, loaded, media)


def _rewrite_links(entries: list, loaded: list[Loaded], html: Any, config: SiteConfig, statics: dict[str, StaticFile],
                   media: Media | None, diags: Diagnostics, source: Path, broken: frozenset[str]) -> dict[str, str]:
    """Bodies whose `.md` and site links now point at pages, and whose photos are `<picture>`s (without
    `media`: links only, checked and reported): those that changed."""
    links = ContentLinks(entries, Urls(config), set(statics), diags, source, broken,
                         loaded=[item.entry for item in loaded if item.entry])
    local = {item.entry.source_path for item in loaded if item.entry and item.rendered and item.rendered.local_links}
    rewritten = {}
    for entry in entries:
        if entry.source_path in local:   # most bodies link only to other sites: nothing to rewrite
            body = html[entry.source_path]
            new = links.rewrite(body, entry)
            new = media.rewrite(new, entry.source_path) if media is not None else new
            if new != body:
                rewritten[entry.source_path] = new
    return rewritten


def _links_despite_errors(source: Path, config: SiteConfig, jobs: list, loaded: list[Loaded], entries: list,
                          diags: Diagnostics, cache: BuildCache) -> None:
    """Second pass of a run that already has errors: the links of the files that did load are checked too,
    so one run reports every problem (a link to a file that has errors is not reported: that file is)."""
    _rewrite_links(entries, loaded, cache.bodies(loaded), config, static_files(source, Diagnostics()), None, diags,
                   source, _broken(source, jobs, loaded))


def _broken(source: Path, jobs: list, loaded: list[Loaded]) -> frozenset[str]:
    """Files found but not loaded (they have errors, reported): links to them are not reported again."""
    return frozenset(rel(job[0], source) for job in jobs) - {item.entry.source_path for item in loaded if item.entry}


def _event_descriptions(calendars: list[Calendar], trusted: bool, cache: BuildCache) -> dict[str, str]:
    """Event descriptions are few and short: rendered here, through the cache, as "event:<id>:<lang>"."""
    texts = {cache_key(text, trusted): text for calendar in calendars for event in calendar.events
             for text in event.description.values()}
    rendered = cache.render_texts(texts, trusted)
    return {f"event:{event.id}:{lang}": rendered[cache_key(text, trusted)].html or ""
            for calendar in calendars for event in calendar.events for lang, text in event.description.items()}


def render_site(planner: Planner, planned: tuple[list[Output], dict[str, str]], media: Media, options: BuildOptions,
                diags: Diagnostics, cache: BuildCache, indexes: SearchIndexes, sink: Sink | None) -> BuildResult | None:
    """Every planned output, photo, share card and the search index, handed to `sink`; what the cache still
    has is kept."""
    outputs, assets = planned
    outputs = outputs + media.outputs(outputs)   # each page's share card (its og:image), and the photos
    sources = check_collisions(outputs, diags)
    if diags.has_errors():
        return None
    env = template_environment(theme_folders(options.source, "templates"), cache.template_cache())
    globals_ = site_globals(planner, assets, options.preview)
    published: dict[str, bytes | Reused] = {}
    deliver = sink or published.__setitem__
    reused = cache.reusable_pages(outputs, globals_)
    reused.update({path: Reused(digest) for path, digest in media.kept.items()})
    for path, kept in reused.items():
        deliver(path, kept)
    to_render = [o for o in outputs if output_path(o.path) not in reused]
    cache.read_all_bodies(sum(1 for o in to_render if o.template))
    for path, data in write_all(to_render, planner, env, globals_, cache.memo, diags):
        if not diags.has_errors():
            deliver(output_path(path), data)
    search = [o for lang in planner.langs for o in indexes.outputs(lang)]
    sources = check_collisions(search, diags, sources)
    if diags.has_errors():
        return None
    for output in search:
        deliver(output_path(output.path), output.data)
    media.finish()
    site = planner.site
    return BuildResult(files=published, site=site, left_out=list(site.left_out),
                       sources={output_path(p): s for p, s in sources.items()})


def _instants(loading: Loading) -> list[datetime]:
    """Every date the output compares with "now": articles (drafts and future ones too) and events."""
    tz = loading.site.config.tz
    instants = [item.entry.date for item in loading.loaded if item.entry and item.entry.date]
    instants += plan_instants(loading.site.plans, tz)   # a task becomes overdue when its time frame ends
    for calendar in loading.site.calendars:
        for event in calendar.events:
            instants.extend(as_datetime(value, tz) for value in (event.start, end_exclusive(event)))
    return instants
