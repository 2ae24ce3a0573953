"""Vietnamese text rules: slugs, folding, dates, sort order."""

from datetime import date, datetime

from sitegen.text import fold, format_date, format_month, format_short_date, nfc, slugify, strip_invisible, vi_sort_key


def test_slugs_keep_vietnamese_readable():
    assert slugify("Đổi mới sáng tạo") == "doi-moi-sang-tao"
    assert slugify("Đà Nẵng") == "da-nang"
    assert slugify("Kế hoạch 06/KH-SKHCN") == "ke-hoach-06-kh-skhcn"
    assert slugify("  --  ") == ""


def test_nfd_and_nfc_give_the_same_slug_and_fold():
    decomposed = "Tập huấn".encode().decode()
    import unicodedata
    nfd = unicodedata.normalize("NFD", decomposed)
    assert nfd != decomposed
    assert nfc(nfd) == decomposed
    assert slugify(nfd) == slugify(decomposed) == "tap-huan"
    assert fold("ĐỔI MỚI") == fold("đổi mới") == "doi moi"


def test_invisible_characters_are_removed():
    assert strip_invisible("khởi\u200bnghiệp\x07") == "khởinghiệp"


def test_dates_in_each_language():
    assert format_date(date(2020, 2, 5), "vi") == "ngày 05 tháng 02 năm 2020"
    assert format_date(datetime(2020, 2, 5, 8, 0), "en") == "5 February 2020"
    assert format_short_date(date(2020, 2, 5), "vi") == "05/02/2020"
    assert format_month(2020, 5, "vi") == "tháng 5 năm 2020"
    assert format_month(2020, 5, "en") == "May 2020"


def test_vietnamese_alphabetical_order():
    words = ["đường", "dân", "ăn", "an", "âm", "bán", "ê", "e", "ơ", "o", "ô", "ư", "u"]
    assert sorted(words, key=vi_sort_key) == ["an", "ăn", "âm", "bán", "dân", "đường", "e", "ê", "o", "ô", "ơ", "u", "ư"]
    assert sorted(["á", "à", "a", "ả", "ạ", "ã"], key=vi_sort_key) == ["a", "à", "ả", "ã", "á", "ạ"]
