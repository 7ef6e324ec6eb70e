"""Lexical search: BM25 (bm25s) over folded syllables + syllable bigrams + symbols, and a
second BM25 over character 3-grams that still matches words damaged by OCR."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from rag.query import char_tokens, lexical_tokens

# bm25s logs a progress line per call; we show our own progress.
logging.getLogger("bm25s").setLevel(logging.WARNING)


class LexicalIndex:
    """One BM25 index over token lists (word-level or character-level)."""

    def __init__(self, kind: str, retriever=None):
        if kind not in {"words", "chars"}:
            raise ValueError(f"unknown lexical index kind {kind!r}")
        self.kind = kind
        self.retriever = retriever

    def tokens(self, text: str) -> list[str]:
        return lexical_tokens(text) if self.kind == "words" else char_tokens(text)

    @classmethod
    def build(cls, kind: str, texts: list[str]) -> "LexicalIndex":
        import bm25s

        index = cls(kind)
        retriever = bm25s.BM25()
        retriever.index([index.tokens(t) or ["<empty>"] for t in texts], show_progress=False)
        index.retriever = retriever
        return index

    def save(self, folder: Path) -> None:
        self.retriever.save(str(folder), allow_pickle=False, show_progress=False)

    @classmethod
    def load(cls, kind: str, folder: Path) -> "LexicalIndex":
        import bm25s

        return cls(kind, bm25s.BM25.load(str(folder), allow_pickle=False, show_progress=False))

    @property
    def size(self) -> int:
        return int(self.retriever.scores["num_docs"])

    def search(self, text: str, k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Top ``k`` (row, score) pairs with a positive score; ``mask`` zeroes rows out (filters)."""
        vocab = self.retriever.vocab_dict
        tokens = [t for t in self.tokens(text) if t in vocab]
        if not tokens or self.size == 0:
            return []
        # get_scores + argpartition: ``retrieve`` starts a thread pool and a progress bar per
        # call, several milliseconds for a one-query search of a small index.
        scores = self.retriever.get_scores(tokens, weight_mask=None if mask is None else mask.astype(np.float32))
        k = min(k, self.size)
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(r), float(scores[r])) for r in top if scores[r] > 0]
