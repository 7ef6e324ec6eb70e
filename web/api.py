"""The JSON HTTP API (``/api/…``), the directive pages (``/documents/…``) and ``/healthz``.

``POST /api/ask`` returns exactly the record of ``vanban ask --json``. Errors are JSON
``{"error": code, "detail": message, "detail_vi": …, "detail_en": …}`` with a 4xx/5xx status.
"""

from __future__ import annotations

import binascii
import logging
import secrets
import threading
from base64 import b64decode
from collections.abc import Awaitable, Callable
from typing import Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from rag.service import Assistant, answer_record
from vanban.errors import StoreNotFoundError, VanbanError
from web import edge, render
from web.edge import EdgeError
from web.feedback import FeedbackLog

log = logging.getLogger("vanban.web")
MAX_BODY = 256 * 1024  # bytes; a 100 kB question still gets a readable 400 "too long"


class AskRequest(BaseModel):
    """A question, with the earlier questions of the conversation for follow-ups."""

    question: str = Field(description="The question, in Vietnamese (with or without diacritics) or English.",
                          examples=["Ai ký Chỉ thị 05/CT-CTUBND?"])
    history: list[str] = Field(default_factory=list, description="Earlier questions of the conversation, oldest "
                               "first; a follow-up such as 'còn huyện Hớn Quản thì sao?' is resolved against them.")
    with_hits: bool = Field(True, description="Include the retrieved clauses (`retrieved`) in the record.")


class CitationOut(BaseModel):
    """A cited clause; `span` is the [start, end) of the supporting text in `text`."""

    model_config = ConfigDict(extra="allow")
    doc_id: str
    number: str
    clause: str
    text: str
    title: str = ""
    level: str = ""
    span: list[int] | None = None
    original: str = ""
    repair_confidence: float | None = None
    needs_review: bool = False


class AnswerOut(BaseModel):
    """The record of `vanban ask --json`."""

    model_config = ConfigDict(extra="allow")
    question: str
    answer: str
    abstained: bool
    confidence: float
    lang: Literal["vi", "vi-nd", "en"] | str
    qtype: str
    backend: str
    citations: list[CitationOut]
    retrieved: list[dict[str, Any]] | None = None


class FeedbackIn(BaseModel):
    """Thumbs up/down and/or a comment on an answer returned by `/api/ask`."""

    answer: dict[str, Any] = Field(description="The record returned by /api/ask.")
    rating: Literal["up", "down"] | None = None
    comment: str = Field("", max_length=2000)
    history: list[str] = Field(default_factory=list)


class ErrorOut(BaseModel):
    error: str
    detail: str
    detail_vi: str
    detail_en: str


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Empty, too long or malformed question"},
    401: {"description": "Login required (when VANBAN_AUTH_USER/VANBAN_AUTH_PASSWORD are set)"},
    413: {"model": ErrorOut, "description": "Request body over 256 KiB"},
    503: {"model": ErrorOut, "description": "Index being rebuilt, or too many questions waiting"},
}


def error_response(exc: EdgeError, lang: str = "vi") -> JSONResponse:
    headers = {"Retry-After": "30"} if exc.status == 503 else None
    return JSONResponse(exc.body(lang), status_code=exc.status, headers=headers)


class Utf8Basic(HTTPBasic):
    """HTTP Basic credentials decoded as UTF-8 (RFC 7617), so Vietnamese passwords work."""

    async def __call__(self, request: Request) -> HTTPBasicCredentials | None:  # type: ignore[override]
        scheme, _, param = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            user, sep, password = b64decode(param.strip(), validate=True).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError, binascii.Error):
            return None
        return HTTPBasicCredentials(username=user, password=password) if sep else None


def basic_auth(credentials: tuple[str, str] | None) -> Callable[..., None]:
    """A dependency that checks HTTP Basic credentials when a login is configured."""
    security = Utf8Basic(auto_error=False, realm="vanban")

    def check(given: HTTPBasicCredentials | None = Depends(security)) -> None:
        if credentials is None:
            return
        ok = given is not None and secrets.compare_digest(given.username.encode(), credentials[0].encode()) \
            and secrets.compare_digest(given.password.encode(), credentials[1].encode())
        if not ok:
            raise EdgeError(401, "unauthorized", detail="login required / cần đăng nhập")

    return check


def build_router(assistant: Assistant, feedback: FeedbackLog, gate: edge.Gate,
                 credentials: tuple[str, str] | None = None) -> APIRouter:
    """The API routes over one assistant."""
    auth = [Depends(basic_auth(credentials))]
    router = APIRouter()

    @router.get("/healthz", tags=["service"], summary="Liveness and index state")
    def healthz() -> dict[str, Any]:
        return {"status": "ok", "documents": len(assistant.documents), "rebuilding": assistant.rebuilding}

    @router.post("/api/ask", tags=["api"], dependencies=auth, responses={200: {"model": AnswerOut}, **ERRORS},
                 summary="Answer a question with clause citations (same record as `vanban ask --json`)")
    async def api_ask(body: AskRequest) -> JSONResponse:
        with gate.enter():  # counted before waiting for a worker thread, so the bound is real
            answer = await run_in_threadpool(edge.ask, assistant, body.question, body.history)
        return JSONResponse(answer_record(answer, with_hits=body.with_hits))

    @router.get("/api/documents/{key:path}", tags=["api"], dependencies=auth, responses=ERRORS,
                summary="A directive: metadata and clauses (key: number such as 05/CT-CTUBND, id or file name)")
    def api_document(key: str, clause: str | None = Query(None, description="Check that this clause exists")
                     ) -> JSONResponse:
        doc = _document(assistant, key)
        if clause is not None and doc.clause(clause) is None:
            raise EdgeError(404, "no_such_clause", detail=f"no clause '{clause}' in {doc.meta.number or doc.id}")
        data = doc.to_dict()
        for c in data["clauses"]:
            c["anchor"] = render.clause_anchor(c["label"])
        return JSONResponse(data)

    @router.get("/documents/{key:path}", tags=["pages"], dependencies=auth, response_class=HTMLResponse,
                summary="A directive as a web page, the cited clause (?clause=) marked")
    def document_page(key: str, clause: str | None = None, lang: Literal["vi", "en"] = "vi") -> HTMLResponse:
        doc = _document(assistant, key)
        return HTMLResponse(render.render_document_page(doc, clause, lang))

    @router.post("/api/feedback", tags=["api"], dependencies=auth, status_code=201, responses=ERRORS,
                 summary="Record thumbs up/down and/or a comment on an answer")
    def api_feedback(body: FeedbackIn) -> dict[str, Any]:
        try:
            row = feedback.record(body.answer, body.rating, body.comment, body.history, source="api")
        except ValueError as exc:
            raise EdgeError(400, "bad_feedback", detail=str(exc)) from exc
        return {"ok": True, "timestamp": row["timestamp"]}

    @router.post("/api/admin/reload", tags=["service"], dependencies=auth, status_code=202,
                 responses={403: {"model": ErrorOut}, 409: {"model": ErrorOut}},
                 summary="Reload the clause store and index after `vanban ingest` (from this machine only)")
    def reload(request: Request) -> dict[str, str]:
        host = request.client.host if request.client else ""
        if host not in {"127.0.0.1", "::1", "localhost"} or "x-forwarded-for" in request.headers:
            raise EdgeError(403, "forbidden", detail="reload is allowed from the server itself only")
        if assistant.rebuilding:
            raise EdgeError(409, "already_reloading", detail="a reload is already running")
        threading.Thread(target=_reload, args=(assistant,), name="vanban-reload", daemon=True).start()
        return {"status": "reloading"}

    return router


def _reload(assistant: Assistant) -> None:
    """Reload in the background; questions meanwhile get 503 "being rebuilt"."""
    try:
        assistant.reload()
    except Exception:  # noqa: BLE001 - keep serving the previous index
        log.exception("reload failed; the previous index stays in use")


def _document(assistant: Assistant, key: str):
    try:
        return assistant.document(key)
    except StoreNotFoundError as exc:
        raise EdgeError(404, "not_found", detail=str(exc)) from exc
    except VanbanError as exc:
        raise edge.translate(exc) from exc


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(x) for x in err.get("loc", ()) if x != "body") or "body"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install(app: FastAPI, router: APIRouter) -> None:
    """Add the routes, error handlers and the body-size limit to ``app``."""
    app.include_router(router)

    @app.exception_handler(EdgeError)
    async def on_edge_error(request: Request, exc: EdgeError) -> JSONResponse:
        response = error_response(exc, _lang(request))
        if exc.status == 401:
            response.headers["WWW-Authenticate"] = 'Basic realm="vanban"'
        return response

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        err = EdgeError(422, "invalid_request", detail=_validation_message(exc))
        return JSONResponse(err.body(), status_code=422)

    app.add_middleware(BodyLimit, limit=MAX_BODY)


class BodyLimit:
    """ASGI middleware: a request to ``/api/…`` with a body over ``limit`` bytes gets 413 unread."""

    def __init__(self, app: Any, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope: dict[str, Any], receive: Callable[[], Awaitable[dict[str, Any]]],
                       send: Callable[[dict[str, Any]], Awaitable[None]]) -> None:
        path, root = scope.get("path", ""), scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root):]
        if scope["type"] != "http" or not path.startswith("/api/"):
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None:
            if not length.isdigit() or int(length) > self.limit:
                await self._refuse(scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        # No length (chunked): read up to the limit, then replay what was read.
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            more = message.get("more_body", False)
            if size > self.limit:
                await self._refuse(scope, receive, send)
                return
        body = b"".join(chunks)
        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        response = error_response(EdgeError(413, "too_large", detail=f"request body over {self.limit} bytes"))
        await response(scope, receive, send)


def _lang(request: Request) -> str:
    accept = request.headers.get("accept-language", "")
    return "en" if accept.lower().startswith("en") else "vi"
