"""The cache a build passes to the recipe: every memory of earlier builds behind the hooks of `memo.NullCache`.

It remembers, in `.cache/cache.sqlite` beside site.toml (or, for the preview, in `memory`, a
dict the caller keeps between rebuilds): parsed front matter by the file's bytes, rendered
Markdown by its text, and derived results (calendars, feeds, search indexes) by their inputs;
and it keeps pages of the previous output whose fingerprint did not change. A build keeps
exactly the rows it used. The output is the one `NullCache` gives, byte for byte.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sitegen.diagnostics import Diagnostics
from sitegen.incremental import cache as store
from sitegen.incremental import entry_cache
from sitegen.incremental.bodies import READ_ALL_ABOVE, Bodies
from sitegen.incremental.derived import Derived
from sitegen.incremental.fingerprint import Fingerprint, ViewDigests
from sitegen.incremental.inputs import code_digest, load_page_keys, now_window
from sitegen.incremental.reuse import template_digest, unchanged_pages
from sitegen.load.content import load_entry
from sitegen.load.markdown import Rendered
from sitegen.load.reading import Job, Loaded, load_articles, rendered_with_words
from sitegen.load.sources import rel
from sitegen.load.theme import theme_folders
from sitegen.memo import NullCache
from sitegen.model import SiteConfig
from sitegen.plan.output import Output
from sitegen.plan.urls import Urls
from sitegen.publish.fences import trusted_manifest
from sitegen.write.filecache import FileCache


class IncrementalCache(NullCache):
    """One build's view of the persistent cache (see the module docstring for what it keeps).

    `output`: the previous output, whose unchanged pages may be kept; `page_keys`: their
    fingerprints when the caller kept them (the preview), else read from `.cache/`;
    `file_digests`: path -> SHA-256 of the content files when the caller hashed them already;
    `template_cache`: a jinja2 bytecode cache the caller keeps (else one on disk).
    """

    def __init__(self, source: Path, now: datetime, *, one_shot: bool = False, helper: Any = None,
                 output: Path | None = None, page_keys: dict[str, str] | None = None,
                 memory: dict[str, dict] | None = None, template_cache: Any = None,
                 file_digests: dict[str, str] | None = None):
        super().__init__(one_shot, helper)
        self.source, self.now, self.output = source, now, output
        self.previous_page_keys, self.memory = page_keys, memory
        self.file_digests = file_digests or {}
        self._templates = template_cache
        self.views = ViewDigests()
        self.fingerprint = Fingerprint(self.views)
        self.page_keys: dict[str, str] = {}       # what this build's pages were made of, for the next one
        self.window: tuple[str, str] | None = None   # span of "now" the output stays valid for
        self._derived: Derived | None = None
        self._markdown: dict[str, Rendered] = {}
        self._cached_keys: set[str] = set()
        self._used_texts: dict[str, Rendered] = {}
        self._bodies: Bodies | None = None
        self._jobs: dict[str, Job] = {}
        self._config: SiteConfig | None = None

    # ---- loading ---------------------------------------------------------------------------

    def load_articles(self, root: Path, config: SiteConfig, jobs: list[Job], workers: int | None) -> list[Loaded]:
        """Unchanged files from the entry cache, the others parsed in workers (their known bodies not rendered)."""
        self._config = config
        self._jobs = {rel(job[0], root): job for job in jobs}
        self._markdown, entries = self._stores()
        self._cached_keys = set(self._markdown)   # what the cache held before this build
        context = entry_cache.context_of(config, code_digest())
        results: list[Loaded | None] = []
        keys: list[str] = []
        for path, kind, section in jobs:
            try:
                content = self.file_digests.get(str(path)) or hashlib.sha256(path.read_bytes()).hexdigest()
                key = entry_cache.key_of(rel(path, root), kind, section, content, context)
            except OSError:
                key = ""
            keys.append(key)
            results.append(self._from_caches(entries.get(key), config, key))
        misses = [i for i, item in enumerate(results) if item is None]
        fresh = load_articles(root, config, [jobs[i] for i in misses], self._markdown, workers)
        records: dict[str, Any] = {}
        for i, item in zip(misses, fresh, strict=True):
            results[i] = replace(item, identity=keys[i])   # (the workers do not know it)
            if item.entry is not None and keys[i]:
                records[keys[i]] = entry_cache.to_json(item.entry, item.problems, item.key, config)
        records.update({key: entries[key] for key in keys if key and key not in records and key in entries})
        self._keep(store.ENTRIES, "entries", records, entries)
        return [item for item in results if item is not None]

    def _from_caches(self, record: dict[str, Any] | None, config: SiteConfig, identity: str) -> Loaded | None:
        """A file seen before, with its rendered body: no parsing, no Markdown."""
        if record is None:
            return None
        try:
            entry, problems, key = entry_cache.from_json(record, config)
        except (KeyError, TypeError, ValueError):
            return None
        rendered = self._markdown.get(key)
        return None if rendered is None else Loaded(entry, problems, rendered, key, False, identity)

    def _stores(self) -> tuple[dict[str, Rendered], dict[str, Any]]:
        """Rendered Markdown and parsed entries: the caller's copy in memory, else the cache on disk."""
        if self.memory and {"markdown", "entries"} <= self.memory.keys():
            return dict(self.memory["markdown"]), self.memory["entries"]
        return store.load(self.source), store.load_table(self.source, store.ENTRIES)

    def _keep(self, table: str, name: str, used: dict[str, Any], before: Mapping[str, Any]) -> None:
        """Write the rows this build used (and drop the others), and keep them in the caller's memory."""
        if used.keys() != before.keys():
            store.sync_table(self.source, table, used, set(used) - set(before))
        if self.memory is not None:
            self.memory[name] = used

    def render_texts(self, texts: Mapping[str, str], trusted: bool) -> dict[str, Rendered]:
        """Event descriptions: from the cache (their HTML read now), else rendered."""
        unread = [key for key in texts if key in self._markdown and self._markdown[key].html is None]
        found = store.read_bodies(self.source, unread) if unread else {}
        for key, text in texts.items():
            known = self._markdown.get(key)
            if known is None or known.html is None:
                self._markdown[key] = replace(known, html=found[key]) if known and key in found \
                    else rendered_with_words(text, trusted)
            self._used_texts[key] = self._markdown[key]
        return {key: self._markdown[key] for key in texts}

    def bodies(self, loaded: list[Loaded]) -> Bodies:
        """Bodies rendered now in memory; the others read from the cache only when a page shows them."""
        known = {item.entry.source_path: item.rendered.html for item in loaded
                 if item.entry and item.rendered and item.rendered.html is not None}
        keys = {item.entry.source_path: item.key for item in loaded
                if item.entry and item.rendered and item.rendered.html is None}
        self._bodies = Bodies(known, keys, lambda wanted: store.read_bodies(self.source, wanted), self._remake)
        return self._bodies

    def _remake(self, path: str) -> str:
        """A body the cache lost: rendered again from its file (its problems were reported already)."""
        file, kind, section = self._jobs[path]
        assert self._config is not None
        entry = load_entry(file, self.source, kind, section, self._config, Diagnostics())
        return rendered_with_words(entry.body, self._config.trust_html).html or "" if entry else ""

    def loaded(self, loaded: list[Loaded], rewritten: Mapping[str, str]) -> None:
        """Keep the Markdown this build used; note what each view is made of, for fingerprints."""
        used = {item.key: item.rendered for item in loaded if item.entry and item.rendered}
        used.update(self._used_texts)
        self._keep(store.MARKDOWN, "markdown", used, dict.fromkeys(self._cached_keys))
        for item in loaded:
            if item.entry is not None:
                self.views.contents[item.entry.source_path] = item.key
                if item.identity:
                    self.views.identities[item.entry.source_path] = item.identity
        words = {i.entry.source_path: i.rendered.words for i in loaded if i.entry and i.rendered} if rewritten else {}
        for path, html in rewritten.items():   # its links now depend on other entries' URLs too
            content = f"{html}\0{words.get(path, '')}"
            self.views.contents[path] = hashlib.blake2b(content.encode(), digest_size=16).hexdigest()
        super().loaded(loaded, rewritten)

    # ---- rendering -------------------------------------------------------------------------

    @property
    def memo(self) -> Derived:   # type: ignore[override]
        """Calendars, feeds and search indexes of earlier builds: in the caller's memory, else on disk."""
        if self._derived is None:
            rows = (dict(self.memory["derived"]) if self.memory is not None and "derived" in self.memory
                    else store.load_table(self.source, store.DERIVED))
            self._derived = Derived(rows, code_digest(), self.fingerprint)
        return self._derived

    def reusable_pages(self, outputs: list[Output], globals_: dict[str, Any]) -> dict[str, Any]:
        """Pages of the previous output whose fingerprint is unchanged (see reuse.py).

        Without an output to reuse, the fingerprints are still computed when the caller keeps
        them (the preview's first build), so that its next build can reuse pages.
        """
        if self.output is None and self.previous_page_keys is None:
            return {}
        site_wide = [code_digest(), template_digest(theme_folders(self.source, "templates")),
                     sorted((k, v) for k, v in globals_.items() if not callable(v) and not isinstance(v, Urls))]
        previous = (self.previous_page_keys if self.previous_page_keys is not None
                    else load_page_keys(self.source, self.output) if self.output is not None else {})
        self.page_keys, reused = unchanged_pages(outputs, site_wide, self.output, previous, self.fingerprint)
        return reused

    def read_all_bodies(self, pages: int) -> None:
        if pages > READ_ALL_ABOVE and self._bodies is not None:
            self._bodies.read_all()   # one query rather than one per page

    def template_cache(self) -> Any:
        """Compiled templates: the caller's, else on disk per generator version (jinja2 checks each
        against its source). Compiling the theme costs about a tenth of a second, which a one-file
        edit need not pay; the environment's settings are in the code, hence the code digest."""
        if self._templates is not None:
            return self._templates
        import jinja2

        folder = self.source / store.CACHE_DIR / "templates"
        version = code_digest()[:16]
        try:
            (folder / version).mkdir(parents=True, exist_ok=True)
            for other in folder.iterdir():
                if other.name != version:
                    shutil.rmtree(other, ignore_errors=True)
        except OSError:
            return None
        return jinja2.FileSystemBytecodeCache(str(folder / version))

    def finished(self, instants: list[Any]) -> None:
        """Keep the derived results this build used, and the span of "now" its output is valid for."""
        derived = self._derived
        if derived is not None:
            if derived.fresh or derived.used.keys() != derived.rows.keys():
                store.sync_table(self.source, store.DERIVED, derived.used, derived.fresh)
            if self.memory is not None:
                self.memory["derived"] = derived.used
        self.window = now_window(instants, self.now)

    def media_store(self) -> FileCache:
        """Photo variants and share cards: in the caller's memory, else in `.cache/media/`."""
        if self.memory is not None:
            return FileCache(None, self.memory.setdefault("media", {}))
        return FileCache(self.source / store.CACHE_DIR / "media")

    def previous_files(self) -> tuple[dict[str, str], Path | None]:
        """The previous output's files by SHA-256, so that identical images are kept, not written again: only
        those still exactly as the last build wrote them (the same rule, and survey, as the pages' reuse)."""
        return (trusted_manifest(self.output), self.output) if self.output is not None else ({}, None)
