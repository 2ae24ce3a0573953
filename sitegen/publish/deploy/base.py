"""What every deploy target does, and the one error they raise (already worded for the user)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sitegen.publish.deploy.local import LocalFile
from sitegen.publish.deploy.plan import Plan
from sitegen.publish.deploy.settings import TargetSettings

Step = Callable[[str], None]   # told each path once it is done


class DeployError(Exception):
    """A failure of the target: one line naming it and what to check (never a secret, never a traceback)."""


@dataclass(frozen=True)
class Context:
    """What a target is given: the built files, the language of messages, the environment, the site's folders."""

    output: Path
    files: Mapping[str, LocalFile]
    lang: str
    env: Mapping[str, str]
    source: Path


class Target:
    """A place the site is deployed to. Subclasses talk to one kind of server."""

    digest = "sha256"          # which hash remote_state() reports: "sha256" or "md5"
    notes: tuple[str, ...] = ()  # keys of messages shown after a deploy (what the host must add)

    def __init__(self, settings: TargetSettings, context: Context):
        self.settings, self.context = settings, context
        self.label = settings.label

    def connect(self) -> None:
        """Reach the server, log in, find the folder or bucket: raise DeployError otherwise."""

    def remote_state(self, local: Mapping[str, str]) -> dict[str, str | None]:
        """path -> hash of what the target holds now (None where the content is unknown)."""
        raise NotImplementedError

    def begin(self, plan: Plan) -> None:
        """Called before the first change (a target keeping its own record marks the changes to come)."""

    def upload(self, paths: list[str], step: Step) -> None:
        raise NotImplementedError

    def delete(self, paths: list[str], step: Step) -> None:
        raise NotImplementedError

    def finish(self, local: Mapping[str, str]) -> None:
        """Called after the last change, with what the target now holds."""

    def close(self) -> None:
        """Release connections; never raises."""
