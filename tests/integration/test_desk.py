"""The desk through its local-backend protocol: exact bytes out, files as the guide writes them in,
and every write outside content/ and static/images/, through a link, or from a foreign Host or
Origin refused with nothing written (and logged)."""

from __future__ import annotations

import base64
import hashlib
import http.client
import io
import json
import shutil
from pathlib import Path

import pytest
from tornado.websocket import websocket_connect

from sitegen.preview.server import PreviewServer, ServeSettings
from tests.conftest import FIXED_NOW, SITES
from tests.desk.kit import decap_dist
from tests.integration.test_serve import edit_and_wait, get, page_has, run_in_own_loop

API = "/kontum/admin/api/v1"


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("desk")
    source = root / "mini"
    shutil.copytree(SITES / "mini", source)
    pytest.MonkeyPatch().setenv("SITEGEN_DESK_SCRIPT", str(decap_dist()))
    server = PreviewServer(source, ServeSettings(port=0, now=FIXED_NOW), out=io.StringIO())
    server.start()
    yield server
    server.stop()


def call(server: PreviewServer, action: str, params: object = None, *, origin: str | None = "",
         host: str | None = None, body: bytes | None = None, method: str = "POST",
         kind: str = "application/json; charset=utf-8") -> tuple[int, object]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=20)
    headers = {"Host": host or f"127.0.0.1:{server.port}", "Content-Type": kind}
    if origin is not None:
        headers["Origin"] = origin or f"http://127.0.0.1:{server.port}"
    data = body if body is not None else json.dumps({"action": action, "params": {"branch": "main", **(params or {})}}).encode()
    try:
        conn.request(method, API, body=data if method == "POST" else None, headers=headers)
        response = conn.getresponse()
        raw = response.read()
        return response.status, json.loads(raw) if raw else None
    finally:
        conn.close()


def log_of(server: PreviewServer) -> str:
    assert isinstance(server.out, io.StringIO)
    return server.out.getvalue()


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_admin_serves_the_desk_and_a_configuration_from_site_toml(desk: PreviewServer):
    status, headers, body = get(desk, "/kontum/admin/")
    assert status == 200 and b'<script src="decap-cms.js"></script>' in body and b'rel="cms-config-url"' in body
    assert "connect-src 'self'" in headers["Content-Security-Policy"]
    assert get(desk, "/kontum/admin/decap-cms.js")[0] == 200
    assert get(desk, "/kontum/admin/cms.js")[0] == 404   # only the pinned files are served
    config = json.loads(get(desk, "/kontum/admin/config.yml")[2])
    names = [c["name"] for c in config["collections"]]
    assert names == ["news", "policies", "pages", "intros", "calendars"]
    assert config["locale"] == "vi" and config["backend"] == {"name": "proxy", "proxy_url": API, "branch": "main"}
    assert config["i18n"] == {"structure": "multiple_files", "locales": ["vi", "en"], "default_locale": "vi"}
    news = config["collections"][0]
    assert news["folder"] == "content/news" and news["i18n"] and news["extension"] == "md"
    fields = {f["name"]: f for f in news["fields"]}
    assert fields["title"]["required"] and fields["date"]["required"] and not fields["summary"]["required"]
    assert [f["name"] for f in fields["document"]["fields"]] == ["number", "issuer", "issued", "effective", "file"]
    assert config["collections"][4]["folder"] == "content/events"
    assert config["media_folder"] == "static/images" and config["public_folder"] == "/images"
    intros = [f["file"] for f in config["collections"][3]["files"]]
    assert intros[:2] == ["content/_index.vi.md", "content/_index.en.md"] and "content/news/_index.en.md" in intros


def test_listing_and_reading_return_the_files_exact_bytes(desk: PreviewServer):
    status, entries = call(desk, "entriesByFolder", {"folder": "content/news", "extension": "md", "depth": 1})
    assert status == 200
    by_path = {e["file"]["path"]: e for e in entries}
    assert "content/news/khai-truong.vi.md" in by_path and "content/news/khai-truong.en.md" in by_path
    for path, entry in by_path.items():
        data = (desk.source / path).read_bytes()
        assert entry["data"].encode() == data and entry["file"]["id"] == hashlib.sha256(data).hexdigest()
    assert not any("lien-ket" in p for p in by_path)   # the link out is not followed
    status, entry = call(desk, "getEntry", {"path": "content/pages/gioi-thieu.en.md"})
    assert entry["data"].encode() == (desk.source / "content/pages/gioi-thieu.en.md").read_bytes()
    status, entries = call(desk, "entriesByFiles", {"files": [{"path": "content/news/khong-co.vi.md"}]})
    assert entries == [{"data": None, "file": {"path": "content/news/khong-co.vi.md", "label": None, "id": None}}]


def persist(server: PreviewServer, files: list[tuple[str, str]], assets: list[dict] | None = None):
    data_files = [{"slug": path.rsplit("/", 1)[-1].split(".")[0], "path": path, "raw": raw} for path, raw in files]
    return call(server, "persistEntry", {"dataFiles": data_files, "assets": assets or [], "options": {
        "collectionName": "news", "commitMessage": "Create", "useWorkflow": False, "status": "published"}})


def test_saving_a_new_pair_writes_both_files_and_the_preview_shows_it(desk: PreviewServer):
    vi = "---\ntitle: Hội thảo đổi mới\ndate: 2020-04-02T01:30:00.000Z\ntags:\n  - NO\ndraft: false\n---\n\nXin chào.\n"
    en = "---\ntitle: Innovation workshop\ndate: 2020-04-02T01:30:00.000Z\nslug: innovation-workshop\n---\n\nHello.\n"
    paths = ("content/news/hoi-thao-doi-moi.vi.md", "content/news/hoi-thao-doi-moi.en.md")
    edit_and_wait(desk, lambda: persist(desk, list(zip(paths, (vi, en), strict=True))),
                  page_has(desk, "/kontum/en/news/innovation-workshop/", "Innovation workshop"))
    assert (desk.source / paths[0]).read_text("utf-8") == (
        '---\ntitle: "Hội thảo đổi mới"\ndate: 2020-04-02T08:30\ntags: ["NO"]\n---\nXin chào.\n')
    assert (desk.source / paths[1]).read_text("utf-8") == (
        '---\ntitle: "Innovation workshop"\ndate: 2020-04-02T08:30\nslug: innovation-workshop\n---\nHello.\n')
    assert "Hội thảo đổi mới".encode() in get(desk, "/kontum/vi/tin-tuc/hoi-thao-doi-moi/")[2]
    assert "desk wrote content/news/hoi-thao-doi-moi.vi.md, content/news/hoi-thao-doi-moi.en.md" in log_of(desk)


def test_an_english_half_left_empty_leaves_no_file_and_the_page_untranslated(desk: PreviewServer):
    vi = "---\ntitle: Chỉ tiếng Việt\ndate: 2020-04-03\n---\n\nNội dung.\n"
    en = "---\ndate: 2020-04-03\ndraft: false\n---\n"
    edit_and_wait(desk, lambda: persist(desk, [("content/news/chi-tieng-viet.vi.md", vi),
                                               ("content/news/chi-tieng-viet.en.md", en)]),
                  page_has(desk, "/kontum/vi/tin-tuc/chi-tieng-viet/", "Chỉ tiếng Việt"))
    assert not (desk.source / "content/news/chi-tieng-viet.en.md").exists()
    assert desk.preview.errors == []
    assert "Chỉ tiếng Việt".encode() in get(desk, "/kontum/en/news/")[2]   # listed as not yet translated


def test_an_image_is_saved_in_static_images(desk: PreviewServer):
    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
    status, answer = call(desk, "persistMedia", {"asset": {"path": "static/images/anh.png", "encoding": "base64",
                                                           "content": base64.b64encode(png).decode()},
                                                 "options": {"commitMessage": "Upload"}})
    assert status == 200 and answer["path"] == "static/images/anh.png"
    assert (desk.source / "static/images/anh.png").read_bytes() == png
    status, media = call(desk, "getMedia", {"mediaFolder": "static/images"})
    assert [m["path"] for m in media] == ["static/images/anh.png"]


@pytest.mark.parametrize("path", [
    "site.toml", "templates/base.html", "content/../site.toml", "/etc/passwd", "static/x.png", "static/css/x.css",
    "content/news/x.exe", "content/news/.hidden.md", "content/news/lien-ket/x.md", "C:/x.md", "content\\news\\x.md",
    "content/news/x.vi.md\x00", "content/a/b/c/x.md", "static/images/x.svg", "content//x.md",
    "content/news/Hội thảo.vi.md",
])
def test_writes_outside_the_site_areas_are_refused_and_write_nothing(desk: PreviewServer, path: str):
    outside = desk.source.parent / "outside"
    outside.mkdir(exist_ok=True)
    link = desk.source / "content/news/lien-ket"
    link.symlink_to(outside, target_is_directory=True)
    try:
        _refused_everywhere(desk, path)
    finally:
        link.unlink()


def _refused_everywhere(desk: PreviewServer, path: str) -> None:
    before = snapshot(desk.source.parent)
    good = ("content/news/tot.vi.md", "---\ntitle: Tốt\ndate: 2020-04-05\n---\n")
    status, answer = persist(desk, [good, (path, "---\ntitle: X\ndate: 2020-04-05\n---\n")])
    assert status == 403 and answer == {"error": "path"}
    status, _ = call(desk, "persistMedia", {"asset": {"path": path, "encoding": "base64", "content": "AAAA"},
                                            "options": {"commitMessage": "x"}})
    assert status == 403
    if path.isascii():   # (a file with that name may be deleted: only new files must have slug names)
        assert call(desk, "deleteFile", {"path": path, "options": {"commitMessage": "x"}})[0] in (403, 422)
    assert snapshot(desk.source.parent) == before
    assert f"desk refused POST {API} from 127.0.0.1: path" in log_of(desk)


@pytest.mark.parametrize(("headers", "status"), [
    ({"host": "evil.example:80"}, 403),            # DNS rebinding: the page's name, our address
    ({"origin": "http://evil.example"}, 403),
    ({"origin": None}, 403),
    ({"origin": "http://localhost:1"}, 403),
    ({"method": "GET"}, 405),
    ({"kind": "text/plain"}, 415),
    ({"body": b"not json"}, 400),
])
def test_requests_from_elsewhere_are_refused_and_write_nothing(desk: PreviewServer, headers: dict, status: int):
    before = snapshot(desk.source)
    raw = {"action": "persistEntry", "params": {"branch": "main", "assets": [], "options": {}, "dataFiles": [
        {"slug": "x", "path": "content/news/la.vi.md", "raw": "---\ntitle: Lạ\ndate: 2020-01-01\n---\n"}]}}
    options = {"body": json.dumps(raw).encode(), **headers}
    assert call(desk, "persistEntry", **options)[0] == status
    assert snapshot(desk.source) == before
    assert log_of(desk).count("desk refused") >= 1


def test_unknown_actions_and_oversized_bodies_are_refused(desk: PreviewServer):
    assert call(desk, "unpublishedEntries")[0] == 422
    assert "unknown action 'unpublishedEntries'" in log_of(desk)
    limit, desk.desk.max_body = desk.desk.max_body, 1000
    try:
        assert call(desk, "getEntry", {"path": "content/news/x.vi.md", "pad": "x" * 2000})[0] == 413
    finally:
        desk.desk.max_body = limit
    assert "request too large" in log_of(desk)


def test_the_site_and_its_websocket_answer_only_the_names_the_preview_listens_as(desk: PreviewServer):
    conn = http.client.HTTPConnection("127.0.0.1", desk.port, timeout=10)
    conn.request("GET", "/kontum/vi/", headers={"Host": "rebind.example"})
    assert conn.getresponse().status == 403
    conn.close()
    for host in (f"localhost:{desk.port}", f"127.0.0.1:{desk.port}"):
        conn = http.client.HTTPConnection("127.0.0.1", desk.port, timeout=10)
        conn.request("GET", "/kontum/vi/", headers={"Host": host})
        assert conn.getresponse().status == 200
        conn.close()

    async def opens(origin: str) -> bool:
        from tornado.httpclient import HTTPClientError, HTTPRequest
        request = HTTPRequest(f"ws://127.0.0.1:{desk.port}/livereload", headers={"Origin": origin})
        try:
            (await websocket_connect(request)).close()
            return True
        except HTTPClientError:
            return False

    assert run_in_own_loop(lambda: opens(f"http://127.0.0.1:{desk.port}"))
    assert not run_in_own_loop(lambda: opens("http://rebind.example"))   # Origin matching a rebound Host


def test_beyond_loopback_the_desk_needs_a_token(desk: PreviewServer, tmp_path: Path):
    off = PreviewServer(desk.source, ServeSettings(host="0.0.0.0", port=0))
    on = PreviewServer(desk.source, ServeSettings(host="0.0.0.0", port=0, desk_token="bi-mat"))
    try:
        assert not off.desk.enabled and on.desk.enabled and on.desk.token == "bi-mat"
    finally:
        off.close()
        on.close()
    desk.desk.token = "bi-mat"
    try:
        assert get(desk, "/kontum/admin/")[0] == 403
        assert call(desk, "getEntry", {"path": "content/news/khai-truong.vi.md"})[0] == 403
        status, headers, _ = get(desk, "/kontum/admin/?token=bi-mat")
        assert status == 200 and "HttpOnly" in headers["Set-Cookie"] and "SameSite=Strict" in headers["Set-Cookie"]
    finally:
        desk.desk.token = None
    assert "the desk's token is missing or wrong" in log_of(desk)


def test_a_non_ascii_sub_folder_in_base_url_is_served(tmp_path: Path):
    source = tmp_path / "mini"
    shutil.copytree(SITES / "mini", source)
    toml = source / "site.toml"
    toml.write_text(toml.read_text("utf-8").replace("/kontum/", "/khởi-nghiệp/"), "utf-8")
    server = PreviewServer(source, ServeSettings(port=0, now=FIXED_NOW), out=io.StringIO())
    server.start()
    try:
        status, headers, _ = get(server, "/")
        assert (status, headers["Location"]) == (302, "/kh%E1%BB%9Fi-nghi%E1%BB%87p/")
        status, _, body = get(server, "/kh%E1%BB%9Fi-nghi%E1%BB%87p/vi/")
        assert status == 200 and b"<html" in body
        assert get(server, "/kh%e1%bb%9fi-nghi%e1%bb%87p/vi/tin-tuc/")[0] == 200
        assert get(server, "/kh%E1%BB%9Fi-nghi%E1%BB%87p/admin/config.yml")[0] == 200
        assert get(server, "/kh%E1%BB%9Fi-nghi%E1%BB%87p/vi/khong-co/")[0] == 404
    finally:
        server.stop()
