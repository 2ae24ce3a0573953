"""Register columns, phone links, Dublin Core dates and the publisher's JSON-LD: values in, values out."""

from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from sitegen.model import Contact, Document, Organization
from sitegen.plan.contact import has_contact_details, tel_href
from sitegen.plan.dublincore import newest_dates
from sitegen.plan.jsonld import organization_jsonld
from sitegen.plan.register import register_columns

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def view(title: str = "T", **doc) -> SimpleNamespace:
    fields = {"number": "1/QĐ", "issuer": "", "issued": None, "effective": None, "file": "", **doc}
    return SimpleNamespace(title=title, document=Document(**fields))


def test_columns_some_document_fills_in_register_order():
    assert register_columns([view(), view()]) == ["number", "title"]
    assert register_columns([view(status="expired"), view(url="https://x.vn/1", form="Quyết định")]) == [
        "form", "number", "title", "status", "text"]
    assert register_columns([view(issued=date(2020, 2, 5)), view(file="/documents/a.pdf", effective=date(2020, 3, 1))]) \
        == ["number", "title", "issued", "effective", "text"]


def test_phone_links_dial_the_digits():
    assert tel_href("02603.865.490") == "tel:02603865490"
    assert tel_href("+84 (260) 386-5490") == "tel:+842603865490"


def test_newest_dates_by_language_updated_first():
    entries = [SimpleNamespace(lang="vi", date=datetime(2020, 2, 5, tzinfo=TZ), updated=datetime(2020, 3, 9, tzinfo=TZ)),
               SimpleNamespace(lang="vi", date=datetime(2020, 3, 1, tzinfo=TZ), updated=None),
               SimpleNamespace(lang="en", date=None, updated=None)]
    assert newest_dates(entries, ["vi", "en"]) == {"vi": "2020-03-09", "en": ""}


def test_publisher_json_ld_has_only_what_site_toml_gives():
    bare = Organization(names={"vi": "Sở", "en": "Dept"}, url="https://x.vn/", email="")
    assert not has_contact_details(bare)
    config = SimpleNamespace(organization=bare, base_url="https://site.vn/")
    assert organization_jsonld(config, "en") == {"@context": "https://schema.org", "@type": "GovernmentOrganization",
                                                 "name": "Dept", "url": "https://x.vn/"}
    full = Organization(names={"vi": "Sở", "en": "Dept"}, url="", email="", address={"vi": "Số 1", "en": "1 St"},
                        phone="0260 1", contacts=(Contact(name={"vi": "A", "en": "A"}, title={"vi": "GĐ", "en": "Dir"}),))
    assert has_contact_details(full)
    data = organization_jsonld(SimpleNamespace(organization=full, base_url="https://site.vn/"), "en")
    assert data["url"] == "https://site.vn/" and data["address"]["streetAddress"] == "1 St"
    assert data["telephone"] == "0260 1" and "faxNumber" not in data and "email" not in data
    assert data["contactPoint"] == [{"@type": "ContactPoint", "name": "A", "contactType": "Dir"}]
