"""Round 17: marks inside a word (``nhié:m``, ``t’inh``, ``q;ar``) and lists of cited points."""

from __future__ import annotations

import pytest

from repair.lm import LanguageModel, load_model
from repair.ocr import merge_cost, repair_text


@pytest.fixture(scope="module")
def lm() -> LanguageModel:
    return load_model()


@pytest.mark.parametrize("ocr, want", [
    ("- T chtrc thuc hién (ﬁly du cac nhié:m Vu cu t}}é do cac S, nganh tinh chu", "nhiệm Vụ"),  # 003
    ("o Giai trinh va chiu trach nhiém tru’('ycﬁUBND t’inh, Chu tich UBND tinh", "UBND tỉnh, Chủ tịch"),  # 003
])
def test_a_mark_inside_a_word_of_a_real_scan_is_merged_away(lm: LanguageModel, ocr: str, want: str) -> None:
    assert want in repair_text(ocr, lm).text


def test_merge_costs_of_marks() -> None:
    assert merge_cost(";") == merge_cost(":") == merge_cost("’") == merge_cost(",") == 1.0
    assert merge_cost("; ") == merge_cost("/") == merge_cost(" - ") == float("inf")  # a gap or a slash is no mark


def test_punctuation_between_words_stays(lm: LanguageModel) -> None:
    text = "Nơi nhận: Như trên; Lưu: VT, NC."
    assert repair_text(text, lm).text == text


@pytest.mark.parametrize("ocr, want", [
    ("quy dinh tai cac diem a, b, c va d khoan 1 Dieu 5", "các điểm a, b, c và d khoản 1 Điều 5"),
    ("theo diem b hoac c khoan 2 Dieu 3", "theo điểm b hoặc c khoản 2 Điều 3"),
])
def test_letters_listed_after_a_cited_point_are_points(lm: LanguageModel, ocr: str, want: str) -> None:
    assert want in repair_text(ocr, lm).text


def test_quotes_and_specks_do_not_end_a_phrase() -> None:
    from repair.decode import NO_SEP, SEP_BREAK, SEP_PUNCT
    from repair.ocr import _separator_kind

    assert _separator_kind(" ‘ ") == _separator_kind(' " ') == _separator_kind(" * ") == NO_SEP
    assert _separator_kind(". ") == _separator_kind(") ") == SEP_BREAK and _separator_kind("; ") == SEP_PUNCT


def test_a_speck_after_a_word_of_a_real_scan_keeps_its_context(lm: LanguageModel) -> None:
    # 003 III.2.b: "UBND cấp xã và các đơn vị theo ngành dọc" with a speck after "và"
    out = repair_text("UBND cap xa V~e‘1 cac don vi theo nganh doc tai cap huyén, cap xa", lm).text
    assert out.startswith("UBND cấp xã Và") and "các đơn vị theo ngành dọc tại cấp huyện, cấp xã" in out


@pytest.mark.parametrize("ocr, want", [  # round 18: the "điểm" before the letter damaged (heavy dev damage)
    ("theo quy dinh tai tliém d khoan 3 Dieu nay", "tại điểm d khoản 3 Điều này"),
    ("quy dinh tai dim d kho4n 1 Dieu 5", "điểm d khoản 1"),
    # round 29's c3 read "điểm a" (ri for a learnt 1.23 put khorin above POINT_COST); round 30: the limit is
    # measured with the hand-set costs (repair.limits)
    ("tai tlém b khorin 2 Dieu 5", "điểm b khoản 2"),
])
def test_a_letter_after_a_damaged_point_word_is_a_point(lm: LanguageModel, ocr: str, want: str) -> None:
    assert want in repair_text(ocr, lm).text


@pytest.mark.parametrize("ocr", [  # 001: "điểm" before a word, not a letter
    "yéu kém bi trir diém d6i voi timg linh",
    "co quan don vi ¢6 Chi s6 diém thanh phan",
])
def test_a_point_word_before_a_word_cites_no_point(lm: LanguageModel, ocr: str) -> None:
    out = repair_text(ocr, lm).text
    assert "điểm đối" in out or "điểm thành phần" in out
