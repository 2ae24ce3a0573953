"""Checks a generated site before anything is written: internal links and anchors, feeds, calendars, JSON."""

from __future__ import annotations

import json
import posixpath
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sitegen.diagnostics import Diagnostics
from sitegen.load.links import link_line
from sitegen.messages import Msg
from sitegen.model import SiteConfig

LINK_ATTRS = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src", "iframe": "src",
              "source": "src", "video": "src", "audio": "src", "track": "src", "embed": "src", "form": "action"}
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
SOURCE_SUFFIXES = (".md", ".yaml", ".yml", ".toml", ".html")
MAX_ICS_OCTETS = 75


@dataclass(frozen=True)
class Link:
    value: str        # the attribute as written in the page (entities decoded)
    text: str         # link text, or an image's alt text: to find the line in the source


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)


class _PageParser(HTMLParser):
    """Collects ids (anchors) and link targets with their text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.page.ids.add(values[key])
        target = values.get(LINK_ATTRS.get(tag, ""))
        if target is None:
            return
        if tag == "a":
            self._open.append((target, []))
        else:
            self.page.links.append(Link(target, values.get("alt", "")))

    def handle_data(self, data: str) -> None:
        for _, text in self._open:
            text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            target, text = self._open.pop()
            self.page.links.append(Link(target, " ".join("".join(text).split())))


def parse_page(html: str) -> Page:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    for target, text in parser._open:   # unclosed <a>: keep the link
        parser.page.links.append(Link(target, " ".join("".join(text).split())))
    return parser.page


@dataclass(frozen=True)
class Target:
    """Where a link leads inside the site: an output file path and a fragment; `problem` when it cannot."""

    file: str = ""
    fragment: str = ""
    problem: Msg | None = None


class SiteChecker:
    """Reads every generated file back and reports what a reader would find broken, against its source."""

    def __init__(self, files: dict[str, bytes], sources: dict[str, str], config: SiteConfig, root: Path,
                 diags: Diagnostics):
        self.files, self.sources, self.config, self.root, self.diags = files, sources, config, root, diags
        self.base_path = config.base_path
        self.pages: dict[str, Page] = {}
        self.counts = {"pages": 0, "links": 0, "feeds": 0, "calendars": 0}
        self._broken: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        self._texts: dict[tuple[str, str], str] = {}
        self._lines: dict[str, list[str]] = {}

    def run(self) -> dict[str, int]:
        for path in sorted(self.files):
            if path.endswith(".html"):
                self.pages[path] = parse_page(self.files[path].decode("utf-8", errors="replace"))
        self.counts["pages"] = len(self.pages)
        for path, page in self.pages.items():
            for link in page.links:
                self._check_link(path, link)
        self._report_links()
        for path in sorted(self.files):
            self._check_data_file(path)
        return self.counts

    # ---- links -----------------------------------------------------------------------------

    def resolve(self, page_path: str, value: str) -> Target | None:
        """None for links that leave the site (other hosts, mailto:, ...)."""
        value = value.strip()
        if not value or value.startswith("//"):
            return None
        if _SCHEME.match(value):
            if not value.startswith(self.config.base_url):
                return None
            value = self.base_path + value[len(self.config.base_url):]
        parts = urlsplit(value)
        path = unquote(parts.path)
        if not path:
            return Target(page_path, unquote(parts.fragment))
        if path.startswith("/"):
            if not path.startswith(self.base_path):
                return Target(problem=Msg("linkcheck-outside", base=self.base_path))
            relative = path[len(self.base_path):]
        else:
            relative = _join(posixpath.dirname(page_path), path)
            if relative.startswith("../") or relative == "..":
                return Target(problem=Msg("linkcheck-above-root"))
        return Target(_file_for(relative, self.files), unquote(parts.fragment))

    def _check_link(self, page_path: str, link: Link) -> None:
        target = self.resolve(page_path, link.value)
        if target is None:
            return
        self.counts["links"] += 1
        problem = target.problem
        if not problem and target.file not in self.files:
            written_as = link.value.startswith(("/", "#")) or _SCHEME.match(link.value)
            problem = (Msg("linkcheck-nowhere") if written_as else
                       Msg("linkcheck-nowhere-relative", url=self.url_of(target.file)))
        elif not problem and target.fragment and target.file in self.pages and target.fragment != "top" \
                and target.fragment not in self.pages[target.file].ids:
            problem = Msg("linkcheck-no-anchor", anchor=f"#{target.fragment}")
        if problem:
            source = self.responsible(page_path, link)
            self._broken[(source, link.value, problem)].append(page_path)
            self._texts[(link.value, source)] = link.text

    def responsible(self, page_path: str, link: Link) -> str:
        """The page's own source file; for listings (whose source is a folder), the file that holds the link."""
        source = self.sources.get(page_path, "content/")
        if source.endswith(SOURCE_SUFFIXES):
            return source
        candidates = sorted({s for s in self.sources.values() if s.endswith(SOURCE_SUFFIXES) and s.startswith(source)})
        return next((c for c in candidates if self.line_in_source(c, link.value, "")), source)

    def _report_links(self) -> None:
        for (source, value, problem), pages in sorted(self._broken.items()):
            shown = self.url_of(next((p for p in pages if p != "index.html"), pages[0]))   # index.html copies vi/
            more = Msg("linkcheck-more", count=len(pages) - 1) if len(pages) > 1 else ""
            line = self.line_in_source(source, value, self._texts.get((value, source), ""))
            hint = _hint(value, problem)
            self.diags.error(source, line, Msg("linkcheck", value=value, page=shown, more=more, problem=problem), hint)

    def url_of(self, path: str) -> str:
        return self.base_path + (path[:-len("index.html")] if path.endswith("index.html") else path)

    def line_in_source(self, source: str, value: str, text: str) -> int:
        """The line of `source` where the link (or its text) is written; 0 when it cannot be found."""
        if not source.endswith(SOURCE_SUFFIXES):
            return 0
        lines = self._source_lines(source)
        start = _body_start(lines) if source.endswith(".md") else 0
        path, _, fragment = value.partition("#")
        short = "/" + path[len(self.base_path):] if path.startswith(self.base_path) else ""
        for needle in (value, short):   # in the body first; then the front matter (a document's file)
            found = (link_line(lines, needle, start) or link_line(lines[:start], needle)) if needle else 0
            if found:
                return found
        for needle in (f"#{fragment}" if fragment else "", f"[{text}]" if text else "", text):
            if len(needle) > 2:
                found = next((i for i, line in enumerate(lines[start:], start + 1) if needle in line), 0)
                if found:
                    return found
        return 0

    def _source_lines(self, source: str) -> list[str]:
        if source not in self._lines:
            try:
                self._lines[source] = (self.root / source).read_text(encoding="utf-8-sig").split("\n")
            except (OSError, UnicodeDecodeError):
                self._lines[source] = []
        return self._lines[source]

    # ---- feeds, calendars, JSON ---------------------------------------------------------------

    def _check_data_file(self, path: str) -> None:
        data = self.files[path]
        source = self.sources.get(path, "content/")
        problem = ""
        if path.endswith(".xml"):
            self.counts["feeds"] += path.endswith("rss.xml")
            problem = xml_problem(path, data)
        elif path.endswith(".ics"):
            self.counts["calendars"] += 1
            problem = ics_problem(data)
        elif path.endswith(".json"):
            problem = json_problem(data)
        if problem:
            self.diags.error(source, 0, Msg("generated-broken", url=self.url_of(path), problem=problem),
                             Msg("hint-generated-broken"))


def _hint(value: str, problem: Msg) -> Msg:
    if problem.id == "linkcheck-no-anchor":
        return Msg("hint-linkcheck-anchor")
    last = urlsplit(value).path.rstrip("/").rsplit("/", 1)[-1]
    if "." in last and not last.endswith(".html"):
        return Msg("hint-linkcheck-file")
    return Msg("hint-linkcheck-page")


def _join(folder: str, path: str) -> str:
    joined = posixpath.normpath(posixpath.join(folder, path)) if folder else posixpath.normpath(path)
    joined = "" if joined == "." else joined
    return joined + "/" if path.endswith("/") and joined else joined


def _file_for(relative: str, files: dict[str, bytes]) -> str:
    """`dir/` (and `dir` when it is a folder) means dir/index.html."""
    if relative == "" or relative.endswith("/"):
        return relative + "index.html"
    if relative not in files and f"{relative}/index.html" in files:
        return f"{relative}/index.html"
    return relative


def xml_problem(path: str, data: bytes) -> str:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        return f"not well-formed XML ({exc})"
    if path.endswith("rss.xml"):
        channel = root.find("channel")
        if root.tag != "rss" or root.get("version") != "2.0" or channel is None:
            return "not an RSS 2.0 document (<rss version=\"2.0\"><channel>)"
        for tag in ("title", "link", "description"):
            if channel.find(tag) is None:
                return f"the channel has no <{tag}>"
        if any(item.find("title") is None and item.find("description") is None for item in channel.iter("item")):
            return "an item has neither <title> nor <description>"
    return ""


def ics_problem(data: bytes) -> str:
    import icalendar

    text = data.decode("utf-8", errors="replace")
    if (text and not text.endswith("\r\n")) or "\n" in text.replace("\r\n", ""):
        return "lines must end with CRLF (RFC 5545 3.1)"
    if any(len(line.encode()) > MAX_ICS_OCTETS for line in text.split("\r\n")):
        return f"a line is longer than {MAX_ICS_OCTETS} octets and not folded (RFC 5545 3.1)"
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except ValueError as exc:
        return f"not parseable as iCalendar ({exc})"
    for key in ("VERSION", "PRODID"):
        if key not in calendar:
            return f"the calendar has no {key}"
    for event in calendar.walk("VEVENT"):
        missing = [key for key in ("UID", "DTSTAMP", "DTSTART") if key not in event]
        if missing:
            return f"event {event.get('UID', '?')} has no {', '.join(missing)}"
    return ""


def json_problem(data: bytes) -> str:
    try:
        json.loads(data)
    except ValueError as exc:
        return f"not valid JSON ({exc})"
    return ""


def _body_start(lines: list[str]) -> int:
    """The index of the first line after the front matter (0 without front matter)."""
    if not lines or lines[0].strip() != "---":
        return 0
    return next((i + 1 for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
