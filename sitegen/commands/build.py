"""`build.py build`: load, plan, render and publish the site into its output folder.

One build at a time per output folder (a lock the kernel releases even after `kill -9`); a
symlinked output is published into its target; files in the output the tool did not create
are refused by name, every build.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sitegen.commands.common import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, fail, language_of, options_from, report, say, source_of
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
from sitegen.messages import Msg
from sitegen.publish.fences import OutputLock, check_contents, check_output_place, real_output, surveyed
from sitegen.publish.publisher import MARKER, Publisher, PublishError
from sitegen.recipe import BuildOptions, generate, input_settings


def cmd_build(args: argparse.Namespace) -> int:
    """Build the site into its output folder; with the cache unless `--no-cache` (or `.cache` is not a folder)."""
    source = source_of(args)
    lang = language_of(args)
    output = real_output((args.output or source / "public").absolute())   # a link's target: the link is kept
    try:
        check_output_place(output, source, PROJECT)
        waiting = Msg("build-waiting", output=str(output))
        with OutputLock(output).acquire(on_wait=lambda: say(waiting, lang, sys.stderr, flush=True)) as lock:
            check_contents(output, surveyed(output))
            return _build(args, source, output, lock, lang)
    except PublishError as exc:
        fail(exc.text, lang)
        return EXIT_USAGE


def _build(args: argparse.Namespace, source: Path, output: Path, lock: OutputLock, lang: str) -> int:
    options = options_from(args, source)
    use_cache = not args.no_cache and _cache_usable(source, lang)
    file_digests: dict[str, str] = {}
    digest = _input_digest(source, options, file_digests) if use_cache else ""
    if digest and is_up_to_date(source, output, digest, options.now, MARKER):
        say(Msg("build-up-to-date", output=str(output)), lang)
        return EXIT_OK
    cache = (IncrementalCache(source, options.now, one_shot=True, output=output, file_digests=file_digests)
             if use_cache else NullCache(one_shot=True))
    diags = Diagnostics()
    try:
        publisher = Publisher(output, spare=source / CACHE_DIR / "spare" if use_cache else None, lock=lock)
        result = generate(options, diags, cache, sink=publisher.add)
        if result is None:
            publisher.abort()
        else:
            written, reused = publisher.commit()
    except PublishError as exc:
        report(diags, lang=lang)
        fail(Msg("publish-failed", problem=exc.text), lang)
        return EXIT_CONTENT
    report(diags, lang=lang)
    if result is None:
        say(Msg("build-failed", output=str(output)), lang, sys.stderr)
        return EXIT_CONTENT
    if isinstance(cache, IncrementalCache):
        save_record(source, output, digest, cache.window, MARKER)
        save_page_keys(source, output, cache.page_keys)
    for note in result.left_out:
        say(Msg("note", note=note), lang, sys.stderr)
    pages = sum(1 for p in publisher.manifest if p.endswith(".html"))
    say(Msg("build-done", pages=pages, files=len(publisher.manifest), output=str(output), written=written,
            reused=reused), lang)
    return EXIT_OK


def _cache_usable(source: Path, lang: str) -> bool:
    """`.cache` must be a real folder (or absent): never write through a link to somewhere else."""
    cache = source / CACHE_DIR
    if not os.path.lexists(cache) or (cache.is_dir() and not cache.is_symlink()):
        return True
    what = Msg("cache-a-link", target=os.readlink(cache)) if cache.is_symlink() else Msg("cache-a-file")
    say(Msg("cache-not-folder", cache=str(cache), what=what), lang, sys.stderr)
    return False


def _input_digest(source: Path, options: BuildOptions, file_digests: dict[str, str]) -> str:
    """A digest of every input (files, settings), each content file's own digest left in `file_digests`."""
    memo = load_file_memo(source)
    digest = input_digest(source, theme_roots(source), input_settings(options), file_digests, memo)
    if memo.changed:
        save_file_memo(source, memo)
    return digest
