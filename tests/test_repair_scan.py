"""Round 10: the readings of the engine of scans 001/003/004 (``é`` for accented vowels, ...)."""

from __future__ import annotations

import pytest

from repair.confusion import SEARCH_RULES, build_trie, search, search_rules
from repair.lm import LanguageModel, load_model
from repair.noise import SCAN_ENGINE, Noise, damage
from repair.ocr import repair_text


@pytest.fixture(scope="module")
def lm() -> LanguageModel:
    return load_model()


@pytest.mark.parametrize("ocr, clean", [
    ("tbt nhat", "tốt nhất"),      # b for ô (001: "tbt", "sb", "bd may")
    ("Phéi hop", "Phối hợp"),      # é for ố (001: "phdi hop", 003: "Phéi")
])
def test_scan_readings_repair_real_snippets(lm: LanguageModel, ocr: str, clean: str) -> None:
    assert repair_text(ocr, lm).text == clean


def test_search_offers_the_scan_readings(lm: LanguageModel) -> None:
    trie = build_trie(lm.by_fold)
    for tok, want in (("céc", "cac"), ("véi", "voi"), ("sb", "so"), ("dyng", "dung"), ("chtrc", "chuc"),
                      ("dugc", "duoc"), ("phéap", "phap"), ("ctia", "cua")):
        assert dict(search(tok, trie, 9.0, 64)).get(want, 99.0) <= 2.0, tok


def test_search_rules_switch_the_scan_readings_off() -> None:
    off = search_rules(float("inf"))
    hand = search_rules(learned={})  # round 25: SEARCH_RULES holds the costs learnt from the scans
    assert "é" not in off and ("o", 1.0) in hand["é"] and ("u", 1.0) in hand["y"]
    assert search_rules(2.0, learned={})["b"][-1] == ("o", 2.0)
    assert dict(SEARCH_RULES["é"]).keys() == dict(hand["é"]).keys()


def test_scan_engine_damage_writes_mostly_e_acute_and_old_rates_are_unchanged() -> None:
    text = "Các cơ quan, đơn vị phối hợp thực hiện tốt công tác cải cách hành chính của tỉnh " * 20
    scan = damage(text, seed=5, noise=Noise(**SCAN_ENGINE).heavier(3))
    accents = [c for c in scan.lower() if c.isalpha() and c not in "abcdefghijklmnopqrstuvwxyzđ"]
    assert accents.count("é") > 0.7 * len(accents)  # the rest: whole words with a wrong tone (wrong_tone)
    assert damage(text, seed=5, noise=Noise(scan=0.0, acute_e=0.0)) == damage(text, seed=5)


def test_ocr_stats_counts_scan_readings(lm: LanguageModel) -> None:
    from bench.ocr_stats import stats

    s = stats("Céc co quan tbt nhat va dyng chtrc dugc phéap", lm)
    assert s["scan1"] > 0.3 and s["e_only"] == 1.0


def test_a_token_marked_only_with_e_acute_changes_its_marks_cheaply(lm: LanguageModel) -> None:
    from repair import ocr

    rep = ocr._repairer(lm)
    acute = {lm.vocab[ids[0]]: pen for ids, pen, _ in rep.options("trén")[0] if len(ids) == 1}
    other = {lm.vocab[ids[0]]: pen for ids, pen, _ in rep.options("trẽn")[0] if len(ids) == 1}
    assert acute["trên"] == ocr.ACUTE_SWAP < other["trên"] == ocr.ACCENT_SWAP


# Round 11. Corpus 001, clause 2.d, as scanned (the third "quy trình nội bộ" lost its ộ: "ndi b").
CLAUSE_2D = """ d) Chii dong ra soat cac quy dinh vé thl tuc hanh chinh dé kip thoi cap
nhat Danh myc thi tuc hanh chinh thudc thim quyén, dong thoi cong bd tha tuc
hanh chinh, phé duyét quy trinh ndi bo giai quyét thi tuc hanh chinh theo quy
dinh (bao gom céng bé thii tuc hanh chinh, phé duyét quy trinh ndi bé méi; sira
doi, bo sung, thay thé, bdi bé). Thuc hién giai quyét hd so thi tuc hanh chinh
dam bao dung thu tuc hanh chinh, quy trinh ndi b giai quyét thu tuc hanh chinh
da duoc Chu tich Uy ban nhan dén tinh phé duyét.
"""


def test_a_lone_b_is_read_as_o_with_a_hat_only(lm: LanguageModel) -> None:
    from repair.ocr import _repairer

    opts, valid = _repairer(lm).options("b")
    cost = {lm.vocab[ids[0]]: c for ids, c, fixed in opts if fixed is None and len(ids) == 1}
    b_o = dict(SEARCH_RULES["b"])["o"]  # 1.0 hand-set, 1.46 learnt from the scans (round 25)
    assert not valid and cost["ô"] == b_o and cost["bộ"] == 3.0 and cost.get("ở", 99.0) > 3.0
    assert {lm.vocab[ids[0]]: c for ids, c, _ in _repairer(lm).options("sb")[0]}["số"] == b_o


def test_clause_2d_of_001_keeps_quy_trinh_noi_bo(lm: LanguageModel) -> None:
    from ingest.repairer import DeepRepairer

    out = repair_text(CLAUSE_2D, lm).text
    assert out.count("quy trình nội bộ") == 3 and "nơi ở" not in out
    assert "quy trình nội bộ giải quyết thủ tục hành chính\nđã được" in out
    ingested, _ = DeepRepairer()(" ".join(CLAUSE_2D.split("\n")))  # ingestion: one paragraph, marks stripped
    assert "quy trình nội bộ giải quyết thủ tục hành chính đã được" in ingested


@pytest.mark.parametrize("ocr, want", [  # round 18: 1 for l and a digit for the vowel (003)
    ("b) Phat huy sy tham gia ciia moi tang 16p Nhan dan vao qua trinh xay", "tầng lớp Nhân dân"),
    ("b) Chu dong ph01 hop céc cép, cac nganh dé dé xuét 16ng ghép phu hop", "đề xuất lồng ghép"),
    ("ctia UBND tinh va to chiic cac 16p boi dudng, tap huan", "các lớp bồi dưỡng"),
])
def test_a_word_opening_with_1_for_l_is_read(lm: LanguageModel, ocr: str, want: str) -> None:
    assert want in repair_text(ocr, lm).text


def test_numbers_with_units_and_times_stay(lm: LanguageModel) -> None:
    out = repair_text("cach 10km, dai 13m, nang 16kg, luc 16h ngay 5/6", lm).text
    assert all(w in out for w in ("10km", "13m", "16kg", "16h"))


def test_a_capitalised_letter_pair_is_read_as_its_lower_case_pair(lm: LanguageModel) -> None:
    trie = build_trie(lm.by_fold)  # round 19: "khoản 2 Tlieu 40" (synthetic damage) is Điều, as "tlieu" is điều
    assert dict(search("Tlieu", trie, 9.0, 64))["dieu"] == dict(search("tlieu", trie, 9.0, 64))["dieu"] == 0.5
    assert dict(search("Li", trie, 9.0, 64))["u"] == 1.0  # a capitalised pair with a rule of its own keeps it
    assert "Điều 40" in repair_text("theo quy dinh tai khoan 2 Tlieu 40 cua Luat nay", lm).text
