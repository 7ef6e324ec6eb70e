"""Round 34: a letterless token of look-alike digits and a glyph ("¢6" = có, "1&" = lệ) is read as a word
(``repair.tokens.glyph_word``, ``GLYPH_WORDS``), not kept as a number. Real lines of the dev scans 001 and 004;
the test scans 000/002 are never read."""

from __future__ import annotations

import pytest

from repair import tokens
from repair.lm import LanguageModel
from repair.ocr import repair_text
from repair.syllable import fold
from repair.tokens import glyph_word

pytest_plugins = ["conftest_repair"]

# 001 line 24 and 173, 004 line 167, as scanned
LINE_001_24 = "van con ty 1& hd so giai quyét cong viée bi tré han; cong tac tng dung cong nghé"
LINE_001_173 = '"Hoan thanh nhiém vu" vé CCHC va co quan don vi ¢6 Chi s6 diém thanh phan'
LINE_004_167 = "Pam bao trong ndm 2023 ¢6 it nhat 03 sang kién hoic giai phap méi trong"


@pytest.fixture
def glyph_words_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tokens, "GLYPH_WORDS", False)


@pytest.mark.parametrize("tok, word", [
    ("¢6", True), ("1&", True), ("6&", True),  # every character reads as a letter, one is a glyph
    ("16", False), ("2023", False), ("0,5", False),  # numbers hold no glyph
    ("&", False), ("¢", False),  # a lone glyph is read as a word already (LONE_GLYPHS)
    ("2&", False),  # "2" reads as no letter
    ("c¢6", False), ("S&", False),  # letters: the word path reads them already
    ("R&D", False),  # an abbreviation (amp_acronym)
])
def test_glyph_word(tok: str, word: bool) -> None:
    assert glyph_word(tok) is word


def test_glyph_word_is_on_in_main() -> None:
    assert tokens.GLYPH_WORDS


def test_switch_off_keeps_the_token(glyph_words_off: None) -> None:
    assert not glyph_word("¢6")


@pytest.mark.parametrize("line, word, fixed", [
    (LINE_001_24, "tỷ lệ", "1&"),
    (LINE_001_173, "vị có Chỉ số", "¢6"),
    (LINE_004_167, "năm 2023 có ít nhất 03", "¢6"),
])
def test_scan_lines_read_the_word(lm: LanguageModel, line: str, word: str, fixed: str) -> None:
    out = repair_text(line, lm).text
    assert word in out and fixed not in out


@pytest.mark.parametrize("line, kept", [(LINE_001_24, "1&"), (LINE_004_167, "¢6")])
def test_switch_off_keeps_them_as_read(lm: LanguageModel, glyph_words_off: None, line: str, kept: str) -> None:
    assert kept in repair_text(line, lm).text


def test_numbers_and_dates_survive(lm: LanguageModel) -> None:
    out = repair_text(LINE_004_167, lm).text
    assert "2023" in out and "03" in out
    line = "Nghi quyét s6 76/NQ-CP ngay 15 thang 7 nim 2021, ty 1& 16 %"
    out = repair_text(line, lm).text
    assert "76/NQ-CP" in out and "15 tháng 7" in out and "2021" in out and " 16 %" in out
    assert fold(out).startswith("Nghi quyet so 76/NQ-CP ngay 15 thang 7 nam 2021, ty le")
