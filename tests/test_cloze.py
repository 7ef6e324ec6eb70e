"""Cloze matching on real clauses: the question's own words around its hole find the answer."""

from __future__ import annotations

import pytest

from rag import cloze

pytest_plugins = ["conftest_rag"]


@pytest.mark.parametrize("question, clause_doc, label, after", [
    # 004 2.1: "... tham mưu giải pháp khắc phục tình trạng để hồ sơ TTHC quá hạn ..."
    ("Văn phòng HĐND và UBND huyện tham mưu giải pháp khắc phục tình trạng gì?", "004", "2.1-3", "tinh trang de ho so"),
    # 002 1.c: "... theo quy định tại Nghị định số 61/2018/NĐ-CP ..."
    ("Bộ phận một cửa hoạt động theo quy định tại nghị định nào?", "002", "1.c", "nghi dinh so 61/2018"),
])
def test_the_answer_follows_the_frame(documents, question: str, clause_doc: str, label: str, after: str) -> None:
    from vanban.text import fold

    doc = next(d for d in documents.values() if d.id.startswith(clause_doc))
    text = next(c.text for c in doc.clauses if c.label == label or c.label.startswith(label))
    fit = cloze.match(cloze.frame(question), text)
    assert fit.score >= 3, (cloze.frame(question), text[:200])
    assert fold(text[fit.at : fit.at + 40]).startswith(after), text[fit.at : fit.at + 60]


def test_no_frame_for_english_or_statements() -> None:
    assert not cloze.frame("Which agency leads the SIPAS survey?")
    assert not cloze.frame("Sở Nội vụ chủ trì khảo sát SIPAS.")
    assert cloze.match(cloze.Frame((), ()), "bất kỳ") == cloze.Match(0)
