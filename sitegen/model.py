"""The site as frozen data: what loading produces and planning consumes. No behaviour here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from sitegen.load.timeframe import TimeFrame


@dataclass(frozen=True)
class Language:
    code: str
    name: str          # in its own language: "Tiếng Việt", "English"
    title: str         # the site's title in this language
    description: str
    locale: str        # og:locale, e.g. vi_VN


@dataclass(frozen=True)
class Section:
    key: str                      # folder name: policies, news, ...
    titles: dict[str, str]        # by language
    slugs: dict[str, str]         # URL segment by language


@dataclass(frozen=True)
class Contact:
    """A contact official of the organisation ([[organization.contacts]] in site.toml)."""

    name: dict[str, str]          # by language (a person's name is usually the same in both)
    title: dict[str, str]         # by language: their post, e.g. "Phó Giám đốc Sở"
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Organization:
    """The publisher of the site: footer, contact page, structured data (contract §6)."""

    names: dict[str, str]
    url: str
    email: str
    address: dict[str, str] = field(default_factory=dict)   # by language; empty when not given
    phone: str = ""
    fax: str = ""
    hours: dict[str, str] = field(default_factory=dict)     # by language
    contacts: tuple[Contact, ...] = ()


@dataclass(frozen=True)
class SiteConfig:
    base_url: str                 # always ends with "/"
    default_language: str
    languages: dict[str, Language]   # in display order, default first
    timezone_name: str
    tz: tzinfo
    sections: dict[str, Section]     # in menu order
    items_per_page: int
    feed_limit: int
    home_items_per_section: int
    trust_html: bool
    organization: Organization

    @property
    def base_path(self) -> str:
        """The URL path of the site root ("/" or "/kontum/"), prefix of every internal link."""
        rest = self.base_url.split("://", 1)[-1]
        return "/" + rest.split("/", 1)[1] if "/" in rest else "/"


@dataclass(frozen=True)
class Document:
    """Metadata of a legal or policy document (`document:` in front matter)."""

    number: str
    issuer: str
    issued: date | None
    effective: date | None
    file: str
    form: str = ""                # Kế hoạch, Quyết định, Nghị quyết... in the entry's language
    url: str = ""                 # an official copy of the full text elsewhere (http or https)
    status: str = ""              # "" (not stated) | in-force | expired | replaced


@dataclass(frozen=True)
class Entry:
    """An article (in a section) or a standalone page (section None), in one language."""

    kind: str                     # "article" | "page" | "index"
    source_path: str              # site-relative, e.g. content/news/x.vi.md
    lang: str
    section: str | None
    name: str                     # file name without language and extension
    translation_key: str
    slug: str
    title: str
    date: datetime | None
    updated: datetime | None
    summary: str
    tags: tuple[str, ...]
    authors: tuple[str, ...]
    draft: bool
    weight: int
    document: Document | None
    body: str
    body_line: int                # 1-based line of the first body line in the file

    @property
    def sort_date(self) -> datetime:
        assert self.date is not None
        return self.date


@dataclass(frozen=True)
class Event:
    id: str
    calendar: str                 # calendar key (file stem)
    source_path: str
    line: int
    title: dict[str, str]         # by language, fallbacks already applied
    fallback: tuple[str, ...]     # "field:lang" pairs that fell back to the default language
    start: date | datetime
    end: date | datetime | None   # inclusive for dates, as written
    location: dict[str, str]
    description: dict[str, str]   # Markdown by language
    url: str
    tags: tuple[str, ...]
    status: str

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)


@dataclass(frozen=True)
class Calendar:
    key: str
    source_path: str
    title: dict[str, str]
    description: dict[str, str]
    events: tuple[Event, ...]


# ---- the programme: content/programme/<plan>.yaml and content/organisations.yaml ----------------

@dataclass(frozen=True)
class Unit:
    """An organisation a plan names (lead or partner), from content/organisations.yaml."""

    id: str
    source_path: str
    line: int
    name: dict[str, str]          # by language, fallbacks applied (as every localized field here)
    short_name: dict[str, str]
    kind: str                     # agency | support-centre | incubator | university | zone | other
    parent: str                   # another unit's id, or ""
    summary: dict[str, str]       # Markdown
    address: dict[str, str]
    phone: str
    website: str
    founded_date: date | None
    founded_by: dict[str, str]    # the founding decision, as written
    fallback: tuple[str, ...]     # "field:lang" pairs shown in the default language


@dataclass(frozen=True)
class Target:
    label: dict[str, str]
    target: str                   # a number as written ("1", "2,5")
    achieved: str                 # "" when not reported


@dataclass(frozen=True)
class Task:
    id: str
    line: int
    title: dict[str, str]
    when: TimeFrame
    when_text: str                # as written in the plan
    lead: str                     # unit id
    partners: tuple[str, ...]
    status: str                   # planned | in-progress | done | not-done
    result: dict[str, str]        # Markdown
    targets: tuple[Target, ...]
    links: tuple[str, ...]        # "section/name" or "event:<id>", as written
    updated: date | None
    fallback: tuple[str, ...]


@dataclass(frozen=True)
class PlanContent:
    id: str
    line: int
    title: dict[str, str]
    summary: dict[str, str]       # Markdown
    tasks: tuple[Task, ...]
    fallback: tuple[str, ...]


@dataclass(frozen=True)
class Entrant:
    """One entry of a competition's results (content/programme/<plan>.entries.yaml)."""

    line: int
    name: dict[str, str]
    field: dict[str, str]
    team: tuple[str, ...]         # published only with consent
    consent: bool
    round: str                    # the id of the furthest round (an event of the competition's calendar)
    prize: dict[str, str]


@dataclass(frozen=True)
class Competition:
    calendar: str                 # stem of content/events/<calendar>.yaml: its rounds
    line: int
    eligibility: dict[str, str]   # Markdown
    awards: dict[str, str]        # Markdown
    results_path: str             # the entries file, "" when there is none
    entrants: tuple[Entrant, ...]


@dataclass(frozen=True)
class Plan:
    key: str                      # file stem: its URL part
    source_path: str
    title: dict[str, str]
    document: str                 # "section/name" of the article holding the plan's document, or ""
    summary: dict[str, str]       # Markdown
    period: TimeFrame | None
    contents: tuple[PlanContent, ...]
    competition: Competition | None
    fallback: tuple[str, ...]

    @property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(task for content in self.contents for task in content.tasks)


@dataclass(frozen=True)
class Site:
    """Everything loaded and validated.

    `html` holds each entry's rendered body by source path, and each event description as
    "event:<id>:<lang>": a mapping, which a cache may fill only as pages ask for bodies.
    """

    root: str
    config: SiteConfig
    entries: tuple[Entry, ...]
    calendars: tuple[Calendar, ...]
    now: datetime
    html: Mapping[str, str] = field(default_factory=dict)   # body HTML by source path
    words: dict[str, str] = field(default_factory=dict)   # distinct folded words of each body, for search
    leads: dict[str, str] = field(default_factory=dict)   # first paragraph of each body, shortened
    left_out: tuple[str, ...] = ()   # human-readable notes about drafts/future left out
    plans: tuple[Plan, ...] = ()     # content/programme/*.yaml, in file order
    units: tuple[Unit, ...] = ()     # content/organisations.yaml, in file order
