"""What an acronym the directives use stands for ("PAPI là gì?", "What does SIPAS stand for?"): the
name a clause writes before it in brackets ("Chỉ số hài lòng của người dân, tổ chức … (SIPAS)"),
or, where none does, the words whose initials spell it in a clause that writes both ("cải cách hành
chính" beside "CCHC"), or last in a clause of a directive that writes it elsewhere, capitalised as a
name ("Mặt trận Tổ quốc" for "MTTQ"), quoted from that clause. An acronym they never write is left to
``unknown.unknown_acronyms``."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rag.compose import Candidate
from rag.extract import Span
from rag.query import glossary
from vanban.records import Chunk, Hit
from vanban.text import fold

_ACRONYM = r"([A-ZĐ]{2,8}(?: INDEX)?)"
# "PAPI là gì", "chỉ số SIPAS là gì", "PAR INDEX viết tắt của gì"; "What does SIPAS stand for?", "What is PAPI?"
_ASKED = (re.compile(rf"^\W*(?:(?:chỉ số|chi so)\s+)?{_ACRONYM}\s+(?:là gì|la gi|là viết tắt của (?:gì|từ gì)|"
                     r"la viet tat cua (?:gi|tu gi)|nghĩa là gì|nghia la gi|có nghĩa là gì|co nghia la gi)\W*$",
                     re.IGNORECASE),
          re.compile(rf"^\W*(?:what does (?:the )?{_ACRONYM}(?: index)? stand for|what is (?:the )?{_ACRONYM}"
                     rf"(?: index)?|what is meant by (?:the )?{_ACRONYM}|(?:meaning|full name) of (?:the )?{_ACRONYM})"
                     r"\W*$", re.IGNORECASE))
# The name before "(PAPI)": from its head noun ("Chỉ số …") or, failing one, its first capitalised word.
_HEAD = re.compile(r"(?:bộ )?chỉ số\b", re.IGNORECASE)


@dataclass(frozen=True)
class Definition:
    """An acronym, the name a clause writes for it, and that clause."""

    acronym: str
    name: str
    evidence: Candidate
    spelled: bool = False  # read from the initials of words the clause writes, not from brackets


def asked_acronym(question: str) -> str:
    """The acronym a question asks the meaning of, upper-cased; "" when it asks none.

    >>> asked_acronym("PAPI là gì?"), asked_acronym("What does SIPAS stand for?")
    ('PAPI', 'SIPAS')
    >>> asked_acronym("chi so par index la gi")
    'PAR INDEX'
    >>> asked_acronym("Sở nào chủ trì PAPI?"), asked_acronym("What is the PAPI target for 2023?")
    ('', '')
    """
    for pattern in _ASKED:
        if m := pattern.match(question.strip()):
            return next(g for g in m.groups() if g).upper()
    return ""


def name_before(text: str, acronym: str) -> tuple[str, int] | None:
    """The name a text writes right before ``(acronym)``, and where it starts.

    >>> name_before("nâng cao Chỉ số hiệu quả quản trị và hành chính công (PAPI), SIPAS", "PAPI")
    ('Chỉ số hiệu quả quản trị và hành chính công', 9)
    >>> name_before("Về việc cải thiện, nâng cao chỉ số cải cách hành chính (PAR INDEX) của tỉnh", "PAR INDEX")[0]
    'chỉ số cải cách hành chính'
    """
    m = re.search(rf"\(\s*{re.escape(acronym)}\s*\)", text, re.IGNORECASE)
    if m is None:
        return None
    before = text[max(0, m.start() - 150) : m.start()]
    base = m.start() - len(before)
    heads = list(_HEAD.finditer(before))
    if heads:
        start = heads[-1].start()
    else:
        capitals = [w for w in re.finditer(r"\b[A-ZĐÀ-Ỹ][\wÀ-ỹ]*", before)]
        if not capitals:
            return None
        start = capitals[-1].start()
    name = before[start:].strip(" ,;:")
    return (name, base + start) if len(name.split()) >= 2 else None


def define(question: str, chunks: list[Chunk]) -> Definition | None:
    """The name the directives write for the acronym a question asks about, with the clause that
    writes it (the most common name; of its clauses, the first in the corpus); None when the question
    asks no acronym's meaning or no clause writes one for it."""
    acronym = as_written(asked_acronym(question), chunks)
    if not acronym:
        return None
    found: list[tuple[str, int, Chunk]] = []
    spelled = False
    # Last, words spelling it in a clause that does not write it ("Ủy ban MTTQ" in one clause,
    # "Mặt trận Tổ quốc" in another), in a directive that writes it if any does.
    writes = {c.doc_id for c in chunks if _writes(c.text, acronym)}
    apart = sorted(chunks, key=lambda c: c.doc_id not in writes)
    for read, pool in ((name_before, chunks), (spelled_out, chunks), (spelled_apart, apart if writes else [])):
        for chunk in pool:
            if chunk.kind == "header":
                continue  # a title's "(PAPI)" names the plan, not the index
            if got := read(chunk.text, acronym):
                found.append((got[0], got[1], chunk))
        if found:
            spelled = read is not name_before
            break
    if not found:
        return None
    names = Counter(fold(n) for n, _, _ in found)
    best = max(found, key=lambda f: (names[fold(f[0])], len(f[0])))
    name, start, chunk = best
    span = Span(name, start, start + len(name))
    return Definition(acronym, name, Candidate(Hit(chunk=chunk, score=1.0, rank=1), span, 1.0, []), spelled)


def as_written(acronym: str, chunks: list[Chunk]) -> str:
    """The acronym as the directives write it ("hdnd" typed without marks is their "HĐND"); as asked
    when none writes it."""
    key = fold(acronym)
    for chunk in chunks if "D" in acronym else ():  # only a D may have been typed for the directives' Đ
        for m in re.finditer(r"(?<![\w/-])[A-ZĐ]{2,8}(?![\w/-])", chunk.text):
            if fold(m.group(0)) == key:
                return m.group(0)
    return acronym


def spelled_out(text: str, acronym: str) -> tuple[str, int] | None:
    """Words of a text whose initials spell ``acronym`` (three letters or more), when the text
    writes the acronym too, and where they start.

    >>> spelled_out("Đẩy mạnh cải cách hành chính; kết quả CCHC hằng năm", "CCHC")
    ('cải cách hành chính', 9)
    >>> spelled_out("Đẩy mạnh cải cách hành chính hằng năm", "CCHC"), spelled_out("Ủy ban nhân dân; UBND", "UB")
    (None, None)
    """
    return _spelled(text, acronym, named=False) if _writes(text, acronym) else None


def spelled_apart(text: str, acronym: str) -> tuple[str, int] | None:
    """Words of a text whose initials spell ``acronym`` as a name (its first word capitalised), whether
    or not the text writes the acronym, and where they start.

    >>> spelled_apart("phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "MTTQ")
    ('Mặt trận Tổ quốc', 20)
    >>> spelled_apart("đại biểu Hội đồng nhân dân các cấp", "HĐND"), spelled_apart("ma trận tổng quát", "MTTQ")
    (('Hội đồng nhân dân', 9), None)
    """
    return _spelled(text, acronym, named=True)


def _writes(text: str, acronym: str) -> bool:
    """Whether ``text`` writes the acronym as a word of its own (not inside a symbol such as "…/UBND-NC")."""
    return bool(re.search(rf"(?<![\w/-]){re.escape(acronym)}(?![\w/-])", text))


def _spelled(text: str, acronym: str, named: bool) -> tuple[str, int] | None:
    key = fold(acronym).replace(" ", "")
    if len(key) < 3:
        return None
    words = list(re.finditer(r"[^\W\d_]+", text))
    for i in range(len(words) - len(key) + 1):
        run = words[i : i + len(key)]
        if "".join(fold(w.group(0))[0] for w in run) == key and run[0].group(0) != acronym \
                and (not named or run[0].group(0)[0].isupper()) \
                and all(not text[a.end() : b.start()].strip() for a, b in zip(run, run[1:])):
            return text[run[0].start() : run[-1].end()], run[0].start()
    return None


def english_name(name: str) -> str:
    """The glossary's longest English phrase for that Vietnamese name (plural "các" aside), or "".

    >>> english_name("Chỉ số hiệu quả quản trị và hành chính công")
    'governance and public administration performance index'
    """
    def key(text: str) -> str:
        return fold(text).replace(" cac ", " ")

    return max((en for en, term in glossary().items() if any(key(t) == key(name) for t in term.targets)),
               key=len, default="")


def definition_text(found: Definition, lang: str, where: str) -> str:
    """The answer: the acronym, its name as the clause writes it (glossed in English), and where."""
    label = found.evidence.hit.chunk.label
    if lang == "en":
        gloss = f" ({english})" if (english := english_name(found.name)) else ""
        return f"{found.acronym} stands for «{found.name}»{gloss} — {where}, clause {label}."
    if found.spelled:
        return f"{found.acronym} là viết tắt của «{found.name}» — {where}, mục {label}."
    return f"{found.acronym} là {found.name[0].lower()}{found.name[1:]} — {where}, mục {label}."
