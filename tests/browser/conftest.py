"""Browser fixtures: the project site built once under /kontum/, a static server, one shared Chromium.

Debian's Chromium is required: when it is missing these tests fail, they never skip.
"""

from __future__ import annotations

import contextlib
import functools
import io
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    Request,
    Response,
    Route,
    sync_playwright,
)

from sitegen.cli import main
from tests.browser.browser_support import CHROMIUM, CHROMIUM_ARGS, LANGS, NOW, PHONE, PREFIX
from tests.conftest import SITES

_KIND = re.compile(r'<body class="kind-([a-z0-9-]+)"')


@dataclass
class Site:
    """The built site: where it is on disk, its address, and one URL per page type and language."""

    root: Path
    origin: str
    pages: dict[tuple[str, str], str] = field(default_factory=dict)   # (kind, lang) -> path under PREFIX

    def url(self, path: str) -> str:
        return f"{self.origin}{PREFIX}{path}"


class _Handler(SimpleHTTPRequestHandler):
    """A static host: files as they are, its 404 page for anything missing."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / PREFIX.strip("/") / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _free_server(directory: Path) -> ThreadingHTTPServer:
    handler = functools.partial(_Handler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    return server


def _classify(output: Path) -> dict[tuple[str, str], str]:
    """The first page (in sorted order) of every kind and language; articles with a document apart."""
    found: dict[tuple[str, str], str] = {}
    for file in sorted(output.rglob("index.html")):
        rel = file.relative_to(output).as_posix()
        lang = rel.split("/", 1)[0]
        if lang not in LANGS:
            continue
        text = file.read_text(encoding="utf-8")
        match = _KIND.search(text)
        if not match:
            continue
        kind = match.group(1)
        if kind == "article" and "is-document" in text:
            kind = "document-article"
        if kind == "article" and "class=\"translation-link\"" in text:
            found.setdefault(("translated-article", lang), rel[: -len("index.html")])
        found.setdefault((kind, lang), rel[: -len("index.html")])
    return found


@contextlib.contextmanager
def _built_and_served(tmp_path_factory: pytest.TempPathFactory, name: str, *source: str) -> Iterator[Site]:
    """Build a site (without touching its source folder's cache) and serve it under PREFIX."""
    serve_root = tmp_path_factory.mktemp(f"browser-{name}")
    output = serve_root / PREFIX.strip("/")
    server = _free_server(serve_root)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["build", *source, "--output", str(output), "--base-url", origin + PREFIX, "--now", NOW,
                     "--no-cache"])
    assert code == 0, f"the {name} site did not build:\n{out.getvalue()}\n{err.getvalue()}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    built = Site(root=output, origin=origin, pages=_classify(output))
    built.pages[("404", "vi")] = "no/such/page/"
    try:
        yield built
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(serve_root, ignore_errors=True)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The project's own site (content/)."""
    with _built_and_served(tmp_path_factory, "project") as built:
        yield built


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The fixture site with the edge cases: untranslated articles, fallbacks, a cancelled event, aligned tables."""
    with _built_and_served(tmp_path_factory, "mini", "--source", str(SITES / "mini")) as built:
        yield built


@pytest.fixture(scope="session")
def photo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The mini site with an article showing a 3000 px phone photo twice (tests/photos.py)."""
    from tests.photos import photo_site as make_site

    source = make_site(SITES, tmp_path_factory.mktemp("photo-source") / "site")
    with _built_and_served(tmp_path_factory, "photo", "--source", str(source)) as built:
        yield built


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (the browser tests never skip)")
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass
class Watch:
    """What a page did: console errors, failed or refused requests, bytes received."""

    origin: str
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    expected_404: str = ""

    def attach(self, page: Page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        if self.expected_404 and "404" in message.text and message.location.get("url") == self.expected_404:
            return
        self.errors.append(message.text)

    def _failed(self, request: Request) -> None:
        self.failed.append(f"{request.url}: {request.failure}")

    def _response(self, response: Response) -> None:
        url = response.url
        if response.status >= 400 and url != self.expected_404:
            self.failed.append(f"{url}: HTTP {response.status}")
        self.responses.append(response)

    def sizes(self) -> dict[str, int]:
        """Bytes of every response body received so far (the test server sends them uncompressed)."""
        return {r.url: len(r.body()) for r in self.responses}

    def assert_clean(self) -> None:
        assert not self.errors, f"console errors: {self.errors}"
        assert not self.failed, f"failed requests: {self.failed}"
        assert not self.foreign, f"requests that left the site: {self.foreign}"


@pytest.fixture(scope="session")
def contexts(browser: Browser) -> Iterator[dict[tuple, BrowserContext]]:
    """Browser contexts shared by all tests, one per (width, height, JavaScript, colour scheme)."""
    made: dict[tuple, BrowserContext] = {}
    yield made
    for context in made.values():
        context.close()


@pytest.fixture
def open_page(browser: Browser, site: Site, contexts: dict[tuple, BrowserContext]) -> Iterator:
    """open_page(path, viewport, javascript, color_scheme, expect_status, on=site) -> (page, watch)."""
    pages: list[Page] = []

    def open_(path: str, viewport: dict | None = None, javascript: bool = True, color_scheme: str = "light",
              expect_status: int = 200, on: Site | None = None) -> tuple[Page, Watch]:
        target = on or site
        viewport = viewport or PHONE
        key = (viewport["width"], viewport["height"], javascript, color_scheme)
        if key not in contexts:
            contexts[key] = browser.new_context(viewport=viewport, java_script_enabled=javascript,
                                                color_scheme=color_scheme)
        watch = Watch(target.origin)

        def guard(route: Route) -> None:
            if urlsplit(route.request.url).netloc != urlsplit(target.origin).netloc:
                watch.foreign.append(route.request.url)
                route.abort()
            else:
                route.continue_()

        page = contexts[key].new_page()
        pages.append(page)
        page.route("**/*", guard)
        watch.attach(page)
        url = target.url(path)
        if expect_status == 404:
            watch.expected_404 = url
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status == expect_status, f"{url}: HTTP {response and response.status}"
        return page, watch

    yield open_
    for page in pages:
        page.close()
