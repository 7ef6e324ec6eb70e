"""Round 21: agency heads read as heads (``repair.heads``) and doubled point letters (``repair.tokens.undoubled``).

Branch ``r21pick``: round 21's c2 and c4 without c1/c3 (digits and glyphs for a word).
"""

from __future__ import annotations

import pytest

from repair.lm import LanguageModel, load_model
from repair.ocr import repair_text
from repair.syllable import fold


@pytest.fixture(scope="module")
def lm() -> LanguageModel:
    return load_model()


# c2: an agency's head is read as the head ("Sở Nội vụ", "các sở, ban, ngành"), not as "Số" (repair.heads)
@pytest.mark.parametrize("ocr, want", [
    ("diém vé UBND tinh (qua S& Noi vu) triede ngay 01 thing 4 nam 2023", "(qua Sở Nội vụ)"),  # 001 3~2
    # 001 3~3
    ("dang ky xong truwdc ngay 01 thdng 4; giao S& Noi vu tong hop bao cao Chu tich", "giao Sở Nội vụ tổng hợp"),
    ("quy dinh. Béo cdo gtri vé& S& Noi vu: 6 thang ddu nam trude ngay 10/6", "Sở Nội vụ: 6 tháng"),  # 003 III.1.b
    ("3. Sé Noi vu", "3. Sở Nội vụ"),  # 003 III.3
    ("5. S& Théng tin va Truyén thong, Pai Phat thanh va Truyén hinh", "5. Sở Thông tin"),  # 003 III.5
    ("vé UBND cap huyén (qua Phong No6i vu): 6 thang dau nam trude ngay 05/6", "(qua Phòng Nội vụ)"),  # 003 III.1.b
    ("Trong thoi gian qua, Tha trudng cac sd, ban, nganh va Chu tich Uy ban", "các sở, ban, ngành"),  # 001 preamble
    ("d) Cac s0, ban, nganh, don vi thuoc UBND tinh chiu trach nhiém t6 chirc", "Các sở, ban, ngành"),  # 003 II.3.đ
    ("nganh (Van phong UBND tinh va cdc S6: Ngi vu, Tai chinh, Tw phdp, Ké hoach", "Sở: N"),  # 001 5
])
def test_an_agency_head_is_read_as_the_head(lm: LanguageModel, ocr: str, want: str) -> None:
    assert want in repair_text(ocr, lm).text


@pytest.mark.parametrize("text", [
    "Số: 1138 /UBND-NC",  # 004's number line
    "Số lượng hồ sơ, số liệu, Chỉ số PAPI, số 76/NQ-CP",
    "Bộ trưởng Bộ Tư pháp và Sở Nội vụ",
])
def test_other_readings_of_a_head_stay(lm: LanguageModel, text: str) -> None:
    assert repair_text(text, lm).text == text


def test_a_damaged_head_is_not_read_as_another_head(lm: LanguageModel) -> None:  # 003 II.3.c
    out = repair_text("c) Cac s0, nganh tinh dugc UBND tinh giao trién khai thuc hién céc", lm).text
    assert "Các bộ" not in out and fold(out).startswith("c) Cac so, nganh")



# c4: a point's letter read twice is the point (repair.tokens.undoubled)
@pytest.mark.parametrize("ocr, want", [
    ("thanh tlu\nbb) Ngudi su dung trai phép chét ma tuy", "\nb) Người sử dụng"),
    ("moi truong.\ncll) Cac hoat tlong bao vé moi truong", "\nđ) Các hoạt động"),
    ("quy dinh tai cac diem a, bb va c khoan 1 Dieu nay", "các điểm a, b và c khoản 1"),
    ("quy dinh tai cac diém a, b va cc khoan 1 Diéu 29", "các điểm a, b và c khoản 1"),
])
def test_a_doubled_point_letter_is_the_point(lm: LanguageModel, ocr: str, want: str) -> None:
    assert want in repair_text(ocr, lm).text


def test_doubled_roman_letters_are_no_point() -> None:
    from repair.tokens import list_marker, undoubled
    assert [undoubled(t) for t in ("ii", "vv", "xx", "ll", "tll")] == ["ii", "vv", "xx", "l", "tl"]
    assert list_marker("ii", "\n", ") ") == "" and list_marker("bb", " ", ") ") == ""  # not opening a line
