"""Learn the confusion costs from the scans 001/003/004 by hard EM (round 25).

``python bench/channel_em.py --out repair/data/channel_costs.json [--shrink K]``
``python bench/channel_em.py --damage bench/data/scan_damage.json`` (round 26: what the scans wrote
for each letter, the rates of ``bench/repair_synthetic.py --channel``; ``repair.scan_damage``)
``--scans 001 003`` (round 28): learn or count on those scans only (leave-one-scan-out folds,
``bench/repair_folds.py``).
``--hand d:a`` (round 31): that reading keeps its hand-set cost (left out of the file written; every
other cost as learnt, ``hand_set``).

Reads the raw files 001/003/004 with the current code and tables (``repair.ocr.repair_text``,
whole files, as ``bench/repair_eval.py`` reads a scan), aligns each token read as one syllable
with that syllable's folded letters (``repair.channel.align``), counts the edits and writes
the learnt costs (``repair.channel.learn_costs``, against the hand-set tables). One iteration of
hard EM; run again (the tables now load the file written) for the next. No clean text is used,
and the test scans 000/002 are never read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from repair import confusion as cf  # noqa: E402
from repair.channel import SHRINK, chosen_readings, count_edits, learn_costs  # noqa: E402
from repair.lm import load_model  # noqa: E402
from repair.syllable import fold  # noqa: E402

SCANS = ("001", "003", "004")  # never 000 or 002: the test


def scan_readings(names: tuple[str, ...] = SCANS, accented: bool = False) -> list[tuple[str, str]]:
    """``(token, folded reading)`` of every token of the raw scans ``names`` read as one syllable
    (``accented``: the reading with its diacritics)."""
    lm = load_model()
    out: list[tuple[str, str]] = []
    for name in names:
        assert name not in ("000", "002")
        path = next((ROOT / "corpus").glob(f"{name}_*.txt"))
        out.extend(chosen_readings(path.read_text(encoding="utf-8"), lm, accented=accented))
    return out


def hand_set(changed: dict[str, dict[str, float]], pairs: list[str]) -> dict[str, dict[str, float]]:
    """``changed`` less the readings ``pairs`` (``"src:dst"``), which keep their hand-set costs (round 31).

    >>> hand_set({"d": {"a": 1.21, "o": 0.54}, "é": {"o": 0.8}}, ["d:a"])
    {'d': {'o': 0.54}, 'é': {'o': 0.8}}
    """
    drop = {tuple(p.split(":", 1)) for p in pairs}
    out = {src: {dst: c for dst, c in costs.items() if (src, dst) not in drop} for src, costs in changed.items()}
    return {src: costs for src, costs in out.items() if costs}


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, help="where to write the learnt costs (JSON)")
    ap.add_argument("--damage", type=Path, help="write the damage counts per letter here instead (round 26)")
    ap.add_argument("--shrink", type=float, default=SHRINK, help="readings at which learnt and hand-set costs weigh alike")
    ap.add_argument("--keep-mean", action="store_true", help="keep the hand-set mean cost of letter sources")
    ap.add_argument("--scan-only", action="store_true",
                    help="learn only the readings of the scan engine's sources (confusion.SCAN_RULES' keys)")
    ap.add_argument("--readings", type=Path, help="also dump the (token, reading) pairs here")
    ap.add_argument("--scans", nargs="+", default=list(SCANS), choices=SCANS,
                    help="the raw scans to read (round 28: leave one out)")
    ap.add_argument("--hand", nargs="+", default=[], metavar="SRC:DST",
                    help="readings that keep their hand-set cost (round 31: d:a)")
    args = ap.parse_args()
    scans = tuple(args.scans)
    if args.damage:
        from repair.scan_damage import count_damage

        from repair.scan_damage import scan_gaps

        counts = count_damage(scan_readings(scans, accented=True))
        lm = load_model()
        for name in scans:  # round 27: the word gaps as the decoder read them
            assert name not in ("000", "002")
            text = next((ROOT / "corpus").glob(f"{name}_*.txt")).read_text(encoding="utf-8")
            for k, v in scan_gaps(text, lm).items():
                counts.gaps[k] = counts.gaps.get(k, 0) + v
        args.damage.parent.mkdir(parents=True, exist_ok=True)
        args.damage.write_text(json.dumps(counts.to_json(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        hurt = sum(v for k, c in counts.letters.items() for s, v in c.items() if s not in (k, fold(k)))
        pairs = sum(sum(c.values()) for c in counts.pairs.values())
        print(f"{counts.total} letters, {hurt} written otherwise, {pairs} "
              f"pair readings, {counts.doubled} doubled, {sum(counts.extras.values())} added; gaps {counts.gaps}")
        return 0
    if args.out is None:
        ap.error("--out or --damage is required")
    readings = scan_readings(scans)
    if args.readings:
        args.readings.write_text(json.dumps(readings, ensure_ascii=False), encoding="utf-8")
    hand = cf.search_rules(learned={})
    dsts = {d for opts in hand.values() for d, _ in opts} | set("abcdefghijklmnopqrstuvwxyz")
    counts = count_edits(readings, dsts)
    new = learn_costs(counts, hand, args.shrink, keep_mean=args.keep_mean)
    changed: dict[str, dict[str, float]] = {}
    for src, opts in hand.items():
        if args.scan_only and src not in cf.SCAN_RULES:
            continue
        for (dst, c_hand), (_, c_new) in zip(opts, new[src]):
            if c_new != c_hand:
                changed.setdefault(src, {})[dst] = c_new
                print(f"{src!r:7} -> {dst!r:5} {c_hand:.2f} -> {c_new:.2f}  ({counts.pairs[(src, dst)]} readings)")
    changed = hand_set(changed, args.hand)
    args.out.write_text(json.dumps(changed, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{counts.tokens} tokens, {len(readings)} readings; {sum(map(len, changed.values()))} costs learnt")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
