"""Round 17: document symbols, dates and numbers in OCR text (``repair.symbols``).

A symbol's code is kept as read (``23/CT-TTg`` had come out ``23/CT-Từ``); a run of digits that
the scan damaged with look-alike letters is read into a shape a directive writes, and only then.
"""

from __future__ import annotations

import pytest

from repair.lm import LanguageModel, load_model
from repair.ocr import repair_text
from repair.symbols import fix_numbers


@pytest.fixture(scope="module")
def lm() -> LanguageModel:
    return load_model()


@pytest.mark.parametrize("ocr, symbols", [
    ("Chi thi sb 23/CT-TTg ngay 02 thang 9 nam 2021 cua", ["23/CT-TTg", "02", "2021"]),  # 001
    ("Thuc hién Cong van s6 1763/UBND-NC ngay 31/5/2023 ctia UBND tinh", ["1763/UBND-NC", "31/5/2023", "UBND"]),  # 004
    ("Xét d& nghi ctia Truong phong Noi vu tai T trinh s6 564/TTr-PNV ngay", ["564/TTr-PNV"]),  # 004
    ("Nghi dinh s6 167/2017/ND-CP ngay 31/12/2017 cta Chinh phu.", ["167/2017/NĐ-CP", "31/12/2017"]),  # 004
    ("09/QD-UBND ngay 13/01/2023 cia UBND huyén", ["09/QĐ-UBND", "13/01/2023"]),  # 004
    ("a) Cu thé hoa myc tiéu, nhiém vu tai Chi thi s6 06/CT-CTUBND ngay", ["06/CT-CTUBND"]),  # 003
])
def test_symbols_dates_and_acronyms_of_real_scans_survive(lm: LanguageModel, ocr: str, symbols: list[str]) -> None:
    out = repair_text(ocr, lm).text
    for s in symbols:
        assert s in out, (s, out)


def test_mixed_case_codes_are_no_syllables(lm: LanguageModel) -> None:
    assert "23/CT-TTg ngày" in repair_text("Chi thi so 23/CT-TTg ngay 02/9/2021", lm).text
    assert "8607 /KH-UBND" in repair_text("Ke hoach so 8607 /KH-UBND cua UBND tinh", lm).text


@pytest.mark.parametrize("ocr, fixed", [
    ("Nghi dinh so 6l/20l8/ND-CP", "Nghi dinh so 61/2018/ND-CP"),  # l for 1
    ("Nghi dinh so 6ll20l8ND-CP", "Nghi dinh so 61/2018/ND-CP"),  # l for 1 and for /, the / before the code lost
    ("Quyet dinh so 15212017/QD-TTg", "Quyet dinh so 152/2017/QD-TTg"),  # the / read as 1, before a code
    ("ngay 3l/12/20l7", "ngay 31/12/2017"),
    ("ngay 31112l2017", "ngay 31/12/2017"),  # a date: l and 1 for its slashes
    ("nam 2Ol9", "nam 2019"),  # O for 0 in a year
    ("ngay l6 thang O5 nam 2Ol9", "ngay 16 thang 05 nam 2019"),  # a day and a month with one look-alike
    ("S$6:1138 /UBND-NC", "Số: 1138 /UBND-NC"),  # 004's header
])
def test_damaged_numbers_are_read_into_a_document_shape(ocr: str, fixed: str) -> None:
    assert fix_numbers(ocr) == fixed


@pytest.mark.parametrize("text", [
    "ngay 02/9/2021, nam 2019, 100%, 75%, 10/6, 09:10:48, 08-06-2023, 0211.3862",  # numbers and dates as printed
    "tu 2011 den 2015, truoc ngay 1000, so 15212017 nguoi",  # a clean number is no damaged symbol without a code
    "1y, 16p, h66, t51, kh6ngc6, tbt, té1, vo1",  # digits read for letters inside words: the LM's job
    "H5N1, COVID-19, 10km, Km10, quý I1I, Il",  # codes with digits, Roman numerals
    "so l6, thang l3, ngay lO",  # no day or month there (13 is no month; "lO" holds no digit)
    "6ll20l8",  # a date (6/1/2018) or a number (61/2018) with no code nor "ngày": left as read
])
def test_valid_numbers_and_word_debris_are_not_rewritten(text: str) -> None:
    assert fix_numbers(text) == text


def test_repair_keeps_names_acronyms_and_numbers(lm: LanguageModel) -> None:
    text = "UBND tỉnh Hưng Yên, Chỉ thị số 05/CT-CTUBND ngày 16/5/2019 và 100% PAPI, SIPAS, PAR INDEX"
    assert repair_text(text, lm).text == text
