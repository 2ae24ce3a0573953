"""The upload plan, pure: what to send and in which order, what to delete, and the guard on deletions.

Readers never see a half site: the files pages use go up first (content-hashed ones, then the
rest: images, calendars, the search manifest), then the pages, then what announces pages
(sitemap, feeds, robots.txt); deletions come last, pages before the files they used.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

PHASES = ("hashed files", "other files", "pages", "sitemap and feeds")
_HASHED = re.compile(r"\.[0-9a-f]{10}\.[A-Za-z0-9]+$")
_HASH_PART = re.compile(r"\.[0-9a-f]{10}(?=\.[A-Za-z0-9]+$)")
_LAST = ("sitemap.xml", "robots.txt")


def is_hidden(path: str) -> bool:
    """Dot files and folders (the build's marker, the host's .htaccess, .well-known) are never sent nor deleted."""
    return any(part.startswith(".") for part in path.split("/"))


def phase_of(path: str) -> int:
    """0: content-hashed files; 1: other files pages use; 2: pages; 3: sitemap, feeds, robots.txt."""
    name = path.rsplit("/", 1)[-1]
    if name.endswith(".xml") or name in _LAST:
        return 3
    if name.endswith(".html"):
        return 2
    return 0 if _HASHED.search(name) else 1


@dataclass(frozen=True)
class Plan:
    """What a deploy does: uploads per phase (in order), deletions (in order), and how many files stay."""

    uploads: tuple[tuple[str, ...], ...]
    deletes: tuple[str, ...]
    unchanged: int

    @property
    def upload_count(self) -> int:
        return sum(len(phase) for phase in self.uploads)

    @property
    def ordered_uploads(self) -> list[str]:
        return [path for phase in self.uploads for path in phase]

    @property
    def is_empty(self) -> bool:
        return not self.upload_count and not self.deletes


def make_plan(local: Mapping[str, str], remote: Mapping[str, str | None]) -> Plan:
    """Compare by content: `local` and `remote` map paths to a hash of the same kind (None: unknown, so sent)."""
    sent = [path for path in local if not is_hidden(path) and remote.get(path) != local[path]]
    phases: list[list[str]] = [[] for _ in PHASES]
    for path in sorted(sent):
        phases[phase_of(path)].append(path)
    gone = [path for path in remote if path not in local and not is_hidden(path)]
    deletes = sorted(gone, key=lambda path: (-phase_of(path), path))
    unchanged = sum(1 for path in local if not is_hidden(path)) - len(sent)
    return Plan(uploads=tuple(tuple(phase) for phase in phases), deletes=tuple(deletes), unchanged=unchanged)


class TooManyDeletes(Exception):
    """The plan would delete more files than the target allows: nothing is changed."""

    def __init__(self, count: int, limit: int):
        super().__init__(f"{count} deletions > max_deletes {limit}")
        self.count, self.limit = count, limit


def guarded_deletes(plan: Plan) -> list[str]:
    """The deletions the guard counts: all but content-hashed files replaced by a new version of the same name.

    An edit renames the hashed files it changes (`w-ko.1a2b3c4d5e.json` becomes `w-ko.6f7a8b9c0d.json`);
    on a large site one removed article renames hundreds of search shards, which is no loss.
    """
    sent = {_unhashed(path) for path in plan.ordered_uploads if _HASHED.search(path)}
    return [path for path in plan.deletes if not (_HASHED.search(path) and _unhashed(path) in sent)]


def _unhashed(path: str) -> str:
    return _HASH_PART.sub("", path)


def check_deletes(plan: Plan, limit: int) -> None:
    """Refuse, before anything is sent, a plan that deletes more than `limit` files (Hugo's maxDeletes)."""
    count = len(guarded_deletes(plan))
    if count > limit:
        raise TooManyDeletes(count, limit)
