"""`document:` form (text or {vi, en}), url of an official copy and status: typed, with file and line."""

from pathlib import Path

from tests.unit.test_content import load, site

DOC = "---\ntitle: K\ndate: 2020-02-05\ndocument:\n  number: 844/QĐ-TTg\n{extra}---\nx\n"


def one(tmp_path: Path, extra: str, name: str = "policies/k.vi.md"):
    entries, _, diags = load(site(tmp_path, {name: DOC.format(extra=extra)}))
    return (entries[0].document if entries else None), [d.format() for d in diags.items]


def test_form_url_and_status_are_read(tmp_path: Path):
    doc, problems = one(tmp_path, "  form: Quyết định\n  url: https://vanban.chinhphu.vn/?docid=1\n  status: in-force\n")
    assert problems == []
    assert (doc.form, doc.url, doc.status) == ("Quyết định", "https://vanban.chinhphu.vn/?docid=1", "in-force")


def test_all_three_are_optional(tmp_path: Path):
    doc, problems = one(tmp_path, "")
    assert problems == [] and (doc.form, doc.url, doc.status) == ("", "", "")


def test_form_by_language_takes_the_files_language(tmp_path: Path):
    doc, problems = one(tmp_path, "  form: {vi: Quyết định, en: Decision}\n", "policies/k.en.md")
    assert problems == [] and doc.form == "Decision"
    doc, problems = one(tmp_path, "  form: {vi: Quyết định}\n", "policies/k.en.md")
    assert doc is None
    assert problems == ["content/policies/k.en.md:6: document form has no 'en' text, the language of this file\n"
                        "    hint: write `form: Quyết định` (or `form: {vi: Quyết định, en: Decision}`)"]


def test_bad_values_name_the_line_and_the_nearest_status(tmp_path: Path):
    doc, problems = one(tmp_path, "  url: vanban.chinhphu.vn\n  status: inforce\n  statu: x\n")
    assert doc is None
    assert len(problems) == 3
    assert any(p.startswith('content/policies/k.vi.md:6: url "vanban.chinhphu.vn" must be the http(s) address')
               for p in problems)
    assert ("content/policies/k.vi.md:7: status 'inforce' is not one of in-force | expired | replaced\n"
            "    hint: did you mean 'in-force'?") in problems
    assert ("content/policies/k.vi.md:8: warning: unknown document key 'statu' is ignored\n"
            "    hint: did you mean 'status'?") in problems
