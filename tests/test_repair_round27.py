"""Round 27: the channel dev set reads a letter given its neighbours and draws word gaps at the
scans' counted rates (``repair.scan_damage``: ``positions``, ``after``, ``gaps``; ``Noise.context``;
``bench/repair_synthetic.py --channel --counted``). The round-26 ``--channel`` damage is unchanged."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

from repair.noise import CHANNEL_ENGINE, Noise, counted_engine, damage
from repair.scan_damage import (
    DamageCounts, _pull, count_damage, counted_gaps, damage_word, gap_counts, letter_table, place, state,
)

ROOT = Path(__file__).resolve().parent.parent
LINE = ("Tăng cường hoạt động tuyên truyền, giáo dục về công tác phòng, chống ma túy; khuyến khích tổ chức, "
        "cá nhân tham gia.")


def test_place_and_state() -> None:
    assert [place(k, 3) for k in range(3)] == ["first", "inner", "last"] and place(0, 1) == "alone"
    assert state("ố", "ô") == "hurt" and state("ố", "o") == "ok" and state("ố", "6") == "glyph"
    assert state("ố", "d") == "hurt" and state("ố", "") == "lost" and state("ơ", "&") == "glyph"
    assert state("Đ", "D") == "ok" and state("Đ", "P") == "hurt" and state("ư", "ir") == "hurt"


def test_positions_of_real_tokens_of_001_003_004() -> None:
    """``¥`` = ý only as a word of its own (``¥ kién``), ``1y`` = lý, ``ph01`` = phối, ``c6`` = có."""
    c = count_damage([("¥", "ý"), ("1y", "lý"), ("ph01", "phối"), ("c6", "có")])
    assert c.positions["alone"]["ý"]["¥"] == 1 and c.positions["last"]["ý"]["y"] == 1
    assert c.positions["first"]["l"]["1"] == 1 and c.positions["last"]["ó"]["6"] == 1
    assert c.positions["inner"]["ố"]["0"] == 1 and c.positions["last"]["i"]["1"] == 1
    assert c.after["glyph"]["glyph"][0] == 1  # ph01: the 1 follows the 0


def test_counts_round_trip_and_old_files() -> None:
    c = count_damage([("ph01", "phối"), ("1y", "lý")])
    c.gaps = {"tokens": 2, "gaps": 1}
    again = DamageCounts.from_json(c.to_json())
    assert again.to_json() == c.to_json()
    old = {k: v for k, v in c.to_json().items() if k not in ("positions", "after", "gaps")}
    assert DamageCounts.from_json(old).positions == {}  # a round-26 file still loads


def test_stored_place_tables_and_pull() -> None:
    """The stored counts: the scans write ``¥`` for ý alone (5 of 9), never inside a word; a glyph
    follows a glyph far more often than the letters' own rates say (16 against 3.4)."""
    assert dict(letter_table("ý", where="alone")).get("¥", 0) > 0.2
    assert "¥" not in dict(letter_table("ý", where="last"))
    assert dict(letter_table("ó", where="last"))["6"] > dict(letter_table("ó"))["6"]  # c6 = có
    for key, where in (("ý", "alone"), ("ó", "last"), ("n", "first"), ("Đ", "first"), ("ỡ", "inner")):
        assert abs(sum(p for _, p in letter_table(key, where=where)) - 1.0) < 1e-9, (key, where)
    pull = _pull()
    assert pull["glyph"]["glyph"] > 2.0 and pull["glyph"]["hurt"] < 1.0 and 0.9 < pull["ok"]["hurt"] < 1.1


def test_context_draws_no_yen_inside_ly() -> None:
    """Round 26's channel heavy set wrote lý as ``1¥`` (19 of main's 75 wrong words); the scans never do."""
    got = {damage_word("lý", random.Random(k), 3.0, context=True) for k in range(400)}
    assert "1¥" not in got and "1y" in got
    assert "1¥" in {damage_word("lý", random.Random(k), 3.0) for k in range(400)}  # without context
    assert "¥" in {damage_word("ý", random.Random(k), 1.0, context=True) for k in range(200)}


def test_channel_damage_without_context_is_round_26s() -> None:
    """``--channel`` draws what it drew at main (round 26's figures stay comparable)."""
    assert damage(LINE, 3, Noise(**CHANNEL_ENGINE).heavier(3)) == (
        "Ting cudng hoat ddng tuyén truyén, giio duc vé cong tdc phong, chéng ma tty;\n\nkhuyén khich t6 chirc, "
        "ca nhan tham gia.")
    assert damage(LINE, 4, Noise(**CHANNEL_ENGINE)) == (
        "Tang cudng hoat dong tuyén truyén, giao duc vé céng tac phong, ch6ng ma tuy;\n\nkhuyén khich t chtrc, "
        "ca nhan tham gia.")


def test_gap_counts_of_real_readings() -> None:
    """003's ``nhié m`` (nhiệm) and ``t inh`` (tỉnh) are gaps inside a word; ``UBND`` read as four
    syllables is an acronym, not a lost gap; a list's ``- `` opening a line is no hyphen."""
    rows = [(["nhié", "m"], ["nhiệm"], False), (["t", "inh"], ["tỉnh"], False),
            (["UBND"], ["ủy", "ban", "nhân", "dân"], False), (["vàcác"], ["và", "các"], False), (["23"], [None], True)]
    out = gap_counts(rows, [" ", " ", "\n", " ", "\n- ", "-\n"])
    assert out["split"] == 2 and out["lost"] == 1 and out["tokens"] == 7
    assert out["gaps"] == 4 and out["line_ends"] == 1 and out["hyphens"] == 1


def test_counted_gap_rates() -> None:
    """001/003/004 lose almost no word gap (3 of 7,459, and those are misreadings: ``index``,
    ``triede``); the hand-set damage loses 0.015 of them, and 0.03 of the line ends."""
    g = counted_gaps()
    assert g["merge"] < 0.002 < Noise().merge and g["split"] < Noise().split and g["join"] == 0.0
    eng = counted_engine()
    assert eng["context"] is True and eng["channel"] == 1.0
    assert Noise(**eng).heavier(3).merge == g["merge"]  # word gaps are not letter damage: not scaled
    assert damage(LINE, 3, Noise(**eng)) != damage(LINE, 3, Noise(**CHANNEL_ENGINE))


def test_counted_needs_channel() -> None:
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "repair_synthetic.py"), "--counted"],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode != 0 and "--channel" in r.stderr
