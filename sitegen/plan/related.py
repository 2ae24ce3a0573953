"""What an article page shows beside its text: the articles next to it in its section.

The neighbours by date (newer and older), not "the latest of the section": a page then depends
on a few other articles only, so an edit re-renders a handful of pages, never a whole section.
"""

from __future__ import annotations

from sitegen.plan.views import EntryView

NEIGHBOURS = 2   # on each side: up to two newer and two older articles


def neighbours(in_section: list[EntryView], view: EntryView, count: int = NEIGHBOURS) -> list[EntryView]:
    """Up to `count` newer then `count` older articles around `view` in its section (newest first)."""
    try:
        index = next(i for i, other in enumerate(in_section) if other is view)
    except StopIteration:   # a draft or future article shown by the preview: not listed in its section
        return in_section[:2 * count]
    return in_section[max(0, index - count):index] + in_section[index + 1:index + 1 + count]
