"""Ingest on the real corpus: structure, metadata, duplicates, chunks, idempotency."""

from __future__ import annotations

import codecs
import json

import pytest

from ingest.load import decode_text, read_file
from ingest.pipeline import ingest
from ingest.store import ClauseStore
from vanban.errors import UnreadableFileError
from vanban.text import fold


def labels(doc):
    return [c.label for c in doc.clauses]


def test_004_has_items_2_1_to_2_11(documents):
    doc = documents["004"]
    for n in range(1, 12):
        assert f"2.{n}" in labels(doc)
    assert {"1.1", "1.6", "1.4-1", "1.4-3", "2.1-4", "3", "4", "preamble", "closing"} <= set(labels(doc))
    assert doc.clause("2.3").original.startswith("2.3. Phong Tu phap")
    assert fold(doc.clause("2.3").text).startswith("2.3. phong tu phap\ntham muu")


def test_002_points_and_items(documents):
    doc = documents["002"]
    points = [lab for lab in labels(doc) if lab.startswith("1.")]
    assert points == ["1.a", "1.b", "1.c", "1.d", "1.đ", "1.e", "1.g", "1.h"]
    assert [lab for lab in labels(doc) if lab.isdigit()] == [str(n) for n in range(1, 9)]
    assert doc.clause("1.đ").text.startswith("đ) Đẩy mạnh cải cách công vụ")
    # A point's unlabelled follow-on paragraph stays with it.
    assert "Tuyên truyền sâu rộng" in doc.clause("1.a").text
    assert doc.clause("closing").text.startswith("Thủ trưởng các sở")
    assert "Chủ tịch, các Phó Chủ tịch UBND tỉnh" in doc.clause("recipients").text
    assert "Nguyễn Văn Phóng" in doc.clause("signature").text
    # Preamble, closing, recipients and signature are not mixed into clauses.
    assert "Nơi nhận" not in doc.clause("8").text and "Thủ trưởng" not in doc.clause("8").text


def test_003_roman_sections_and_ocr_point_variants(documents):
    doc = documents["003"]
    labs = labels(doc)
    assert {"I", "II", "III", "I.1.c", "II.3.đ", "III.2.đ", "III.3.b", "III.4-1"} <= set(labs)
    assert doc.clause("III.3").heading.startswith("III.")  # heading context of the enclosing section


def test_001_cent_sign_is_point_c_and_d_pair(documents):
    doc = documents["001"]
    assert {"1.c", "1.d", "1.đ", "2.c", "2.đ", "2.f", "3", "5", "closing"} <= set(labels(doc))
    assert doc.clause("1.c").original.startswith("¢) Tiép tuc")
    assert fold(doc.clause("1.c").text).startswith("c) tiep tuc")


def test_recipients_hold_no_signer_name_or_stray_marks(documents):
    # The scans set the list and the signature side by side: 001's signer was read as a list item,
    # 004's after "UBND các xã, thị trấn;", 003's "TM. ỦY BAN NHÂN DÂN" on the "Nơi nhận" line.
    r1, r3, r4 = (documents[k].clause("recipients").text.split("\n") for k in ("001", "003", "004"))
    assert r1[:3] == ["Nơi nhận:", "- Bộ Nội vụ (để báo cáo);", "- Thường trực Tỉnh ủy (để báo cáo);"]
    assert not any("Hing" in line for line in r1)
    assert r3[0] == "Nơi nhận:" and documents["003"].clause("signature").text.startswith("TM. ỦY BAN NHÂN DÂN")
    assert "UBND các xã, thị trấn;" in r4 and "- Sở Nội vụ;" in r4 and not any("Oanh" in line for line in r4)
    # The signer closes the block but for the digital-signature stamp (tests/test_ingest_stamp.py).
    assert documents["004"].clause("signature").text.split("\nKý bởi:")[0].endswith("Phan Thi Kim Oanh")


def test_metadata(documents):
    m2, m3, m4, m1 = (documents[k].meta for k in ("002", "003", "004", "001"))
    assert (m2.number, m2.doc_type, m2.date, m2.place) == ("05/CT-CTUBND", "Chỉ thị", "2019-05-16", "Hưng Yên")
    assert m2.issuer == "Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên" and m2.level == "province"
    assert (m2.signer, m2.signer_role) == ("Nguyễn Văn Phóng", "Chủ tịch")
    assert m2.title.startswith("Về việc cải thiện, nâng cao chỉ số cải cách hành chính (PAR INDEX)")
    assert (m3.number, m3.doc_type, m3.level) == ("8607/KH-UBND", "Kế hoạch", "province")
    assert m3.date == ""  # the day is unreadable in the scan: nothing is invented
    assert m3.signer == "Nguyén Duy Hung"
    assert (m4.number, m4.doc_type, m4.date, m4.level) == ("1138/UBND-NC", "Công văn", "2023-06-08", "district")
    # The scan reads "Hon Quan" and "Hung Yen": issuer and place get the reviewed lexicon's names
    # (names of people do not: the language model would guess at them).
    assert m4.signer == "Phan Thi Kim Oanh" and m4.issuer == "Ủy ban nhân dân huyện Hớn Quản"
    assert m3.issuer == "Ủy ban nhân dân tỉnh Hưng Yên" and m3.place == "Hưng Yên"
    # The date line's "Hdén Quan" is the issuer's place misread: the place and the header say "Hớn Quản".
    assert m4.place == "Hớn Quản"
    assert "\nHớn Quản, ngày (08 tháng 06 năm 2023" in documents["004"].clauses[0].text
    assert m1.number == "" and m1.doc_type == "Chỉ thị" and m1.date == ""


def test_duplicate_scan_is_an_alias_never_indexed(store_dir, documents):
    assert "000" not in documents
    assert documents["002"].aliases == ["000_ca425edbcd874d4b.txt"]
    store = ClauseStore(store_dir)
    assert not any(c.doc_id.startswith("000") for c in store.chunks())
    assert store.manifest()["duplicates"][0]["alias"] == "000_ca425edbcd874d4b.txt"
    assert store.document("000_ca425edbcd874d4b.txt").id.startswith("002")


def test_chunks_have_stable_ids_tokens_and_original(store_dir):
    chunks = ClauseStore(store_dir).chunks()
    ids = [c.id for c in chunks]
    assert len(ids) == len(set(ids))
    assert "004_aaae76cc2c3d2f2a#2.11" in ids and "002_a514a98a622c9e87#1.đ" in ids
    for c in chunks:
        assert 0 < c.tokens and c.text and c.original and len(c.hash) == 40
        assert c.tokens <= 300  # long clauses are split, OCR run-on sentences between words
    assert any("~" in i for i in ids)  # long clauses (002 item 2) are split, label kept
    long = [c for c in chunks if c.id.startswith("002_a514a98a622c9e87#2")]
    assert len(long) >= 2 and all(c.label == "2" for c in long)


def test_ingest_twice_is_identical_and_incremental(corpus_copy, tmp_path):
    data = tmp_path / "data"
    first = ingest(corpus_copy, data, progress=False)
    snapshot = {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()}
    second = ingest(corpus_copy, data, progress=False)
    assert second.processed == [] and len(second.reused) == 5
    assert {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()} == snapshot
    changed = corpus_copy / "004_aaae76cc2c3d2f2a.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    third = ingest(corpus_copy, data, progress=False)
    assert third.processed == ["004_aaae76cc2c3d2f2a.txt"]
    assert len(first.chunks) == len(third.chunks)


def test_bad_files_are_reported_and_the_rest_ingested(corpus_copy, tmp_path):
    (corpus_copy / "empty.txt").write_bytes(b"")
    (corpus_copy / "blob.txt").write_bytes(bytes(range(256)) * 40)
    (corpus_copy / "scan.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    report = ingest(corpus_copy, tmp_path / "data", progress=False)
    reasons = dict(report.skipped)
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["blob.txt"] or "text" in reasons["blob.txt"]
    assert "PDF" in reasons["scan.pdf"]
    assert len(report.documents) == 4


def test_encodings_are_decoded_to_nfc():
    text = "Sở Nội vụ chủ trì, phối hợp"
    assert decode_text(text.encode("utf-16"))[0] == text
    assert decode_text(text.encode("utf-16-le"))[0] == text
    assert decode_text(codecs.BOM_UTF8 + text.encode())[0] == text
    # Windows-1258 writes tones as combining marks: NFC recomposes them.
    cp = "Hưng Yên".encode("cp1258")
    assert decode_text(cp)[0] == "Hưng Yên"
    with pytest.raises(UnreadableFileError, match="empty"):
        decode_text(b"  \n")


def test_docx_is_read(tmp_path):
    import docx

    path = tmp_path / "cv.docx"
    d = docx.Document()
    for line in ["Số: 12/CV-UBND", "Hà Nội, ngày 1 tháng 2 năm 2024", "CÔNG VĂN", "Về việc thử",
                 "Ủy ban nhân dân tỉnh yêu cầu:", "1. Sở Nội vụ chủ trì khảo sát SIPAS."]:
        d.add_paragraph(line)
    d.save(path)
    raw = read_file(path)
    assert "Sở Nội vụ chủ trì" in raw.text


def test_passage_collection_is_one_chunk_per_line(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    rows = [{"id": "p1", "text": "Sở Nội vụ chủ trì.", "title": "A"}, {"id": "p2", "text": "Phòng Tư pháp."}]
    (corpus / "passages.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    report = ingest(corpus, tmp_path / "d", progress=False)
    assert [c.id for c in report.chunks] == ["p1", "p2"]
    assert report.chunks[0].title == "A"
    (corpus / "bad.jsonl").write_text('{"id": "x"}\n', "utf-8")
    report = ingest(corpus, tmp_path / "d", progress=False)
    assert "line 1" in dict(report.skipped)["bad.jsonl"]
