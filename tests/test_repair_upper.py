"""Round 18: damaged words of upper-case headings, "V/v" and "HPND" (real snippets of 003 and 004)."""

from __future__ import annotations

import pytest

from repair.lm import LanguageModel, load_model
from repair.ocr import repair_text
from repair.tokens import about_tokens, header_words, stroke_acronym


@pytest.fixture(scope="module")
def lm() -> LanguageModel:
    return load_model()


@pytest.mark.parametrize("ocr, want", [
    ("UY BAN NHAN DAN CONG HOA XA HQI CHU NGHIA VIET NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),  # 004
    ("I. MUC PICH, YEU CAU\n1. Muc dich", "I. MỤC ĐÍCH, YÊU CẦU"),  # 003
])
def test_a_damaged_word_of_a_heading_is_read(lm: LanguageModel, ocr: str, want: str) -> None:
    assert want in repair_text(ocr, lm).text


@pytest.mark.parametrize("ocr, want", [
    ("Nang cao hiéu qua quan tri va hanh chinh cong (PAPI)", "(PAPI)"),  # 003
    ("KE HOACH NANG CAO CHI SO PAPI NAM 2023", "CHỈ SỐ PAPI NĂM 2023"),
    ("thuc hién CCHC & mot sb co quan", "CCHC"),  # 001
    ("cong tac tiép nhan, xu 1y va tra két qua TTHC", "TTHC"),
])
def test_acronyms_stay(lm: LanguageModel, ocr: str, want: str) -> None:
    assert want in repair_text(ocr, lm).text


def test_the_subject_line_of_a_letter_keeps_v_v(lm: LanguageModel) -> None:
    out = repair_text("V/v nang cao Chi sd Papi,\nChi s6 Sipas", lm).text  # 004
    assert out.startswith("V/v nâng cao Chỉ số")


def test_a_stroke_read_as_p_in_a_known_acronym(lm: LanguageModel) -> None:
    ocr = "(d6i twong diéu tra la: Pai bicu HPND huyén, Truéng cac phong"  # 004
    assert "HĐND huyện" in repair_text(ocr, lm).text
    assert stroke_acronym("PCT") == "" and stroke_acronym("HPND") == "HĐND"


def test_header_words_need_a_syllable_in_capitals_beside_them() -> None:
    ok = {"xa", "chu", "nam", "so", "chi"}.__contains__
    assert header_words(["XA", "HQI", "CHU"], [" ", " "], ok) == [1]
    assert header_words(["Chi", "so", "PAPI", "cua"], [" ", " ", " "], ok) == []  # beside lower case: an acronym
    assert header_words(["XA", "HQI"], ["\n"], ok) == []  # another line
    assert header_words(["SO", "CCHC", "UBND"], [" ", " "], ok) == []  # no vowel; a known acronym
    assert about_tokens(["V", "v"], ["/"]) == [0, 1] and about_tokens(["V", "v"], [" "]) == []
