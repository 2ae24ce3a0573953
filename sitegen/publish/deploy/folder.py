"""A mounted folder (file:///...): hashes what is there, writes each file beside its place and renames it in."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Mapping
from pathlib import Path

from sitegen.publish.deploy.base import DeployError, Step, Target
from sitegen.publish.deploy.local import read_checked
from sitegen.publish.deploy.messages import say

TEMP_SUFFIX = ".sitegen-tmp"


class FolderTarget(Target):
    """The site's folder on a share or a local disk; every file lands whole (write aside, then rename)."""

    def connect(self) -> None:
        self.root = Path(self.settings.path)
        lang, label = self.context.lang, self.label
        if not self.root.is_dir():
            raise DeployError(say("missing-folder", lang, target=label, path=self.root))
        root = self.root.resolve()
        for guarded in (self.context.source.resolve(), self.context.output.resolve()):
            if root == guarded or root in guarded.parents or guarded in root.parents:
                raise DeployError(say("folder-guarded", lang, target=label, path=self.root))
        if not os.access(self.root, os.W_OK):
            raise DeployError(say("write-refused", lang, target=label, path=self.root))

    def remote_state(self, local: Mapping[str, str]) -> dict[str, str | None]:
        state: dict[str, str | None] = {}
        for folder, dirs, names in os.walk(self.root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            rel = Path(folder).relative_to(self.root).as_posix()
            for name in sorted(names):
                if name.startswith("."):
                    continue
                path = name if rel == "." else f"{rel}/{name}"
                state[path] = self._hash(self.root / path)
        return state

    def upload(self, paths: list[str], step: Step) -> None:
        for path in paths:
            data = read_checked(self.context.output, path, self.context.files[path], self.context.lang)
            final = self.root / path
            temp = final.parent / f".{final.name}{TEMP_SUFFIX}"
            try:
                self._clear_way(final)
                final.parent.mkdir(parents=True, exist_ok=True)
                temp.write_bytes(data)
                os.replace(temp, final)
            except OSError as exc:
                with contextlib.suppress(OSError):
                    temp.unlink()
                raise DeployError(say("write-refused", self.context.lang, target=self.label, path=final)) from exc
            step(path)

    def delete(self, paths: list[str], step: Step) -> None:
        for path in paths:
            target = self.root / path
            try:
                target.unlink(missing_ok=True)
            except OSError as exc:
                raise DeployError(say("write-refused", self.context.lang, target=self.label, path=target)) from exc
            self._prune(target.parent)
            step(path)

    def _clear_way(self, final: Path) -> None:
        """A file where the site now needs a folder (or a folder where it needs a file) of an older site."""
        for parent in reversed(final.relative_to(self.root).parents[:-1]):
            if (self.root / parent).is_file():
                (self.root / parent).unlink()

    def _prune(self, folder: Path) -> None:
        while folder != self.root and self.root in folder.parents:
            try:
                folder.rmdir()     # only when empty
            except OSError:
                return
            folder = folder.parent

    @staticmethod
    def _hash(path: Path) -> str | None:
        try:
            digest = hashlib.sha256()
            with path.open("rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
            return digest.hexdigest()
        except OSError:
            return None
