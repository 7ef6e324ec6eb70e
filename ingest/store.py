"""The clause store: human-readable JSON/JSONL files in the data directory, written atomically.

Layout of a data directory::

    documents.json   directives with metadata, clauses (text + original) and aliases
    chunks.jsonl     one indexable chunk per line
    manifest.json    build config, corpus files with hashes, skipped files, duplicates
    cache/           per-file parse results keyed by file hash + config (incremental ingest)
    index/           the search index (see rag.index)
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from vanban.errors import StoreNotFoundError
from vanban.records import Chunk, Document


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename (never half-written)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600 files; the store is meant to be shared and read
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def dump_json(data: Any) -> str:
    """Deterministic, readable JSON (same data → same bytes)."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def dump_jsonl(rows: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows)


class ClauseStore:
    """Reads and writes the clause store of one data directory."""

    def __init__(self, root: Path):
        self.root = Path(root)

    @property
    def documents_path(self) -> Path:
        return self.root / "documents.json"

    @property
    def chunks_path(self) -> Path:
        return self.root / "chunks.jsonl"

    @property
    def manifest_path(self) -> Path:
        return self.root / "manifest.json"

    @property
    def cache_dir(self) -> Path:
        return self.root / "cache"

    def exists(self) -> bool:
        return self.documents_path.exists() and self.chunks_path.exists()

    def write(self, documents: list[Document], chunks: list[Chunk], manifest: dict[str, Any]) -> None:
        """Write the store; chunks first and the manifest last, each atomically."""
        write_atomic(self.documents_path, dump_json([d.to_dict() for d in documents]))
        write_atomic(self.chunks_path, dump_jsonl(c.to_dict() for c in chunks))
        write_atomic(self.manifest_path, dump_json(manifest))

    def _require(self) -> None:
        if not self.exists():
            raise StoreNotFoundError(
                f"no clause store in {self.root}: run `vanban ingest --data {self.root}` first"
            )

    def documents(self) -> list[Document]:
        self._require()
        return [Document.from_dict(d) for d in json.loads(self.documents_path.read_text(encoding="utf-8"))]

    def chunks(self) -> list[Chunk]:
        self._require()
        with self.chunks_path.open(encoding="utf-8") as fh:
            return [Chunk.from_dict(json.loads(line)) for line in fh if line.strip()]

    def manifest(self) -> dict[str, Any]:
        self._require()
        return json.loads(self.manifest_path.read_text(encoding="utf-8"))

    def document(self, key: str) -> Document:
        """A document by id, file name, number (``05/CT-CTUBND``) or an alias file name."""
        docs = self.documents()
        wanted = key.strip().lower()
        for doc in docs:
            names = {doc.id.lower(), doc.source.lower(), doc.meta.number.lower(), doc.id[:3]}
            names |= {a.lower() for a in doc.aliases} | {Path(a).stem.lower() for a in doc.aliases}
            if wanted in names or (doc.meta.number and wanted == doc.meta.number.split("/")[0].lower()):
                return doc
        known = ", ".join(d.meta.number or d.id for d in docs)
        raise StoreNotFoundError(f"no directive '{key}' in {self.root} (known: {known})")

    def cached(self, key: str) -> Document | None:
        path = self.cache_dir / f"{key}.json"
        if not path.exists():
            return None
        return Document.from_dict(json.loads(path.read_text(encoding="utf-8")))

    def cache(self, key: str, doc: Document) -> None:
        write_atomic(self.cache_dir / f"{key}.json", dump_json(doc.to_dict()))
