"""The ``vanban`` command line. Domain errors become one-line messages here (exit code 2)."""

from __future__ import annotations

import argparse
import json
import os
import sys

from vanban.config import BuildConfig, corpus_dir, data_dir
from vanban.errors import ModelUnavailableError, VanbanError


def _print_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False))


def cmd_ingest(args: argparse.Namespace) -> int:
    from ingest.pipeline import ingest

    config = BuildConfig(repair=args.repair, repair_neural=args.neural)
    data = data_dir(args.data)
    report = ingest(corpus_dir(args.corpus), data, config, progress=not args.quiet)
    for name, reason in report.skipped:
        print(f"skipped {name}: {reason}", file=sys.stderr)
    for dup in report.duplicates:
        print(f"duplicate: {dup.alias} is the same directive as {dup.canonical} (kept; score {dup.score})")
    print(
        f"{len(report.documents)} directives, {len(report.chunks)} chunks -> {data} "
        f"(parsed {len(report.processed)}, unchanged {len(report.reused)}, skipped {len(report.skipped)})"
    )
    if not args.no_index:
        from rag.index import build_index

        stats = build_index(data, config, progress=not args.quiet)
        print(f"index: {stats.total} chunks ({stats.embedded} embedded, {stats.reused} reused) with {stats.model}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from ingest.store import ClauseStore

    doc = ClauseStore(data_dir(args.data)).document(args.doc)
    if args.clause:
        clause = doc.clause(args.clause)
        if clause is None:
            labels = ", ".join(c.label for c in doc.clauses)
            raise VanbanError(f"no clause '{args.clause}' in {doc.meta.number or doc.id} (labels: {labels})")
        if args.json:
            _print_json(clause.to_dict())
            return 0
        print(f"{doc.meta.number or doc.id} — {clause.label} ({clause.kind})")
        if clause.heading:
            print(f"[{clause.heading}]")
        print(clause.text)
        if clause.original != clause.text:
            print("\n--- original ---\n" + clause.original)
        return 0
    if args.json:
        _print_json(doc.to_dict(with_clauses=False) | {"clauses": [c.label for c in doc.clauses]})
        return 0
    meta = doc.meta
    rows = [
        ("id", doc.id), ("file", doc.source), ("aliases", ", ".join(doc.aliases)), ("number", meta.number),
        ("type", meta.doc_type), ("issuer", meta.issuer), ("level", meta.level), ("place", meta.place),
        ("date", meta.date), ("year", meta.year or ""), ("title", meta.title), ("signer", meta.signer),
        ("signer role", meta.signer_role), ("quality", doc.quality),
    ]
    for key, value in rows:
        print(f"{key:12s} {value}")
    print("clauses     " + " ".join(c.label for c in doc.clauses))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from rag.search import run_search

    return run_search(args)


def cmd_ask(args: argparse.Namespace) -> int:
    from rag.service import run_ask

    return run_ask(args)


def cmd_answer(args: argparse.Namespace) -> int:
    from rag.service import run_answer_file

    return run_answer_file(args)


def cmd_repair(args: argparse.Namespace) -> int:
    from repair.cli import repair_stream

    try:
        repair_stream(sys.stdin, sys.stdout, restore_only=args.restore_only, neural=not args.no_neural)
    except FileNotFoundError as exc:
        raise ModelUnavailableError(f"{exc}; or pass --no-neural") from exc
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vanban", description="Questions and answers over directives, offline.")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_data(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--data", help="data directory (default: $VANBAN_DATA or ./data)")
        return p

    p = with_data(sub.add_parser("ingest", help="read a corpus into the clause store and index it"))
    p.add_argument("--corpus", help="corpus folder (default: the bundled ./corpus)")
    p.add_argument("--repair", choices=["light", "deep"], default=BuildConfig.repair)
    p.add_argument("--neural", action="store_true",
                   help="deep repair re-reads its close calls with the neural LM (repair.neural; minutes a scan)")
    p.add_argument("--no-index", action="store_true", help="only write the clause store")
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    p.set_defaults(func=cmd_ingest)

    p = with_data(sub.add_parser("show", help="print a directive's metadata, or one clause"))
    p.add_argument("doc", help="number (05/CT-CTUBND), id or file name")
    p.add_argument("clause", nargs="?", help="clause label, e.g. 1.a or 2.11")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = with_data(sub.add_parser("search", help="ranked clauses for a query"))
    p.add_argument("query", nargs="?")
    p.add_argument("--queries", help="JSONL file of {id, question}; prints one JSON line per query")
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--json", action="store_true")
    p.add_argument("--doc", help="only this directive (number or id)")
    p.add_argument("--level", choices=["province", "district"])
    p.add_argument("--year", type=int)
    p.set_defaults(func=cmd_search)

    p = with_data(sub.add_parser("ask", help="answer a question with citations"))
    p.add_argument("question")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ask)

    p = with_data(sub.add_parser("answer", help="answer every question of a JSONL file"))
    p.add_argument("--in", dest="inp", required=True)
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_answer)

    sub.add_parser("eval", help="evaluate answers/rankings on a labelled set (see `vanban eval --help`)")

    p = sub.add_parser("repair", help="repair OCR text / restore diacritics from stdin to stdout")
    p.add_argument("--restore-only", action="store_true", help="only add diacritics")
    p.add_argument("--no-neural", action="store_true", help="without the neural LM's second reading")
    p.set_defaults(func=cmd_repair)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``vanban`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["eval"]:
        # The evaluation has its own argument parser (eval.runner); pass everything through.
        from eval.runner import main as eval_main

        try:
            return int(eval_main(argv[1:]) or 0)
        except VanbanError as exc:
            print(f"vanban: {exc}", file=sys.stderr)
            return 2
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except VanbanError as exc:
        print(f"vanban: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("vanban: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # "vanban ask … | head -1": the reader left; nothing was lost, and no traceback is due.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
