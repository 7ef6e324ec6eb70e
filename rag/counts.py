"""Counts a question asks of a directive's own numbered structure: how many bodies get their own
subsection of a section ("How many units get their own subsection in section 2 of letter 1138?" —
2.1 to 2.11), how many items a range of clauses holds ("giao nhiệm vụ riêng cho bao nhiêu cơ quan
từ mục 2 đến mục 8"). Counted from the clause labels ingestion recovered, not from any number
the text writes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.compose import Candidate
from rag.extract import Span, find_agencies, listed_under_head
from vanban.records import Chunk, Hit
from vanban.text import fold

_HOW_MANY = re.compile(r"\b(?:how many|bao nhieu|may)\b")
# What is counted is a body or a numbered part, not a figure of the text ("bao nhiêu sáng kiến").
_COUNTED = re.compile(r"\b(?:units?|bodies|offices|agencies|departments|subsections?|sub-items?|"
                      r"co quan|don vi|phong ban|tieu muc)\b")
# …and it asks about the numbering itself: "own subsection", "nhiệm vụ riêng", not "how many units in
# section 2 scored below 75%", which no numbering answers.
_OF_NUMBERING = re.compile(r"\b(?:own|numbered|subsections?|sub-items?|rieng|tieu muc|ke ten|liet ke|"
                           r"named|listed)\b")
# …or the whole directive's main parts: "Chỉ thị 05 gồm mấy mục?", "How many sections does Plan 8607 have?"
_WHOLE = re.compile(r"\b(?:gom|co) (?:bao nhieu|may) (?:muc|phan)(?: lon| chinh)?\s*\??\s*$"
                    r"|\bhow many (?:main |numbered |top-level )?(?:sections|parts|items) (?:does|do) [^?]{0,60}"
                    r"\b(?:have|contain|consist of)\s*\??\s*$")
_PART = r"(?:muc|khoan|item|section|point)"
_RANGE = re.compile(rf"\b{_PART} (\d{{1,2}}) (?:den|to|through|-) (?:{_PART} )?(\d{{1,2}})\b")
_WITHIN = re.compile(rf"\b(?:in|of|trong|tai|cua|o) {_PART} (\d{{1,2}})\b(?!\.\d)")


_WRITTEN = {"co quan": "cơ quan", "don vi": "đơn vị", "phong ban": "phòng, ban", "tieu muc": "tiểu mục", "so": "sở",
            "phong": "phòng", "thanh vien": "thành viên"}


@dataclass(frozen=True)
class Count:
    """A count, what it counts as the question names it, and the clauses it was read from (the first
    and the last counted)."""

    number: int
    noun: str
    labels: tuple[str, ...]
    evidence: tuple[Candidate, ...]


def structure_count(question: str, doc_id: str, chunks: list[Chunk]) -> Count | None:
    """The count of numbered parts a question asks of the directive ``doc_id``; None when it asks none.

    >>> labels = ("1", "2", "2.1", "2.2-1", "2.2-2", "3")
    >>> cs = [Chunk(f"d#{x}", "d", x, "item", "", f"{x}. …", "", 3, "") for x in labels]
    >>> structure_count("How many units get their own subsection in section 2?", "d", cs).number
    2
    >>> structure_count("giao nhiem vu rieng cho bao nhieu co quan tu muc 1 den muc 3", "d", cs).labels
    ('1', '2', '3')
    >>> structure_count("Mục 2 đặt bao nhiêu sáng kiến?", "d", cs) is None
    True
    >>> structure_count("How many units in section 2 scored below 75%?", "d", cs) is None
    True
    >>> structure_count("Chỉ thị gồm mấy mục?", "d", cs).labels
    ('1', '2', '3')
    >>> structure_count("Chỉ thị có mấy mục giao cho sở?", "d", cs) is None
    True
    """
    low = fold(question)
    own = [c for c in chunks if c.doc_id == doc_id]
    if _WHOLE.search(low):
        tops = _distinct(c.label.split(".")[0].split("-")[0] for c in own)
        return _counted([x for x in tops if x.isdigit() or re.fullmatch(r"[IVX]+", x)], own,
                        "sections" if "how many" in low else "mục")
    if not (_HOW_MANY.search(low) and (counted_noun := _COUNTED.search(low)) and _OF_NUMBERING.search(low)):
        return None
    if m := _RANGE.search(low):
        first, last = int(m.group(1)), int(m.group(2))
        labels = _distinct(c.label.split(".")[0].split("-")[0] for c in own)
        counted = [x for x in labels if x.isdigit() and first <= int(x) <= last]
    elif m := _WITHIN.search(low):
        head = m.group(1)
        subs = (c.label.split("-")[0] for c in own if c.label.startswith(f"{head}."))
        counted = [x for x in _distinct(subs) if x.count(".") == 1]
    else:
        return None
    return _counted(counted, own, _WRITTEN.get(counted_noun.group(0), counted_noun.group(0)))


def _counted(counted: list[str], own: list[Chunk], noun: str) -> Count | None:
    """The count of the labels ``counted`` (two or more), with the first and last clause as evidence."""
    if len(counted) < 2:
        return None
    ends = [next(c for c in own if c.label.split("-")[0] == x or c.label.split(".")[0] == x)
            for x in (counted[0], counted[-1])]
    evidence = tuple(Candidate(Hit(chunk=c, score=1.0, rank=1), Span(c.text, 0, len(c.text)), 1.0, []) for c in ends)
    return Count(len(counted), noun, tuple(counted), evidence)


def _distinct(labels) -> list[str]:
    return list(dict.fromkeys(labels))


def count_text(count: Count, lang: str, where: str) -> str:
    """The answer: the count of what the question counts, and the parts counted ("7 cơ quan — mục 2
    đến mục 8 của Chỉ thị 05/CT-CTUBND.")."""
    first, last = count.labels[0], count.labels[-1]
    if lang == "en":
        return f"{count.number} {count.noun}: items {first} to {last} of {where}."
    return f"{count.number} {count.noun} — mục {first} đến mục {last} của {where}."


# Bodies a question counts by name ("bao nhiêu cơ quan", "how many departments"), with the word a
# name of that kind starts with ("" for any body).
_BODIES = re.compile(r"\b(?:how many (?:[a-z-]+ )?(?P<en>agencies|bodies|departments|offices|members|units)"
                     r"|(?:bao nhieu|may) (?P<vi>co quan|don vi|so|phong|thanh vien))\b")
_KIND = {"departments": "so", "so": "so", "offices": "phong", "phong": "phong"}
_NAMED = re.compile(r"\b(?:ke ten|liet ke|neu ten|named|listed|la nhung|gom nhung)\b")


def listed_count(question: str, candidates: list[Candidate]) -> Count | None:
    """For "how many bodies are named …" where no sentence writes the number, the bodies the best of
    the first three candidates names (two or more, of the kind asked: "departments" counts the Sở
    only), counted; None otherwise.

    >>> from vanban.records import Chunk, Hit
    >>> text = "Thủ trưởng (Văn phòng UBND tỉnh và các Sở: Nội vụ, Tài chính, Tư pháp) có trách nhiệm"
    >>> chunk = Chunk("d#5", "d", "5", "item", "", text, "", 3, "")
    >>> c = Candidate(Hit(chunk, 1.0, 1), Span(text, 0, len(text)), 1.0, [])
    >>> listed_count("ke ten bao nhieu co quan thanh vien", [c]).number
    4
    >>> count = listed_count("How many departments are named as members?", [c])
    >>> count.number, count.noun
    (3, 'departments')
    >>> listed_count("ke ten bao nhieu thanh vien", [c]).noun
    'thành viên'
    """
    low = fold(question)
    m = _BODIES.search(low)
    if m is None or not _NAMED.search(low):
        return None  # "gồm bao nhiêu thành viên" counts members no clause names: no list answers it
    noun = m.group("en") or m.group("vi")
    kind = _KIND.get(noun, "")
    for cand in candidates[:3]:
        text = cand.sentence.text
        if listed := listed_under_head(text):
            # The list under a shared head, with the body joined to it ("Văn phòng UBND tỉnh và các
            # Sở: Nội vụ, …"), not every body the sentence names besides.
            joined = [a for a in find_agencies(text) if 0 <= listed[0].start - a.end <= 16
                      and fold(a.text).split()[0] != fold(listed[0].text).split()[0]]
            names = list(dict.fromkeys(s.text for s in [*joined, *listed]))
        else:
            names = list(dict.fromkeys(s.text for s in find_agencies(text)))
        if kind:
            names = [n for n in names if fold(n).split()[0] == kind]
        if len(names) >= 2:
            return Count(len(names), _WRITTEN.get(noun, noun), tuple(names), (cand,))
    return None


def listed_text(count: Count, lang: str, where: str) -> str:
    """The answer to ``listed_count``: the count, then the names ("6 cơ quan: Văn phòng UBND tỉnh, …")."""
    label = count.evidence[0].hit.chunk.label
    names = ", ".join(count.labels)
    if lang == "en":
        return f"{count.number} {count.noun}: {names} — {where}, clause {label}."
    return f"{count.number} {count.noun}: {names} — {where}, mục {label}."
