"""schema.org data of the publisher (GovernmentOrganization with its contacts) and of documents (Legislation)."""

from __future__ import annotations

from typing import Any

from sitegen.model import Document, Organization, SiteConfig
from sitegen.plan.urls import Urls
from sitegen.plan.views import EntryView

SCHEMA = "https://schema.org"
LEGAL_FORCE = {"in-force": f"{SCHEMA}/InForce", "expired": f"{SCHEMA}/NotInForce",
               "replaced": f"{SCHEMA}/NotInForce"}
MEDIA_TYPES = {"pdf": "application/pdf", "doc": "application/msword", "odt": "application/vnd.oasis.opendocument.text",
               "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def organization_jsonld(config: SiteConfig, lang: str) -> dict[str, Any]:
    """The Department in one language: name, address, telephone, fax, email and contact officials."""
    org: Organization = config.organization
    data: dict[str, Any] = {"@context": SCHEMA, "@type": "GovernmentOrganization",
                            "name": org.names.get(lang, ""), "url": org.url or config.base_url}
    if org.address:
        data["address"] = {"@type": "PostalAddress", "streetAddress": org.address[lang]}
    for key, value in (("telephone", org.phone), ("faxNumber", org.fax), ("email", org.email)):
        if value:
            data[key] = value
    points = []
    for contact in org.contacts:
        point: dict[str, Any] = {"@type": "ContactPoint", "name": contact.name[lang], "contactType": contact.title[lang]}
        if contact.phone:
            point["telephone"] = contact.phone
        if contact.email:
            point["email"] = contact.email
        points.append(point)
    if points:
        data["contactPoint"] = points
    return data


def legislation_jsonld(view: EntryView, config: SiteConfig, urls: Urls) -> dict[str, Any]:
    """A document page as schema.org Legislation; `legislationIdentifier` is its number (06/KH-SKHCN)."""
    doc: Document = view.document
    url = urls.absolute(view.url_path)
    data: dict[str, Any] = {"@context": SCHEMA, "@type": "Legislation", "name": view.title,
                            "legislationIdentifier": doc.number, "inLanguage": view.lang,
                            "url": url, "mainEntityOfPage": url}
    if doc.form:
        data["legislationType"] = doc.form
    if view.summary:
        data["abstract"] = view.summary
    if doc.issuer:
        data["legislationPassedBy"] = {"@type": "Organization", "name": doc.issuer}
    if doc.issued:
        data["legislationDate"] = doc.issued.isoformat()
    if doc.effective:
        data["legislationDateOfApplicability"] = doc.effective.isoformat()
    if doc.status:
        data["legislationLegalForce"] = LEGAL_FORCE[doc.status]
    encodings = []
    if doc.file:
        address = urls.absolute(doc.file[1:]) if doc.file.startswith("/") else doc.file
        media: dict[str, Any] = {"@type": "MediaObject", "contentUrl": address}
        kind = MEDIA_TYPES.get(doc.file.rsplit(".", 1)[-1].lower())
        if kind:
            media["encodingFormat"] = kind
        encodings.append(media)
    if encodings:
        data["encoding"] = encodings
    if doc.url:
        data["sameAs"] = doc.url
    data["publisher"] = {"@type": "GovernmentOrganization", "name": config.organization.names.get(view.lang, ""),
                         "url": config.organization.url or config.base_url}
    return data
