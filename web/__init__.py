"""The web edge of vanban: Gradio chat, JSON API and directive pages in one FastAPI app."""

from web.server import create_app, serve

__all__ = ["create_app", "serve"]
