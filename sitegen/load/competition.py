"""content/programme/<plan>.entries.yaml -> the competition's results; team names kept only with consent.

Under Decree 13/2023/NĐ-CP on personal data, a team's names are published only when the entry
says `consent: true`; without it they are not even kept in the model, so no page or feed can
show them by mistake.
"""

from __future__ import annotations

from pathlib import Path

from sitegen.diagnostics import Diagnostics
from sitegen.load import yamltext
from sitegen.load.programme_fields import StrictFields, Texts, near_hint, nearest
from sitegen.load.sources import read_text
from sitegen.load.yamltext import YList, YMap, YNode
from sitegen.messages import Msg
from sitegen.model import Competition, Entrant, SiteConfig

RESULTS_SUFFIX = ".entries.yaml"
FILE_KEYS = ("entries",)
ENTRY_KEYS = ("name", "field", "team", "consent", "round", "prize")
COMPETITION_KEYS = ("calendar", "eligibility", "awards")


def load_results(path: Path, root: Path, config: SiteConfig, diags: Diagnostics, calendar: str,
                 rounds: tuple[str, ...]) -> tuple[str, tuple[Entrant, ...]] | None:
    """(site-relative path, entrants), or None with the problems recorded. `rounds`: the calendar's event ids."""
    source = read_text(path, root, diags)
    if source is None:
        return None
    node = yamltext.load(source.text, source.path, diags)
    if not isinstance(node, YMap):
        if node is not None or source.text.strip():
            diags.error(source.path, 1, Msg("programme-not-mapping", what=Msg("what-a-results-file"), example="entries: [...]"))
        return None
    before = len(diags.errors)
    f = StrictFields(node, source.path, diags, FILE_KEYS, "results")
    items = node.items.get("entries")
    if not isinstance(items, YList):
        f.error("entries", Msg("field-not-list", key="entries"), Msg("hint-programme-entries"))
        return None
    texts = Texts(config, source.path, diags)
    entrants = [e for item in items.items for e in [_entrant(item, source.path, texts, calendar, rounds)] if e]
    if len(diags.errors) > before:
        return None
    return source.path, tuple(entrants)


def _entrant(node: YNode, path: str, texts: Texts, calendar: str, rounds: tuple[str, ...]) -> Entrant | None:
    if not isinstance(node, YMap):
        texts.diags.error(path, node.line, Msg("programme-not-mapping", what=Msg("what-each-entry"),
                                               example="name:, field:, round:"))
        return None
    f = StrictFields(node, path, texts.diags, ENTRY_KEYS, "entry")
    unused: set[str] = set()
    name = texts.read(node.items.get("name"), "name", True, unused)
    if not name:
        f.error("name", Msg("field-required", key="name"), Msg("hint-entry-name"))
    consent = f.boolean("consent")
    team = f.text_list("team")
    reached = f.text("round")
    if reached and reached not in rounds:
        near = nearest(reached, list(rounds))
        f.error("round", Msg("programme-round-unknown", value=reached, calendar=calendar),
                near_hint(near, Msg("hint-programme-round", values=list(rounds))))
    return Entrant(line=node.line, name=name, field=texts.read(node.items.get("field"), "field", False, unused),
                   team=team if consent else (), consent=consent, round=reached,
                   prize=texts.read(node.items.get("prize"), "prize", False, unused))


def read_competition(f: StrictFields, texts: Texts, calendars: frozenset[str], fallbacks: set[str]) -> Competition | None:
    """A plan's `competition:` (its results come later, from its entries file)."""
    node = f.mapping("competition")
    if node is None:
        return None
    cf = StrictFields(node, f.path, f.diags, COMPETITION_KEYS, "competition")
    calendar = cf.text("calendar", required=True)
    if calendar and calendar not in calendars:
        near = nearest(calendar, sorted(calendars))
        cf.error("calendar", Msg("programme-calendar-unknown", value=calendar),
                 near_hint(near, Msg("hint-programme-calendar")))
    return Competition(calendar=calendar, line=node.line,
                       eligibility=texts.read(node.items.get("eligibility"), "eligibility", False, fallbacks),
                       awards=texts.read(node.items.get("awards"), "awards", False, fallbacks),
                       results_path="", entrants=())
