"""Round 32: c6, a lower-case token right before a capitalised one in the same sentence reads the hand-set costs
(``repair.names``, ``confusion.HAND_BEFORE_NAME``); ``bench/repair_folds.py`` recipe ``c6``. Real lines of the dev
scan 001; the test scans 000/002 are never read."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from repair import confusion as cf
from repair.lm import LanguageModel
from repair.names import before_names
from repair.ocr import _repairer, repair_text
from repair.tokens import word_pieces

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import repair_folds  # noqa: E402

pytest_plugins = ["conftest_repair"]

# 001, lines 194-205, as scanned: "cdc S6" is "các Sở" (c4 read "cơ Sở": d for o learnt at 0.54, and "cơ sở" is
# the model's compound)
LINES_001 = """ddéng danh gia, xac dinh chi s6 CCHC tinh phan céng, Thu trudng cac sd, ban
nganh (Van phong UBND tinh va cdc S6: Ngi vu, Tai chinh, Tw phdp, Ké hoach
va Pau tw, Thong tin va Truyén théng) cb trach nhiém chu dong, phdi hop chit
ch& trong viéc hudng dan, don ddc, kiém tra viéc thuc hién cong tac CCHC
trong tung linh vuc CCHC c¢6 lién quan; thyc hi¢n tdt ché do thong tin bao cao
vé CCHC hang quy, 6 thang va ca nim theo quy dinh ctia Trung wong; viéc
chuan bi cac tai liéu kiém chung dé bao cdo B Noi vu phuc vu cho cong tac
danh gia xac dinh chi s6 CCHC hang nim cta Trung wong d6i véi tinh; dong
thoi chu dong, phdi hop chit ché ddi véi cac so, ban nganh va UBND cac
huyén, thanh phd, thi xa trong cong tac danh gia, xac dinh chi s6 CCHC hang
nam cua cac sd, ban, nganh va UBND cép huyén dam bao kip thoi, chinh xac,
khéach quan, dung quy dinh."""


def _split(text: str) -> tuple[list[str], list[str]]:
    """The word tokens of ``text`` and the gaps between them, as ``repair.ocr._lattice`` cuts them."""
    pieces, word_at = word_pieces(text)
    return [pieces[i] for i in word_at], ["".join(pieces[a + 1:b]) for a, b in zip(word_at, word_at[1:])]


def _named(text: str, stripped: bool = False) -> list[str]:
    toks, gaps = _split(text)
    return [toks[i] for i in sorted(before_names(toks, gaps, stripped))]


def test_c6_is_on_in_main() -> None:
    assert cf.HAND_BEFORE_NAME and cf.LEARNED_LOWER and cf.LEARNED["d"]["o"] < 1.0  # the table is main's


@pytest.mark.parametrize("text, named", [
    ("nganh (Van phong UBND tinh va cdc S6: Ngi vu", ["phong", "cdc"]),  # before an acronym, before a head
    ("(qua S& Noi vu) triede ngay 01 thing 4", ["qua"]),  # "triede": a lower-case word follows
    ("nam 2023; giao S\nNoi vu chu tri", ["giao"]),  # one line break is no sentence end
    ("nam 2023. Chu tich", []),  # a sentence ends: the capital opens it
    ("Thu trudng cac sd, ban", []),  # a capitalised token reads hand-set already (round 29)
    ("thuc hién\n\nThu trudng", []),  # two line breaks: a new paragraph
])
def test_before_names(text: str, named: list[str]) -> None:
    assert _named(text) == named


def test_before_names_is_empty_switched_off_or_stripped(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _named("UBND tinh va cdc S6: Ngi vu", stripped=True) == []  # ingestion reads hand-set throughout
    monkeypatch.setattr(cf, "HAND_BEFORE_NAME", False)
    assert _named("UBND tinh va cdc S6: Ngi vu") == []


def test_the_repairer_before_a_name_reads_the_hand_tables(lm: LanguageModel) -> None:
    rep, named = _repairer(lm), _repairer(lm, False, True)
    assert named.rules[0] is cf.HAND_RULES and rep.rules == cf.rule_tables(False)
    assert rep.cost("cdc", "coc") == pytest.approx(0.54) and rep.cost("cdc", "cac") == pytest.approx(1.21)
    assert named.cost("cdc", "coc") == pytest.approx(1.0) and named.cost("cdc", "cac") == pytest.approx(1.0)
    assert _repairer(lm, True, True).rules == cf.rule_tables(True)  # stripped text: unchanged


def test_c6_reads_cac_so_in_001(lm: LanguageModel, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "tỉnh và các Sở: " in repair_text(LINES_001, lm).text
    monkeypatch.setattr(cf, "HAND_BEFORE_NAME", False)  # c4 (main before round 32)
    assert "tỉnh và cơ Sở: " in repair_text(LINES_001, lm).text


def test_c6_keeps_round_29s_truoc(lm: LanguageModel) -> None:
    got = repair_text("diém vé UBND tinh (qua S& Noi vu) triede ngay 01 thing 4 nam 2023", lm).text
    assert "(qua Sở Nội vụ) trước ngày 01 tháng 4" in got


# --- bench/repair_folds.py: recipe c6 -------------------------------------------------------------------------------


def test_c6_is_c1s_table_with_c4s_switches_and_hand_before_name(tmp_path: Path) -> None:
    assert repair_folds.RECIPES["c6"] == repair_folds.RECIPES["c1"] and repair_folds.SAME_TABLE["c6"] == "c1"
    assert repair_folds.SWITCHES["c6"] == {**repair_folds.SWITCHES["c4"], "HAND_BEFORE_NAME": True}
    (tmp_path / "001").mkdir()
    (tmp_path / "001" / "c1.json").write_text('{"d": {"a": 1.21, "o": 0.54}}')
    for recipe, on in (("c6", True), ("c4", False)):
        tree = repair_folds.recipe_tree(tmp_path / f"t_{recipe}", tmp_path, "001", recipe)
        assert f"\nHAND_BEFORE_NAME = {on}\n" in (tree / "repair" / "confusion.py").read_text()
        assert (tree / repair_folds.COSTS).read_text() == '{"d": {"a": 1.21, "o": 0.54}}'
