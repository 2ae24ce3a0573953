"""`build.py build`: load, plan, render and publish the site into its output folder."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sitegen.commands.common import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, options_from, report, source_of
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
from sitegen.publish.fences import OutputLock, check_contents, check_output_place, real_output, surveyed
from sitegen.publish.publisher import MARKER, Publisher, PublishError
from sitegen.recipe import PROJECT, generate, input_settings, theme_roots

MESSAGES = {
    "waiting": "note: another build is publishing into {output}; waiting for it to finish",
    "cache_link": ("note: {cache} is not a folder ({what}); building without the cache and writing nothing there: "
                   "delete it and the next build makes a real one"),
}


def cmd_build(args: argparse.Namespace) -> int:
    source = source_of(args)
    output = real_output((args.output or source / "public").absolute())   # a link's target: the link is kept
    try:
        check_output_place(output, source, PROJECT)
        with OutputLock(output).acquire(on_wait=lambda: print(MESSAGES["waiting"].format(output=output),
                                                              file=sys.stderr, flush=True)) as lock:
            check_contents(output, surveyed(output))
            return _build(args, source, output, lock)
    except PublishError as exc:
        print(f"build.py: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _cache_usable(source: Path) -> bool:
    """`.cache` must be a real folder (or absent): never write through a link to somewhere else."""
    cache = source / CACHE_DIR
    if not os.path.lexists(cache) or (cache.is_dir() and not cache.is_symlink()):
        return True
    what = f"a link to {os.readlink(cache)}" if cache.is_symlink() else "a file"
    print(MESSAGES["cache_link"].format(cache=cache, what=what), file=sys.stderr)
    return False


def _build(args: argparse.Namespace, source: Path, output: Path, lock: OutputLock) -> int:
    options = options_from(args, source)
    options.use_cache = options.use_cache and _cache_usable(source)
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
        publisher = Publisher(output, spare=source / CACHE_DIR / "spare" if options.use_cache else None, lock=lock)
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
