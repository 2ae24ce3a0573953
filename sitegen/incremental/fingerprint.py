"""Stable digests of page contexts, so a rebuild renders only pages whose inputs changed.

A page's bytes are a function of its template, the site-wide template globals and its
context. The context is pickled (C-fast, and by value: strings, dates, containers,
dataclasses and plain objects, without pickle's memo so that object identity never matters)
and the bytes hashed. Contexts are built in a fixed
order and hold no hash-ordered sets, so the same inputs give the same digest in every
process. Anything that cannot be pickled raises `Unfingerprintable`; that page is rendered.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import pickle
from collections.abc import Callable
from typing import Any

from sitegen.plan.views import EntryView


class Unfingerprintable(TypeError):
    """A value with no stable by-value digest (a function, an open file...)."""


class Fingerprint:
    """Digests values by their pickled bytes; `views` digests article views (see `ViewDigests`)."""

    def __init__(self, views: Callable[[Any], str] | None = None):
        self.table = dict(copyreg.dispatch_table)
        if views is not None:
            self.table[EntryView] = lambda view: (str, (views(view),))   # a view pickles as its digest

    def of(self, value: Any) -> str:
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=5)
        pickler.dispatch_table = self.table
        pickler.fast = True   # no memo: equal values give equal bytes whether or not they are the same object
        try:
            pickler.dump(value)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError) as exc:
            raise Unfingerprintable(str(exc)) from exc
        return hashlib.blake2b(buffer.getbuffer(), digest_size=16).hexdigest()


class ViewDigests:
    """Each article view by one digest of what it is made of, computed once per view and build.

    A view is listed on many pages (its own, its section's, each of its tags', the home page);
    fingerprinting pickles its digest wherever it appears, which keeps fingerprinting a large
    site cheap. The digest follows from the entry's identity (the file, its place, site.toml
    and the generator), its body (`contents`: the Markdown cache key, or a digest of a body
    whose links were rewritten) and "now" (through `future`); a view without those is
    digested by its whole state.
    """

    def __init__(self) -> None:
        self.contents: dict[str, str] = {}     # source path -> identity of its body HTML and words
        self.identities: dict[str, str] = {}   # source path -> what the entry was parsed from
        self._done: dict[int, str] = {}        # id(view) -> digest (views live as long as the build)

    def __call__(self, view: Any) -> str:
        found = self._done.get(id(view))
        if found is None:
            found = self._done[id(view)] = self._digest(view)
        return found

    def _digest(self, view: Any) -> str:
        path = view.entry.source_path
        identity, content = self.identities.get(path), self.contents.get(path)
        if identity and content:
            return hashlib.blake2b(f"{identity}\0{content}\0{view.future}".encode(), digest_size=16).hexdigest()
        state = {name: value for name, value in vars(view).items() if name != "_bodies"}
        for name, text in (("body", view.body), ("words", view.words)):
            state[name] = content or hashlib.blake2b((text or "").encode(), digest_size=16).hexdigest()
        return Fingerprint().of(sorted(state.items()))
