"""What every command shares: exit codes, usage errors, "now", the source folder, the report of problems."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from sitegen.diagnostics import Diagnostics
from sitegen.load.config import site_timezone
from sitegen.load.schema import as_datetime, parse_when
from sitegen.load.theme import PROJECT
from sitegen.recipe import BuildOptions

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Wrong usage of the command line: exit 2 with a message."""


def resolve_now(value: str | None, environ: dict[str, str], tz) -> datetime:
    """--now, else SOURCE_DATE_EPOCH, else the clock: read once per command."""
    if value:
        parsed = parse_when(value, tz)
        if parsed is None:
            raise UsageError(f'--now "{value}" is not an ISO date or date-time (e.g. 2020-07-15T08:00)')
        return as_datetime(parsed, tz)
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


def source_of(args: argparse.Namespace) -> Path:
    source = (args.source or PROJECT).absolute()
    if not source.is_dir():
        raise UsageError(f"--source {source} is not a folder")
    return source


def options_from(args: argparse.Namespace, source: Path) -> BuildOptions:
    """The user's choices; `--now` without an offset is read in the site's time zone."""
    now = resolve_now(args.now, dict(os.environ), site_timezone(source))
    return BuildOptions(source=source, now=now, base_url=getattr(args, "base_url", None), drafts=args.drafts,
                        future=args.future)
