"""Hard-link the previous output's files into a staging folder, in a process of its own.

Run by publish.Publisher as `python -I -S linker.py OLD NEW` with one relative path per line
on stdin, while the build goes on planning and rendering on the other core: at 2,000 article
pairs the previous output is 6,500 files in 5,700 folders, and creating those folders and
links costs more than half a second that a one-file edit need not wait for. Paths that could
not be linked are written back on stdout, one per line; the publisher deals with them.
Standard library only, and no site-packages (`-S`): it starts in a few milliseconds.
"""

from __future__ import annotations

import os
import sys


def link_all(old: str, new: str, paths: list[str]) -> list[str]:
    """Link each path of `old` at the same place under `new`; returns the paths that failed."""
    made: set[str] = set()
    failed = []
    for path in paths:
        folder = os.path.dirname(path)
        try:
            if folder not in made:
                os.makedirs(os.path.join(new, folder), exist_ok=True)
                made.add(folder)
            os.link(os.path.join(old, path), os.path.join(new, path))
        except OSError:
            failed.append(path)
    return failed


def main() -> int:
    old, new = sys.argv[1], sys.argv[2]
    paths = [line for line in sys.stdin.buffer.read().decode("utf-8").split("\n") if line]
    sys.stdout.buffer.write("".join(f"{path}\n" for path in link_all(old, new, paths)).encode("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
