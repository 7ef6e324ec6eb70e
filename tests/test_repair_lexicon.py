"""Round 15: the word lexicon attested in the statutes, the guard on valid tokens, one word per syllable.

Real snippets of the scans 001/003/004 (read through ingestion's ``DeepRepairer``, marks
stripped); the misreadings pinned here were made by round 14's word feature (branch repair14).
"""

from __future__ import annotations

import numpy as np
import pytest

from repair import decode as decode_module
from repair import lm as lm_module
from repair import ocr as ocr_module
from repair.lm import LanguageModel, load_model


@pytest.fixture(scope="module")
def lm() -> LanguageModel:
    return load_model()


def _bonus(lm: LanguageModel, a: str, b: str, **kw: object) -> float:
    return lm.words(**kw).get(lm.index[a], {}).get(lm.index[b], 0.0)


def test_model_holds_the_statutes_own_counts(lm: LanguageModel) -> None:
    b1, b2, bc, uni = lm._bi_arrays
    s_bc, s_uni = lm._statute_counts
    assert len(s_bc) == len(bc) and len(s_uni) == len(uni)
    assert np.all(2 * s_bc <= bc) and np.all(2 * s_uni <= uni)  # the model counts a statute line twice
    k = next(i for i in range(len(bc)) if b1[i] == lm.index["ung"] and b2[i] == lm.index["thư"])
    assert s_bc[k] == 0 and bc[k] > 100  # "ung thư": a Wikipedia topic, never in the statutes


def test_wikipedia_topic_words_earn_no_bonus(lm: LanguageModel) -> None:
    for a, b in (("ung", "thư"), ("tình", "yêu"), ("thắng", "lợi"), ("trưa", "ngày"), ("thứ", "hạng")):
        assert _bonus(lm, a, b, min_statute=0) > 0.5, (a, b)  # round 14's lexicon
        assert _bonus(lm, a, b) == 0.0, (a, b)
    # the directives' words stay words (cải cách: once in the statutes, 368 times in the model)
    for a, b in (("cải", "cách"), ("báo", "cáo"), ("đôn", "đốc"), ("nghiêm", "túc"), ("chấn", "chỉnh")):
        assert _bonus(lm, a, b) > 0.5, (a, b)


def test_statute_weighting_of_the_lexicon(lm: LanguageModel) -> None:
    # wiki=0 learns from the statutes alone: "cải cách" (seen once there) is no word then
    assert _bonus(lm, "cải", "cách", wiki=0.0, min_statute=0) == 0.0
    assert _bonus(lm, "phân", "công", wiki=0.0, min_statute=0) > 0.5
    assert lm.words(wiki=1.0, min_statute=0) == lm.words(min_statute=0)


def _deep(text: str) -> str:
    from ingest.repairer import DeepRepairer

    return DeepRepairer()(text)[0]


def test_a_word_does_not_rewrite_a_valid_token() -> None:
    # 001 preamble: the scan reads "cac huyén"; round 14 read "Chủ tịch UBND cấp huyện"
    text = "va Chu tich Uy ban nhan dan cac huyén, thi xa, thanh phé da quan tam"
    assert "Ủy ban nhân dân các huyện, thị xã" in _deep(text)


def test_round_14_settings_let_the_word_rewrite(monkeypatch: pytest.MonkeyPatch) -> None:
    # round 14's settings: every word of the counts, overlapping words, no guard
    monkeypatch.setattr(ocr_module, "WORD_GUARD", False)
    monkeypatch.setattr(lm_module, "WORD_MIN_STATUTE", 0)
    monkeypatch.setattr(decode_module, "WORD_OVERLAP", True)
    text = "va Chu tich Uy ban nhan dan cac huyén, thi xa, thanh phé da quan tam"
    assert "cấp huyện" in _deep(text)


def test_no_wikipedia_word_in_a_directive() -> None:
    # 001 closing: round 14 read "Ủy ban nhân dân tình yêu cầu" ("tình yêu": love)
    text = "Chau tich Uy ban nhan dan tinh yéu cau Thu truong cac so, ban, nganh tinh"
    assert "nhân dân tỉnh yêu cầu Thủ trưởng" in _deep(text)


def test_a_syllable_ends_one_word_only() -> None:
    # 001 clause 5: "tdt ché do" is "tốt chế độ" (round 14: "tái chế độ", two words sharing "chế")
    text = "thyc hi¢n tdt ché do thong tin bao cao vé CCHC hang quy, 6 thang va ca nim"
    assert "thực hiện tốt chế độ thông tin báo cáo" in _deep(text)


def test_overlap_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode_module, "WORD_OVERLAP", True)
    text = "thyc hi¢n tdt ché do thong tin bao cao vé CCHC hang quy, 6 thang va ca nim"
    assert "thực hiện tái chế độ" in _deep(text)
