"""Round 22 on real snippets of 001/003/004: "Trưởng" heading an agency (``repair.heads``), a stripped
``é`` read as o (``repair.confusion.STRIPPED_E``)."""

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


# c2: in text whose marks ingestion stripped, an e may be the engine's é for o (repair.confusion.STRIPPED_E)
@pytest.mark.parametrize("scan, want", [
    ("Pai bicu HDND huyén, Truéng cac phong co quan chuyén moén, don vi sy nghiép thudoc huyén;",
     "Trưởng các phòng cơ quan"),  # 004 1.4: was "Trong các phòng"
    # 001 2.d: was "bề mặt"
    ("phé duyét quy trinh ndi bé méi; sira doi, bo sung, thay thé, bdi bé).", "nội bộ mới;"),
    ("Thuong xuyén ra soat, dén ddc, kip thoi bao cao", "rà soát, đôn đốc,"),  # 001 2.đ~2: "đến đọc"
    ("hanh chinh trong nam 2023 va thoi gian téi, Chu tich Uy ban", "thời gian tới,"),  # 001 preamble~5: "tại"
    # 003 III.3.a: was "đáng"
    ("nang cao hiéu qua quan tri va hanh chinh céng cua tinh.", "hành chính công của tỉnh"),
    # 003 III.4-1 and 001 2.đ~3 (c2b, STRIPPED_E 1.5): were "tăng họp", "tất"
    ("va theo di, dén ddc, téng hop béao céo két qua thuc hién.", "đôn đốc, tổng hợp báo cáo"),
    ("cong viéc. Chap hanh tét ché d6 bao cdo dinh ky hang quy", "Chấp hành tốt chế độ báo cáo"),
])
def test_a_stripped_acute_e_reads_as_o(lm: LanguageModel, scan: str, want: str) -> None:
    from ingest.repairer import model_input

    assert want in repair_text(model_input(scan)[0], lm, stripped=True).text


@pytest.mark.parametrize("text", [
    "Về việc tiếp tục tăng cường, nâng cao hiệu quả công tác cải cách hành chính",
    "trước ngày 20/6/2023, theo Thông báo số 54/TB-UBND, Phòng Nội vụ",
])
def test_stripped_clean_text_stays(lm: LanguageModel, text: str) -> None:
    from ingest.repairer import model_input, unmask_symbols

    model, symbols = model_input(text)
    assert unmask_symbols(repair_text(model, lm, stripped=True).text, symbols) == text
