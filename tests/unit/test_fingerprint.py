"""Fingerprints depend on values only: equal contexts built twice digest the same."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from sitegen.incremental.fingerprint import Fingerprint, Unfingerprintable


def context(shared: bool) -> dict:
    title = "Khởi nghiệp"
    other = title if shared else "".join(["Khởi", " nghiệp"])
    return {"a": [title, other], "when": datetime(2020, 2, 6, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))}


def test_identity_does_not_matter_values_do():
    assert Fingerprint().of(context(True)) == Fingerprint().of(context(False))
    assert Fingerprint().of({"a": [1, 2]}) != Fingerprint().of({"a": [2, 1]})


def test_functions_are_not_fingerprinted():
    with pytest.raises(Unfingerprintable):
        Fingerprint().of({"f": lambda: 1})
