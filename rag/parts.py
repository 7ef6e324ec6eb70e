"""Answers a directive's parts give rather than its clauses: the header's number and date, the
signature's signer and role."""

from __future__ import annotations

import re
from dataclasses import replace

from rag import asked, extract
from rag.compose import Candidate
from rag.prior import DocInfo, named_documents, other_document_numbers
from vanban.records import Document
from vanban.text import fold


class Parts:
    """Header and signature facts of the loaded directives."""

    def __init__(self, docs: dict[str, DocInfo], documents: dict[str, Document]):
        self.docs = docs
        self.documents = documents
        self.places = {d: _place(fold(doc.meta.issuer)) for d, doc in documents.items()}  # "hon quan", "hung yen"

    def lost_own_number(self, question: str) -> bool:
        """True when a question asks the number of the directive it points at most, and that
        directive has none (its scan lost the number line): no cited number may stand in."""
        pointed = named_documents(question, self.docs)
        top = max(pointed.values(), default=0.0)
        return bool(pointed) and not any(self.docs[d].number for d, w in pointed.items() if w == top)

    def issue_dates(self, question: str, candidates: list[Candidate]) -> list[Candidate]:
        """For "when was it issued?", the header dates of the directive the question points at most
        ([] when its header holds none: a scan that lost its date line); for a document the
        directives cite ("Nghị quyết 76 ban hành ngày nào?"), the date written after its number
        (``cited_dates``); ``candidates`` unchanged when no header was retrieved."""
        if others := other_document_numbers(question, self.docs):
            return cited_dates(candidates, others)
        pointed = named_documents(question, self.docs)
        if not pointed:
            return candidates
        headers = sorted((c for c in candidates if c.hit.chunk.kind == "header"),
                         key=lambda c: -pointed.get(c.hit.chunk.doc_id, 0.0))
        if not headers:
            return candidates
        top = headers[0].hit.chunk.doc_id
        if pointed.get(top, 0.0) < max(pointed.values()):
            return []  # the header of the directive it asks about was not found
        return [c for c in headers if c.hit.chunk.doc_id == top and c.entities]

    def role_holders(self, candidates: list[Candidate], role: str, question: str) -> list[Candidate]:
        """The signatures among ``candidates`` of directives whose signer signed as ``role``
        (folded) for the body, level and year the question names."""
        low = fold(question)
        wanted = asked.levels(question)
        if re.search(r"\b(xa|phuong|thi tran|commune|ward)\b", low):
            wanted.add("commune")  # no loaded directive is a commune's
        places = {p for p in self.places.values() if p and p in low}
        years = {int(y) for y in re.findall(r"(?<![\d/])(?:19|20)\d\d(?![\d/])", low)}

        def holds(cand: Candidate) -> bool:
            chunk = cand.hit.chunk
            if chunk.kind != "signature" or not cand.entities:
                return False
            meta = self.documents[chunk.doc_id].meta
            held = fold(meta.signer_role)
            if not re.search(rf"\b{role}\b", held) or (role == "chu tich" and "pho chu tich" in held):
                return False
            if wanted and meta.level not in wanted:
                return False
            return (not places or self.places[chunk.doc_id] in places) and (
                not years or bool(years & set(self.docs[chunk.doc_id].named_years)))

        return [c for c in candidates if holds(c)]


def _place(issuer: str) -> str:
    """The place of a folded issuer ("uy ban nhan dan huyen hon quan" → "hon quan"), or ""."""
    m = re.search(r"\b(?:tinh|huyen|thanh pho|thi xa)\s+(\w+(?: \w+){0,2})\s*$", issuer)
    return m.group(1) if m else ""


def cited_dates(candidates: list[Candidate], numbers: list[str]) -> list[Candidate]:
    """The candidates whose sentence writes a date right after one of ``numbers`` (a cited
    document: "Báo cáo số 138/BC-UBND ngày 27/4/2023"), each with that date as its only entity.
    A directive's own header date, or another date of the sentence, does not date a cited document.
    """
    out = []
    for cand in (c for c in candidates if c.hit.chunk.kind != "header"):
        text = cand.sentence.text
        low = fold(text)
        low = low if len(low) == len(text) else text.lower()  # offsets must hold in ``text``
        for n in numbers:
            cite = re.search(rf"(?<![\d/.])0*{re.escape(n.lstrip('0'))}\s*/\s*[\w.-]*", low)
            after = [d for d in extract.find_dates(text) if cite and 0 <= d.start - cite.end() <= 40]
            if after:
                out.append(replace(cand, entities=[after[0]]))
                break
    return out
