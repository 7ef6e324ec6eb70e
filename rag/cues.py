"""Cues in a question's wording that prefer some sentences beyond the words they share with it:
a figure the question quotes, a request for the directive's own judgement (its preamble), for the
periods of a report, for a purpose ("why"), or for one of the directive's parts (signature block,
header)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rag import asked, when
from rag.evidence import mentions, named_agencies
from rag.extract import Span, addressee
from rag.query import EN_STOP, VI_STOP, Query
from vanban.records import Chunk, Hit
from vanban.text import fold, words

QUOTED_BONUS = 0.25  # a sentence holding a figure or symbol the question quotes
ASSESSMENT_BONUS = 0.2  # the preamble, where a directive judges the situation, for "đánh giá … ra sao"
SHORTCOMING_BONUS = 0.1  # a preamble sentence stating a shortcoming, for "hạn chế nào", "what was lacking"
FREQUENCY_BONUS = 0.1  # a sentence naming report periods, for "theo những kỳ nào"
PART_BONUS = 0.2  # the part asked for: "who signed" → signature block, "issued when" → header
PLACE_BONUS = 0.2  # a sentence naming a place or channel ("tại …", "trên Trang …"), for "where", "ở đâu"
PURPOSE_BONUS = 0.1  # a sentence stating a purpose ("nhằm …", "tránh …"), for "why", "để làm gì"
ANNOUNCING_PENALTY = 0.1  # a sentence announcing what follows ("… một số nội dung sau:"), for "what must …"
MEMBERS_BONUS = 0.15  # a sentence listing what the question names ("đối tượng điều tra là: …"), for "gồm những ai"
DUTY_BONUS = 0.2  # a clause addressed to the body a "what does <body> have to do" question names
MAX_DUTY_CLAUSES = 4  # clauses quoted for such a question (the list budget is shared among them)

if TYPE_CHECKING:
    from rag.compose import Candidate


@dataclass(frozen=True)
class Cues:
    """What a question's wording prefers in a sentence, read once per question."""

    quoted: tuple[str, ...] = ()  # folded figures, dates and symbols the question quotes
    aside: tuple[str, ...] = ()  # those it sets aside ("besides …"): a sentence about them answers nothing new
    often: bool = False
    judged: bool = False
    shortcoming: bool = False
    purpose: bool = False
    place: bool = False
    members: frozenset[str] = frozenset()  # folded words naming a group whose members are asked
    parts: frozenset[str] = frozenset()
    content: bool = False  # a general question: its answer is what a sentence says, not that a list follows

    @classmethod
    def of(cls, query: Query, qt: str, naming: set[str], parts: set[str] | frozenset[str]) -> "Cues":
        """The cues of a question; ``naming`` are the words naming its directive (its own number
        only names the directive: "Công văn 1138" quotes nothing).

        >>> from rag.query import understand
        >>> Cues.of(understand("con số 80% trong công văn 1138 là chỉ tiêu gì"), "fact", set(), set()).quoted
        ('80%',)
        >>> Cues.of(understand("Chỉ thị 05 đánh giá thu hút đầu tư ra sao?"), "fact", set(), set()).judged
        True
        >>> Cues.of(understand("What does the directive hope to win from citizens?"), "fact", set(), set()).purpose
        True
        >>> c = Cues.of(understand("chi thi 05 yeu cau niem yet thu tuc hanh chinh o dau"), "fact", set(), set())
        >>> c.bonus("clause", "niêm yết tại Bộ phận một cửa"), c.bonus("clause", "việc niêm yết, cập nhật thủ tục")
        (0.2, 0.0)
        >>> c.bonus("clause", "các nhiệm vụ được phân công tại Phụ lục kèm theo Kế hoạch")  # a document, no place
        0.0
        """
        general = qt in {"fact", "list"}
        figures = [fold(t) for t in query.keep_tokens if re.search(r"[%/]", t) and fold(t) not in naming]
        aside = besides_words(query.text)  # "apart from Resolution 76/NQ-CP, …": known, not asked
        return cls(
            quoted=tuple(t for t in figures if t not in aside),
            aside=tuple(t for t in figures if t in aside),
            often=when.asks_frequency(query.text),
            judged=general and asked.asks_assessment(query.text),
            shortcoming=general and asked.asks_shortcoming(query.text),
            purpose=general and bool(_ASKS_PURPOSE.search(fold(query.text))),
            place=general and bool(_ASKS_PLACE.search(fold(query.text))),
            members=frozenset(_members_words(query)) if general else frozenset(),
            parts=frozenset(parts),
            content=general,
        )

    def purpose_at(self, text: str, after: int = 0) -> int:
        """Where ``text`` states a purpose ("nhằm …", "để …") at or after ``after``, for a question
        asking one; -1 otherwise.

        >>> Cues(purpose=True).purpose_at("Đẩy mạnh tuyên truyền, nhằm nâng cao nhận thức", 5)
        23
        """
        if not self.purpose:
            return -1
        m = _STATES_PURPOSE.search(text.lower(), max(0, after))
        return m.start() if m else -1

    def bonus(self, kind: str, text: str) -> float:
        """What a sentence of a chunk of ``kind`` gains from the cues."""
        gain = 0.0
        if self.often and when.states_frequency(text):
            gain += FREQUENCY_BONUS
        if self.quoted and any(t in fold(text) for t in self.quoted):
            gain += QUOTED_BONUS
        if self.aside and any(t in fold(text) for t in self.aside):
            gain -= QUOTED_BONUS
        if kind == "preamble":
            gain += ASSESSMENT_BONUS if self.judged else 0.0
            gain += SHORTCOMING_BONUS if self.shortcoming and asked.states_shortcoming(text) else 0.0
        if kind in self.parts:
            gain += PART_BONUS
        if self.purpose and _STATES_PURPOSE.search(text.lower()):
            gain += PURPOSE_BONUS
        if self.place and _STATES_PLACE.search(text):
            gain += PLACE_BONUS
        if self.members and any(set(m.group(1).split()) <= self.members for m in _LISTS_MEMBERS.finditer(fold(text))):
            gain += MEMBERS_BONUS
        elif self.content and _ANNOUNCES.search(fold(text)):
            gain -= ANNOUNCING_PENALTY
        return gain


# "… thực hiện tốt một số nội dung sau:", "Kế hoạch phải đảm bảo các yêu cầu sau:": what follows answers.
_ANNOUNCES = re.compile(r"\b(?:sau|nhu sau|sau day)\s*:\s*$")
# "… gồm những ai", "Who are the respondents …": the members of a group the question names.
_ASKS_MEMBERS = re.compile(r"\b(?:gom|bao gom|la) nhung (?:ai|gi|thanh phan nao)\b|^who (?:are|were) the\b")
# "đối tượng điều tra là: …", "thành phần gồm: …": two to four words naming a group, then its list.
_LISTS_MEMBERS = re.compile(r"\b((?:[a-z]+ ){1,3}[a-z]+) (?:la|gom|bao gom)\s*:")


def _members_words(query: Query) -> set[str]:
    """Folded words of a question asking a group's members, with its terms' Vietnamese ("respondents"
    reads "đối tượng điều tra"); empty for any other question.

    >>> from rag.query import understand
    >>> sorted(_members_words(understand("Who are the respondents of the survey?")))[:4]
    ['are', 'dieu', 'doi', 'khao']
    >>> _members_words(understand("Ai chủ trì khảo sát?"))
    set()
    """
    low = fold(query.text)
    if not _ASKS_MEMBERS.search(low):
        return set()
    return set(low.split()) | {w for t in query.terms for target in t.targets for w in fold(target).split()}


# "Why", "để làm gì", "nhằm mục đích gì", folded; and the words that state a purpose, as written.
_ASKS_PURPOSE = re.compile(r"\b(?:why|vi sao|tai sao|de lam gi|nham (?:muc dich )?gi|muc dich (?:gi|la gi)|"
                           r"for what (?:purpose|reason)|what (?:reason|purpose)|what for|ly do|"
                           r"hopes? to (?:win|achieve|gain|get)|aims? to achieve|to what end|nham dat (?:duoc )?gi)\b")
# "ở đâu", "where": a sentence naming a place or channel ("tại Bộ phận một cửa", "trên Trang thông tin …").
_ASKS_PLACE = re.compile(r"\b(?:o dau|tai dau|noi nao|where)\b")
# "tại Phụ lục", "tại Nghị định …" cite a document ("as set out in"), not a place.
_STATES_PLACE = re.compile(r"(?<!\w)(?:tại|trên|ở)\s+(?!(?:Phụ lục|Điều|Khoản|Mục|Nghị|Quyết định|Thông|Kế hoạch|Chỉ thị|"
                           r"Công văn|Văn bản|Báo cáo|Tờ trình)\b)(?:[A-ZĐ]|các\s|cổng|trang|bộ phận|hệ thống|phương tiện)")
_STATES_PURPOSE = re.compile(r"(?<!\w)(?:để|nhằm|tránh|góp phần|vì|bởi vì|do vậy|do đó)(?!\w)")


# The Fatherland Front is no state agency (never the answer to "which agency"), but the directives
# ask things of it ("Đề nghị Ủy ban Mặt trận Tổ quốc …"): a duties question may name it.
_FRONT = re.compile(r"\b(?:mat tran to quoc|mttq|fatherland front)\b")


def duty_bodies(query: Query) -> list[str]:
    """The bodies (``named_agencies`` keys, and "mat tran to quoc") a "what does <body> have to do"
    question names; [] for other questions."""
    if not asked.asks_duties(query.text):
        return []
    front = ["mat tran to quoc"] if _FRONT.search(fold(query.text)) else []
    return named_agencies(query.text, query.agency_terms) + front


def _to_any(who: Span | None, bodies: list[str]) -> bool:
    return who is not None and any(mentions(who.text, b) for b in bodies)


def addressed(query: Query, hits: list[Hit], chunks: list[Chunk]) -> list[Hit]:
    """For a "what does <body> have to do" question, the clauses addressed to that body in the
    directives where a retrieved clause is (its tasks often run over sibling clauses "a)" … "d)"
    that retrieval ranks apart), as extra hits after ``hits``."""
    if not (bodies := duty_bodies(query)):
        return []

    def to_body(hit: Hit) -> bool:
        return _to_any(addressee(hit.chunk.text, hit.chunk.heading), bodies)

    docs = {h.chunk.doc_id for h in hits if to_body(h)}
    have = {h.chunk.id for h in hits}
    extra = [Hit(c, 0.0, rank=len(hits) + 1) for c in chunks if c.doc_id in docs and c.id not in have]
    return [h for h in extra if to_body(h)]


def duty_holders(query: Query, qt: str, candidates: list["Candidate"]) -> list["Candidate"]:
    """For "what does <body> have to do" ("Tôi làm ở Phòng Tư pháp, Công văn 1138 giao tôi việc
    gì?"), the sentences of clauses addressed to a body the question names, scored up by
    ``DUTY_BONUS``: being addressed to it is what the question asks, whatever else it shares with
    them; the other directives' sentences follow. [] for other questions, or when no retrieved
    clause is addressed to the body."""
    if qt not in {"fact", "list"}:
        return []
    bodies = duty_bodies(query)
    own = [replace(c, score=round(c.score + DUTY_BONUS, 4), support=round(c.support + DUTY_BONUS, 4))
           for c in candidates if _to_any(c.agency, bodies)]
    held = {c.hit.chunk.doc_id for c in own}
    # A directive that addresses no clause to the body may still name it (a council it sits on).
    return own + [c for c in candidates if c.hit.chunk.doc_id not in held] if own else []


# Words of a duties question that only set its scene or ask it ("Tôi là cán bộ … giao tôi việc gì",
# "I'm at … what does it want from us"): with nothing else (and the directives' places), all the
# body's tasks are asked for.
_DUTY_WORDS = frozenset(
    "toi chung minh ta lam o la can bo cong chuc vien giao viec nhiem vu gi nhung phai can bat yeu cau de nghi "
    "vai tro trach so phong tinh huyen xa i im m am we us our at in work works working what does "
    "do must should have has to want wants ask asks require requires expect give gives from of the a an under for "
    "tasks duties responsibilities role provincial district".split())


def asks_all_duties(query: Query, naming: set[str]) -> bool:
    """Whether a duties question asks for all of the body's tasks ("Kế hoạch 8607 giao sở tôi những
    việc gì?") rather than those on a topic ("snv phải làm gì về SIPAS"): none of its words is
    left once the scene, the body, ``naming`` (words naming its directive and the directives'
    places) and the asking are set aside."""
    body = {w for b in named_agencies(query.text, query.agency_terms) for w in b.split()}
    body |= {w for t in query.terms if t.kind == "agency" for w in fold(t.source).split()}
    skip = VI_STOP | EN_STOP | _DUTY_WORDS | naming | body
    return not [w for w in words(fold(query.text)) if w.isalpha() and w not in skip]


def duty_clauses(best: "Candidate", duties: list["Candidate"]) -> list["Candidate"]:
    """The best sentence of each clause of ``best``'s directive addressed to the body (up to
    ``MAX_DUTY_CLAUSES``), in the directive's order: the body's tasks, each with its citation."""
    by_label: dict[str, "Candidate"] = {}
    for c in duties:
        if c.hit.chunk.doc_id == best.hit.chunk.doc_id:
            by_label.setdefault(c.hit.chunk.label, c)
    picked = list(by_label.values())[:MAX_DUTY_CLAUSES]
    return sorted(picked, key=lambda c: [(0, int(p), "") if p.isdigit() else (1, 0, p)
                                         for p in re.split(r"[.-]", c.hit.chunk.label)])


# "Ngoài X, … còn …", "Besides X, what …": X is known to the asker; the answer is something else.
_BESIDES = re.compile(r"\bngoai\s+([^,?]+?)\s*(?:,|\bcon\b)"
                      r"|\b(?:besides|apart from|other than|in addition to)\s+([^,?]+?),")


def besides_words(text: str) -> set[str]:
    """The folded words of what a question sets aside ("ngoài …", "besides …").

    >>> sorted(besides_words("ngoai nang cao chat luong cap GCN, cv 1138 con yeu cau gi"))
    ['cao', 'cap', 'chat', 'gcn', 'luong', 'nang']
    >>> sorted(besides_words("Besides procedure control, what change is the office told to pursue?"))
    ['control', 'procedure']
    >>> besides_words("Ngoài giờ hành chính")
    set()
    """
    m = _BESIDES.search(fold(text))
    return set((m.group(1) or m.group(2)).split()) if m else set()


def set_aside(query: Query) -> set[str]:
    """``besides_words`` of a question, with the folded Vietnamese words of the glossary terms
    found among them ("Apart from implementing Resolution 76/NQ-CP" sets aside "thực hiện",
    "nghị quyết" and "chính phủ" too).

    >>> from rag.query import understand
    >>> sorted(set_aside(understand("Apart from implementing Resolution 76/NQ-CP, what does it aim at?")))[:5]
    ['76/nq-cp', 'chinh', 'cua', 'hien', 'implementing']
    """
    aside = besides_words(query.text)
    if not aside:
        return aside

    def among(source: str) -> bool:
        return all(any(w in b or b.startswith(w[:5]) for b in aside) for w in source.split())

    return aside | {w for t in query.terms if among(t.source) for v in t.targets for w in fold(v).split()}
