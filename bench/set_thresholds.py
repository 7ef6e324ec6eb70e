"""Write a gate thresholds file from measured figures: ``python bench/set_thresholds.py
--measured m.json --out eval/thresholds.json [--groups overall] [--note TEXT]``.

``m.json`` is ``bench/eval_inproc.py --json`` output. Every metric already in ``--out`` (or, for
a new file, in ``--groups``) gets min = measured - 0.02 (max = measured + 0.03 for rates that
must stay low), rounded to two decimals. Thresholds are only tightened, unless ``--reset`` says the labelled
set itself changed.
"""

from __future__ import annotations

import argparse
import json
import math
from datetime import date
from pathlib import Path

LOW_IS_GOOD = {"false_abstention_rate"}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--measured", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--note", default="")
    p.add_argument("--reset", action="store_true",
                   help="the labelled set changed: also lower a min / raise a max (default: only tighten)")
    args = p.parse_args(argv)
    measured = json.loads(args.measured.read_text(encoding="utf-8"))
    old = json.loads(args.out.read_text(encoding="utf-8"))
    new: dict = {"_comment": old.get("_comment", ""), "min": {}, "max": {}}
    for bound in ("min", "max"):
        for group, metrics in old.get(bound, {}).items():
            for metric in metrics:
                value = measured[group][metric]
                was = old[bound][group][metric]
                if bound == "min":
                    bar = math.floor((value - 0.02) * 100) / 100
                    new["min"].setdefault(group, {})[metric] = bar if args.reset else max(bar, was)
                else:
                    bar = round(value + 0.03, 2)
                    new["max"].setdefault(group, {})[metric] = bar if args.reset else min(bar, was)
    if args.note:
        new["_comment"] = f"{args.note} (set {date.today().isoformat()}: measured - 0.02, max: + 0.03)"
    args.out.write_text(json.dumps(new, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
