"""CSS and JavaScript are minified at build; other files pass through untouched."""

from __future__ import annotations

from sitegen.load.theme import PROJECT
from sitegen.write.minify import minify


def test_css_loses_comments_and_spaces_but_keeps_its_rules():
    css = b"/* the masthead */\n.masthead {\n  color: #fff;\n  background: var(--blue);\n}\n/*! licence */\n"
    assert minify("css/site.css", css) == b".masthead{color:#fff;background:var(--blue)}/*! licence */\n"


def test_javascript_loses_comments_and_spaces_but_keeps_strings():
    js = b'// print button\n(function () {\n  var label = "In  trang";  /* two spaces kept */\n  return label;\n})();\n'
    assert minify("js/print.js", js) == b'(function(){var label="In  trang";return label;})();\n'


def test_the_theme_gets_smaller_and_other_files_are_left_alone():
    for name in ("css/site.css", "js/search.js", "js/print.js"):
        data = (PROJECT / "static" / name).read_bytes()
        assert len(minify(name, data)) < 0.9 * len(data)
    assert minify("documents/x.pdf", b"%PDF  /* */") == b"%PDF  /* */"
    assert minify("css/odd.css", b"\xff\xfe not utf-8") == b"\xff\xfe not utf-8"
