"""Which articles and pages lack a translation, or have one older than the original's last update.

The rule (front-matter dates only; git history is not available to editors reliably):

- versions of one article are the files that share its translation key (same `<section>/<name>`,
  or the same `translation_key:`); section intros (`_index`) are not reported;
- the original is the version in the default language (the first of site.toml's languages that
  has one, when the default language has none); every other version is a translation;
- a language with no version is **missing**;
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
from sitegen.model import Entry

REPORTED_KINDS = ("article", "page")
STATUS_ORDER = {"missing": 0, "outdated": 1}


@dataclass(frozen=True)
class TranslationGap:
    """One piece of translation work: a language to add or to bring up to date."""

    section: str               # section key, or "pages"
    status: str                # "missing" | "outdated"
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
                     sections: list[str]) -> list[TranslationGap]:
    """Every missing or outdated translation, by section (site.toml order, pages last), then file."""
    groups: dict[tuple[str, str], dict[str, Entry]] = defaultdict(dict)
    for entry in entries:
        if entry.kind in REPORTED_KINDS:
            groups[(entry.section or PAGES_FOLDER, entry.translation_key)][entry.lang] = entry
    gaps: list[TranslationGap] = []
    for (section, key), versions in groups.items():
        gaps.extend(_missing(section, key, versions, languages))
        gaps.extend(_outdated(section, key, versions, languages))
    order = {name: i for i, name in enumerate([*sections, PAGES_FOLDER])}
    return sorted(gaps, key=lambda g: (order.get(g.section, len(order)), g.section, STATUS_ORDER[g.status],
                                       g.file, g.lang))


def original_of(versions: dict[str, Entry], languages: list[str]) -> Entry:
    """The original: the default language's version, else the first language of site.toml that has one."""
    return next(versions[lang] for lang in [*languages, *sorted(versions)] if lang in versions)


def _missing(section: str, key: str, versions: dict[str, Entry], languages: list[str]) -> list[TranslationGap]:
    reference = original_of(versions, languages)
    folder = reference.source_path.rsplit("/", 1)[0]
    return [TranslationGap(section, "missing", lang, key, f"{folder}/{reference.name}.{lang}.md",
                           reference.source_path, reference.lang, _day(stamp(reference)))
            for lang in languages if lang not in versions]


def _outdated(section: str, key: str, versions: dict[str, Entry], languages: list[str]) -> list[TranslationGap]:
    original = original_of(versions, languages)
    if original.updated is None:
        return []
    return [TranslationGap(section, "outdated", lang, key, entry.source_path, original.source_path, original.lang,
                           _day(original.updated), _day(stamp(entry)))
            for lang, entry in sorted(versions.items())
            if entry is not original and (stamp(entry) is None or stamp(entry) < original.updated)]


def _dated(path: str, day: str) -> str:
    return f"{path} ({day})" if day else path


def format_table(gaps: list[TranslationGap]) -> str:
    """A plain-text table for people; one row per piece of work, grouped by section."""
    if not gaps:
        return "Translations: every article and page exists in every language, and none is outdated.\n"
    missing = sum(1 for g in gaps if g.status == "missing")
    header = (f"Translations: {missing} missing, {len(gaps) - missing} outdated "
              "(outdated: the original has a later `updated:` than the translation)")
    rows = [("section", "status", "lang", "file", "translate from")]
    for gap in gaps:
        rows.append((gap.section, gap.status, gap.lang, _dated(gap.file, gap.file_date),
                     _dated(gap.reference, gap.reference_date)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = [header] + ["  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1]
                        for row in rows]
    if missing:
        first = next(g for g in gaps if g.status == "missing")
        name = first.reference.rsplit("/", 1)[-1].split(".", 1)[0]
        lines.append(f"  to start a missing one: python build.py new {first.section} {name} "
                     f"--translate-from {first.reference_lang}")
    return "\n".join(lines) + "\n"
