"""The seam between the recipe and whatever remembers work between builds.

The recipe (sitegen/recipe.py) calls the hooks of one `BuildCache` object and nothing else of
a cache; the serialisers receive its `memo` for their slow, pure results (calendars, feeds,
search indexes). `NullCache` remembers nothing: `check` and `--no-cache` pass it, and its
output is the one every cache must reproduce byte for byte. The caching implementation,
`sitegen.incremental.build_cache.IncrementalCache`, wraps the same stages from outside: no
stage imports it.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol, TypeVar

from sitegen.load.markdown import Rendered
from sitegen.load.reading import Job, Loaded, load_articles, rendered_with_words
from sitegen.model import SiteConfig
from sitegen.plan.output import Output
from sitegen.write.filecache import FileCache

T = TypeVar("T")


class Memo(Protocol):
    """Results of slow, pure steps by kind and a fingerprint of their inputs."""

    def key(self, kind: str, inputs: Any) -> str | None: ...

    def has(self, key: str | None) -> bool: ...

    def get(self, kind: str, inputs: Any, make: Callable[[], T], encode: Callable[[T], Any],
            decode: Callable[[Any], T]) -> T: ...

    def get_by_key(self, key: str | None, make: Callable[[], T], encode: Callable[[T], Any],
                   decode: Callable[[Any], T]) -> T: ...


class NoMemo:
    """A memo that remembers nothing: every result is made."""

    def key(self, kind: str, inputs: Any) -> str | None:
        return None

    def has(self, key: str | None) -> bool:
        return False

    def get(self, kind: str, inputs: Any, make: Callable[[], T], encode: Callable[[T], Any],
            decode: Callable[[Any], T]) -> T:
        return make()

    def get_by_key(self, key: str | None, make: Callable[[], T], encode: Callable[[T], Any],
                   decode: Callable[[Any], T]) -> T:
        return make()


class BuildCache(Protocol):
    """The hooks the recipe calls, in this order; `NullCache` is their reference implementation."""

    memo: Memo
    helper: Any

    def load_articles(self, root: Path, config: SiteConfig, jobs: list[Job], workers: int | None) -> list[Loaded]: ...

    def bodies(self, loaded: list[Loaded]) -> Any: ...

    def render_texts(self, texts: Mapping[str, str], trusted: bool) -> dict[str, Rendered]: ...

    def loaded(self, loaded: list[Loaded], rewritten: Mapping[str, str]) -> None: ...

    def template_cache(self) -> Any: ...

    def reusable_pages(self, outputs: list[Output], globals_: dict[str, Any]) -> dict[str, Any]: ...

    def read_all_bodies(self, pages: int) -> None: ...

    def finished(self, instants: list[Any]) -> None: ...

    def media_store(self) -> FileCache: ...

    def previous_files(self) -> tuple[dict[str, str], Path | None]: ...


class NullCache:
    """The build without memory: every article parsed and rendered, every page rendered, nothing written.

    `one_shot`: the process ends with this build (the command line), so what was loaded can
    be frozen out of the cyclic collector, which would only walk it again and again.
    `helper`: an executor for the search index (the preview's process; it must not fork).
    """

    memo: Memo = NoMemo()

    def __init__(self, one_shot: bool = False, helper: Any = None):
        self.one_shot = one_shot
        self.helper = helper

    def load_articles(self, root: Path, config: SiteConfig, jobs: list[Job], workers: int | None) -> list[Loaded]:
        """Every article file parsed, checked and rendered (in workers)."""
        return load_articles(root, config, jobs, {}, workers)

    def render_texts(self, texts: Mapping[str, str], trusted: bool) -> dict[str, Rendered]:
        """Short Markdown texts (event descriptions) by their Markdown key, rendered."""
        return {key: rendered_with_words(text, trusted) for key, text in texts.items()}

    def bodies(self, loaded: list[Loaded]) -> dict[str, str]:
        """Body HTML by source path (a cache may give a mapping that reads bodies when shown)."""
        return {item.entry.source_path: item.rendered.html or "" for item in loaded if item.entry and item.rendered}

    def loaded(self, loaded: list[Loaded], rewritten: Mapping[str, str]) -> None:
        """Loading succeeded; `rewritten`: the bodies whose links now point at other entries' URLs."""
        if self.one_shot:
            gc.freeze()

    def reusable_pages(self, outputs: list[Output], globals_: dict[str, Any]) -> dict[str, Any]:
        """Output file path -> a `publish.Reused` for pages the output folder already holds as they would be."""
        return {}

    def template_cache(self) -> Any:
        """A jinja2 bytecode cache for compiled templates, or None."""
        return None

    def read_all_bodies(self, pages: int) -> None:
        """`pages` are about to be rendered: a cache may read their bodies at once."""

    def finished(self, instants: list[Any]) -> None:
        """The build succeeded; `instants`: every date its output compares with "now"."""

    def media_store(self) -> FileCache:
        """Where photo variants and share cards are kept between builds: nowhere (made every time)."""
        return FileCache()

    def previous_files(self) -> tuple[dict[str, str], Path | None]:
        """(output path -> SHA-256, folder) of an output whose identical files may be kept: none."""
        return {}, None
