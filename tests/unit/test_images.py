"""Photos: upright sizes and variants from the header, files without EXIF/GPS, the same bytes every time."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from sitegen.write import images
from sitegen.write.images import ImageProblem, encode, inspect, too_large, upright
from tests.photos import GPS_IFD, make_photo


def _photo(tmp_path: Path, name: str = "x.jpg", **kw) -> tuple[images.Photo, bytes]:
    file = make_photo(tmp_path / name, **kw)
    data = file.read_bytes()
    return inspect(f"images/{name}", f"static/images/{name}", data), data


def test_a_3000_px_photo_gets_three_webp_widths_and_a_jpeg_fallback(tmp_path: Path):
    photo, _ = _photo(tmp_path)
    assert (photo.width, photo.height) == (3000, 2000)
    assert [(v.path, v.width, v.height) for v in photo.variants] == [
        ("images/x.480.webp", 480, 320), ("images/x.960.webp", 960, 640), ("images/x.1600.webp", 1600, 1067)]
    assert (photo.fallback.path, photo.fallback.width, photo.fallback.mime) == ("images/x.960.jpg", 960, "image/jpeg")


def test_every_file_has_the_planned_size_and_no_exif_or_gps(tmp_path: Path):
    photo, data = _photo(tmp_path)
    with Image.open(io.BytesIO(data)) as original:
        assert original.getexif().get_ifd(GPS_IFD), "the test photo does carry GPS"
    picture = upright(data)
    for variant in (None, *photo.variants, photo.fallback):
        out = encode(photo, picture, variant)
        with Image.open(io.BytesIO(out)) as image:
            expected = (variant.width, variant.height) if variant else (photo.width, photo.height)
            assert image.size == expected
            assert not image.getexif(), f"{variant}: EXIF left"
            assert "exif" not in image.info and "xmp" not in image.info
        assert b"Exif\x00\x00" not in out and b"EXIF" not in out and b"PhoneMaker" not in out


def test_the_same_photo_gives_the_same_bytes(tmp_path: Path):
    photo, data = _photo(tmp_path)
    first = [encode(photo, upright(data), v) for v in (None, *photo.variants)]
    again = [encode(photo, upright(data), v) for v in (None, *photo.variants)]
    assert first == again


def test_a_phone_held_upright_is_published_upright(tmp_path: Path):
    photo, data = _photo(tmp_path, width=1200, height=800, orientation=6)   # stored sideways, shown rotated
    assert (photo.width, photo.height) == (800, 1200)
    assert [v.width for v in photo.variants] == [480, 800]
    out = encode(photo, upright(data), None)
    with Image.open(io.BytesIO(out)) as image:
        assert image.size == (800, 1200) and 0x0112 not in image.getexif()


def test_small_images_keep_one_width_and_their_own_file_as_fallback(tmp_path: Path):
    photo, _ = _photo(tmp_path, width=500, height=300)
    assert [v.width for v in photo.variants] == [500]
    assert photo.fallback.path == "images/x.jpg"


def test_png_with_transparency_falls_back_to_png(tmp_path: Path):
    photo, data = _photo(tmp_path, "logo.png", width=1200, height=600, fmt="PNG", alpha=True)
    assert photo.fallback.path == "images/logo.960.png" and photo.alpha
    with Image.open(io.BytesIO(encode(photo, upright(data), photo.fallback))) as image:
        assert image.mode == "RGBA" and not image.getexif()


def test_a_broken_file_is_a_problem_with_a_reason():
    with pytest.raises(ImageProblem, match="cannot be read as an image") as raised:
        inspect("images/x.jpg", "static/images/x.jpg", b"\xff\xd8 not really a jpeg")
    assert raised.value.text.render("vi").startswith("không đọc được tệp ảnh (")


def test_heavy_photos_are_named_in_a_warning(tmp_path: Path):
    photo, data = _photo(tmp_path, width=6400, height=100)
    heavy = too_large(photo, len(data))
    assert heavy is not None and "6400×100 px" in heavy.render("en") and "6400×100 px" in heavy.render("vi")
    small, data = _photo(tmp_path, "y.jpg", width=3000, height=2000)
    assert too_large(small, len(data)) is None
    assert too_large(small, images.LARGE_BYTES + 1)
