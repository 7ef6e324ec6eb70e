"""Fixtures of the retrieval and answer tests (a pytest plugin: ``pytest_plugins = ["conftest_rag"]``).

The bundled corpus is ingested (the ``store_dir`` session fixture of ``conftest.py``, copied so that
the clause store the ingest tests read stays untouched) and indexed ONCE per session with the
default build config: the sentence-transformers e5 model in ``models/e5-small-st`` (``make setup``).
``test_retrieval.py`` and ``test_answer.py`` both load this module with ``pytest_plugins``, which
registers it once: a fixture imported with ``from … import *`` into two test modules would be a
separate session fixture in each module and the index would be built twice.

Tests that change an index (rebuilds, mismatches, interrupted swaps) work on ``rag_data_copy``, a
per-test copy of the indexed data directory, never on ``rag_data`` itself.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]


class RecordingEmbedder:
    """Wraps the real embedder and records every passage it embeds (same name, same vectors)."""

    def __init__(self, inner):
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.passages: list[str] = []

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.passages.extend(texts)
        return self.inner.embed_passages(texts)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self.inner.embed_queries(texts)


@pytest.fixture(scope="session")
def rag_embedder():
    """The default embedder of the build config (sentence-transformers e5), loaded once."""
    from rag.index import embedder_for
    from vanban.config import BuildConfig

    return embedder_for(BuildConfig())


@pytest.fixture(scope="session")
def rag_build(store_dir, rag_embedder, tmp_path_factory):
    """(data directory, IndexStats) of the bundled corpus, ingested and indexed with the defaults."""
    from rag.index import build_index
    from vanban.config import BuildConfig

    data = tmp_path_factory.mktemp("ragdata") / "data"
    shutil.copytree(store_dir, data)
    stats = build_index(data, BuildConfig(), progress=False, embedder=rag_embedder)
    return data, stats


@pytest.fixture(scope="session")
def rag_data(rag_build) -> Path:
    """The indexed data directory (read-only for the tests)."""
    return rag_build[0]


@pytest.fixture(scope="session")
def rag_index(rag_data):
    from rag.index import LoadedIndex

    return LoadedIndex.load(rag_data)


@pytest.fixture(scope="session")
def rag_retriever(rag_index, rag_embedder):
    from rag.retriever import Retriever

    return Retriever(rag_index, embedder=rag_embedder)


@pytest.fixture(scope="session")
def rag_assistant(rag_data):
    """A real extractive assistant on the indexed corpus (no LLM endpoint, whatever the environment)."""
    from rag.service import Assistant

    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("VANBAN_LLM_URL", raising=False)
        assistant = Assistant.open(rag_data)
    assert assistant.answerer.llm is None
    return assistant


@pytest.fixture()
def rag_data_copy(rag_data, tmp_path) -> Path:
    """A private copy of the indexed data directory, for tests that rebuild or damage the index."""
    target = tmp_path / "data"
    shutil.copytree(rag_data, target)
    return target


@pytest.fixture()
def no_llm(monkeypatch):
    """CLI runs answer extractively, even when the developer's shell points at an LLM."""
    monkeypatch.delenv("VANBAN_LLM_URL", raising=False)
    monkeypatch.delenv("VANBAN_DATA", raising=False)
    return os.environ
