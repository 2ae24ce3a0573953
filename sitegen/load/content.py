"""content/ -> Entry objects: discovery, front matter, translation pairs, drafts and future posts."""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

from sitegen.diagnostics import Diagnostics
from sitegen.load import yamltext
from sitegen.load.document_fields import form_of, official_url, status_of
from sitegen.load.hints import section_for
from sitegen.load.markdown import complexity_problems
from sitegen.load.programme import is_programme_file
from sitegen.load.schema import Fields, as_datetime
from sitegen.load.sources import SourceText, read_text, rel, walk_files
from sitegen.messages import Msg
from sitegen.model import Document, Entry, SiteConfig
from sitegen.text import WINDOWS_RESERVED, invisible_lines, nfc, slug_problem, slugify, strip_invisible

ARTICLE_KEYS = ("title", "date", "updated", "summary", "tags", "authors", "draft", "slug",
                "translation_key", "document", "weight")
DOCUMENT_KEYS = ("number", "form", "issuer", "issued", "effective", "status", "file", "url")
PAGES_FOLDER = "pages"
MAX_REPORTED_LINES = 5
EVENTS_FOLDER = "events"
MAX_TAGS = 30   # each tag is a page in its language; 10,000 tags once made 10,013 pages
TOO_MANY_TAGS = "{count} tags: each one makes a page of its own"
BAD_NAME = "the file name {name} has a line break or another control character, so it cannot become a page"
_NAME = re.compile(r"^(?P<name>.+?)(?:\.(?P<lang>[a-z]{2}))?\.md$")


def discover(root: Path, config: SiteConfig, diags: Diagnostics) -> list[tuple[Path, str, str | None]]:
    """Markdown sources as (path, kind, section); other files are reported, never dropped silently."""
    content = root / "content"
    found: list[tuple[Path, str, str | None]] = []
    for path in walk_files(content, root, diags):
        name = rel(path, root)   # content/<parts...>, without pathlib's parsing (4,000 files each build)
        parts = name.split("/")[1:]
        suffix = os.path.splitext(parts[-1])[1]
        if parts[0] == EVENTS_FOLDER and len(parts) == 2 and suffix in (".yaml", ".yml"):
            continue
        if is_programme_file(parts):   # plans, their results and the organisations: programme.py
            continue
        if suffix != ".md":
            diags.warning(name, 0, Msg("file-not-markdown"), Msg("hint-file-not-markdown"))
            continue
        if len(parts) == 1:
            found.append((path, "index", None))
        elif len(parts) == 2 and parts[0] == PAGES_FOLDER:
            found.append((path, "page", None))
        elif len(parts) == 2 and parts[0] in config.sections:
            found.append((path, "index" if parts[1].startswith("_index.") else "article", parts[0]))
        elif len(parts) == 2:
            meant = section_for(parts[0], config.sections)
            diags.error(name, 0, Msg("folder-not-section", folder=parts[0]),
                        Msg("hint-section-meant", section=meant) if meant else
                        Msg("hint-use-one-of", choices=[*config.sections, PAGES_FOLDER, EVENTS_FOLDER]))
        else:
            diags.error(name, 0, Msg("file-too-deep"), Msg("hint-file-too-deep"))
    return found


def split_front_matter(source: SourceText, diags: Diagnostics) -> tuple[str, str, int] | None:
    """(yaml text, body, body's first line) for a file that opens with a `---` block."""
    lines = source.text.split("\n")
    if not lines or lines[0].strip() != "---":
        diags.error(source.path, 1, Msg("front-matter-missing"), Msg("hint-front-matter-missing"))
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:]), index + 2
    diags.error(source.path, 1, Msg("front-matter-unclosed"), Msg("hint-front-matter-unclosed"))
    return None


def load_entry(path: Path, root: Path, kind: str, section: str | None, config: SiteConfig,
               diags: Diagnostics) -> Entry | None:
    """One Markdown file -> Entry, or None with its problems recorded."""
    source = read_text(path, root, diags)
    if source is None:
        return None
    match = _NAME.match(nfc(path.name))
    if not match or any(not c.isprintable() for c in path.name):
        printable = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in source.path)
        diags.error(printable, 0, BAD_NAME.format(name=ascii(path.name)),
                    f"rename it <name>.md or <name>.{config.default_language}.md (letters, digits and hyphens)")
        return None
    name, lang = match.group("name"), match.group("lang") or config.default_language
    if lang not in config.languages:
        diags.error(source.path, 0, Msg("file-language-unknown", lang=lang),
                    Msg("hint-file-language", names=" / ".join(f"<name>.{code}.md" for code in config.languages)))
        return None
    if kind == "index":
        name = "_index"
    elif name.lower() in WINDOWS_RESERVED:
        diags.error(source.path, 0, Msg("file-name-reserved", name=name), Msg("hint-other-name"))
        return None
    parts = split_front_matter(source, diags)
    if parts is None:
        return None
    yaml_text, body, body_line = parts
    node = yamltext.load(yaml_text, source.path, diags, line_offset=1)
    if not isinstance(node, yamltext.YMap):
        if node is not None:
            diags.error(source.path, 2, Msg("front-matter-not-mapping"))
        elif yaml_text.strip() == "":
            diags.error(source.path, 1, Msg("front-matter-empty"), Msg("hint-front-matter-empty"))
        return None
    return _entry(source, node, body, body_line, kind, section, name, lang, config, diags)


def _entry(source: SourceText, node: yamltext.YMap, body: str, body_line: int, kind: str,
           section: str | None, name: str, lang: str, config: SiteConfig, diags: Diagnostics) -> Entry | None:
    errors_before = len(diags.errors)
    f = Fields(node, source.path, diags, ARTICLE_KEYS)
    title = f.text("title", required=kind != "index")
    when = f.when("date", config.tz, required=kind == "article")
    updated = f.when("updated", config.tz)
    slug = _slug(f, name, kind)
    document = _document(f, config, lang) if f.has("document") else None
    default_key = f"{section or PAGES_FOLDER}/{name}" if kind != "index" else f"_index/{section or ''}"
    tags = f.text_list("tags")
    if len(tags) > MAX_TAGS:
        diags.warning(source.path, f.line("tags"), TOO_MANY_TAGS.format(count=len(tags)),
                      f"keep the few (at most {MAX_TAGS}) a reader would look for")
    for tag in tags:
        problem = slug_problem(slugify(tag))
        if problem:
            f.error("tags", Msg("tag-bad", tag=tag, problem=problem), Msg("hint-tag-bad"))
    body = _checked_body(source.path, body, body_line, diags)
    entry = Entry(
        kind=kind, source_path=source.path, lang=lang, section=section, name=name,
        translation_key=f.identifier("translation_key", default=default_key) if kind != "index" else default_key,
        slug=slug, title=title, date=as_datetime(when, config.tz) if when else None,
        updated=as_datetime(updated, config.tz) if updated else None,
        summary=f.text("summary"), tags=tags, authors=f.text_list("authors"),
        draft=f.boolean("draft"), weight=f.integer("weight"), document=document,
        body=body, body_line=body_line)
    return entry if len(diags.errors) == errors_before else None


def _slug(f: Fields, name: str, kind: str) -> str:
    if kind == "index":
        return ""
    written = f.identifier("slug")
    slug = slugify(written or name)
    problem = slug_problem(slug)
    if problem and written:
        f.error("slug", Msg("slug-bad", slug=written, problem=problem), Msg("hint-slug-bad"))
    elif problem:
        f.diags.error(f.path, 0, Msg("file-name-bad", name=name, problem=problem), Msg("hint-file-name-bad"))
    elif written and slug != written:
        f.diags.warning(f.path, f.line("slug"), Msg("slug-rewritten", slug=written, made=slug),
                        Msg("hint-slug-rewritten", made=slug))
    return slug


def _checked_body(path: str, body: str, body_line: int, diags: Diagnostics) -> str:
    """The body without invisible characters (a warning per line), and Markdown too costly to read refused."""
    lines = invisible_lines(body)
    for offset in lines[:MAX_REPORTED_LINES]:
        diags.warning(path, body_line + offset, Msg("body-invisible-removed"), Msg("hint-body-invisible"))
    if len(lines) > MAX_REPORTED_LINES:
        diags.warning(path, body_line + lines[MAX_REPORTED_LINES],
                      Msg("body-invisible-more", count=len(lines) - MAX_REPORTED_LINES))
    if lines:
        body = strip_invisible(body)
    for line, message, hint in complexity_problems(body, body_line):
        diags.error(path, line, message, hint)
    return body


def _document(f: Fields, config: SiteConfig, lang: str) -> Document | None:
    node = f.mapping("document")
    if node is None:
        return None
    d = Fields(node, f.path, f.diags, DOCUMENT_KEYS, what="document")
    issued = d.when("issued", config.tz)
    effective = d.when("effective", config.tz)
    file = d.text("file")
    if file and not (file.startswith("/") or re.match(r"^https?://", file)):
        d.error("file", Msg("document-file-bad", file=file), Msg("hint-document-file"))
    return Document(number=d.text("number", required=True), issuer=d.text("issuer"),
                    issued=issued.date() if isinstance(issued, datetime) else issued,
                    effective=effective.date() if isinstance(effective, datetime) else effective, file=file,
                    form=form_of(d, lang, tuple(config.languages)), url=official_url(d), status=status_of(d))


def load_entries(root: Path, config: SiteConfig, now: datetime, drafts: bool, future: bool,
                 diags: Diagnostics) -> tuple[list[Entry], list[Msg]]:
    """All publishable entries, loaded one after the other (the pipeline loads in parallel)."""
    entries: list[Entry] = []
    for path, kind, section in discover(root, config, diags):
        entry = load_entry(path, root, kind, section, config, diags)
        if entry is not None:
            entries.append(entry)
    return select_entries(entries, now, drafts, future, diags)


def select_entries(entries: list[Entry], now: datetime, drafts: bool, future: bool,
                   diags: Diagnostics) -> tuple[list[Entry], list[Msg]]:
    """Check translation pairs; leave drafts and future posts out, saying so for each (as notes)."""
    _check_pairs(entries, diags)
    kept: list[Entry] = []
    left_out: list[Msg] = []
    for entry in entries:
        if entry.draft and not drafts:
            left_out.append(Msg("left-out-draft", path=entry.source_path))
        elif entry.date and entry.date > now and not future:
            left_out.append(Msg("left-out-future", path=entry.source_path))
        else:
            kept.append(entry)
    _check_tag_spellings(kept, diags)
    return kept, left_out


def _check_tag_spellings(entries: list[Entry], diags: Diagnostics) -> None:
    """Tags that differ by more than letter case but share a URL ("bão", "báo") are one tag: say so."""
    first: dict[tuple[str, str], tuple[str, str]] = {}
    for entry in entries:
        for tag in entry.tags:
            spelling, path = first.setdefault((entry.lang, slugify(tag)), (tag, entry.source_path))
            if spelling.casefold() != tag.casefold():
                diags.warning(entry.source_path, 0,
                              Msg("tag-shared", tag=tag, page=f"/{slugify(tag)}/", other=spelling, path=path),
                              Msg("hint-tag-shared"))


def _check_pairs(entries: list[Entry], diags: Diagnostics) -> None:
    seen: dict[tuple[str, str, str], Entry] = {}
    for entry in entries:
        key = (entry.kind, entry.translation_key, entry.lang)
        other = seen.get(key)
        if other is not None:
            diags.error(entry.source_path, 0,
                        Msg("version-twice", lang=entry.lang, key=entry.translation_key, first=other.source_path),
                        Msg("hint-version-twice"))
        else:
            seen[key] = entry
