"""The pluggable repair stage: how clause text goes from light-cleaned to display quality.

``light`` keeps the light cleaning only. ``deep`` runs the Vietnamese OCR-repair and
diacritic-restoration model of the ``repair`` package on clauses that need it. The clause's
structural marker (``2.3.``, ``b)``, ``-``) is kept out of the model's reach: it is not text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from ingest.lexicon import apply_head_lists, apply_phrases
from vanban.errors import ModelUnavailableError
from vanban.text import strip_diacritics

Repairer = Callable[[str], tuple[str, float]]  # text -> (repaired text, confidence 0..1)
_MARKER = re.compile(r"^\s*(?:[IVX]+\.|\d{1,2}(?:\.\d{1,2})*\.?|[a-zđ]\)|[-–•+]|V/v)\s+")


def split_marker(paragraph: str) -> tuple[str, str]:
    """Split a paragraph's leading clause marker from its text.

    >>> split_marker("b) Long ghép nodi dung")
    ('b) ', 'Long ghép nodi dung')
    >>> split_marker("2.10. Đài Truyền thanh")
    ('2.10. ', 'Đài Truyền thanh')
    >>> split_marker("Tham mưu UBND")
    ('', 'Tham mưu UBND')
    """
    m = _MARKER.match(paragraph)
    return (m.group(0), paragraph[m.end() :]) if m else ("", paragraph)


_PLACEHOLDER = "90417"  # + a 3-digit index; no real symbol or date reads like this
_SYMBOL = re.compile(r"\b\d[\d.,]*(?:[/-][\w.,-]*[A-Za-zĐđ][\w.,-]*)+|\b\d+(?:/\d+)+\b")


def mask_symbols(text: str) -> tuple[str, list[str]]:
    """Replace document symbols and dates with placeholders the language model leaves alone.

    A placeholder is a number, as the model reads the symbol's own digits: "số <num>" and
    "trước ngày <num>" are what it knows (a word-like placeholder left "Thông báo sẽ 54/TB-UBND").

    >>> mask_symbols("Chi thi so 23/CT-TTg ngay 02/9/2021")
    ('Chi thi so 90417001 ngay 90417002', ['23/CT-TTg', '02/9/2021'])
    """
    symbols: list[str] = []
    if _PLACEHOLDER in text:  # the text holds a number like a placeholder: leave it unmasked
        return text, symbols

    def keep(m: re.Match) -> str:
        symbols.append(m.group(0))
        return f"{_PLACEHOLDER}{len(symbols):03d}"

    return _SYMBOL.sub(keep, text), symbols


def unmask_symbols(text: str, symbols: list[str]) -> str:
    """Put the masked symbols back.

    >>> unmask_symbols("Chỉ thị số 90417001 ngày 90417002", ["23/CT-TTg", "02/9/2021"])
    'Chỉ thị số 23/CT-TTg ngày 02/9/2021'
    """
    return re.sub(rf"{_PLACEHOLDER}(\d{{3}})", lambda m: symbols[int(m.group(1)) - 1]
                  if 0 < int(m.group(1)) <= len(symbols) else m.group(0), text)


def get_repairer(mode: str, neural: bool = False) -> Repairer | None:
    """The repair function for a build-config ``repair`` mode, or None for ``light``.

    Args:
        mode: ``light`` or ``deep``.
        neural: Deep repair re-reads its close calls with the neural LM (``repair.neural``).

    Raises:
        ModelUnavailableError: The repair package or the neural LM cannot be loaded.
    """
    if mode == "light":
        return None
    if mode != "deep":
        raise ValueError(f"unknown repair mode {mode!r} (expected 'light' or 'deep')")
    try:
        import repair.ocr  # noqa: F401  (the model package is optional at import time)
    except ImportError as exc:
        raise ModelUnavailableError(f"deep repair is not available: {exc}") from exc
    if not neural:
        return DeepRepairer()
    from repair.lm import load_model
    from repair.neural import RescoreConfig, load_neural

    try:
        return DeepRepairer(neural=(load_neural(load_model()), RescoreConfig()))
    except (FileNotFoundError, ImportError) as exc:
        raise ModelUnavailableError(f"the neural LM of deep repair is not available: {exc}") from exc


# What ingestion leaves of the OCR's diacritics for the model (round 14). "all" strips them:
# OCR without most diacritics carries stray, mostly wrong accents ("huyén", "thé ché"), and
# restoring from the bare letters is more accurate than trusting them. "acute_e" keeps the é
# of the engine of 001/003/004, which writes é for any vowel with a mark ("téng hop" = tổng
# hợp, "Sé" = Sở) and which the confusion model reads (repair.confusion.SCAN_RULES,
# repair.ocr.ACUTE_SWAP). "none" keeps every mark. Dev, heavy x3 / scan heavy x3 with
# ``bench/repair_synthetic.py --ingest``: all 98.07/97.12, 97.39/96.44; none 98.02/97.14,
# 98.02/97.12; acute_e 98.09/97.15, 98.03/97.13.
INPUT_MARKS = "all"


def marks_stripped() -> bool:
    """Whether ``model_input`` strips marks: a scan's mark glyph is then a letter ("phédn" = phận
    reads "phedn"), which the model deletes at a glyph's cost (round 20, ``repair_text(stripped=)``)."""
    return INPUT_MARKS != "none"


def model_input(body: str) -> tuple[str, list[str]]:
    """The text the repair model reads for a clause body, and the symbols masked in it.

    >>> model_input("Chi thi sé 23/CT-TTg cua huyện")
    ('Chi thi se 90417001 cua huyen', ['23/CT-TTg'])
    """
    masked, symbols = mask_symbols(body)
    if INPUT_MARKS == "none":
        return masked, symbols
    if INPUT_MARKS == "acute_e":
        masked = unicodedata.normalize("NFC", masked)
        return "é".join("É".join(strip_diacritics(p) for p in part.split("É")) for part in masked.split("é")), symbols
    return strip_diacritics(masked), symbols


class DeepRepairer:
    """The ``deep`` repairer: OCR correction and diacritic restoration, paragraph by paragraph.

    Called on its own, each paragraph's repair learns from that paragraph's confidently read
    words (``repair.cache``). ``for_document`` gives a repairer whose cache holds the readings of
    a whole directive, so that a damaged phrase is read like its clean repetitions elsewhere.
    """

    def __init__(self, cache: object | None = None, neural: tuple | None = None) -> None:
        self.cache = cache
        self.neural = neural  # (repair.neural.NeuralLM, RescoreConfig) or None

    def for_document(self, texts: list[str]) -> DeepRepairer:
        """A repairer sharing one cache built from all paragraphs of ``texts``."""
        from repair.ocr import document_cache

        bodies = [model_input(body)[0] for text in texts for body in (split_marker(p)[1] for p in text.split("\n"))
                  if body.strip()]
        return DeepRepairer(document_cache(bodies, stripped=marks_stripped()), self.neural)

    def __call__(self, text: str) -> tuple[str, float]:
        from repair.ocr import repair_text

        out: list[str] = []
        weights: list[tuple[float, int]] = []
        for paragraph in text.split("\n"):
            marker, body = split_marker(paragraph)
            if not body.strip():
                out.append(paragraph)
                continue
            model_text, symbols = model_input(body)
            result = repair_text(model_text, cache=self.cache, stripped=marks_stripped(), neural=self.neural)
            out.append(marker + apply_head_lists(apply_phrases(unmask_symbols(result.text, symbols))))
            weights.append((float(result.confidence), len(body)))
        total = sum(n for _, n in weights) or 1
        return "\n".join(out), round(sum(c * n for c, n in weights) / total, 3)
