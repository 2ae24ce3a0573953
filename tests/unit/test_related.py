"""The articles beside an article: its neighbours by date in its section."""

from __future__ import annotations

from sitegen.plan.related import neighbours


class View:
    def __init__(self, name: str):
        self.name = name


def test_two_newer_and_two_older_around_the_article():
    views = [View(str(i)) for i in range(7)]   # newest first
    assert [v.name for v in neighbours(views, views[3])] == ["1", "2", "4", "5"]
    assert [v.name for v in neighbours(views, views[0])] == ["1", "2"]
    assert [v.name for v in neighbours(views, views[6])] == ["4", "5"]
    assert neighbours(views[:1], views[0]) == []


def test_an_article_not_listed_gets_the_newest():
    views = [View(str(i)) for i in range(7)]
    assert [v.name for v in neighbours(views, View("draft"))] == ["0", "1", "2", "3"]
