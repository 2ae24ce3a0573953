"""`build.py deploy [TARGET]`: build (or take the last good build), then send what changed to a target of site.toml."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from datetime import datetime
from pathlib import Path

from sitegen.commands.build import cmd_build
from sitegen.commands.common import EXIT_CONTENT, EXIT_OK, UsageError, language_of, report, source_of
from sitegen.diagnostics import Diagnostics
from sitegen.incremental.cache import CACHE_DIR
from sitegen.incremental.inputs import RECORD_FILE
from sitegen.publish.deploy.base import Context
from sitegen.publish.deploy.local import OutputChanged, read_output
from sitegen.publish.deploy.messages import say
from sitegen.publish.deploy.run import deploy
from sitegen.publish.deploy.settings import TargetSettings, read_targets
from sitegen.publish.deploy.targets import open_target
from sitegen.publish.outfolder import MARKER


def cmd_deploy(args: argparse.Namespace) -> int:
    source = source_of(args)
    lang = language_of(args)
    output = (args.output or source / "public").absolute()
    diags = Diagnostics()
    targets = read_targets(source, diags, lang)
    if diags.errors:
        report(diags)
        return EXIT_CONTENT
    target = _choose(targets, args.target, lang)
    if args.no_build:
        when = _last_build(source, output)
        if when is None:
            print(say("no-last-build", lang, output=output, source=source), file=sys.stderr)
            return EXIT_CONTENT
        print(say("deploying-last", lang, output=output, target=target.label, when=when))
    else:
        before = _marker_digest(output)
        if cmd_build(_build_args(args)) != EXIT_OK:
            print(say("build-failed", lang, target=target.label), file=sys.stderr)
            return EXIT_CONTENT
        if before and before == _marker_digest(output):   # nothing to rebuild: the output is the last build's
            print(say("deploying-last", lang, output=output, target=target.label, when=_last_build(source, output)))
        else:
            print(say("deploying-new", lang, output=output, target=target.label))
    try:
        files = read_output(output, lang)
    except OutputChanged as exc:
        print(exc, file=sys.stderr)
        return EXIT_CONTENT
    context = Context(output=output, files=files, lang=lang, env=dict(os.environ), source=source)
    limit = target.max_deletes if args.max_deletes is None else args.max_deletes
    return EXIT_OK if deploy(open_target(target, context), limit, args.dry_run, lang) else EXIT_CONTENT


def _choose(targets: list[TargetSettings], name: str | None, lang: str) -> TargetSettings:
    if not targets:
        raise UsageError(f"{say('no-targets', lang)}\n    hint: {say('no-targets-hint', lang)}")
    if name is None:
        return targets[0]
    for target in targets:
        if target.name == name:
            return target
    raise UsageError(say("unknown-target", lang, name=name, names=", ".join(t.name for t in targets)))


def _build_args(args: argparse.Namespace) -> argparse.Namespace:
    """A plain build of the same source into the same output: never drafts, never future articles."""
    return argparse.Namespace(source=args.source, output=args.output, now=args.now, drafts=False, future=False,
                              base_url=None, no_cache=False, messages=getattr(args, "messages", None))


def _last_build(source: Path, output: Path) -> str | None:
    """When the last successful build of `source` wrote `output`, if the output is untouched since (else None)."""
    record_file = source / CACHE_DIR / RECORD_FILE
    try:
        record = json.loads(record_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    marker = _marker_digest(output)
    if not isinstance(record, dict) or record.get("output") != str(output) or not marker or record.get("marker") != marker:
        return None
    return datetime.fromtimestamp(record_file.stat().st_mtime).astimezone().isoformat(timespec="seconds")


def _marker_digest(output: Path) -> str:
    try:
        return hashlib.sha256((output / MARKER).read_bytes()).hexdigest()
    except OSError:
        return ""
