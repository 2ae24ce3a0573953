"""Body HTML by source path, read from the cache only when a page being rendered shows it.

A rebuild after a one-file edit renders a handful of pages, yet every entry has a body:
at 2,000 article pairs that is 27 MB of HTML which planning, summaries and fingerprints do
not need (they use the lead paragraph, the words and the Markdown cache key). A body the
cache cannot give back (a damaged row) is rendered again from its file, never left empty.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

# Rendering more pages than this reads every missing body at once, in one query.
READ_ALL_ABOVE = 50


class Bodies(Mapping[str, str]):
    """path -> HTML: `known` in memory, the others read by their cache keys when asked."""

    def __init__(self, known: dict[str, str], keys: dict[str, str],
                 read: Callable[[list[str]], dict[str, str]], remake: Callable[[str], str]):
        self._known = known      # source path (or "event:<id>:<lang>") -> HTML
        self._keys = keys        # source path -> Markdown cache key, for bodies not read yet
        self._read = read        # cache keys -> HTML of those the cache has intact
        self._remake = remake    # source path -> HTML rendered again from the file

    def __getitem__(self, path: str) -> str:
        html = self._known.get(path)
        if html is None:
            if path not in self._keys:
                raise KeyError(path)
            self.read([path])
            html = self._known[path]
        return html

    def read(self, paths: list[str]) -> None:
        """Bring these bodies into memory with one query (and render again what the cache lost)."""
        wanted = {path: self._keys[path] for path in paths if path not in self._known and path in self._keys}
        found = self._read(sorted(set(wanted.values()))) if wanted else {}
        for path, key in wanted.items():
            html = found.get(key)
            self._known[path] = html if html is not None else self._remake(path)
            del self._keys[path]

    def update(self, bodies: Mapping[str, str]) -> None:
        """Set bodies made in memory (event descriptions, bodies whose links were rewritten)."""
        for path, html in bodies.items():
            self._known[path] = html
            self._keys.pop(path, None)

    def read_all(self) -> None:
        self.read(list(self._keys))

    def __iter__(self) -> Iterator[str]:
        yield from self._known
        yield from (path for path in self._keys if path not in self._known)

    def __len__(self) -> int:
        return len(self._known) + sum(1 for path in self._keys if path not in self._known)
