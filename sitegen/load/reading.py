"""Reading every article in parallel: each worker parses one file and renders its Markdown."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from sitegen.diagnostics import Diagnostic, Diagnostics
from sitegen.load.content import load_entry
from sitegen.load.links import needs_rewrite
from sitegen.load.markdown import Rendered, cache_key, images_without_alt, render_one, unsafe_lines
from sitegen.messages import Msg
from sitegen.model import Entry, SiteConfig
from sitegen.parallel import fork_map, state
from sitegen.plan.views import lead_of, plain_text
from sitegen.write.search import folded_words

Job = tuple[Path, str, str | None]   # (file, kind, section) as `content.discover` lists them


@dataclass(frozen=True)
class Loaded:
    """One source file after loading: its entry (None on errors), problems, and body HTML."""

    entry: Entry | None
    problems: tuple[Diagnostic, ...]
    rendered: Rendered | None   # the body: HTML (None until read from a cache), words, lead
    key: str          # Markdown cache key of the body
    fresh: bool       # rendered now (True) or taken from `known`
    identity: str = ""   # what a cache knows the file by ("" when loaded without one)


def load_articles(root: Path, config: SiteConfig, jobs: list[Job], known: Mapping[str, Rendered],
                  workers: int | None) -> list[Loaded]:
    """Parse and render every job in workers; bodies found in `known` (by Markdown key) are not rendered again."""
    return fork_map(_load_one, jobs, {"root": root, "config": config, "cache": known}, workers)


def _load_one(job: Job) -> Loaded:
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
