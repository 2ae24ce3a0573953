"""Bodies are read from the cache only when asked, in one query, and rendered again if the cache lost them."""

from __future__ import annotations

from sitegen.incremental.bodies import Bodies


def make(cache: dict[str, str]) -> tuple[Bodies, list[list[str]], list[str]]:
    reads: list[list[str]] = []
    remade: list[str] = []

    def read(keys: list[str]) -> dict[str, str]:
        reads.append(keys)
        return {key: cache[key] for key in keys if key in cache}

    def remake(path: str) -> str:
        remade.append(path)
        return f"<p>again {path}</p>"

    bodies = Bodies({"fresh.md": "<p>fresh</p>"}, {"a.md": "ka", "b.md": "kb", "lost.md": "kl"}, read, remake)
    return bodies, reads, remade


def test_nothing_is_read_until_a_body_is_asked_for():
    bodies, reads, _ = make({"ka": "<p>a</p>", "kb": "<p>b</p>"})
    assert bodies["fresh.md"] == "<p>fresh</p>" and reads == []
    assert bodies["a.md"] == "<p>a</p>" and reads == [["ka"]]
    assert bodies["a.md"] == "<p>a</p>" and reads == [["ka"]], "read once"
    assert bodies.get("nothing.md", "") == "" and "nothing.md" not in bodies


def test_read_all_is_one_query_and_a_lost_body_is_rendered_again():
    bodies, reads, remade = make({"ka": "<p>a</p>", "kb": "<p>b</p>"})
    bodies.read_all()
    assert reads == [["ka", "kb", "kl"]]
    assert remade == ["lost.md"] and bodies["lost.md"] == "<p>again lost.md</p>"
    assert sorted(bodies) == ["a.md", "b.md", "fresh.md", "lost.md"] and len(bodies) == 4


def test_update_replaces_a_body_without_reading_it():
    bodies, reads, _ = make({"ka": "<p>a</p>"})
    bodies.update({"a.md": "<p>rewritten</p>", "event:x:vi": "<p>e</p>"})
    assert bodies["a.md"] == "<p>rewritten</p>" and bodies["event:x:vi"] == "<p>e</p>" and reads == []
