"""Parsed articles kept between builds, keyed by the file's bytes and everything that shapes parsing."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any

from sitegen.diagnostics import Diagnostic
from sitegen.model import Document, Entry, SiteConfig

_DATE_FIELDS = ("date", "updated")


def key_of(relative: str, kind: str, section: str | None, content: str, context: str) -> str:
    """Same file (`content`: the SHA-256 of its bytes), same place, configuration and generator: same entry."""
    return hashlib.sha256(f"{context}\0{relative}\0{kind}\0{section}\0{content}".encode()).hexdigest()


def context_of(config: SiteConfig, code_digest: str) -> str:
    """Digest of what parsing depends on besides the file: site.toml and the generator's code."""
    return hashlib.sha256(f"{code_digest}\0{config!r}".encode()).hexdigest()


def _when_to_json(value: datetime | None, config: SiteConfig) -> list[Any] | None:
    if value is None:
        return None
    if value.tzinfo is config.tz:   # keep the zone itself, not only its offset
        return ["zone", value.replace(tzinfo=None).isoformat()]
    return ["fixed", value.isoformat()]


def _when_from_json(value: list[Any] | None, config: SiteConfig) -> datetime | None:
    if value is None:
        return None
    kind, text = value
    parsed = datetime.fromisoformat(text)
    return parsed.replace(tzinfo=config.tz) if kind == "zone" else parsed


def to_json(entry: Entry, problems: tuple[Diagnostic, ...], markdown_key: str, config: SiteConfig) -> dict[str, Any]:
    data = {name: getattr(entry, name) for name in entry.__dataclass_fields__}
    for name in _DATE_FIELDS:
        data[name] = _when_to_json(data[name], config)
    if entry.document:
        doc = entry.document
        data["document"] = {"number": doc.number, "issuer": doc.issuer, "file": doc.file,
                            "form": doc.form, "url": doc.url, "status": doc.status,
                            "issued": doc.issued.isoformat() if doc.issued else None,
                            "effective": doc.effective.isoformat() if doc.effective else None}
    data["tags"], data["authors"] = list(entry.tags), list(entry.authors)
    return {"entry": data, "problems": [p.to_data() for p in problems],
            "markdown": markdown_key}


def from_json(record: dict[str, Any], config: SiteConfig) -> tuple[Entry, tuple[Diagnostic, ...], str]:
    """The entry, its warnings, and the key of its rendered body in the Markdown cache."""
    data = dict(record["entry"])
    for name in _DATE_FIELDS:
        data[name] = _when_from_json(data[name], config)
    if data["document"]:
        doc = data["document"]
        data["document"] = Document(number=doc["number"], issuer=doc["issuer"], file=doc["file"],
                                    form=doc["form"], url=doc["url"], status=doc["status"],
                                    issued=date.fromisoformat(doc["issued"]) if doc["issued"] else None,
                                    effective=date.fromisoformat(doc["effective"]) if doc["effective"] else None)
    data["tags"], data["authors"] = tuple(data["tags"]), tuple(data["authors"])
    problems = tuple(Diagnostic.from_data(p) for p in record["problems"])
    return Entry(**data), problems, record["markdown"]
