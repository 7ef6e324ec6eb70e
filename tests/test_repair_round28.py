"""Round 28: learnt repair costs judged leave one scan out (``bench/repair_folds.py``,
``bench/channel_em.py --scans``): costs learnt on two of 001/003/004, the channel damage counted on
the third. The test scans 000/002 are never a choice."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import repair_folds  # noqa: E402


def test_folds_never_name_the_test_scans() -> None:
    assert repair_folds.SCANS == ("001", "003", "004")
    assert set(repair_folds.RECIPES) == {"main", "c1", "c3", "c4", "c5", "c6"}  # c3–c6: rounds 29–32
    assert repair_folds.RECIPES["main"] == ["--keep-mean", "--scan-only"]  # round 25's c5r


@pytest.mark.parametrize("scan", ["000", "002"])
def test_channel_em_refuses_the_test_scans(scan: str) -> None:
    r = subprocess.run([sys.executable, "bench/channel_em.py", "--scans", scan, "--out", "/dev/null"],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 2 and "invalid choice" in r.stderr


def test_channel_em_reads_the_named_scans_only(monkeypatch) -> None:
    import channel_em

    read: list[str] = []
    monkeypatch.setattr(channel_em, "chosen_readings", lambda text, lm, accented=False: read.append(text[:40]) or [])
    channel_em.scan_readings(("003",))
    assert len(read) == 1 and read[0] == next((ROOT / "corpus").glob("003_*.txt")).read_text(encoding="utf-8")[:40]
    with pytest.raises(AssertionError):
        channel_em.scan_readings(("000",))


def test_export_is_a_clean_tree(tmp_path: Path) -> None:
    tree = repair_folds.export(tmp_path / "t")
    assert (tree / repair_folds.COSTS).exists() and (tree / repair_folds.DAMAGE).exists()
    assert (tree / "bench" / "repair_folds.py").exists() and not (tree / ".git").exists()
    if (ROOT / "build").exists():
        assert (tree / "build").is_symlink()


def test_table_lines(tmp_path: Path) -> None:
    r = {"raw_folded": 0.5, "raw_exact": 0.1, "repaired_folded": 0.99123456, "repaired_exact": 0.98}
    (tmp_path / "results.json").write_text(json.dumps({"001 main x3": r}))
    assert repair_folds.table(tmp_path) == "001 main x3      raw 50.00 / 10.00  repaired 99.1235 / 98.0000"
