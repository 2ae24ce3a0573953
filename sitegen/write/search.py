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
from dataclasses import dataclass, field
from itertools import groupby, pairwise
from typing import TYPE_CHECKING

from sitegen.plan.events import EventView, classify
from sitegen.plan.views import plain_text
from sitegen.text import fold

if TYPE_CHECKING:
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
    docs.extend(event_documents(planner, lang))
    return docs


def event_documents(planner: Planner, lang: str) -> list[Document]:
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
