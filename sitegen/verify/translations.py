"""Which articles and pages lack a translation, or have one older than the original's last update.

The rule (front-matter dates only; git history is not available to editors reliably):

- versions of one article are the files that share its translation key (same `<section>/<name>`,
  or the same `translation_key:`); section intros (`_index`) are not reported;
- the original is the version in the default language (the first of site.toml's languages that
  has one, when the default language has none); every other version is a translation;
- a language with no version is **missing**; one whose file has errors is **errors** (reported above);
- a translation that is still a draft (as `new --translate-from` writes it) is **in-progress**;
- a translation is **outdated** when the original's `updated:` is later than the translation's
  `updated:` (or its `date:` when it has none). So an edit to the original counts once the editor
  bumps its `updated:`; a translation published after that update is current; updating a
  translation never flags the original.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import datetime

from sitegen.load.content import PAGES_FOLDER
from sitegen.messages import Msg, render
from sitegen.model import Entry

REPORTED_KINDS = ("article", "page")
STATUS_ORDER = {"errors": 0, "missing": 1, "in-progress": 2, "outdated": 3}


@dataclass(frozen=True)
class TranslationGap:
    """One piece of translation work: a language to add or to bring up to date."""

    section: str               # section key, or "pages"
    status: str                # "missing" | "errors" | "in-progress" | "outdated"
    lang: str                  # the language that needs work
    translation_key: str
    file: str                  # the file to write (missing) or to update (outdated)
    reference: str             # the original, to translate from
    reference_lang: str
    reference_date: str        # its `updated` (else `date`), ISO
    file_date: str = ""        # the outdated file's `updated` (else `date`), ISO; "" when missing

    def as_dict(self) -> dict[str, str | None]:
        """For JSON: unknown dates are null."""
        return {key: (value or None) if key.endswith("_date") else value for key, value in asdict(self).items()}


def stamp(entry: Entry) -> datetime | None:
    """When this version was last written: `updated`, else `date`."""
    return entry.updated or entry.date


def _day(value: datetime | None) -> str:
    return value.date().isoformat() if value else ""


def translation_gaps(entries: list[Entry] | tuple[Entry, ...], languages: list[str],
                     sections: list[str], broken: frozenset[str] = frozenset(),
                     drafts: bool = True) -> list[TranslationGap]:
    """Every missing, broken, started or outdated translation, by section (site.toml order, pages last), then file.

    `entries` may include drafts: a draft translation is in progress, not missing (unless `drafts`
    is False, when drafts are ignored altogether); `broken`: files with errors, not missing.
    """
    groups: dict[tuple[str, str], dict[str, Entry]] = defaultdict(dict)
    for entry in entries:
        if entry.kind in REPORTED_KINDS and (drafts or not entry.draft):
            groups[(entry.section or PAGES_FOLDER, entry.translation_key)][entry.lang] = entry
    gaps: list[TranslationGap] = []
    for (section, key), versions in groups.items():
        if original_of(versions, languages).draft:
            continue   # an unpublished original: nothing to translate yet
        gaps.extend(_missing(section, key, versions, languages, broken))
        gaps.extend(_in_progress(section, key, versions, languages))
        gaps.extend(_outdated(section, key, versions, languages))
    order = {name: i for i, name in enumerate([*sections, PAGES_FOLDER])}
    return sorted(gaps, key=lambda g: (order.get(g.section, len(order)), g.section, STATUS_ORDER[g.status],
                                       g.file, g.lang))


def original_of(versions: dict[str, Entry], languages: list[str]) -> Entry:
    """The original: the default language's version, else the first language of site.toml that has one."""
    return next(versions[lang] for lang in [*languages, *sorted(versions)] if lang in versions)


def _missing(section: str, key: str, versions: dict[str, Entry], languages: list[str],
             broken: frozenset[str]) -> list[TranslationGap]:
    reference = original_of(versions, languages)
    folder = reference.source_path.rsplit("/", 1)[0]
    gaps = []
    for lang in languages:
        if lang in versions:
            continue
        file = f"{folder}/{reference.name}.{lang}.md"
        bare = f"{folder}/{reference.name}.md" if lang == languages[0] else ""
        found = next((path for path in (file, bare) if path and path in broken), "")
        gaps.append(TranslationGap(section, "errors" if found else "missing", lang, key, found or file,
                                   reference.source_path, reference.lang, _day(stamp(reference))))
    return gaps


def _in_progress(section: str, key: str, versions: dict[str, Entry], languages: list[str]) -> list[TranslationGap]:
    original = original_of(versions, languages)
    return [TranslationGap(section, "in-progress", lang, key, entry.source_path, original.source_path, original.lang,
                           _day(stamp(original)), _day(stamp(entry)))
            for lang, entry in sorted(versions.items()) if entry is not original and entry.draft]


def _outdated(section: str, key: str, versions: dict[str, Entry], languages: list[str]) -> list[TranslationGap]:
    original = original_of(versions, languages)
    if original.updated is None:
        return []
    return [TranslationGap(section, "outdated", lang, key, entry.source_path, original.source_path, original.lang,
                           _day(original.updated), _day(stamp(entry)))
            for lang, entry in sorted(versions.items())
            if entry is not original and not entry.draft and (stamp(entry) is None or stamp(entry) < original.updated)]


def _dated(path: str, day: str) -> str:
    return f"{path} ({day})" if day else path


def format_table(gaps: list[TranslationGap], lang: str = "en") -> str:
    """A plain-text table for people, in `lang`; one row per piece of work, grouped by section."""
    if not gaps:
        return render(Msg("translations-none"), lang) + "\n"
    count = {status: sum(1 for g in gaps if g.status == status) for status in STATUS_ORDER}
    missing = count["missing"]
    parts = [Msg(f"translations-count-{status}", count=count[status]) for status in STATUS_ORDER
             if count[status] or status in ("missing", "outdated")]
    header = render(Msg("translations-header", counts=parts), lang)
    rows = [tuple(render(Msg(f"translations-column-{name}"), lang) for name in ("section", "status", "lang", "file",
                                                                              "from"))]
    for gap in gaps:
        rows.append((gap.section, render(Msg(f"translations-{gap.status}"), lang), gap.lang,
                     _dated(gap.file, gap.file_date), _dated(gap.reference, gap.reference_date)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = [header] + ["  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1]
                        for row in rows]
    if missing:
        first = next(g for g in gaps if g.status == "missing")
        name = first.reference.rsplit("/", 1)[-1].split(".", 1)[0]
        lines.append("  " + render(Msg("translations-start", command=f"python build.py new {first.section} {name} "
                                                       f"--translate-from {first.reference_lang}"), lang))
    return "\n".join(lines) + "\n"
