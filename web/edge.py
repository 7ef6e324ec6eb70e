"""Where domain errors become messages for people: shared by the chat and the HTTP API.

The core raises ``VanbanError`` subclasses; here they become an :class:`EdgeError` with an HTTP
status, a stable code and a message in the user's language. Nothing else under ``web/`` decides
what a failure looks like.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from rag.service import Assistant
from vanban.errors import BadQuestionError, IndexBusyError, ModelUnavailableError, StoreNotFoundError, VanbanError
from vanban.records import Answer
from web.texts import T

log = logging.getLogger("vanban.web")
MAX_HISTORY = 10


class EdgeError(Exception):
    """A failure to show to a person: HTTP status, stable code, message in Vietnamese and English."""

    def __init__(self, status: int, code: str, key: str | None = None, detail: str = "", **fmt: object):
        self.status, self.code, self.key, self.detail, self.fmt = status, code, key, detail, fmt
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        """The message in ``lang`` (``"vi"`` or ``"en"``)."""
        if self.key is None:
            return self.detail
        return T.get(lang, T["vi"])[self.key].format(**self.fmt)

    def body(self, lang: str = "vi") -> dict[str, str]:
        """The JSON body of an HTTP error response (both languages, so any client can show one)."""
        return {"error": self.code, "detail": self.message(lang), "detail_vi": self.message("vi"),
                "detail_en": self.message("en")}


def check_question(question: object, max_chars: int) -> str:
    """The question stripped, or an EdgeError (400) when it is not a non-empty string of at most ``max_chars``."""
    if not isinstance(question, str):
        raise EdgeError(400, "bad_question", detail="the question must be a string / câu hỏi phải là chuỗi ký tự")
    question = question.strip()
    if not question:
        raise EdgeError(400, "empty_question", "empty")
    if len(question) > max_chars:
        raise EdgeError(400, "question_too_long", "too_long", n=len(question), max=max_chars)
    return question


def clean_history(history: object, max_chars: int) -> list[str]:
    """The last ``MAX_HISTORY`` non-empty earlier questions, each at most ``max_chars`` long."""
    if history is None:
        return []
    if not isinstance(history, list) or not all(isinstance(h, str) for h in history):
        raise EdgeError(400, "bad_history", detail="history must be a list of earlier questions (strings)")
    items = [h.strip() for h in history if h and h.strip()]
    return [h[:max_chars] for h in items[-MAX_HISTORY:]]


def translate(exc: VanbanError) -> EdgeError:
    """The EdgeError for a domain error raised by the core."""
    if isinstance(exc, IndexBusyError):
        return EdgeError(503, "index_busy", "busy")
    if isinstance(exc, BadQuestionError):
        return EdgeError(400, "bad_question", detail=str(exc))
    if isinstance(exc, StoreNotFoundError):
        return EdgeError(404, "not_found", detail=str(exc))
    if isinstance(exc, ModelUnavailableError):
        return EdgeError(503, "model_unavailable", detail=str(exc))
    return EdgeError(500, "error", detail=str(exc))


class Gate:
    """Bounds the requests in progress or waiting for the assistant; beyond the bound, 503 at once."""

    def __init__(self, limit: int):
        self.limit = limit
        self.pending = 0
        self._lock = threading.Lock()

    @contextmanager
    def enter(self) -> Iterator[None]:
        with self._lock:
            if self.pending >= self.limit:
                raise EdgeError(503, "overloaded", "overloaded")
            self.pending += 1
        try:
            yield
        finally:
            with self._lock:
                self.pending -= 1


def ask(assistant: Assistant, question: object, history: object = None) -> Answer:
    """Validate, ask the assistant, and turn every failure into an EdgeError.

    Raises:
        EdgeError: 400 for a bad question, 503 while the index is rebuilt, 500 otherwise.
    """
    max_chars = assistant.config.max_question_chars
    question = check_question(question, max_chars)
    earlier = clean_history(history, max_chars)
    if assistant.rebuilding:
        raise EdgeError(503, "index_busy", "busy")
    try:
        return assistant.ask(question, history=earlier)
    except VanbanError as exc:
        raise translate(exc) from exc
    except Exception as exc:  # a bug in the core must not take the edge down with it
        log.exception("answering %r failed", question[:200])
        raise EdgeError(500, "internal_error", "failed") from exc
