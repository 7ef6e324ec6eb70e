"""The assistant facade used by the CLI, the chat and the HTTP API: load once, ask many."""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from pathlib import Path

from ingest.store import ClauseStore
from rag.answer import Answerer
from rag.retriever import Filters, Retriever
from vanban.config import QueryConfig, data_dir, llm_endpoint
from vanban.errors import BadQuestionError, IndexBusyError
from vanban.records import Answer, Document


class Assistant:
    """Retriever + answerer over one data directory, loaded once and shared between requests."""

    def __init__(self, data: Path, config: QueryConfig | None = None):
        self.data = Path(data)
        self.config = config or QueryConfig()
        self._lock = threading.RLock()
        self._rebuilding = False
        self._load()

    def _load(self) -> None:
        store = ClauseStore(self.data)
        self.documents: dict[str, Document] = {d.id: d for d in store.documents()}
        self.retriever = Retriever.open(self.data, self.config)
        self.answerer = Answerer(self.retriever, self.documents, self.config, llm=llm_endpoint())

    @classmethod
    def open(cls, data: str | Path | None = None, config: QueryConfig | None = None) -> "Assistant":
        return cls(data_dir(data), config)

    def ask(self, question: str, history: list[str] | None = None, filters: Filters | None = None) -> Answer:
        """Answer one question; ``history`` holds earlier questions of the conversation (oldest first).

        Raises:
            BadQuestionError: empty or too long.
            IndexBusyError: the index is being rebuilt right now.
        """
        question = (question or "").strip()
        if not question:
            raise BadQuestionError("the question is empty / câu hỏi trống")
        if len(question) > self.config.max_question_chars:
            raise BadQuestionError(
                f"the question is too long ({len(question)} characters, at most {self.config.max_question_chars})"
            )
        if self._rebuilding:
            raise IndexBusyError("the index is being rebuilt; try again in a minute / đang cập nhật chỉ mục")
        with self._lock:
            return self.answerer.answer(question, history=history or [], filters=filters)

    def document(self, key: str) -> Document:
        return ClauseStore(self.data).document(key)

    def reload(self) -> None:
        """Reload the store and index after a rebuild (questions meanwhile get IndexBusyError)."""
        self._rebuilding = True
        try:
            with self._lock:
                self._load()
        finally:
            self._rebuilding = False

    @property
    def rebuilding(self) -> bool:
        return self._rebuilding


def run_questions(assistant: "Assistant", questions: list[tuple[str, str]], k: int = 10) -> tuple[dict, dict]:
    """Answer and rank ``(id, question)`` pairs in one process, in the evaluation's contracts.

    Returns:
        ``id`` → answer record (``vanban answer`` lines, with ``latency_ms``) and ``id`` → ranked
        chunks (``vanban search --json``).
    """
    from rag.search import ranked_record

    answers, rankings = {}, {}
    for qid, question in questions:
        started = time.perf_counter()
        answer = assistant.ask(question)
        answers[qid] = {"id": qid, **answer_record(answer, with_hits=False),
                        "latency_ms": (time.perf_counter() - started) * 1000}
        rankings[qid] = [ranked_record(h) for h in assistant.retriever.search(question, k=k)]
    return answers, rankings


def answer_record(answer: Answer, with_hits: bool = True) -> dict:
    """The JSON record of ``vanban ask --json`` and ``POST /api/ask``."""
    return answer.to_dict(with_hits=with_hits)


def format_answer(answer: Answer) -> str:
    """Plain-text rendering for the terminal."""
    lines = [answer.answer, ""]
    title = "Possibly related:" if answer.abstained else ("Sources:" if answer.lang == "en" else "Căn cứ:")
    if answer.citations:
        lines.append(title)
        for c in answer.citations:
            lines.append(f"  [{c.number or c.doc_id} — {c.clause}] {c.text[:300]}")
    elif answer.abstained and answer.hits:
        lines.append(title)
        for h in answer.hits[:3]:
            lines.append(f"  [{h.chunk.number or h.chunk.doc_id} — {h.chunk.label}] {h.chunk.text[:200]}")
    return "\n".join(lines).rstrip()


def run_ask(args: argparse.Namespace) -> int:
    assistant = Assistant.open(args.data)
    answer = assistant.ask(args.question)
    if args.json:
        print(json.dumps(answer_record(answer), ensure_ascii=False))
    else:
        print(format_answer(answer))
    return 0


def run_answer_file(args: argparse.Namespace) -> int:
    """``vanban answer --in q.jsonl --out a.jsonl``: the index is loaded once for the whole file."""
    assistant = Assistant.open(args.data)
    inp, out = Path(args.inp), Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with inp.open(encoding="utf-8") as fin, out.open("w", encoding="utf-8") as fout:
        for lineno, line in enumerate(fin, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            qid, question = row.get("id", str(lineno)), row.get("question") or row.get("q") or ""
            started = time.perf_counter()
            try:
                answer = assistant.ask(question)
                record = answer_record(answer, with_hits=False)
            except BadQuestionError as exc:
                record = {"answer": str(exc), "abstained": True, "citations": [], "error": str(exc)}
            record = {"id": qid, **record, "latency_ms": round((time.perf_counter() - started) * 1000, 2)}
            fout.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    print(f"{n} answers -> {out}", file=sys.stderr)
    return 0
