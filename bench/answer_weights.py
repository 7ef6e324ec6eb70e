"""Grid over the answer stage's sentence-scoring weights: ``python bench/answer_weights.py``.

Weights are chosen on the development set (``eval/questions.jsonl``) and only *checked* on the
held-out set (``eval/heldout.jsonl``), which no tuning looks at question by question.
Retrieval is the same for every setting (its query vectors are cached), so each setting costs
only the answer stage.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eval.dataset import load_items  # noqa: E402
from eval.runner import run_eval  # noqa: E402
from rag.service import Assistant, answer_record  # noqa: E402


def score(assistant: Assistant, items) -> dict[str, float]:
    answers = {it.id: {"id": it.id, **answer_record(assistant.ask(it.q), with_hits=False)} for it in items}
    m = run_eval(items, answers).metrics["overall"]
    return {k: round(m[k], 3) for k in ("answer_accuracy", "supported_rate", "abstention_accuracy",
                                         "false_abstention_rate")}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default=str(ROOT / "data"))
    args = p.parse_args(argv)
    dev = load_items(ROOT / "eval" / "questions.jsonl")
    held = load_items(ROOT / "eval" / "heldout.jsonl")
    assistant = Assistant.open(args.data)
    base = assistant.answerer.config
    grid = itertools.product((0.3, 0.45, 0.6), (0.2, 0.35, 0.5), (0.1, 0.2, 0.3), (0.0, 0.1, 0.2))
    rows = []
    for ov, cov, rank, dense in grid:
        cfg = dataclasses.replace(base, sentence_overlap_weight=ov, clause_coverage_weight=cov,
                                  clause_rank_weight=rank, clause_dense_weight=dense)
        assistant.answerer.config = cfg
        d = score(assistant, dev)
        rows.append(((ov, cov, rank, dense), d))
        print((ov, cov, rank, dense), d, flush=True)
    rows.sort(key=lambda r: (-r[1]["answer_accuracy"], -r[1]["supported_rate"]))
    print("\nbest on the development set, checked on the held-out set:")
    for weights, d in rows[:5]:
        ov, cov, rank, dense = weights
        assistant.answerer.config = dataclasses.replace(base, sentence_overlap_weight=ov, clause_coverage_weight=cov,
                                                        clause_rank_weight=rank, clause_dense_weight=dense)
        print(weights, "dev", d, "held-out", score(assistant, held), flush=True)
    assistant.answerer.config = base
    print("current", "dev", score(assistant, dev), "held-out", score(assistant, held))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
