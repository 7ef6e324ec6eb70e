"""Learnt repair costs judged on a scan they were not learnt from (round 28): leave one scan out.

Round 27 found the channel dev sets circular for learnt costs: both are counts of the same readings of
001/003/004. Here, for each fold, the costs are learnt (``bench/channel_em.py``, round 25's hard EM) on
two of the raw scans and the channel damage (``repair.scan_damage`` counts, ``--channel --counted``) is
counted on the third, so the costs judged never saw the text the damage came from.

``python bench/repair_folds.py prepare --work DIR``: for each fold, from a clean export of ``HEAD`` with
no learnt costs (the hand-set tables decode, so nothing learnt from the held-out scan enters), write
``DIR/<held>/damage.json`` (the held-out scan's counts) and ``DIR/<held>/<recipe>.json`` (the costs of
each ``RECIPES`` entry learnt on the other two).
``python bench/repair_folds.py run --work DIR --held 001 --recipe main [--heavy 3]``: one dev figure
(``bench/repair_synthetic.py --channel --counted --mean --cache --json``) in an export whose
``repair/data/channel_costs.json`` is the recipe's costs (``hand``: none; ``asis``: the committed file,
learnt on all three scans) and whose ``bench/data/scan_damage.json`` is the fold's damage; kept in
``DIR/results.json``. ``python bench/repair_folds.py table --work DIR`` prints them.

Round 29: recipe ``c3`` is c1's costs decoded with ``repair.confusion.LEARNED_LOWER`` (hand-set costs in
capitalised tokens and after a capital or a glyph): the export's switch is set per recipe (``SWITCHES``;
``asis`` keeps the commit's own). ``python bench/repair_folds.py raw --work DIR --held 001 --recipe c3``
repairs the held-out raw scan WHOLE (``repair_text`` on the file, as ``bench/repair_eval.py`` reads
000) into ``DIR/raw/<held>_<recipe>[_<name>].txt``; ``... diff --work DIR --held 001 --recipe c3 --base
main`` prints the changed words with their context (``--name``/``--base-name`` pick ``--rev`` runs).
Round 30: recipe ``c4`` is c3 with ``repair.confusion.HAND_LIMITS`` (the head-word and cited-point
limits measure a reading with the hand-set costs, ``repair.limits``).
Round 31: recipe ``c5`` is c4 with ``d`` read as a at its hand-set cost (``channel_em.py --hand d:a``;
every other cost c1's). Its fold table is c1's less that reading (``HAND_SET``), written as
``DIR/<held>/c5.json`` on first use: the same as learning it with ``--hand`` (the reading is dropped
after learning).
Round 32: recipe ``c6`` is c4 with ``repair.confusion.HAND_BEFORE_NAME`` (a lower-case token right before a
capitalised one reads the hand-set costs, ``repair.names``); c1's table, as c4.
The test scans 000/002 are never read.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from channel_em import hand_set  # noqa: E402

SCANS = ("001", "003", "004")  # never 000 or 002: the test
# channel_em.py flags of each recipe: main's costs (round 25's c5r: the scan engine's sources, moved to
# the hand-set mean) and round 26's c1 (round 25's c4: every rule, moved to the hand-set mean)
RECIPES = {"main": ["--keep-mean", "--scan-only"], "c1": ["--keep-mean"], "c3": ["--keep-mean"], "c4": ["--keep-mean"],
           "c5": ["--keep-mean", "--hand", "d:a"], "c6": ["--keep-mean"]}
# repair/confusion.py constants of a recipe (others: False); round 30's c4 is c3 with HAND_LIMITS
SWITCHES = {"c3": {"LEARNED_LOWER": True}, "c4": {"LEARNED_LOWER": True, "HAND_LIMITS": True},
            "c5": {"LEARNED_LOWER": True, "HAND_LIMITS": True},
            "c6": {"LEARNED_LOWER": True, "HAND_LIMITS": True, "HAND_BEFORE_NAME": True}}
SWITCHED = ("LEARNED_LOWER", "HAND_LIMITS", "HAND_BEFORE_NAME")
SAME_TABLE = {"c3": "c1", "c4": "c1", "c6": "c1"}  # recipes that decode another's table (the same flags) differently
HAND_SET = {"c5": "c1"}  # recipes whose table is another's less their --hand readings (round 31)
COSTS = "repair/data/channel_costs.json"
DAMAGE = "bench/data/scan_damage.json"


def export(dest: Path, rev: str = "HEAD") -> Path:
    """A clean ``git archive`` export of ``rev`` at ``dest``, the held-out models (``build/``) and
    ``models/`` linked from this checkout."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    tar = subprocess.run(["git", "archive", rev], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=tar, check=True)
    for link in ("build", "models"):
        if (ROOT / link).exists():
            (dest / link).symlink_to((ROOT / link).resolve())
    return dest


def recipe_tree(dest: Path, work: Path, held: str, recipe: str, rev: str = "HEAD") -> Path:
    """An export of ``rev`` decoding with ``recipe``'s costs learnt without ``held`` (``hand``: none,
    ``asis``: the commit's table and switches) and its ``SWITCHES``."""
    tree = export(dest, rev)
    if recipe == "hand":
        (tree / COSTS).unlink()
    elif recipe != "asis":
        if recipe in HAND_SET and not (work / held / f"{recipe}.json").exists():
            base = json.loads((work / held / f"{HAND_SET[recipe]}.json").read_text(encoding="utf-8"))
            pairs = RECIPES[recipe][RECIPES[recipe].index("--hand") + 1:]
            (work / held / f"{recipe}.json").write_text(json.dumps(hand_set(base, pairs), ensure_ascii=False, indent=0,
                                                                   sort_keys=True) + "\n", encoding="utf-8")
        src = SAME_TABLE[recipe] if recipe in SAME_TABLE and not (work / held / f"{recipe}.json").exists() else recipe
        shutil.copy(work / held / f"{src}.json", tree / COSTS)
    if recipe != "asis":
        conf = tree / "repair" / "confusion.py"
        text = conf.read_text(encoding="utf-8")
        for name in SWITCHED:
            value = SWITCHES.get(recipe, {}).get(name, False)
            text, k = re.subn(rf"^{name} = (True|False)", f"{name} = {value}", text, flags=re.M)
            assert k == 1, name
        conf.write_text(text, encoding="utf-8")
    return tree


def _env() -> dict[str, str]:
    return {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONHASHSEED": "0"}


def prepare(work: Path, rev: str = "HEAD") -> None:
    """Learn each recipe's costs on two scans and count the damage of the third, for every fold."""
    tree = export(work / "tree_hand", rev)
    (tree / COSTS).unlink()  # hand-set tables decode
    for held in SCANS:
        train = [s for s in SCANS if s != held]
        out = work / held
        out.mkdir(parents=True, exist_ok=True)
        em = [sys.executable, "bench/channel_em.py"]
        subprocess.run(em + ["--scans", held, "--damage", str(out / "damage.json")], cwd=tree, check=True, env=_env())
        for name, flags in RECIPES.items():
            if name in SAME_TABLE or name in HAND_SET:  # c1's table, read (or cut) by ``recipe_tree``
                continue
            log = subprocess.run(em + ["--scans", *train, "--out", str(out / f"{name}.json"), *flags],
                                 cwd=tree, check=True, env=_env(), capture_output=True, text=True).stdout
            (out / f"{name}.log").write_text(log, encoding="utf-8")
            print(held, name, log.strip().splitlines()[-1], flush=True)


def run(work: Path, held: str, recipe: str, heavy: float, rev: str = "HEAD") -> dict[str, float]:
    """The fold's dev figure for one recipe, stored in ``work/results.json``."""
    tree = recipe_tree(work / f"tree_{held}_{recipe}_x{heavy:g}", work, held, recipe, rev)
    shutil.copy(work / held / "damage.json", tree / DAMAGE)
    cmd = [sys.executable, "bench/repair_synthetic.py", "--channel", "--counted", "--mean", "--cache", "--json"]
    if heavy != 1:
        cmd += ["--heavy", f"{heavy:g}"]
    got = json.loads(subprocess.run(cmd, cwd=tree, check=True, env=_env(), capture_output=True, text=True).stdout)
    store = work / "results.json"
    results = json.loads(store.read_text()) if store.exists() else {}
    results[f"{held} {recipe} x{heavy:g}"] = got
    store.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    return got


RAW_READ = ("import sys; from pathlib import Path; from repair.ocr import repair_text; "
            "p = next(Path('corpus').glob(sys.argv[1] + '_*.txt')); "
            "Path(sys.argv[2]).write_text(repair_text(p.read_text(encoding='utf-8')).text, encoding='utf-8')")


def raw_path(work: Path, held: str, recipe: str, name: str = "") -> Path:
    """Where ``raw`` writes, and ``diff`` reads, a reading of ``held`` by ``recipe`` (``name``: its label)."""
    return work / "raw" / f"{held}_{recipe}{'_' + name if name else ''}.txt"


def raw(work: Path, held: str, recipe: str, rev: str = "HEAD", name: str = "") -> Path:
    """The raw scan ``held`` repaired whole by ``recipe``'s decoding, written to ``raw_path``."""
    assert held in SCANS
    out = raw_path(work, held, recipe, name)
    out.parent.mkdir(parents=True, exist_ok=True)
    tree = recipe_tree(work / f"tree_raw_{recipe}{'_' + name if name else ''}", work, held, recipe, rev)
    subprocess.run([sys.executable, "-c", RAW_READ, held, str(out.resolve())], cwd=tree, check=True, env=_env())
    return out


def word_diff(base: str, new: str, context: int = 5) -> list[str]:
    """The changed words of two readings (whitespace tokens), each with the words before and after.

    >>> word_diff("qua Sở Nội vụ", "qua Số Nội vụ", 1)
    ['...qua [Sở -> Số] Nội']
    """
    a, b = base.split(), new.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            out.append(f"...{' '.join(a[max(0, i1 - context):i1])} [{' '.join(a[i1:i2])} -> {' '.join(b[j1:j2])}] "
                       f"{' '.join(a[i2:i2 + context])}".rstrip())
    return out


def table(work: Path) -> str:
    """The stored figures, one line each: fold, recipe, damage, raw and repaired (folded / diacritics)."""
    results = json.loads((work / "results.json").read_text())
    lines = []
    for key, r in sorted(results.items()):
        lines.append(f"{key:16} raw {100 * r['raw_folded']:.2f} / {100 * r['raw_exact']:.2f}  repaired "
                     f"{100 * r['repaired_folded']:.4f} / {100 * r['repaired_exact']:.4f}")
    return "\n".join(lines)


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("step", choices=("prepare", "run", "table", "raw", "diff"))
    ap.add_argument("--work", type=Path, required=True, help="where the folds' files and results go")
    ap.add_argument("--rev", default="HEAD", help="the commit to export")
    ap.add_argument("--held", choices=SCANS, help="run: the held-out scan")
    ap.add_argument("--recipe", choices=(*RECIPES, "hand", "asis"), help="run: whose costs")
    ap.add_argument("--heavy", type=float, default=1.0)
    ap.add_argument("--name", default="", help="raw, diff: a label of the reading (e.g. of a --rev run)")
    ap.add_argument("--base", default="main", help="diff: the recipe read against")
    ap.add_argument("--base-name", default="", help="diff: the label of the base reading")
    args = ap.parse_args()
    if args.step in ("run", "raw", "diff") and not (args.held and args.recipe):
        ap.error(f"{args.step} needs --held and --recipe")
    if args.step == "prepare":
        prepare(args.work, args.rev)
    elif args.step == "raw":
        print(raw(args.work, args.held, args.recipe, args.rev, args.name))
    elif args.step == "diff":
        base = raw_path(args.work, args.held, args.base, args.base_name).read_text()
        print("\n".join(word_diff(base, raw_path(args.work, args.held, args.recipe, args.name).read_text())))
    elif args.step == "run":
        r = run(args.work, args.held, args.recipe, args.heavy, args.rev)
        print(f"{args.held} {args.recipe} x{args.heavy:g}: {100 * r['repaired_folded']:.4f} / "
              f"{100 * r['repaired_exact']:.4f}")
    else:
        print(table(args.work))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
