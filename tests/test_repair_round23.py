"""Round 23 on real snippets of 001/003/004: in text whose marks ingestion stripped, "ee" ending a
token is the engine's ``é`` before a c or its vowel, not a letter read twice
(``repair.confusion.STRIPPED_UNDOUBLED``)."""

from __future__ import annotations

import pytest

from ingest.repairer import model_input, unmask_symbols
from repair.confusion import DOUBLED, SEARCH_RULES, STRIPPED_RULES, build_trie, search
from repair.lm import LanguageModel, load_model
from repair.ocr import repair_text


@pytest.fixture(scope="module")
def lm() -> LanguageModel:
    return load_model()


def ingested(scan: str, lm: LanguageModel) -> str:
    """A clause body as ingestion repairs it: symbols masked, marks stripped, symbols put back."""
    text, symbols = model_input(scan)
    return unmask_symbols(repair_text(text, lm, stripped=True).text, symbols)


@pytest.mark.parametrize("scan, want", [
    # 004 1.3 and 3: were "trưa ngày"
    ("gti vé UBND huyén (théng qua Phong Noi vu) truée ngay 20/6/2023", "Phòng Nội vụ) trước ngày 20/6/2023"),
    ("huyén (théng qua Phong Noi vu) truwée ngay 20/6/2023.", "trước ngày 20/6/2023."),
])
def test_a_stripped_acute_e_before_e_is_no_doubled_letter(lm: LanguageModel, scan: str, want: str) -> None:
    assert want in ingested(scan, lm)


def test_raw_text_and_other_letters_keep_the_doubled_cost(lm: LanguageModel) -> None:
    trie = build_trie(lm.by_fold)
    raw = dict(search("truee", trie, 9.0, 128, SEARCH_RULES))
    stripped = dict(search("truee", trie, 9.0, 128, STRIPPED_RULES, 3.5, "e"))
    e_a = dict(SEARCH_RULES["e"])["a"]  # 1.2 hand-set; learnt from the scans in round 29 (1.29)
    assert raw["trua"] == pytest.approx(e_a + DOUBLED)  # e for a, and the second e read twice
    assert stripped["trua"] > stripped["truoc"]  # é for ơ, e for c
    assert dict(search("quyy", trie, 9.0, 128, STRIPPED_RULES, 3.5, "e"))["quy"] == pytest.approx(DOUBLED)
    # an "ee" inside a token is still a letter read twice
    assert dict(search("nghieem", trie, 9.0, 128, STRIPPED_RULES, 3.5, "e"))["nghiem"] == pytest.approx(DOUBLED)


@pytest.mark.parametrize("scan, want", [
    ("a) Cu thé hoa myc tiéu, nhiém vu tai Chi thi s6 06/CT-CTUBND ngay", "06/CT-CTUBND"),  # 003 I.1.a
    ("cta Chinh phu va Chi thi sb 23/CT-TTg ngay 02 thang 9 nam 2021", "23/CT-TTg ngày 02 tháng 9 năm 2021"),  # 001
])
def test_symbols_and_numbers_stay(lm: LanguageModel, scan: str, want: str) -> None:
    assert want in ingested(scan, lm)


@pytest.mark.parametrize("text", [
    "Báo cáo số 138/BC-UBND ngày 27/4/2023 của UBND huyện, trước ngày 20/6/2023.",
    "Chỉ thị số 05/CT-CTUBND, Chủ tịch Triệu Thế Hùng.",
    "buổi trưa ngày 15 tháng 6",
])
def test_clean_text_stays(lm: LanguageModel, text: str) -> None:
    assert repair_text(text, lm).text == text
