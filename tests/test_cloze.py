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


def test_left_counts_only_the_words_before_the_hole() -> None:
    # 001's closing clause names what is asked ("kết quả"), two of the question's words before its hole.
    fr = cloze.frame("Sở Nội vụ phải báo cáo kèm theo kết quả gì?")
    fit = cloze.match(fr, "báo cáo Chủ tịch UBND tỉnh cùng với Kết quả đánh giá, xác định Chỉ số CCHC")
    assert (fit.score, fit.left) == (2, 2)
    # The words after the hole alone place an answer but are not the asked noun.
    fit = cloze.match(cloze.frame("ke hoach yeu cau phat huy quyen gi cua nguoi dan"),
                      "nâng cao chất lượng cuộc sống của người dân")
    assert (fit.score, fit.left) == (2, 0)
