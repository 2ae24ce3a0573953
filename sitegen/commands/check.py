"""`build.py check`: the build without publishing, plus links, anchors, feeds, calendars and translations."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

from sitegen.commands.common import EXIT_CONTENT, EXIT_OK, options_from, source_of
from sitegen.diagnostics import Diagnostic, Diagnostics
from sitegen.load.config import load_config
from sitegen.load.content import load_entries
from sitegen.model import Entry, SiteConfig
from sitegen.recipe import BuildOptions, BuildResult, generate
from sitegen.verify.links import SiteChecker
from sitegen.verify.translations import TranslationGap, format_table, translation_gaps


@dataclass
class CheckReport:
    """Everything `check` found: diagnostics, what was checked, notes, and the translation work."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    translations: list[TranslationGap] = field(default_factory=list)
    built: bool = False

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]


def run_check(options: BuildOptions, strict: bool = False) -> CheckReport:
    """Build in memory, read the result back, and list the translation work; nothing is published."""
    diags = Diagnostics()
    result = generate(options, diags)
    report = CheckReport(built=result is not None)
    if result is not None and result.site is not None:
        checker = SiteChecker(result.files, result.sources, result.site.config, options.source, diags)
        report.counts = checker.run()
        report.notes = list(result.left_out)
    found = diags.errors + diags.warnings
    report.diagnostics = [replace(d, severity="error") for d in found] if strict else found
    report.diagnostics.sort(key=lambda d: (d.severity != "error", d.path, d.line, d.message))
    config, entries = _entries(options, result)
    if config is not None:
        report.translations = translation_gaps(entries, list(config.languages), list(config.sections))
    return report


def _entries(options: BuildOptions, result: BuildResult | None) -> tuple[SiteConfig | None, tuple[Entry, ...]]:
    """The entries the build used; when it failed, those that could be loaded (errors are already reported)."""
    if result is not None and result.site is not None:
        return result.site.config, result.site.entries
    quiet = Diagnostics()
    config = load_config(options.source, quiet, options.base_url)
    if config is None:
        return None, ()
    entries, _ = load_entries(options.source, config, options.now, options.drafts, options.future, quiet)
    return config, tuple(entries)


def format_text(report: CheckReport) -> str:
    lines = [d.format() for d in report.diagnostics]
    lines.extend(f"note: {note}" for note in report.notes)
    if report.built:
        c = report.counts
        lines.append(f"Checked {c.get('pages', 0)} pages, {c.get('links', 0)} internal links, "
                     f"{c.get('feeds', 0)} feeds, {c.get('calendars', 0)} calendars.")
    else:
        lines.append("The build failed, so links, feeds and calendars were not checked.")
    lines.append(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)")
    table = format_table(report.translations)
    if not report.built:
        table = "(files with errors are left out of the translation report)\n" + table
    return "\n".join(lines) + "\n\n" + table


def format_json(report: CheckReport) -> str:
    data: dict[str, Any] = {
        "ok": not report.errors, "errors": len(report.errors), "warnings": len(report.warnings),
        "diagnostics": [{"path": d.path, "line": d.line, "severity": d.severity, "message": d.message,
                         "hint": d.hint} for d in report.diagnostics],
        "built": report.built, "checked": report.counts, "notes": report.notes,
        "translations": [gap.as_dict() for gap in report.translations],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def cmd_check(args: argparse.Namespace, stream: TextIO | None = None) -> int:
    source: Path = source_of(args)
    report = run_check(options_from(args, source), strict=args.strict)
    out = stream or sys.stdout
    out.write(format_json(report) if args.format == "json" else format_text(report))
    return EXIT_CONTENT if report.errors else EXIT_OK
