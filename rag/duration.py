"""Durations the directives imply but never write: the days between two documents' dates, the
months a reporting period spans ("từ ngày 01/11/2022 đến ngày 31/5/2023" is 7 months)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rag import extract, when
from rag.compose import Candidate
from rag.extract import Span
from rag.prior import DocInfo, document_numbers, leading_number, own_numbers
from rag.query import english_dates
from vanban.records import Chunk, Document, Hit
from vanban.text import fold

_UNIT_Q = re.compile(r"\b(?:bao nhieu|may)\s+(ngay|thang)\b|\bhow many\s+(?:\w+\s+)?(days|months)\b"
                     r"|\bhow (far|long) apart\b")
_DATE = (r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*((?:19|20)\d\d)"
         r"|(?<![\d/])(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+((?:19|20)\d\d)")
_ONE_DATE = re.compile(_DATE)
_NO_YEAR = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})(?![\d/])|(?<![\d/])(\d{1,2})\s+thang\s+(\d{1,2})\b")
_RANGE = re.compile(rf"\btu\s+(?:ngay\s+)?(?:{_DATE})\s+den\s+(?:het\s+)?(?:ngay\s+)?(?:{_DATE})")


@dataclass
class Duration:
    """A computed duration: its wording and the evidence it was computed from."""

    text: str
    evidence: list[Candidate]


# A reporting period's length is asked about its data or its report, not any span of months.
_REPORTING = re.compile(r"\b(?:so lieu|du lieu|bao cao|ky bao cao|data|report\w*|period)\b")
_ORDER_Q = re.compile(r"\b(?:cai nao|van ban nao|nao)\s+(?:duoc\s+)?(?:ban hanh|ky|ra doi)\s+truoc\b"
                      r"|\btruoc hay sau\b|\bwhich\b.{0,40}\b(?:first|earlier)\b|\bcame first\b")


def asks_order(question: str) -> bool:
    """Whether a question asks which of two documents came first.

    >>> asks_order("thong bao 98 va chi thi 05 cai nao ban hanh truoc"), asks_order("Which of the two was issued first?")
    (True, True)
    >>> asks_order("Công văn 1138 ban hành ngày nào?")
    False
    """
    return bool(_ORDER_Q.search(fold(question)))


def asked_unit(question: str) -> str:
    """``day`` or ``month`` when a question asks how many days or months, else "".

    >>> asked_unit("Tờ trình 564 được trình trước Công văn 1138 mấy ngày?"), asked_unit("bao nhiêu tháng?")
    ('day', 'month')
    >>> asked_unit("How far apart were the two directives issued?"), asked_unit("Ai chủ trì?")
    ('day', '')
    """
    m = _UNIT_Q.search(fold(question))
    if not m:
        return ""
    unit = m.group(1) or m.group(2) or "day"
    return "month" if unit.startswith(("thang", "month")) else "day"


def parse_date(text: str, year: int | None = None) -> date | None:
    """The first full date of a text (``31/5/2023``, ``ngày 06 tháng 12 năm 2021``), or None; with
    ``year``, a day and month written without one ("trước ngày 05/6") are read in that year.

    >>> parse_date("trước ngày 31/5/2023"), parse_date("ngày 06 tháng 12 năm 2021")
    (datetime.date(2023, 5, 31), datetime.date(2021, 12, 6))
    >>> parse_date("ngày /2 tháng 01 năm 2022") is None, parse_date("trước ngày 05/6"), parse_date("05/6", 2023)
    (True, None, datetime.date(2023, 6, 5))
    """
    m = _ONE_DATE.search(fold(text))
    if m is None and year is not None and (m := _NO_YEAR.search(fold(text))):
        return _date((m.group(1) or m.group(3), m.group(2) or m.group(4), str(year), None, None, None))
    return _date(m.groups()) if m else None


@lru_cache(maxsize=8192)
def stated_dates(text: str) -> frozenset[date]:
    """The dates a text writes ("ngày 18/3/2019", "ngày 18 tháng 3 năm 2019"; English ones as the
    question's date terms give them); cached, as clauses are read for it again and again.

    >>> stated_dates("Thông báo ngày 18 tháng 3 năm 2019") == stated_dates("Thông báo số 98/TB-VPCP ngày 18/3/2019")
    True
    """
    spans = [s.text for s in extract.find_dates(text)] + [t for term in english_dates(text) for t in term.targets]
    return frozenset(d for s in spans if (d := parse_date(s)))


def _date(groups: tuple[str | None, ...]) -> date | None:
    d, mo, y = (groups[0], groups[1], groups[2]) if groups[0] else (groups[3], groups[4], groups[5])
    try:
        return date(int(y), int(mo), int(d))
    except (TypeError, ValueError):
        return None


def months_spanned(start: date, end: date) -> float:
    """Months from ``start`` to ``end``, both days included, to one decimal.

    >>> months_spanned(date(2022, 11, 1), date(2023, 5, 31)), months_spanned(date(2022, 11, 1), date(2023, 10, 31))
    (7.0, 12.0)
    """
    return round(((end - start).days + 1) / 30.44, 1)


class Durations:
    """Computes durations from the loaded directives' dates."""

    def __init__(self, docs: dict[str, DocInfo], documents: dict[str, Document], chunks: list[Chunk]):
        self.docs = docs
        self.documents = documents
        self.chunks = chunks

    def answer(self, question: str, lang: str, hits: list[Hit],
               admits: Callable[[Chunk], bool] | None = None) -> Duration | None:
        """The duration a question asks for, or None when it asks none or the dates are not there;
        ``admits`` (the search filters) limits the clauses a date may come from."""
        unit = asked_unit(question)
        numbers = document_numbers(question)
        if len(numbers) >= 2 and (unit == "day" or asks_order(question)):
            return self._between_documents(numbers[:2], lang, order=not unit, admits=admits)
        if unit == "month" and _REPORTING.search(fold(question)):
            return self._period(question, lang, hits)
        return None

    def _between_documents(self, numbers: list[str], lang: str, order: bool = False,
                           admits: Callable[[Chunk], bool] | None = None) -> Duration | None:
        """The days between two documents' dates, or (``order``) which came first."""
        dated = [self._dated(n, admits) for n in numbers]
        if any(d is None for d in dated):
            return None
        (first, c1), (second, c2) = sorted(dated, key=lambda x: x[0])  # type: ignore[misc]
        days = (second - first).days
        if order and days == 0:
            text = (f"The same day: «{c1.sentence.text}», «{c2.sentence.text}»." if lang == "en"
                    else f"Cùng ngày: {c1.sentence.text}; {c2.sentence.text}.")
        elif order and lang == "en":
            text = f"«{c1.sentence.text}» came first; «{c2.sentence.text}» followed {_days_en(days)} later."
        elif order:
            text = f"{c1.sentence.text} ban hành trước; {c2.sentence.text} (sau {days} ngày)."
        elif lang == "en":
            text = f"{_days_en(days)}: «{c1.sentence.text}», then «{c2.sentence.text}»."
        else:
            text = f"{days} ngày: {c1.sentence.text}; {c2.sentence.text}."
        return Duration(text, [c1, c2])

    def _dated(self, number: str, admits: Callable[[Chunk], bool] | None = None) -> tuple[date, Candidate] | None:
        """A document's date and where it is written: a loaded directive's header, else the date
        right after its symbol where a directive cites it."""
        n = number.lstrip("0")
        chunks = [c for c in self.chunks if admits is None or admits(c)]
        if n in own_numbers(self.docs):
            for doc_id, info in self.docs.items():
                if leading_number(info.number) == n:
                    meta = self.documents[doc_id].meta
                    header = next((c for c in chunks if c.doc_id == doc_id and c.kind == "header"), None)
                    if not meta.date or header is None:
                        return None
                    issued = date.fromisoformat(meta.date)
                    # The header's facts in one line (its scan may read "ngày (08 tháng 06"); the whole header is cited.
                    span = Span(f"{meta.doc_type} {meta.number} ngày {issued:%d/%m/%Y}", 0, len(header.text))
                    return issued, Candidate(Hit(chunk=header, score=1.0, rank=1), span, 1.0, [])
            return None
        for chunk in chunks:
            low = fold(chunk.text)
            if len(low) != len(chunk.text):
                continue
            for cite in extract.find_symbols(chunk.text):
                if leading_number(cite.text) != n:
                    continue
                m = _ONE_DATE.search(low, cite.end, cite.end + 40)
                if m and (when := _date(m.groups())):
                    span = Span(chunk.text[cite.start : m.end()], cite.start, m.end())
                    return when, Candidate(Hit(chunk=chunk, score=1.0, rank=1), span, 1.0, [])
        return None

    def _period(self, question: str, lang: str, hits: list[Hit]) -> Duration | None:
        """The months of the "từ … đến …" period nearest the report the question names (a clause
        may give the six-month and the yearly period side by side)."""
        wanted = when.periods(question)
        for hit in hits[:5]:
            text = hit.chunk.text
            low = fold(text)
            if len(low) != len(text):
                continue
            ranges = list(_RANGE.finditer(low))
            if wanted:
                # The part of the clause between the previous period and this one names its report.
                ranges = [m for i, m in enumerate(ranges)
                          if when.names_periods(low[(ranges[i - 1].end() if i else 0) : m.end()], wanted)]
            for m in ranges:
                start, end = _date(m.groups()[:6]), _date(m.groups()[6:])
                if start is None or end is None or end <= start:
                    continue
                months = months_spanned(start, end)
                count = f"{round(months)}" if abs(months - round(months)) <= 0.1 else (
                    f"about {months:.1f}" if lang == "en" else f"khoảng {months:.1f}".replace(".", ","))
                span = Span(text[m.start() : m.end()], m.start(), m.end())
                cand = Candidate(hit, span, 1.0, [])
                quote = text[m.start() : m.end()]
                unit = ("month" if months == 1 else "months") if lang == "en" else "tháng"
                return Duration(f"{count} {unit}: «{quote}»." if lang == "en" else f"{count} {unit}: {quote}.", [cand])
        return None


def _days_en(days: int) -> str:
    """``1 day``, ``8 days``."""
    return f"{days} day{'s' if days != 1 else ''}"
