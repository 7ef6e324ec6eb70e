"""Round 20: deleting a plain letter costs DELETE_LETTER on raw OCR text, DELETE on stripped text."""

from __future__ import annotations

import pytest

from repair.confusion import DELETE, DELETE_LETTER, SEARCH_RULES, build_trie, search
from repair.lm import LanguageModel, load_model
from repair.ocr import repair_text
from repair.syllable import fold


@pytest.fixture(scope="module")
def lm() -> LanguageModel:
    return load_model()


@pytest.mark.parametrize("ocr", [  # 004 1.4 and 2.5-2 (Trưởng các phòng, read "Trong các phòng")
    "(d6i twong diéu tra la: Pai bicu HDND huyén, Truéng cac phong co quan chuyén moén, don vi sy nghiép",
    "hién dai hoa hanh chinh ctia Pai biéu HDND huyén, Trudng cac phong co quan chuyén mén, don vi sy nghi€p",
])
def test_a_scan_word_does_not_drop_a_letter_to_become_a_frequent_word(lm: LanguageModel, ocr: str) -> None:
    out = repair_text(ocr, lm).text
    assert "Truong cac phong co quan chuyen mon" in fold(out) and "Trong các" not in out


def test_deleting_a_plain_letter_costs_more_than_a_digit_or_a_doubled_letter(lm: LanguageModel) -> None:
    trie = build_trie(lm.by_fold)
    d_o = dict(SEARCH_RULES["d"])["o"]  # 1.0 hand-set; learnt from the scans in round 29 (0.54)
    assert dict(search("trudng", trie, 9.0, 128))["trong"] == pytest.approx(DELETE_LETTER + d_o)
    assert DELETE_LETTER > DELETE
    b_o = dict(SEARCH_RULES["b"])["o"]  # 1.0 hand-set; learnt from the scans in round 25
    assert dict(search("sb6", trie, 9.0, 64))["so"] == pytest.approx(b_o + DELETE)  # 001: "mot sb6 can bo" (một số)
    assert dict(search("quyy", trie, 9.0, 64))["quy"] == 1.5  # a doubled letter
    # stripped text: a letter may be a mark glyph of the scan ("phédn" = phận reads "phedn")
    d_a = dict(SEARCH_RULES["d"])["a"]  # 1.0 hand-set; learnt in round 29 (1.21)
    assert dict(search("phedn", trie, 9.0, 128, delete_letter=DELETE))["phan"] == pytest.approx(DELETE + d_a)


@pytest.mark.parametrize("ocr, want", [  # 001 2.c and 3~2 as ingestion gives them (marks stripped)
    ("Kip thoi kien toan B§ phedn M4t cura tai UBND cac ceap theo quy dinh", "Bộ phận"),
    ("giri bao ceo kiem diem ve UBND tinh (qua S& Noi vu) triede ngay 01 thing 4 nam 2023", "trước ngày 01"),
])
def test_stripped_text_deletes_a_letter_at_a_glyphs_cost(lm: LanguageModel, ocr: str, want: str) -> None:
    assert want in repair_text(ocr, lm, stripped=True).text


def test_ingestion_reads_stripped_text() -> None:
    from ingest.repairer import DeepRepairer

    out, _ = DeepRepairer()("Kip thoi kién toan B§ phédn M4t cura tai UBND cac céap theo quy dinh")
    assert "Bộ phận" in out
