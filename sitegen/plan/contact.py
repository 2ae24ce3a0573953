"""The contact page (the standalone page `content/pages/lien-he.<lang>.md`) and phone links."""

from __future__ import annotations

import re

from sitegen.diagnostics import Diagnostics
from sitegen.messages import Msg
from sitegen.model import Entry, Organization, Site

CONTACT_PAGE = "lien-he"   # the name of the standalone page that shows site.toml's [organization] in full


def is_contact_page(entry: Entry) -> bool:
    return entry.kind == "page" and entry.name == CONTACT_PAGE


def has_contact_details(org: Organization) -> bool:
    """True when site.toml gives more than a name: then the site needs a contact page to show it."""
    return bool(org.address or org.phone or org.fax or org.email or org.hours or org.contacts)


def tel_href(phone: str) -> str:
    """`tel:` link of a number as written ("02603.865.490" -> "tel:02603865490")."""
    return "tel:" + re.sub(r"[^0-9+]", "", phone)


def check_contact_page(site: Site, diags: Diagnostics) -> None:
    """A warning for each language whose readers would have no page with the full contact details."""
    if not has_contact_details(site.config.organization):
        return
    present = {entry.lang for entry in site.entries if is_contact_page(entry)}
    for lang in site.config.languages:
        if lang not in present:
            diags.warning("site.toml", 0, Msg("contact-page-missing", language=Msg(f"language-{lang}")),
                          Msg("hint-contact-page-missing", page=CONTACT_PAGE, lang=lang))
