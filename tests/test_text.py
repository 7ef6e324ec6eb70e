"""Folding: the fast translation-table path gives what decomposing and dropping marks gives."""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

from vanban.text import fold, strip_diacritics

ROOT = Path(__file__).resolve().parents[1]


def _reference(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn"))


def test_fast_folding_equals_the_reference_on_the_corpus_and_on_random_text() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    rng = random.Random(7)
    texts.append("".join(chr(rng.randint(0x20, 0x2FFF)) for _ in range(50_000)))
    texts.append(unicodedata.normalize("NFD", texts[0]))  # decomposed input (Word/PDF exports)
    for text in texts:
        assert strip_diacritics(text) == _reference(text)


def test_fold_examples() -> None:
    assert fold("Ủy ban nhân dân tỉnh Hưng Yên") == "uy ban nhan dan tinh hung yen"
    assert fold("ĐÀI PHÁT THANH") == "dai phat thanh"
    assert strip_diacritics("Sở Nội vụ; 61/2018/NĐ-CP") == "So Noi vu; 61/2018/ND-CP"
