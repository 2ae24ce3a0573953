"""Plain text and automatic summaries of rendered bodies."""

from __future__ import annotations

from sitegen.load.markdown import render_one
from sitegen.plan.views import lead_of, plain_text
from sitegen.write.feed_text import absolute_html


def test_inline_tags_leave_no_space_before_punctuation():
    body = render_one("Mời dự ngày [hội](x.md). Xem *kế hoạch* **mới**, nhé! `mã`; [^1] thêm[^2].\n\n"
                      "[^1]: a\n[^2]: b\n", trusted=False)
    assert lead_of(body) == "Mời dự ngày hội. Xem kế hoạch mới, nhé! mã; thêm."


def test_blocks_and_line_breaks_still_separate_words():
    assert plain_text("<ul><li>một</li><li>hai</li></ul><p>ba<br>bốn</p><table><tr><td>5</td><td>6</td></tr></table>") == (
        "một hai ba bốn 5 6")
    assert plain_text("<p>x<span>y</span><em>z</em> &amp; <a href='#'>w</a>.</p>") == "xyz & w."


def test_full_texts_for_feeds_link_absolutely():
    page = "https://example.org/kontum/vi/tin-tuc/a/"
    html = ('<a href="/kontum/vi/">1</a><a href="#muc">2</a><img src="/kontum/images/x.jpg" alt="">'
            '<a href="https://other.org/?a=1&amp;b=2">3</a><a href="mailto:a@b.vn">4</a><a href="../b/">5</a>')
    assert absolute_html(html, page) == (
        '<a href="https://example.org/kontum/vi/">1</a><a href="https://example.org/kontum/vi/tin-tuc/a/#muc">2</a>'
        '<img src="https://example.org/kontum/images/x.jpg" alt="">'
        '<a href="https://other.org/?a=1&amp;b=2">3</a><a href="mailto:a@b.vn">4</a>'
        '<a href="https://example.org/kontum/vi/tin-tuc/b/">5</a>')
