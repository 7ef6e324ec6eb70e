"""Round 30: the head-word and cited-point limit checks measure a reading with the hand-set costs
(``repair.confusion.HAND_LIMITS``, ``limit_rules``; ``repair.limits.limit_cost``) while the decoder keeps
c3's costs; ``bench/repair_folds.py`` recipe ``c4``. The test scans 000/002 are never read."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

from repair import confusion as cf
from repair import heads, limits, ocr, tokens
from repair.confusion import search
from repair.lm import LanguageModel

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import repair_folds  # noqa: E402

pytest_plugins = ["conftest_repair"]

C1 = {"ri": {"a": 1.23, "u": 1.1}, "d": {"a": 1.21, "e": 1.36, "o": 0.54}}  # round 26's c1 at the costs in question


def test_limit_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    assert cf.limit_rules(True) is None  # text whose marks were stripped: the decoder's costs are hand-set
    on = cf.HAND_LIMITS and cf.LEARNED_LOWER and bool(cf.LEARNED)
    assert cf.limit_rules(False) is (cf.HAND_RULES if on else None)
    monkeypatch.setattr(cf, "HAND_LIMITS", False)
    assert cf.limit_rules(False) is None  # c3: the limits read the decoder's costs
    monkeypatch.setattr(cf, "HAND_LIMITS", True)
    monkeypatch.setattr(cf, "LEARNED_LOWER", False)
    assert cf.limit_rules(False) is None  # learnt costs everywhere (main before c3): nothing to measure apart


def test_the_limit_search_reaches_every_limit() -> None:
    assert limits.LIMIT_SEARCH >= max(heads.HEAD_COST, heads.TITLE_COST, tokens.POINT_COST, tokens.POINT_NEAR)


def test_limit_cost_reads_the_hand_set_costs_in_a_lower_case_word(monkeypatch: pytest.MonkeyPatch, trie: dict) -> None:
    monkeypatch.setattr(cf, "HAND_LIMITS", True)
    monkeypatch.setattr(cf, "LEARNED_LOWER", True)
    monkeypatch.setattr(cf, "LEARNED", C1)
    hand = cf.search_rules(learned={})
    monkeypatch.setattr(cf, "HAND_RULES", hand)
    learnt = cf.search_rules(learned=C1)
    decoder = dict(search("khorin", trie, 9.0, 128, learnt, hand=hand))
    assert decoder["khoan"] == pytest.approx(1.23)  # c3: above POINT_COST, "tai tlém b khorin" read "điểm a"
    measure = limits.limit_cost(trie, False, 128)
    assert measure("khorin", "khoan") == pytest.approx(1.0) == tokens.POINT_COST
    assert measure("cdc", "cac") == pytest.approx(1.0) and measure("sd", "so") == pytest.approx(1.0)
    assert measure("S¢", "so") == pytest.approx(1.0)  # a capitalised token: as the decoder reads it (hand-set)
    assert measure("khorin", "xyz") == math.inf  # no reading


def test_limit_cost_is_the_decoders_where_no_limit_rules_apply(lm: LanguageModel, trie: dict) -> None:
    rep = ocr._Repairer(lm, stripped=True)
    for tok in ("khorin", "tlém", "cdc", "sd", "S6", "Trudng", "kho4n"):
        for folded in ("khoan", "diem", "cac", "so", "truong", "trong"):
            want = rep.cost(tok, folded)
            assert rep.limit_cost(tok, folded) == (want if want <= limits.LIMIT_SEARCH else math.inf), (tok, folded)


def test_the_decoder_measures_its_limits_with_limit_rules(lm: LanguageModel) -> None:
    rep = ocr._Repairer(lm)
    rules = cf.limit_rules(False)
    for tok, folded in (("khorin", "khoan"), ("cdc", "cac"), ("tlém", "diem"), ("S6", "so")):
        want = dict(search(tok, rep.trie, limits.LIMIT_SEARCH, 128, rules)).get(folded, math.inf) if rules else \
            rep.cost(tok, folded)
        assert rep.limit_cost(tok, folded) == want, tok


def test_heads_moved_to_repair_heads() -> None:
    assert heads.HEADS == frozenset(heads.HEAD_WORDS) == frozenset({"so", "bo", "phong", "ban", "uy", "van"})
    assert ocr.HEADS is heads.HEADS


@pytest.mark.parametrize("scan, want", [
    ("tai tlém b khorin 2 Dieu 5", "tại điểm b khoản 2 Điều 5"),  # round 18; c3: "điểm a"
    ("quy dinh tai dim d kho4n 1 Dieu 5", "điểm d khoản 1"),
    ("nhu cau va giri vé UBND tinh (qua S¢ Noi vu). Nam 2023, hoan thanh", "(qua Sở Nội vụ)"),  # round 29 kept
    ("diém vé UBND tinh (qua S& Noi vu) triede ngay 01 thing 4 nam 2023", "trước ngày 01 tháng 4"),
])
def test_c4_reads(lm: LanguageModel, scan: str, want: str) -> None:
    from repair.ocr import repair_text

    assert want in repair_text(scan, lm).text


# --- bench/repair_folds.py: recipe c4 -------------------------------------------------------------------------------


def test_c4_is_c1s_table_with_both_switches(tmp_path: Path) -> None:
    assert repair_folds.RECIPES["c4"] == repair_folds.RECIPES["c1"] and repair_folds.SAME_TABLE["c4"] == "c1"
    (tmp_path / "001").mkdir()
    (tmp_path / "001" / "c1.json").write_text(json.dumps(C1))
    (tmp_path / "001" / "main.json").write_text(json.dumps({"é": {"o": 0.8}}))
    for recipe, lower, limits_on in (("c4", True, True), ("c3", True, False), ("main", False, False)):
        tree = repair_folds.recipe_tree(tmp_path / f"t_{recipe}", tmp_path, "001", recipe)
        stored = (tmp_path / "001" / f"{'main' if recipe == 'main' else 'c1'}.json").read_text()
        assert json.loads((tree / repair_folds.COSTS).read_text()) == json.loads(stored)
        text = (tree / "repair" / "confusion.py").read_text()
        assert f"\nLEARNED_LOWER = {lower}\n" in text and f"\nHAND_LIMITS = {limits_on}\n" in text
