"""FTP and FTPS servers through ftplib: a manifest of hashes kept on the server stands for the content it cannot hash.

The manifest (`.sitegen-deploy.json` in the site's folder, hidden from readers by the host's
configuration) lists each file's SHA-256 as last uploaded. Before the first change it is
rewritten with every path about to change marked *pending*, and after the last change with
the new hashes: a deploy interrupted anywhere leaves a manifest that never claims a file is
current when it may not be, so running it again sends what is missing and deletes what is left.
Without a manifest (the first deploy) the folder is listed and every file is sent.
"""

from __future__ import annotations

import contextlib
import ftplib
import io
import json
import netrc
import ssl
from collections.abc import Mapping

from sitegen.publish.deploy.base import DeployError, Step, Target
from sitegen.publish.deploy.local import read_checked
from sitegen.publish.deploy.messages import say
from sitegen.publish.deploy.plan import Plan

MANIFEST = ".sitegen-deploy.json"
TEMP_SUFFIX = ".sitegen-tmp"
TIMEOUT = 20


class FtpTarget(Target):
    """A folder on an FTP(S) server; each file is stored under a hidden name, then renamed into place."""

    def connect(self) -> None:
        s, lang = self.settings, self.context.lang
        self.host = s.host if not s.port else f"{s.host}:{s.port}"
        self.user, password = self._credentials()
        if s.scheme == "ftps":   # certificates are verified (ftplib's own default does not)
            self.ftp: ftplib.FTP = ftplib.FTP_TLS(context=ssl.create_default_context(), timeout=TIMEOUT)
        else:
            self.ftp = ftplib.FTP(timeout=TIMEOUT)
        self.ftp.encoding = "utf-8"
        try:
            self.ftp.connect(s.host, s.port or 21)
        except (OSError, EOFError) as exc:
            raise DeployError(say("unreachable", lang, target=self.label, host=self.host)) from exc
        self._secure()
        try:
            self.ftp.login(self.user, password)
            if isinstance(self.ftp, ftplib.FTP_TLS):
                self.ftp.prot_p()
        except ftplib.error_perm as exc:
            raise DeployError(say("ftp-login-refused", lang, target=self.label, user=self.user)) from exc
        except (OSError, EOFError, ftplib.Error) as exc:
            raise self._lost(exc) from exc
        if s.path:
            try:
                self.ftp.cwd(s.path)
            except ftplib.error_perm as exc:
                raise DeployError(say("missing-folder", lang, target=self.label, path=s.path)) from exc
        self.made: set[str] = set()

    def _secure(self) -> None:
        """FTPS: TLS before the password is sent, with the server's certificate checked."""
        if not isinstance(self.ftp, ftplib.FTP_TLS):
            return
        lang = self.context.lang
        try:
            self.ftp.auth()
        except ftplib.error_perm as exc:
            raise DeployError(say("tls-refused", lang, target=self.label, host=self.host)) from exc
        except ssl.SSLCertVerificationError as exc:
            detail = exc.verify_message or exc.reason
            raise DeployError(say("tls-certificate", lang, target=self.label, host=self.host, detail=detail)) from exc
        except (OSError, EOFError, ftplib.Error) as exc:
            raise self._lost(exc) from exc

    def _credentials(self) -> tuple[str, str]:
        """The user from the URL or ~/.netrc; the password from FTP_PASSWORD or ~/.netrc (never from site.toml)."""
        env, s = self.context.env, self.settings
        try:
            found = netrc.netrc(env.get("NETRC") or None).authenticators(s.host)
        except FileNotFoundError:
            found = None
        except (netrc.NetrcParseError, OSError) as exc:
            detail = getattr(exc, "msg", None) or type(exc).__name__
            raise DeployError(say("netrc-error", self.context.lang, target=self.label, detail=detail)) from exc
        login, _, secret = found if found and (not s.user or found[0] == s.user) else ("", "", "")
        user = s.user or login or "anonymous"
        return user, env.get("FTP_PASSWORD") or secret or ("anonymous@" if user == "anonymous" else "")

    def _lost(self, exc: BaseException) -> DeployError:
        if isinstance(exc, ssl.SSLError):
            return DeployError(say("failed-other", self.context.lang, target=self.label, detail=f"TLS: {exc.reason}"))
        return DeployError(say("connection-lost", self.context.lang, target=self.label, host=self.host))

    def remote_state(self, local: Mapping[str, str]) -> dict[str, str | None]:
        record = self._read_manifest()
        if record is None:
            self.recorded: dict[str, str] = {}
            return dict.fromkeys(self._list(""))
        files, pending = record
        self.recorded = {path: digest for path, digest in files.items() if path not in pending}
        return {**self.recorded, **dict.fromkeys(pending)}

    def _read_manifest(self) -> tuple[dict[str, str], set[str]] | None:
        buffer = io.BytesIO()
        try:
            self.ftp.retrbinary(f"RETR {MANIFEST}", buffer.write)
            data = json.loads(buffer.getvalue().decode("utf-8"))
            files, pending = data["files"], set(data.get("pending", []))
            if isinstance(files, dict) and all(isinstance(v, str) for v in files.values()):
                return files, pending
        except ftplib.error_perm:
            return None
        except (ValueError, KeyError, TypeError):
            return None
        except (OSError, EOFError, ftplib.Error) as exc:
            raise self._lost(exc) from exc
        return None

    def _list(self, folder: str) -> list[str]:
        """Every file under `folder` (MLSD, recursive; hidden names skipped)."""
        try:
            entries = sorted(self.ftp.mlsd(folder or ".", facts=["type"]))
        except ftplib.error_perm:
            return []
        except (OSError, EOFError, ftplib.Error) as exc:
            raise self._lost(exc) from exc
        found = []
        for name, facts in entries:
            path = f"{folder}/{name}" if folder else name
            if name.startswith("."):
                continue
            if facts.get("type") == "dir":
                self.made.add(path)
                found += self._list(path)
            elif facts.get("type") == "file":
                found.append(path)
        return found

    def begin(self, plan: Plan) -> None:
        changing = set(plan.ordered_uploads) | set(plan.deletes)
        self._write_manifest({p: d for p, d in self.recorded.items() if p not in changing}, sorted(changing))

    def finish(self, local: Mapping[str, str]) -> None:
        self._write_manifest(dict(local), [])

    def _write_manifest(self, files: Mapping[str, str], pending: list[str]) -> None:
        body = json.dumps({"version": 1, "files": dict(sorted(files.items())), "pending": pending}, indent=0)
        self._store(MANIFEST, body.encode("utf-8"))

    def upload(self, paths: list[str], step: Step) -> None:
        for path in paths:
            data = read_checked(self.context.output, path, self.context.files[path], self.context.lang)
            self._store(path, data)
            step(path)

    def _store(self, path: str, data: bytes) -> None:
        folder, _, name = path.rpartition("/")
        temp = f"{folder}/.{name}{TEMP_SUFFIX}" if folder else f".{name}{TEMP_SUFFIX}"
        try:
            self._make_folders(folder)
            self.ftp.storbinary(f"STOR {temp}", io.BytesIO(data))
            try:
                self.ftp.rename(temp, path)
            except ftplib.error_perm:     # servers that will not rename over a file
                self.ftp.delete(path)
                self.ftp.rename(temp, path)
        except ftplib.error_perm as exc:
            raise DeployError(say("write-refused", self.context.lang, target=self.label, path=path)) from exc
        except (OSError, EOFError, ftplib.Error) as exc:
            raise self._lost(exc) from exc

    def _make_folders(self, folder: str) -> None:
        parts = folder.split("/") if folder else []
        for depth in range(1, len(parts) + 1):
            path = "/".join(parts[:depth])
            if path not in self.made:
                with contextlib.suppress(ftplib.error_perm):   # it exists: the STOR that follows says if not
                    self.ftp.mkd(path)
                self.made.add(path)

    def delete(self, paths: list[str], step: Step) -> None:
        folders: set[str] = set()
        for path in paths:
            try:
                self.ftp.delete(path)
            except ftplib.error_perm:
                pass                      # already gone
            except (OSError, EOFError, ftplib.Error) as exc:
                raise self._lost(exc) from exc
            parts = path.split("/")[:-1]
            folders.update("/".join(parts[:depth]) for depth in range(1, len(parts) + 1))
            step(path)
        for folder in sorted(folders, key=lambda f: (-f.count("/"), f)):
            try:
                self.ftp.rmd(folder)      # only empty ones go
            except ftplib.error_perm:
                pass
            except (OSError, EOFError, ftplib.Error) as exc:
                raise self._lost(exc) from exc

    def close(self) -> None:
        ftp = getattr(self, "ftp", None)
        if ftp is not None and ftp.sock is not None:
            try:
                ftp.quit()
            except (OSError, EOFError, ftplib.Error):
                ftp.close()

