"""Jinja2 environment (autoescape, StrictUndefined) and rendering of planned outputs to bytes."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import jinja2

from sitegen.i18n import translate
from sitegen.plan.contact import tel_href
from sitegen.plan.events import dumps_jsonld
from sitegen.plan.output import Output
from sitegen.plan.pages import Planner
from sitegen.plan.views import first_paragraph
from sitegen.text import format_date, format_short_date
from sitegen.write.template_errors import TemplateErrors
from sitegen.write.typography import headline

_VIETNAMESE_MARKS = frozenset("\u0306\u0309\u031b\u0323")   # breve, hook above, horn, dot below


def looks_vietnamese(text: str) -> bool:
    """True for text with letters only Vietnamese uses (đ, ă, ơ, ư, the hook and dot-below tones; not the acute
    of "café"): templates mark it lang="vi" on pages in another language, e.g. a location given once."""
    return "đ" in text.lower() or any(c in _VIETNAMESE_MARKS for c in unicodedata.normalize("NFD", text))


def template_environment(folders: list[Path], bytecode_cache: Any = None) -> jinja2.Environment:
    """Jinja2 over the theme's template folders (the site's first), autoescaped, strict about undefined names."""
    env = make_environment(folders[0])
    env.loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(f)) for f in folders])
    env.bytecode_cache = bytecode_cache
    return env


def make_environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False)
    env.filters["date"] = format_date
    env.filters["short_date"] = format_short_date
    env.filters["headline"] = headline
    env.filters["first_paragraph"] = first_paragraph
    env.filters["jsonld"] = lambda data: jinja2.utils.markupsafe.Markup(dumps_jsonld(data))
    env.filters["tel"] = tel_href
    env.tests["vietnamese"] = looks_vietnamese
    return env


def site_globals(planner: Planner, assets: dict[str, str], preview: bool) -> dict[str, Any]:
    """Values every template may use: links, navigation, footer pages, assets."""
    urls = planner.urls
    config = planner.config

    def asset(path: str) -> str:
        return urls.href(assets.get(path, path))

    return {
        "config": config, "urls": urls, "tr": translate, "href": urls.href, "absolute": urls.absolute, "asset": asset,
        "languages": config.languages, "default_language": config.default_language,
        "nav": {lang: [(s.titles[lang], urls.href(urls.section(lang, key)), key) for key, s in config.sections.items()]
                for lang in planner.langs},
        "footer_pages": {lang: [(v.title, v.href) for v in planner.pages[lang]] for lang in planner.langs},
        "preview_build": preview,
        "has_programme": bool(planner.site.plans),   # the menu's programme entry (plan/programme.py)
        # The hashed names as data, not only inside `asset`: rebuilds that keep unchanged pages
        # fingerprint the non-callable globals, so a changed stylesheet re-renders every page.
        "assets": dict(sorted(assets.items())),
    }


def render_all(outputs: list[Output], env: jinja2.Environment, globals_: dict[str, Any],
               errors: TemplateErrors) -> dict[str, bytes]:
    """Every page as bytes; a failing page is left out and its template's mistake collected in `errors`."""
    result: dict[str, bytes] = {}
    cache: dict[str, jinja2.Template] = {}
    for output in outputs:
        try:
            template = cache.get(output.template) or env.get_template(output.template, globals=globals_)
            cache[output.template] = template
            lang = output.context["lang"]
            text = template.render(output.context, t=lambda key, _l=lang, **kw: translate(_l, key, **kw))
        except Exception as exc:   # a template's mistake, reported at the template (template_errors.py)
            errors.add(exc, output.template, output.path, output.source)
            continue
        result[output.path] = text.encode("utf-8")
    return result
