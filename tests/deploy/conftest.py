"""Fixtures of the deploy tests: the real servers (one per session each), a mini site with a target, the remote tree."""

from __future__ import annotations

import hashlib
import itertools
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import SITES
from tests.deploy import servers

KINDS = ("folder", "ssh", "ftp", "s3")
NOW = "2020-07-15T08:00:00+07:00"
_names = itertools.count()


@pytest.fixture(scope="session")
def seaweedfs(tmp_path_factory) -> Iterator[servers.Server]:
    server = servers.start_seaweedfs(tmp_path_factory.mktemp("seaweedfs"))
    yield server
    servers.stop(server.process, kill=server.kill)


@pytest.fixture(scope="session")
def sshd(tmp_path_factory) -> Iterator[servers.Server]:
    server = servers.start_sshd(tmp_path_factory.mktemp("sshd"))
    yield server
    servers.stop(server.process, kill=server.kill)


@pytest.fixture(scope="session")
def ftpd(tmp_path_factory) -> Iterator[servers.Server]:
    server = servers.start_ftp(tmp_path_factory.mktemp("ftpd"))
    yield server
    servers.stop(server.process, kill=server.kill)


@dataclass
class Deployment:
    """A copy of the mini site whose site.toml deploys to one target, and a way to read that target."""

    kind: str
    name: str            # the target's name in site.toml
    site: Path
    server: servers.Server | None
    folder: str          # the site's folder on the server (the key prefix on S3)
    url: str

    @property
    def output(self) -> Path:
        return self.site / "public"

    def remote(self, download: bool = False) -> dict[str, str]:
        """MD5 of every non-hidden file the target holds, by path (S3: the ETag, or the bytes with `download`)."""
        if self.kind == "s3":
            client, found = servers.s3_client(self.server.port), {}
            for page in client.get_paginator("list_objects_v2").paginate(Bucket=servers.BUCKET, Prefix=self.folder + "/"):
                for item in page.get("Contents", []):
                    body = client.get_object(Bucket=servers.BUCKET, Key=item["Key"])["Body"].read() if download else None
                    found[item["Key"][len(self.folder) + 1:]] = md5(body) if download else item["ETag"].strip('"')
            return found
        root = Path(self.folder)
        return {p.relative_to(root).as_posix(): md5(p.read_bytes()) for p in sorted(root.rglob("*"))
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)}

    def built(self) -> dict[str, str]:
        return {p.relative_to(self.output).as_posix(): md5(p.read_bytes()) for p in sorted(self.output.rglob("*"))
                if p.is_file() and not p.name.startswith(".")}


def md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def copy_site(site: Path) -> None:
    """The mini site without its programme: these tests delete articles, which a plan's `links` would name."""
    shutil.copytree(SITES / "mini", site, ignore=shutil.ignore_patterns("programme"))


def make_deployment(kind: str, tmp_path: Path, server: servers.Server | None, port: int | None = None,
                    name: str | None = None) -> Deployment:
    """A target of `kind` added to the site in tmp_path/site (copied from the mini site if not there yet)."""
    site = tmp_path / "site"
    if not site.exists():
        copy_site(site)
    name = name or kind
    folder_name = f"t{next(_names)}-{name}"
    if kind == "folder":
        folder = str(tmp_path / folder_name)
        Path(folder).mkdir()
        url = f"file://{folder}"
    elif kind == "s3":
        folder = folder_name
        url = f"s3://{servers.BUCKET}/{folder}?endpoint=http://{servers.LOOPBACK}:{port or server.port}&region=us-east-1"
    else:
        folder = str(server.root / folder_name)
        Path(folder).mkdir()
        user = servers.FTP_USER if kind == "ftp" else servers.getpass.getuser()
        scheme, path = ("ftp", folder_name) if kind == "ftp" else ("ssh", folder)
        url = f"{scheme}://{user}@{servers.LOOPBACK}:{port or server.port}/{path.lstrip('/')}"
    with (site / "site.toml").open("a", encoding="utf-8") as handle:
        handle.write(f'\n[deploy.{name}]\nurl = "{url}"\n')
    return Deployment(kind, name, site, server, folder, url)


SERVER_OF = {"folder": None, "ssh": "sshd", "ftp": "ftpd", "s3": "seaweedfs"}


@pytest.fixture
def fleet(request, tmp_path, monkeypatch) -> list[Deployment]:
    """One copy of the mini site with a target of each kind, the servers' credentials in the environment."""
    found = []
    for kind in KINDS:
        server = request.getfixturevalue(SERVER_OF[kind]) if SERVER_OF[kind] else None
        for key, value in (server.env if server else {}).items():
            monkeypatch.setenv(key, value)
        found.append(make_deployment(kind, tmp_path, server))
    return found
