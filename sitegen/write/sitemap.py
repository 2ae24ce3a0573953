"""sitemap.xml with hreflang alternates, and robots.txt pointing to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sitegen.plan.pages import PageMeta, Planner


def sitemap(planner: Planner, pages: list[PageMeta]) -> bytes:
    """sitemap.xml: every indexable page with its language alternates."""
    urls = planner.urls
    default = planner.config.default_language
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for meta in sorted(pages, key=lambda m: m.url_path):
        if meta.noindex:
            continue
        lines.append(f"  <url><loc>{_escape(urls.absolute(meta.url_path))}</loc>")
        if len(meta.alternates) > 1:
            for lang, path in meta.alternates.items():
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{lang}" href={_attribute(urls.absolute(path))}/>')
            x_default = meta.alternates.get(default)
            if x_default:
                href = _attribute(urls.absolute(x_default))
                lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href={href}/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode()


def robots(planner: Planner) -> bytes:
    """robots.txt: everything allowed, and where the sitemap is."""
    text = f"User-agent: *\nAllow: /\n\nSitemap: {planner.urls.absolute('sitemap.xml')}\n"
    return text.encode()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(text: str) -> str:
    """A double-quoted XML attribute value (xml.sax.saxutils would cost the import of urllib and http)."""
    return '"' + _escape(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace(
        "\t", "&#9;") + '"'
