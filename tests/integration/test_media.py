"""Photos and share cards in a real build: variants, sizes, no GPS left, a card per article, caching, messages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import FIXED_NOW, SITES, run_cli
from tests.integration.test_golden import files_of
from tests.photos import has_gps, make_photo, photo_site

BASE = "https://example.org/kontum/"
_OG_IMAGE = re.compile(r'<meta property="og:image" content="([^"]+)"')


def _build(source: Path, output: Path, *extra: str, messages: str = "en"):
    return run_cli("build", "--source", str(source), "--output", str(output), "--now", FIXED_NOW, "--base-url", BASE,
                   "--messages", messages, *extra)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return photo_site(SITES, tmp_path / "site")


def test_a_3000_px_phone_photo_is_served_small_sized_lazy_and_without_gps(site: Path, tmp_path: Path):
    make_photo(site / "static" / "images" / "unused.jpg", 800, 600)
    out = tmp_path / "public"
    result = _build(site, out, "--no-cache")
    assert result.code == 0, result.err
    images = sorted(p.relative_to(out).as_posix() for p in (out / "images").iterdir())
    assert images == ["images/le-phat-dong.1600.webp", "images/le-phat-dong.480.webp", "images/le-phat-dong.960.jpg",
                      "images/le-phat-dong.960.webp", "images/le-phat-dong.jpg", "images/unused.jpg"]
    published = [p for p in out.rglob("*") if p.suffix in (".jpg", ".png", ".webp")]
    assert published and not [p for p in published if has_gps(p)]
    assert has_gps(site / "static" / "images" / "le-phat-dong.jpg"), "the source keeps what the editor gave"
    page = (out / "vi" / "tin-tuc" / "le-phat-dong" / "index.html").read_text(encoding="utf-8")
    tags = re.findall(r"<img [^>]*>", page)
    assert len(tags) == 2 and page.count('<source type="image/webp" srcset="/kontum/images/le-phat-dong.480.webp') == 2
    assert all('width="960" height="640"' in tag for tag in tags)
    assert 'loading="lazy"' not in tags[0] and 'loading="lazy"' in tags[1]
    for url in re.findall(r'(?:src|srcset)="([^" ]+)', page):   # every file the page names exists
        if url.startswith("/kontum/images/"):
            assert (out / url.removeprefix("/kontum/")).is_file(), url
    card = _OG_IMAGE.search(page).group(1)
    assert card.endswith(".jpg")
    with Image.open(out / card.removeprefix(BASE)) as image:
        assert image.size == (1200, 630) and not image.getexif()


def test_every_article_has_a_share_card_of_its_own(site: Path, tmp_path: Path):
    out = tmp_path / "public"
    assert _build(site, out, "--no-cache").code == 0
    cards: dict[str, str] = {}
    for file in out.rglob("index.html"):
        text = file.read_text(encoding="utf-8")
        found = _OG_IMAGE.search(text)
        assert found, f"{file} has no og:image"
        with Image.open(out / found.group(1).removeprefix(BASE)) as image:
            assert image.size == (1200, 630)
        if 'class="kind-article"' in text:
            cards[file.relative_to(out).as_posix()] = found.group(1)
    assert len(cards) >= 5 and len(set(cards.values())) == len(cards), cards


def test_check_writes_nothing_and_a_cached_rebuild_equals_a_cold_one(site: Path, tmp_path: Path):
    result = run_cli("check", "--source", str(site), "--now", FIXED_NOW)
    assert result.code == 0, result.out
    assert not (site / ".cache" / "media").exists()
    out, cold = tmp_path / "public", tmp_path / "cold"
    assert _build(site, out).code == 0
    assert (site / ".cache" / "media" / "index.json").is_file()
    article = site / "content" / "news" / "le-phat-dong.vi.md"
    article.write_text(article.read_text(encoding="utf-8").replace("Lễ phát động cuộc thi khởi nghiệp",
                                                                   "Lễ phát động"), encoding="utf-8")
    again = _build(site, out)
    assert again.code == 0, again.err
    written = int(re.search(r"\((\d+) written", again.out).group(1))
    assert written < 20, again.out   # the cards and photos of the rest are kept, not made again
    assert _build(site, cold, "--no-cache").code == 0
    assert files_of(out) == files_of(cold)
    assert sorted(p.name for p in (out / "cards").iterdir()) == sorted(p.name for p in (cold / "cards").iterdir())
    assert all((out / "cards" / p.name).read_bytes() == p.read_bytes() for p in (cold / "cards").iterdir())


def test_a_broken_image_is_an_error_and_a_huge_one_a_warning(site: Path, tmp_path: Path):
    make_photo(site / "static" / "images" / "panorama.jpg", 6400, 60)
    (site / "static" / "images" / "hong.jpg").write_bytes(b"\xff\xd8\xff\xe0 this is not a photo")
    out = tmp_path / "public"
    result = _build(site, out, "--no-cache")
    assert result.code == 1 and not out.exists()
    assert "static/images/hong.jpg: cannot be read as an image" in result.err
    assert "static/images/panorama.jpg: warning: the image is" in result.err and "6400×60 px" in result.err
    shown = _build(site, out, "--no-cache", messages="vi").err   # the site's language: Vietnamese
    assert "static/images/hong.jpg: không đọc được tệp ảnh" in shown and "Gợi ý: mở ảnh bằng một trình sửa ảnh" in shown
    assert "static/images/panorama.jpg: cảnh báo: ảnh nặng" in shown and "6400×60 px" in shown
    (site / "static" / "images" / "hong.jpg").unlink()
    assert _build(site, out, "--no-cache").code == 0
