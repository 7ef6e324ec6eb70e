"""The answer pieces a sentence holds for a type of question: dates, numbers, document symbols,
agencies, the signer; and the agency standing in a question's hole."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from rag import asked, extract, when
from rag.evidence import mentions
from rag.blocks import asks_own_number
from vanban.records import Document, Hit
from vanban.text import fold

if TYPE_CHECKING:
    from rag.compose import Candidate

_LEAD_ROLES = {"chủ trì", "được giao", "là cơ quan thường trực", "chịu trách nhiệm", "có trách nhiệm"}


# "những cơ quan nào", "which bodies": bodies are asked, not their heads ("Thủ trưởng các sở").
_ASKS_BODIES = re.compile(r"\b(?:co quan|don vi|so|phong|to chuc)(?: [a-z]+){0,2} nao\b"
                          r"|\b(?:which|what) (?:[a-z]+ ){0,3}(?:agenc|bod|department|office|unit|organi)")


@lru_cache(maxsize=1024)
def _asks_bodies(question: str) -> bool:
    # Cached: asked for every sentence of every retrieved clause of one question.
    return bool(_ASKS_BODIES.search(fold(question)))


def _generic_agency(name: str) -> bool:
    return bool(re.match(r"(ubnd|uy ban nhan dan|chu tich)\b", fold(name)))


def addressee_for(text: str, heading: str, question: str) -> extract.Span | None:
    """``extract.addressee`` of a clause, unless it is the heads of bodies and bodies are asked."""
    found = extract.addressee(text, heading)
    return None if found and extract.is_head(found) and _asks_bodies(question) else found


def hole_agency(qt: str, text: str, at: int) -> extract.Span | None:
    """The agency standing right where the question's hole is ("thông qua <Sở Nội vụ>")."""
    if qt != "agency" or at < 0:
        return None
    return next((a for a in extract.find_agencies(text) if 0 <= a.start - at <= 3), None)


def answer_spans(qt: str, text: str, hit: Hit, question: str, documents: dict[str, Document]) -> list[extract.Span]:
    """The pieces of ``text`` (a sentence of ``hit``'s clause) that answer a question of type ``qt``."""
    if qt == "date":
        return when.event_dates(text, question)
    if qt == "number":
        return extract.find_numbers(text)
    if qt == "reference":
        symbols = extract.find_symbols(text)
        if not asks_own_number(question):  # "căn cứ văn bản nào": another document than this one
            symbols = [s for s in symbols if not asked.same_symbol(s.text, hit.chunk.number)]
        return asked.of_asked_type(symbols, question)
    if qt == "agency":
        found = extract.find_agencies(text)
        if _asks_bodies(question):
            found = [a for a in found if not extract.is_head(a)]  # "cơ quan nào": a body, not the heads of bodies
        # A sentence that opens with agencies names who acts ("Chủ tịch UBND cấp huyện, cấp
        # xã … nghiêm túc tổ chức thực hiện"), with or without a role word.
        found = [a for a in found if a.role or a.start <= 3]
        # Named departments before the people's committees that assign them work.
        found = sorted(found, key=lambda a: (not a.role, _generic_agency(a.text), a.role not in _LEAD_ROLES, a.start))
        return _with_shared_list(text, found)
    if qt == "person":
        doc = documents.get(hit.chunk.doc_id)
        return [extract.Span(doc.meta.signer, 0, 0, "person")] if doc and doc.meta.signer else []
    return []


def _with_shared_list(text: str, found: list[extract.Span]) -> list[extract.Span]:
    """Agencies listed under one head ("Văn phòng UBND tỉnh và các Sở: Nội vụ, Tài chính") answer
    together: one span naming them all comes first.

    >>> s = "(Văn phòng UBND tỉnh và các Sở: Nội vụ, Tư pháp) có trách nhiệm chủ động"
    >>> _with_shared_list(s, extract.find_agencies(s))[0].text
    'Văn phòng UBND tỉnh, Sở Nội vụ, Sở Tư pháp'
    """
    listed = [a for a in found if text[a.start : a.end] != a.text]
    if len(listed) < 2:
        return found
    first = min(listed, key=lambda a: a.start)
    group = sorted((a for a in found if a.role == first.role and a.start >= first.start - 40
                    and a.end <= max(x.end for x in listed)), key=lambda a: a.start)
    run = extract.Span(", ".join(a.text for a in group), group[0].start, group[-1].end, "agency", first.role)
    return [run] + found


def other_agencies(found: list[extract.Span], named: list[str]) -> list[extract.Span]:
    """The agencies of a sentence other than those a question names (``named_agencies`` keys); a run
    of several ("Văn phòng UBND tỉnh, Sở Nội vụ, Sở Tư pháp") keeps its other names.

    >>> run = extract.Span("Văn phòng UBND tỉnh, Sở Nội vụ, Sở Tư pháp", 0, 9, "agency", "có trách nhiệm")
    >>> [a.text for a in other_agencies([run, extract.Span("Sở Tư pháp", 0, 3, "agency")], ["so tu phap"])]
    ['Văn phòng UBND tỉnh, Sở Nội vụ']
    """
    out = []
    for a in found:
        if not any(mentions(a.text, n) for n in named):
            out.append(a)
        elif len(rest := [x for x in a.text.split(", ") if not any(mentions(x, n) for n in named)]) >= 2:
            out.append(extract.Span(", ".join(rest), a.start, a.end, a.kind, a.role))
    return out


def with_list_head(cand: Candidate) -> str:
    """A sentence with what runs before it since the last full stop: an item after ";" reads with the
    sentence that opens its list ("Phấn đấu … đạt trên 95% …; kết quả khảo sát đột xuất đạt trên 85%")."""
    text = cand.hit.chunk.text
    return text[text.rfind(".", 0, cand.sentence.start) + 1 : cand.sentence.end]


_BASIS = re.compile(r"^\W*(?:\d+(?:\.\d+)*\.?\s*)?(?:can cu|thuc hien|tren co so)\b")


def with_basis_for(cand: Candidate) -> str:
    """A sentence with the one after it when it only states a basis ("1.3. Căn cứ Báo cáo số
    138/BC-UBND …. Yêu cầu các cơ quan …"): what rests on that basis is said next.

    >>> from types import SimpleNamespace as S
    >>> text = "1.3. Căn cứ Báo cáo số 138/BC-UBND. Yêu cầu các cơ quan báo cáo kết quả khắc phục. Khác."
    >>> with_basis_for(S(hit=S(chunk=S(text=text)), sentence=extract.Span(text[:35], 0, 35, "")))
    '1.3. Căn cứ Báo cáo số 138/BC-UBND. Yêu cầu các cơ quan báo cáo kết quả khắc phục.'
    """
    text, sent = cand.hit.chunk.text, cand.sentence
    if not _BASIS.match(fold(sent.text)):
        return sent.text
    end = text.find(".", sent.end + 1)
    return text[sent.start : end + 1 if end >= 0 else len(text)]
