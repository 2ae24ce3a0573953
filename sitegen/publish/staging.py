"""Staging strategies: how the folder that becomes the output gets the previous output's files.

Only the previous output's *trusted* files (markers.py: exactly as the last build wrote them)
are ever kept, and a file is never written into: kept files are new hard links (or copies),
new files are new inodes. Three strategies, picked by `choose_staging` (tests inject others):

- Direct: an empty folder; each kept file is linked (else copied) from the output as it comes.
- Linker: linker.py links every trusted file into an empty folder on the other core while
  the build renders (first rebuild, `--no-cache`).
- Spare: the output before the previous one, kept by the last swap, taken as it is. It shares
  every file that did not change since with the output, so it needs only a few changes.

With the last two, new files wait in an overlay folder; `finish` walks the staging folder once
and makes it hold exactly the new site: what is not wanted goes (whatever it is), a kept path
whose inode is not the output's trusted file is linked again, new files are moved over.
Nothing in a spare is believed: a tampered or stale one only costs links.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

from sitegen.publish.markers import MARKER, Stat, folders_of, stat_of, write_marker
from sitegen.publish.outfolder import delete_in_background, delete_marker_last, is_ours


class Direct:
    """An empty staging folder, filled file by file."""

    kind = "direct"

    def __init__(self, output: Path, previous: dict[str, Stat]):
        self.output, self.previous = output, previous
        self.folder = output.parent / f".{output.name}.staging-{os.getpid()}"
        self.overlay: Path | None = None
        self.made: set[str] = set()   # folders known to exist
        self.start()

    def start(self) -> None:
        self.folder.mkdir()
        write_marker(self.folder, {})   # ours from the start: a killed build's folder is recognised

    def keep(self, path: str) -> Stat:
        """Put the previous output's file at `path` (OSError when it cannot); its stat at commit."""
        return self._link(path, self.folder)

    def _link(self, path: str, root: Path) -> Stat:
        target = self.parent_of(root, path) + "/" + path.rsplit("/", 1)[-1]
        source = os.path.join(self.output, path)
        try:
            os.link(source, target, follow_symlinks=False)
        except OSError:
            if not stat.S_ISREG(os.lstat(source).st_mode):
                raise
            shutil.copyfile(source, target)   # another file system, or too many links: a new file
            return stat_of(target)
        if stat_of(target) != self.previous[path]:   # replaced during the build (by a link, say)
            os.unlink(target)
            raise OSError(16, "changed while the site was being built", source)
        return self.previous[path]

    def new_file(self, path: str) -> str:
        """Where the new bytes of `path` are written (a file that does not exist yet)."""
        return self.parent_of(self.overlay or self.folder, path) + "/" + path.rsplit("/", 1)[-1]

    def parent_of(self, root: Path, path: str) -> str:
        folder = os.path.join(root, path.rsplit("/", 1)[0]) if "/" in path else str(root)
        if folder not in self.made:
            os.makedirs(folder, exist_ok=True)
            self.made.add(folder)
        return folder

    def finish(self, manifest: dict[str, str], stats: dict[str, Stat], new: set[str]) -> dict[str, Stat]:
        """Complete the folder; returns the stat of every file it holds (`stats`: those known so far,
        `new`: the paths written by this build)."""
        return stats

    def abort(self) -> None:
        if self.folder.is_dir():
            delete_marker_last(self.folder)


class Overlaid(Direct):
    """A staging folder whose previous files arrive by themselves; new files wait in an overlay."""

    def start(self) -> None:
        self.fill()
        self.overlay = self.output.parent / f".{self.output.name}.staging-{os.getpid()}-new"
        self.overlay.mkdir()
        write_marker(self.overlay, {})

    def fill(self) -> None:
        super().start()

    def keep(self, path: str) -> Stat:
        return self.previous[path]   # `finish` makes it so

    def finish(self, manifest: dict[str, str], stats: dict[str, Stat], new: set[str]) -> dict[str, Stat]:
        assert self.overlay is not None
        self.wait()
        present = self.prune(manifest, new)
        result: dict[str, Stat] = {}
        self.made = {folder for folder in self.made if folder.startswith(str(self.overlay))}   # pruned maybe
        for path in manifest:
            if path in new:
                os.replace(os.path.join(self.overlay, path), self.new_file_in_folder(path))
                result[path] = stats[path]
            elif path in present:
                result[path] = self.previous[path]
            else:
                result[path] = self._link(path, self.folder)
        shutil.rmtree(self.overlay, ignore_errors=True)
        return result

    def new_file_in_folder(self, path: str) -> str:
        return self.parent_of(self.folder, path) + "/" + path.rsplit("/", 1)[-1]

    def wait(self) -> None:
        """Wait for whatever fills the folder."""

    def prune(self, manifest: dict[str, str], new: set[str]) -> set[str]:
        """Remove from the folder everything that must not stay; returns the kept paths already right."""
        folders, present = folders_of(manifest), set()
        stack = [("", str(self.folder))]
        while stack:
            rel, where = stack.pop()
            with os.scandir(where) as entries:
                for entry in list(entries):
                    name = rel + entry.name
                    is_dir = entry.is_dir(follow_symlinks=False)
                    if (not rel and name == MARKER) or (name in new and not is_dir):
                        continue   # replaced at commit
                    if name in manifest and not is_dir and self._same(entry, name):
                        present.add(name)
                    elif is_dir and name in folders:
                        stack.append((name + "/", entry.path))
                    elif is_dir:
                        shutil.rmtree(entry.path)
                    else:
                        os.unlink(entry.path)
        return present

    def _same(self, entry: os.DirEntry, name: str) -> bool:
        """The entry is the output's trusted file itself (the directory's inode, else lstat's)."""
        wanted = self.previous.get(name)
        if wanted is None or not entry.is_file(follow_symlinks=False):
            return False
        return entry.inode() == wanted[0] or entry.stat(follow_symlinks=False).st_ino == wanted[0]

    def abort(self) -> None:
        self.wait()
        if self.overlay is not None:
            shutil.rmtree(self.overlay, ignore_errors=True)
        super().abort()


class Linker(Overlaid):
    """linker.py links the trusted files into the staging folder, in a process of its own."""

    kind = "linker"

    def fill(self) -> None:
        super().fill()
        self.process: subprocess.Popen | None = None
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-I", "-S", str(Path(__file__).with_name("linker.py")), str(self.output),
                 str(self.folder)], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                close_fds=True)
        except OSError:
            return   # `finish` links everything in-process
        try:
            assert self.process.stdin is not None
            self.process.stdin.write("".join(f"{path}\n" for path in sorted(self.previous)).encode("utf-8"))
            self.process.stdin.close()
        except OSError:
            self.process.kill()   # `finish` links what the linker did not

    def wait(self) -> None:
        if self.process is not None:
            self.process.wait()
            self.process = None

    def abort(self) -> None:
        if self.process is not None:
            self.process.kill()
        super().abort()


class Spare(Overlaid):
    """The spare folder, renamed to be the staging folder (same file system only)."""

    kind = "spare"

    def __init__(self, output: Path, previous: dict[str, Stat], spare: Path):
        self.spare_folder = spare
        super().__init__(output, previous)

    def fill(self) -> None:
        os.rename(self.spare_folder, self.folder)   # OSError across file systems: the caller links instead
        write_marker(self.folder, {})            # a new file: the old marker may be shared with a snapshot

    def abort(self) -> None:
        self.wait()
        if self.overlay is not None:
            shutil.rmtree(self.overlay, ignore_errors=True)
        try:
            if not os.path.lexists(self.spare_folder):
                os.rename(self.folder, self.spare_folder)   # nothing in it is believed: it stays a spare
                return
        except OSError:
            pass
        Direct.abort(self)


def choose_staging(output: Path, previous: dict[str, Stat], spare: Path | None, background: bool) -> Direct:
    """The spare when there is one to update, else the linker, else links made in-process."""
    if not previous or not background:
        if spare is not None and previous == {} and os.path.lexists(spare):
            _drop(spare)   # without an output to update it from, it is of no use
        return Direct(output, previous)
    if spare is not None:
        try:
            if stat.S_ISDIR(os.lstat(spare).st_mode):
                return Spare(output, previous, spare)
            _drop(spare)   # a link or a file where the spare goes: never followed
        except FileNotFoundError:
            pass
        except OSError:   # on another file system than the output: of no use
            _drop(spare)
    return Linker(output, previous)


def _drop(spare: Path) -> None:
    if spare.is_symlink() or not spare.is_dir():
        spare.unlink(missing_ok=True)
    elif is_ours(spare):
        delete_in_background(spare)
    else:
        shutil.rmtree(spare, ignore_errors=True)
