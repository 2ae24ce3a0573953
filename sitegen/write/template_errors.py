"""Template mistakes reported where they are: once per template line, with how many pages they break.

A mistake in `base.html` breaks every page; Jinja2's traceback names the page's own template
(the `extends` line) first and the internal class of the value last. Editors and designers need
the opposite: the file and line that has the mistake, the name that is wrong, and a hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from sitegen.diagnostics import Diagnostics
from sitegen.messages import Msg

_NO_ATTRIBUTE = re.compile(r"^'(?:[\w.]+ object|[^']*)' has no attribute '(?P<name>[^']+)'$")
_UNDEFINED = re.compile(r"^'(?P<name>[^']+)' is undefined$")


@dataclass
class _Mistake:
    message: tuple[str, dict[str, str]]   # catalogue id and its values, but the pages
    hint: Msg
    pages: list[tuple[str, str]] = field(default_factory=list)   # (url path, source), in build order


class TemplateErrors:
    """Collects the failures of a build's pages, grouped by (template file, line, message)."""

    def __init__(self, folders: list[Path]):
        self.folders = [folder.resolve() for folder in folders]
        self.found: dict[tuple[str, int, str], _Mistake] = {}

    @classmethod
    def of(cls, env: jinja2.Environment) -> TemplateErrors:
        """For the template folders of `env` (a file loader, or a choice of them)."""
        loaders = getattr(env.loader, "loaders", [env.loader])
        return cls([Path(folder) for loader in loaders for folder in getattr(loader, "searchpath", [])])

    def add(self, exc: Exception, template: str, page: str, source: str) -> None:
        """One page (made from `source`) failed with `exc` while rendering `template`."""
        where, line = self._where(exc, template)
        message, hint = describe(exc)
        key = (where, line, message[0] + repr(sorted(message[1].items())))
        mistake = self.found.setdefault(key, _Mistake(message, hint))
        mistake.pages.append((page, source))

    def report(self, diags: Diagnostics) -> None:
        for (where, line, _), mistake in sorted(self.found.items()):
            count = len(mistake.pages)
            page, source = mistake.pages[0]
            pages = (Msg("template-pages", count=count, page=page, source=source) if count > 1
                     else Msg("template-page", page=page, source=source))
            message_id, values = mistake.message
            diags.error(where, line, Msg(message_id, pages=pages, **values), mistake.hint)

    def _where(self, exc: Exception, template: str) -> tuple[str, int]:
        """The innermost template frame of the traceback (Jinja2 maps its lines to the template's)."""
        if isinstance(exc, jinja2.TemplateSyntaxError):
            return self._shown(exc.filename, exc.name or template), exc.lineno or 0
        found = (f"templates/{template}", 0)
        tb = exc.__traceback__
        while tb is not None:
            filename = tb.tb_frame.f_code.co_filename
            if filename.endswith(".html"):
                found = (self._shown(filename, template), tb.tb_lineno)
            tb = tb.tb_next
        return found

    def _shown(self, filename: str | None, fallback: str) -> str:
        """templates/<name> for a file of the theme's folders (the site's own, or the default theme's)."""
        if filename:
            path = Path(filename).resolve()
            for folder in self.folders:
                if path.is_relative_to(folder):
                    return f"templates/{path.relative_to(folder).as_posix()}"
        return f"templates/{fallback}"


def describe(exc: Exception) -> tuple[tuple[str, dict[str, str]], Msg]:
    """What is wrong, in the template's own terms (a catalogue id and its values), and how to fix it."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return ("template-syntax", {"problem": str(exc.message)}), Msg("hint-template-syntax")
    text = str(exc)
    if isinstance(exc, jinja2.UndefinedError):
        undefined, missing = _UNDEFINED.match(text), _NO_ATTRIBUTE.match(text)
        if undefined:
            return ("template-undefined", {"name": undefined["name"]}), Msg("hint-template-undefined")
        if missing:
            return ("template-no-field", {"name": missing["name"]}), Msg("hint-template-no-field")
    return ("template-error", {"problem": f"{type(exc).__name__}: {text}"}), Msg("hint-template-error")
