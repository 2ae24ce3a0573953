"""`build.py new`: writes a new article or page, or the start of a translation, with its front matter filled in."""

from __future__ import annotations

import argparse
import json
import os
import re
from pathlib import Path

from sitegen.commands.common import (
    EXIT_CONTENT,
    EXIT_OK,
    UsageError,
    fail,
    language_of,
    report,
    resolve_now,
    say,
    source_of,
)
from sitegen.diagnostics import Diagnostics
from sitegen.load import yamltext
from sitegen.load.config import load_config
from sitegen.load.content import PAGES_FOLDER, split_front_matter
from sitegen.load.hints import section_for
from sitegen.load.sources import read_text
from sitegen.messages import Msg, t
from sitegen.model import SiteConfig
from sitegen.text import MAX_SLUG_BYTES, WINDOWS_RESERVED, slugify

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COMMENT_COLUMN = 28


def _line(field: str, comment: str) -> str:
    """`field` with a `# comment` aligned in the column the scaffold always used."""
    return f"{field:<{COMMENT_COLUMN - 1}} # {comment}"


def check_section(config: SiteConfig, section: str) -> str:
    """The section key: a key of site.toml or `pages`; a section's URL slug (`tin-tuc`) is accepted too."""
    if section == PAGES_FOLDER or section in config.sections:
        return section
    meant = section_for(section, config.sections)
    choices = [*config.sections, PAGES_FOLDER]
    if meant and any(section in s.slugs.values() for s in config.sections.values()):
        return meant
    if meant:
        raise UsageError(Msg("new-section-meant", section=section, meant=meant))
    raise UsageError(Msg("new-section-unknown", section=section, choices=choices))


def check_name(name: str) -> None:
    """A file name that is its own URL slug: lowercase ASCII letters, digits and single hyphens."""
    if not _SLUG.match(name) or len(name.encode()) > MAX_SLUG_BYTES:
        suggestion = slugify(name)[:MAX_SLUG_BYTES].strip("-")
        if suggestion and suggestion != name:
            raise UsageError(Msg("new-name-bad-try", name=name, limit=MAX_SLUG_BYTES, suggestion=suggestion))
        raise UsageError(Msg("new-name-bad", name=name, limit=MAX_SLUG_BYTES))
    if name in WINDOWS_RESERVED:
        raise UsageError(f'name "{name}" is reserved on Windows (con, prn, aux, nul, com1-9, lpt1-9) and could '
                         f'not be built; choose another, e.g. "{name}-1"')


def check_inside(folder: Path, source: Path) -> None:
    """The folder to write into (or, where it does not exist yet, its first existing parent) lies in the site."""
    existing = next(p for p in (folder, *folder.parents) if p.exists())
    real, site = os.path.realpath(existing), os.path.realpath(source)
    if real != site and not real.startswith(site.rstrip("/") + "/"):
        raise UsageError(f"{existing.relative_to(source).as_posix()} leads outside the site (to {real}); "
                         "nothing was written: make it a real folder of the site")


def languages_for(config: SiteConfig, lang: str | None, translate_from: str | None) -> str:
    """The language of the file to write; with --translate-from, the first other language by default."""
    for code, option in ((lang, "--lang"), (translate_from, "--translate-from")):
        if code and code not in config.languages:
            raise UsageError(Msg("new-language-unknown", option=option, code=code, languages=list(config.languages)))
    if translate_from is None:
        return lang or config.default_language
    target = lang or next((code for code in config.languages if code != translate_from), translate_from)
    if target == translate_from:
        raise UsageError(Msg("new-same-language", lang=target))
    return target


def file_of(source: Path, config: SiteConfig, section: str, name: str, lang: str) -> Path:
    """content/<section>/<name>.<lang>.md, or <name>.md when that is how the site names this version."""
    folder = source / "content" / section
    bare = folder / f"{name}.md"
    return bare if lang == config.default_language and bare.exists() else folder / f"{name}.{lang}.md"


def q(text: str) -> str:
    """A YAML double-quoted string (JSON strings are valid YAML), safe for any text."""
    return json.dumps(text, ensure_ascii=False)


def new_text(section: str, lang: str, today: str, messages: str = "en") -> str:
    """A new article or page; placeholders and comments in the editor's language (`messages`)."""
    title = t("new-title-page" if section == PAGES_FOLDER else "new-title-article", messages)
    lines = ["---", f"title: {q(title)}", f"date: {today}", _line('summary: ""', t("new-comment-summary", messages))]
    if section != PAGES_FOLDER:
        lines.append("tags: []")
    lines += [_line("draft: true", t("new-comment-draft", messages)), "---", t("new-body", messages), ""]
    return "\n".join(lines)


def _raw(node: yamltext.YNode | None) -> str:
    """A scalar written back the way the editor wrote it (quoted when it was quoted)."""
    if not isinstance(node, yamltext.YScalar):
        return ""
    return node.value if node.plain and "\n" not in node.value and "#" not in node.value else q(node.value)


def _texts(node: yamltext.YNode | None) -> list[str]:
    if isinstance(node, yamltext.YList):
        return [item.value for item in node.items if isinstance(item, yamltext.YScalar)]
    return [node.value] if isinstance(node, yamltext.YScalar) and node.value else []


def translation_text(fields: yamltext.YMap, body: str, source: str, langs: tuple[str, str], today: str,
                     is_page: bool = False, messages: str = "en") -> str:
    """The counterpart of an existing article: metadata copied, texts marked (in the editor's language), the body kept."""
    source_lang, target_lang = langs
    mark = t("new-mark", messages) + " "
    get = fields.items.get
    title = get("title")
    lines = ["---", f"title: {q(mark + title.value) if isinstance(title, yamltext.YScalar) else q(mark)}"]
    if "date" in fields.items:
        lines.append(f"date: {_raw(get('date'))}")
    if "updated" in fields.items:
        lines.append(_line(f"updated: {today}", t("new-comment-updated", messages)))
    summary = get("summary")
    lines.append(f"summary: {q(mark + summary.value)}" if isinstance(summary, yamltext.YScalar) and summary.value
                 else 'summary: ""')
    if "tags" in fields.items or not is_page:
        original = ", ".join(_texts(get("tags")))
        lines.append(_line("tags: []", f"{source_lang}: {original}") if original else "tags: []")
    for key in ("authors",):
        if _texts(get(key)):
            lines.append(f"{key}: [{', '.join(q(t) for t in _texts(get(key)))}]")
    for key in ("translation_key", "weight"):
        if key in fields.items:
            lines.append(f"{key}: {_raw(get(key))}")
    lines.extend(_document(get("document"), mark))
    lines += [_line("draft: true", t("new-comment-draft-translation", messages)), "---"]
    note = t("new-translate-note", messages, source_lang=source_lang, source=source, target_lang=target_lang)
    return "\n".join(lines) + "\n" + note + "\n\n" + body.lstrip("\n")


def _document(node: yamltext.YNode | None, mark: str) -> list[str]:
    if not isinstance(node, yamltext.YMap):
        return []
    lines = ["document:"]
    for key, value in node.items.items():
        if key in ("issuer", "form") and isinstance(value, yamltext.YScalar):
            lines.append(f"  {key}: {q(mark + value.value)}")
        elif isinstance(value, yamltext.YScalar):
            lines.append(f"  {key}: {_raw(value)}")
        elif isinstance(value, yamltext.YMap):   # form: {vi: ..., en: ...} serves both files as it is
            pairs = [f"{lang}: {q(text.value)}" for lang, text in value.items.items() if isinstance(text, yamltext.YScalar)]
            lines.append(f"  {key}: {{{', '.join(pairs)}}}")
    return lines


def read_original(path: Path, root: Path) -> tuple[yamltext.YMap, str, str] | Diagnostics:
    """(front matter, body, site-relative path) of the article to translate, or the problems found."""
    diags = Diagnostics()
    source = read_text(path, root, diags)
    parts = split_front_matter(source, diags) if source else None
    if source is None or parts is None:
        return diags
    node = yamltext.load(parts[0], source.path, diags, line_offset=1)
    if not isinstance(node, yamltext.YMap):
        if not diags.has_errors():
            diags.error(source.path, 2, Msg("front-matter-not-mapping"))
        return diags
    return node, parts[1], source.path


def cmd_new(args: argparse.Namespace) -> int:
    source = source_of(args)
    messages = language_of(args)
    diags = Diagnostics()
    config = load_config(source, diags)
    if config is None:
        report(diags, lang=messages)
        return EXIT_CONTENT
    args.section = check_section(config, args.section)
    check_name(args.name)
    lang = languages_for(config, args.lang, args.translate_from)
    today = resolve_now(args.now, dict(os.environ), config.tz).astimezone(config.tz).date().isoformat()
    target = file_of(source, config, args.section, args.name, lang)
    check_inside(target.parent, source)
    if target.exists():
        fail(Msg("new-exists", path=target.relative_to(source).as_posix()), messages)
        return EXIT_CONTENT
    text = _text(args, source, config, lang, today, messages)
    if text is None:
        return EXIT_CONTENT
    return _write(target, source, text, messages)


def _text(args: argparse.Namespace, source: Path, config: SiteConfig, lang: str, today: str,
          messages: str) -> str | None:
    if not args.translate_from:
        return new_text(args.section, lang, today, messages)
    original = file_of(source, config, args.section, args.name, args.translate_from)
    if not original.is_file():
        fail(Msg("new-no-original", language=config.languages[args.translate_from].name,
                 path=original.relative_to(source).as_posix()), messages)
        return None
    read = read_original(original, source)
    if isinstance(read, Diagnostics):
        report(read, lang=messages)
        return None
    fields, body, path = read
    return translation_text(fields, body, path, (args.translate_from, lang), today,
                            is_page=args.section == PAGES_FOLDER, messages=messages)


def _write(target: Path, source: Path, text: str, messages: str) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    shown = target.relative_to(source).as_posix()
    try:
        with open(target, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        fail(Msg("new-exists", path=shown), messages)
        return EXIT_CONTENT
    say(Msg("new-wrote", path=shown), messages)
    return EXIT_OK
