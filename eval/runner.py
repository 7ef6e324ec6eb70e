"""Run the evaluation: score answers and rankings against a labelled set, write the
report, and check the gate.

Usage (``vanban eval`` calls :func:`main` with the same arguments)::

    python -m eval --set eval/questions.jsonl --answers a.jsonl \
        --rankings r.jsonl --report out/ --thresholds eval/thresholds.json

Exit status: 0 when every threshold holds, 1 when the gate fails, 2 on bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval import dataset, gate, report, scoring
from eval.dataset import Item
from eval.metrics import doc_stem
from eval.scoring import ItemResult

DEFAULT_THRESHOLDS = Path(__file__).with_name("thresholds.json")


@dataclass
class Results:
    """Everything an evaluation run produced.

    Attributes:
        items: Per-question results, in set order.
        metrics: Group name → metric name → value (None when not computable). Groups are
            ``overall``, ``lang=<lang>`` and ``type=<type>``.
        with_answers: Answers were scored.
        with_rankings: Rankings were scored.
        mode: ``set`` (labelled items) or ``qrels`` (passage collection).
        source: Description of the inputs, for the report header.
    """

    items: list[ItemResult]
    metrics: dict[str, dict[str, float | None]] = field(default_factory=dict)
    with_answers: bool = False
    with_rankings: bool = False
    mode: str = "set"
    source: dict[str, str] = field(default_factory=dict)

    @property
    def failed(self) -> list[ItemResult]:
        """The items with at least one failure reason."""
        return [r for r in self.items if r.failed]

    def to_dict(self) -> dict[str, Any]:
        """Metrics and failures as plain JSON-able data."""
        return {
            "mode": self.mode,
            "source": self.source,
            "metrics": self.metrics,
            "failed": [{"id": r.item.id, "failures": r.failures} for r in self.failed],
        }


def _groups(results: list[ItemResult]) -> dict[str, list[ItemResult]]:
    groups: dict[str, list[ItemResult]] = {"overall": list(results)}
    for key, values in (("lang", dataset.LANGS), ("type", dataset.TYPES)):
        present = {getattr(r.item, key) for r in results}
        for v in list(values) + sorted(present - set(values)):
            members = [r for r in results if getattr(r.item, key) == v]
            if members:
                groups[f"{key}={v}"] = members
    return groups


def _finish(res: Results) -> Results:
    res.metrics = {
        name: scoring.aggregate(members, res.with_answers, res.with_rankings)
        for name, members in _groups(res.items).items()
    }
    return res


def run_eval(
    items: list[Item],
    answers: dict[str, dict[str, Any]] | None = None,
    rankings: dict[str, list[dict[str, Any]]] | None = None,
    doc_aliases: dict[str, str] | None = None,
) -> Results:
    """Score answers and/or rankings against labelled items.

    Args:
        items: The labelled set.
        answers: ``id`` → answer record (``vanban answer`` output), or None to skip.
        rankings: ``id`` → ranked chunks (``vanban search --json``), or None to skip.
        doc_aliases: Optional map from a duplicate directive's id to the gold one.

    Returns:
        The results with metrics overall, by language and by type.
    """
    out: list[ItemResult] = []
    for item in items:
        res = ItemResult(item=item)
        if answers is not None:
            scoring.score_answer(res, answers.get(item.id), doc_aliases)
        if rankings is not None and not item.abstain:
            scoring.score_retrieval(res, rankings.get(item.id, []), doc_aliases)
            scoring.retrieval_failure(res)
        out.append(res)
    return _finish(Results(out, with_answers=answers is not None, with_rankings=rankings is not None))


def run_qrels(
    qrels: dict[str, set[str]],
    rankings: dict[str, list[dict[str, Any]]],
    items: list[Item] | None = None,
) -> Results:
    """Retrieval metrics of a passage collection against BEIR-style qrels.

    Args:
        qrels: Query id → relevant corpus ids.
        rankings: Query id → ranked entries.
        items: Optional labelled items giving the question text, language and type.

    Returns:
        Results with retrieval metrics only.
    """
    known = {it.id: it for it in items or []}
    out: list[ItemResult] = []
    for qid in sorted(qrels):
        base = known.get(qid)
        item = Item(
            id=qid, q=base.q if base else "", lang=base.lang if base else "-",
            type=base.type if base else "-", answer="", must=[], cite=[], abstain=False,
            extra={"qrels": sorted(qrels[qid])},
        )
        res = ItemResult(item=item)
        scoring.score_retrieval_qrels(res, rankings.get(qid, []), qrels[qid])
        scoring.retrieval_failure(res)
        out.append(res)
    return _finish(Results(out, with_rankings=True, mode="qrels"))


def _parse_aliases(values: list[str]) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for v in values:
        if "=" not in v:
            raise dataset.DatasetError("--alias", None, f"expected DUPLICATE=GOLD, got {v!r}")
        a, b = v.split("=", 1)
        aliases[doc_stem(a.strip())] = doc_stem(b.strip())
    return aliases


def build_parser() -> argparse.ArgumentParser:
    """The argument parser shared with ``vanban eval``."""
    p = argparse.ArgumentParser(prog="vanban eval", description="Evaluate answers and retrieval against a labelled set.")
    p.add_argument("--set", dest="set_path", help="labelled items (.jsonl, shared/eval/FORMAT.md)")
    p.add_argument("--answers", help="vanban answer output (.jsonl)")
    p.add_argument("--rankings", help="vanban search --queries ... --json output (.jsonl)")
    p.add_argument("--qrels", help="BEIR-style qrels TSV: retrieval metrics against its ids")
    p.add_argument("--report", help="directory for report.md, report.html and results.json")
    p.add_argument("--thresholds", help="gate thresholds (JSON); no gate without it")
    p.add_argument("--strict", action="store_true", help="a threshold on a metric not computed fails")
    p.add_argument("--alias", action="append", default=[], metavar="DUP=GOLD",
                   help="count directive DUP as GOLD (e.g. an OCR duplicate)")
    p.add_argument("--export-queries", metavar="FILE", help="write {id, question} lines for vanban answer/search")
    return p


def _summary(res: Results) -> str:
    if not res.with_answers and not res.with_rankings:
        counts = ", ".join(f"{g}: {int(v['n'] or 0)}" for g, v in res.metrics.items())
        return f"set is valid; {counts} (give --answers and/or --rankings to score)"
    lines = []
    for group, vals in res.metrics.items():
        if group.startswith("type="):
            continue
        shown = ", ".join(
            f"{k}={v:.3f}" if not k.startswith("latency") else f"{k}={v:.1f}"
            for k, v in vals.items() if v is not None and not k.startswith("n")
        )
        lines.append(f"{group} (n={int(vals['n'] or 0)}): {shown}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point.

    Args:
        argv: Arguments without the program name; ``sys.argv[1:]`` when None.

    Returns:
        0 when the gate passes (or no thresholds were given), 1 when a threshold is
        violated, 2 on bad input.
    """
    args = build_parser().parse_args(argv)
    try:
        items = dataset.load_items(args.set_path) if args.set_path else None
        if args.export_queries:
            if items is None:
                raise dataset.DatasetError("--export-queries", None, "needs --set")
            dataset.export_queries(items, args.export_queries)
        rankings = dataset.load_rankings(args.rankings) if args.rankings else None
        aliases = _parse_aliases(args.alias)
        if args.qrels:
            if rankings is None:
                raise dataset.DatasetError("--qrels", None, "needs --rankings")
            res = run_qrels(dataset.load_qrels(args.qrels), rankings, items)
        elif items is not None:
            answers = dataset.load_answers(args.answers) if args.answers else None
            res = run_eval(items, answers, rankings, aliases)
        else:
            raise dataset.DatasetError("arguments", None, "give --set (and/or --qrels with --rankings)")
        res.source = {k: str(v) for k, v in (("set", args.set_path), ("answers", args.answers),
                      ("rankings", args.rankings), ("qrels", args.qrels)) if v}
        thresholds = gate.load_thresholds(args.thresholds) if args.thresholds else None
    except (OSError, dataset.DatasetError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    violations = gate.check(res, thresholds, strict=args.strict) if thresholds is not None else []
    print(_summary(res))
    if args.report:
        out_dir = Path(args.report)
        report.write_report(res, out_dir, violations)
        (out_dir / "results.json").write_text(
            json.dumps(res.to_dict() | {"violations": violations}, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        print(f"report: {out_dir / 'report.md'}, {out_dir / 'report.html'}")
    for v in violations:
        print(f"GATE: {v}", file=sys.stderr)
    return 1 if violations else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
