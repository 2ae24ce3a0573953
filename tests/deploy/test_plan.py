"""The upload plan (pure): compare by content, order so readers never see a half site, guard deletions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.publish.deploy.plan import (
    TooManyDeletes,
    check_deletes,
    guarded_deletes,
    is_hidden,
    make_plan,
    phase_of,
)


def test_only_changed_or_unknown_files_are_sent_and_only_files_the_site_lost_are_deleted():
    local = {"index.html": "a", "css/site.0123456789.css": "b", "vi/rss.xml": "c", "new.pdf": "d"}
    remote = {"index.html": "a", "css/site.0123456789.css": "OLD", "vi/rss.xml": None, "gone.html": "x",
              ".htaccess": "h", ".well-known/acme": "k"}
    plan = make_plan(local, remote)
    assert plan.ordered_uploads == ["css/site.0123456789.css", "new.pdf", "vi/rss.xml"]
    assert plan.deletes == ("gone.html",)
    assert plan.unchanged == 1


def test_files_pages_use_go_first_then_pages_then_sitemap_and_feeds():
    paths = ["vi/index.html", "sitemap.xml", "vi/tim-kiem/index.json", "vi/tim-kiem/index/w-ko.0123456789.json",
             "css/site.abcdef0123.css", "vi/su-kien/lich/all.ics", "images/a.jpg", "vi/rss.xml", "robots.txt", "404.html"]
    plan = make_plan(dict.fromkeys(paths, "h"), {})
    order = plan.ordered_uploads
    first = {path: order.index(path) for path in paths}
    for asset in ("css/site.abcdef0123.css", "vi/tim-kiem/index/w-ko.0123456789.json"):
        assert first[asset] < first["vi/tim-kiem/index.json"] < first["vi/index.html"]
    for used in ("vi/su-kien/lich/all.ics", "images/a.jpg"):
        assert first[used] < first["vi/index.html"] and first[used] < first["404.html"]
    for late in ("sitemap.xml", "vi/rss.xml", "robots.txt"):
        assert first[late] > max(first["vi/index.html"], first["404.html"])


def test_deletions_take_pages_away_before_the_files_they_used():
    plan = make_plan({}, {"css/old.0123456789.css": "a", "vi/old/index.html": "b", "vi/rss.xml": "c", "old.pdf": "d"})
    assert plan.deletes == ("vi/rss.xml", "vi/old/index.html", "old.pdf", "css/old.0123456789.css")


def test_phases():
    assert [phase_of(p) for p in ("a.0123456789.js", "a.js", "x/index.html", "sitemap.xml", "robots.txt")] == [0, 1, 2, 3, 3]
    assert is_hidden(".sitegen-deploy.json") and is_hidden("a/.git/x") and not is_hidden("a/b.html")


def test_the_guard_refuses_more_deletions_than_allowed_and_allows_exactly_the_limit():
    plan = make_plan({}, {f"old/{n}.html": "x" for n in range(5)})
    check_deletes(plan, 5)
    with pytest.raises(TooManyDeletes) as refused:
        check_deletes(plan, 4)
    assert (refused.value.count, refused.value.limit) == (5, 4)


def test_hashed_files_replaced_by_a_new_version_do_not_count_against_the_guard():
    local = {"vi/tim-kiem/index/w-ko.aaaaaaaaaa.json": "new", "vi/index.html": "p"}
    remote = {"vi/tim-kiem/index/w-ko.bbbbbbbbbb.json": "old", "vi/tim-kiem/index/w-zz.cccccccccc.json": "gone",
              "vi/index.html": "p", "vi/old/index.html": "x"}
    plan = make_plan(local, remote)
    assert len(plan.deletes) == 3
    assert sorted(guarded_deletes(plan)) == ["vi/old/index.html", "vi/tim-kiem/index/w-zz.cccccccccc.json"]
    check_deletes(plan, 2)
    with pytest.raises(TooManyDeletes):
        check_deletes(plan, 1)


NAMES = st.sampled_from(["index.html", "a/index.html", "a.0123456789.css", "b.json", "rss.xml", ".hidden", "d/.x", "c.ics"])


@settings(max_examples=200, derandomize=True, deadline=None)
@given(local=st.dictionaries(NAMES, st.sampled_from("xyz")),
       remote=st.dictionaries(NAMES, st.one_of(st.none(), st.sampled_from("xyz"))))
def test_carrying_out_a_plan_leaves_exactly_the_site(local, remote):
    plan = make_plan(local, remote)
    after = dict(remote)
    for path in plan.ordered_uploads:
        after[path] = local[path]
    for path in plan.deletes:
        del after[path]
    visible = {p: h for p, h in after.items() if not is_hidden(p)}
    assert visible == {p: h for p, h in local.items() if not is_hidden(p)}
    assert {p: h for p, h in after.items() if is_hidden(p)} == {p: h for p, h in remote.items() if is_hidden(p)}
    assert plan.unchanged + plan.upload_count == len([p for p in local if not is_hidden(p)])
    assert len(set(plan.ordered_uploads)) == plan.upload_count
