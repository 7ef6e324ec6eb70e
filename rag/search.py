"""``vanban search``: ranked clauses for one query, or JSON lines for a file of queries."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rag.retriever import Filters, Retriever
from vanban.config import QueryConfig, data_dir
from vanban.errors import VanbanError
from vanban.records import Hit


def ranked_record(hit: Hit) -> dict:
    """One ranked chunk as the evaluation reads it."""
    c = hit.chunk
    return {"id": c.id, "doc_id": c.doc_id, "label": c.label, "number": c.number, "text": c.text,
            "score": hit.score, "dense": hit.dense, "lexical": hit.lexical, "coverage": hit.coverage}


def run_search(args: argparse.Namespace) -> int:
    if not args.query and not args.queries:
        raise VanbanError("give a query, or --queries FILE")
    filters = Filters(doc=args.doc, level=args.level, year=args.year)
    retriever = Retriever.open(data_dir(args.data), QueryConfig())
    if args.queries:
        with Path(args.queries).open(encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                row = json.loads(line)
                question = row.get("question") or row.get("q")
                if not question:
                    raise VanbanError(f"{args.queries}: line {lineno} has no 'question'")
                hits = retriever.search(question, k=args.k, filters=filters)
                print(json.dumps({"id": row.get("id", str(lineno)), "ranked": [ranked_record(h) for h in hits]},
                                 ensure_ascii=False))
        return 0
    hits = retriever.search(args.query, k=args.k, filters=filters)
    if args.json:
        print(json.dumps({"query": args.query, "ranked": [ranked_record(h) for h in hits]}, ensure_ascii=False))
        return 0
    for h in hits:
        c = h.chunk
        dense = f"{h.dense:.3f}" if h.dense is not None else "-"
        lexical = f"{h.lexical:.2f}" if h.lexical is not None else "-"
        print(f"{h.rank:2d}. {c.number or c.doc_id} — {c.label}  (score {h.score:.4f}, dense {dense}, "
              f"bm25 {lexical}, coverage {h.coverage:.2f})  [{c.id}]")
        print(f"    {c.text[:240]}{'…' if len(c.text) > 240 else ''}")
    return 0
