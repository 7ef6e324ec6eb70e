"""The ingest job: corpus folder → clause store (incremental, idempotent)."""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from ingest.chunk import chunk_document, embed_text
from ingest.dedupe import Duplicate, find_duplicates
from ingest.directive import build_document
from ingest.load import corpus_files, read_file, read_passages
from ingest.repairer import get_repairer
from ingest.store import ClauseStore
from ingest.tokens import count_tokens
from vanban.config import BuildConfig
from vanban.errors import UnreadableFileError
from vanban.records import Chunk, Clause, DocMeta, Document
from vanban.text import sha1

PARSE_FIELDS = ("repair", "repair_neural", "normalisation", "parser_version")


@dataclass
class IngestReport:
    """What an ingest run did."""

    documents: list[Document] = field(default_factory=list)
    chunks: list[Chunk] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)
    duplicates: list[Duplicate] = field(default_factory=list)
    processed: list[str] = field(default_factory=list)  # files parsed in this run
    reused: list[str] = field(default_factory=list)  # files whose cached parse was reused
    corpus_hash: str = ""


def code_fingerprint() -> str:
    """Hash of the code and data that turn a file into a Document (ingest/, the repair model):
    a cached parse is reused only when none of them changed."""
    root = Path(__file__).resolve().parent
    paths = sorted(root.glob("*.py")) + sorted((root / "data").glob("*"))
    repair = root.parent / "repair"
    paths += sorted(repair.glob("*.py")) + sorted((repair / "data").glob("*"))
    digest = hashlib.sha1()
    for path in paths:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _parse_key(sha256: str, config: BuildConfig, code: str) -> str:
    fields = "|".join(str(getattr(config, f)) for f in PARSE_FIELDS) + "|" + code
    return f"{sha256[:24]}-{hashlib.sha1(fields.encode()).hexdigest()[:8]}"


def _passage_document(path: Path, sha256: str) -> Document:
    clauses = [
        Clause(doc_id=path.stem, label=p.id, kind="passage", text=p.text, original=p.text, heading=p.title, order=i)
        for i, p in enumerate(read_passages(path))
    ]
    return Document(id=path.stem, source=path.name, sha256=sha256, meta=DocMeta(title=path.stem), clauses=clauses,
                    quality=1.0)


def _passage_chunks(doc: Document, count) -> list[Chunk]:
    # A passage collection brings its own segmentation: one chunk per line, its id unchanged.
    chunks = [
        Chunk(id=c.label, doc_id=doc.id, label=c.label, kind="passage", heading="", text=c.text, original=c.text,
              tokens=count(c.text), hash="", title=c.heading)
        for c in doc.clauses
    ]
    for chunk in chunks:
        chunk.hash = sha1(embed_text(chunk))
    return chunks


def ingest(corpus: Path, data: Path, config: BuildConfig | None = None, progress: bool = True) -> IngestReport:
    """Read every file of ``corpus`` into the clause store in ``data``.

    Unreadable files are reported and skipped; the others are still ingested. A file whose
    bytes and parse config are unchanged is not parsed again.
    """
    config = config or BuildConfig()
    store = ClauseStore(data)
    report = IngestReport()
    repairer = None
    files = corpus_files(corpus)
    iterator = files
    if progress:
        from tqdm import tqdm

        iterator = tqdm(files, desc="ingest", unit="file", file=sys.stderr)
    docs: list[Document] = []
    code = code_fingerprint()
    for path in iterator:
        try:
            sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
            key = _parse_key(sha256, config, code)
            doc = store.cached(key)
            if doc is not None and doc.source == path.name:
                report.reused.append(path.name)
            else:
                if path.suffix.lower() == ".jsonl":
                    doc = _passage_document(path, sha256)
                else:
                    if repairer is None and config.repair != "light":
                        repairer = get_repairer(config.repair, config.repair_neural)
                    doc = build_document(read_file(path), repairer)
                store.cache(key, doc)
                report.processed.append(path.name)
            docs.append(doc)
        except UnreadableFileError as exc:
            report.skipped.append((path.name, exc.reason))
        except OSError as exc:
            report.skipped.append((path.name, f"cannot be read ({exc.strerror or exc})"))

    directives = [d for d in docs if not _is_passages(d)]
    report.duplicates = find_duplicates(directives)
    alias_of = {dup.alias: dup.canonical for dup in report.duplicates}
    by_id = {d.id: d for d in docs}
    canonical: list[Document] = []
    for doc in docs:
        if doc.id in alias_of:
            continue
        aliases = sorted(by_id[a].source for a, c in alias_of.items() if c == doc.id)
        canonical.append(replace(doc, aliases=aliases))
    for doc in canonical:
        if _is_passages(doc):
            report.chunks.extend(_passage_chunks(doc, count_tokens))
        else:
            report.chunks.extend(chunk_document(doc, config.max_chunk_tokens, count_tokens))
    _check_unique(report.chunks)
    report.documents = canonical
    report.corpus_hash = sha1("".join(sorted(d.sha256 for d in docs)))
    manifest = {
        "build_config": config.to_dict(),
        "corpus_hash": report.corpus_hash,
        "files": {d.source: d.sha256 for d in sorted(docs, key=lambda d: d.source)},
        "skipped": [{"file": f, "reason": r} for f, r in report.skipped],
        "duplicates": [{"canonical": by_id[x.canonical].source, "alias": by_id[x.alias].source, "score": x.score}
                       for x in report.duplicates],
        "chunks": len(report.chunks),
    }
    store.write(canonical, report.chunks, manifest)
    return report


def _is_passages(doc: Document) -> bool:
    return bool(doc.clauses) and all(c.kind == "passage" for c in doc.clauses)


def _check_unique(chunks: list[Chunk]) -> None:
    seen: set[str] = set()
    for chunk in chunks:
        if chunk.id in seen:
            raise UnreadableFileError(chunk.doc_id, f"two chunks share the id '{chunk.id}'")
        seen.add(chunk.id)
