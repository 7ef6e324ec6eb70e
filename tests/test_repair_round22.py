"""Round 22: "Trưởng" heading an agency (``repair.heads``), ... on real snippets of 001/003/004."""

from __future__ import annotations

import pytest

from repair.lm import LanguageModel, load_model
from repair.ocr import repair_text


@pytest.fixture(scope="module")
def lm() -> LanguageModel:
    return load_model()


# c1: "Trưởng" before "các" and an agency, or before "phòng"/"ban", is the title (repair.heads)
@pytest.mark.parametrize("ocr, stripped, want", [
    ("Truéng cac phong co quan", False, "Trưởng các phòng cơ quan"),  # 004 1.4, as the brief gives it
    ("Pai bicu HDND huyén, Truéng cac phong co quan chuyén moén, don vi sy nghiép", False,
     "HĐND huyện, Trưởng các phòng cơ quan chuyên môn"),  # 004 1.4
    ("ctia Pai biéu HDND huyén, Trudng cac phong co quan chuyén mén, don vi sy nghi€p", False,
     "Trưởng các phòng cơ quan chuyên môn"),  # 004 2.5-2
    # ... as ingestion gives them to the model (marks stripped)
    ("ctia Dai bieu HDND huyen, Trudng cac phong co quan chuyen men, don vi sy nghiep", True,
     "Trưởng các phòng cơ quan chuyên môn"),  # 004 2.5-2
    ("Xét d& nghi ctia Truong phong Noi vu tai", False, "của Trưởng phòng Nội vụ"),  # 004 preamble
])
def test_truong_before_an_agency_is_the_title(lm: LanguageModel, ocr: str, stripped: bool, want: str) -> None:
    assert want in repair_text(ocr, lm, stripped=stripped).text


@pytest.mark.parametrize("text", [
    "Bố trí trong các phòng làm việc của cơ quan",
    "Trong các phòng ban chuyên môn",
    "Thủ trưởng các sở, ban, ngành",
    "Trường Tiểu học số 2, Số: 1138 /UBND-NC ngày 06/6/2023",
])
def test_other_readings_of_truong_stay(lm: LanguageModel, text: str) -> None:
    assert repair_text(text, lm).text == text
