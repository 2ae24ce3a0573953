"""Per-language search index for a static host: folded words (tone marks dropped, đ -> d), sharded.

The browser loads a small manifest (`urls.search_index(lang)`), then only the word shards its query
needs (words are grouped by their first two folded letters) and the document chunks of the results
it shows. Every file but the manifest is named after a hash of its own content (listed in the
manifest), so hosts may cache those forever, and an edit changes only the few files it touches:
a rebuild writes, and a deploy uploads, those alone. Document ids are the order of `documents()`:
newest articles first.

Word shard `index/w-<key>.<hash>.json`: {"word": "postings"} or {"word": ["postings", "title
postings"]}, where postings are ascending document ids written as base-36 gaps joined by ",", and a
run of n further consecutive ids as "+n" (base 36). Document chunk `index/d-<n>.<hash>.json`:
[[title, href, date text, ISO date, snippet], ...] for ids n*CHUNK ... n*CHUNK+CHUNK-1. Manifest:
{"format", "lang", "count", "chunk", "key", "folder": "index/", "shards": "<key>.<hash> ...",
"chunks": "<hash of chunk 0> <hash of chunk 1> ..."}.
"""

from __future__ import annotations

import hashlib
import json
import re
import weakref
from dataclasses import dataclass, field
from itertools import groupby, pairwise
from typing import TYPE_CHECKING, Any

from sitegen.parallel import Forked
from sitegen.plan.output import Output
from sitegen.plan.views import plain_text
from sitegen.text import fold

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

    from sitegen.plan.pages import Planner

FORMAT = 3
CHUNK = 10           # documents per chunk file: a page of results needs at most this many files
FOLDER = "index/"    # beside the manifest
KEY_LETTERS = 2      # words are sharded by this many leading folded letters
_WORD = re.compile(r"[a-z0-9]+")
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Document:
    """One searchable page: what a result shows, and the text it is found by."""

    title: str
    href: str
    date_text: str
    date_iso: str
    snippet: str
    text: str         # what the document is found by, as written
    words: str = ""   # more of it, already folded (an article body's words, folded once when it was loaded)


@dataclass
class Index:
    """The built index of one language: file name (with its content hash) -> bytes, in `folder`."""

    manifest: bytes
    folder: str
    files: dict[str, bytes] = field(default_factory=dict)


def folded_words(text: str) -> list[str]:
    """Folded words in reading order: what queries are matched against."""
    return _WORD.findall(fold(text))


def shard_key(word: str) -> str:
    return word[:KEY_LETTERS]


def base36(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = _DIGITS[rest] + digits
        if not number:
            return digits


_SMALL = [base36(n) for n in range(36 * 36)]


def _base36(number: int) -> str:
    return _SMALL[number] if number < len(_SMALL) else base36(number)


def encode_postings(ids: list[int]) -> str:
    """Ascending ids as base-36 gaps; "+n" stands for n more ids, each one after the previous.

    Gaps are grouped with `groupby` (C speed): a common word's list is thousands of ids long,
    mostly runs, and every rebuild of an index encodes every list.
    """
    if not ids:
        return ""
    parts = [_base36(ids[0] + 1)]
    for is_run, group in groupby([b - a for a, b in pairwise(ids)], (1).__eq__):
        if is_run:
            parts[-1] += "+" + _base36(len(list(group)))
        else:
            parts.extend(_base36(gap) for gap in group)
    return ",".join(parts)


def decode_postings(text: str) -> list[int]:
    """Inverse of `encode_postings` (the browser does the same in search.js)."""
    ids: list[int] = []
    previous = -1
    for part in text.split(","):
        gap, _, run = part.partition("+")
        previous += int(gap, 36)
        ids.append(previous)
        for _ in range(int(run, 36) if run else 0):
            previous += 1
            ids.append(previous)
    return ids


def documents(planner: Planner, lang: str) -> list[Document]:
    """Articles (newest first), standalone pages, then events, as shown in `lang`."""
    docs = []
    for view in planner.articles[lang] + planner.pages[lang]:
        extra = [view.entry.document.number, view.entry.document.issuer] if view.entry.document else []
        text = " ".join([view.title, view.summary, *view.entry.tags, *extra])
        words = view.words if view.words is not None else " ".join(folded_words(plain_text(view.body)))
        docs.append(Document(view.title, view.href, view.date_text(), view.date_iso, view.summary, text, words))
    docs.extend(_event_documents(planner, lang))
    return docs


def _event_documents(planner: Planner, lang: str) -> list[Document]:
    from sitegen.plan.events import EventView, classify

    calendars = {c.key: c for c in planner.site.calendars}
    groups = classify([e for c in planner.site.calendars for e in c.events], planner)
    docs = []
    for event in groups["now"] + groups["upcoming"] + groups["past"]:
        view = EventView(event, lang, planner, calendars)
        description = plain_text(view.description)
        snippet = description if len(description) <= 240 else description[:240].rsplit(" ", 1)[0] + "…"
        text = " ".join([view.title, view.location, *view.tags, view.calendar_title, description])
        docs.append(Document(view.title, view.href, view.when, view.start_iso, snippet, text))
    return docs


def build_index(docs: list[Document], lang: str) -> Index:
    """Word shards, document chunks and the manifest that names them."""
    body: dict[str, list[int]] = {}
    title: dict[str, list[int]] = {}
    for number, doc in enumerate(docs):
        for word in {*folded_words(doc.text + " " + doc.title), *doc.words.split()}:
            body.setdefault(word, []).append(number)
        for word in set(folded_words(doc.title)):
            title.setdefault(word, []).append(number)
    shards: dict[str, dict[str, object]] = {}
    for word in sorted(body):
        postings = encode_postings(body[word])
        entry: object = [postings, encode_postings(title[word])] if word in title else postings
        shards.setdefault(shard_key(word), {})[word] = entry
    files: dict[str, bytes] = {}
    shard_names = []
    for key in sorted(shards):
        data = _json(shards[key])
        files[f"w-{key}.{_hash(data)}.json"] = data
        shard_names.append(f"{key}.{_hash(data)}")
    chunk_hashes = []
    for start in range(0, len(docs), CHUNK):
        data = _json([[d.title, d.href, d.date_text, d.date_iso, d.snippet] for d in docs[start:start + CHUNK]])
        files[f"d-{start // CHUNK}.{_hash(data)}.json"] = data
        chunk_hashes.append(_hash(data))
    manifest = {"format": FORMAT, "lang": lang, "count": len(docs), "chunk": CHUNK, "key": KEY_LETTERS,
                "folder": FOLDER, "shards": " ".join(shard_names), "chunks": " ".join(chunk_hashes)}
    return Index(manifest=_json(manifest), folder=FOLDER, files=files)


def _hash(data: bytes) -> str:
    """The content hash in a file name: the same length as the stylesheet's and script's."""
    return hashlib.sha256(data).hexdigest()[:10]


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass
class _Indexes:
    """One build's indexes: their cache keys, the job building the missing ones, what is done."""

    keys: dict[str, str | None] = field(default_factory=dict)
    job: Forked | _Submitted | None = None
    made: dict[str, Index] = field(default_factory=dict)    # by the job, collected once
    built: dict[str, Index] = field(default_factory=dict)   # per language, as published


_BUILDS: weakref.WeakKeyDictionary[Planner, _Indexes] = weakref.WeakKeyDictionary()


def start_indexes(planner: Planner, background: bool, helper: Executor | None = None) -> None:
    """Find which languages' indexes no earlier build left in the cache, and build those beside
    the pages while this process plans and fingerprints them: in `helper` (a process the preview
    keeps: a server with threads must not fork), else with `background` in a forked child.

    One child for all of them, one after the other: each child's copy-on-write pages count
    against the build's memory, and the second core is the only one free anyway.
    """
    state = _BUILDS.setdefault(planner, _Indexes())
    state.keys = {lang: _index_key(planner, lang) for lang in planner.langs}
    missing = [lang for lang, key in state.keys.items() if not planner.derived.has(key)]
    if missing and helper is not None:
        state.job = _Submitted(helper, {lang: documents(planner, lang) for lang in missing})
    elif missing and background:
        state.job = Forked(lambda: build_indexes({lang: documents(planner, lang) for lang in missing}))


def build_indexes(docs: dict[str, list[Document]]) -> dict[str, Index]:
    """Each language's index (what a helper process runs)."""
    return {lang: build_index(language_docs, lang) for lang, language_docs in docs.items()}


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


def _index_key(planner: Planner, lang: str) -> str | None:
    """The cache key of an index: its documents follow from the views (which digest themselves
    cheaply, see views.EntryView) and from the events' documents."""
    views = planner.articles[lang] + planner.pages[lang]
    return planner.derived.key("search", (FORMAT, lang, views, _event_documents(planner, lang)))


def stop_indexes(planner: Planner) -> None:
    """Stop the children of `start_indexes` whose indexes were not collected (the build failed)."""
    state = _BUILDS.get(planner)
    if state is not None and state.job is not None:
        state.job.cancel()
        state.job = None


def index_for(planner: Planner, lang: str) -> Index:
    """The index of one language, built once per planner (the manifest and the shards share it).

    Remembered between builds by its documents: an edit in one language leaves the other's as it was.
    """
    state = _BUILDS.setdefault(planner, _Indexes())
    if lang not in state.built:
        key = state.keys[lang] if lang in state.keys else _index_key(planner, lang)

        def make() -> Index:   # from the job, else (no job, or a damaged cache row) here
            if state.job is not None:
                state.made, state.job = state.job.result(), None
            made = state.made.pop(lang, None)
            return made if made is not None else build_index(documents(planner, lang), lang)
        state.built[lang] = planner.derived.get_by_key(key, make, encode=_encode_index, decode=_decode_index)
    return state.built[lang]


def _encode_index(index: Index) -> dict[str, object]:
    return {"manifest": index.manifest.decode(), "folder": index.folder,
            "files": {name: data.decode() for name, data in index.files.items()}}


def _decode_index(row: dict[str, Any]) -> Index:
    return Index(manifest=row["manifest"].encode(), folder=row["folder"],
                 files={name: text.encode() for name, text in row["files"].items()})


def search_index(planner: Planner, lang: str) -> Output:
    """The manifest, at `urls.search_index(lang)`."""
    return Output(planner.urls.search_index(lang), "content/", data=index_for(planner, lang).manifest)


def search_files(planner: Planner, lang: str) -> list[Output]:
    """Word shards and document chunks, in a folder beside the manifest."""
    index = index_for(planner, lang)
    base = planner.urls.search_index(lang).rsplit("/", 1)[0] + "/" + index.folder
    return [Output(base + name, "content/", data=data) for name, data in sorted(index.files.items())]
