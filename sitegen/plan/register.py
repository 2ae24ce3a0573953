"""The document register: which columns it shows (never one that is empty in every row)."""

from __future__ import annotations

from sitegen.model import Document
from sitegen.plan.views import EntryView

# In the register's order; "text" is the full text: the file, else the official copy.
COLUMNS = ("form", "number", "title", "issuer", "issued", "effective", "status", "text")


def cell_value(view: EntryView, column: str) -> object:
    """What a row shows in a column (falsy when the cell is empty)."""
    doc: Document = view.document
    if column == "title":
        return view.title
    if column == "text":
        return doc.file or doc.url
    return getattr(doc, column)


def register_columns(views: list[EntryView]) -> list[str]:
    """The columns at least one document fills, in register order."""
    return [column for column in COLUMNS if any(cell_value(view, column) for view in views)]
