"""Command line: build | serve | check | new. Reads the clock and the environment once, here."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from .cache import CACHE_DIR
from .diagnostics import Diagnostics
from .incremental import FileMemo, input_digest, is_up_to_date, load_file_memo, save_file_memo, save_page_keys, save_record
from .pipeline import PROJECT, BuildOptions, generate, input_settings, theme_roots
from .publish import MARKER, Publisher, PublishError, check_output_folder
from .schema import parse_when

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # exit 2 with our own words, as the contract says
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def parser() -> argparse.ArgumentParser:
    root = _Parser(prog="build.py", description="Build the bilingual site (default command: build).")
    sub = root.add_subparsers(dest="command", parser_class=_Parser)
    build = sub.add_parser("build", help="build the site into public/ (or --output)")
    _common(build)
    build.add_argument("--output", type=Path, help="output folder (default: public/ beside site.toml)")
    build.add_argument("--base-url", help="override base_url from site.toml")
    build.add_argument("--no-cache", action="store_true", help="ignore and do not update .cache/")
    check = sub.add_parser("check", help="validate content and internal links; write nothing")
    _common(check)
    check.add_argument("--base-url", help="override base_url from site.toml")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--format", choices=("text", "json"), default="text", help="report format")
    serve = sub.add_parser("serve", help="live-reload preview on 127.0.0.1")
    serve.add_argument("--source", type=Path, default=None, help="site folder holding site.toml")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    serve.add_argument("--host", default="127.0.0.1", help="listen address (default 127.0.0.1; others warn)")
    serve.add_argument("--no-drafts", action="store_true", help="hide drafts and future articles in the preview")
    serve.add_argument("--now", help="fix 'today' (ISO date-time); default: the clock at each rebuild")
    new = sub.add_parser("new", help="scaffold an article")
    new.add_argument("section", help="a section key from site.toml, or 'pages' for a standalone page")
    new.add_argument("name", help="file name as a slug, e.g. hoi-thao-khoi-nghiep")
    new.add_argument("--lang", default=None, choices=("vi", "en"), help="language of the new file")
    new.add_argument("--translate-from", choices=("vi", "en"), default=None,
                     help="start the translation of an existing article in this language")
    new.add_argument("--source", type=Path, default=None, help="site folder holding site.toml")
    new.add_argument("--now", help="fix 'today' (ISO date-time) for the date: field")
    return root


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--source", type=Path, default=None, help="site folder holding site.toml (default: this project)")
    p.add_argument("--drafts", action="store_true", help="include drafts")
    p.add_argument("--future", action="store_true", help="include articles dated in the future")
    p.add_argument("--now", help="fix 'today' (ISO date-time) for reproducible builds")


def resolve_now(value: str | None, environ: dict[str, str], tz) -> datetime:
    """--now, else SOURCE_DATE_EPOCH, else the clock: read once per command."""
    if value:
        parsed = parse_when(value, tz)
        if parsed is None:
            raise UsageError(f'--now "{value}" is not an ISO date or date-time (e.g. 2020-07-15T08:00)')
        if not isinstance(parsed, datetime):
            parsed = datetime(parsed.year, parsed.month, parsed.day, tzinfo=tz)
        return parsed
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        if not epoch.isdigit():
            raise UsageError(f'SOURCE_DATE_EPOCH "{epoch}" must be a whole number of seconds')
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc)


def report(diags: Diagnostics, stream=None) -> None:
    stream = stream or sys.stderr
    for item in diags.errors + diags.warnings:
        print(item.format(), file=stream)
    errors, warnings = len(diags.errors), len(diags.warnings)
    if errors or warnings:
        print(f"{errors} error(s), {warnings} warning(s)", file=stream)


def main(argv: list[str]) -> int:
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv = ["build", *argv]
    args = parser().parse_args(argv)
    try:
        if args.command == "build":
            return cmd_build(args)
        if args.command == "check":
            from .check import cmd_check
            return cmd_check(args)
        if args.command == "serve":
            from .serve import cmd_serve
            return cmd_serve(args)
        if args.command == "new":
            from .scaffold import cmd_new
            return cmd_new(args)
    except UsageError as exc:
        print(f"build.py: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    parser().print_help()
    return EXIT_USAGE


def source_of(args: argparse.Namespace) -> Path:
    source = (args.source or PROJECT).absolute()
    if not source.is_dir():
        raise UsageError(f"--source {source} is not a folder")
    return source


def options_from(args: argparse.Namespace, source: Path) -> BuildOptions:
    from zoneinfo import ZoneInfo

    now = resolve_now(args.now, dict(os.environ), ZoneInfo("Asia/Ho_Chi_Minh"))
    return BuildOptions(source=source, now=now, base_url=getattr(args, "base_url", None), drafts=args.drafts,
                        future=args.future, use_cache=not getattr(args, "no_cache", False))


def cmd_build(args: argparse.Namespace) -> int:
    source = source_of(args)
    output = (args.output or source / "public").absolute()
    try:
        check_output_folder(output, source, PROJECT)
    except PublishError as exc:
        print(f"build.py: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    options = options_from(args, source)
    options.one_shot = True
    options.reuse_output = output if options.use_cache else None
    options.file_digests = {}
    memo = load_file_memo(source) if options.use_cache else FileMemo()
    digest = (input_digest(source, theme_roots(source), input_settings(options), options.file_digests, memo)
              if options.use_cache else "")
    if memo.changed:
        save_file_memo(source, memo)
    if digest and is_up_to_date(source, output, digest, options.now, MARKER):
        print(f"No changes since the last build: {output} is up to date.")
        return EXIT_OK
    diags = Diagnostics()
    try:
        publisher = Publisher(output, spare=source / CACHE_DIR / "spare" if options.use_cache else None)
        result = generate(options, diags, sink=publisher.add)
    except PublishError as exc:
        report(diags)
        print(f"build.py: error: {exc}; the previous output was left as it was", file=sys.stderr)
        return EXIT_CONTENT
    report(diags)
    if result is None:
        publisher.abort()
        print(f"Build failed; {output} was left as it was.", file=sys.stderr)
        return EXIT_CONTENT
    try:
        written, reused = publisher.commit()
    except PublishError as exc:
        print(f"build.py: error: {exc}; the previous output was left as it was", file=sys.stderr)
        return EXIT_CONTENT
    if digest:
        save_record(source, output, digest, result.window, MARKER)
        save_page_keys(source, output, result.page_keys)
    for note in result.left_out:
        print(f"note: {note}", file=sys.stderr)
    pages = sum(1 for p in publisher.manifest if p.endswith(".html"))
    print(f"Built {pages} pages, {len(publisher.manifest)} files into {output} ({written} written, {reused} unchanged).")
    return EXIT_OK
