"""What every command shares: exit codes, usage errors, "now", the source folder, the report of problems."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from sitegen.diagnostics import Diagnostics, summary
from sitegen.load.config import site_timezone
from sitegen.load.schema import FIRST_YEAR, LAST_YEAR, as_datetime, parse_when
from sitegen.load.site_values import BASE_URL_EXAMPLE, base_url_problem
from sitegen.load.theme import PROJECT
from sitegen.messages import LANGUAGES, Msg, Text, normal_language, render
from sitegen.recipe import BuildOptions

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
MAX_EPOCH = int(datetime(LAST_YEAR, 12, 31, 23, 59, 59, tzinfo=timezone.utc).timestamp())


class UsageError(Exception):
    """Wrong usage of the command line: exit 2 with a message (plain text or a catalogue Msg)."""

    def __init__(self, message: Text):
        super().__init__(render(message, "en"))
        self.text = message

    def shown(self, lang: str) -> str:
        return render(self.text, lang)


def messages_language(option: str | None, source: Path | None) -> str:
    """The language of messages: --messages, else site.toml's [editor] language, else its default_language."""
    if option:
        return normal_language(option)
    try:
        import tomllib

        data = tomllib.loads((source or PROJECT).joinpath("site.toml").read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return normal_language(None)
    editor = data.get("editor")
    chosen = editor.get("language") if isinstance(editor, dict) else None
    return normal_language(chosen if chosen in LANGUAGES else data.get("default_language"))


def language_of(args: argparse.Namespace) -> str:
    """The language messages are shown in for this command (resolved once, kept on `args`)."""
    lang = getattr(args, "messages_lang", None)
    if lang is None:
        source = getattr(args, "source", None)
        lang = messages_language(getattr(args, "messages", None), source.absolute() if source else None)
        args.messages_lang = lang
    return lang


def say(message: Text, lang: str, stream=None, **kw) -> None:
    """Print one message in `lang` (stdout unless `stream`)."""
    print(render(message, lang), file=stream or sys.stdout, **kw)


def fail(message: Text, lang: str) -> None:
    """`build.py: lỗi: ...` on standard error."""
    print(render(Msg("usage-error", message=message), lang), file=sys.stderr)


def resolve_now(value: str | None, environ: dict[str, str], tz) -> datetime:
    """--now, else SOURCE_DATE_EPOCH, else the clock: read once per command."""
    if value:
        parsed = parse_when(value, tz)
        if parsed is None or not FIRST_YEAR <= parsed.year <= LAST_YEAR:
            raise UsageError(Msg("now-invalid", value=value))
        return as_datetime(parsed, tz)
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        if not (epoch.isascii() and epoch.isdigit()) or int(epoch) > MAX_EPOCH:
            raise UsageError(Msg("epoch-invalid", value=epoch, limit=MAX_EPOCH, year=LAST_YEAR))
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc)


def report(diags: Diagnostics, stream=None, lang: str = "en") -> None:
    """Every problem, errors first, then the real count: "2 lỗi, 0 cảnh báo"."""
    stream = stream or sys.stderr
    for item in diags.errors + diags.warnings:
        print(item.format(lang), file=stream)
    errors, warnings = len(diags.errors), len(diags.warnings)
    if errors or warnings:
        print(summary(errors, warnings, lang), file=stream)


def source_of(args: argparse.Namespace) -> Path:
    source = (args.source or PROJECT).absolute()
    if not source.is_dir():
        raise UsageError(Msg("source-not-folder", source=str(source)))
    return source


def options_from(args: argparse.Namespace, source: Path) -> BuildOptions:
    """The user's choices; `--now` without an offset is read in the site's time zone."""
    now = resolve_now(args.now, dict(os.environ), site_timezone(source))
    base_url = getattr(args, "base_url", None)
    if base_url is not None and base_url_problem(base_url):
        raise UsageError(f"--base-url {base_url_problem(base_url)}; {BASE_URL_EXAMPLE}")
    return BuildOptions(source=source, now=now, base_url=getattr(args, "base_url", None), drafts=args.drafts,
                        future=args.future)
