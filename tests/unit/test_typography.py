"""Headlines: document numbers wrapped so they never break, everything else escaped as text."""

from __future__ import annotations

from sitegen.write.typography import headline


def test_document_numbers_are_kept_on_one_line():
    assert headline("Quyết định số 09/QĐ-SKHCN ngày 10/01/2020") == (
        'Quyết định số <span class="nowrap">09/QĐ-SKHCN</span> ngày <span class="nowrap">10/01/2020</span>')
    assert headline("Nghị định 42/2022/NĐ-CP và 1665/QĐ-TTg.") == (
        'Nghị định <span class="nowrap">42/2022/NĐ-CP</span> và <span class="nowrap">1665/QĐ-TTg</span>.')


def test_text_without_numbers_is_only_escaped():
    assert headline("Hỏi & đáp <b>x</b> and/or 2020") == "Hỏi &amp; đáp &lt;b&gt;x&lt;/b&gt; and/or 2020"
    assert headline("x1/2 &#39;3/4") == "x1/2 &amp;#39;<span class=\"nowrap\">3/4</span>"
    assert headline("'1/2\"") == '&#39;<span class="nowrap">1/2</span>&#34;'
