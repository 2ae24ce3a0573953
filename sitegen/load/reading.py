"""Reading every article in parallel: each worker parses one file and renders its Markdown."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sitegen.diagnostics import Diagnostic, Diagnostics
from sitegen.incremental import entry_cache
from sitegen.incremental.cache import Rendered
from sitegen.load.content import load_entry
from sitegen.load.links import needs_rewrite
from sitegen.load.markdown import cache_key, images_without_alt, render_one, unsafe_lines
from sitegen.load.sources import rel
from sitegen.messages import Msg
from sitegen.model import Entry, SiteConfig
from sitegen.parallel import fork_map, state
from sitegen.plan.views import lead_of, plain_text
from sitegen.write.search import folded_words


@dataclass(frozen=True)
class Loaded:
    """One source file after loading: its entry (None on errors), problems, and body HTML."""

    entry: Entry | None
    problems: tuple[Diagnostic, ...]
    rendered: Rendered | None   # the body: HTML (None until read from the cache), words, lead
    key: str          # Markdown cache key of the body
    fresh: bool       # rendered now (True) or taken from the cache
    identity: str = ""   # entry-cache key: the file's digest, place, site.toml and generator ("" if unreadable)


def _load_one(job: tuple[Path, str, str | None]) -> Loaded:
    path, kind, section = job
    shared = state()
    diags = Diagnostics()
    entry = load_entry(path, shared["root"], kind, section, shared["config"], diags)
    if entry is None:
        return Loaded(None, tuple(diags.items), None, "", False)
    trusted = shared["config"].trust_html
    _content_warnings(entry, trusted, diags)
    key = cache_key(entry.body, trusted)
    cached = shared["cache"].get(key)
    rendered = cached if cached is not None else rendered_with_words(entry.body, trusted)
    # The Markdown is not needed past this point: dropping it keeps large sites small in memory.
    return Loaded(replace(entry, body=""), tuple(diags.items), rendered, key, cached is None)


def rendered_with_words(body: str, trusted: bool) -> Rendered:
    """Body HTML, its distinct folded words (the per-file share of the search index's work),
    its lead paragraph and whether it has links to rewrite: what later builds need without the HTML."""
    html = render_one(body, trusted)
    return Rendered(html, " ".join(dict.fromkeys(folded_words(plain_text(html)))), lead_of(html), needs_rewrite(html))


def _content_warnings(entry: Entry, trusted: bool, diags: Diagnostics) -> None:
    if not trusted:
        for line, excerpt in unsafe_lines(entry.body, entry.body_line):
            diags.warning(entry.source_path, line, Msg("html-unsafe", excerpt=excerpt), Msg("hint-html-unsafe-article"))
    for line in images_without_alt(entry.body, entry.body_line):
        diags.warning(entry.source_path, line, Msg("image-no-alt"), Msg("hint-image-no-alt"))


def load_sources(root: Path, config: SiteConfig, jobs: list[tuple[Path, str, str | None]],
                 cache: dict[str, Rendered], entries: dict[str, Any], code_digest: str,
                 workers: int | None, file_digests: dict[str, str] | None = None) -> tuple[list[Loaded], dict[str, Any]]:
    """Load every job: unchanged files from the entry cache, the others in workers.

    `file_digests` (path -> SHA-256, from the input digest) saves reading files twice.
    Returns the loaded items in job order, and the entry-cache records this build used.
    """
    context = entry_cache.context_of(config, code_digest)
    results: list[Loaded | None] = []
    keys: list[str] = []
    for path, kind, section in jobs:
        try:
            content = (file_digests or {}).get(str(path)) or hashlib.sha256(path.read_bytes()).hexdigest()
            key = entry_cache.key_of(rel(path, root), kind, section, content, context)
        except OSError:
            key = ""
        keys.append(key)
        results.append(_from_caches(entries.get(key), config, cache, key))
    misses = [i for i, item in enumerate(results) if item is None]
    fresh = fork_map(_load_one, [jobs[i] for i in misses], {"root": root, "config": config, "cache": cache}, workers)
    records: dict[str, Any] = {}
    for i, item in zip(misses, fresh, strict=True):
        results[i] = replace(item, identity=keys[i])   # (the workers do not know it)
        if item.entry is not None and keys[i]:
            records[keys[i]] = entry_cache.to_json(item.entry, item.problems, item.key, config)
    for key in keys:
        if key and key not in records and key in entries:
            records[key] = entries[key]
    return [item for item in results if item is not None], records


def _from_caches(record: dict[str, Any] | None, config: SiteConfig, cache: dict[str, Rendered],
                 identity: str) -> Loaded | None:
    """A file seen before, with its rendered body: no parsing, no Markdown."""
    if record is None:
        return None
    try:
        entry, problems, key = entry_cache.from_json(record, config)
    except (KeyError, TypeError, ValueError):
        return None
    rendered = cache.get(key)
    if rendered is None:
        return None
    return Loaded(entry, problems, rendered, key, False, identity)
