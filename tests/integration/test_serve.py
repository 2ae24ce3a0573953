"""The live-reload preview: loopback only, reloads through the livereload protocol, survives broken saves,
never serves a byte from outside its build folder."""

from __future__ import annotations

import asyncio
import concurrent.futures
import http.client
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tornado.websocket import websocket_connect

from sitegen.preview.http import resolve_request
from sitegen.preview.server import PortInUse, PreviewServer, ServeSettings, is_loopback
from tests.conftest import FIXED_NOW, PROJECT, SITES

PROTOCOL = "http://livereload.com/protocols/official-7"
SECRET = b"TOP-SECRET-OUTSIDE-THE-SITE"
ARTICLE = "content/news/khai-truong.vi.md"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("serve")
    source = root / "mini"
    shutil.copytree(SITES / "mini", source)
    (root / "secret.txt").write_bytes(SECRET)
    server = PreviewServer(source, ServeSettings(port=0, now=FIXED_NOW), out=io.StringIO())
    server.start()
    yield server
    server.stop()


def get(server: PreviewServer, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.putrequest(method, path, skip_host=False, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def raw_get(server: PreviewServer, target: bytes) -> bytes:
    """Send the request line exactly as given: nothing normalises the path on the way."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


async def hello(server: PreviewServer):
    conn = await websocket_connect(f"ws://127.0.0.1:{server.port}/livereload")
    await conn.write_message(json.dumps({"command": "hello", "protocols": [PROTOCOL]}))
    reply = json.loads(await asyncio.wait_for(conn.read_message(), 10))
    assert reply["command"] == "hello" and PROTOCOL in reply["protocols"]
    return conn


def run_in_own_loop(scenario: Callable[[], Any]) -> Any:
    """asyncio.run in a thread of its own: the browser tests' Playwright keeps a loop in the main thread."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(scenario())).result()


def edit_and_wait(server: PreviewServer, edit: Callable[[], None], ready: Callable[[], bool],
                  timeout: float = 15.0) -> float:
    """Make the edit, then wait for reload messages until `ready()`; seconds from edit to that reload."""

    async def scenario() -> float:
        conn = await hello(server)
        started = time.monotonic()
        edit()
        try:
            while True:
                message = await asyncio.wait_for(conn.read_message(), started + timeout - time.monotonic())
                assert message is not None, "the preview closed the websocket"
                if json.loads(message)["command"] == "reload" and ready():
                    return time.monotonic() - started
        finally:
            conn.close()

    return run_in_own_loop(scenario)


def page_has(server: PreviewServer, path: str, text: str) -> Callable[[], bool]:
    return lambda: text.encode() in get(server, path)[2]


def write(server: PreviewServer, name: str, text: str) -> Callable[[], None]:
    return lambda: (server.source / name).write_text(text, encoding="utf-8")


def test_listens_on_loopback_only(served: PreviewServer):
    assert [s.getsockname()[0] for s in served.sockets] == ["127.0.0.1"]


def test_root_redirects_to_the_base_path_and_pages_carry_the_livereload_client(served: PreviewServer):
    status, headers, _ = get(served, "/")
    assert (status, headers["Location"]) == (302, "/kontum/")
    status, headers, body = get(served, "/kontum/vi/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert f'<script src="/livereload.js?port={served.port}"></script></body>'.encode() in body
    assert get(served, "/livereload.js")[0] == 200


def test_drafts_and_future_articles_are_previewed_with_a_marker(served: PreviewServer):
    for path in ("/kontum/vi/tin-tuc/nhap/", "/kontum/vi/tin-tuc/tuong-lai/"):
        status, _, body = get(served, path)
        assert status == 200 and b'class="preview-banner"' in body


def test_missing_pages_get_the_site_404(served: PreviewServer):
    status, _, body = get(served, "/kontum/vi/khong-co/")
    assert status == 404 and b"<html" in body


@pytest.mark.parametrize("target", [
    b"/../../../../etc/passwd", b"/kontum/../../../etc/passwd", b"/kontum/%2e%2e/%2e%2e/etc/passwd",
    b"/kontum/%2E%2E%2F%2E%2E%2Fsecret.txt", b"/kontum/..%2f..%2fsecret.txt", b"//etc/passwd",
    b"/kontum//etc/passwd", b"/kontum/vi/%2e%2e/%2e%2e/%2e%2e/secret.txt", b"/kontum/%00/etc/passwd",
    b"/kontum/..\\..\\secret.txt", b"/kontum/.sitegen-output.json", b"http://127.0.0.1/../secret.txt",
])
def test_traversal_attempts_are_refused(served: PreviewServer, target: bytes):
    response = raw_get(served, target)
    status = int(response.split(b" ", 2)[1])
    assert status in (400, 403, 404), response[:200]
    assert SECRET not in response and b"root:x:0:0" not in response


def test_symlinks_leading_out_of_the_build_are_refused(served: PreviewServer):
    secret = served.source.parent / "secret.txt"
    site = served.preview.output
    os.symlink(secret, site / "leak.txt")
    os.symlink(secret.parent, site / "leakdir")
    for target in (b"/kontum/leak.txt", b"/kontum/leakdir/secret.txt", b"/kontum/leakdir/"):
        response = raw_get(served, target)
        assert int(response.split(b" ", 2)[1]) == 403 and SECRET not in response


def test_an_edit_reloads_the_open_page_with_the_new_content(served: PreviewServer):
    text = (served.source / ARTICLE).read_text(encoding="utf-8")
    edit = write(served, ARTICLE, text.replace("Nội dung **bài viết** đầu tiên.", "Đoạn mới sau khi lưu."))
    seconds = edit_and_wait(served, edit, page_has(served, "/kontum/vi/tin-tuc/khai-truong/", "Đoạn mới sau khi lưu."))
    assert seconds < 5


def test_an_article_added_while_serving_appears(served: PreviewServer):
    edit = write(served, "content/news/moi.vi.md", "---\ntitle: Bài mới thêm\ndate: 2020-04-01\n---\nXin chào.\n")
    edit_and_wait(served, edit, page_has(served, "/kontum/vi/tin-tuc/moi/", "Bài mới thêm"))
    assert "Bài mới thêm".encode() in get(served, "/kontum/vi/tin-tuc/")[2]


def test_a_broken_save_keeps_the_last_good_site_and_shows_the_errors(served: PreviewServer):
    name, page = "content/news/tap-huan.vi.md", "/kontum/vi/tin-tuc/tap-huan/"
    good = (served.source / name).read_text(encoding="utf-8")
    edit_and_wait(served, write(served, name, good.replace("2020-03-01T08:30", "2020-13-01")),
                  page_has(served, page, "sitegen-preview-errors"))
    status, _, body = get(served, page)
    assert status == 200 and "Bài chỉ có tiếng Việt.".encode() in body   # the last good page, under the overlay
    assert b'content/news/tap-huan.vi.md:3</code> date "2020-13-01" is not a valid date' in body
    edit_and_wait(served, write(served, name, good), lambda: b"sitegen-preview-errors" not in get(served, page)[2])


def test_rapid_saves_are_debounced_into_one_rebuild(served: PreviewServer):
    path = served.source / "content/news/moi.vi.md"
    before = served.preview.builds

    def burst() -> None:
        for n in range(10):
            path.write_text(f"---\ntitle: Lần lưu {n}\ndate: 2020-04-01\n---\nXin chào.\n", encoding="utf-8")

    edit_and_wait(served, burst, page_has(served, "/kontum/vi/tin-tuc/moi/", "Lần lưu 9"))
    assert served.preview.builds - before <= 2


def test_the_preview_never_writes_public(served: PreviewServer):
    assert not (served.source / "public").exists()
    assert not served.preview.output.is_relative_to(served.source)


def test_a_taken_port_is_a_clear_error(served: PreviewServer, cli):
    other = PreviewServer(served.source, ServeSettings(port=served.port))
    try:
        with pytest.raises(PortInUse, match=f"port {served.port} on 127.0.0.1 is already in use"):
            other.bind()
    finally:
        other.close()
    run = cli("serve", "--source", str(served.source), "--port", str(served.port), "--messages", "en")
    assert run.code == 2 and f"error: port {served.port} on 127.0.0.1 is already in use" in run.err
    in_vietnamese = cli("serve", "--source", str(served.source), "--port", str(served.port))
    assert in_vietnamese.code == 2 and f"build.py: lỗi: cổng {served.port} trên 127.0.0.1 đang được dùng" in in_vietnamese.err


def test_resolve_request_keeps_inside_the_root(tmp_path: Path):
    (tmp_path / "vi").mkdir()
    (tmp_path / "vi/index.html").write_text("x")
    root = str(tmp_path)
    assert resolve_request(root, "/", "/vi/").path == str(tmp_path / "vi/index.html")
    assert resolve_request(root, "/", "/vi").status == 301
    assert resolve_request(root, "/", "/vi/%2e%2e/vi/").status == 403
    assert resolve_request(root, "/", "/vi//").status == 403
    assert resolve_request(root, "/x/", "/vi/").status == 404


def test_the_command_serves_and_cleans_up_on_sigterm(tmp_path: Path):
    site = tmp_path / "mini"
    shutil.copytree(SITES / "mini", site)
    command = [sys.executable, "build.py", "serve", "--source", str(site), "--port", "0", "--now", FIXED_NOW,
               "--messages", "en"]
    proc = subprocess.Popen(command, cwd=PROJECT, stderr=subprocess.PIPE, text=True)
    try:
        lines = [proc.stderr.readline() for _ in range(3)]   # building..., built in..., Preview at ...
        folder = Path(re.search(r"into (\S+) for the preview", lines[0]).group(1))
        url = re.search(r"Preview at (http://127\.0\.0\.1:\d+/kontum/)", lines[2]).group(1)
        with urllib.request.urlopen(url + "vi/", timeout=10) as response:
            assert response.status == 200 and folder.is_dir()
    finally:
        proc.send_signal(signal.SIGTERM)
        rest = proc.communicate(timeout=20)[1]
    assert proc.returncode == 0 and "Preview stopped." in rest
    assert not folder.exists() and not (site / "public").exists()


def _start_tiny_preview(site: Path) -> subprocess.Popen:
    """A preview of a one-article site in its own process group, as a terminal runs it."""
    command = [sys.executable, "build.py", "serve", "--source", str(site), "--port", "0", "--now", FIXED_NOW]
    return subprocess.Popen(command, cwd=PROJECT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                            start_new_session=True)


def _serving(proc: subprocess.Popen) -> str:
    """What the preview printed until it serves (waiting on its lines, no sleeps)."""
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if line.startswith("Xem trước tại "):
            break
    return "".join(seen)


def test_stopping_the_preview_20_times_prints_no_traceback_and_leaves_no_folder(tmp_path: Path):
    site = tmp_path / "tiny"
    (site / "content/news").mkdir(parents=True)
    shutil.copy(SITES / "mini/site.toml", site / "site.toml")
    (site / "content/news/a.vi.md").write_text("---\ntitle: A\ndate: 2020-01-01\n---\nMột bài.\n", encoding="utf-8")
    for batch in range(5):   # four previews at a time: the stops are what is tested, not the start-up
        procs = [_start_tiny_preview(site) for _ in range(4)]
        for n, proc in enumerate(procs):
            started = _serving(proc)
            folder = Path(re.search(r"vào (\S+) để xem trước", started).group(1))
            assert folder.is_dir(), started
            if n % 2 == 0:
                os.killpg(proc.pid, signal.SIGINT)   # Ctrl+C in a terminal: the whole group, the helper process too
            else:
                proc.send_signal(signal.SIGTERM)
            rest = proc.communicate(timeout=60)[1]
            assert proc.returncode == 0, started + rest
            assert "Traceback" not in rest and "Error" not in rest and rest.endswith("Đã dừng xem trước.\n"), rest
            assert not folder.exists(), f"stop {4 * batch + n}: {folder} was left behind"


def test_another_address_than_loopback_warns(monkeypatch: pytest.MonkeyPatch, cli):
    monkeypatch.setattr(PreviewServer, "bind", lambda self: 0)
    monkeypatch.setattr(PreviewServer, "run", lambda self: None)
    run = cli("serve", "--source", str(SITES / "mini"), "--host", "192.0.2.1", "--messages", "en")
    assert run.code == 0
    assert run.err.startswith("warning: --host 192.0.2.1 makes the preview (drafts and future articles included) "
                              "reachable from other computers")
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.1")


def test_a_template_added_to_the_site_is_picked_up(served: PreviewServer):
    override = served.source / "templates" / "base.html"
    text = (PROJECT / "templates" / "base.html").read_text(encoding="utf-8")
    marked = text.replace("</footer>", "</footer><p>Mẫu riêng của trang</p>", 1)
    assert marked != text

    def add() -> None:
        override.parent.mkdir()
        override.write_text(marked, encoding="utf-8")

    edit_and_wait(served, add, page_has(served, "/kontum/vi/tin-tuc/", "Mẫu riêng của trang"))
    edit_and_wait(served, lambda: shutil.rmtree(override.parent),
                  lambda: "Mẫu riêng của trang".encode() not in get(served, "/kontum/vi/tin-tuc/")[2])
