"""The desk's Decap CMS configuration, generated from site.toml (never written by hand).

One collection per section, the standalone pages, the home and section intros and the event
calendars; fields that match the front-matter schema; both languages as `<name>.vi.md` /
`<name>.en.md` pairs with the site's default language first; the interface in Vietnamese.
"""

from __future__ import annotations

from typing import Any

from sitegen.load.content import EVENTS_FOLDER, PAGES_FOLDER
from sitegen.model import SiteConfig

MEDIA_FOLDER = "static/images"
PUBLIC_FOLDER = "/images"
DATE_FORMAT = {"format": "YYYY-MM-DDTHH:mm", "date_format": "DD/MM/YYYY", "time_format": "HH:mm"}
DAY_FORMAT = {"format": "YYYY-MM-DD", "date_format": "DD/MM/YYYY", "time_format": False}
SLUG_PATTERN = ["^[a-z0-9]+(-[a-z0-9]+)*$", "chữ thường không dấu, số và dấu gạch ngang / a-z, 0-9 and hyphens"]
WHEN_PATTERN = [r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?)?$",
                "YYYY-MM-DD hoặc YYYY-MM-DDTHH:MM (giờ Việt Nam)"]


def _field(name: str, label: str, widget: str = "string", required: bool = False, **more: Any) -> dict[str, Any]:
    return {"name": name, "label": label, "widget": widget, "required": required, **more}


def _document_field() -> dict[str, Any]:
    day = {**DAY_FORMAT, "i18n": "duplicate"}
    return _field("document", "Văn bản (số, cơ quan ban hành, ngày)", "object", collapsed=True, i18n=True,
                  hint="Chỉ cho văn bản pháp quy, chính sách: nếu điền thì phải có số hiệu.", fields=[
                      _field("number", "Số hiệu (06/KH-SKHCN)", i18n="duplicate"),
                      _field("issuer", "Cơ quan ban hành", i18n=True),
                      _field("issued", "Ngày ban hành", "datetime", **day),
                      _field("effective", "Ngày hiệu lực", "datetime", **day),
                      _field("file", "Tệp (/documents/x.pdf)", i18n="duplicate"),
                  ])


def article_fields(is_page: bool = False) -> list[dict[str, Any]]:
    fields = [
        _field("title", "Tiêu đề", required=True, i18n=True),
        _field("date", "Ngày đăng", "datetime", required=not is_page, i18n="duplicate", **DATE_FORMAT),
        _field("updated", "Ngày cập nhật", "datetime", i18n=True, default="", **DATE_FORMAT),
        _field("summary", "Tóm tắt", "text", i18n=True, hint="Một hai câu; để trống thì lấy đoạn đầu."),
    ]
    if not is_page:
        fields += [_field("tags", "Thẻ", "list", i18n=True, allow_add=True),
                   _field("authors", "Tác giả", "list", i18n=True, allow_add=True)]
    fields += [
        _field("draft", "Bản nháp (chưa công bố)", "boolean", i18n="duplicate", default=False),
        _field("slug", "Đường dẫn (slug)", i18n=True, pattern=SLUG_PATTERN,
               hint="Để trống thì lấy theo tên tệp; bản tiếng Anh nên có slug tiếng Anh."),
    ]
    if is_page:
        fields.append(_field("weight", "Thứ tự ở chân trang", "number", i18n="duplicate", value_type="int"))
    else:
        fields += [_field("translation_key", "Khoá ghép bản dịch", i18n="duplicate", pattern=SLUG_PATTERN,
                          hint="Chỉ khi hai tệp dịch của nhau có tên khác nhau."), _document_field()]
    fields.append(_field("body", "Nội dung", "markdown", required=False, i18n=True))
    return fields


def _folder_collection(name: str, label: str, folder: str, fields: list[dict[str, Any]]) -> dict[str, Any]:
    return {"name": name, "label": label, "folder": folder, "create": True, "extension": "md",
            "format": "yaml-frontmatter", "i18n": True, "slug": "{{slug}}", "identifier_field": "title",
            "summary": "{{title}}", "sortable_fields": ["date", "title"], "fields": fields}


def intros_collection(config: SiteConfig) -> dict[str, Any]:
    """One entry per intro and language (Decap's files collections cannot pair files by language)."""
    lang = config.default_language
    fields = [_field("title", "Tiêu đề"), _field("body", "Nội dung", "markdown")]
    places = [("home", "Trang chủ", "content/_index"), *((f"section-{key}", f"Chuyên mục {s.titles.get(lang, key)}",
                                                         f"content/{key}/_index") for key, s in config.sections.items())]
    files = [{"name": f"{name}-{code}", "label": f"{label} ({language.name})", "file": f"{stem}.{code}.md",
              "fields": fields} for name, label, stem in places for code, language in config.languages.items()]
    return {"name": "intros", "label": "Lời giới thiệu", "format": "yaml-frontmatter", "extension": "md",
            "files": files}


def _pair(name: str, label: str, config: SiteConfig, widget: str = "string", required: bool = False) -> dict[str, Any]:
    inner = [_field(code, language.name, widget, required=required and code == config.default_language)
             for code, language in config.languages.items()]
    return _field(name, label, "object", required=required, fields=inner)


def calendars_collection(config: SiteConfig) -> dict[str, Any]:
    event = [
        _field("id", "Mã sự kiện (duy nhất)", required=True, pattern=SLUG_PATTERN),
        _pair("title", "Tên sự kiện", config, required=True),
        _field("start", "Bắt đầu", required=True, pattern=WHEN_PATTERN),
        _field("end", "Kết thúc (ngày cuối, tính cả ngày đó)", pattern=WHEN_PATTERN),
        _pair("location", "Địa điểm", config),
        _pair("description", "Mô tả (Markdown)", config, "text"),
        _field("url", "Liên kết đăng ký / chi tiết"),
        _field("tags", "Thẻ", "list", allow_add=True),
        _field("status", "Trạng thái", "select", default="scheduled", options=[
            {"label": "Theo lịch", "value": "scheduled"}, {"label": "Đã huỷ", "value": "cancelled"},
            {"label": "Hoãn", "value": "postponed"}]),
    ]
    lang = config.default_language
    return {"name": "calendars", "label": "Lịch sự kiện", "folder": f"content/{EVENTS_FOLDER}", "create": False,
            "extension": "yaml", "format": "yaml", "identifier_field": "title", "summary": f"{{{{title.{lang}}}}}",
            "fields": [_pair("title", "Tên lịch", config, required=True),
                       _pair("description", "Mô tả (Markdown)", config, "text"),
                       _field("events", "Sự kiện", "list", required=False, fields=event, allow_add=True,
                              summary=f"{{{{fields.start}}}} – {{{{fields.title.{lang}}}}}")]}


def desk_config(config: SiteConfig, api_url: str, site_url: str) -> dict[str, Any]:
    """The whole configuration Decap CMS reads (served as JSON, which is YAML)."""
    lang = config.default_language
    sections = [_folder_collection(key, section.titles.get(lang, key), f"content/{key}", article_fields())
                for key, section in config.sections.items()]
    pages = _folder_collection("pages", "Trang riêng", f"content/{PAGES_FOLDER}", article_fields(is_page=True))
    return {
        "backend": {"name": "proxy", "proxy_url": api_url, "branch": "main"},
        "publish_mode": "simple",
        "locale": lang,
        "site_url": site_url,
        "display_url": site_url,
        "media_folder": MEDIA_FOLDER,
        "public_folder": PUBLIC_FOLDER,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "i18n": {"structure": "multiple_files", "locales": list(config.languages), "default_locale": lang},
        "collections": [*sections, pages, intros_collection(config), calendars_collection(config)],
    }
