"""The programme on the mini site, read back by html5lib, json and feedparser: plan, organisations, links both ways."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import html5lib
import pytest

from tests.conftest import FIXED_NOW, SITES, run_cli

BASE = "https://example.org/kontum/"
NS = {"h": "http://www.w3.org/1999/xhtml"}
PLAN = {"vi": "vi/chuong-trinh/ke-hoach-2020/", "en": "en/programme/ke-hoach-2020/"}
ORGS = {"vi": "vi/to-chuc/", "en": "en/organisations/"}


def build(out: Path, now: str = FIXED_NOW) -> Path:
    result = run_cli("build", "--source", str(SITES / "mini"), "--output", str(out), "--now", now,
                     "--base-url", BASE, "--no-cache")
    assert result.code == 0, result.err
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("programme") / "public")


def parse(root: Path, path: str):
    return html5lib.parse((root / path / "index.html").read_bytes(), namespaceHTMLElements=True)


def text(node) -> str:
    return " ".join("".join(node.itertext()).split())


def hrefs(doc) -> list[str]:
    return [a.get("href") for a in doc.iterfind(".//h:a", NS)]


def jsonld(doc) -> list[dict]:
    return [json.loads(s.text) for s in doc.iterfind(".//h:script", NS) if s.get("type") == "application/ld+json"]


def by_id(doc, value: str):
    found = [e for e in doc.iter() if e.get("id") == value]
    assert len(found) == 1, value
    return found[0]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_plan_page_has_every_content_task_time_frame_lead_and_target(site: Path, lang: str):
    doc = parse(site, PLAN[lang])
    for anchor in ("truyen-thong", "su-kien", "ho-tro", "tuyen-truyen", "cuoc-thi-2020", "dao-tao", "ho-tro-du-an",
                   "khu-tap-trung"):
        by_id(doc, anchor)
    task = text(by_id(doc, "cuoc-thi-2020"))
    assert ("Tháng 5/2020 – Quý III/2020" if lang == "vi" else "May 2020 – Q3 2020") in task
    assert ("Sở Khoa học và Công nghệ tỉnh Kon Tum" if lang == "vi" else "Kon Tum Department of Science") in task
    assert "10" in task and ("chưa báo cáo" if lang == "vi" else "not reported") in task
    assert ("Quý II/2020" if lang == "vi" else "Q2 2020") in text(by_id(doc, "dao-tao"))
    lead = [a for a in by_id(doc, "cuoc-thi-2020").iterfind(".//h:a", NS) if "#so-khcn" in a.get("href")]
    assert lead and lead[0].get("href") == f"/kontum/{ORGS[lang]}#so-khcn"


def test_tasks_past_their_time_frame_without_a_result_say_so(site: Path, tmp_path: Path):
    def overdue(root: Path) -> list[str]:
        doc = parse(root, PLAN["en"])
        return sorted(e.get("id") for e in doc.iterfind(".//h:article", NS) if "state-overdue" in e.get("class", ""))

    assert overdue(site) == ["cuoc-thi-2020", "dao-tao"]   # done, not-done and a 2027 task are not marked
    page = (site / PLAN["en"] / "index.html").read_text(encoding="utf-8")
    assert page.count("The time frame has ended, but the plan reports no result.") == 2
    assert overdue(build(tmp_path / "early", "2020-06-15T12:00:00+07:00")) == []
    assert overdue(build(tmp_path / "later", "2020-07-01T00:00:00+07:00")) == ["dao-tao"]   # Q2 is over at midnight


def test_timeline_is_a_table_of_the_plans_months(site: Path):
    doc = parse(site, PLAN["vi"])
    table = next(t for t in doc.iterfind(".//h:table", NS) if "timeline" in t.get("class", ""))
    heads = [text(th) for th in table.iterfind("./h:thead/h:tr/h:th", NS)]
    assert heads == ["Nhiệm vụ", *[f"T{m}" for m in range(1, 13)]]
    row = next(r for r in table.iterfind(".//h:tr", NS) if "#dao-tao" in "".join(hrefs(r)))
    assert ["tl-on" in (td.get("class") or "") for td in row.iterfind("./h:td", NS)] == [m in (4, 5, 6) for m in range(1, 13)]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_plan_structured_data(site: Path, lang: str):
    (data,) = jsonld(parse(site, PLAN[lang]))
    assert data["@type"] == "CreativeWork" and data["inLanguage"] == lang
    assert data["temporalCoverage"] == "2020-01-01/2020-12-31"
    assert data["isBasedOn"] == BASE + {"vi": "vi/chinh-sach/ke-hoach/", "en": "en/policies/plan-06/"}[lang]
    actions = data["potentialAction"]
    assert [a["@type"] for a in actions] == ["PlanAction"] * 5
    assert actions[0]["actionStatus"] == "https://schema.org/CompletedActionStatus"
    assert actions[3]["actionStatus"] == "https://schema.org/FailedActionStatus"
    assert actions[1]["startTime"] == "2020-05-01" and actions[1]["endTime"] == "2020-09-30"
    assert actions[0]["url"] == f"{BASE}{PLAN[lang]}#tuyen-truyen"


def test_articles_events_and_documents_link_back_to_their_plan(site: Path):
    article = parse(site, "vi/tin-tuc/khai-truong")
    assert "/kontum/vi/chuong-trinh/ke-hoach-2020/#tuyen-truyen" in hrefs(article)
    vi_only = parse(site, "vi/tin-tuc/tap-huan")
    assert "/kontum/vi/chuong-trinh/ke-hoach-2020/#cuoc-thi-2020" in hrefs(vi_only)
    event = parse(site, "en/events/phat-dong")
    assert {"/kontum/en/programme/ke-hoach-2020/#cuoc-thi-2020",
            "/kontum/en/programme/ke-hoach-2020/competition/"} <= set(hrefs(event))
    document = parse(site, "en/policies/plan-06")
    assert "/kontum/en/programme/ke-hoach-2020/" in hrefs(document)
    plan = parse(site, PLAN["en"])
    assert {"/kontum/en/news/portal-opens/", "/kontum/en/events/phat-dong/", "/kontum/vi/tin-tuc/tap-huan/",
            "/kontum/en/policies/plan-06/"} <= set(hrefs(plan))
    untranslated = [a for a in plan.iterfind(".//h:a", NS) if a.get("href") == "/kontum/vi/tin-tuc/tap-huan/"]
    assert untranslated[0].get("lang") == "vi"   # the Vietnamese-only article, marked as such


def test_organisations_directory_in_order_with_tasks_and_structured_data(site: Path):
    doc = parse(site, ORGS["en"])
    units = [e.get("id") for e in doc.iterfind(".//h:article", NS)]
    assert units == ["so-khcn", "so-khdt", "trung-tam-khcn", "phan-hieu-dhdn"]   # agencies first, then by kind
    department = text(by_id(doc, "so-khcn"))
    assert "Leads" in department and "Hold the first innovative startup competition" in department
    assert "1 Nov 1991" in department and "02603.865.490" in department
    assert "/kontum/en/programme/ke-hoach-2020/#dao-tao" in hrefs(by_id(doc, "so-khdt"))
    assert "/kontum/en/organisations/#so-khcn" in hrefs(by_id(doc, "trung-tam-khcn"))   # its parent
    types = {d["@id"].rsplit("#", 1)[1]: d["@type"] for d in jsonld(doc)}
    assert types == {"so-khcn": "GovernmentOrganization", "so-khdt": "GovernmentOrganization",
                     "trung-tam-khcn": "Organization", "phan-hieu-dhdn": "CollegeOrUniversity"}
    centre = next(d for d in jsonld(doc) if d["@id"].endswith("#trung-tam-khcn"))
    assert centre["parentOrganization"] == {"@id": BASE + "en/organisations/#so-khcn"}
    assert "(Vietnamese)" not in text(doc) and by_id(doc, "trung-tam-khcn").find(".//h:h3", NS).get("lang") == "vi"


def test_competition_rounds_in_order_and_results_not_yet_published(site: Path):
    doc = parse(site, "en/programme/ke-hoach-2020/competition")
    rounds = [a.get("href") for a in doc.iterfind(".//h:ol[@class='rounds']//h:h3/h:a", NS)]
    assert rounds == [f"/kontum/en/events/{i}/" for i in ("phat-dong", "tap-huan-thuyet-trinh", "trien-lam", "trao-giai")]
    assert "The competition's results have not been published." in text(doc)
    assert "Finalists receive training and mentors." in text(doc)


def test_published_results_show_team_names_only_with_consent(tmp_path: Path):
    import shutil

    source = tmp_path / "site"
    shutil.copytree(SITES / "mini", source)
    (source / "content/programme/ke-hoach-2020.entries.yaml").write_text(
        "entries:\n  - {name: Nấm Măng Đen, field: Nông nghiệp, team: [Nguyễn Văn A], consent: true, round: trao-giai,"
        " prize: {vi: Giải Nhất, en: First prize}}\n  - {name: Dược liệu, team: [Trần Thị B], round: trien-lam}\n",
        encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("build", "--source", str(source), "--output", str(out), "--now", FIXED_NOW, "--no-cache")
    assert result.code == 0, result.err
    page = (out / "en/programme/ke-hoach-2020/competition/index.html").read_text(encoding="utf-8")
    assert "Nguyễn Văn A" in page and "First prize" in page and "Trần Thị B" not in page
    assert "have not been published" not in page and "Decree 13/2023" in page


def test_home_reaches_the_plan_and_the_menu_the_programme(site: Path):
    for lang in ("vi", "en"):
        home = hrefs(parse(site, lang))
        assert f"/kontum/{PLAN[lang]}" in home
        assert f"/kontum/{lang}/{'chuong-trinh' if lang == 'vi' else 'programme'}/" in home
    index = parse(site, "vi/chuong-trinh")
    assert {"/kontum/vi/chuong-trinh/ke-hoach-2020/", "/kontum/vi/to-chuc/", "/kontum/vi/chuong-trinh/rss.xml"} <= set(
        hrefs(index))


def test_feed_of_the_programmes_changes(site: Path):
    feed = feedparser.parse((site / "en/programme/rss.xml").read_bytes())
    assert not feed.bozo
    titles = [e.title for e in feed.entries]
    assert titles == ["Support startup projects: Not done", "Promote Scheme 844: Done"]   # newest change first
    assert feed.entries[1].link == BASE + "en/programme/ke-hoach-2020/#tuyen-truyen"
    assert feed.entries[1].id == BASE + "en/programme/ke-hoach-2020/#tuyen-truyen-2020-03-01"
    assert feed.entries[1].description == "Published on the portal."
    assert feed.feed.updated == "Fri, 15 Jan 2021 00:00:00 +0700"   # the newest change, never the build clock
