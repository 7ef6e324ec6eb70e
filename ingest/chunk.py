"""Cutting clauses into indexable chunks: one per clause, long clauses split at sentences."""

from __future__ import annotations

import re
from collections.abc import Callable

from vanban.records import Chunk, Document
from vanban.text import sha1

SKIP_KINDS = {"heading"}  # a bare heading over child clauses says nothing by itself
# A period after a digit ends a clause number ("2.10. Đài"), not a sentence.
_SENTENCE = re.compile(r"(?:(?<=[^\d][.!?])|(?<=;))\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9-])")


def split_sentences(text: str) -> list[str]:
    r"""Split at sentence ends (``.``, ``;``, ``!``, ``?`` before a capital) and line breaks; a
    sentence that opens a new paragraph keeps a leading line break.

    >>> split_sentences("Sở Nội vụ chủ trì. Phối hợp; Báo cáo trước ngày 20/6/2023.")
    ['Sở Nội vụ chủ trì.', 'Phối hợp;', 'Báo cáo trước ngày 20/6/2023.']
    >>> split_sentences("2.10. Đài Truyền thanh\nĐẩy mạnh. Tăng cường")
    ['2.10. Đài Truyền thanh', '\nĐẩy mạnh.', 'Tăng cường']
    """
    pieces: list[str] = []
    for p, paragraph in enumerate(text.split("\n")):
        for i, sentence in enumerate(x.strip() for x in _SENTENCE.split(paragraph) if x.strip()):
            pieces.append("\n" + sentence if p and not i else sentence)
    return pieces


def pack(sentences: list[str], max_tokens: int, count: Callable[[str], int]) -> list[str]:
    """Greedily pack sentences into parts of at most ``max_tokens`` tokens.

    >>> pack(["a b", "c d", "e f"], 4, lambda s: len(s.split()))
    ['a b c d', 'e f']
    """
    parts: list[str] = []
    current = ""
    size = 0
    for sentence in (piece for s in sentences for piece in _fit(s, max_tokens, count)):
        n = count(sentence)
        if current and size + n > max_tokens:
            parts.append(current)
            current, size = "", 0
        # A sentence that opens a paragraph keeps its line break ("2.10. Đài …\nĐẩy mạnh …").
        glue = "\n" if sentence.startswith("\n") else " "
        current = f"{current}{glue}{sentence.lstrip()}" if current else sentence.lstrip()
        size += n
    if current:
        parts.append(current)
    return parts


def _fit(sentence: str, max_tokens: int, count: Callable[[str], int]) -> list[str]:
    """Cut a sentence longer than the budget at commas, then between words (OCR text has few periods)."""
    if count(sentence) <= max_tokens:
        return [sentence]
    pieces: list[str] = []
    current = ""
    for token in re.split(r"(?<=,)\s+|\s+", sentence):
        candidate = f"{current} {token}".strip()
        if current and count(candidate) > max_tokens:
            pieces.append(current)
            candidate = token
        current = candidate
    if current:
        pieces.append(current)
    return pieces


def embed_text(chunk: Chunk) -> str:
    """The text embedded and hashed for a chunk: directive and heading context, then the text."""
    head = " — ".join(x for x in (chunk.number, chunk.issuer, chunk.title) if x)
    return "\n".join(x for x in (head, chunk.heading, chunk.text) if x)


def _opening(text: str, limit: int = 100) -> str:
    """The first words of a clause, marker included ("2. Sở Nội vụ chủ trì, phối hợp …").

    >>> _opening("2. Sở Nội vụ chủ trì; phối hợp", 20)
    '2. Sở Nội vụ chủ trì'
    """
    first = re.split(r"[;\n]", text.strip(), maxsplit=1)[0] if text.strip() else ""
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + " …"


def chunk_document(doc: Document, max_tokens: int, count: Callable[[str], int]) -> list[Chunk]:
    """All chunks of a document, in document order, with ids from directive + clause path."""
    chunks: list[Chunk] = []
    for clause in doc.clauses:
        if clause.kind in SKIP_KINDS or not clause.text.strip():
            continue
        if count(clause.text) <= max_tokens:
            parts = [clause.text]
        else:
            parts = pack(split_sentences(clause.text), max_tokens, count)
        opening = _opening(clause.text)
        for i, part in enumerate(parts, 1):
            cid = clause.id if i == 1 else f"{clause.id}~{i}"
            # Later parts of a split clause carry its opening words ("2. Sở Nội vụ chủ trì…") as context.
            heading = clause.heading if i == 1 else " › ".join(x for x in (clause.heading, opening) if x)
            chunk = Chunk(
                id=cid,
                doc_id=doc.id,
                label=clause.label,
                kind=clause.kind,
                heading=heading,
                text=part,
                original=clause.original,
                tokens=count(part),
                hash="",
                number=doc.meta.number,
                doc_type=doc.meta.doc_type,
                title=doc.meta.title,
                issuer=doc.meta.issuer,
                level=doc.meta.level,
                year=doc.meta.year,
                repair_confidence=clause.repair_confidence,
            )
            chunk.hash = sha1(embed_text(chunk))
            chunks.append(chunk)
    return chunks
