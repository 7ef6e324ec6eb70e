"""Vietnamese text repair: diacritic restoration and OCR correction, learned offline.

The language model is built by ``python -m repair.build`` from ``../shared/text/`` and
committed under ``repair/data/`` so that it works without the training text.
"""

from typing import Any

__all__ = ["restore_diacritics", "repair_text", "RepairResult"]


def __getattr__(name: str) -> Any:
    # Imported lazily so that ``python -m repair.build`` works before a model exists.
    if name == "restore_diacritics":
        from repair.restore import restore_diacritics

        return restore_diacritics
    if name in ("repair_text", "RepairResult"):
        from repair import ocr

        return getattr(ocr, name)
    raise AttributeError(name)
