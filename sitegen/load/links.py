"""Links written by editors: `.md` source paths become page URLs, `/x` gets the base path."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote

from sitegen.diagnostics import Diagnostics
from sitegen.messages import Msg, Text
from sitegen.model import Entry
from sitegen.plan.urls import Urls

_ATTR = re.compile(r'\b(href|src)="([^"]*)"')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def needs_rewrite(html: str) -> bool:
    """Does any href/src hold a local link (relative, root-relative or .md)? str.find, not a regex scan."""
    for attribute in ('href="', 'src="'):
        start = html.find(attribute)
        while start != -1:
            value = html[start + len(attribute):start + len(attribute) + 40]
            if not (value.startswith(("#", "//")) or _SCHEME.match(value)):
                return True
            start = html.find(attribute, start + 1)
    return False


class ContentLinks:
    """Rewrites the links of rendered bodies, given every entry of the site."""

    def __init__(self, entries: list[Entry], urls: Urls, static_files: set[str] | None, diags: Diagnostics,
                 root: Path, broken: frozenset[str] = frozenset(), loaded: Sequence[Entry] = ()):
        """`static_files`: the names in static/, to check `/x` links against (None: not checked);
        `broken`: files that have errors, so that a link to one is not reported (the file is);
        `loaded`: every entry loaded, drafts and scheduled ones too, so that a link to one says so."""
        self.broken = broken
        self.by_path = {e.source_path: e for e in entries}
        # drafts and scheduled entries (loaded, not published): a link to one says so
        self.held_back = {e.source_path: e for e in loaded if e.source_path not in self.by_path}
        self.by_key = {(e.kind, e.translation_key, e.lang): e for e in entries}
        self.urls = urls
        self.static_files = static_files
        self.diags = diags
        self.root = root

    def rewrite(self, html: str, entry: Entry) -> str:
        if not needs_rewrite(html):   # most bodies link only to other sites: nothing to rewrite
            return html
        def replace(match: re.Match[str]) -> str:
            attr, value = match.group(1), match.group(2)
            return f'{attr}="{self._target(value, entry)}"'

        return _ATTR.sub(replace, html)

    def _target(self, value: str, entry: Entry) -> str:
        if not value or value.startswith(("#", "//")) or _SCHEME.match(value):
            return value
        if value.startswith("/"):
            path = unquote(value[1:].split("#", 1)[0].split("?", 1)[0])
            if path and self.static_files is not None and path not in self.static_files and not path.endswith("/"):
                self._problem(entry, value, Msg("link-static-missing", value=value), Msg("hint-link-static"))
            return self.urls.base_path + value[1:]
        path, _, fragment = value.partition("#")
        if not path.endswith(".md"):
            return value
        source_dir = posixpath.dirname(entry.source_path)
        target_path = posixpath.normpath(posixpath.join(source_dir, unquote(path)))
        target = self.by_path.get(target_path) or self._without_lang(target_path, entry)
        if target is None:
            if not {target_path, f"{target_path[:-3]}.{entry.lang}.md"} & self.broken:
                self._missing(entry, value, path, target_path)
            return value
        translated = self.by_key.get((target.kind, target.translation_key, entry.lang))
        chosen = translated or target
        return self.urls.href(self.urls.entry(chosen)) + (f"#{fragment}" if fragment else "")

    def _missing(self, entry: Entry, value: str, path: str, target_path: str) -> None:
        held = self.held_back.get(target_path) or self.held_back.get(f"{target_path[:-3]}.{entry.lang}.md")
        if held is not None and held.draft:
            self._problem(entry, value, Msg("link-md-draft", value=path), Msg("hint-link-md-draft"))
        elif held is not None and held.date is not None:
            self._problem(entry, value, Msg("link-md-scheduled", value=path, date=held.date.date().isoformat()),
                          Msg("hint-link-md-scheduled"))
        else:
            self._problem(entry, value, Msg("link-md-missing", value=path), Msg("hint-link-md"))

    def _without_lang(self, target_path: str, entry: Entry) -> Entry | None:
        """`x.md` (no language) means this page's language, as editors expect."""
        stem = target_path[:-3]
        return self.by_path.get(f"{stem}.{entry.lang}.md")

    def _problem(self, entry: Entry, value: str, message: Text, hint: Text) -> None:
        try:   # bodies are dropped after rendering; a problem is rare enough to read the file again
            lines = (self.root / entry.source_path).read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            lines = []
        self.diags.error(entry.source_path, link_line(lines, value, entry.body_line - 1), message, hint)


def link_line(lines: list[str], value: str, start: int = 0) -> int:
    """The line (from 1) where the link `value` is written at or after line index `start`; 0 if none.

    Written as a link first (`](x)`, `<x>`, `="x"`, `='x'`, `=x`), then anywhere: a word that
    merely contains the value (or text before the link) must not win over the link itself.
    """
    needles = (f"]({value}", f"<{value}>", f'="{value}"', f"='{value}'", f"={value}", value)
    for needle in needles if value else ():
        for number in range(start, len(lines)):
            if needle in lines[number]:
                return number + 1
    return 0
