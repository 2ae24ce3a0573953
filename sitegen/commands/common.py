"""What every command shares: exit codes, usage errors, "now", the source folder, the report of problems."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from sitegen.diagnostics import Diagnostics
from sitegen.load.schema import FIRST_YEAR, LAST_YEAR, parse_when
from sitegen.load.site_values import BASE_URL_EXAMPLE, base_url_problem
from sitegen.recipe import PROJECT, BuildOptions

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
MAX_EPOCH = int(datetime(LAST_YEAR, 12, 31, 23, 59, 59, tzinfo=timezone.utc).timestamp())


class UsageError(Exception):
    """Wrong usage of the command line: exit 2 with a message."""


def resolve_now(value: str | None, environ: dict[str, str], tz) -> datetime:
    """--now, else SOURCE_DATE_EPOCH, else the clock: read once per command."""
    if value:
        parsed = parse_when(value, tz)
        if parsed is None or not FIRST_YEAR <= parsed.year <= LAST_YEAR:
            raise UsageError(f'--now "{value}" is not an ISO date or date-time (e.g. 2020-07-15T08:00) '
                             f'of the years {FIRST_YEAR}-{LAST_YEAR}')
        if not isinstance(parsed, datetime):
            parsed = datetime(parsed.year, parsed.month, parsed.day, tzinfo=tz)
        return parsed
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        if not (epoch.isascii() and epoch.isdigit()) or int(epoch) > MAX_EPOCH:
            raise UsageError(f'SOURCE_DATE_EPOCH "{epoch}" must be a whole number of seconds '
                             f'up to {MAX_EPOCH} (the end of {LAST_YEAR})')
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc)


def report(diags: Diagnostics, stream=None) -> None:
    stream = stream or sys.stderr
    for item in diags.errors + diags.warnings:
        print(item.format(), file=stream)
    errors, warnings = len(diags.errors), len(diags.warnings)
    if errors or warnings:
        print(f"{errors} error(s), {warnings} warning(s)", file=stream)


def source_of(args: argparse.Namespace) -> Path:
    source = (args.source or PROJECT).absolute()
    if not source.is_dir():
        raise UsageError(f"--source {source} is not a folder")
    return source


def options_from(args: argparse.Namespace, source: Path) -> BuildOptions:
    from zoneinfo import ZoneInfo

    now = resolve_now(args.now, dict(os.environ), ZoneInfo("Asia/Ho_Chi_Minh"))
    base_url = getattr(args, "base_url", None)
    if base_url is not None and base_url_problem(base_url):
        raise UsageError(f"--base-url {base_url_problem(base_url)}; {BASE_URL_EXAMPLE}")
    return BuildOptions(source=source, now=now, base_url=getattr(args, "base_url", None), drafts=args.drafts,
                        future=args.future, use_cache=not getattr(args, "no_cache", False))
