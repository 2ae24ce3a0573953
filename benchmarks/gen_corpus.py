#!/usr/bin/env python3
"""Deterministic bilingual (Vietnamese + English) benchmark site generator.

Usage: gen_corpus.py N SITEDIR [--seed S] [--events E] [--site-toml FILE]

Writes a whole site folder in the layout of shared/contract.md, with N
article pairs:

    SITEDIR/site.toml                          copied byte for byte from the
                                               project's site.toml (or --site-toml)
    SITEDIR/content/<section>/<slug>.vi.md     Vietnamese, real diacritics (NFC)
    SITEDIR/content/<section>/<slug>.en.md     English
    SITEDIR/content/events/lich-<k>.yaml       ~50 bilingual events in five
                                               calendars (contract format)
    SITEDIR/corpus.json                        manifest: sections, tag pool, counts
                                               (outside content/, so builds ignore it)

Each article: YAML front matter between '---' lines (title, date, tags 1-4
from a pool of 40 concept pairs -- Vietnamese tag names carry diacritics --
and summary), then 600-900 words of Markdown: h2/h3 headings, bullet and
numbered lists, one table, links, emphasis, inline code, sometimes a
blockquote and (about one article in four) a fenced code block.

The output depends only on (N, seed) and the copied site.toml: same
arguments, same bytes; content/ is byte-identical to what shared/bench's
gen_corpus.py writes into its OUTDIR. Only the standard library is used.
The corpus holds no '{{' or '{%' so template engines that pre-process
Markdown see nothing to expand.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

PROJECT_SITE_TOML = Path(__file__).resolve().parent.parent / "site.toml"

SECTIONS = [
    # folder (the contract's section key), Vietnamese name, English name
    ("policies", "Chính sách", "Policies"),
    ("intellectual-property", "Sở hữu trí tuệ", "Intellectual property"),
    ("standards", "Tiêu chuẩn - Đo lường - Chất lượng", "Standards, metrology and quality"),
    ("business-models", "Mô hình kinh doanh mới", "New business models"),
    ("technology", "Công nghệ và sáng chế", "Technology and inventions"),
    ("news", "Tin tức", "News"),
]

# 40 tag concepts: (Vietnamese, English). No commas (Pelican splits on them).
TAGS = [
    ("nước sạch", "clean water"), ("trẻ em", "children"), ("gia đình", "family"),
    ("tình nguyện", "volunteering"), ("học bổng", "scholarships"),
    ("dinh dưỡng", "nutrition"), ("y tế cộng đồng", "community health"),
    ("bão lũ", "storms and floods"), ("nông nghiệp", "agriculture"),
    ("người cao tuổi", "elderly"), ("phụ nữ", "women"), ("thanh niên", "youth"),
    ("thư viện", "libraries"), ("đọc sách", "reading"), ("kỹ năng sống", "life skills"),
    ("an toàn giao thông", "road safety"), ("rác thải nhựa", "plastic waste"),
    ("năng lượng mặt trời", "solar energy"), ("rừng ngập mặn", "mangroves"),
    ("đồng bằng sông Cửu Long", "Mekong Delta"), ("miền Trung", "Central Vietnam"),
    ("Tây Nguyên", "Central Highlands"), ("Hà Nội", "Hanoi"), ("Huế", "Hue"),
    ("Đà Nẵng", "Da Nang"), ("Cần Thơ", "Can Tho"), ("lễ hội", "festivals"),
    ("âm nhạc dân gian", "folk music"), ("ẩm thực", "food"), ("tiếng Việt", "Vietnamese language"),
    ("song ngữ", "bilingual"), ("chuyển đổi số", "digital transformation"),
    ("an ninh lương thực", "food security"), ("vệ sinh", "sanitation"),
    ("tiêm chủng", "vaccination"), ("sức khỏe tâm thần", "mental health"),
    ("khuyết tật", "disability"), ("di cư", "migration"), ("quyên góp", "fundraising"),
    ("đối tác", "partnerships"),
]

VI_NOUNS = """cộng đồng|giáo dục|sức khỏe|nước sạch|trẻ em|gia đình|chương trình|tình nguyện viên
|người dân|địa phương|thông tin|học sinh|trường học|môi trường|dự án|kết quả|tổ chức|hoạt động
|kỹ năng|thực phẩm|dinh dưỡng|bệnh viện|trạm y tế|nông dân|mùa màng|thời tiết|lũ lụt|hạn hán
|văn hóa|truyền thống|lễ hội|nghệ thuật|thư viện|cuốn sách|câu chuyện|kinh nghiệm|thành phố
|nông thôn|xã đảo|bản làng|con đường|cây cầu|giếng nước|lớp học|giáo viên|bác sĩ|điều dưỡng
|ngân sách|quỹ học bổng|nhà tài trợ|đối tác|chính quyền|ủy ban|hội phụ nữ|đoàn thanh niên
|người cao tuổi|người khuyết tật|ngư dân|hợp tác xã|vụ lúa|vườn rau|rừng ngập mặn|dòng sông
|bờ biển|cơn bão|mùa khô|mùa mưa|bữa ăn|sữa|gạo|cá|rau xanh|thuốc|vắc-xin|khẩu trang|xà phòng
|máy lọc nước|tấm pin mặt trời|điện thoại|máy tính|internet|bản tin|hội thảo|khóa học|buổi họp
|ý kiến|kế hoạch|mục tiêu|thách thức|cơ hội|niềm tin|tương lai|quê hương|đất nước|thế hệ trẻ"""
VI_VERBS = """hỗ trợ|phát triển|tham gia|chia sẻ|xây dựng|cải thiện|bảo vệ|khuyến khích|đào tạo
|hướng dẫn|kết nối|tổ chức|cung cấp|nâng cao|thúc đẩy|lắng nghe|ghi nhận|đánh giá|trao tặng
|quyên góp|sửa chữa|trồng|thu hoạch|chăm sóc|học hỏi|giúp đỡ|mở rộng|duy trì|phục hồi|đón nhận"""
VI_ADJS = """bền vững|an toàn|hiệu quả|thiết thực|mới|quan trọng|khó khăn|tích cực|rõ ràng|đầy đủ
|nhỏ|lớn|xanh|sạch|ấm áp|vui vẻ|đáng kể|lâu dài|cần thiết|đặc biệt"""
VI_FUNC = """và|của|cho|với|trong|những|các|được|đã|sẽ|đang|rất|nhiều|không|có|là|này|để|từ|về
|tại|cùng|như|khi|sau|trước|hơn|mỗi|mọi|vẫn|cũng|đều|theo|giữa|qua"""
VI_TIME = """năm nay|tháng trước|tuần này|mùa hè vừa qua|đầu năm|cuối tháng|hôm qua|gần đây|trong ba năm|từ năm 2015"""

EN_NOUNS = """community|education|health|clean water|children|family|programme|volunteers|residents
|district|information|students|school|environment|project|results|organisation|activity|skills
|food|nutrition|hospital|health station|farmers|harvest|weather|flooding|drought|culture
|tradition|festival|art|library|book|story|experience|city|countryside|island commune|village
|road|bridge|well|classroom|teacher|doctor|nurse|budget|scholarship fund|donor|partner
|local authority|committee|women's union|youth union|elderly|people with disabilities|fishers
|cooperative|rice crop|vegetable garden|mangrove forest|river|coastline|storm|dry season
|rainy season|meal|milk|rice|fish|greens|medicine|vaccine|face mask|soap|water filter|solar panel
|phone|computer|internet|newsletter|workshop|course|meeting|feedback|plan|goal|challenge
|opportunity|trust|future|hometown|country|younger generation"""
EN_VERBS = """support|develop|join|share|build|improve|protect|encourage|train|guide|connect
|organise|provide|raise|promote|listen to|recognise|evaluate|award|donate|repair|plant|harvest
|care for|learn from|help|expand|maintain|restore|welcome"""
EN_ADJS = """sustainable|safe|effective|practical|new|important|difficult|positive|clear|complete
|small|large|green|clean|warm|cheerful|significant|long-term|necessary|special"""
EN_FUNC = """and|of|for|with|in|the|a|many|was|will|is|very|more|not|has|this|to|from|about|at
|together|as|when|after|before|each|every|still|also|all|by|between|through"""
EN_TIME = """this year|last month|this week|last summer|early in the year|at the end of the month
|yesterday|recently|over three years|since 2015"""


def _split(s: str) -> list[str]:
    return [w.strip() for w in s.replace("\n", "").split("|") if w.strip()]


LEX = {
    "vi": {"n": _split(VI_NOUNS), "v": _split(VI_VERBS), "a": _split(VI_ADJS),
           "f": _split(VI_FUNC), "t": _split(VI_TIME)},
    "en": {"n": _split(EN_NOUNS), "v": _split(EN_VERBS), "a": _split(EN_ADJS),
           "f": _split(EN_FUNC), "t": _split(EN_TIME)},
}

LABELS: dict[str, dict] = {
    "vi": {
        "h2": ["Bối cảnh", "Những gì chúng tôi đã làm", "Kết quả bước đầu",
               "Tiếng nói từ cộng đồng", "Khó khăn và bài học", "Kế hoạch sắp tới",
               "Cách bạn có thể tham gia", "Số liệu chính"],
        "h3": ["Chi tiết", "Ghi chú thực địa", "Một ngày ở xã", "Lời cảm ơn",
               "Câu hỏi thường gặp"],
        "table": ["Hạng mục", "Số lượng", "Địa điểm", "Ghi chú"],
        "places": ["Hà Nội", "Huế", "Đà Nẵng", "Quảng Nam", "Quảng Ngãi", "Cần Thơ",
                   "Bến Tre", "Sóc Trăng", "Đắk Lắk", "Lào Cai", "Hà Giang", "Cà Mau"],
        "quote": "Chúng tôi không làm thay, chúng tôi làm cùng người dân.",
        "more": "Đọc thêm", "report": "báo cáo đầy đủ", "contact": "liên hệ với chúng tôi",
        "code_intro": "Dữ liệu được thu thập theo định dạng sau:",
        "units": ["hộ gia đình", "học sinh", "lớp học", "giếng nước", "suất ăn", "cây giống"],
    },
    "en": {
        "h2": ["Background", "What we did", "Early results", "Voices from the community",
               "Difficulties and lessons", "Next steps", "How you can take part",
               "Key figures"],
        "h3": ["Details", "Field notes", "A day in the commune", "Thank you",
               "Frequently asked questions"],
        "table": ["Item", "Quantity", "Location", "Notes"],
        "places": ["Hanoi", "Hue", "Da Nang", "Quang Nam", "Quang Ngai", "Can Tho",
                   "Ben Tre", "Soc Trang", "Dak Lak", "Lao Cai", "Ha Giang", "Ca Mau"],
        "quote": "We do not work for people, we work with them.",
        "more": "Read more", "report": "full report", "contact": "contact us",
        "code_intro": "Data is collected in the following format:",
        "units": ["households", "students", "classrooms", "wells", "meals", "seedlings"],
    },
}

CODE_SNIPPETS = [
    ("yaml", "survey:\n  commune: {place}\n  households: {n1}\n  wells_checked: {n2}\n  date: {date}\n"),
    ("bash", ("# export the monthly report\n"
              "python3 report.py --month {month} --out reports/{month}.csv\nwc -l reports/{month}.csv\n")),
    ("python", ("def coverage(served, total):\n    \"\"\"Share of households served.\"\"\"\n"
                "    return round(100 * served / total, 1)\n\nprint(coverage({n2}, {n1}))\n")),
    ("json", '{{"commune": "{place}", "students": {n1}, "scholarships": {n2}}}\n'),
]

TZ = dt.timezone(dt.timedelta(hours=7))


def slugify_ascii(text: str) -> str:
    """ASCII slug: strip diacritics (đ -> d), lowercase, hyphens."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return text


class Writer:
    """Generates sentences/paragraphs for one language from a shared RNG."""

    def __init__(self, lang: str, rng: random.Random) -> None:
        self.lang, self.rng, self.lex, self.lab = lang, rng, LEX[lang], LABELS[lang]

    def pick(self, k: str) -> str:
        return self.rng.choice(self.lex[k])

    def sentence(self, lo: int = 8, hi: int = 18, marks: bool = True) -> str:
        r = self.rng
        n = r.randint(lo, hi)
        words = []
        while len(" ".join(words).split()) < n:
            kind = r.choices("nvaft", weights=[5, 2, 2, 5, 1])[0]
            words.append(self.pick(kind))
        words = " ".join(words).split()[:n]
        if marks and r.random() < 0.30:
            i = r.randrange(len(words))
            words[i] = "*" + words[i] + "*" if r.random() < 0.6 else "**" + words[i] + "**"
        if marks and r.random() < 0.07:
            i = r.randrange(len(words))
            words[i] = "`" + slugify_ascii(words[i]).replace("-", "_") + "`"
        s = " ".join(words)
        s = s[0].upper() + s[1:] if s[0] not in "*`" else s
        if s.startswith("*") and len(s) > 2:
            j = len(s) - len(s.lstrip("*"))
            s = s[:j] + s[j].upper() + s[j + 1:]
        end = r.choices([".", ".", ".", "!", "?", ";"], weights=[6, 1, 1, 1, 1, 1])[0]
        if end == ";":
            tail = self.sentence(4, 8, marks=False)
            return s + "; " + tail[0].lower() + tail[1:]
        return s + end

    def link(self) -> str:
        r, lab = self.rng, self.lab
        text = r.choice([lab["more"], lab["report"], lab["contact"], self.pick("n")])
        url = r.choice([
            f"https://example.org/{self.lang}/{slugify_ascii(self.pick('n'))}",
            f"https://example.com/reports/{r.randint(2015, 2025)}-{r.randint(1, 12)}.pdf",
            "mailto:lienhe@example.org",
        ])
        return f"[{text}]({url})"

    def paragraph(self, lo: int = 3, hi: int = 6, links: float = 0.35) -> str:
        r = self.rng
        sents = [self.sentence() for _ in range(r.randint(lo, hi))]
        if r.random() < links:
            i = r.randrange(len(sents))
            sents[i] = sents[i][:-1] + " (" + self.link() + ")" + sents[i][-1]
        return " ".join(sents)

    def bullets(self, ordered: bool = False) -> str:
        r = self.rng
        items = [self.sentence(4, 11) for _ in range(r.randint(3, 6))]
        if ordered:
            return "\n".join(f"{i + 1}. {t}" for i, t in enumerate(items))
        return "\n".join("- " + t for t in items)

    def table(self) -> str:
        r, lab = self.rng, self.lab
        hdr = lab["table"]
        rows = []
        for _ in range(r.randint(4, 6)):
            rows.append([
                r.choice(lab["units"]).capitalize(),
                f"{r.randint(12, 9000):,}".replace(",", "." if self.lang == "vi" else ","),
                r.choice(lab["places"]),
                self.sentence(2, 5, marks=False).rstrip(".!?"),
            ])
        out = ["| " + " | ".join(hdr) + " |", "|---|---:|---|---|"]
        out += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(out)

    def code(self, date: dt.datetime) -> str:
        r = self.rng
        lang, tpl = r.choice(CODE_SNIPPETS)
        body = tpl.format(place=slugify_ascii(r.choice(self.lab["places"])),
                          n1=r.randint(100, 900), n2=r.randint(10, 99),
                          date=date.date().isoformat(), month=date.strftime("%Y-%m"))
        return self.lab["code_intro"] + "\n\n```" + lang + "\n" + body + "```"


def words(md: str) -> int:
    return len(re.findall(r"\w+", md))


def article_body(w: Writer, target: int, date: dt.datetime, with_code: bool) -> str:
    r = w.rng
    lab = w.lab
    h2 = r.sample(lab["h2"], len(lab["h2"]))
    parts = [w.paragraph(3, 5, links=1.0)]
    plan = ["bullets", "h3", "table", "ordered"] + (["code"] if with_code else [])
    r.shuffle(plan)
    blocks: dict[str, Callable[[], str]] = {
        "bullets": w.bullets, "ordered": lambda: w.bullets(ordered=True),
        "table": w.table, "code": lambda: w.code(date),
        "h3": lambda: "### " + r.choice(lab["h3"]) + "\n\n" + w.paragraph(2, 4),
    }
    blocks_done = 0
    while words("\n\n".join(parts)) < target:
        parts.append("## " + h2[blocks_done % len(h2)])
        parts.append(w.paragraph())
        if plan:
            parts.append(blocks[plan.pop()]())
        if r.random() < 0.15:
            parts.append("> " + lab["quote"])
        parts.append(w.paragraph())
        blocks_done += 1
    # flush any structural element the word budget did not reach
    blocks["h3"] = lambda: "### " + r.choice(lab["h3"]) + "\n\n" + w.paragraph(1, 2)
    parts += [blocks[kind]() for kind in plan]
    return "\n\n".join(parts) + "\n"


def yq(s: str) -> str:
    """YAML double-quoted scalar (JSON strings are valid YAML), diacritics kept."""
    return json.dumps(s, ensure_ascii=False)


def front_matter(title: str, date: dt.datetime, tags: list[str], summary: str) -> str:
    lines = ["---", "title: " + yq(title), "date: " + date.isoformat(), "tags:"]
    lines += ["  - " + yq(t) for t in tags]
    lines += ["summary: " + yq(summary), "---", ""]
    return "\n".join(lines)


def title_for(w: Writer) -> str:
    r = w.rng
    lex = w.lex
    if w.lang == "vi":
        t = "{} {} {} {}".format(
            r.choice(lex["v"]), r.choice(lex["n"]), r.choice(lex["a"]),
            r.choice(["tại", "ở", "cho", "cùng"]) + " " + r.choice(w.lab["places"]))
    else:
        t = "{} {} {} {}".format(
            r.choice(lex["v"]), r.choice(lex["a"]), r.choice(lex["n"]),
            r.choice(["in", "for", "with", "across"]) + " " + r.choice(w.lab["places"]))
    return t[0].upper() + t[1:]


def write_text(path: Path, text: str) -> None:
    """Write NFC UTF-8 text with LF line ends."""
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(unicodedata.normalize("NFC", text))


def write_articles(rng: random.Random, n: int, content: Path) -> dict:
    """Write n article pairs under content/<section>/; return word and code counts."""
    for sec, _, _ in SECTIONS:
        (content / sec).mkdir(parents=True, exist_ok=True)
    start = dt.datetime(2016, 1, 4, 8, 0, tzinfo=TZ)
    span_minutes = 9 * 365 * 24 * 60
    stats = {"words": {"vi": 0, "en": 0}, "code": 0}
    for i in range(n):
        sec = SECTIONS[i % len(SECTIONS)][0] if i < len(SECTIONS) else rng.choice(SECTIONS)[0]
        # minutes offset keeps dates unique and sortable
        date = start + dt.timedelta(minutes=int(span_minutes * i / max(n, 1))
                                    + rng.randint(0, 59))
        tag_idx = rng.sample(range(len(TAGS)), rng.randint(1, 4))
        with_code = rng.random() < 0.25
        stats["code"] += with_code
        target = rng.randint(540, 780)  # headroom: the last block pushes past the target
        wv, we = Writer("vi", rng), Writer("en", rng)
        title_en = title_for(we)
        title_vi = title_for(wv)
        slug = "{}-{:05d}".format(slugify_ascii(title_en)[:48].strip("-"), i)
        for lang, w, title in (("vi", wv, title_vi), ("en", we, title_en)):
            tags = [TAGS[k][0 if lang == "vi" else 1] for k in tag_idx]
            summary = w.sentence(14, 24, marks=False)
            body = article_body(w, target, date, with_code)
            stats["words"][lang] += words(body)
            text = front_matter(title, date, tags, summary) + "\n" + body
            assert "{{" not in text and "{%" not in text
            write_text(content / sec / f"{slug}.{lang}.md", text)
    return stats


def event_lines(rng: random.Random, j: int, wv: Writer, we: Writer) -> list[str]:
    """The YAML lines of event number j (contract format)."""
    when = dt.datetime(2025, 1, 6, 9, 0, tzinfo=TZ) + dt.timedelta(
        days=7 * j + rng.randint(0, 4), hours=rng.randint(0, 9))
    place = rng.randrange(len(LABELS["vi"]["places"]))
    tag_idx = rng.sample(range(len(TAGS)), rng.randint(1, 3))
    if rng.random() < 0.3:  # all-day
        start = when.date().isoformat()
        end = (when + dt.timedelta(days=rng.randint(0, 3))).date().isoformat()
    else:
        start = when.replace(tzinfo=None).isoformat(timespec="minutes")
        end = (when + dt.timedelta(hours=rng.randint(1, 6))).replace(tzinfo=None).isoformat(
            timespec="minutes")
    places = LABELS["vi"]["places"][place], LABELS["en"]["places"][place]
    title_vi, title_en = title_for(wv), title_for(we)
    desc_vi, desc_en = wv.paragraph(2, 3, links=0), we.paragraph(2, 3, links=0)
    return [
        "  - id: " + yq(f"ev-{j:03d}"),
        f"    title: {{vi: {yq(title_vi)}, en: {yq(title_en)}}}",
        "    start: " + start,
        "    end: " + end,
        f"    location: {{vi: {yq(places[0])}, en: {yq(places[1])}}}",
        f"    description: {{vi: {yq(desc_vi)}, en: {yq(desc_en)}}}",
        "    url: " + yq(f"https://example.org/dang-ky/ev-{j:03d}"),
        "    tags: [" + ", ".join(yq(TAGS[k][0]) for k in tag_idx) + "]",
    ]


def write_events(rng: random.Random, n_events: int, content: Path) -> None:
    """Write n_events events spread over five calendars in content/events/."""
    evdir = content / "events"
    evdir.mkdir(parents=True, exist_ok=True)
    wv, we = Writer("vi", rng), Writer("en", rng)
    calendars: dict[int, list[str]] = {}
    for j in range(n_events):
        calendars.setdefault(j % 5, []).extend(event_lines(rng, j, wv, we))
    for c, lines in sorted(calendars.items()):
        title = f"{{vi: {yq(f'Lịch sự kiện số {c + 1}')}, en: {yq(f'Event calendar {c + 1}')}}}"
        write_text(evdir / f"lich-{c + 1}.yaml", "\n".join(["title: " + title, "events:", *lines])
                   + "\n")


def gen(n: int, sitedir: str | Path, seed: int = 1, n_events: int = 50,
        site_toml: str | Path = PROJECT_SITE_TOML) -> dict:
    """Write the site folder; return its manifest (also written to corpus.json)."""
    site, toml = Path(sitedir), Path(site_toml)
    if not toml.is_file():
        raise FileNotFoundError(f"{toml}: no site.toml to copy (pass --site-toml FILE)")
    site.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(toml, site / "site.toml")
    rng = random.Random(seed)
    stats = write_articles(rng, n, site / "content")
    write_events(rng, n_events, site / "content")
    manifest = {
        "pairs": n, "articles": 2 * n, "events": n_events, "seed": seed,
        "sections": [{"slug": s, "vi": v, "en": e} for s, v, e in SECTIONS],
        "tags": [{"vi": v, "en": e} for v, e in TAGS],
        "words_per_article_avg": {k: round(v / max(n, 1)) for k, v in stats["words"].items()},
        "articles_with_code": stats["code"],
    }
    with open(site / "corpus.json", "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, ensure_ascii=False, indent=1)
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of article PAIRS")
    ap.add_argument("sitedir", help="site folder to write (site.toml, content/, corpus.json)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--events", type=int, default=50)
    ap.add_argument("--site-toml", default=str(PROJECT_SITE_TOML),
                    help="site.toml to copy (default: the project's)")
    a = ap.parse_args(argv)
    try:
        m = gen(a.n, a.sitedir, a.seed, a.events, a.site_toml)
    except FileNotFoundError as exc:
        ap.error(str(exc))
    keys = ("pairs", "articles", "events", "words_per_article_avg", "articles_with_code")
    print(json.dumps({k: m[k] for k in keys}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
