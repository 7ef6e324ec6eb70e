"""Start the web chat and JSON API on the data directory (``python app.py``; see docs/embedding.md).

Listens on ``GRADIO_SERVER_NAME``:``GRADIO_SERVER_PORT`` (default 127.0.0.1:7860). The chat is at
``/``, the API at ``/api/ask`` (OpenAPI at ``/docs``), a demo intranet page at ``/demo/intranet.html``.
"""

from __future__ import annotations

import sys


def main() -> int:
    """Load the assistant, then serve until interrupted; a missing index is a one-line message."""
    from rag.service import Assistant
    from vanban.config import data_dir, root_path
    from vanban.errors import VanbanError
    from web import create_app, serve, settings

    data = data_dir()
    try:
        assistant = Assistant.open()
    except VanbanError as exc:
        print(
            f"vanban: cannot load the directives in {data}: {exc}\n"
            "Build the clause store and index first with `make chat` (installs, builds, then starts the chat) "
            "or `.venv/bin/vanban ingest`, or point VANBAN_DATA at a data directory that has one.",
            file=sys.stderr,
        )
        return 2
    host, port, root = settings.server_name(), settings.server_port(), root_path()
    print(f"vanban: {len(assistant.documents)} directives from {data}")
    print(f"vanban: chat at http://{host}:{port}{root}/  API docs at http://{host}:{port}{root}/docs")
    serve(create_app(assistant), host, port, root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
