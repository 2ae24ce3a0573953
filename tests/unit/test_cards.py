"""Share cards: 1200×630, one per title, the same bytes for the same title, Vietnamese set in the shipped font."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageChops

from sitegen.write import cards
from sitegen.write.cards import CardSpec, fit, render, wrap
from tests.photos import make_photo

ORG, SITE = "Sở Khoa học và Công nghệ tỉnh Kon Tum", "Khởi nghiệp đổi mới sáng tạo tỉnh Kon Tum"
VIETNAMESE = "ĂÂĐÊÔƠƯăâđêôơư" + "".join(chr(c) for c in range(0x1EA0, 0x1EFA)) + "ÀÁÃÈÉÌÍÒÓÕÙÚÝàáãèéìíòóõùúý"


def _spec(title: str, **kw) -> CardSpec:
    return CardSpec("vi", title, ORG, SITE, **kw)


def _image(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_a_card_is_a_1200_by_630_png():
    image = _image(render(_spec("Kế hoạch hỗ trợ hệ sinh thái khởi nghiệp đổi mới sáng tạo năm 2020")))
    assert image.format == "PNG" and image.size == (1200, 630)


def test_two_titles_give_two_cards_and_one_title_the_same_bytes():
    one, other = _spec("Phát động cuộc thi"), _spec("Tập huấn khởi nghiệp")
    assert one.key != other.key
    assert render(one) != render(other)
    assert render(one) == render(_spec("Phát động cuộc thi"))
    assert _spec("Phát động cuộc thi").key == one.key
    assert CardSpec("en", "Phát động cuộc thi", ORG, SITE).key != one.key


def test_the_shipped_font_has_every_vietnamese_letter():
    font = cards._font(True, 40)
    missing = font.getmask("\ue000")   # a private-use code point: drawn as the font's "missing" box
    absent = [c for c in VIETNAMESE if bytes(font.getmask(c)) == bytes(missing) and font.getbbox(c) == font.getbbox("\ue000")]
    assert not absent, f"not in the font: {absent}"


def test_long_titles_are_wrapped_inside_the_card_and_cut_only_when_huge():
    title = "Quyết định về việc thành lập Tổ hỗ trợ khởi nghiệp đổi mới sáng tạo tỉnh Kon Tum " * 2
    font, lines = fit(title, 1040, 334, cards.TITLE_SIZES)
    assert all(font.getlength(line) <= 1040 for line in lines)
    assert len(lines) * cards.line_step(font.size) <= 334
    huge_font, huge = fit(title * 10, 1040, 334, cards.TITLE_SIZES)
    assert huge[-1].endswith(" …") and huge_font.size == cards.TITLE_SIZES[-1]
    assert wrap("https://example.org/" + "a" * 200, font, 500)[0] != ""


def test_an_article_photo_makes_a_jpeg_card_of_its_own(tmp_path: Path):
    photo = make_photo(tmp_path / "p.jpg", 3000, 2000)
    spec = _spec("Lễ phát động", photo=str(photo), photo_key="k1")
    image = _image(render(spec))
    assert image.format == "JPEG" and image.size == (1200, 630) and not image.getexif()
    assert spec.key != _spec("Lễ phát động").key and spec.suffix == ".jpg"
    plain = _image(render(_spec("Lễ phát động"))).convert("RGB")
    assert ImageChops.difference(plain, image.convert("RGB")).getbbox() is not None
