"""Photos made with Pillow for the tests (never downloaded): a phone's JPEG with GPS in its EXIF, and a site using it."""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image, ImageDraw

GPS_IFD = 0x8825
ORIENTATION = 0x0112
# Kon Tum, as a phone would write it: latitude 14°21'N, longitude 108°0'E.
GPS = {1: "N", 2: (14.0, 21.0, 1.5), 3: "E", 4: (108.0, 0.0, 2.5)}


def make_photo(path: Path, width: int = 3000, height: int = 2000, orientation: int | None = None,
               fmt: str = "JPEG", alpha: bool = False) -> Path:
    """A photo-like picture (gradient and shapes) with camera EXIF and GPS coordinates."""
    image = Image.linear_gradient("L").resize((width, height)).convert("RGBA" if alpha else "RGB")
    draw = ImageDraw.Draw(image)
    for x in range(0, width, max(1, width // 20)):
        draw.ellipse((x, height // 3, x + width // 25, height // 3 + width // 25), fill=(200, 30 + x % 200, 60))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[GPS_IFD] = GPS
    if orientation:
        exif[ORIENTATION] = orientation
    path.parent.mkdir(parents=True, exist_ok=True)
    options = {"quality": 90} if fmt == "JPEG" else {}
    image.save(path, fmt, exif=exif, **options)
    return path


def has_gps(path: Path) -> bool:
    """Any trace of location data: an EXIF GPS block, or an EXIF segment at all."""
    with Image.open(path) as image:
        exif = image.getexif()
        return bool(exif.get_ifd(GPS_IFD)) or GPS_IFD in exif or b"Exif\x00\x00" in path.read_bytes()


ARTICLE = """---
title: Lễ phát động cuộc thi khởi nghiệp
date: 2020-05-01
summary: Ảnh buổi lễ phát động.
---
Buổi lễ diễn ra tại Kon Tum.

![Lễ phát động cuộc thi tại Kon Tum](/images/le-phat-dong.jpg)

Các đội thi giới thiệu dự án.

![Các đội thi tại lễ phát động](/images/le-phat-dong.jpg "Các đội thi")
"""


def photo_site(sites: Path, target: Path) -> Path:
    """The mini fixture site with a 3000 px phone photo (GPS in its EXIF) shown twice in a new article."""
    shutil.copytree(sites / "mini", target)
    make_photo(target / "static" / "images" / "le-phat-dong.jpg")
    (target / "content" / "news" / "le-phat-dong.vi.md").write_text(ARTICLE, encoding="utf-8")
    return target
