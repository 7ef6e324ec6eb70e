"""Typed records passed between the stages (ingest → index → retrieve → answer).

They are plain dataclasses with ``to_dict``/``from_dict`` so the clause store and the
CLI's JSON output are human-readable and never need pickle.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


def _from_dict(cls, data: dict[str, Any]):
    known = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class DocMeta:
    """Metadata of one directive; a field the text does not give stays empty."""

    number: str = ""  # "05/CT-CTUBND"
    doc_type: str = ""  # "Chỉ thị", "Kế hoạch", "Công văn"
    issuer: str = ""  # "Ủy ban nhân dân tỉnh Hưng Yên"
    level: str = ""  # "province" | "district" | ""
    place: str = ""  # "Hưng Yên"
    date: str = ""  # ISO "2019-05-16"
    year: int | None = None
    title: str = ""  # trích yếu
    signer: str = ""
    signer_role: str = ""
    signed_by: str = ""  # the digital-signature stamp's signing body ("Ký bởi: …"), when the file has one
    signed_at: str = ""  # the stamp's moment, ISO 8601 ("2023-06-08T09:10:48+07:00")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "DocMeta":
        return _from_dict(cls, data)


@dataclass
class Clause:
    """One structural unit of a directive (a numbered item, a point, a paragraph…)."""

    doc_id: str
    label: str  # label path: "III.1.a", "2.11", "1.a.p2", "preamble", "closing"
    kind: str  # section|item|subitem|point|bullet|paragraph|preamble|closing|recipients|signature|title
    text: str  # cleaned text, for display, citation and indexing
    original: str  # the source text of the clause as read from the file
    heading: str = ""  # heading context: the titles of the enclosing sections/items
    order: int = 0  # position in the document
    repair_confidence: float | None = None  # set when deep repair ran; low = shown with a warning

    @property
    def id(self) -> str:
        return f"{self.doc_id}#{self.label}"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["id"] = self.id
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Clause":
        return _from_dict(cls, data)


@dataclass
class Document:
    """A directive: metadata, clauses, and the files it was read from."""

    id: str  # stable id from the file name stem
    source: str  # file name in the corpus
    sha256: str  # of the raw file bytes
    meta: DocMeta
    clauses: list[Clause] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # duplicate files of the same directive
    quality: float = 0.0  # share of tokens that look like valid Vietnamese (0..1)

    def clause(self, label: str) -> Clause | None:
        for c in self.clauses:
            if c.label == label:
                return c
        return None

    def to_dict(self, with_clauses: bool = True) -> dict[str, Any]:
        data = {
            "id": self.id,
            "source": self.source,
            "sha256": self.sha256,
            "meta": self.meta.to_dict(),
            "aliases": list(self.aliases),
            "quality": self.quality,
        }
        if with_clauses:
            data["clauses"] = [c.to_dict() for c in self.clauses]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Document":
        return cls(
            id=data["id"],
            source=data["source"],
            sha256=data["sha256"],
            meta=DocMeta.from_dict(data.get("meta", {})),
            clauses=[Clause.from_dict(c) for c in data.get("clauses", [])],
            aliases=list(data.get("aliases", [])),
            quality=float(data.get("quality", 0.0)),
        )


@dataclass
class Chunk:
    """The unit that is indexed: one clause, or one part of a long clause."""

    id: str  # "<doc_id>#<label>" or "<doc_id>#<label>~2" for the 2nd part of a split clause
    doc_id: str
    label: str
    kind: str
    heading: str
    text: str
    original: str
    tokens: int
    hash: str  # sha1 of the text that is embedded (context + text); unchanged hash = no re-embedding
    number: str = ""  # the directive's number, denormalised for display and filters
    doc_type: str = ""
    title: str = ""  # directive title, or the passage title of a .jsonl collection
    issuer: str = ""
    level: str = ""
    year: int | None = None
    repair_confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Chunk":
        return _from_dict(cls, data)


@dataclass
class Hit:
    """A retrieved chunk with its scores."""

    chunk: Chunk
    score: float  # fused score used for ranking
    dense: float | None = None  # cosine similarity, when the dense index ranked it
    lexical: float | None = None  # BM25 score, when the lexical index ranked it
    rank: int = 0
    coverage: float = 0.0  # share of the question's topic words found in the chunk (0..1)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.chunk.id,
            "rank": self.rank,
            "score": self.score,
            "dense": self.dense,
            "lexical": self.lexical,
            "coverage": self.coverage,
            "chunk": self.chunk.to_dict(),
        }


# Below this a repaired clause is flagged and shown with its OCR text. Not calibrated against ground
# truth (none exists outside the test scans): on the bundled corpus it flags 18 of the 118 repaired
# chunks (003: 13, 001: 3, 004: 2); typical repaired clauses score 0.65–0.75.
LOW_REPAIR_CONFIDENCE = 0.6


def needs_review(repair_confidence: float | None, original: str) -> bool:
    """Whether a machine-repaired text should be read against its OCR original."""
    low = repair_confidence is not None and repair_confidence < LOW_REPAIR_CONFIDENCE
    return low and bool(original)


@dataclass
class Citation:
    """The evidence for an answer: a clause and the span in it that supports the answer."""

    doc_id: str
    number: str
    clause: str  # clause label
    text: str  # clause text
    chunk_id: str = ""
    title: str = ""
    level: str = ""
    span: tuple[int, int] | None = None  # character offsets of the supporting span in ``text``
    original: str = ""
    repair_confidence: float | None = None  # the clause's OCR-repair confidence; None when not repaired

    @property
    def needs_review(self) -> bool:
        """True when the text was machine-repaired with low confidence and the OCR text is there to show.
        Shared with ``Chunk`` (:func:`needs_review`).

        >>> Citation("d", "1", "1", "text", original="txet", repair_confidence=0.4).needs_review
        True
        >>> Citation("d", "1", "1", "text", original="text", repair_confidence=None).needs_review
        False
        """
        return needs_review(self.repair_confidence, self.original)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["span"] = list(self.span) if self.span else None
        data["needs_review"] = self.needs_review
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Citation":
        obj = _from_dict(cls, data)
        if obj.span is not None:
            obj.span = tuple(obj.span)
        return obj


@dataclass
class Answer:
    """What the assistant says to a question."""

    question: str
    answer: str
    citations: list[Citation] = field(default_factory=list)
    abstained: bool = False
    confidence: float = 0.0
    lang: str = "vi"  # vi | vi-nd | en
    qtype: str = "general"
    hits: list[Hit] = field(default_factory=list)  # retrieved clauses, for display
    backend: str = "extractive"  # or "llm"

    def to_dict(self, with_hits: bool = True) -> dict[str, Any]:
        data = {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "confidence": self.confidence,
            "lang": self.lang,
            "qtype": self.qtype,
            "backend": self.backend,
            "citations": [c.to_dict() for c in self.citations],
        }
        if with_hits:
            data["retrieved"] = [h.to_dict() for h in self.hits]
        return data
