"""Photos in static/images/: published without their EXIF data (GPS above all), in smaller WebP widths for phones.

`inspect` reads only what a page needs (the upright size); `encode` makes the files: the
original at its own path, re-encoded without metadata (turned upright, its colour profile
kept), and for photos an article shows, WebP at up to three widths plus a JPEG (or PNG)
for browsers without WebP. Pillow's encoders are deterministic for fixed settings, so the
same photo always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import warnings
from dataclasses import dataclass

import PIL
from PIL import Image, ImageOps

from sitegen.messages import Msg
from sitegen.plan.urls import photo_variant

IMAGES = "images/"
PROCESSED = (".jpg", ".jpeg", ".png", ".webp")
WIDTHS = (480, 960, 1600)
FALLBACK_WIDTH = 960
CLOSE = 0.8                    # a width above 80 % of the photo's own is not worth a file of its own
LARGE_BYTES = 5 * 1024 * 1024  # phone photos are 2-5 MB; above this the repository and every cold build pay for it
LARGE_SIDE = 6000
WEBP_QUALITY, JPEG_QUALITY, ORIGINAL_QUALITY = 78, 80, 88
VERSION = f"images-1-pillow-{PIL.__version__}-{WIDTHS}-{WEBP_QUALITY}-{JPEG_QUALITY}-{ORIGINAL_QUALITY}"

@dataclass(frozen=True)
class Variant:
    path: str      # output path: images/le-phat-dong.480.webp
    width: int
    height: int
    mime: str


@dataclass(frozen=True)
class Photo:
    """One image of static/images/ as a page shows it: upright size and the files it is published as."""

    path: str                       # images/le-phat-dong.jpg: also the path of its published original
    source: str                     # static/images/le-phat-dong.jpg, named in messages
    key: str                        # its bytes and the settings: what its files are cached under
    width: int
    height: int
    alpha: bool
    variants: tuple[Variant, ...]   # WebP, narrowest first
    fallback: Variant               # JPEG or PNG for browsers without WebP (the original when it is small)

    @property
    def mime(self) -> str:
        return _MIME[_format_of(self.path)]


_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
_MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def _format_of(path: str) -> str:
    return _FORMATS[posixpath.splitext(path)[1].lower()]


def is_photo(path: str) -> bool:
    """A static file this module publishes: a JPEG, PNG or WebP under images/."""
    return path.startswith(IMAGES) and path.lower().endswith(PROCESSED)


class ImageProblem(Exception):
    """A file that cannot be read as an image; `text` (a catalogue message) says why."""

    def __init__(self, text: Msg):
        super().__init__(str(text))
        self.text = text


def inspect(path: str, source: str, data: bytes) -> Photo:
    """The photo's upright size and the files it will be published as, from its header only."""
    key = hashlib.sha256(VERSION.encode() + b"\0" + data).hexdigest()[:32]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                orientation = image.getexif().get(0x0112, 1)
                alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
                found = image.format
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise ImageProblem(Msg("image-unreadable", reason=str(exc) or type(exc).__name__)) from None
    if found not in _MIME:
        raise ImageProblem(Msg("image-unreadable", reason=Msg("image-other-format", found=str(found))))
    if orientation in (5, 6, 7, 8):   # a phone held upright: the pixels are stored sideways
        width, height = height, width
    return Photo(path, source, key, width, height, alpha, *_variants(path, width, height, alpha))


def _variants(path: str, width: int, height: int, alpha: bool) -> tuple[tuple[Variant, ...], Variant]:
    widths = sorted({w for w in WIDTHS if w <= width * CLOSE} | {min(width, WIDTHS[-1])})
    webp = tuple(Variant(photo_variant(path, w, ".webp"), w, _scaled(height, w, width), "image/webp") for w in widths)
    if width <= FALLBACK_WIDTH:
        fallback = Variant(path, width, height, _MIME[_format_of(path)])
    else:
        png = alpha or _format_of(path) == "PNG"
        fallback = Variant(photo_variant(path, FALLBACK_WIDTH, ".png" if png else ".jpg"), FALLBACK_WIDTH,
                           _scaled(height, FALLBACK_WIDTH, width), "image/png" if png else "image/jpeg")
    return webp, fallback


def _scaled(height: int, width: int, full_width: int) -> int:
    return max(1, round(height * width / full_width))


def too_large(photo: Photo, size: int) -> Msg | None:
    """The warning for a photo heavier than a site needs (None when it is not)."""
    if size <= LARGE_BYTES and max(photo.width, photo.height) <= LARGE_SIDE:
        return None
    return Msg("image-large", size=f"{size / 1_048_576:.1f}", width=photo.width, height=photo.height)


def upright(data: bytes) -> Image.Image:
    """The decoded photo turned as the camera meant it, with no metadata left but its colour profile."""
    with Image.open(io.BytesIO(data)) as image:
        icc = image.info.get("icc_profile")
        turned = ImageOps.exif_transpose(image)
    keep_alpha = turned.mode in ("RGBA", "LA", "PA") or "transparency" in turned.info
    plain = turned.convert("RGBA" if keep_alpha else "RGB")
    plain.info = {"icc_profile": icc} if icc else {}
    return plain


def encode(photo: Photo, image: Image.Image, variant: Variant | None) -> bytes:
    """One published file: the original (variant None) or one of its variants, without EXIF or XMP."""
    icc = image.info.get("icc_profile")
    extra = {"icc_profile": icc} if icc else {}
    if variant is None:
        return _save(image, _format_of(photo.path), ORIGINAL_QUALITY, extra)
    resized = image.resize((variant.width, variant.height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    return _save(resized, {"image/webp": "WEBP", "image/png": "PNG"}.get(variant.mime, "JPEG"),
                 WEBP_QUALITY if variant.mime == "image/webp" else JPEG_QUALITY, extra)


def _save(image: Image.Image, fmt: str, quality: int, extra: dict) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=quality, progressive=True, optimize=True, **extra)
    elif fmt == "PNG":
        image.save(out, "PNG", compress_level=9 if image.width <= 1600 else 6, **extra)
    else:
        image.save(out, "WEBP", quality=quality, method=4, **extra)
    return out.getvalue()
