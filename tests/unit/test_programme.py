"""Plans, organisations and results: typed fields, fallbacks, and every problem with its line, all at once."""

from pathlib import Path

from sitegen.diagnostics import Diagnostics
from sitegen.load.config import load_config
from sitegen.load.content import discover
from sitegen.load.events import load_calendars
from sitegen.load.programme import is_programme_file, load_programme
from sitegen.messages import t
from tests.conftest import SITES

UNITS = """organisations:
  - id: so-khcn
    name: {vi: Sở Khoa học và Công nghệ, en: Department of Science and Technology}
    kind: agency
    founded: {date: 1991-11-01, by: Quyết định số 06/QĐ-UB}
  - id: trung-tam
    name: {vi: Trung tâm}
    kind: support-centre
    parent: so-khcn
"""
CALENDAR = "title: Cuộc thi\nevents:\n  - {id: phat-dong, title: Phát động, start: 2020-05-01}\n" \
           "  - {id: chung-ket, title: Chung kết, start: 2020-09-01}\n"
ARTICLE = "---\ntitle: Khai trương\ndate: 2020-02-06\n---\nNội dung.\n"


def load(tmp_path: Path, plan: str, units: str = UNITS, entries: str | None = None):
    (tmp_path / "site.toml").write_text((SITES / "mini" / "site.toml").read_text(encoding="utf-8"), encoding="utf-8")
    for name, text in {"content/organisations.yaml": units, "content/events/cuoc-thi.yaml": CALENDAR,
                       "content/news/khai-truong.vi.md": ARTICLE, "content/programme/ke-hoach.yaml": plan}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    if entries is not None:
        (tmp_path / "content/programme/ke-hoach.entries.yaml").write_text(entries, encoding="utf-8")
    diags = Diagnostics()
    config = load_config(tmp_path, diags)
    jobs = discover(tmp_path, config, diags)
    calendars = load_calendars(tmp_path, config, diags)
    plans, units_ = load_programme(tmp_path, config, diags, jobs, calendars)
    return plans, units_, diags


def lines(diags: Diagnostics) -> list[str]:
    return [d.format() for d in diags.errors]


GOOD = """title: {vi: Kế hoạch 2020, en: Plan 2020}
document: news/khai-truong
period: {start: 2020-01, end: 2020-12}
contents:
  - id: su-kien
    title: {vi: Sự kiện}
    tasks:
      - id: cuoc-thi
        title: {vi: Cuộc thi, en: Competition}
        when: 2020-Q3
        lead: so-khcn
        partners: [trung-tam]
        status: in-progress
        result: {vi: "Đã **phát động**."}
        targets:
          - {label: {vi: ý tưởng, en: ideas}, target: 10, achieved: 4}
        links: [news/khai-truong, event:phat-dong]
        updated: 2020-05-02
      - {id: dao-tao, title: Đào tạo, when: {start: 2020-04, end: 2020-06}, lead: trung-tam}
competition:
  calendar: cuoc-thi
  eligibility: {vi: Mọi người, en: Everyone}
"""


def test_a_plan_is_read_into_typed_fields(tmp_path: Path):
    (plan,), units, diags = load(tmp_path, GOOD)
    assert not diags.items, lines(diags)
    assert plan.key == "ke-hoach" and plan.document == "news/khai-truong"
    assert plan.period.first.isoformat() == "2020-01-01"
    (content,) = plan.contents
    assert content.title == {"vi": "Sự kiện", "en": "Sự kiện"} and content.fallback == ("title:en",)
    task, training = content.tasks
    assert (task.when_text, task.lead, task.partners, task.status) == ("2020-Q3", "so-khcn", ("trung-tam",), "in-progress")
    assert task.targets[0].target == "10" and task.targets[0].achieved == "4"
    assert task.links == ("news/khai-truong", "event:phat-dong") and task.updated.isoformat() == "2020-05-02"
    assert "result:en" in task.fallback
    assert training.status == "planned" and training.when_text == "2020-04/2020-06"
    assert plan.competition.calendar == "cuoc-thi" and plan.competition.entrants == ()
    assert [u.id for u in units] == ["so-khcn", "trung-tam"] and units[0].founded_date.isoformat() == "1991-11-01"


def test_every_problem_is_reported_with_its_line(tmp_path: Path):
    bad = GOOD.replace("lead: so-khcn", "lead: so-khc").replace("when: 2020-Q3", "when: 2020-Q5") \
        .replace("event:phat-dong", "event:phat-dog").replace("status: in-progress", "stauts: done") \
        .replace("id: dao-tao", "id: cuoc-thi").replace("target: 10", "target: mười") \
        .replace("document: news/khai-truong", "document: news/khai-truon")
    plans, _, diags = load(tmp_path, bad)
    assert plans == ()
    path = "content/programme/ke-hoach.yaml"
    assert lines(diags) == [
        f"{path}:2: document 'news/khai-truon' is not an article or page of this site\n"
        "    hint: did you mean 'news/khai-truong'?",
        f"{path}:10: when \"2020-Q5\" is not a time frame\n    hint: {t('hint-timeframe-forms', 'en')}",
        f"{path}:11: 'lead' names organisation 'so-khc', which is not in content/organisations.yaml\n"
        "    hint: did you mean 'so-khcn'? (ids of content/organisations.yaml)",
        f"{path}:13: unknown task key 'stauts'\n    hint: did you mean 'status'?",
        f"{path}:16: 'target' must be a number, e.g. target: 1",
        f"{path}:17: link 'event:phat-dog' names event 'phat-dog', which is in no calendar of content/events/\n"
        "    hint: did you mean 'event:phat-dong'?",
        f"{path}:19: task id 'cuoc-thi' is already used at {path}:8\n"
        "    hint: ids are anchors and web addresses: each must be unique",
    ]


def test_ranges_out_of_order_and_unknown_article_links(tmp_path: Path):
    bad = GOOD.replace("{start: 2020-04, end: 2020-06}", "{start: 2020-06, end: 2020-04}") \
        .replace("links: [news/khai-truong,", "links: [news/khong-co,")
    _, _, diags = load(tmp_path, bad)
    messages = [line.split("\n")[0] for line in lines(diags)]
    assert messages == [
        "content/programme/ke-hoach.yaml:17: link 'news/khong-co' is not an article or page of this site",
        "content/programme/ke-hoach.yaml:19: when: the end (2020-04) is before the start (2020-06)"]


def test_organisations_problems(tmp_path: Path):
    units = UNITS.replace("kind: agency", "kind: agenc").replace("parent: so-khcn", "parent: so-kh") \
        + "  - id: so-khcn\n    name: Trùng\n    kind: other\n    adress: x\n"
    _, _, diags = load(tmp_path, GOOD, units)
    path = "content/organisations.yaml"
    assert lines(diags) == [   # the tasks naming so-khcn are not a second problem
        f"{path}:4: unknown organisation kind 'agenc'\n    hint: use one of: agency, support-centre, incubator, "
        "university, zone, other",
        f"{path}:6: parent 'so-kh' is not an organisation of this file\n    hint: did you mean 'so-khcn'?",
        f"{path}:10: organisation id 'so-khcn' is already used at {path}:2\n"
        "    hint: ids are anchors and web addresses: each must be unique"]


def test_results_keep_team_names_only_with_consent(tmp_path: Path):
    entries = """entries:
  - {name: Ý tưởng A, field: Nông nghiệp, team: [Nguyễn Văn A, Trần Thị B], consent: true, round: chung-ket,
     prize: {vi: Giải Nhất, en: First prize}}
  - {name: Ý tưởng B, team: [Lê Văn C], round: phat-dong}
"""
    (plan,), _, diags = load(tmp_path, GOOD, entries=entries)
    assert not diags.items, lines(diags)
    first, second = plan.competition.entrants
    assert first.team == ("Nguyễn Văn A", "Trần Thị B") and first.prize["en"] == "First prize"
    assert second.team == () and not second.consent   # never kept without consent
    assert plan.competition.results_path == "content/programme/ke-hoach.entries.yaml"


def test_results_problems_and_orphan_results(tmp_path: Path):
    _, _, diags = load(tmp_path, GOOD, entries="entries:\n  - {name: A, round: ban-ket, consent: maybe}\n")
    assert [line.split("\n")[0] for line in lines(diags)] == [
        "content/programme/ke-hoach.entries.yaml:2: 'consent' must be true or false",
        "content/programme/ke-hoach.entries.yaml:2: round 'ban-ket' is not an event of calendar 'cuoc-thi'"]
    (tmp_path / "content/programme/ke-hoach.entries.yaml").unlink()
    (tmp_path / "content/programme/khac.entries.yaml").write_text("entries: []\n", encoding="utf-8")
    (tmp_path / "content/programme/khac.entries.yaml").write_text("entries: []\n", encoding="utf-8")
    _, _, diags = load(tmp_path, GOOD)
    assert lines(diags) == ["content/programme/khac.entries.yaml: holds results for plan 'khac', but "
                            "content/programme/khac.yaml does not exist\n    hint: name it after its plan: <plan>.entries.yaml"]


def test_programme_files_are_not_reported_as_stray_content():
    assert is_programme_file(["organisations.yaml"]) and is_programme_file(["programme", "ke-hoach.yaml"])
    assert is_programme_file(["programme", "ke-hoach.entries.yaml"])
    assert not is_programme_file(["programme", "x", "ke-hoach.yaml"]) and not is_programme_file(["news", "a.yaml"])
