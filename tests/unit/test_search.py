"""The sharded search index: folding, posting lists, shards and chunks, and queries as search.js runs them."""

from __future__ import annotations

import json
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from sitegen.write.search import (
    CHUNK,
    Document,
    build_index,
    decode_postings,
    encode_postings,
    folded_words,
    shard_key,
)


def doc(title: str, text: str = "", n: int = 0) -> Document:
    return Document(title, f"/kontum/vi/tin-tuc/{n}/", "05/02/2020", "2020-02-05T00:00:00+07:00", text[:40], text)


def shard_names(manifest: dict) -> dict[str, str]:
    """Shard key -> file name, as search.js reads them from the manifest."""
    return {entry.split(".")[0]: f"w-{entry}.json" for entry in manifest["shards"].split()}


def chunk_names(manifest: dict) -> list[str]:
    return [f"d-{n}.{digest}.json" for n, digest in enumerate(manifest["chunks"].split())]


def query(index, raw: str) -> list[int]:
    """The ranking search.js does, in Python: every term must match a word or the start of one."""
    manifest = json.loads(index.manifest)
    shards = shard_names(manifest)
    per_term = []
    for term in dict.fromkeys(folded_words(raw)):
        key = shard_key(term)
        words = json.loads(index.files[shards[key]]) if key in shards else {}
        scores: dict[int, int] = {}
        for word, entry in words.items():
            exact = word == term
            if not exact and (len(term) < manifest["key"] or not word.startswith(term)):
                continue
            body, title = (entry, "") if isinstance(entry, str) else entry
            for doc_id in decode_postings(body):
                scores[doc_id] = max(scores.get(doc_id, 0), 2 if exact else 1)
            for doc_id in decode_postings(title) if title else []:
                scores[doc_id] = max(scores.get(doc_id, 0), 5 if exact else 3)
        per_term.append(scores)
    if not per_term:
        return []
    hits = [(sum(s[d] for s in per_term), d) for d in per_term[0] if all(d in s for s in per_term)]
    return [d for _, d in sorted(hits, key=lambda h: (-h[0], h[1]))]


def test_folded_words_drop_tone_marks_and_fold_d_with_stroke():
    assert folded_words("Khởi nghiệp ĐỔI MỚI sáng tạo, Đắk Tô!") == [
        "khoi", "nghiep", "doi", "moi", "sang", "tao", "dak", "to"]
    assert folded_words(unicodedata.normalize("NFD", "Khởi nghiệp")) == ["khoi", "nghiep"]


@given(st.lists(st.integers(min_value=0, max_value=5000), unique=True))
def test_postings_round_trip(ids: list[int]):
    ids = sorted(ids)
    assert decode_postings(encode_postings(ids)) == ids if ids else encode_postings(ids) == ""


def test_runs_of_consecutive_documents_are_short():
    assert encode_postings(list(range(1000))) == "1+rr"
    assert encode_postings([0, 1, 2, 5, 40]) == "1+2,3,z"


def test_index_files_manifest_and_chunks():
    docs = [doc(f"Bài {n} về khởi nghiệp", "đổi mới sáng tạo " * 3, n) for n in range(CHUNK + 3)]
    index = build_index(docs, "vi")
    manifest = json.loads(index.manifest)
    assert manifest["count"] == CHUNK + 3 and manifest["chunk"] == CHUNK and manifest["lang"] == "vi"
    assert manifest["folder"] == index.folder == "index/"
    shards = shard_names(manifest)
    assert {"kh", "ng", "do", "mo"} <= set(shards)
    chunks = chunk_names(manifest)
    assert len(chunks) == 2 and set(chunks) | set(shards.values()) == set(index.files), "the manifest names every file"
    rows = json.loads(index.files[chunks[1]])
    assert rows[0] == ["Bài 10 về khởi nghiệp", "/kontum/vi/tin-tuc/10/", "05/02/2020",
                       "2020-02-05T00:00:00+07:00", docs[10].snippet]
    khoi = json.loads(index.files[shards["kh"]])["khoi"]
    assert isinstance(khoi, list), "a word in titles keeps its title postings for ranking"


def test_index_is_deterministic_and_an_edit_renames_only_the_files_it_changes():
    docs = [doc(f"Tin {n}", "khởi nghiệp đổi mới", n) for n in range(2 * CHUNK)]
    first, again = build_index(docs, "vi"), build_index(list(docs), "vi")
    assert (first.manifest, first.files) == (again.manifest, again.files)
    edited = list(docs)
    edited[3] = doc("Tin 3", "khởi nghiệp đổi mới bền vững", 3)   # new words "ben", "vung" in one document
    changed = build_index(edited, "vi")
    renamed = set(changed.files) - set(first.files)
    assert renamed and all(name.startswith(("w-be.", "w-vu.", "d-0.")) for name in renamed), renamed
    for name in set(first.files) & set(changed.files):
        assert first.files[name] == changed.files[name], "a name is never reused for other bytes"


def test_queries_with_and_without_diacritics_find_the_same_documents():
    docs = [doc("Hỗ trợ khởi nghiệp", "chính sách", 0), doc("Đổi mới sáng tạo", "khởi nghiệp và đổi mới", 1),
            doc("Tiêu chuẩn đo lường", "chất lượng", 2), doc("Khởi công", "nghiệp vụ", 3)]
    index = build_index(docs, "vi")
    assert query(index, "khoi nghiep") == query(index, "khởi nghiệp") == [0, 3, 1]
    assert query(index, "doi moi") == query(index, "đổi mới") == query(index, "ĐỔI MỚI") == [1]
    assert query(index, "do luong") == [2], "đo (đ) and do fold together"
    assert query(index, "sang tao") == [1]
    assert query(index, "khoi ngh") == [0, 3, 1], "the start of a word matches"
    assert query(index, "zzz") == [] and query(index, "  ") == []


def test_title_matches_rank_first():
    docs = [doc("Tin tức", "khởi nghiệp", 0), doc("Khởi nghiệp", "", 1)]
    assert query(build_index(docs, "vi"), "khoi nghiep") == [1, 0]


def test_built_site_has_a_manifest_per_language_and_every_file_it_names(tmp_path):
    from tests.conftest import FIXED_NOW, SITES, run_cli

    out = tmp_path / "public"
    result = run_cli("build", "--source", str(SITES / "mini"), "--output", str(out), "--now", FIXED_NOW, "--no-cache")
    assert result.code == 0, result.err
    for folder in ("vi/tim-kiem", "en/search"):
        manifest = json.loads((out / folder / "index.json").read_text(encoding="utf-8"))
        files = out / folder / manifest["folder"]
        chunks = chunk_names(manifest)
        assert len(chunks) == -(-manifest["count"] // manifest["chunk"])
        assert sorted(p.name for p in files.iterdir()) == sorted([*shard_names(manifest).values(), *chunks])
        rows = [row for name in chunks for row in json.loads((files / name).read_text(encoding="utf-8"))]
        assert all(row[1].startswith("/kontum/" + folder[:3]) for row in rows), "results stay in their language"


def test_a_helper_process_builds_the_same_index_and_a_broken_one_is_replaced():
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from sitegen.write.search_indexes import _Submitted, build_indexes

    docs = {"vi": [doc("Khởi nghiệp", "đổi mới", 0), doc("Tin", "sáng tạo", 1)]}
    expected = build_indexes(docs)["vi"]
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as helper:
        made = _Submitted(helper, docs).result()["vi"]
    assert (made.manifest, made.files) == (expected.manifest, expected.files)
    assert _Submitted(helper, docs).result()["vi"].files == expected.files, "a helper shut down: built here"
