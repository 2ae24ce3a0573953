"""Deploying the mini site to real servers on 127.0.0.1: an S3 store, sshd with rsync, an FTP server and a folder.

Each state of the site is built once and deployed to the four targets (`--no-build`), so the
cost is the servers', not four builds'.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.deploy import servers
from tests.deploy.conftest import NOW, SERVER_OF, Deployment, make_deployment

SUMMARY = re.compile(r"Deployed to .*: (\d+) uploaded, (\d+) deleted, (\d+) unchanged\.")
DRY = re.compile(r"Dry run of .*: (\d+) to upload, (\d+) to delete, (\d+) unchanged; nothing was changed\.")
ARTICLE = "content/news/khai-truong.vi.md"
IMMUTABLE = "public, max-age=31536000, immutable"


def build(site: Path) -> None:
    result = run_cli("build", "--source", str(site), "--now", NOW)
    assert result.code == 0, result.out + result.err


def deploy(d: Deployment, *extra: str, code: int = 0):
    result = run_cli("deploy", d.name, "--source", str(d.site), "--now", NOW, "--messages", "en", *extra)
    assert result.code == code, f"{d.kind}: {result.out}{result.err}"
    assert "Traceback" not in result.out + result.err
    return result


def counts(result) -> tuple[int, int, int]:
    match = SUMMARY.search(result.out)
    assert match, result.out + result.err
    return tuple(int(n) for n in match.groups())


def edit(site: Path, text: str) -> None:
    page = site / ARTICLE
    page.write_text(page.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")


def test_every_target_gets_the_site_then_only_what_changed(fleet: list[Deployment]):
    site = fleet[0].site
    odd = "documents/Kế hoạch số 06 (bản #2).txt"     # spaces, Vietnamese and punctuation in a name
    (site / "static" / odd).write_text("Nội dung", encoding="utf-8")
    build(site)
    built = fleet[0].built()
    assert odd in built
    for d in fleet:
        dry = deploy(d, "--no-build", "--dry-run")
        assert DRY.search(dry.out) and "would upload  index.html" in dry.out, d.kind
        assert d.remote() == {}, f"{d.kind}: a dry run changed the target"
        assert counts(deploy(d, "--no-build")) == (len(built), 0, 0), d.kind
        assert d.remote(download=True) == built, f"{d.kind}: the first deploy is not the built site"
        assert counts(deploy(d, "--no-build")) == (0, 0, len(built)), f"{d.kind}: a repeat deploy sent files"
    _check_s3_headers(next(d for d in fleet if d.kind == "s3"), built)

    edit(site, "Một câu mới về cuộc thi.")
    build(site)
    for d in fleet:
        dry = deploy(d, "--no-build", "--dry-run")
        assert "would upload  vi/tin-tuc/khai-truong/index.html" in dry.out, d.kind
        assert d.remote() == built, f"{d.kind}: a dry run changed the target"
        uploaded, _, _ = counts(deploy(d, "--no-build"))
        assert 1 <= uploaded <= 20 and uploaded < len(built) // 4, f"{d.kind}: an edit sent {uploaded} of {len(built)} files"
        assert d.remote() == d.built(), d.kind

    (site / ARTICLE).unlink()
    build(site)
    for d in fleet:
        _, deleted, _ = counts(deploy(d, "--no-build"))
        remote = d.remote()
        assert deleted >= 1 and "vi/tin-tuc/khai-truong/index.html" not in remote, d.kind
        assert remote == d.built(), d.kind

    for article in (site / "content/news").glob("*.md"):    # the delete guard
        if not article.name.startswith("_"):
            article.unlink()
    build(site)
    for d in fleet:
        before = d.remote()
        refused = deploy(d, "--no-build", "--max-deletes", "0", code=1)
        assert f"{d.name} (" in refused.err and "more than max_deletes = 0; nothing was changed" in refused.err, d.kind
        assert "--max-deletes" in refused.err
        assert d.remote() == before, f"{d.kind}: a refused deploy changed the target"


def _check_s3_headers(d: Deployment, built: dict[str, str]) -> None:
    client = servers.s3_client(d.server.port)
    css = next(p for p in built if p.startswith("css/"))
    shard = next(p for p in built if "/index/" in p and p.endswith(".json"))
    expected = {
        "index.html": ("text/html; charset=utf-8", "no-cache"),
        "vi/rss.xml": ("application/rss+xml; charset=utf-8", "no-cache"),
        "sitemap.xml": ("application/xml; charset=utf-8", "no-cache"),
        "vi/su-kien/lich/all.ics": ("text/calendar; charset=utf-8", "no-cache"),
        "vi/tim-kiem/index.json": ("application/json; charset=utf-8", "no-cache"),
        css: ("text/css; charset=utf-8", IMMUTABLE),
        shard: ("application/json; charset=utf-8", IMMUTABLE),
        "documents/06-KH-SKHCN.pdf": ("application/pdf", "no-cache"),
    }
    for path, (kind, caching) in expected.items():
        head = client.head_object(Bucket=servers.BUCKET, Key=f"{d.folder}/{path}")
        assert (head["ContentType"], head["CacheControl"]) == (kind, caching), path


def test_the_s3_target_says_what_the_host_must_add(seaweedfs, tmp_path, monkeypatch):
    for key, value in seaweedfs.env.items():
        monkeypatch.setenv(key, value)
    d = make_deployment("s3", tmp_path, seaweedfs)
    result = deploy(d)
    assert "Content-Security-Policy" in result.out and "CDN" in result.out


def test_an_interrupted_deploy_leaves_the_old_site_and_a_second_run_finishes(fleet: list[Deployment], monkeypatch):
    from sitegen.publish.deploy import run
    from sitegen.publish.deploy.base import DeployError

    site = fleet[0].site
    build(site)
    old = {}
    for d in fleet:
        deploy(d, "--no-build")
        old[d.kind] = d.remote()
    edit(site, "Thêm một đoạn.")
    (site / "content/news/tap-huan.vi.md").unlink()
    build(site)
    real = run.Progress.upload

    def cut(self, path):
        real(self, path)
        if self.uploaded == 3:
            raise DeployError("the line went down")

    for d in fleet:
        monkeypatch.setattr(run.Progress, "upload", cut)
        failed = deploy(d, "--no-build", code=1)
        assert "stopped after uploading 3 of" in failed.err and "and deleting 0 of" in failed.err, d.kind
        assert "Run the same command again to finish." in failed.err
        middle = d.remote()
        assert set(old[d.kind]) <= set(middle), f"{d.kind}: a file of the old site went missing before the new pages"
        assert any(middle[path] != old[d.kind].get(path) for path in middle), f"{d.kind}: nothing was sent before the cut"
        for path in middle:
            assert not path.endswith(".html") or middle[path] == old[d.kind][path], f"{d.kind}: {path} went up too early"
        monkeypatch.setattr(run.Progress, "upload", real)
        deploy(d, "--no-build")
        assert d.remote(download=True) == d.built(), f"{d.kind}: the second run did not finish the job"


@pytest.fixture(scope="module")
def failing(request, tmp_path_factory) -> dict[str, Deployment]:
    """A built site whose targets each fail one way: refused logins, stopped servers, missing folders and bucket."""
    tmp = tmp_path_factory.mktemp("failing")
    targets = {}
    for kind in ("ssh", "ftp", "s3"):
        server = request.getfixturevalue(SERVER_OF[kind])
        targets[f"{kind}-login"] = make_deployment(kind, tmp, server, name=f"{kind}-login")
        targets[f"{kind}-stopped"] = make_deployment(kind, tmp, server, port=servers.free_port(), name=f"{kind}-stopped")
    for kind in ("folder", "ssh", "ftp", "s3"):
        server = request.getfixturevalue(SERVER_OF[kind]) if SERVER_OF[kind] else None
        d = make_deployment(kind, tmp, server, name=f"{kind}-missing")
        toml = (d.site / "site.toml").read_text(encoding="utf-8")
        wrong = d.url.replace(f"s3://{servers.BUCKET}/", "s3://no-such-bucket/") if kind == "s3" else d.url + "/missing"
        (d.site / "site.toml").write_text(toml.replace(f'"{d.url}"', f'"{wrong}"'), encoding="utf-8")
        targets[f"{kind}-missing"] = d
    build(tmp / "site")
    return targets


def _fails_cleanly(d: Deployment, env: dict[str, str], expected: str, secret: str = "", monkeypatch=None) -> None:
    """Exit 1, one line naming the target and what to check, no traceback, no secret.

    In a real process as a user runs it; with `monkeypatch`, in this one (an exception would fail the test).
    """
    if monkeypatch is not None:
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        result = deploy(d, "--no-build", code=1)
        code, out, err = result.code, result.out, result.err
    else:
        project = Path(__file__).resolve().parents[2]
        ran = subprocess.run([sys.executable, str(project / "build.py"), "deploy", d.name, "--source", str(d.site),
                              "--no-build", "--messages", "en"], capture_output=True, text=True,
                             env={**os.environ, **env}, timeout=120)
        code, out, err = ran.returncode, ran.stdout, ran.stderr
    shown = out + err
    assert code == 1, shown
    assert "Traceback" not in shown and (not secret or secret not in shown), shown
    problem = [line for line in err.splitlines() if line.startswith(f"{d.name} (")]
    assert len(problem) == 1 and expected in problem[0], shown


@pytest.mark.parametrize("kind", ["ssh", "ftp", "s3"])
def test_a_refused_login_fails_cleanly_without_showing_the_secret(kind, failing, request):
    d = failing[f"{kind}-login"]
    wrong = "wrong-secret-Tq7"
    env = dict(d.server.env)
    if kind == "ssh":
        env["RSYNC_RSH"] = env["RSYNC_RSH"].replace("client_key", "other_key")
    else:
        env["FTP_PASSWORD" if kind == "ftp" else "AWS_SECRET_ACCESS_KEY"] = wrong
    expected = {"ssh": "refused the SSH login", "ftp": "refused the login of 'deployer'", "s3": "refused access"}[kind]
    _fails_cleanly(d, env, expected, secret=wrong)
    assert d.remote() == {}


@pytest.mark.parametrize("kind", ["ssh", "ftp", "s3"])
def test_a_stopped_server_fails_cleanly(kind, failing, monkeypatch):
    d = failing[f"{kind}-stopped"]      # nothing listens where its server was
    _fails_cleanly(d, d.server.env, "cannot reach http://" if kind == "s3" else f"cannot reach {servers.LOOPBACK}",
                   monkeypatch=monkeypatch)


@pytest.mark.parametrize("kind", ["folder", "ssh", "ftp", "s3"])
def test_a_missing_folder_or_bucket_is_named(kind, failing, monkeypatch):
    d = failing[f"{kind}-missing"]
    expected = "bucket 'no-such-bucket' does not exist" if kind == "s3" else "/missing' does not exist"
    _fails_cleanly(d, d.server.env if d.server else {}, expected, monkeypatch=monkeypatch)


def test_a_server_stopped_after_a_deploy_fails_cleanly_and_once_restarted_the_deploy_finishes(tmp_path, monkeypatch):
    server = servers.start_ftp(tmp_path / "ftp")
    try:
        for key, value in server.env.items():
            monkeypatch.setenv(key, value)
        d = make_deployment("ftp", tmp_path, server)
        deploy(d)
    finally:
        servers.stop(server.process, kill=server.kill)
    (d.site / ARTICLE).unlink()
    _fails_cleanly(d, server.env, "cannot reach 127.0.0.1", monkeypatch=monkeypatch)
    server = servers.start_ftp(tmp_path / "ftp", port=server.port)
    try:
        deploy(d, "--no-build")
        assert d.remote() == d.built()
    finally:
        servers.stop(server.process, kill=server.kill)


def test_ftps_checks_the_certificate_then_deploys_over_tls(tmp_path, monkeypatch):
    server = servers.start_ftp(tmp_path / "ftps", tls=True)
    try:
        for key, value in server.env.items():
            monkeypatch.setenv(key, value)
        d = make_deployment("ftp", tmp_path, server)
        toml = d.site / "site.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace('url = "ftp://', 'url = "ftps://'), encoding="utf-8")
        build(d.site)
        monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "nothing.pem"))     # trusts nothing
        _fails_cleanly(d, {}, "the TLS certificate of 127.0.0.1", monkeypatch=monkeypatch)
        monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ftps" / "cert.pem"))
        built_count = counts(deploy(d, "--no-build"))[0]
        assert d.remote() == d.built() and built_count == len(d.built())
        assert counts(deploy(d, "--no-build"))[0] == 0
    finally:
        servers.stop(server.process, kill=server.kill)
