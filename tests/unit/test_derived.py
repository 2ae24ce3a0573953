"""Derived results are remembered by their inputs, and a row of the wrong shape is recomputed."""

from __future__ import annotations

from sitegen.incremental.derived import Derived, no_memo


def make_counter():
    calls = []

    def make() -> bytes:
        calls.append(1)
        return b"BEGIN:VCALENDAR"
    return make, calls


def encode(data: bytes) -> str:
    return data.decode()


def decode(text: str) -> bytes:
    return text.encode()


def test_equal_inputs_are_made_once_and_kept_for_the_next_build():
    make, calls = make_counter()
    first = Derived({}, "v1")
    assert first.get("ics", ("a", 1), make, encode, decode) == b"BEGIN:VCALENDAR"
    assert first.get("ics", ("a", 1), make, encode, decode) == b"BEGIN:VCALENDAR"
    assert len(calls) == 1 and len(first.fresh) == 1
    second = Derived(dict(first.used), "v1")
    assert second.get("ics", ("a", 1), make, encode, decode) == b"BEGIN:VCALENDAR"
    assert len(calls) == 1 and not second.fresh and second.used == first.used


def test_other_inputs_or_another_generator_version_are_made_again():
    make, calls = make_counter()
    first = Derived({}, "v1")
    first.get("ics", ("a", 1), make, encode, decode)
    Derived(dict(first.used), "v1").get("ics", ("a", 2), make, encode, decode)
    Derived(dict(first.used), "v2").get("ics", ("a", 1), make, encode, decode)
    assert len(calls) == 3


def test_a_row_that_does_not_decode_is_recomputed():
    make, calls = make_counter()
    first = Derived({}, "v1")
    first.get("ics", "x", make, encode, decode)
    broken = {key: 42 for key in first.used}   # not text: decode raises AttributeError
    again = Derived(broken, "v1")
    assert again.get("ics", "x", make, encode, decode) == b"BEGIN:VCALENDAR"
    assert len(calls) == 2 and again.fresh


def test_unfingerprintable_inputs_are_made_every_time():
    make, calls = make_counter()
    store = no_memo()
    store.get("ics", lambda: 0, make, encode, decode)
    store.get("ics", lambda: 0, make, encode, decode)
    assert len(calls) == 2 and not store.used
