"""Jinja2 environment (autoescape, StrictUndefined) and rendering of planned outputs to bytes."""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path
from typing import Any

import jinja2

from sitegen.diagnostics import Diagnostics
from sitegen.i18n import translate
from sitegen.messages import Msg
from sitegen.plan.events import dumps_jsonld
from sitegen.plan.output import Output
from sitegen.plan.pages import Planner
from sitegen.text import format_date, format_short_date

HASHED_SUFFIXES = (".css", ".js")


def hashed_name(path: str, data: bytes) -> str:
    """css/site.css -> css/site.3f2a9c1b.css: hosts may cache it forever."""
    stem, dot, suffix = path.rpartition(".")
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:10]}{dot}{suffix}"


_VIETNAMESE_MARKS = frozenset("\u0306\u0309\u031b\u0323")   # breve, hook above, horn, dot below


def looks_vietnamese(text: str) -> bool:
    """True for text with letters only Vietnamese uses (đ, ă, ơ, ư, the hook and dot-below tones; not the acute
    of "café"): templates mark it lang="vi" on pages in another language, e.g. a location given once."""
    return "đ" in text.lower() or any(c in _VIETNAMESE_MARKS for c in unicodedata.normalize("NFD", text))


def make_environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False)
    env.filters["date"] = format_date
    env.filters["short_date"] = format_short_date
    env.filters["jsonld"] = lambda data: jinja2.utils.markupsafe.Markup(dumps_jsonld(data))
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
        # The hashed names as data, not only inside `asset`: rebuilds that keep unchanged pages
        # fingerprint the non-callable globals, so a changed stylesheet re-renders every page.
        "assets": dict(sorted(assets.items())),
    }


def render_all(outputs: list[Output], env: jinja2.Environment, globals_: dict[str, Any],
               diags: Diagnostics) -> dict[str, bytes]:
    """Every output as bytes; a template error names the template, its line and the page."""
    result: dict[str, bytes] = {}
    cache: dict[str, jinja2.Template] = {}
    for output in outputs:
        if output.data is not None:
            result[output.path] = output.data
            continue
        try:
            template = cache.get(output.template) or env.get_template(output.template, globals=globals_)
            cache[output.template] = template
            lang = output.context["lang"]
            text = template.render(output.context, t=lambda key, _l=lang, **kw: translate(_l, key, **kw))
        except jinja2.TemplateSyntaxError as exc:
            diags.error(f"templates/{exc.name or output.template}", exc.lineno or 0,
                        Msg("template-syntax", problem=str(exc.message), page=output.path, source=output.source))
            return result
        except Exception as exc:
            diags.error(f"templates/{output.template}", _template_line(exc, output.template),
                        Msg("template-error", page=output.path, source=output.source, problem=f"{type(exc).__name__}: {exc}"))
            continue
        result[output.path] = text.encode("utf-8")
    return result


def _template_line(exc: Exception, template: str) -> int:
    tb = exc.__traceback__
    line = 0
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(template):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
