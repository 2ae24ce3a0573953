"""Servers reached by SSH, through the system's rsync and ssh: rsync compares by checksum itself (`--checksum`).

A dry run with `--itemize-changes` tells what differs; the files are then sent in the plan's
phases (`--files-from`), each one written aside and renamed by rsync, and the deletions made
last by a pass that transfers nothing (`--existing --ignore-existing --delete`).
Dot files are never sent, and `--exclude=.*` also keeps the host's own dot files from deletion.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Mapping

from sitegen.publish.deploy.base import DeployError, Step, Target
from sitegen.publish.deploy.messages import say

COMMON = ("--recursive", "--checksum", "--8-bit-output", "--protect-args", "--exclude=.*")
_LOGIN = re.compile(r"Permission denied \((publickey|password|keyboard|gssapi)|Too many authentication failures")
_UNREACHABLE = ("Connection refused", "Connection timed out", "No route to host", "Could not resolve hostname",
                "Network is unreachable", "Name or service not known", "Connection closed by", "kex_exchange")


class RsyncTarget(Target):
    """A folder on a server that answers SSH and has rsync."""

    def connect(self) -> None:
        s, lang = self.settings, self.context.lang
        rsh = shlex.split(self.context.env.get("RSYNC_RSH") or "ssh")
        for tool, package in (("rsync", "rsync"), (rsh[0], "openssh-client")):
            if shutil.which(tool) is None:
                raise DeployError(say("missing-tool", lang, target=self.label, tool=tool, package=package))
        rsh += ["-o", "BatchMode=yes", "-o", "ConnectTimeout=15"] + (["-p", str(s.port)] if s.port else [])
        self.login = f"{s.user + '@' if s.user else ''}{s.host}"
        path = s.path[3:] if s.path.startswith("/~/") else s.path     # ssh://host/~/www: in the home folder
        self.dest = f"{self.login}:{path}/"
        self.source = f"{self.context.output}/"
        self.rsh = shlex.join(self._share_connection(rsh))

    def _share_connection(self, rsh: list[str]) -> list[str]:
        """Log in once: a master connection that every rsync of this deploy goes through (ControlMaster)."""
        self.control = tempfile.mkdtemp(prefix="sitegen-ssh-")
        shared = [*rsh, "-o", f"ControlPath={self.control}/master", "-o", "ControlPersist=120"]
        started = subprocess.run([*shared, "-o", "ControlMaster=yes", "-f", "-N", self.login], stdin=subprocess.DEVNULL,
                                 capture_output=True, text=True, errors="replace", env={**self.context.env, "LC_ALL": "C"})
        if started.returncode != 0:
            self.close()
            raise self._failure(started.stderr, [])
        self.master = shared
        return [*shared, "-o", "ControlMaster=no"]

    def close(self) -> None:
        master, control = getattr(self, "master", None), getattr(self, "control", None)
        if master is not None:
            subprocess.run([*master, "-O", "exit", self.login], capture_output=True, stdin=subprocess.DEVNULL)
            self.master = None
        if control is not None:
            shutil.rmtree(control, ignore_errors=True)
            self.control = None

    def _rsync(self, args: list[str], on_line=None) -> list[str]:
        command = ["rsync", *COMMON, "-e", self.rsh, *args, self.source, self.dest]
        env = {**self.context.env, "LC_ALL": "C"}
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              encoding="utf-8", errors="replace", env=env) as process:
            lines = []
            assert process.stdout is not None and process.stderr is not None
            for line in process.stdout:
                lines.append(line.rstrip("\n"))
                if on_line is not None:
                    on_line(lines[-1])
            errors = process.stderr.read()
        if process.returncode != 0:
            raise self._failure(errors, lines)
        return lines

    def _failure(self, errors: str, lines: list[str]) -> DeployError:
        s, lang, label = self.settings, self.context.lang, self.label
        host, user = s.host, s.user or "$USER"
        if _LOGIN.search(errors):
            return DeployError(say("ssh-login-refused", lang, target=label, user=user, host=host))
        if "Host key verification failed" in errors or "REMOTE HOST IDENTIFICATION HAS CHANGED" in errors:
            return DeployError(say("ssh-host-key", lang, target=label, user=user, host=host))
        if any(sign in errors for sign in _UNREACHABLE):
            return DeployError(say("unreachable", lang, target=label, host=f"{host}:{s.port or 22}"))
        if "rsync: command not found" in errors or "rsync: not found" in errors:
            return DeployError(say("remote-no-rsync", lang, target=label, host=host))
        if "No such file or directory" in errors and ("change_dir" in errors or "mkdir" in errors):
            return DeployError(say("missing-folder", lang, target=label, path=s.path))
        if "Permission denied" in errors:
            return DeployError(say("write-refused", lang, target=label, path=s.path))
        detail = next((line.strip() for line in errors.splitlines() if line.strip()), "rsync failed")
        return DeployError(say("failed-other", lang, target=label, detail=detail))

    def remote_state(self, local: Mapping[str, str]) -> dict[str, str | None]:
        lines = self._rsync(["--dry-run", "--delete", "--itemize-changes", "--out-format=%i %n"])
        if any(line.startswith("created directory ") for line in lines):
            raise DeployError(say("missing-folder", self.context.lang, target=self.label, path=self.settings.path))
        state: dict[str, str | None] = dict(local)
        self.folder_deletes = 0
        for line in lines:
            code, path = line[:11], line[12:]
            if code.startswith("*deleting"):
                if path.endswith("/"):
                    self.folder_deletes += 1
                else:
                    state[path] = None
            elif code[:2] in ("<f", ">f") and path in state:
                state[path] = None       # differs: rsync will send it
        return state

    def upload(self, paths: list[str], step: Step) -> None:
        if not paths:
            return
        wanted = set(paths)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".list", delete=False) as listing:
            listing.write("".join(f"{path}\n" for path in paths))
        try:
            self._rsync([f"--files-from={listing.name}", "--out-format=%n"],
                        on_line=lambda line: step(line) if line in wanted else None)
        finally:
            os.unlink(listing.name)

    def delete(self, paths: list[str], step: Step) -> None:
        if not paths:
            return
        wanted = set(paths)
        self._rsync(["--delete", "--existing", "--ignore-existing", f"--max-delete={len(paths) + self.folder_deletes}",
                     "--out-format=%i %n"],
                    on_line=lambda line: step(line[12:]) if line.startswith("*deleting") and line[12:] in wanted else None)
