"""Problems found in a site, collected so that every one is reported in a single run."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem: where it is (site-relative path, 1-based line or 0) and what to do."""

    path: str
    line: int
    message: str
    hint: str = ""
    severity: str = "error"

    def format(self) -> str:
        """`path:line: message (hint)`, the shape editors and editors' tools expect."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        label = "" if self.severity == "error" else f"{self.severity}: "
        text = f"{where}: {label}{self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


@dataclass
class Diagnostics:
    """Collector passed through loading; nothing raises for bad content, everything lands here."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, path: str, line: int, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(path, line, message, hint, "error"))

    def warning(self, path: str, line: int, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(path, line, message, hint, "warning"))

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
