"""What a "when" (or "how often") question asks: the dates of events and deadlines a sentence holds,
the periods a question names ("báo cáo 6 tháng", "the full-year report"), how often something is
done, taking effect; and which of a sentence's dates or numbers stand nearest the question's words."""

from __future__ import annotations

import re

from typing import TYPE_CHECKING, Callable

from rag import extract
from rag.blocks import asks_issue_date
from rag.qtype import PERIOD_Q, TERSE_DEADLINE
from vanban.text import fold

if TYPE_CHECKING:
    from rag.compose import Candidate


def dating(question: str, parts: set[str], candidates: list["Candidate"],
           issue_dates: Callable[[str, list["Candidate"]], list["Candidate"]]) -> list["Candidate"] | None:
    """The candidates of a "when" question that date what it asks; ``None`` when none can.

    Args:
        question: The question.
        parts: The directive's parts it asks about (``blocks.part_kinds``).
        candidates: Answer sentences, best first.
        issue_dates: Picks the header dates of the directive an issue-date question points at
            (``parts.Parts.issue_dates``).
    """
    if "header" not in parts:
        # The header's date is the issue date; it answers no other "when".
        candidates = [c for c in candidates if c.hit.chunk.kind != "header"]
    elif asks_issue_date(question) and not (candidates := issue_dates(question, candidates)):
        return None
    if speaks_of_effect(question):
        # "có hiệu lực từ ngày nào": only a sentence about taking effect answers, not a deadline.
        candidates = [c for c in candidates if speaks_of_effect(c.sentence.text)]
        if not candidates:
            return None
    if wanted := periods(question):
        # "Báo cáo 6 tháng gửi trước ngày nào?": a deadline for another report does not answer.
        candidates = [c for c in candidates if names_periods(c.hit.chunk.text, wanted)]
        # Of a clause naming both reports, the sentence naming the asked one ("báo cáo năm trước …").
        candidates = [c for c in candidates if names_periods(c.sentence.text, wanted)] or candidates
    return candidates


def nearest_first(entities: list[extract.Span], topic: list[str], text: str, at: int = -1,
                  deadline: bool = False) -> list[extract.Span]:
    """Order dates/numbers: the one in the question's hole (from ``at``) first, then, for a question
    asking a deadline, a date something is due by ("trước 31/10/2023", not the period "từ ngày
    01/11/2022" beside it), then by how many question words stand just before them ("cả năm trước 25/10").

    >>> spans = [extract.Span("từ ngày 01/11/2022", 0, 18), extract.Span("trước 31/10/2023", 30, 46)]
    >>> [s.text for s in nearest_first(spans, [], "", deadline=True)]
    ['trước 31/10/2023', 'từ ngày 01/11/2022']
    >>> t = "6 tháng đầu năm trước ngày 10/6; báo cáo năm trước 31/10/2023"
    >>> spans = [extract.Span("trước ngày 10/6", 16, 31), extract.Span("trước 31/10/2023", 45, 61)]
    >>> [s.text for s in nearest_first(spans, ["bao", "cao", "nam"], t, deadline=True)]
    ['trước 31/10/2023', 'trước ngày 10/6']
    """

    def near(span: extract.Span) -> int:
        before = fold(text[max(0, span.start - 50) : span.start])
        return sum(1 for w in topic if re.search(rf"\b{re.escape(w)}\b", before))

    def led(span: extract.Span) -> int:
        # Question words right before the date, none between: "báo cáo năm trước 31/10" is the
        # yearly report's, though "6 tháng đầu năm trước ngày 10/6" holds as many question words.
        words = re.findall(r"\w+", fold(text[max(0, span.start - 50) : span.start]))
        return next((i for i, w in enumerate(reversed(words)) if w not in topic), len(words))

    def due(span: extract.Span) -> bool:
        return deadline and bool(re.match(r"(?:truoc|cham nhat|han)\b", fold(span.text)))

    return sorted(entities, key=lambda e: (not (at >= 0 and 0 <= e.start - at <= 12), not due(e), -min(led(e), 3),
                                           -near(e), e.start))


DEADLINE = re.compile(r"\b(by (what|which) date|by when|deadline|due|han chot|thoi han|han cuoi|"
                      + TERSE_DEADLINE + r"|truoc ngay nao|"
                      r"han (?:la )?(?:khi nao|bao gio|ngay nao))\b")


def event_dates(text: str, question: str) -> list[extract.Span]:
    """Dates of events and deadlines in ``text``: the date of a cited document ("Công văn số
    1763/UBND-NC ngày 31/5/2023") only when the question names that document.

    >>> [d.text for d in event_dates("Thực hiện Công văn số 1763/UBND-NC ngày 31/5/2023; xong trước 20/6/2023", "khi nào?")]
    ['trước 20/6/2023']
    >>> [d.text for d in event_dates("Công văn số 1763/UBND-NC ngày 31/5/2023", "Công văn 1763 ban hành ngày nào?")]
    ['ngày 31/5/2023']
    >>> [d.text for d in event_dates("theo Nghị định số 167/2017/NĐ-CP ngày 31/12/2017", "By what date … under Decree 167?")]
    []
    >>> [d.text for d in event_dates("Nghị định số 167/2017/NĐ-CP ngày 31/12/2017", "theo Nghị định 167, hạn khi nào?")]
    []
    """
    symbols = extract.find_symbols(text)
    # A deadline is never the date a cited document was issued, even when the question names it.
    asked = set() if DEADLINE.search(fold(question)) else set(re.findall(r"\d+", fold(question)))
    out = []
    for date in extract.find_dates(text):
        cited = next((s for s in symbols if 0 <= date.start - s.end <= 8), None)
        if cited is None or (re.findall(r"\d+", cited.text) or [""])[0] in asked:
            out.append(date)
    return out


_EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "six": 6, "nine": 9, "twelve": 12}
_EN_UNITS = {"month": "thang", "months": "thang", "quarter": "quy", "quarters": "quy", "week": "tuan", "weeks": "tuan"}
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "first": 1, "second": 2, "third": 3, "fourth": 4}
_ROMAN = {1: "i", 2: "ii", 3: "iii", 4: "iv"}


def periods(question: str) -> list[str]:
    """Periods a question qualifies its subject by ("báo cáo 6 tháng", "the 6-month report"),
    folded as a clause would write them: a clause that answers it names the same period.

    >>> periods("Báo cáo 6 tháng gửi trước ngày nào?"), periods("When is the 6-month report due?")
    (['6 thang'], ['6 thang'])
    >>> periods("Công văn 1138 ban hành ngày nào?")
    []
    >>> periods("ubnd xa gui bao cao ca nam truoc ngay nao"), periods("When is the six-month report due?")
    (['ca nam'], ['6 thang'])
    >>> periods("số liệu báo cáo năm tính bao nhiêu tháng?"), periods("báo cáo năm 2023")
    (['ca nam'], [])
    >>> periods("hạn nộp báo cáo PAPI cả năm 2023 là ngày nào?")
    ['ca nam']
    >>> periods("chi thi 05 quy dinh gi"), periods("Trước mồng 1 tháng 4 năm 2023 phải gửi gì?")
    ([], [])
    >>> periods("bao cao quy 1 gui truoc ngay nao"), periods("When is the third-quarter report due?")
    (['quy 1'], ['quy 3'])
    >>> periods("báo cáo định kỳ hàng quý phải gửi trước ngày nào"), periods("When is the quarterly report due?")
    (['hang quy'], ['hang quy'])
    """
    low = fold(question).lower()
    low = re.sub(r"\b(one|two|three|six|nine|twelve)(?=[\s-]+(?:months?|quarters?|weeks?)\b)",
                 lambda m: str(_EN_NUMBERS[m.group(1)]), low)
    # Not a date ("mồng 1 tháng 4") nor a word that starts with "quy" ("Chỉ thị 05 quy định").
    found = [f"{int(n)} {u}" for n, u in re.findall(r"\b(\d{1,2})\s+(thang|quy|tuan)\b(?!\s+\d)"
                                                       r"(?!\s+(?:dinh|hoach|che|trinh|mo|chuan)\b)", low)]
    found += [f"{int(n)} {_EN_UNITS[u]}" for n, u in re.findall(r"\b(\d{1,2})[\s-]+(months?|quarters?|weeks?)\b", low)]
    # One quarter ("quý I", "quý 1", "Q1", "the first quarter"), not a span of quarters ("3 quý").
    found += [f"quy {_QUARTERS.get(n) or int(n)}" for n in re.findall(r"\bquy\s+(iv|iii|ii|i|[1-4])\b", low)]
    found += [f"quy {_QUARTERS.get(word) or int(digit)}"
              for word, digit in re.findall(r"\b(first|second|third|fourth)[\s-]+quarter\b|\bq([1-4])\b", low)]
    if not found and re.search(r"\b(?:hang|moi) quy\b|\bquarterly\b", low):
        found.append("hang quy")  # every quarter's report: a clause that dates one names quarters
    if re.search(r"\b(?:bao cao|report)\s+nam\b(?!\s+\d)|\bca nam\b|\bfull[\s-]year\b|\bwhole[\s-]year\b"
                 r"|\b(?:annual|yearly)\s+(?:\w+\s+)?report\b", low):
        found.append("ca nam")  # the full-year report, not the 6-month one
    return list(dict.fromkeys(found))


def names_periods(text: str, wanted: list[str]) -> bool:
    """Whether ``text`` names every period in ``wanted`` (``periods`` forms; "06 tháng" counts)."""
    low = re.sub(r"\b0+(\d)", r"\1", fold(text).lower())
    # The full-year report is "cả năm" in one clause and "báo cáo năm" in another.
    forms = {"ca nam": r"\bca nam\b|\bbao cao nam\b"}
    forms |= {f"quy {n}": rf"\bquy (?:{n}|{roman})\b" for n, roman in _ROMAN.items()}
    forms["hang quy"] = r"\b(?:hang|moi|tung) quy\b|\bquy (?:iv|iii|ii|i|[1-4])\b"
    return all(re.search(forms.get(p, rf"\b{re.escape(p)}\b"), low) for p in wanted)


_FREQUENCY_Q = re.compile(rf"\b(?:how often|how frequently|(?:at )?what intervals?|(?:nhung |theo |cac )?ky nao|"
                          rf"bao lau mot lan|dinh ky nao)\b|{PERIOD_Q}")
# "theo từng Quý" folds like the scan's "theo từng Quỹ".
_FREQUENCY = re.compile(r"\b(?:hang|tung|moi) (?:quy|thang|nam|tuan)\b|\b6 thang\b|\bca nam\b|\bdinh ky\b"
                        r"|\bdot xuat\b")


def asks_frequency(question: str) -> bool:
    """Whether a question asks how often something is done ("theo những kỳ nào", "at what intervals").

    >>> asks_frequency("At what intervals must departments report?"), asks_frequency("báo cáo gửi khi nào?")
    (True, False)
    >>> asks_frequency("phân công thời gian hoàn thành theo mốc thời gian nào?")
    True
    """
    return bool(_FREQUENCY_Q.search(fold(question)))


def states_frequency(text: str) -> bool:
    """Whether a text names how often ("hàng quý, 6 tháng và cả năm", "định kỳ").

    >>> states_frequency("thực hiện tốt chế độ báo cáo về CCHC hàng quý, 6 tháng và cả năm")
    True
    """
    return frequency_terms(text) > 0


def schedules_first(candidates: list) -> list:
    """For "how often", the candidates whose sentence names periods ("hàng quý, 6 tháng, hàng
    năm"), one naming a schedule of several before one naming a task done "hằng năm"; all when
    none does.

    >>> from types import SimpleNamespace as S
    >>> cands = [S(sentence=S(text="kết quả CCHC hằng năm")), S(sentence=S(text="báo cáo hàng quý, 6 tháng")),
    ...          S(sentence=S(text="tuyên truyền"))]
    >>> [c.sentence.text[-8:] for c in schedules_first(cands)]
    [' 6 tháng', 'hằng năm']
    """
    often = [(min(n, 2), c) for c in candidates if (n := frequency_terms(c.sentence.text))]
    return [c for _, c in sorted(often, key=lambda nc: -nc[0])] or candidates


def frequency_terms(text: str) -> int:
    """How many words of how often a text names: a schedule of reports names several, a task done
    "hằng năm" one.

    >>> frequency_terms("báo cáo định kỳ hàng quý, 6 tháng, hàng năm"), frequency_terms("kết quả CCHC hằng năm")
    (4, 1)
    >>> frequency_terms("thời gian hoàn thành cụ thể theo từng Quỹ")  # the scan's "Quý"
    1
    """
    return len(_FREQUENCY.findall(re.sub(r"\b0+(\d)", r"\1", fold(text))))


_EFFECT = re.compile(r"\bhieu luc\b|\btakes? effect\b|\beffective (?:from|date|on|as of)\b|\binto force\b")


def speaks_of_effect(text: str) -> bool:
    """Whether a text speaks of taking effect ("có hiệu lực kể từ ngày ký", "effective from").

    >>> speaks_of_effect("Chỉ thị có hiệu lực từ ngày nào?"), speaks_of_effect("When does it take effect?")
    (True, True)
    >>> speaks_of_effect("Hoàn thành trước ngày 01 tháng 4")
    False
    """
    return bool(_EFFECT.search(fold(text)))
