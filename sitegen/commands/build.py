"""`build.py build`: load, plan, render and publish the site into its output folder."""

from __future__ import annotations

import argparse
import sys

from sitegen.commands.common import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, fail, language_of, options_from, report, say, source_of
from sitegen.diagnostics import Diagnostics
from sitegen.incremental.cache import CACHE_DIR
from sitegen.incremental.inputs import (
    FileMemo,
    input_digest,
    is_up_to_date,
    load_file_memo,
    save_file_memo,
    save_page_keys,
    save_record,
)
from sitegen.messages import Msg
from sitegen.publish.publisher import MARKER, Publisher, PublishError, check_output_folder
from sitegen.recipe import PROJECT, generate, input_settings, theme_roots


def cmd_build(args: argparse.Namespace) -> int:
    source = source_of(args)
    lang = language_of(args)
    output = (args.output or source / "public").absolute()
    try:
        check_output_folder(output, source, PROJECT)
    except PublishError as exc:
        fail(exc.text, lang)
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
        say(Msg("build-up-to-date", output=str(output)), lang)
        return EXIT_OK
    diags = Diagnostics()
    try:
        publisher = Publisher(output, spare=source / CACHE_DIR / "spare" if options.use_cache else None)
        result = generate(options, diags, sink=publisher.add)
    except PublishError as exc:
        report(diags, lang=lang)
        fail(Msg("publish-failed", problem=exc.text), lang)
        return EXIT_CONTENT
    report(diags, lang=lang)
    if result is None:
        publisher.abort()
        say(Msg("build-failed", output=str(output)), lang, sys.stderr)
        return EXIT_CONTENT
    try:
        written, reused = publisher.commit()
    except PublishError as exc:
        fail(Msg("publish-failed", problem=exc.text), lang)
        return EXIT_CONTENT
    if digest:
        save_record(source, output, digest, result.window, MARKER)
        save_page_keys(source, output, result.page_keys)
    for note in result.left_out:
        say(Msg("note", note=note), lang, sys.stderr)
    pages = sum(1 for p in publisher.manifest if p.endswith(".html"))
    say(Msg("build-done", pages=pages, files=len(publisher.manifest), output=str(output), written=written,
            reused=reused), lang)
    return EXIT_OK
