"""URL shapes: one module knows them; localized segments; base path under a sub-folder."""

from sitegen.diagnostics import Diagnostics
from sitegen.load.config import load_config
from sitegen.plan.urls import Urls, output_path
from tests.conftest import SITES


def urls(base: str = "https://example.org/kontum/") -> Urls:
    return Urls(load_config(SITES / "mini", Diagnostics(), base))


def test_localized_paths():
    u = urls()
    assert u.section("vi", "news") == "vi/tin-tuc/"
    assert u.section("en", "news", 3) == "en/news/page/3/"
    assert u.section("vi", "news", 2) == "vi/tin-tuc/trang/2/"
    assert u.tag("vi", "Khởi nghiệp") == "vi/the/khoi-nghiep/"
    assert u.events("en") == "en/events/" and u.events("vi") == "vi/su-kien/"
    assert u.month("vi", 2020, 5) == "vi/su-kien/2020/05/"
    assert u.feed("vi") == "vi/rss.xml" and u.feed("en", "news") == "en/news/rss.xml"


def test_links_under_a_sub_folder_and_webcal():
    u = urls()
    assert u.href("vi/") == "/kontum/vi/"
    assert u.absolute("vi/rss.xml") == "https://example.org/kontum/vi/rss.xml"
    assert u.webcal("vi/su-kien/lich/all.ics") == "webcal://example.org/kontum/vi/su-kien/lich/all.ics"
    assert urls("http://127.0.0.1:8000/").webcal("x.ics") == ""


def test_output_paths():
    assert output_path("vi/") == "vi/index.html"
    assert output_path("") == "index.html"
    assert output_path("vi/rss.xml") == "vi/rss.xml"
