"""site.toml [organization]: contact details typed, in both languages, every problem with key and line."""

from pathlib import Path

from sitegen.diagnostics import Diagnostics
from sitegen.load.config import load_config
from sitegen.load.organization import contact_line
from sitegen.model import Contact

HEAD = '''base_url = "https://example.org/"
[languages.vi]
name = "Tiếng Việt"
title = "T"
description = "D"
[languages.en]
name = "English"
title = "T"
description = "D"
'''

GOOD = HEAD + '''[organization]
name = { vi = "Sở KH&CN", en = "Department of S&T" }
url = "https://skhcn.example.gov.vn/"
address = { vi = "Số 68 Lê Hồng Phong", en = "68 Lê Hồng Phong Street" }
phone = "02603.865.490"
fax = "+84  260 3862 806"
email = "lienhe@example.gov.vn"
hours = { vi = "Sáng 7:30–11:30", en = "Mornings 7:30–11:30" }

[[organization.contacts]]
name = "Nguyễn Văn A"
title = { vi = "Phó Giám đốc Sở", en = "Deputy Director" }
phone = "0260 3865 491"

[[organization.contacts]]
name = { vi = "Phòng Quản lý", en = "Management Office" }
title = { vi = "Đầu mối khởi nghiệp", en = "Startup focal point" }
email = "khoinghiep@example.gov.vn"
'''


def load(tmp_path: Path, text: str) -> tuple[object, list[str]]:
    (tmp_path / "site.toml").write_text(text, encoding="utf-8")
    diags = Diagnostics()
    config = load_config(tmp_path, diags)
    return config, [d.format() for d in diags.errors]


def test_good_values_are_read_typed_and_by_language(tmp_path: Path):
    config, errors = load(tmp_path, GOOD)
    assert errors == []
    org = config.organization
    assert org.address == {"vi": "Số 68 Lê Hồng Phong", "en": "68 Lê Hồng Phong Street"}
    assert (org.phone, org.fax, org.email) == ("02603.865.490", "+84 260 3862 806", "lienhe@example.gov.vn")
    assert org.hours["en"] == "Mornings 7:30–11:30"
    assert org.contacts == (
        Contact(name={"vi": "Nguyễn Văn A", "en": "Nguyễn Văn A"},
                title={"vi": "Phó Giám đốc Sở", "en": "Deputy Director"}, phone="0260 3865 491"),
        Contact(name={"vi": "Phòng Quản lý", "en": "Management Office"},
                title={"vi": "Đầu mối khởi nghiệp", "en": "Startup focal point"}, email="khoinghiep@example.gov.vn"))


def test_everything_but_the_name_is_optional(tmp_path: Path):
    config, errors = load(tmp_path, HEAD + '[organization]\nname = "Sở"\n')
    assert errors == []
    org = config.organization
    assert (org.address, org.phone, org.fax, org.email, org.hours, org.contacts) == ({}, "", "", "", {}, ())


def test_bad_types_and_values_name_key_and_line(tmp_path: Path):
    text = GOOD.replace('phone = "02603.865.490"', "phone = 2603865490") \
               .replace('email = "lienhe@example.gov.vn"', 'email = "lienhe at example"') \
               .replace('hours = { vi = "Sáng 7:30–11:30", en = "Mornings 7:30–11:30" }', 'hours = "7:30"') \
               .replace('phone = "0260 3865 491"', 'phone = "call us"')
    config, errors = load(tmp_path, text)
    assert config is None
    assert "site.toml:14: organization.phone: must be text in quotes" in errors
    assert ('site.toml:16: organization.email: "lienhe at example" is not an email address\n'
            '    hint: for example "contact@example.gov.vn"') in errors
    assert ('site.toml:17: organization.hours: must give the text in every language\n'
            '    hint: hours = { vi = "...", en = "..." }') in errors
    assert any(e.startswith('site.toml:22: organization.contacts[1].phone: "call us" is not a phone number')
               for e in errors)
    assert len(errors) == 4


def test_english_is_mandatory(tmp_path: Path):
    text = GOOD.replace('address = { vi = "Số 68 Lê Hồng Phong", en = "68 Lê Hồng Phong Street" }',
                        'address = { vi = "Số 68 Lê Hồng Phong" }') \
               .replace('title = { vi = "Phó Giám đốc Sở", en = "Deputy Director" }', 'title = { vi = "Phó Giám đốc" }')
    config, errors = load(tmp_path, text)
    assert config is None
    assert errors == [
        "site.toml:13: organization.address: has no 'en' text\n"
        '    hint: every language of the site is required: address = { vi = "...", en = "..." }',
        "site.toml:21: organization.contacts[1].title: has no 'en' text\n"
        '    hint: every language of the site is required: title = { vi = "...", en = "..." }']


def test_unknown_keys_get_the_nearest_valid_one(tmp_path: Path):
    text = GOOD.replace("fax =", "faxx =").replace('email = "khoinghiep', 'emial = "khoinghiep') \
               .replace('address = { vi', 'adress = { vi').replace('en = "Deputy Director"', 'eng = "Deputy Director"')
    config, errors = load(tmp_path, text)
    assert config is None
    assert "site.toml:13: organization.adress: unknown key\n    hint: did you mean 'address'?" in errors
    assert "site.toml:15: organization.faxx: unknown key\n    hint: did you mean 'fax'?" in errors
    assert "site.toml:27: organization.contacts[2].emial: unknown key\n    hint: did you mean 'email'?" in errors
    assert "site.toml:21: organization.contacts[1].title.eng: unknown language\n    hint: did you mean 'en'?" in errors
    assert any(e.startswith("site.toml:21: organization.contacts[1].title: has no 'en' text") for e in errors)


def test_contacts_must_be_tables_with_a_name_and_title(tmp_path: Path):
    config, errors = load(tmp_path, HEAD + '[organization]\nname = "Sở"\ncontacts = "Bình"\n')
    assert config is None
    assert errors[0].startswith("site.toml:12: organization.contacts: must be a list of [[organization.contacts]] tables")
    config, errors = load(tmp_path, HEAD + '[organization]\nname = "Sở"\n\n[[organization.contacts]]\nphone = "0260 111 222"\n')
    assert config is None
    assert errors[0].startswith("site.toml:13: organization.contacts[1].name: is required")
    assert errors[1].startswith("site.toml:13: organization.contacts[1].title: is required")


def test_contact_line_finds_the_nth_table():
    lines = ["[organization]", "[[organization.contacts]]", 'name = "A"', "[[ organization.contacts ]]",
             'title = "x"', 'name = "B"', "[sections.news]", 'name = "C"']
    assert contact_line(lines, 1, "name") == 3
    assert contact_line(lines, 2, "name") == 6
    assert contact_line(lines, 2, "phone") == 4
    assert contact_line(lines, 3, "name") == 0
