"""One FastAPI process: the JSON API, directive pages, the demo intranet page, the Gradio
web-component loader, and the Gradio chat mounted at ``/``."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import gradio as gr
from fastapi import FastAPI
from fastapi.responses import FileResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles

from rag.service import Assistant
from vanban.config import PROJECT_ROOT, chat_auth, feedback_path, root_path
from web import api, settings
from web.chat import build_chat
from web.edge import Gate
from web.feedback import FeedbackLog

STATIC = Path(__file__).resolve().parent / "static"
DEMO = PROJECT_ROOT / "demo"
GRADIO_JS = Path(gr.__file__).resolve().parent / "templates" / "frontend" / "gradio.js"


def create_app(assistant: Assistant, *, feedback: FeedbackLog | None = None,
               auth: tuple[str, str] | None | bool = True, root: str | None = None,
               concurrency: int | None = None, queue_size: int | None = None,
               api_pending: int | None = None) -> FastAPI:
    """The whole web app over one loaded assistant.

    Args:
        assistant: the loaded assistant, shared by the chat and the API.
        feedback: where feedback goes (default: ``feedback_path()``).
        auth: ``(user, password)``, None for no login, or True for ``chat_auth()``.
        root: reverse-proxy path prefix (default: ``root_path()``).
        concurrency: chat questions answered at once (default: ``settings.chat_concurrency()``).
        queue_size: chat questions that may wait (default: ``settings.chat_queue_size()``).
        api_pending: API questions in progress or waiting before 503 (default: ``settings.api_max_pending()``).
    """
    credentials = chat_auth() if auth is True else (auth or None)
    root = root_path() if root is None else root
    feedback = feedback or FeedbackLog(feedback_path())
    concurrency = concurrency or settings.chat_concurrency()

    app = FastAPI(
        title="vanban — directive Q&A",
        version="0.1.0",
        description=(
            "Offline question answering over Vietnamese administrative directives, with clause citations. "
            "`POST /api/ask` returns the record of `vanban ask --json`. The web chat is at `/`, a demo "
            "intranet page that embeds it at `/demo/intranet.html`."
        ),
    )
    gate = Gate(api_pending or settings.api_max_pending())
    api.install(app, api.build_router(assistant, feedback, gate, credentials))

    @app.get("/gradio.js", include_in_schema=False)
    def gradio_js() -> Response:
        """Gradio's web-component loader, served from the installed package (no CDN)."""
        return FileResponse(GRADIO_JS, media_type="text/javascript", headers={"Cache-Control": "no-cache"})

    @app.get("/robots.txt", include_in_schema=False)
    def robots() -> PlainTextResponse:
        return PlainTextResponse("User-agent: *\nDisallow: /\n")

    if DEMO.is_dir():
        app.mount("/demo", StaticFiles(directory=DEMO, html=True), name="demo")

    blocks = build_chat(assistant, feedback, root, concurrency)
    blocks.queue(max_size=queue_size or settings.chat_queue_size(), default_concurrency_limit=concurrency)
    css = (STATIC / "chat.css").read_text(encoding="utf-8")
    return gr.mount_gradio_app(
        app, blocks, path="/", auth=credentials,
        auth_message="Đăng nhập để dùng trợ lý văn bản / Log in to use the directive assistant",
        root_path=root or None, css=css, ssr_mode=False, footer_links=["api"], run_history=False,
        show_error=True, mcp_server=False,
    )


def serve(app: FastAPI, host: str | None = None, port: int | None = None, root: str | None = None) -> None:
    """Run ``app`` with uvicorn on ``GRADIO_SERVER_NAME``:``GRADIO_SERVER_PORT`` (blocks)."""
    import uvicorn

    root = root_path() if root is None else root
    if root.startswith(("http://", "https://")):  # a full public URL: uvicorn only wants its path
        root = urlsplit(root).path
    uvicorn.run(
        app, host=host or settings.server_name(), port=port or settings.server_port(),
        root_path=root.rstrip("/"), log_level="info", proxy_headers=True, timeout_graceful_shutdown=5,
    )
