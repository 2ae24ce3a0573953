"""Delete a folder of ours, its marker last, never following a link: run in-process or detached.

Run by outfolder.py as `python -I -S deleter.py FOLDER MARKER` for a large previous output, so
the build returns at once. The marker goes last: a deletion interrupted half-way leaves a folder
that still proves it is ours, which the next build deletes again. Standard library only.
"""

from __future__ import annotations

import os
import shutil
import sys


def delete_marker_last(folder: str, marker: str) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name == marker:
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
        except OSError:
            pass
    try:
        os.unlink(os.path.join(folder, marker))
        os.rmdir(folder)
    except OSError:
        pass


if __name__ == "__main__":
    delete_marker_last(sys.argv[1], sys.argv[2])
