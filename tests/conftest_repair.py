"""Fixtures of the repair round tests (a pytest plugin: ``pytest_plugins = ["conftest_repair"]``): the
shipped language model and its trie, loaded once per session."""

from __future__ import annotations

import pytest

from repair.confusion import build_trie
from repair.lm import LanguageModel, load_model


@pytest.fixture(scope="session")
def lm() -> LanguageModel:
    return load_model()


@pytest.fixture(scope="session")
def trie(lm: LanguageModel) -> dict:
    return build_trie(lm.by_fold)

