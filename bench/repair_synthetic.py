"""Repair accuracy on synthetic OCR damage of held-out text: ``python bench/repair_synthetic.py``.

Builds (once, into ``build/repair_holdout/``) a model with every 10th statute line of
``../shared/text`` kept apart, damages held-out lines with ``repair.noise``, repairs them
and reports word agreement with the clean lines (folded and with diacritics), plus
diacritic restoration of the same lines stripped. This is the development set for
choosing repair methods and settings; the corpus directives are only the final test.

``--split blocks`` holds out every 10th passage of 200 consecutive lines instead (model in
``build/repair_holdout_blocks/``): the neighbours of a held-out line are then not in the
training text, so the n-gram model meets new wording as it does on a directive (counting
statute text only: 84% of the trigrams of single held-out lines occur in the other lines,
61% of those of a held-out last tenth of the file).

``--heavy F`` multiplies the letter-damage rates by F (``Noise.heavier``; at 3 the share of
valid syllables drops from 0.73 to 0.49, a heavily damaged scan). ``--cache`` repairs the
held-out lines as the pages of one document sharing a document cache (``repair.cache``).
``--scan`` adds the readings of the engine of the scans 001/003/004 (``é`` for accented
vowels, ``b`` for ``ô``, ``y`` for ``ư``...; ``repair.noise.SCAN_ENGINE``, round 10).
``--channel`` reads the letters at the rates counted on the scans 001/003/004 instead of the
hand-set look-alikes (``repair.scan_damage``, ``Noise.CHANNEL_ENGINE``; round 26).
``--channel --counted`` (round 27) also reads each letter given its neighbours (its place in the
word, what the letter before was written as) and draws the word gaps at the rates counted on the
scans (``repair.noise.counted_engine``; lost gaps, gaps inside words and line-end hyphens).
``--ingest`` repairs what ingestion gives the model (``ingest.repairer.model_input``: symbols
masked, diacritics stripped), not the damaged text itself (round 14).
``--mean`` reports the mean of both splits × offsets 0 and 700, the figure of bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.repair_eval import _SYL, agreement, strip_diacritics  # noqa: E402
from ingest.repairer import marks_stripped, model_input, unmask_symbols  # noqa: E402
from repair.build import build  # noqa: E402
from repair.lm import LanguageModel  # noqa: E402
from repair.noise import CHANNEL_ENGINE, SCAN_ENGINE, Noise, counted_engine, damage  # noqa: E402
from repair.ocr import document_cache, repair_text  # noqa: E402
from repair.restore import restore_diacritics  # noqa: E402
from repair.syllable import normalize_text  # noqa: E402

HOLDOUT = 10
BLOCK = 200  # the "blocks" split holds out every 10th run of 200 statute lines (whole passages)
OUT = ROOT / "build" / "repair_holdout"
OUT_BLOCKS = ROOT / "build" / "repair_holdout_blocks"
TEXT = ROOT.parent / "shared" / "text"


def dev_lines(path: Path, words: int, offset: int = 0) -> list[str]:
    """Held-out lines of 8+ words, skipping ``offset`` of them, until ``words`` words are taken."""
    out: list[str] = []
    total = 0
    seen: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        n = len(_SYL.findall(line))
        if n < 8 or line in seen:
            continue
        seen.add(line)
        if offset:
            offset -= 1
            continue
        out.append(line)
        total += n
        if total >= words:
            break
    return out


def evaluate(lm: LanguageModel, lines: list[str], seed: int = 0, noise: Noise = Noise(),
             cache: bool = False, ingest: bool = False, neural: tuple | None = None) -> dict[str, float]:
    """Damage each line, repair it, and measure agreement with the clean line.

    With ``cache`` the lines are the pages of one document: one cache is built from the
    first pass over all of them and each is decoded again with it. With ``ingest`` the model
    reads each page as ingestion gives it (``ingest.repairer.model_input``).
    """
    clean = "\n".join(lines)
    pages = [damage(line, seed * 100_003 + i, noise) for i, line in enumerate(lines)]
    noisy = "\n".join(pages)
    inputs = [model_input(page) if ingest else (page, []) for page in pages]
    t0 = time.perf_counter()
    no_marks = ingest and marks_stripped()
    doc = document_cache([t for t, _ in inputs], lm, stripped=no_marks) if cache else False
    repaired = "\n".join(unmask_symbols(repair_text(t, lm, cache=doc, stripped=no_marks, neural=neural).text, symbols)
                         for t, symbols in inputs)  # a page: one line
    secs = time.perf_counter() - t0
    ref = normalize_text(clean)
    stripped = strip_diacritics(ref)
    restored = normalize_text(restore_diacritics(stripped, lm))
    r, o = _SYL.findall(ref), _SYL.findall(restored)
    return {
        "words": len(r),
        "raw_folded": agreement(noisy, clean, True),
        "raw_exact": agreement(noisy, clean, False),
        "repaired_folded": agreement(repaired, clean, True),
        "repaired_exact": agreement(repaired, clean, False),
        "restoration": sum(a == b for a, b in zip(r, o)) / len(r),
        "repair_seconds": secs,
    }


def holdout_model(rebuild: bool = False, split: str = "lines") -> LanguageModel:
    """The model built without the held-out lines or passages (built on first use)."""
    out, block = (OUT_BLOCKS, BLOCK) if split == "blocks" else (OUT, 1)
    if rebuild or not (out / "lm.npz").exists():
        build(TEXT, out, HOLDOUT, block)
    return LanguageModel(out / "lm.npz")


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=8000, help="held-out words to test on")
    ap.add_argument("--offset", type=int, default=0, help="held-out lines to skip (another split)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rebuild", action="store_true", help="rebuild the held-out model")
    ap.add_argument("--split", choices=("lines", "blocks"), default="lines",
                    help="hold out every 10th line (neighbours trained on) or every 10th passage of 200 lines")
    ap.add_argument("--heavy", type=float, default=1.0, metavar="F", help="letter-damage rates times F")
    ap.add_argument("--scan", action="store_true",
                    help="the readings of the engine of scans 001/003/004 on top (Noise.SCAN_ENGINE: é, SCAN)")
    ap.add_argument("--channel", action="store_true",
                    help="letters read at the rates counted on 001/003/004 (repair.scan_damage), not the hand-set ones")
    ap.add_argument("--counted", action="store_true",
                    help="with --channel: letters given their neighbours, word gaps at the scans' counted rates")
    ap.add_argument("--cache", action="store_true", help="one document cache over all held-out lines")
    ap.add_argument("--ingest", action="store_true", help="repair what ingestion gives the model (masked, stripped)")
    ap.add_argument("--mean", action="store_true", help="mean of both splits x offsets 0 and 700")
    ap.add_argument("--neural", nargs=2, type=float, metavar=("WEIGHT", "MARGIN"),
                    help="re-read close calls with the neural LM (repair.neural) at this weight and margin")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if args.scan and args.channel:
        ap.error("--scan and --channel are two damages: pick one")
    if args.counted and not args.channel:
        ap.error("--counted reads the --channel damage: add --channel")
    channel = counted_engine() if args.counted else CHANNEL_ENGINE
    engine = SCAN_ENGINE if args.scan else channel if args.channel else {}
    noise = Noise(**engine).heavier(args.heavy)
    runs = [(sp, off) for sp in ("lines", "blocks") for off in (0, 700)] if args.mean else [(args.split, args.offset)]
    reps = []
    for split, offset in runs:
        lm = holdout_model(args.rebuild, split)
        out = OUT_BLOCKS if split == "blocks" else OUT
        neural = None
        if args.neural:
            from repair.neural import RescoreConfig, load_neural
            neural = (load_neural(lm), RescoreConfig(weight=args.neural[0], margin=args.neural[1]))
        rep = evaluate(lm, dev_lines(out / "dev.txt", args.words, offset), args.seed, noise, args.cache, args.ingest,
                       neural)
        reps.append(rep)
        if not args.json:
            print(f"synthetic OCR damage (x{args.heavy:g}) of {rep['words']} held-out words ({split}, seed {args.seed}, "
                  f"offset {offset}): folded {rep['raw_folded']:.2%} -> {rep['repaired_folded']:.2%}, "
                  f"with diacritics {rep['raw_exact']:.2%} -> {rep['repaired_exact']:.2%} "
                  f"({rep['repair_seconds']:.1f} s); restoration of the stripped lines {rep['restoration']:.2%}")
    mean = {k: sum(r[k] for r in reps) / len(reps) for k in reps[0]}
    if args.json:
        print(json.dumps(mean if args.mean else reps[0], indent=1))
    elif args.mean:
        print(f"mean: folded {mean['raw_folded']:.2%} -> {mean['repaired_folded']:.2%}, with diacritics "
              f"{mean['raw_exact']:.2%} -> {mean['repaired_exact']:.2%} ({mean['repair_seconds']:.1f} s per run)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
