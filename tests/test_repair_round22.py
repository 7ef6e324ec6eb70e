"""Round 22 on real snippets of 001/003/004: "Trưởng" heading an agency (``repair.heads``), a stripped
``é`` read as o (``repair.confusion.STRIPPED_E``), digits and mark glyphs for a word (``repair.digits``)."""

from __future__ import annotations

import pytest

from repair.digits import digit_word
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


# c3: round 21's c1 and c3 (repair.digits), a glyph being one of the mark glyphs & ¢ € ¥ § only
@pytest.mark.parametrize("ocr, want", [
    # 001 1.d (twice), 001 preamble, 001 3, 004 1.6
    ("don vi; x4c dinh két qua cai cach hanh chinh hang nam 13 mot trong nhing ndi", "hằng năm là một trong"),
    ("ngudi dimg dau cac co quan, don vi, dia phuong, dong thoi 13 tiéu chi quan", "đồng thời là tiêu chí"),
    ("van con ty 1& hd so giai quyét cong viée bi tré han", "tỷ lệ hồ sơ"),
    ('"Hoan thanh nhiém vu" vé CCHC va co quan don vi ¢6 Chi s6 diém thanh phan', "đơn vị có Chỉ số"),
    ("hang nam 13 m6t trong nhiing ndi dung quan trong", "hằng năm là một trong"),  # 001 1.d, digits for vowels
    ("hang nam 13 m6t trong nhiing ndi dung quan trong", "hằng năm là một trong"),  # 001 1.d, digits throughout
])
def test_digits_and_mark_glyphs_standing_for_a_word_are_read(lm: LanguageModel, ocr: str, want: str) -> None:
    assert want in repair_text(ocr, lm).text


@pytest.mark.parametrize("text", [
    "- Thoi diém ban hanh Ké hoach cham nhat 15 ngay lam viéc sau thoi gian",  # 003 III.1.a
    "cung cap tuyén truyén trong nhan dan va 08 nhom noi dung",  # 003 III.4-2: a leading zero, a number
    "trong thời hạn 15 ngày làm việc, có 13 tiêu chí, gồm 15 thành viên",
    "khoản 13 điều 5, đạt 14 điểm, trên 8 lĩnh vực, hàng quý, 6 tháng",
    "Nghị định số 107/2021/NĐ-CP ngày 06 tháng 12 năm 2021, ngày 13/01/2023",
])
def test_numbers_between_words_stay_numbers(lm: LanguageModel, text: str) -> None:
    out = repair_text(text, lm).text
    for num in ("15", "08", "13", "14", "8", "6", "107/2021/NĐ-CP", "13/01/2023"):
        assert out.count(num) == text.count(num), (num, out)


def test_numbers_between_damaged_words_stay_numbers(lm: LanguageModel) -> None:
    out = repair_text("tr0ng th01 h4n 15 ng4y l4m vi6c, c6 13 ti6u ch1", lm).text
    assert "15 ngày" in out and "13 tiêu chí" in out


def test_only_mark_glyphs_make_a_token_no_number() -> None:
    toks = ["nam", "13", "mot", "ngay", "27", "ngay", "1&", "hd", "Dieu", "13", "2023", "nam", "|1", "va", "1!", "va"]
    kinds = [digit_word(toks, [" "] * (len(toks) - 1), i) for i in range(len(toks))]
    assert kinds == ["", "digits", "", "", "", "", "glyph", "", "", "", "", "", "", "", "", ""]
    assert digit_word(["nam", "13", "mot"], [".\n", " "], 1) == ""  # a number opening a sentence
    assert digit_word(["ngay", "13", "T6"], [" ", " "], 1) == ""  # a capital: no running text
