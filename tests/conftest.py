"""Shared fixtures: the real bundled corpus, ingested once per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory) -> Path:
    """A clause store of the bundled corpus (no index)."""
    from ingest.pipeline import ingest

    data = tmp_path_factory.mktemp("data")
    ingest(CORPUS, data, progress=False)
    return data


@pytest.fixture(scope="session")
def documents(store_dir):
    from ingest.store import ClauseStore

    return {d.id[:3]: d for d in ClauseStore(store_dir).documents()}


@pytest.fixture()
def corpus_copy(tmp_path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target
