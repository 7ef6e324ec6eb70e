"""Round 29: learnt costs inside lower-case words only (``repair.confusion.LEARNED_LOWER``,
``hand_positions``, ``search(..., hand=)``) and the whole-file raw reading of the folds
(``bench/repair_folds.py raw`` / ``diff``, recipe ``c3``). The test scans 000/002 are never read."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from repair import confusion as cf
from repair.confusion import hand_positions, search, search_rules
from repair.lm import LanguageModel

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import repair_folds  # noqa: E402

pytest_plugins = ["conftest_repair"]

# round 26's c1 (every rule learnt) at the costs of the words it lost on: ¢ for o, d for o and a
C1 = {"¢": {"c": 0.95, "o": 1.29}, "d": {"a": 1.21, "e": 1.36, "o": 0.54}, "é": {"a": 1.07, "o": 0.8, "u": 1.66}}


@pytest.mark.parametrize("token, hand", [
    ("S¢", {0, 1}), ("Hdén", {0, 1, 2, 3}), ("UBND", {0, 1, 2, 3}),  # a capitalised token: all of it
    ("viQc", {3}), ("c6ng", {2}), ("1y", {1}), ("¢o", {1}),  # after a capital or a glyph
    ("cdc", set()), ("sd", set()), ("trudng", set()), ("vé", set()),  # lower-case letters (é is one)
])
def test_hand_positions(token: str, hand: set[int]) -> None:
    assert hand_positions(token) == hand


def test_search_takes_the_hand_table_at_hand_positions(trie: dict) -> None:
    learnt, hand = search_rules(learned=C1), search_rules(learned={})
    costs = lambda tok, **kw: dict(search(tok, trie, 6.0, 100, learnt, **kw))  # noqa: E731
    assert costs("S¢")["so"] == pytest.approx(1.29)  # c1: above a head's HEAD_COST, "qua Số Nội vụ"
    assert costs("S¢", hand=hand)["so"] == pytest.approx(1.0)  # round 29: Sở is a head again
    assert costs("Hdén", hand=hand)["hoan"] == pytest.approx(2.0)  # hand-set d and é
    # a lower-case word keeps the learnt costs: "các sd" still reads d for o at 0.54
    assert costs("cdc", hand=hand) == costs("cdc") and costs("cdc")["coc"] == pytest.approx(0.54)
    assert costs("sd", hand=hand)["so"] == pytest.approx(0.54)


def test_hand_tables() -> None:
    assert cf.hand_tables(True) == (None, None)  # text whose marks were stripped: hand-set throughout
    want = (cf.HAND_RULES, cf.HAND_NO_HAT) if cf.LEARNED_LOWER and cf.LEARNED else (None, None)
    assert cf.hand_tables(False) == want


def test_the_hand_tables_keep_the_scan_engines_learnt_costs() -> None:
    hand = search_rules(learned={})
    for src, opts in cf.HAND_RULES.items():
        want = cf.SEARCH_RULES[src] if src in cf.SCAN_RULES else hand[src]  # main's recipe (round 25's c5r)
        assert opts == want, src
    assert ("o", dict(cf.HAND_RULES["b"])["o"]) in cf.HAND_RULES["b"] and "o" not in dict(cf.HAND_NO_HAT["b"])


def test_without_learned_lower_search_is_unchanged(trie: dict) -> None:
    learnt = search_rules(learned=C1)
    for tok in ("S¢", "Hdén", "cdc", "viQc", "c6ng", "Trudng"):
        assert search(tok, trie, 6.0, 50, learnt) == search(tok, trie, 6.0, 50, learnt, hand=None)


def test_the_decoder_passes_its_hand_tables(lm: LanguageModel) -> None:
    from repair.ocr import _Repairer

    assert _Repairer(lm).hand == cf.hand_tables(False)
    assert _Repairer(lm, stripped=True).hand == (None, None)


# --- bench/repair_folds.py: recipe c3 and the whole-file raw reading ---------------------------------------------


def test_c3_is_c1s_table_with_the_switch(tmp_path: Path) -> None:
    assert repair_folds.RECIPES["c3"] == repair_folds.RECIPES["c1"]
    (tmp_path / "001").mkdir()
    (tmp_path / "001" / "c1.json").write_text(json.dumps(C1))
    (tmp_path / "001" / "main.json").write_text(json.dumps({"é": C1["é"]}))
    for recipe, on in (("c3", True), ("main", False), ("c1", False)):
        tree = repair_folds.recipe_tree(tmp_path / f"t_{recipe}", tmp_path, "001", recipe)
        src = "main" if recipe == "main" else "c1"
        stored = json.loads((tmp_path / "001" / f"{src}.json").read_text())
        assert json.loads((tree / repair_folds.COSTS).read_text()) == stored
        assert f"\nLEARNED_LOWER = {on}\n" in (tree / "repair" / "confusion.py").read_text()
    tree = repair_folds.recipe_tree(tmp_path / "t_asis", tmp_path, "001", "asis")
    assert (tree / "repair" / "confusion.py").read_text() == (ROOT / "repair" / "confusion.py").read_text()


def test_raw_refuses_the_test_scans(tmp_path: Path) -> None:
    for scan in ("000", "002"):
        with pytest.raises(AssertionError):
            repair_folds.raw(tmp_path, scan, "main")
    assert "000" not in repair_folds.SCANS and "002" not in repair_folds.SCANS


def test_word_diff() -> None:
    base = "UBND tỉnh và các Sở: Nội vụ, Tài chính"
    assert repair_folds.word_diff(base, base) == []
    assert repair_folds.word_diff(base, base.replace("các", "cơ"), 2) == ["...tỉnh và [các -> cơ] Sở: Nội"]
    got = repair_folds.word_diff("(qua Sở Nội vụ) tựa đề ngày", "(qua Sở Nội vụ) trước ngày", 1)
    assert got == ["...vụ) [tựa đề -> trước] ngày"]


# --- c3 on real lines of 001 (the committed table: round 26's c1 with LEARNED_LOWER) --------------------------------


@pytest.mark.parametrize("scan, want", [
    ("nhu cau va giri vé UBND tinh (qua S¢ Noi vu). Nam 2023, hoan thanh", "(qua Sở Nội vụ)"),  # c1: "Số"
    ("diém vé UBND tinh (qua S& Noi vu) triede ngay 01 thing 4 nam 2023", "trước ngày 01 tháng 4"),  # main: "tựa đề"
])
def test_c3_reads_001(lm: LanguageModel, scan: str, want: str) -> None:
    from repair.ocr import repair_text

    assert cf.LEARNED_LOWER and "d" in cf.LEARNED  # c3: every rule learnt, hand-set at capitals
    assert want in repair_text(scan, lm).text
