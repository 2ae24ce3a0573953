"""Share cards (og:image, 1200×630): the page's title, the Department's name and the site's mark.

Zalo and Facebook show them as the picture of a shared link, often at thumbnail size, so
the title is set large and bold. The font ships with the generator (Noto Sans, subset to
Latin and Vietnamese; fonts/OFL.txt): no system font is assumed. A card is a palette PNG
(a few milliseconds); an article with a photo gets the photo under a band with its title,
as a JPEG. The same inputs give the same bytes, and the key names everything they depend on.
"""

from __future__ import annotations

import functools
import hashlib
import io
import math
from dataclasses import dataclass
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
FONTS = Path(__file__).resolve().parent / "fonts"
BOLD, REGULAR = FONTS / "NotoSans-Bold.subset.ttf", FONTS / "NotoSans-Regular.subset.ttf"
BLUE, RED, YELLOW, WHITE, MUTED = (10, 58, 102), (200, 16, 46), (255, 210, 74), (255, 255, 255), (196, 212, 230)
MARGIN = 80
TITLE_SIZES = (76, 68, 60, 54, 48, 44)
TITLE_TOP, TITLE_BOTTOM = 214, 548   # the title's box; the yellow rule below it is at 558
DESIGN = 1
GRADIENT = 64   # palette indices from here on: the background blending into white (the title's anti-aliasing)


@dataclass(frozen=True)
class CardSpec:
    """Everything a card shows: its key and file name come from these and nothing else."""

    lang: str
    title: str
    organisation: str
    site: str
    photo: str = ""        # file of the article's first photo ("" for a title card)
    photo_key: str = ""    # that photo's content key

    @property
    def key(self) -> str:
        """Its public name: what it shows (not the Pillow version, so an upgrade does not rename every card)."""
        text = "\0".join((f"card-{DESIGN}", _font_digest(), self.lang, self.title, self.organisation, self.site,
                          self.photo_key))
        return hashlib.sha256(text.encode()).hexdigest()[:20]

    @property
    def cache_key(self) -> str:
        """Its bytes, which the drawing library's version may change."""
        return f"card-{self.key}-{PIL.__version__}{self.suffix}"

    @property
    def suffix(self) -> str:
        return ".jpg" if self.photo else ".png"

    @property
    def mime(self) -> str:
        return "image/jpeg" if self.photo else "image/png"


@functools.lru_cache(maxsize=1)
def _font_digest() -> str:
    return hashlib.sha256(BOLD.read_bytes() + REGULAR.read_bytes()).hexdigest()[:16]


@functools.lru_cache(maxsize=32)
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    # BASIC layout: NFC Vietnamese needs no shaping, and it does not depend on the system's libraries.
    return ImageFont.truetype(str(BOLD if bold else REGULAR), size, layout_engine=ImageFont.Layout.BASIC)


def render(spec: CardSpec) -> bytes:
    """The card's bytes (a top-level function, so forked workers can run it)."""
    return _photo_card(spec) if spec.photo else _title_card(spec)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Words in lines no wider than `width`; a word longer than a line is cut.

    Each word is measured once; a line's width is then its words' widths plus the spaces,
    measured for real only when that sum is within a font size of the limit (kerning moves
    it by a few pixels at most): a card costs a few measurements, not one per word and line.
    """
    lines: list[str] = []
    line, line_width = "", 0.0
    space = font.getlength(" ")
    for word in text.split():
        while font.getlength(word) > width:   # a long URL or code: cut it where it overflows
            cut = max(1, next(i for i in range(len(word), 0, -1) if font.getlength(word[:i]) <= width))
            if line:
                lines.append(line)
                line, line_width = "", 0.0
            lines.append(word[:cut])
            word = word[cut:]
        word_width = font.getlength(word)
        estimate = line_width + space + word_width if line else word_width
        fits = estimate <= width - font.size or (estimate <= width + font.size
                                                  and font.getlength(f"{line} {word}".strip()) <= width)
        if line and not fits:
            lines.append(line)
            line, line_width = word, word_width
        else:
            line, line_width = f"{line} {word}".strip(), estimate
    if line:
        lines.append(line)
    return lines


def fit(text: str, width: int, height: int, sizes: tuple[int, ...]) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which `text` fits the box; at the smallest, what does not fit is cut with '…'."""
    for size in sizes:
        font = _font(True, size)
        lines = wrap(text, font, width)
        if len(lines) * line_step(size) <= height:
            return font, lines
    lines = lines[:max(1, height // line_step(font.size))]
    last = lines[-1]
    while last and font.getlength(last + " …") > width:
        last = last[:-1].rstrip()
    lines[-1] = last + " …"
    return font, lines


def line_step(size: int) -> int:
    return round(size * 1.22)


@functools.lru_cache(maxsize=8)
def _template(organisation: str, site: str) -> tuple[Image.Image, list[int]]:
    """The parts every title card of a language shares, as a palette image, and the title's colour table."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BLUE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 14), fill=RED)
    image.paste(_mark(112), (MARGIN, 64), _mark(112))
    draw.text((MARGIN + 136, 76), organisation.upper(), font=_fit_font(organisation.upper(), False, 26, 920),
              fill=MUTED)
    draw.text((MARGIN + 136, 114), site, font=_fit_font(site, True, 36, 920), fill=WHITE)
    draw.rectangle((MARGIN, HEIGHT - 72, MARGIN + 120, HEIGHT - 62), fill=YELLOW)
    palette_image = image.quantize(GRADIENT, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    palette = palette_image.getpalette()[:GRADIENT * 3]
    palette += [0] * (GRADIENT * 3 - len(palette))
    background = palette_image.getpixel((WIDTH // 2, HEIGHT // 2))
    start = palette[background * 3:background * 3 + 3]
    steps = 256 - GRADIENT
    for i in range(steps):
        palette += [round(start[c] + (WHITE[c] - start[c]) * i / (steps - 1)) for c in range(3)]
    palette_image.putpalette(palette)
    lut = [GRADIENT + round(m * (steps - 1) / 255) for m in range(256)]
    return palette_image, lut


def _fit_font(text: str, bold: bool, size: int, width: int) -> ImageFont.FreeTypeFont:
    while size > 14 and _font(bold, size).getlength(text) > width:
        size -= 2
    return _font(bold, size)


def _title_card(spec: CardSpec) -> bytes:
    template, lut = _template(spec.organisation, spec.site)
    font, lines = fit(spec.title, WIDTH - 2 * MARGIN, TITLE_BOTTOM - TITLE_TOP, TITLE_SIZES)
    step = line_step(font.size)
    box = (WIDTH - 2 * MARGIN, step * len(lines) + font.size // 2)
    mask = Image.new("L", box, 0)
    draw = ImageDraw.Draw(mask)
    for number, line in enumerate(lines):
        draw.text((0, number * step), line, font=font, fill=255)
    card = template.copy()
    card.paste(Image.frombytes("P", box, mask.point(lut).tobytes()), (MARGIN, TITLE_TOP))
    out = io.BytesIO()
    card.save(out, "PNG", compress_level=3)
    return out.getvalue()


def _photo_card(spec: CardSpec) -> bytes:
    """The article's photo, filled to 1200×630, under a band with the mark, the title and the Department."""
    with Image.open(spec.photo) as photo:
        photo.draft("RGB", (WIDTH, HEIGHT))   # JPEG: decode at a fraction of the size, much faster
        from PIL import ImageOps

        image = ImageOps.fit(ImageOps.exif_transpose(photo).convert("RGB"), (WIDTH, HEIGHT),
                             Image.Resampling.LANCZOS)
    image.info = {}
    font, lines = fit(spec.title, WIDTH - 2 * MARGIN - 96, 2 * line_step(56), (56, 50, 44, 40))
    step = line_step(font.size)
    band = step * len(lines) + 92
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, HEIGHT - band, WIDTH, HEIGHT), fill=BLUE)
    draw.rectangle((0, HEIGHT - band - 8, WIDTH, HEIGHT - band), fill=RED)
    image.paste(_mark(72), (MARGIN - 40, HEIGHT - band + 22), _mark(72))
    for number, line in enumerate(lines):
        draw.text((MARGIN + 56, HEIGHT - band + 16 + number * step), line, font=font, fill=WHITE)
    draw.text((MARGIN + 56, HEIGHT - 52), spec.organisation, font=_fit_font(spec.organisation, False, 26, 900),
              fill=MUTED)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=84, optimize=True)
    return out.getvalue()


@functools.lru_cache(maxsize=4)
def _mark(size: int) -> Image.Image:
    """The site's mark (templates/base.html: a red disc ringed in gold, a gold star), drawn 4× and reduced."""
    scale = size * 4 / 40
    big = Image.new("RGBA", (size * 4, size * 4), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    draw.ellipse((0.5 * scale, 0.5 * scale, 39.5 * scale, 39.5 * scale), fill=RED, outline=YELLOW,
                 width=round(2 * scale))
    points = []
    for i in range(10):
        radius = 11.5 if i % 2 == 0 else 4.6
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(((20 + radius * math.cos(angle)) * scale, (20.5 + radius * math.sin(angle)) * scale))
    draw.polygon(points, fill=YELLOW)
    return big.resize((size, size), Image.Resampling.LANCZOS)
