"""Round 26: a dev set damaged at the rates counted on the scans 001/003/004
(``repair.scan_damage``, ``repair.noise.Noise.channel``, ``bench/repair_synthetic.py --channel``)."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from repair.noise import CHANNEL_ENGINE, SCAN_ENGINE, Noise, damage
from repair.scan_damage import RATES, DamageCounts, count_damage, damage_word, letter_table

ROOT = Path(__file__).resolve().parent.parent
LINE = ("Tăng cường hoạt động tuyên truyền, giáo dục về công tác phòng, chống ma túy; khuyến khích tổ chức, "
        "cá nhân tham gia.")


def test_counts_of_real_tokens_of_001_003_004() -> None:
    """Tokens as the raw scans write them (``ctia`` của, ``ngudi`` người, ``c6`` có, ``chirc`` chức,
    ``nhiéu`` nhiều, ``Dé`` Để, ``sb6`` số): what each letter of the reading was written as."""
    c = count_damage([("ctia", "của"), ("ngudi", "người"), ("c6", "có"), ("chirc", "chức"), ("nhiéu", "nhiều"),
                      ("Dé", "Để"), ("sb6", "số")])
    assert c.letters["ủ"]["ti"] == 1 and c.letters["ờ"]["d"] == 1 and c.letters["ư"]["u"] == 1
    assert c.letters["ó"]["6"] == 1 and c.letters["ứ"]["ir"] == 1 and c.letters["ề"]["é"] == 1
    assert c.letters["Đ"]["D"] == 1 and c.letters["ể"]["é"] == 1  # a capital counts as a capital
    assert c.letters["ố"]["b"] == 1 and c.doubled == 0 and c.extras["6"] == 1  # sb6: b = ô, the 6 added
    pairs = sum(sum(v.values()) for v in c.pairs.values())
    assert c.total == sum(sum(v.values()) for v in c.letters.values()) + 2 * pairs


def test_counts_round_trip_and_lost_letters() -> None:
    c = count_damage([("nguoi", "người"), ("chn", "chính"), ("chinhh", "chính")])
    assert c.letters["i"][""] + c.letters["í"][""] == 1  # chn: a letter lost
    assert c.doubled == 1  # chinhh: the h read twice
    again = DamageCounts.from_json(c.to_json())
    assert again.to_json() == c.to_json()


def test_stored_counts_are_the_scans_channel() -> None:
    """The stored counts (``bench/channel_em.py --damage``) say what the scans write, which the
    hand-set damage does not: ``đ`` as a plain ``d`` (never ``tl``), ``ệ`` as ``é``, ``ố`` as ``6``,
    ``d``, ``é`` or ``b``."""
    assert RATES.exists()
    d = dict(letter_table("đ"))
    assert d.get("d", 0) > 0.95 and "tl" not in d
    assert dict(letter_table("ệ")).get("é", 0) > 0.8
    top = [s for s, _ in letter_table("ố")[:5]]
    assert {"6", "d", "é", "b"} <= set(top)
    assert dict(letter_table("Đ")).get("P", 0) > 0.5  # 001/003/004: "Pé" = Để, "PAPI" read as is


def test_tables_are_distributions_with_back_off() -> None:
    for key in ("n", "ố", "ỡ", "Ấ", "Ứ", "ẻ", "z"):
        table = letter_table(key)
        assert abs(sum(p for _, p in table) - 1.0) < 1e-9, key
    assert all(s == "" or s[0].isupper() or not s[0].isalpha() for s, _ in letter_table("Ấ"))  # a capital's readings
    assert "É" not in dict(letter_table("Ấ")) and dict(letter_table("Ấ")).get("E", 0) > 0.1  # é on a capital: E
    ngã = dict(letter_table("ỡ"))  # seen 6 times (all d), topped up with the toned ơ's (ớ ờ ở ợ), not ơ's
    assert ngã.get("d", 0) > 0.3 and ngã.get("o", 0) < 0.5 and dict(letter_table("ơ")).get("o", 0) > 0.9


def test_damage_word_is_seeded_and_scales() -> None:
    words = LINE.replace(",", "").replace(";", "").replace(".", "").split()
    once = [damage_word(w, random.Random(k)) for k, w in enumerate(words)]
    assert once == [damage_word(w, random.Random(k)) for k, w in enumerate(words)]
    hurt = {f: sum(damage_word(w, random.Random(k), f) != damage_word(w, random.Random(k), 0.0)
                   for k in range(40) for w in words) for f in (1.0, 3.0)}
    assert 0 < hurt[1.0] < hurt[3.0]


def test_noise_channel() -> None:
    assert Noise().channel == 0.0 and Noise(**CHANNEL_ENGINE).heavier(3).channel == 3.0
    assert Noise(**SCAN_ENGINE).heavier(3).channel == 0.0
    out = damage(LINE, 3, Noise(**CHANNEL_ENGINE))
    assert out != damage(LINE, 3, Noise()) and "ă" not in out and "ư" not in out  # the scans write no ă, ư


def test_old_damage_unchanged() -> None:
    """The hand-set damage is what it was (main's output for this line and seed)."""
    assert damage(LINE, 3, Noise()) == ("Tẫng cuong hoat ilỡng tuyộn truyen, giao duc ve cong tac phông, chong ma "
                                        "tuuy;\n\nkhuyen khich tợ chqc, ca nhằn tham gia.")
    assert damage(LINE, 3, Noise(**SCAN_ENGINE).heavier(3)) == (
        "Téang cé6ng hoat tiong tuyén tryyén, giao duc vé cohg tacphéng, choong ma tuy;\n\nkhuyen kh]ch to chuc, "
        "ca han tham gia.")


def test_synthetic_refuses_two_damages() -> None:
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "repair_synthetic.py"), "--scan", "--channel"],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode != 0 and "pick one" in r.stderr


@pytest.mark.parametrize("factor", [1.0, 3.0])
def test_channel_damage_keeps_numbers(factor: float) -> None:
    line = "Chỉ thị số 23/CT-TTg ngày 02 tháng 9 năm 2021"
    out = damage(line, 5, Noise(**CHANNEL_ENGINE).heavier(factor))
    assert "23/CT-TTg" in out and "2021" in out
