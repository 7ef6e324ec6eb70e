"""Round 12: ``&`` read as a vowel with its tone mark (scans 001/003/004), web addresses kept."""

from __future__ import annotations

import pytest

from repair.confusion import build_trie, search
from repair.lm import LanguageModel, load_model
from repair.noise import SCAN_ENGINE, Noise, damage
from repair.ocr import repair_text
from repair.tokens import amp_acronym


@pytest.fixture(scope="module")
def lm() -> LanguageModel:
    return load_model()


@pytest.mark.parametrize("ocr, clean", [
    ("K& hoach nay ddi véi cac co quan", "Kế hoạch này đối với các cơ quan"),  # 003: K& = Kế
    ("chinh quyén v&i nguoi dan", "chính quyền với người dân"),  # 001: v&i = với
    ("Trén co s& két qua", "Trên cơ sở kết quả"),  # 001: s& = sở
])
def test_amp_is_read_as_a_toned_vowel_in_real_snippets(lm: LanguageModel, ocr: str, clean: str) -> None:
    assert repair_text(ocr, lm).text == clean


def test_search_reads_amp_as_a_vowel_or_as_a_mark_beside_one(lm: LanguageModel) -> None:
    trie = build_trie(lm.by_fold)
    for tok, want in (("S&", "so"), ("K&", "ke"), ("x&", "xa"), ("vé&", "ve"), ("vé&i", "voi")):
        assert dict(search(tok, trie, 9.0, 64)).get(want, 99.0) <= 2.0, tok


def test_web_addresses_numbers_and_abbreviations_with_amp_survive(lm: LanguageModel) -> None:
    url = "https://thuvienphapluat.vn/phap-luat/tim-van-ban.aspx?keyword=76/NQ-CP&match=True&area=2&lan=1"  # 001
    assert repair_text(url, lm).text == url
    out = repair_text(f"Xem {url} va Nghi quyet 76/NQ-CP ve R&D", lm).text
    assert url in out and "76/NQ-CP" in out and out.endswith("R&D")
    assert amp_acronym("Q&A") and not amp_acronym("S&")


def test_amp_damage_is_drawn_only_for_the_scan_engine() -> None:
    text = "Sở Nội vụ tổng hợp kết quả, báo cáo về Ủy ban nhân dân tỉnh ở các cấp " * 20
    assert damage(text, seed=3, noise=Noise(amp=0.0)) == damage(text, seed=3)
    scan = damage(text, seed=3, noise=Noise(**SCAN_ENGINE).heavier(3))
    assert 0 < scan.count("&") < 0.2 * len(text.split())


def test_ocr_stats_counts_amp_tokens_but_not_web_addresses(lm: LanguageModel) -> None:
    from bench.ocr_stats import stats

    assert stats("giao S& Noi vu https://a.vn/?a=1&b=2", lm)["amp"] == pytest.approx(1 / 5)


def test_a_lone_amp_is_read_as_a_word(lm: LanguageModel) -> None:
    # 003: the scans write "ở" as a lone "&" (all 12 lone "&" of 001/003/004 are "ở")
    assert repair_text("Ké hoach duoc trién khai dong bd & cac cp chinh quyén", lm).text == (
        "Kế hoạch được triển khai đồng bộ ở các cấp chính quyền")
