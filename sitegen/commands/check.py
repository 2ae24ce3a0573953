"""`build.py check`: the build without publishing, plus links, anchors, feeds, calendars and translations."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

from sitegen.commands.common import EXIT_CONTENT, EXIT_OK, language_of, options_from, source_of
from sitegen.diagnostics import Diagnostic, Diagnostics, summary
from sitegen.load.config import load_config
from sitegen.load.content import load_entries
from sitegen.messages import Msg, Text, render
from sitegen.model import Entry, SiteConfig
from sitegen.recipe import BuildOptions, BuildResult, generate
from sitegen.verify.links import SiteChecker
from sitegen.verify.translations import TranslationGap, format_table, translation_gaps


@dataclass
class CheckReport:
    """Everything `check` found: diagnostics, what was checked, notes, and the translation work."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[Text] = field(default_factory=list)
    translations: list[TranslationGap] = field(default_factory=list)
    built: bool = False
    links_checked: bool = False   # the build failed, but the files without errors were checked in a second pass

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
    else:
        report.links_checked = _second_pass(options, diags, report)
    found = diags.errors + diags.warnings
    report.diagnostics = [replace(d, severity="error") for d in found] if strict else found
    report.diagnostics.sort(key=lambda d: (d.severity != "error", d.path, d.line, d.message))
    config, entries = _entries(options, result)
    if config is not None:
        broken = frozenset(d.path for d in diags.errors)
        report.translations = translation_gaps(entries, list(config.languages), list(config.sections), broken,
                                               drafts=True)
    return report


class _Lenient(Diagnostics):
    """For the second pass: the errors of files already reported do not stop the build (those files are left out)."""

    def __init__(self, skip: set[str]):
        super().__init__()
        self.skip = skip

    def has_errors(self) -> bool:
        return any(d.severity == "error" and d.path not in self.skip for d in self.items)


def _second_pass(options: BuildOptions, diags: Diagnostics, report: CheckReport) -> bool:
    """The build failed: build again leaving out the files with errors, and check that site's links and anchors,
    so one run reports every problem. Links written as .md files were checked by the build itself."""
    paths = {d.path for d in diags.errors}
    if not paths or any(not p.startswith("content/") for p in paths):
        return False   # site.toml or a template is broken: there is no site to check
    result = generate(options, _Lenient(paths))   # (its messages were all reported by the first pass)
    if result is None or result.site is None:
        return False
    links = Diagnostics()
    report.counts = SiteChecker(result.files, result.sources, result.site.config, options.source, links).run()
    for item in links.errors:
        if not (item.text and item.text.id == "linkcheck" and str(dict(item.text.args)["value"]).endswith(".md")):
            diags.items.append(item)
    return True


def _entries(options: BuildOptions, result: BuildResult | None) -> tuple[SiteConfig | None, tuple[Entry, ...]]:
    """Every entry that loads, drafts included (the report says which translations are in progress)."""
    if result is not None and result.site is not None and (options.drafts or not result.left_out):
        return result.site.config, result.site.entries
    quiet = Diagnostics()
    config = load_config(options.source, quiet, options.base_url)
    if config is None:
        return None, ()
    entries, _ = load_entries(options.source, config, options.now, True, options.future, quiet)
    return config, tuple(entries)


def format_text(report: CheckReport, lang: str = "en") -> str:
    lines = [d.format(lang) for d in report.diagnostics]
    note = render(Msg("label-note"), lang)
    lines.extend(f"{note} {render(item, lang)}" for item in report.notes)
    c = report.counts
    counts = {name: c.get(name, 0) for name in ("pages", "links", "feeds", "calendars")}
    if report.built:
        lines.append(render(Msg("check-counts", **counts), lang))
    elif report.links_checked:
        lines.append(render(Msg("check-counts-partial", **counts), lang))
    else:
        lines.append(render(Msg("check-not-built"), lang))
    lines.append(summary(len(report.errors), len(report.warnings), lang))
    return "\n".join(lines) + "\n\n" + format_table(report.translations, lang)


def _diagnostic(d: Diagnostic, lang: str) -> dict[str, Any]:
    message, hint = d.shown(lang)
    return {"path": d.path, "line": d.line, "severity": d.severity, "message": message, "hint": hint,
            "id": d.text.id if d.text else None}


def format_json(report: CheckReport, lang: str = "en") -> str:
    data: dict[str, Any] = {
        "ok": not report.errors, "errors": len(report.errors), "warnings": len(report.warnings),
        "diagnostics": [_diagnostic(d, lang) for d in report.diagnostics],
        "built": report.built, "checked": report.counts, "notes": [render(note, lang) for note in report.notes],
        "translations": [gap.as_dict() for gap in report.translations],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def cmd_check(args: argparse.Namespace, stream: TextIO | None = None) -> int:
    source: Path = source_of(args)
    report = run_check(options_from(args, source), strict=args.strict)
    out = stream or sys.stdout
    lang = language_of(args)
    out.write(format_json(report, lang) if args.format == "json" else format_text(report, lang))
    return EXIT_CONTENT if report.errors else EXIT_OK
