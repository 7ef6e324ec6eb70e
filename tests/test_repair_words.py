"""Round 14: the word feature, a bonus for syllable pairs that form a word (``LanguageModel.words``)."""

from __future__ import annotations

import math

import pytest

from repair import lm as lm_module
from repair.decode import lattice_viterbi
from repair.lm import LanguageModel, load_model
from repair.ocr import _lattice, repair_text


@pytest.fixture(scope="module")
def lm() -> LanguageModel:
    return load_model()


def _bonus(lm: LanguageModel, a: str, b: str) -> float:
    return lm.words().get(lm.index[a], {}).get(lm.index[b], 0.0)


def test_words_are_learned_from_the_shipped_counts(lm: LanguageModel) -> None:
    # lexical words of the directives: each syllable calls for the other
    for a, b in (("báo", "cáo"), ("theo", "dõi"), ("đôn", "đốc"), ("tổng", "hợp"), ("cải", "cách")):
        assert _bonus(lm, a, b) > 0.5, (a, b)
    # frequent neighbours that are no word, and pairs never seen five times, earn nothing
    for a, b in (("trong", "các"), ("trưởng", "các"), ("làm", "cha"), ("đến", "đọc"), ("đất", "điện")):
        assert _bonus(lm, a, b) == 0.0, (a, b)
    assert max(b for row in lm.words().values() for b in row.values()) <= lm_module.WORD_WEIGHT * lm_module.WORD_PMI_CAP
    assert lm.words(weight=0.0) == {}


def test_bonus_is_the_weighted_pmi_of_the_pair(lm: LanguageModel) -> None:
    a, b = lm.index["đôn"], lm.index["đốc"]
    b1, b2, bc, uni = lm._bi_arrays
    k = next(i for i in range(len(bc)) if b1[i] == a and b2[i] == b)
    pmi = math.log(bc[k] * uni.sum() / (uni[a] * uni[b]))  # "đôn đốc": 54 times, PMI 6.7
    want = lm_module.WORD_WEIGHT * min(pmi, lm_module.WORD_PMI_CAP)
    assert lm.words()[a][b] == pytest.approx(want)


def test_no_word_table_decodes_as_before(lm: LanguageModel) -> None:
    text = "phat huy quyén lam cha ctia ngudi dan, gép phan cai thién hiéu qua thuc thi"  # 003
    lat = _lattice(text, lm, 12)
    assert lattice_viterbi(lm, lat.edges, lat.seps, lat.beams, words={}) == lattice_viterbi(
        lm, lat.edges, lat.seps, lat.beams)


def test_a_damaged_statute_line_is_read_right_with_words_alone(lm: LanguageModel, monkeypatch: pytest.MonkeyPatch) -> None:
    # the first line of test_repair_cache's repetitions: without the word feature (and
    # without the cache) the line ended "sau này". Round 15's guard keeps a word from rewriting
    # "ấy", a valid syllable as read, so the feature reads it only with the guard off.
    damaged = "Nghíavú phằt sunh tữ c4n cũ sau ấy:"
    monkeypatch.setattr("repair.ocr.WORD_GUARD", False)
    assert repair_text(damaged, lm, cache=False).text == "Nghĩa vụ phát sinh từ căn cứ sau đây:"
    monkeypatch.setattr(lm_module, "WORD_WEIGHT", 0.0)
    assert "sau này" in repair_text(damaged, lm, cache=False).text



# Ingestion's model input may keep the é of the engine of 001/003/004 (round 14,
# ``ingest.repairer.INPUT_MARKS``): it marks a vowel with a mark, which the confusion model reads
# (SCAN_RULES, ACUTE_SWAP); stripped, "téng hop" is cheapest read "tăng họp".
def test_model_input_can_keep_the_scan_engines_e_and_strip_other_marks(monkeypatch: pytest.MonkeyPatch) -> None:
    from ingest import repairer

    monkeypatch.setattr(repairer, "INPUT_MARKS", "acute_e")
    assert repairer.model_input("theo di, dén ddc, téng hop béao céo 54/TB-UBND huyện") == (
        "theo di, dén ddc, téng hop béao céo 90417001 huyen", ["54/TB-UBND"])
    assert repairer.model_input("TRUÉNG Phòng")[0] == "TRUÉNG Phong"
    monkeypatch.setattr(repairer, "INPUT_MARKS", "all")
    assert repairer.model_input("TRUÉNG Phòng")[0] == "TRUENG Phong"


def test_deep_repair_reads_the_scans_e_in_real_snippets(monkeypatch: pytest.MonkeyPatch) -> None:
    from ingest import repairer

    monkeypatch.setattr(repairer, "INPUT_MARKS", "acute_e")
    run = repairer.DeepRepairer()
    # 003 III.4: main read "theo đi, đến đọc, tăng họp báo cáo"
    assert "đôn đốc, tổng hợp báo cáo kết quả" in run("chirc doan thé cua tinh va theo di, dén ddc, téng hop "
                                                       "béao céo két qua thuc hién.")[0]
    # 001 1.a: main read "Chương trình tăng thể"
    assert "Chương trình tổng thể" in run("khai thuc hién c6 hi€u qua Ké hoach thuc hién Chuong trinh téng thé "
                                          "cai cach")[0]
    # 003: "Sé" names a Sở as "So" does (without the head guard reading é, it became "Bộ Nội vụ")
    assert run("3. Sé Noi vu")[0] == "3. Sở Nội vụ"
