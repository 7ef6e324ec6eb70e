"""The feedback log: one JSON line per thumbs up/down or comment, appended safely.

Each record carries the question, the conversation before it, the answer and its citations, so
the evaluation set can grow from real use (``eval/questions.jsonl`` rows can be written from it).
Appends are serialised by a lock in the process and ``flock`` between processes, and each record
is written with a single ``write`` call on a file opened in append mode.
"""

from __future__ import annotations

import json
import os
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from vanban.records import Answer

try:  # POSIX only; on other systems the in-process lock is all there is.
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

RATINGS = ("up", "down")
MAX_COMMENT = 2000


class FeedbackLog:
    """Appends feedback records to a JSONL file."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()

    def record(self, answer: Answer | dict[str, Any], rating: str | None, comment: str = "",
               history: list[str] | None = None, source: str = "chat") -> dict[str, Any]:
        """Append one record and return it.

        Args:
            answer: the answer the feedback is about (an ``Answer`` or its ``answer_record``).
            rating: ``"up"``, ``"down"`` or None (a comment alone).
            comment: optional free text (cut at 2,000 characters).
            history: earlier questions of the conversation, oldest first.
            source: ``"chat"`` or ``"api"``.

        Raises:
            ValueError: an unknown rating, or neither a rating nor a comment.
        """
        if rating is not None and rating not in RATINGS:
            raise ValueError(f"rating must be one of {RATINGS} or empty, not {rating!r}")
        comment = (comment or "").strip()[:MAX_COMMENT]
        if rating is None and not comment:
            raise ValueError("feedback needs a rating or a comment")
        data = answer.to_dict(with_hits=False) if isinstance(answer, Answer) else dict(answer)
        row = {
            "timestamp": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "rating": rating,
            "comment": comment,
            "question": data.get("question", ""),
            "history": list(history or []),
            "answer": data.get("answer", ""),
            "abstained": bool(data.get("abstained", False)),
            "confidence": data.get("confidence"),
            "lang": data.get("lang"),
            "citations": [
                {k: c.get(k) for k in ("doc_id", "number", "clause", "chunk_id", "span", "text")}
                for c in data.get("citations", [])
            ],
            "source": source,
        }
        self.append(row)
        return row

    def append(self, row: dict[str, Any]) -> None:
        """Append one JSON line (thread- and process-safe)."""
        line = (json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8")
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                if fcntl is not None:
                    fcntl.flock(fd, fcntl.LOCK_EX)
                os.write(fd, line)
            finally:
                if fcntl is not None:
                    fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)

    def read(self) -> list[dict[str, Any]]:
        """All records (for tests and export)."""
        if not self.path.exists():
            return []
        with self.path.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
