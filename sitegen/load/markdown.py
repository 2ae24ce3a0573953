"""Markdown bodies -> safe HTML fragments, in parallel, cached by content hash."""

from __future__ import annotations

import hashlib
import html
import importlib
import re
from dataclasses import dataclass

import markdown
import nh3

from sitegen import __version__
from sitegen.messages import Msg
from sitegen.text import slugify


@dataclass(frozen=True)
class Rendered:
    """A Markdown body after rendering; `html` is None until read (see `read_bodies`)."""

    html: str | None
    words: str          # distinct folded words of its text, for the search index
    lead: str           # its first paragraph as plain text, shortened: the summary when the editor gave none
    local_links: bool   # whether it links to anything links.py rewrites (.md files, site paths)



EXTENSIONS = ["tables", "footnotes", "attr_list", "toc", "fenced_code", "sane_lists", "abbr", "def_list"]
SAFE_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "dfn", "div", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul",
}
SAFE_ATTRIBUTES = {
    "*": {"id", "class", "lang", "dir", "title"},
    "a": {"href", "hreflang", "rel"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"style", "colspan", "rowspan"}, "th": {"style", "colspan", "rowspan", "scope"},
    "ol": {"start", "type"}, "time": {"datetime"}, "abbr": {"title"},
}
_UNSAFE = re.compile(
    r"<\s*(script|style|iframe|frame|object|embed|form|input|button|textarea|select|link|meta|base|svg|math)\b"
    r"|(?<![a-z0-9_-])on[a-z]{2,}\s*="
    r"|(?:[(\"'=<]|\]:)\s*(?:javascript|vbscript|data)\s*:"
    r"|(?<![a-z0-9_-])style\s*=",
    re.IGNORECASE)
# The same schemes hidden from the eye: entities (jav&#x09;ascript:) or spaces inside the word.
_HIDDEN_SCHEME = re.compile(r"(?:[(\"'=<]|\]:)(?:javascript|vbscript|data):", re.IGNORECASE)
# Ids the templates give to their own elements: an article heading "## Main" must not make a
# second id="main" (invalid HTML, and the skip link would jump into the article).
RESERVED_IDS = frozenset({"main", "q", "untranslated", "month-list"})
RESERVED_ID_PREFIXES = ("ev-", "home-", "search-", "footer-", "results-", "aside-")
_ID_ATTRIBUTE = re.compile(r'\bid="([^"]*)"')
_IMAGE_NO_ALT = re.compile(r"!\[\s*\]\(|<img\b(?![^>]*\balt\s*=\s*[\"'][^\"']+)[^>]*>", re.IGNORECASE)
# The last part counts changes of what is cached beside the HTML (-3: leads and words read without a
# space where an inline tag was, so "ngày <a>hội</a>." is "ngày hội.").
CACHE_SCHEMA = f"md-{__version__}-{markdown.__version__}-{nh3.__version__ if hasattr(nh3, '__version__') else ''}-3"

_converter: markdown.Markdown | None = None


def _anchor(value: str, separator: str) -> str:
    return slugify(value) or "section"


def _md() -> markdown.Markdown:
    """One converter per process: building the extension set costs more than a short article."""
    global _converter
    if _converter is None:
        configs = {"toc": {"slugify": _anchor}, "footnotes": {"BACKLINK_TITLE": ""}}
        # Extension objects, not names: a name is looked up among every installed package's entry
        # points (importlib.metadata), which costs a rebuild after a one-file edit more than the file.
        extensions = [importlib.import_module(f"markdown.extensions.{name}").makeExtension(**configs.get(name, {}))
                      for name in EXTENSIONS]
        _converter = markdown.Markdown(extensions=extensions, output_format="html")
    return _converter


def render_one(body: str, trusted: bool) -> str:
    """Convert one body; raw HTML is reduced to the safe subset unless the site trusts its editors."""
    md = _md()
    md.reset()
    html = _ID_ATTRIBUTE.sub(_unreserved_id, md.convert(body))
    if trusted:
        return html
    cleaned = nh3.clean(html, tags=SAFE_TAGS, attributes=SAFE_ATTRIBUTES, link_rel=None,
                        url_schemes={"http", "https", "mailto", "tel"},
                        filter_style_properties={"text-align"}, strip_comments=True)
    return _IMAGE_WITHOUT_SOURCE.sub(lambda m: m.group(1) or "", cleaned)


# An image whose javascript:/data: source was cut is invalid HTML (<img> needs src): keep its alt text.
_IMAGE_WITHOUT_SOURCE = re.compile(r'<img(?![^>]*\ssrc=)(?:[^>]*?\salt="([^"]*)")?[^>]*>')


def _unreserved_id(match: re.Match[str]) -> str:
    value = match.group(1)
    if value in RESERVED_IDS or value.startswith(RESERVED_ID_PREFIXES):
        return f'id="{value}-1"'
    return match.group(0)


def cache_key(body: str, trusted: bool) -> str:
    """Same body, same settings, same generator version: same HTML."""
    return hashlib.sha256(f"{CACHE_SCHEMA}\0{trusted}\0{body}".encode()).hexdigest()


def unsafe_lines(body: str, first_line: int) -> list[tuple[int, str]]:
    """(line, excerpt) of raw HTML that the sanitiser will cut, so editors learn where."""
    if not _UNSAFE.search(body) and "&" not in body and not _HIDDEN_SCHEME.search(_squashed(body)):
        return []   # the common case: a scan or two of the whole body
    found = []
    in_code = False
    for offset, line in enumerate(body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        if in_code:
            continue
        text = _strip_inline_code(line)
        match = _UNSAFE.search(text) or _HIDDEN_SCHEME.search(_squashed(html.unescape(text)))
        if match:
            found.append((first_line + offset, match.group(0).strip()))
    return found


def _squashed(text: str) -> str:
    """Text without the whitespace and control characters browsers ignore inside a URL scheme."""
    return re.sub(r"[\x00-\x20]+", "", text)


def images_without_alt(body: str, first_line: int) -> list[int]:
    """Lines of images that have no alternative text."""
    if "![" not in body and "<img" not in body.lower():
        return []
    return [first_line + i for i, line in enumerate(body.split("\n")) if _IMAGE_NO_ALT.search(line)]


def _strip_inline_code(line: str) -> str:
    return re.sub(r"`[^`]*`", "", line)


# Limits on Markdown that makes Python-Markdown slow or crash (measured; see docs/reliability.md).
# They are counts, not timeouts, so a body is accepted or refused the same way on every machine.
MAX_LINES = 20_000            # raw HTML blocks and tables cost O(lines²): 20,000 lines ≈ 4 s
MAX_NESTING = 20              # quotes/lists 400 deep hit Python's recursion limit
MAX_HEADINGS = 1_000          # heading ids are made unique in O(headings²)
MAX_FOOTNOTES = 1_000
MAX_ABBREVIATIONS = 100       # each abbreviation is one more pass over the text
MAX_DEFINITIONS = 200         # 500 definition-list items in a row hit the recursion limit
MAX_MARKER_RUN = 500          # 10,000 `*` in a row hit the recursion limit
MAX_BRACKET_WORK = 20_000_000  # Σ ('[' and '](' in a paragraph) × its length: each '[' may scan to the end
_LIST_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")
_FOOTNOTE = re.compile(r" {0,3}\[\^[^\]]+\]:")
_ABBREVIATION = re.compile(r" {0,3}\*\[[^\]]+\]:")
_DEFINITION = re.compile(r" {0,3}:[ \t]")
_MARKER_RUN = re.compile(rf"[*_]{{{MAX_MARKER_RUN + 1},}}")
_BRACKETS = re.compile(r"(?<!\\)\[|\]\(")
Problem = tuple[int, Msg, Msg]   # (line, message, hint)


def complexity_problems(body: str, first_line: int) -> list[Problem]:
    """Why `body` would take Python-Markdown too long (or too deep) to read: [] for any normal text.

    Every limit is far above what an article needs and far below where the time grows
    out of bounds, so a build always ends in seconds with either a page or a message.
    """
    lines = body.split("\n")
    if len(lines) > MAX_LINES:
        return [(first_line + MAX_LINES, Msg("markdown-too-many", count=len(lines), what=Msg("markdown-lines"),
                                             limit=MAX_LINES), Msg("hint-split-articles"))]
    scan = _ComplexityScan(first_line)
    in_code = False
    for offset, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        if not in_code:
            scan.line(first_line + offset, line)
    return scan.finish()


class _ComplexityScan:
    """One pass over a body's lines outside code blocks, counting what makes the Markdown reader slow."""

    def __init__(self, first_line: int):
        self.first_line = first_line
        self.problems: list[Problem] = []
        self.counts = {"headings": 0, "footnotes": 0, "abbreviations": 0}
        self.definitions = self.work = self.worst_work = 0
        self.unit: list[str] = []   # the lines of the current paragraph
        self.unit_line = self.worst_line = first_line
        self.previous = ""

    def line(self, number: int, line: str) -> None:
        depth, rest = _nesting(line)
        if depth > MAX_NESTING and not any(message.id == "markdown-nested" for _, message, _ in self.problems):
            self.problems.append((number, Msg("markdown-nested", limit=MAX_NESTING), Msg("hint-markdown-nested")))
        if _MARKER_RUN.search(line):
            self.problems.append((number, Msg("markdown-markers", limit=MAX_MARKER_RUN), Msg("hint-markdown-markers")))
        self.counts["headings"] += bool(_HEADING.match(rest) or (self.previous.strip() and _SETEXT.match(rest)))
        self.counts["footnotes"] += bool(_FOOTNOTE.match(rest))
        self.counts["abbreviations"] += bool(_ABBREVIATION.match(rest))
        self._definitions(number, line, rest)
        if not line.strip() or _LIST_MARKER.match(rest) or rest.startswith(("|", "#")):
            self._close_unit(number)
        if line.strip():
            if not self.unit:
                self.unit_line = number
            self.unit.append(line)
        self.previous = line

    def _definitions(self, number: int, line: str, rest: str) -> None:
        if not line.strip():
            self.definitions = 0
        elif _DEFINITION.match(rest):
            self.definitions += 1
            if self.definitions == MAX_DEFINITIONS + 1:
                self.problems.append((number, Msg("markdown-definitions", limit=MAX_DEFINITIONS),
                                      Msg("hint-markdown-definitions")))

    def _close_unit(self, next_line: int) -> None:
        cost = _bracket_work(self.unit)
        self.work += cost
        if cost > self.worst_work:
            self.worst_work, self.worst_line = cost, self.unit_line
        self.unit, self.unit_line = [], next_line

    def finish(self) -> list[Problem]:
        self._close_unit(self.unit_line)
        if self.work > MAX_BRACKET_WORK:
            self.problems.append((self.worst_line,
                                  Msg("markdown-brackets"), Msg("hint-markdown-brackets")))
        limits = {"headings": MAX_HEADINGS, "footnotes": MAX_FOOTNOTES, "abbreviations": MAX_ABBREVIATIONS}
        for what, count in self.counts.items():
            if count > limits[what]:
                self.problems.append((self.first_line, Msg("markdown-too-many", count=count, what=Msg(f"markdown-{what}"),
                                                          limit=limits[what]), Msg("hint-split-articles")))
        return self.problems[:10]


def _nesting(line: str) -> tuple[int, str]:
    """How many quote and list levels open before the text of `line` (4 columns of indentation = a level)."""
    depth = 0
    rest = line
    while depth <= MAX_NESTING:   # stop early: slicing a 5 MB line of '>' 5 million times would not end
        stripped = rest.lstrip(" \t")
        indent = len(rest[:len(rest) - len(stripped)].expandtabs(4))
        if stripped.startswith(">"):
            depth += 1 + indent // 4
            rest = stripped[1:]
            continue
        marker = _LIST_MARKER.match(stripped)
        if marker and stripped.strip():
            depth += 1 + indent // 4
            rest = stripped[marker.end():]
            continue
        return depth, stripped
    return depth, rest


def _bracket_work(unit: list[str]) -> int:
    """Upper bound of the characters Python-Markdown's link search scans in one paragraph."""
    if not unit:
        return 0
    text = _strip_inline_code("\n".join(unit))
    return len(_BRACKETS.findall(text)) * len(text)
