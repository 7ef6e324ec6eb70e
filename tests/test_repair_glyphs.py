"""Round 19: ``¥`` (ý) and ``§`` (ộ) of the scans 001/003/004 are read as letters, not dropped; round 20: ``¢``."""

from __future__ import annotations

import pytest

from repair.lm import LanguageModel, load_model
from repair.ocr import repair_text
from repair.syllable import fold
from repair.tokens import word_pieces


@pytest.fixture(scope="module")
def lm() -> LanguageModel:
    return load_model()


@pytest.mark.parametrize("ocr, want", [
    ("tr 1y, diéu chinh kip thoi, diing quy dinh nhiing ¥ kién ctia ngudi dan.", "ý kiến của người dân"),  # 003 II.1.a
    ("cong chirc, vién chirc, nguoi lao dong vé muc dich, ¥ nghia va két qua Chi s6 PAPI", "mục đích, ý nghĩa và"),
    ("cung tng dich vy hanh chinh cong va ¥ kién cta nguoi dan, to chic vé chat luong", "và ý kiến của"),  # 004 2.10
])
def test_a_yen_sign_is_y_acute(lm: LanguageModel, ocr: str, want: str) -> None:
    assert want in repair_text(ocr, lm).text


def test_a_section_sign_inside_a_word_is_a_vowel(lm: LanguageModel) -> None:  # 001 2.c
    out = repair_text("Kip thoi kién toan B§ phédn M4t cura tai UBND cac céap theo quy dinh", lm).text
    assert "Bộ phận" in out and "§" not in out


def test_the_glyphs_are_word_pieces_and_marks_stay_apart() -> None:
    assert word_pieces("B§ phận, ¥ kiến")[0] == ["B§", " ", "phận", ",", " ", "¥", " ", "kiến"]
    assert word_pieces("§ 5 và $ 3")[1] == [2, 4, 8]  # a lone § is no word (a lone ¥ is ý)


@pytest.mark.parametrize("ocr, want", [  # round 20: a lone "¢" is a word, as "&" and "¥" are (003)
    ("thuc hién dan chu ¢ so so; linh hoat trong qué trinh thuc hién phu hop véi cac", "dân chủ ở cơ sở;"),
    ("clia co quan, to chirc, c4 nhan ¢ lién quan va ctia Nhan dan trong thyc hién dan", "cá nhân có liên quan"),
    ("dia phuong tim hiéu cac m6 hinh, cach lam hay ¢ cac tinh, thanh pho6 c6 x&p hang", "cách làm hay ở các tỉnh"),
])
def test_a_lone_cent_sign_is_a_word(lm: LanguageModel, ocr: str, want: str) -> None:
    assert want in repair_text(ocr, lm).text


def test_a_cent_sign_before_a_bracket_opening_a_line_is_point_c(lm: LanguageModel) -> None:  # 001 1.c, 003 I.2.c
    out = repair_text("vién chic hang nam.\n¢) Tiép tuc ra soat, sip xép kién toan to chic bo may", lm).text
    assert "\nc) Tiếp tục rà soát" in out and "¢" not in out
    out = repair_text("va giri vé UBND tinh (qua S¢ Noi vu). Nam 2023", lm).text  # 001 3~3: ¢ for ơ, a head as read
    assert "(qua So Noi vu)" in fold(out)
