"""Stable digests of page contexts, so a rebuild renders only pages whose inputs changed.

A page's bytes are a function of its template, the site-wide template globals and its
context. The context is pickled (C-fast, and by value: strings, dates, containers,
dataclasses and plain objects, without pickle's memo so that object identity never matters)
and the bytes hashed. Contexts are built in a fixed
order and hold no hash-ordered sets, so the same inputs give the same digest in every
process. Anything that cannot be pickled raises `Unfingerprintable`; that page is rendered.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from typing import Any


class Unfingerprintable(TypeError):
    """A value with no stable by-value digest (a function, an open file...)."""


class Fingerprint:
    """Digests values by their pickled bytes."""

    def of(self, value: Any) -> str:
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=5)
        pickler.fast = True   # no memo: equal values give equal bytes whether or not they are the same object
        try:
            pickler.dump(value)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError) as exc:
            raise Unfingerprintable(str(exc)) from exc
        return hashlib.blake2b(buffer.getbuffer(), digest_size=16).hexdigest()
