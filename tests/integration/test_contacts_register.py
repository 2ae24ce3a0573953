"""Contacts and the document register, read back from built sites by html5lib and json.loads.

Footers carry the address and phone in the page's language; the contact page shows all of
[organization]; the register shows only columns some document fills; each document page has
schema.org Legislation; every page has the seven Dublin Core meta tags.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sitegen.diagnostics import Diagnostics
from sitegen.load.config import load_config
from tests.conftest import FIXED_NOW, PROJECT, SITES, run_cli
from tests.integration.test_built_site import build, html_pages, parse

DC_NAMES = ("DC.title", "DC.creator", "DC.date", "DC.description", "DC.identifier", "DC.language", "DC.publisher")


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(SITES / "mini", tmp_path_factory.mktemp("mini") / "public")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(PROJECT, tmp_path_factory.mktemp("project") / "public")


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def by_class(doc, tag: str, name: str) -> list:
    return [e for e in doc.iter(tag) if name in (e.get("class") or "").split()]


def jsonld(doc) -> list[dict]:
    return [json.loads(s.text) for s in doc.iter("script") if s.get("type") == "application/ld+json"]


def dublin_core(doc) -> dict[str, str]:
    return {m.get("name"): m.get("content") for m in doc.iter("meta") if (m.get("name") or "").startswith("DC.")}


def test_every_footer_shows_the_address_and_phone_in_the_pages_language(mini: Path):
    org = load_config(SITES / "mini", Diagnostics()).organization
    pages = html_pages(mini)
    assert len(pages) > 40
    for path in pages:
        doc = parse(path)
        lang = doc.get("lang")
        (footer,) = by_class(doc, "footer", "site-footer")
        (address,) = by_class(footer, "address", "footer-contact")
        assert org.address[lang] in text_of(address), path
        other = next(code for code in org.address if code != lang)
        assert org.address[other] not in text_of(address), path
        assert next(a.get("href") for a in address.iter("a")) == "tel:02603000001", path
        assert "0260 3000 001" in text_of(address), path


@pytest.mark.parametrize(("page", "lang"), [("vi/lien-he/index.html", "vi"), ("en/contact/index.html", "en")])
def test_the_contact_page_shows_all_of_it_with_structured_data(mini: Path, page: str, lang: str):
    org = load_config(SITES / "mini", Diagnostics()).organization
    doc = parse(mini / page)
    (block,) = by_class(doc, "section", "contact-details")
    details = dict(zip([text_of(dt) for dt in block.iter("dt")], [text_of(dd) for dd in block.iter("dd")], strict=True))
    labels = {"vi": ("Địa chỉ", "Điện thoại", "Fax", "Thư điện tử", "Giờ làm việc"),
              "en": ("Address", "Phone", "Fax", "Email", "Working hours")}[lang]
    assert details == dict(zip(labels, (org.address[lang], org.phone, org.fax, org.email, org.hours[lang]), strict=True))
    people = by_class(block, "ul", "contact-people")[0].findall("li")
    assert [text_of(by_class(li, "p", "contact-name")[0]) for li in people] == [c.name[lang] for c in org.contacts]
    assert [text_of(by_class(li, "p", "contact-title")[0]) for li in people] == [c.title[lang] for c in org.contacts]
    assert [a.get("href") for a in people[0].iter("a")] == ["tel:02603000003", "mailto:mau@example.org"]
    (data,) = [d for d in jsonld(doc) if d["@type"] == "GovernmentOrganization"]
    assert data["name"] == org.names[lang]
    assert data["address"] == {"@type": "PostalAddress", "streetAddress": org.address[lang]}
    assert (data["telephone"], data["faxNumber"], data["email"]) == (org.phone, org.fax, org.email)
    assert [(p["@type"], p["name"], p["contactType"]) for p in data["contactPoint"]] == [
        ("ContactPoint", c.name[lang], c.title[lang]) for c in org.contacts]
    assert data["contactPoint"][0]["telephone"] == "0260 3000 003"
    assert "telephone" not in data["contactPoint"][1]


def test_other_pages_show_no_contact_block(mini: Path):
    assert not by_class(parse(mini / "vi" / "gioi-thieu" / "index.html"), "section", "contact-details")


def register(path: Path) -> tuple[list[str], list[list[str]], list[list[str]]]:
    doc = parse(path)
    (table,) = by_class(doc, "table", "register")
    heads = [text_of(th) for th in table.find("thead").iter("th")]
    rows = table.find("tbody").findall("tr")
    cells = [[text_of(cell) for cell in row if cell.tag in ("td", "th")] for row in rows]
    links = [[a.get("href") for a in row.iter("a")] for row in rows]
    return heads, cells, links


def test_the_register_lists_every_column_some_document_fills(mini: Path):
    heads, cells, links = register(mini / "en" / "documents" / "index.html")
    assert heads == ["Type", "Number", "Title", "Issued by", "Date issued", "Effective from", "Status", "Full text"]
    assert cells == [
        ["Plan", "06/KH-SKHCN", "Plan No. 06/KH-SKHCN", "Kon Tum Department of Science and Technology",
         "5 Feb 2020", "5 Feb 2020", "In force", "Download 06/KH-SKHCN"],
        ["Decision", "844/QĐ-TTg", "Decision No. 844/QĐ-TTg approving the startup ecosystem scheme", "Prime Minister",
         "18 May 2016", "", "", "Official copy 844/QĐ-TTg"]]
    assert links[0][-1] == "/kontum/documents/06-KH-SKHCN.pdf"
    assert links[1][-1] == "https://example.org/van-ban/844-qd-ttg"
    heads, cells, _ = register(mini / "vi" / "van-ban" / "index.html")
    assert heads[0] == "Loại văn bản" and cells[0][0] == "Kế hoạch" and cells[1][0] == "Quyết định"


def test_a_column_empty_in_every_row_is_not_shown(site_copy, tmp_path: Path):
    site = site_copy("mini")
    for path in (site / "content" / "policies").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\n  (form|effective|status): [^\n]*", "", text)
        path.write_text(text, encoding="utf-8")
    out = build(site, tmp_path / "public")
    heads, cells, _ = register(out / "en" / "documents" / "index.html")
    assert heads == ["Number", "Title", "Issued by", "Date issued", "Full text"]
    assert all(len(row) == 5 and all(row) for row in cells)
    doc = parse(out / "en" / "documents" / "index.html")
    card_terms = {text_of(dt) for dt in doc.iter("dt")}
    assert not card_terms & {"Type", "Effective from", "Status"}


@pytest.mark.parametrize("page", ["vi/chinh-sach/ke-hoach/index.html", "en/policies/plan-06/index.html",
                                  "vi/chinh-sach/quyet-dinh-844/index.html", "en/policies/decision-844/index.html"])
def test_each_document_page_is_schema_org_legislation(mini: Path, page: str):
    doc = parse(mini / page)
    (table,) = by_class(doc, "table", "document-table")
    rows = {text_of(tr.find("th")): text_of(tr.find("td")) for tr in table.iter("tr")}
    (data,) = [d for d in jsonld(doc) if d["@type"] == "Legislation"]
    number = rows.get("Số hiệu") or rows["Number"]
    assert data["legislationIdentifier"] == number
    assert data["legislationType"] == (rows.get("Loại văn bản") or rows["Type"])
    assert data["name"] == text_of(doc.find(".//h1"))
    assert data["url"].endswith("/" + page.removesuffix("index.html"))
    if number == "06/KH-SKHCN":
        assert data["legislationLegalForce"] == "https://schema.org/InForce"
        assert data["legislationDate"] == data["legislationDateOfApplicability"] == "2020-02-05"
        assert data["encoding"] == [{"@type": "MediaObject", "encodingFormat": "application/pdf",
                                     "contentUrl": "https://example.org/kontum/documents/06-KH-SKHCN.pdf"}]
        assert data["sameAs"] == "https://example.org/van-ban/06-kh-skhcn"
    else:
        assert "legislationLegalForce" not in data and "encoding" not in data
        assert data["sameAs"] == "https://example.org/van-ban/844-qd-ttg"


def test_pages_without_a_document_have_no_legislation(mini: Path):
    for page in ("vi/index.html", "vi/tin-tuc/khai-truong/index.html", "vi/lien-he/index.html"):
        assert "Legislation" not in {d["@type"] for d in jsonld(parse(mini / page))}


@pytest.mark.parametrize("site", ["project", "mini"])
def test_every_page_carries_the_seven_dublin_core_tags(site: str, request: pytest.FixtureRequest):
    root: Path = request.getfixturevalue(site)
    config = load_config(PROJECT if site == "project" else SITES / "mini", Diagnostics())
    pages = html_pages(root)
    assert len(pages) > 40
    for path in pages:
        doc = parse(path)
        dc = dublin_core(doc)
        assert tuple(dc) == DC_NAMES, path
        assert all(value and value.strip() for value in dc.values()), path
        lang = doc.get("lang")
        assert dc["DC.language"] == lang
        assert dc["DC.creator"] == dc["DC.publisher"] == config.organization.names[lang]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", dc["DC.date"]), path
        title = text_of(doc.find(".//title"))
        assert title == dc["DC.title"] or title.startswith(dc["DC.title"] + " – "), path
        canonical = [link.get("href") for link in doc.iter("link") if link.get("rel") == "canonical"]
        assert dc["DC.identifier"] == (canonical[0] if canonical else "https://example.org/kontum/404.html"), path
        description = [m.get("content") for m in doc.iter("meta") if m.get("name") == "description"]
        assert dc["DC.description"] == description[0]


def test_dublin_core_dates_are_the_pages_own_else_the_newest_content(mini: Path):
    assert dublin_core(parse(mini / "vi" / "chinh-sach" / "quyet-dinh-844" / "index.html"))["DC.date"] == "2016-05-18"
    assert dublin_core(parse(mini / "vi" / "van-ban" / "index.html"))["DC.date"] == "2020-03-01"
    assert dublin_core(parse(mini / "vi" / "lien-he" / "index.html"))["DC.date"] == "2020-03-01"


def test_contact_details_without_a_contact_page_are_a_warning(site_copy):
    site = site_copy("mini")
    (site / "content" / "pages" / "lien-he.en.md").unlink()
    result = run_cli("check", "--source", str(site), "--now", FIXED_NOW, "--messages", "en")
    assert ("site.toml: warning: [organization] gives contact details, but there is no contact page in English "
            "to show them\n    hint: write content/pages/lien-he.en.md: it shows the address, phones, hours and "
            "contacts") in result.out
    shown = run_cli("check", "--source", str(site), "--now", FIXED_NOW).out   # the site's language: Vietnamese
    assert ("site.toml: cảnh báo: [organization] có thông tin liên hệ nhưng chưa có trang liên hệ bằng tiếng Anh"
            " để hiển thị\n    Gợi ý: tạo tệp content/pages/lien-he.en.md") in shown
