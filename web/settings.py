"""Settings of the web chat that ``vanban.config`` does not have yet (to be folded into it).

Every environment variable the web layer reads is read here; nothing else under ``web/`` touches
``os.environ``. Paths, login and the reverse-proxy prefix come from ``vanban.config``
(``data_dir()``, ``feedback_path()``, ``chat_auth()``, ``root_path()``).
"""

from __future__ import annotations

import os


def _int(name: str, default: int, low: int = 1) -> int:
    raw = os.environ.get(name, "").strip()
    try:
        return max(low, int(raw)) if raw else default
    except ValueError:
        return default


def server_name() -> str:
    """Interface to listen on, as Gradio reads it (``GRADIO_SERVER_NAME``, default loopback)."""
    return os.environ.get("GRADIO_SERVER_NAME", "").strip() or "127.0.0.1"


def server_port() -> int:
    """Port to listen on, as Gradio reads it (``GRADIO_SERVER_PORT``, default 7860)."""
    return _int("GRADIO_SERVER_PORT", 7860)


def chat_concurrency() -> int:
    """Chat questions answered at the same time (``VANBAN_CHAT_CONCURRENCY``, default 2).

    The assistant answers one question at a time anyway (it holds a lock); a second worker only
    lets the rendering of one answer overlap the search of the next.
    """
    return _int("VANBAN_CHAT_CONCURRENCY", 2)


def chat_queue_size() -> int:
    """Chat questions that may wait in Gradio's queue before new ones are refused
    (``VANBAN_CHAT_QUEUE``, default 64)."""
    return _int("VANBAN_CHAT_QUEUE", 64)


def api_max_pending() -> int:
    """``POST /api/ask`` requests that may be in progress or waiting before the API answers 503
    (``VANBAN_API_MAX_PENDING``, default 64)."""
    return _int("VANBAN_API_MAX_PENDING", 64)
