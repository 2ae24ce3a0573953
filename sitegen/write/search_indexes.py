"""Building the search indexes of one build: beside the pages when a second core or a helper is free.

The indexes are the one large step that needs every document but no page: they are started
before the pages are rendered (in `helper`, a process the preview keeps, since a server with
threads must not fork; else in a forked child) and collected after them. Each language's
index is remembered by `memo` by its documents, so an edit in one language leaves the
other's as it was. The outcome never depends on the helper: a failed one is done here.
"""

from __future__ import annotations

from concurrent.futures import Executor, Future
from typing import TYPE_CHECKING, Any

from sitegen.parallel import Forked
from sitegen.plan.output import Output
from sitegen.write.search import FORMAT, Document, Index, build_index, documents, event_documents

if TYPE_CHECKING:
    from sitegen.memo import Memo
    from sitegen.plan.pages import Planner


def build_indexes(docs: dict[str, list[Document]]) -> dict[str, Index]:
    """Each language's index (what a helper process runs)."""
    return {lang: build_index(language_docs, lang) for lang, language_docs in docs.items()}


class SearchIndexes:
    """The indexes of one build: `start()` them, then take each language's `outputs()`; `stop()` on failure."""

    def __init__(self, planner: Planner, memo: Memo, background: bool, helper: Executor | None = None):
        self.planner, self.memo = planner, memo
        self.background, self.helper = background, helper
        self.keys: dict[str, str | None] = {}
        self.job: Forked | _Submitted | None = None
        self.made: dict[str, Index] = {}    # by the job, collected once
        self.built: dict[str, Index] = {}   # per language, as published

    def start(self) -> None:
        """Find which languages' indexes the memo lacks and build those beside the pages.

        One child for all of them, one after the other: each child's copy-on-write pages count
        against the build's memory, and the second core is the only one free anyway.
        """
        planner = self.planner
        self.keys = {lang: self._key(lang) for lang in planner.langs}
        missing = [lang for lang, key in self.keys.items() if not self.memo.has(key)]
        if missing and self.helper is not None:
            self.job = _Submitted(self.helper, {lang: documents(planner, lang) for lang in missing})
        elif missing and self.background:
            self.job = Forked(lambda: build_indexes({lang: documents(planner, lang) for lang in missing}))

    def stop(self) -> None:
        """Stop a job whose indexes were not collected (the build failed)."""
        if self.job is not None:
            self.job.cancel()
            self.job = None

    def _key(self, lang: str) -> str | None:
        """An index's memo key: its documents follow from the views and from the events' documents."""
        planner = self.planner
        views = planner.articles[lang] + planner.pages[lang]
        return self.memo.key("search", (FORMAT, lang, views, event_documents(planner, lang)))

    def index(self, lang: str) -> Index:
        """The index of one language, made once per build (the manifest and the shards share it)."""
        if lang not in self.built:
            key = self.keys[lang] if lang in self.keys else self._key(lang)

            def make() -> Index:   # from the job, else (no job, or a damaged cache row) here
                if self.job is not None:
                    self.made, self.job = self.job.result(), None
                made = self.made.pop(lang, None)
                return made if made is not None else build_index(documents(self.planner, lang), lang)
            self.built[lang] = self.memo.get_by_key(key, make, encode=_encode_index, decode=_decode_index)
        return self.built[lang]

    def outputs(self, lang: str) -> list[Output]:
        """The manifest at `urls.search_index(lang)`, then word shards and document chunks beside it."""
        index = self.index(lang)
        manifest_path = self.planner.urls.search_index(lang)
        base = manifest_path.rsplit("/", 1)[0] + "/" + index.folder
        return [Output(manifest_path, "content/", data=index.manifest),
                *(Output(base + name, "content/", data=data) for name, data in sorted(index.files.items()))]


class _Submitted:
    """Indexes being built in a helper process; `result()` builds them here if the helper failed."""

    def __init__(self, helper: Executor, docs: dict[str, list[Document]]):
        self.docs = docs
        try:
            self.future: Future | None = helper.submit(build_indexes, docs)
        except RuntimeError:   # a helper shut down or broken: build here when asked
            self.future = None

    def result(self) -> dict[str, Index]:
        if self.future is not None:
            try:
                return self.future.result()
            except Exception:   # the helper died (BrokenProcessPool) or failed: the same work, here
                pass
        return build_indexes(self.docs)

    def cancel(self) -> None:
        if self.future is not None:
            self.future.cancel()


def _encode_index(index: Index) -> dict[str, object]:
    return {"manifest": index.manifest.decode(), "folder": index.folder,
            "files": {name: data.decode() for name, data in index.files.items()}}


def _decode_index(row: dict[str, Any]) -> Index:
    return Index(manifest=row["manifest"].encode(), folder=row["folder"],
                 files={name: text.encode() for name, text in row["files"].items()})
