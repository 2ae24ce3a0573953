"""The catalogue as a Markdown listing for the editors' guide (`python -m sitegen.messages.listing`)."""

from __future__ import annotations

import re

from sitegen.messages import CATALOGUE, catalogue

_HEADING = re.compile(r"^# ---- (.+?) -+$")
_ID = re.compile(r"^\[([a-z0-9-]+)\]$")


def sections() -> list[tuple[str, list[str]]]:
    """(heading, ids) in the catalogue's order, from its `# ---- heading ----` comments."""
    found: list[tuple[str, list[str]]] = []
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        heading, key = _HEADING.match(line), _ID.match(line)
        if heading:
            found.append((heading.group(1), []))
        elif key and found:
            found[-1][1].append(key.group(1))
    return found


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("{{", "{").replace("}}", "}")


def markdown_listing() -> str:
    """Every message: its id, the Vietnamese text and the English one, grouped as in the catalogue."""
    texts = catalogue()
    parts = []
    for heading, keys in sections():
        rows = [f"| `{key}` | {_cell(texts[key]['vi'])} | {_cell(texts[key]['en'])} |" for key in keys]
        parts.append(f"#### {heading}\n\n| mã | tiếng Việt | English |\n|---|---|---|\n" + "\n".join(rows) + "\n")
    return "\n".join(parts)


if __name__ == "__main__":
    print(markdown_listing(), end="")
