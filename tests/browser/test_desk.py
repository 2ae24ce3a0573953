"""The editors' desk in real Chromium: opened from the preview, in Vietnamese, listing the news; a new
article and its English translation, an event and an image saved through the interface; then the
files on disk compared with the guide and the rebuilt pages checked. No request leaves 127.0.0.1."""

from __future__ import annotations

import base64
import io
import shutil
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from sitegen.preview.server import PreviewServer, ServeSettings
from tests.conftest import FIXED_NOW, SITES
from tests.desk.kit import decap_dist
from tests.integration.test_serve import get

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PreviewServer]:
    source = tmp_path_factory.mktemp("desk-browser") / "mini"
    shutil.copytree(SITES / "mini", source)
    patch = pytest.MonkeyPatch()
    patch.setenv("SITEGEN_DESK_SCRIPT", str(decap_dist()))
    server = PreviewServer(source, ServeSettings(port=0, now=FIXED_NOW), out=io.StringIO())
    server.start()
    yield server
    server.stop()
    patch.undo()


@pytest.fixture(scope="module")
def desk(browser: Browser, preview: PreviewServer) -> Iterator[tuple[Page, list[str]]]:
    """One page logged in to the desk; every request that is not for 127.0.0.1 is recorded and stopped."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    outside: list[str] = []

    def guard(route) -> None:
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("blob:", "data:")) or host == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())   # "leave the editor?" after a save
    page.goto(f"{preview.url}/kontum/admin/")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("Bộ sưu tập")).to_be_visible(timeout=30_000)
    yield page, outside
    context.close()


def wait_for_file(preview: PreviewServer, path: str, timeout: float = 15.0) -> str:
    target = preview.source / path
    expect_poll(lambda: target.is_file(), timeout)
    return target.read_text("utf-8")


def expect_poll(ready: Callable[[], bool], timeout: float) -> None:
    """Poll the disk or the preview (which the browser does not see) until `ready()`."""
    deadline = time.monotonic() + timeout
    while not ready():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def open_desk(page: Page, preview: PreviewServer, where: str) -> None:
    """A fresh load of the desk at `where` (as an editor opening a bookmark), logged in again if asked."""
    page.goto("about:blank")
    page.goto(f"{preview.url}/kontum/admin/#/{where}")
    login = page.get_by_role("button", name="Đăng nhập")
    page.locator("button:has-text('Đăng nhập'), a[href*='#/collections/']").first.wait_for(timeout=30_000)
    if login.count():
        login.click()


def publish(page: Page) -> None:
    page.get_by_role("button", name="Công bố").click()
    page.get_by_text("Công bố ngay").first.click()
    expect(page.get_by_text("Đã công bố")).to_be_visible(timeout=15_000)


def test_the_desk_lists_the_news_in_vietnamese(desk: tuple[Page, list[str]], preview: PreviewServer):
    page, outside = desk
    page.goto(f"{preview.url}/kontum/admin/#/collections/news")
    expect(page.get_by_role("heading", name="Khai trương cổng thông tin")).to_be_visible()
    shown = unicodedata.normalize("NFC", page.inner_text("body"))   # (the fixture has an NFD title)
    for text in ("Bộ sưu tập", "Tin tức", "Chính sách", "Trang riêng", "Lời giới thiệu", "Lịch sự kiện",
                 "Sắp xếp theo", "Tập huấn đổi mới sáng tạo", "Bản nháp"):
        assert text in shown
    assert "Khai trương cổng thông tin" in shown and "Portal opens" not in shown   # one entry for the vi/en pair
    assert outside == []


def test_a_new_article_and_its_translation_are_saved_as_the_guide_writes_them(desk: tuple[Page, list[str]],
                                                                              preview: PreviewServer):
    page, outside = desk
    open_desk(page, preview, "collections/news/new")
    page.locator("input[id^=title-field]").nth(0).fill("Hội thảo Đổi mới sáng tạo")
    page.locator("input[id^=date-field]").nth(0).fill("2020-04-20T08:30")
    page.locator("input[id^=title-field]").nth(1).fill("Innovation workshop")
    editors = page.locator("[data-slate-editor]")
    editors.nth(0).click()
    page.keyboard.type("Đoạn đầu")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("dòng hai.")
    page.keyboard.press("Enter")
    page.locator('button[title="Bulleted List"]').nth(0).click()
    for key, typed in (("", "mục một"), ("Tab", "mục con"), ("Shift+Tab", "mục hai")):
        if key:
            page.keyboard.press("Enter")
            page.keyboard.press(key)
        page.keyboard.type(typed)
    editors.nth(1).click()
    page.keyboard.type("Opening paragraph.")
    publish(page)
    vi = wait_for_file(preview, "content/news/hoi-thao-doi-moi-sang-tao.vi.md")
    en = wait_for_file(preview, "content/news/hoi-thao-doi-moi-sang-tao.en.md")
    assert vi == ('---\ntitle: "Hội thảo Đổi mới sáng tạo"\ndate: 2020-04-20T08:30\n---\n'
                  "Đoạn đầu  \ndòng hai.\n\n* mục một\n\n    * mục con\n* mục hai\n")
    assert en == '---\ntitle: "Innovation workshop"\ndate: 2020-04-20T08:30\n---\nOpening paragraph.\n'
    expect_poll(lambda: get(preview, "/kontum/en/news/hoi-thao-doi-moi-sang-tao/")[0] == 200, 15)
    body = get(preview, "/kontum/vi/tin-tuc/hoi-thao-doi-moi-sang-tao/")[2].decode()
    assert "Đoạn đầu<br" in body and "<li>" in body
    nested = body[body.index("mục một"):body.index("mục hai")]
    assert "<ul>" in nested and "mục con" in nested   # the sub-item is nested, as the desk showed it
    assert outside == []


def test_an_event_is_added_to_a_calendar(desk: tuple[Page, list[str]], preview: PreviewServer):
    page, outside = desk
    open_desk(page, preview, "collections/calendars/entries/cuoc-thi")
    page.get_by_role("button", name="Add sự kiện").click()
    page.locator("input[id^=id-field]").last.fill("hoi-thao-moi")
    page.locator("input[id^=vi-field]").nth(-2).fill("Hội thảo mới")
    page.locator("input[id^=start-field]").last.fill("2020-10-05T08:00")
    publish(page)
    expect_poll(lambda: "hoi-thao-moi" in (preview.source / "content/events/cuoc-thi.yaml").read_text("utf-8"), 15)
    text = (preview.source / "content/events/cuoc-thi.yaml").read_text("utf-8")
    assert text.endswith('  - id: hoi-thao-moi\n    title: {vi: "Hội thảo mới"}\n    start: 2020-10-05T08:00\n'
                         "    status: scheduled\n")
    assert '    location: "Hội trường Sở Khoa học và Công nghệ, Kon Tum"\n' in text   # one text for both stays one
    expect_poll(lambda: "Hội thảo mới".encode() in get(preview, "/kontum/vi/su-kien/")[2], 15)
    assert outside == []


def test_an_image_is_uploaded_into_static_images(desk: tuple[Page, list[str]], preview: PreviewServer,
                                                 tmp_path: Path):
    page, outside = desk
    picture = tmp_path / "anh-hoi-thao.png"
    picture.write_bytes(PNG)
    open_desk(page, preview, "collections/news")
    page.get_by_text("Tập tin").first.click()
    expect(page.get_by_text("Không tìm thấy tập tin nào.")).to_be_visible(timeout=30_000)   # the library has loaded
    page.locator("input[type=file]").set_input_files(str(picture))
    expect(page.get_by_text("anh-hoi-thao.png").first).to_be_visible(timeout=30_000)
    expect_poll(lambda: (preview.source / "static/images/anh-hoi-thao.png").is_file(), 15)
    assert (preview.source / "static/images/anh-hoi-thao.png").read_bytes() == PNG
    assert outside == []
