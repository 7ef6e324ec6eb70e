"""The pluggable repair stage: how clause text goes from light-cleaned to display quality.

``light`` keeps the light cleaning only. ``deep`` runs the Vietnamese OCR-repair and
diacritic-restoration model of the ``repair`` package on clauses that need it.
"""

from __future__ import annotations

from collections.abc import Callable

from vanban.errors import ModelUnavailableError

Repairer = Callable[[str], tuple[str, float]]  # text -> (repaired text, confidence 0..1)


def get_repairer(mode: str) -> Repairer | None:
    """The repair function for a build-config ``repair`` mode, or None for ``light``."""
    if mode == "light":
        return None
    if mode != "deep":
        raise ValueError(f"unknown repair mode {mode!r} (expected 'light' or 'deep')")
    try:
        from repair.ocr import repair_text
    except ImportError as exc:  # the model package is optional at import time
        raise ModelUnavailableError(f"deep repair is not available: {exc}") from exc

    def run(text: str) -> tuple[str, float]:
        result = repair_text(text)
        return result.text, float(result.confidence)

    return run
