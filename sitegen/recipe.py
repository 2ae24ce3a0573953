"""The build recipe: load and validate everything, plan, render, and hand bytes to the publisher."""

from __future__ import annotations

import gc
import hashlib
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sitegen.diagnostics import Diagnostics
from sitegen.incremental import cache as md_cache
from sitegen.incremental.bodies import READ_ALL_ABOVE, Bodies
from sitegen.incremental.cache import Rendered
from sitegen.incremental.derived import Derived, no_memo
from sitegen.incremental.inputs import code_digest, load_page_keys, now_window
from sitegen.incremental.reuse import template_digest, unchanged_pages
from sitegen.load.config import load_config
from sitegen.load.content import discover, load_entry, select_entries
from sitegen.load.events import end_exclusive, load_calendars
from sitegen.load.links import ContentLinks
from sitegen.load.markdown import cache_key
from sitegen.load.reading import load_sources, rendered_with_words
from sitegen.load.sources import portable_name_problem, rel, walk_files
from sitegen.model import Calendar, Site
from sitegen.parallel import default_workers
from sitegen.plan.events import EventView, plan_events, starts_at
from sitegen.plan.output import Output
from sitegen.plan.pages import Planner
from sitegen.plan.urls import Urls, output_path
from sitegen.publish.publisher import Reused
from sitegen.text import nfc
from sitegen.write.feeds import EMPTY_FEED_DATE, article_feed, events_feed
from sitegen.write.html import HASHED_SUFFIXES, hashed_name, make_environment, render_all, site_globals
from sitegen.write.search import search_files, search_index, start_indexes, stop_indexes
from sitegen.write.sitemap import robots, sitemap

PROJECT = Path(__file__).resolve().parent.parent
Sink = Callable[[str, "bytes | Reused"], None]


@dataclass
class BuildOptions:
    source: Path
    now: datetime
    base_url: str | None = None
    drafts: bool = False
    future: bool = False
    use_cache: bool = True
    preview: bool = False
    workers: int | None = None
    reuse_output: Path | None = None   # previous output whose unchanged pages may be kept
    previous_page_keys: dict[str, str] | None = None   # its page fingerprints, when the caller kept them
    memory: dict[str, dict] | None = None   # a long-running caller's copy of the caches, kept between builds
    template_cache: Any = None   # a jinja2.BytecodeCache the preview keeps between rebuilds (hook for serve.py)
    file_digests: dict[str, str] | None = None   # path -> SHA-256 of the content files, when the caller has them
    one_shot: bool = False   # the process ends with this build (the command line, not the preview)
    helper: Any = None   # a concurrent.futures.Executor for side work (the preview's; it never forks)


@dataclass
class BuildResult:
    files: dict[str, bytes] = field(default_factory=dict)
    site: Site | None = None
    left_out: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)   # output path -> source responsible
    window: tuple[str, str] | None = None   # span of "now" this output stays valid for
    page_keys: dict[str, str] = field(default_factory=dict)   # output path -> fingerprint of its inputs


def input_settings(options: BuildOptions) -> dict[str, object]:
    """The options that change output, besides the files and "now"."""
    return {"base_url": options.base_url, "drafts": options.drafts, "future": options.future,
            "preview": options.preview}


def theme_roots(source: Path) -> list[Path]:
    return theme_folders(source, "templates") + theme_folders(source, "static")


def theme_folders(source: Path, name: str) -> list[Path]:
    """The site's own folder first, then the project's default theme (for sites without one)."""
    folders = [source / name, PROJECT / name]
    unique: list[Path] = []
    for folder in folders:
        if folder.is_dir() and folder.resolve() not in [f.resolve() for f in unique]:
            unique.append(folder)
    return unique


def static_files(source: Path, diags: Diagnostics) -> dict[str, Path]:
    """Output path -> file, site files overriding the default theme's."""
    found: dict[str, Path] = {}
    for folder in reversed(theme_folders(source, "static")):
        root = source if folder.is_relative_to(source) else folder.parent
        for path in walk_files(folder, root, diags):
            found[nfc(path.relative_to(folder).as_posix())] = path   # NFD names from macOS, NFC links
    return found


def generate(options: BuildOptions, diags: Diagnostics, sink: Sink | None = None) -> BuildResult | None:
    """Everything short of writing: None when the site has errors (all of them in `diags`).

    With a `sink` (the publisher), each file is handed over as soon as it exists and
    `BuildResult.files` stays empty, so a large site is never held in memory whole.
    """
    source = options.source
    config = load_config(source, diags, options.base_url)
    if config is None:
        return None
    store, entry_store = _caches(source, options)
    cached_markdown = set(store)
    jobs = discover(source, config, diags)
    loaded, entry_records = load_sources(source, config, jobs, store, entry_store,
                                         code_digest(), options.workers, options.file_digests)
    if options.use_cache and entry_records.keys() != entry_store.keys():
        md_cache.sync_table(source, md_cache.ENTRIES, entry_records, set(entry_records) - set(entry_store))
    if options.memory is not None:
        options.memory["entries"] = entry_records
    for item in loaded:
        diags.items.extend(item.problems)
    entries, left_out = select_entries([item.entry for item in loaded if item.entry], options.now,
                                       options.drafts or options.preview, options.future or options.preview, diags)
    calendars = load_calendars(source, config, diags)
    if diags.has_errors():
        return None
    if options.one_shot:
        # What was loaded lives until the process ends and holds no cycles: the cyclic collector
        # would only walk it again and again (a tenth of a second of an edit rebuild at 2,000 pairs).
        gc.freeze()
    rendered = {item.entry.source_path: item.rendered for item in loaded if item.entry and item.rendered}
    words = {path: body.words for path, body in rendered.items()}
    leads = {path: body.lead for path, body in rendered.items()}
    digests = {item.entry.source_path: item.key for item in loaded if item.entry}
    identities = {item.entry.source_path: item.identity for item in loaded if item.entry and item.identity}
    html = _bodies(source, config, options, jobs, loaded)
    html.update(_render_event_descriptions(source, options, calendars, config.trust_html, store))
    used = _used_markdown(store, loaded, calendars, config.trust_html)
    if options.use_cache and used.keys() != cached_markdown:
        md_cache.sync_table(source, md_cache.MARKDOWN, used, set(used) - cached_markdown)
    if options.memory is not None:
        options.memory["markdown"] = used
    statics = static_files(source, diags)
    links = ContentLinks(entries, Urls(config), set(statics), diags, source,
                         loaded=[item.entry for item in loaded if item.entry])
    for entry in entries:
        path = entry.source_path
        if not rendered[path].local_links:   # most bodies link only to other sites: nothing to rewrite
            continue
        rewritten = links.rewrite(html[path], entry)
        if rewritten != html[path]:   # its links now depend on other entries' URLs too
            html.update({path: rewritten})
            digests[path] = hashlib.blake2b(f"{rewritten}\0{words[path]}".encode(), digest_size=16).hexdigest()
    if diags.has_errors():
        return None
    site = Site(root=str(source), config=config, entries=tuple(entries), calendars=tuple(calendars),
                now=options.now, html=html, words=words, digests=digests, identities=identities,
                leads=leads, left_out=tuple(left_out))
    derived = _derived(source, options)
    result = _render_site(site, statics, options, diags, sink, derived)
    if result is not None:
        result.window = now_window(_instants(loaded, calendars, config.tz), options.now)
        if options.use_cache and (derived.fresh or derived.used.keys() != derived.rows.keys()):
            md_cache.sync_table(source, md_cache.DERIVED, derived.used, derived.fresh)
        if options.memory is not None:
            options.memory["derived"] = derived.used
    return result


def _derived(source: Path, options: BuildOptions) -> Derived:
    """Calendars and search indexes of earlier builds: in the caller's memory, else on disk."""
    if not options.use_cache:
        return no_memo()
    if options.memory is not None and "derived" in options.memory:
        return Derived(dict(options.memory["derived"]), code_digest())
    return Derived(md_cache.load_table(source, md_cache.DERIVED), code_digest())


def _instants(loaded: list, calendars: list[Calendar], tz) -> list[datetime]:
    """Every date the output compares with "now": articles (drafts and future ones too) and events."""
    instants = [item.entry.date for item in loaded if item.entry and item.entry.date]
    for calendar in calendars:
        for event in calendar.events:
            for value in (event.start, end_exclusive(event)):
                instants.append(value if isinstance(value, datetime)
                                else datetime(value.year, value.month, value.day, tzinfo=tz))
    return instants


def _bodies(source: Path, config, options: BuildOptions, jobs: list[tuple[Path, str, str | None]],
            loaded: list) -> Bodies:
    """Every body: those rendered now in memory, the others read from the cache when shown."""
    known = {item.entry.source_path: item.rendered.html for item in loaded
             if item.entry and item.rendered and item.rendered.html is not None}
    keys = {item.entry.source_path: item.key for item in loaded
            if item.entry and item.rendered and item.rendered.html is None}
    by_path = {rel(path, source): job for job in jobs for path in [job[0]]}

    def read(cache_keys: list[str]) -> dict[str, str]:
        return md_cache.read_bodies(source, cache_keys) if options.use_cache else {}

    def remake(path: str) -> str:
        """A body the cache lost: rendered again from its file (its problems were reported already)."""
        file, kind, section = by_path[path]
        entry = load_entry(file, source, kind, section, config, Diagnostics())
        return rendered_with_words(entry.body, config.trust_html).html or "" if entry else ""

    return Bodies(known, keys, read, remake)


def _render_event_descriptions(source: Path, options: BuildOptions, calendars: list[Calendar], trusted: bool,
                               store: dict[str, Rendered]) -> dict[str, str]:
    """Event descriptions are few and short: rendered here, through the same cache."""
    texts = {cache_key(text, trusted): text for calendar in calendars for event in calendar.events
             for text in event.description.values()}
    unread = [key for key in texts if key in store and store[key].html is None]
    found = md_cache.read_bodies(source, unread) if unread and options.use_cache else {}
    for key, text in texts.items():
        if key not in store or store[key].html is None:
            store[key] = (replace(store[key], html=found[key]) if key in found
                          else rendered_with_words(text, trusted))
    return {f"event:{event.id}:{lang}": store[cache_key(text, trusted)].html or ""
            for calendar in calendars for event in calendar.events for lang, text in event.description.items()}


def _caches(source: Path, options: BuildOptions) -> tuple[dict[str, Rendered], dict[str, Any]]:
    """Rendered Markdown and parsed entries: the caller's copy in memory, else the cache on disk."""
    if not options.use_cache:
        return {}, {}
    if options.memory and {"markdown", "entries"} <= options.memory.keys():
        return dict(options.memory["markdown"]), options.memory["entries"]
    return md_cache.load(source), md_cache.load_table(source, md_cache.ENTRIES)


def _used_markdown(store: dict[str, Rendered], loaded: list, calendars: list[Calendar],
                   trusted: bool) -> dict[str, Rendered]:
    """Exactly what this build used: what it rendered, and what it took from the cache."""
    used = {item.key: item.rendered for item in loaded if item.entry and item.rendered}
    for calendar in calendars:
        for event in calendar.events:
            for text in event.description.values():
                key = cache_key(text, trusted)
                used[key] = store[key]
    return used


def _render_site(site: Site, statics: dict[str, Path], options: BuildOptions, diags: Diagnostics,
                 sink: Sink | None, derived: Derived) -> BuildResult | None:
    planner = Planner(site, diags, derived)
    workers = options.workers if options.workers is not None else default_workers()
    start_indexes(planner, workers > 1, options.helper)   # built beside the pages, collected after them
    try:
        return _plan_and_render(planner, statics, options, diags, sink)
    finally:
        stop_indexes(planner)


def _plan_and_render(planner: Planner, statics: dict[str, Path], options: BuildOptions, diags: Diagnostics,
                     sink: Sink | None) -> BuildResult | None:
    site = planner.site
    outputs = planner.plan_content() + plan_events(planner)
    for lang in planner.langs:
        outputs.append(article_feed(planner, lang, None))
        outputs.extend(article_feed(planner, lang, key) for key in site.config.sections)
        outputs.append(_events_feed(planner, lang))
        outputs.append(planner.page(planner.meta(lang, planner.urls.search(lang), planner.t(lang, "search"), "search",
                                                 planner.everywhere(planner.urls.search)),
                                    "search.html", "content/", index_href=planner.urls.href(planner.urls.search_index(lang))))
    home = next(o for o in outputs if o.path == planner.urls.home(site.config.default_language))
    outputs.append(Output("", home.source, home.template, dict(home.context)))
    not_found = planner.meta(site.config.default_language, "404.html", "404", "404", alternates={}, noindex=True)
    outputs.append(planner.page(not_found, "404.html", "templates/404.html"))
    metas = [o.context["page"] for o in outputs if o.template and o.path]
    outputs += [sitemap(planner, metas), robots(planner)]
    assets: dict[str, str] = {}
    static_outputs = []
    for path, file in sorted(statics.items()):
        data = file.read_bytes()
        target = hashed_name(path, data) if path.endswith(HASHED_SUFFIXES) else path
        assets[path] = target
        static_outputs.append(Output(target, rel(file, site_root(site, file)), data=data))
    outputs += static_outputs
    sources = _check_collisions(outputs, diags)
    if diags.has_errors():
        return None
    source = Path(site.root)
    env = make_environment_for(source)
    env.bytecode_cache = options.template_cache or _template_cache(source, options)
    globals_ = site_globals(planner, assets, options.preview)
    keys, reused = _unchanged_pages(outputs, globals_, source, options)
    published: dict[str, bytes | Reused] = {}
    deliver = sink or published.__setitem__
    for path, data in reused.items():
        deliver(path, data)
    to_render = [o for o in outputs if _file_path(o.path) not in reused]
    pages = sum(1 for o in to_render if o.data is None)
    if pages > READ_ALL_ABOVE and isinstance(site.html, Bodies):
        site.html.read_all()   # one query rather than one per page
    for path, data in render_pages(to_render, env, globals_, diags):
        if not diags.has_errors():
            deliver(_file_path(path), data)
    search = [o for lang in planner.langs for o in (search_index(planner, lang), *search_files(planner, lang))]
    sources = _check_collisions(search, diags, sources)
    if diags.has_errors():
        return None
    for output in search:
        deliver(_file_path(output.path), output.data)
    return BuildResult(files=published, site=site, left_out=list(site.left_out),
                       sources={_file_path(p): s for p, s in sources.items()}, page_keys=keys)


def _unchanged_pages(outputs: list[Output], globals_: dict, source: Path,
                     options: BuildOptions) -> tuple[dict[str, str], dict[str, Reused]]:
    """Fingerprints of the pages, and those kept from the output folder (see reuse.py).

    Without an output to reuse, the fingerprints are still computed when the caller keeps them
    (the preview's first build), so that its next build can reuse pages.
    """
    if options.reuse_output is None and options.previous_page_keys is None:
        return {}, {}
    site_wide = [code_digest(), template_digest(theme_folders(source, "templates")),
                 sorted((k, v) for k, v in globals_.items() if not callable(v) and not isinstance(v, Urls))]
    previous = (options.previous_page_keys if options.previous_page_keys is not None
                else load_page_keys(source, options.reuse_output) if options.reuse_output is not None else {})
    return unchanged_pages(outputs, site_wide, options.reuse_output, previous)


def _template_cache(source: Path, options: BuildOptions):
    """Compiled templates on disk (jinja2 checks each against its source), per generator version.

    Compiling the theme costs about a tenth of a second, which a one-file edit need not pay. The
    environment's settings are in the code, so the folder is named after the code digest.
    """
    if not options.use_cache:
        return None
    import jinja2

    folder = source / md_cache.CACHE_DIR / "templates"
    version = code_digest()[:16]
    try:
        (folder / version).mkdir(parents=True, exist_ok=True)
        for other in folder.iterdir():
            if other.name != version:
                shutil.rmtree(other, ignore_errors=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder / version))


PAGES_PER_SLICE = 100


def render_pages(outputs: list[Output], env, globals_: dict, diags: Diagnostics) -> Iterator[tuple[str, bytes]]:
    """(url path, bytes) of every output, in slices, so files stream to the publisher as they come.

    Rendering stays in this process. Forked renderers were measured: refcount updates made
    each of them copy most of the build's memory (about 100 MB each at 2,000 pairs) for no gain
    in wall time, since writing the files is the slower half.
    """
    for start in range(0, len(outputs), PAGES_PER_SLICE):
        yield from render_all(outputs[start:start + PAGES_PER_SLICE], env, globals_, diags).items()


def site_root(site: Site, file: Path) -> Path:
    root = Path(site.root)
    return root if file.is_relative_to(root) else PROJECT


def make_environment_for(source: Path):
    import jinja2

    env = make_environment(theme_folders(source, "templates")[0])
    env.loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(f)) for f in theme_folders(source, "templates")])
    return env


def _events_feed(planner: Planner, lang: str) -> Output:
    calendars = {c.key: c for c in planner.site.calendars}
    events = sorted((e for c in planner.site.calendars for e in c.events),
                    key=lambda e: (-starts_at(e, planner).timestamp(), e.id))
    views = [EventView(e, lang, planner, calendars) for e in events]
    newest = starts_at(events[0], planner) if events else EMPTY_FEED_DATE
    return events_feed(planner, lang, views, newest)


def _file_path(url_path: str) -> str:
    return output_path(url_path)


def _check_collisions(outputs: list[Output], diags: Diagnostics,
                      earlier: dict[str, str] | None = None) -> dict[str, str]:
    """Two sources must never map to one output file: an error names both (`earlier`: outputs checked before)."""
    seen: dict[str, str] = dict(earlier or {})
    folded: dict[str, str] = {path.lower(): path for path in seen}
    for output in outputs:
        path = _file_path(output.path)
        other = seen.get(path)
        if other is not None and output.path != "":
            diags.error(output.source, 0, f"would be published at /{output.path}, which {other} already uses",
                        "give one of them another slug (front matter `slug:`) or file name")
            continue
        seen[path] = output.source
        problem = portable_name_problem(path)
        if problem:
            diags.error(output.source, 0, f"would be published at /{output.path}, but {problem}",
                        "rename the file, or change the slug, tag or id it comes from")
        key = path.lower()
        if key in folded and folded[key] != path:
            diags.error(output.source, 0, f"/{path} differs only by letter case from /{folded[key]}",
                        "some servers and all Windows/macOS disks treat them as one file: rename one")
        folded.setdefault(key, path)
    return seen


__all__ = ["BuildOptions", "BuildResult", "generate", "replace"]
