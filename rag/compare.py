"""Questions that compare two dates or two figures: "sớm hơn mấy ngày", "how many days earlier",
"có trùng nhau không", "trước hay sau", "by how many points does … exceed". Each side is asked on
its own, through the whole pipeline; the answer states both with what the comparison asks (the
days or points between them, same or not, which comes first), and cites the clauses of both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from rag import extract
from rag.duration import parse_date
from vanban.records import Answer
from vanban.text import fold

# Folded cues, each with the pattern that cuts the question into its lead-in, first and second side.
_DAYS_VI = re.compile(r"^(?P<a>.+?)\s+(?P<dir>som|muon|cham) hon\s+(?P<b>.+?)\s+(?:may|bao nhieu) ngay\b")
_DAYS_EN = re.compile(r"\bhow many days (?P<dir>earlier|later|before|after|sooner)\s+(?:is|are|does|do|must|should)\s+"
                      r"(?P<a>.+?)\s+than\s+(?P<b>.+?)\s*\??$")
_POINTS_EN = re.compile(r"\bby how many (?:percentage )?points\s+(?:does|do|is|are)\s+(?P<a>.+?)\s+"
                        r"(?P<dir>exceed|beat|top|trail)s?\s+(?P<b>.+?)\s*\??$")
_SAME_VI = re.compile(r"^(?P<a>.+?)\s+va\s+(?P<b>.+?)\s+co trung (?:nhau|ngay)(?: khong)?\b")
_ORDER_VI = re.compile(r"^(?P<a>.+?)\s+(?:la\s+)?truoc hay sau\s+(?P<b>.+?)\s*\??$")
# "Compare the half-year reporting deadlines: departments … versus communes …": what is compared,
# then its two sides; the dates or figures the sides are given decide how.
_VERSUS_EN = re.compile(r"\bcompare (?:the )?(?P<what>[^:,?]+?)(?::|,| for| of| between)\s+(?P<a>.+?)\s+"
                        r"(?:versus|vs\.?|against|compared with)\s+(?P<b>.+?)\s*\??$")
_PATTERNS = (("days", _DAYS_VI), ("days", _DAYS_EN), ("points", _POINTS_EN), ("same", _SAME_VI),
             ("order", _ORDER_VI), ("versus", _VERSUS_EN))
_DOC_NUMBER = re.compile(r"\b(cong van|chi thi|ke hoach|quyet dinh)\s+(\d+(?:/[\w-]+)?)")  # folded


@dataclass(frozen=True)
class Comparison:
    """What is compared: ``kind`` ("days", "points", "same", "order") and the two sub-questions."""

    kind: str
    first: str
    second: str  # "" when the question writes the second date itself (``given``)
    given: str = ""


def _cut(question: str, m: re.Match) -> tuple[str, str, str]:
    """The lead-in (up to a comma before the first side), the first and the second side, as typed.
    The folded text has the question's length (NFC Vietnamese folds letter for letter)."""
    a, b = question[m.start("a") : m.end("a")], question[m.start("b") : m.end("b")]
    lead = question[: m.start()].strip(" ,")  # "For the full-year report, how many days …"
    if not lead and (comma := a.rfind(", ")) > 0:
        lead, a = a[:comma], a[comma + 2 :]
    return lead.strip(), a.strip(" ,"), b.strip(" ,?")


def comparison(question: str) -> Comparison | None:
    """The comparison a question asks, or None.

    >>> c = comparison("ubnd xa nop bao cao 6 thang len huyen som hon han so nganh nop so noi vu may ngay")
    >>> c.kind, c.first
    ('days', 'ubnd xa nop bao cao 6 thang len huyen truoc ngay nao')
    >>> c.second
    'han so nganh nop so noi vu bao cao 6 thang truoc ngay nao'
    >>> comparison("Hạn rà soát nêu trong Công văn 1138 là trước hay sau ngày ban hành công văn?").second
    'ngày ban hành công văn 1138'
    >>> comparison("In the 1138 letter, how many days earlier is the report due than the plan?").first
    'In the 1138 letter, when is the report due?'
    >>> comparison("Báo cáo gửi Sở Nội vụ trước hay sau ngày 15/6?").given
    'ngày 15/6'
    >>> c = comparison("For the plan, compare the report deadlines: departments versus communes?")
    >>> c.kind, c.first
    ('versus', 'For the plan, what is the report deadlines for departments?')
    >>> c.second
    'For the plan, what is the report deadlines for communes?'
    >>> comparison("Sở Nội vụ chủ trì và phối hợp với những ai?") is None
    True
    """
    low = fold(question)
    if len(low) != len(question):
        return None
    for kind, pattern in _PATTERNS:
        if m := pattern.search(low):
            break
    else:
        return None
    lead, a, b = _cut(question, m)
    en = pattern in (_DAYS_EN, _POINTS_EN, _VERSUS_EN)
    if en and re.match(r"(?i)the one\b", b) and (head := re.match(r"(?i)(.+?)\s+(?:for|of|in|at)\b", a)):
        b = head.group(1) + b[len("the one"):]  # "the target for regular surveys … the one for ad-hoc ones"
    if kind == "order" and not _DOC_NUMBER.search(fold(b)) and (doc := _DOC_NUMBER.search(fold(a))):
        # "… trong Công văn 1138 là trước hay sau ngày ban hành công văn": that letter's date.
        if (at := re.search(rf"\b{doc.group(1)}\b", fold(b))) is not None:
            b = f"{b[:at.end()]} {doc.group(2)}{b[at.end():]}"
    if kind == "days" and not en:
        b = _borrowed(a, b)
    prefix = f"{lead}, " if lead else ""
    if parse_date(b, date.today().year):
        # "gửi trước hay sau ngày 15/6?": the question writes the other date itself.
        ask = " when is it due?" if en else (" truoc ngay nao" if low == question else " trước ngày nào?")
        return Comparison(kind, f"{prefix}{a}{ask}", "", given=b)
    if kind == "versus":
        what = question[m.start("what") : m.end("what")].strip()
        return Comparison(kind, f"{prefix}what is the {what} for {a}?", f"{prefix}what is the {what} for {b}?")
    if en:
        verb = "what percentage is" if kind == "points" else "when is"
        return Comparison(kind, f"{prefix}{verb} {a}?", f"{prefix}{verb} {b}?")
    if kind == "order" and re.search(r"\bngay ban hanh\b", fold(b)):
        return Comparison(kind, f"{prefix}{a} là ngày nào?", b)
    ask = " truoc ngay nao" if low == question else " trước ngày nào?"
    return Comparison(kind, f"{prefix}{a}{ask}", f"{prefix}{b}{ask}")


# Words that say who sends to whom, and when: a side made only of them names no event of its own.
_WHO = set("ubnd uy ban nhan dan xa huyen tinh so phong cap nganh noi vu len ve cho gui nop toi den cua cac han "
           "truoc ngay".split())


def _borrowed(a: str, b: str) -> str:
    """The second side, with the first side's event words when it names none of its own ("xã nộp
    báo cáo 6 tháng lên huyện sớm hơn hạn sở ngành nộp Sở Nội vụ …": the same report).

    >>> _borrowed("xa nop bao cao 6 thang len huyen", "han so nganh nop so noi vu")
    'han so nganh nop so noi vu bao cao 6 thang'
    """
    have = set(fold(b).split())
    if len(have - _WHO) > 1:
        return b
    extra = [w for w in a.split() if fold(w) not in have and fold(w) not in _WHO]
    return " ".join([b, *extra])


def answered_date(answer: Answer, year: int | None = None) -> date | None:
    """The first date an answer gives (its lead, before the quote), the year taken from ``year``
    when the directive writes none ("trước ngày 05/6").

    >>> answered_date(Answer(question="", answer="trước ngày 05/6 — …", lang="vi"), 2023)
    datetime.date(2023, 6, 5)
    >>> answered_date(Answer(question="", answer="từ ngày 01/11/2022; trước 31/10/2023 — …", lang="vi"))
    datetime.date(2023, 10, 31)
    """
    spans = extract.find_dates(answer.answer.split(" — ")[0])
    # Of "từ ngày 01/11/2022; đến ngày 31/10/2023; trước 31/10/2023", the deadline.
    deadline = [s for s in spans if re.match(r"(?:truoc|han|cham nhat)\b", fold(s.text))]
    for span in deadline + spans:
        if found := parse_date(span.text, year or date.today().year):
            return found
    return None


def _year(answer: Answer) -> int | None:
    m = re.search(r"/(20\d\d)\b|\bnam (20\d\d)\b", fold(answer.answer))
    return int(m.group(1) or m.group(2)) if m else None


_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")


def compared(question: str, comp: Comparison, one: Answer, two: Answer | None) -> Answer:
    """The answer to a comparison from the answers to its two sides (``two`` is None when the
    question gives the second date); abstains when a side is not answered with what it compares."""
    if two is None:
        two = replace(one, answer=comp.given, citations=[], hits=[])
    if one.abstained or two.abstained:
        return replace(one if one.abstained else two, question=question)
    lang = one.lang
    both = [one, two]
    citations, seen = [], set()
    for c in (c for a in both for c in a.citations):
        if (c.doc_id, c.clause) not in seen:
            seen.add((c.doc_id, c.clause))
            citations.append(c)
    hits = one.hits + [h for h in two.hits if h not in one.hits]
    base = replace(one, question=question, citations=citations, hits=hits,
                   confidence=min(one.confidence, two.confidence))
    sides = one.answer if comp.given else f"{one.answer} {two.answer}"
    p1, p2 = (_PERCENT.search(a.answer.split(" — ")[0]) for a in both)
    if comp.kind == "points" or comp.kind == "versus" and p1 and p2:
        if not (p1 and p2):
            return replace(one, question=question, abstained=True, answer=_NOT_COMPARED[lang == "en"])
        diff = abs(float(p1.group(1).replace(",", ".")) - float(p2.group(1).replace(",", ".")))
        head = f"{diff:g} percentage points" if lang == "en" else f"{diff:g} điểm phần trăm"
        return replace(base, answer=f"{head}. {sides}")
    year = _year(one) or _year(two)
    d1, d2 = answered_date(one, year), answered_date(two, year)
    if d1 is None or d2 is None:
        return replace(one, question=question, abstained=True, answer=_NOT_COMPARED[lang == "en"])
    days = abs((d2 - d1).days)
    if comp.kind == "days":
        head = f"{days} days" if lang == "en" else f"{days} ngày"
    elif comp.kind == "versus":
        order = ("the first is earlier" if d1 < d2 else "the second is earlier") if lang == "en" else \
            ("mốc thứ nhất sớm hơn" if d1 < d2 else "mốc thứ hai sớm hơn")
        head = ("The same date" if lang == "en" else "Cùng ngày") if d1 == d2 else \
            (f"{days} days apart; {order}" if lang == "en" else f"Cách nhau {days} ngày; {order}")
    elif comp.kind == "same":
        head = ("Yes, the same date" if lang == "en" else "Có, trùng ngày") if d1 == d2 else \
            (f"No, {days} days apart" if lang == "en" else f"Không, cách nhau {days} ngày")
    else:
        head = ("Before" if lang == "en" else "Trước") if d1 < d2 else ("After" if lang == "en" else "Sau") \
            if d1 > d2 else ("The same day" if lang == "en" else "Cùng ngày")
    return replace(base, answer=f"{head}. {sides}")


_NOT_COMPARED = {False: "Không tìm thấy đủ hai mốc để so sánh trong các văn bản đã nạp.",
                 True: "Not found in the loaded directives: they do not give both things to compare."}
