"""`build.py build`: load, plan, render and publish the site into its output folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sitegen.commands.common import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, options_from, report, source_of
from sitegen.diagnostics import Diagnostics
from sitegen.incremental.build_cache import IncrementalCache
from sitegen.incremental.cache import CACHE_DIR
from sitegen.incremental.inputs import (
    input_digest,
    is_up_to_date,
    load_file_memo,
    save_file_memo,
    save_page_keys,
    save_record,
)
from sitegen.load.theme import PROJECT, theme_roots
from sitegen.memo import NullCache
from sitegen.publish.publisher import MARKER, Publisher, PublishError, check_output_folder
from sitegen.recipe import BuildOptions, generate, input_settings


def cmd_build(args: argparse.Namespace) -> int:
    """Build the site into its output folder; with the cache unless `--no-cache`."""
    source = source_of(args)
    output = (args.output or source / "public").absolute()
    try:
        check_output_folder(output, source, PROJECT)
    except PublishError as exc:
        print(f"build.py: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    options = options_from(args, source)
    use_cache = not args.no_cache
    file_digests: dict[str, str] = {}
    digest = _input_digest(source, options, file_digests) if use_cache else ""
    if digest and is_up_to_date(source, output, digest, options.now, MARKER):
        print(f"No changes since the last build: {output} is up to date.")
        return EXIT_OK
    cache = (IncrementalCache(source, options.now, one_shot=True, output=output, file_digests=file_digests)
             if use_cache else NullCache(one_shot=True))
    diags = Diagnostics()
    try:
        publisher = Publisher(output, spare=source / CACHE_DIR / "spare" if use_cache else None)
        result = generate(options, diags, cache, sink=publisher.add)
        if result is None:
            publisher.abort()
        else:
            written, reused = publisher.commit()
    except PublishError as exc:
        report(diags)
        print(f"build.py: error: {exc}; the previous output was left as it was", file=sys.stderr)
        return EXIT_CONTENT
    report(diags)
    if result is None:
        print(f"Build failed; {output} was left as it was.", file=sys.stderr)
        return EXIT_CONTENT
    if isinstance(cache, IncrementalCache):
        save_record(source, output, digest, cache.window, MARKER)
        save_page_keys(source, output, cache.page_keys)
    for note in result.left_out:
        print(f"note: {note}", file=sys.stderr)
    pages = sum(1 for p in publisher.manifest if p.endswith(".html"))
    print(f"Built {pages} pages, {len(publisher.manifest)} files into {output} ({written} written, {reused} unchanged).")
    return EXIT_OK


def _input_digest(source: Path, options: BuildOptions, file_digests: dict[str, str]) -> str:
    """A digest of every input (files, settings), each content file's own digest left in `file_digests`."""
    memo = load_file_memo(source)
    digest = input_digest(source, theme_roots(source), input_settings(options), file_digests, memo)
    if memo.changed:
        save_file_memo(source, memo)
    return digest
