"""Command line: which command, which options (argparse only); the commands do the work."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sitegen.commands.build import cmd_build
from sitegen.commands.check import cmd_check
from sitegen.commands.common import EXIT_USAGE, UsageError, fail, language_of, messages_language, resolve_now
from sitegen.commands.deploy import cmd_deploy
from sitegen.commands.new import cmd_new
from sitegen.commands.serve import cmd_serve

__all__ = ["UsageError", "main", "parser", "resolve_now"]


class _Parser(argparse.ArgumentParser):
    lang = "en"   # set by main() from --messages / site.toml before parsing

    def error(self, message: str) -> None:  # exit 2 with our own words, as the contract says
        self.print_usage(sys.stderr)
        fail(argparse_message(message), _Parser.lang)
        raise SystemExit(EXIT_USAGE)


_ARGPARSE = (("the following arguments are required: ", "args-required"), ("unrecognized arguments: ", "args-unknown"),
             ("invalid choice: ", "args-choice"), ("expected one argument", "args-one"),
             ("invalid int value: ", "args-int"))


def argparse_message(message: str):
    """argparse's own English errors, as catalogue messages where we know them."""
    from sitegen.messages import Msg

    for prefix, key in _ARGPARSE:
        if prefix in message:
            return Msg(key, detail=message.split(prefix, 1)[1], whole=message)
    return message


def _prescan(argv: list[str]) -> str:
    """The language of messages before argparse has read the command line (its errors need it)."""
    def value(name: str) -> str | None:
        for i, arg in enumerate(argv):
            if arg == name and i + 1 < len(argv):
                return argv[i + 1]
            if arg.startswith(name + "="):
                return arg.split("=", 1)[1]
        return None

    source = value("--source")
    return messages_language(value("--messages"), Path(source).absolute() if source else None)


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
    _messages(serve)
    serve.add_argument("--desk-token", default=None,
                       help="with --host beyond loopback: turn the editors' desk (/admin/) on, opened with ?token=TOKEN")
    new = sub.add_parser("new", help="scaffold an article")
    new.add_argument("section", help="a section key from site.toml, or 'pages' for a standalone page")
    new.add_argument("name", help="file name as a slug, e.g. hoi-thao-khoi-nghiep")
    new.add_argument("--lang", default=None, choices=("vi", "en"), help="language of the new file")
    new.add_argument("--translate-from", choices=("vi", "en"), default=None,
                     help="start the translation of an existing article in this language")
    new.add_argument("--source", type=Path, default=None, help="site folder holding site.toml")
    new.add_argument("--now", help="fix 'today' (ISO date-time) for the date: field")
    _messages(new)
    deploy = sub.add_parser("deploy", help="build, then upload what changed to a target of site.toml")
    deploy.add_argument("target", nargs="?", default=None, help="a [deploy.NAME] of site.toml (default: the first)")
    deploy.add_argument("--dry-run", action="store_true", help="list what would be uploaded and deleted; change nothing")
    deploy.add_argument("--source", type=Path, default=None, help="site folder holding site.toml")
    deploy.add_argument("--output", type=Path, help="output folder (default: public/ beside site.toml)")
    deploy.add_argument("--no-build", action="store_true", help="deploy the last successful build as it is")
    deploy.add_argument("--max-deletes", type=int, default=None, help="allow this many deletions this once")
    deploy.add_argument("--now", help="fix 'today' (ISO date-time) for the build")
    _messages(deploy)
    return root


def _messages(p: argparse.ArgumentParser) -> None:
    p.add_argument("--messages", choices=("vi", "en"), default=None,
                   help="language of messages (default: [editor] language, else the site's default language)")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--source", type=Path, default=None, help="site folder holding site.toml (default: this project)")
    p.add_argument("--drafts", action="store_true", help="include drafts")
    p.add_argument("--future", action="store_true", help="include articles dated in the future")
    p.add_argument("--now", help="fix 'today' (ISO date-time) for reproducible builds")
    _messages(p)


def main(argv: list[str]) -> int:
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv = ["build", *argv]
    _Parser.lang = _prescan(argv)
    args = parser().parse_args(argv)
    try:
        if args.command == "build":
            return cmd_build(args)
        if args.command == "check":
            return cmd_check(args)
        if args.command == "serve":
            return cmd_serve(args)
        if args.command == "new":
            return cmd_new(args)
        if args.command == "deploy":
            return cmd_deploy(args)
    except UsageError as exc:
        fail(exc.text, language_of(args))
        return EXIT_USAGE
    parser().print_help()
    return EXIT_USAGE
