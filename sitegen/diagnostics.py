"""Problems found in a site, collected so that every one is reported in a single run.

A problem is given either as plain text (shown as it is) or as a catalogue message
(`sitegen.messages.Msg`), which is shown in the editors' language when it is reported:
`format(lang)`. `message` and `hint` always hold the English text, for code and tools.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sitegen.messages import Msg, Text, render


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem: where it is (site-relative path, 1-based line or 0) and what to do."""

    path: str
    line: int
    message: str
    hint: str = ""
    severity: str = "error"
    text: Msg | None = field(default=None, compare=False)        # the message by id, when it has one
    hint_text: Msg | None = field(default=None, compare=False)

    def shown(self, lang: str = "en") -> tuple[str, str]:
        """(message, hint) in `lang`."""
        message = self.text.render(lang) if self.text is not None else self.message
        hint = self.hint_text.render(lang) if self.hint_text is not None else self.hint
        return message, hint

    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def format(self, lang: str = "en") -> str:
        """`path:line: message` and an indented hint line: the shape editors and their tools expect."""
        message, hint = self.shown(lang)
        label = "" if self.severity == "error" else render(Msg(f"label-{self.severity}"), lang) + " "
        text = f"{self.where()}: {label}{message}"
        if hint:
            text += "\n    " + render(Msg("label-hint"), lang) + " " + hint
        return text

    def to_data(self) -> list[Any]:
        """JSON-ready (the entry cache keeps the warnings of unchanged files)."""
        return [self.path, self.line, self.message, self.hint, self.severity,
                self.text.to_data() if self.text else None, self.hint_text.to_data() if self.hint_text else None]

    @staticmethod
    def from_data(data: list[Any]) -> Diagnostic:
        path, line, message, hint, severity, *rest = data
        text, hint_text = (Msg.from_data(item) if item else None for item in [*rest, None, None][:2])
        return Diagnostic(path, line, message, hint, severity,
                          text if isinstance(text, Msg) else None, hint_text if isinstance(hint_text, Msg) else None)


def make(path: str, line: int, message: Text, hint: Text = "", severity: str = "error") -> Diagnostic:
    """A diagnostic from plain text or catalogue messages."""
    return Diagnostic(path, line, render(message, "en"), render(hint, "en") if hint else "", severity,
                      message if isinstance(message, Msg) else None, hint if isinstance(hint, Msg) else None)


@dataclass
class Diagnostics:
    """Collector passed through loading; nothing raises for bad content, everything lands here."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, path: str, line: int, message: Text, hint: Text = "") -> None:
        self.items.append(make(path, line, message, hint, "error"))

    def warning(self, path: str, line: int, message: Text, hint: Text = "") -> None:
        self.items.append(make(path, line, message, hint, "warning"))

    def extend(self, other: Diagnostics) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return sorted(d for d in self.items if d.severity == "error")

    @property
    def warnings(self) -> list[Diagnostic]:
        return sorted(d for d in self.items if d.severity == "warning")

    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.items)


def summary(errors: int, warnings: int, lang: str) -> str:
    """"2 lỗi, 0 cảnh báo" / "2 error(s), 0 warning(s)"."""
    return render(Msg("summary-problems", errors=errors, warnings=warnings), lang)
