"""Yes/no questions that state a fact to be confirmed ("Có phải Sở Nội vụ chủ trì … không?", "hạn là
ngày 05/6 phải không?", "Is it right that … was issued on 15 July 2021?").

Such a question carries its own guess: a date, a percentage, a document or an agency. Searched as
typed, the guess pulls in the clauses that mention it, and the answer quotes them back. The
question is asked openly instead, the guess replaced by its question word ("… trước ngày nào?",
"Which agency …?"), and the answer found is then held against the guess: "Không." / "No." when
the directive says otherwise, "Đúng." / "Yes." when it says the same, nothing when the two cannot
be compared. A question that asks whether a day meets a deadline ("nộp ngày 27/10 có trễ hạn
không?") is told "Trễ hạn." / "Kịp hạn." instead.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from datetime import date

from rag import extract
from rag.duration import parse_date
from rag.evidence import mentions, named_agencies
from rag.query import EN_DATE, detect_lang, english_dates, understand
from vanban.records import Answer
from vanban.text import fold

_NEG = r"(?:khong|ko|k|khog|khoong|hong)"
_NEG_RAW = r"(?:không|khong|ko|k|khôg|khog|khoong|hông|hong)"
# The yes/no frame of a Vietnamese question, folded, and as typed (it goes when asked openly).
_VI_ASKS = re.compile(rf"\bco phai\b|\b(?:dung|phai) (?:vay |la )?{_NEG}\s*\??\s*$|\bco\b.*\b{_NEG}\s*(?:[,?]|$)")
_VI_TAIL = re.compile(rf",?\s*\b(?:(?:có|co)\s+)?(?:đúng|phải|dung|phai)(?:\s+(?:vậy|là|vay|la))?\s+{_NEG_RAW}"
                      rf"\s*\??\s*$|\s+{_NEG_RAW}\s*\??\s*$", re.IGNORECASE)
_AUX = r"(?:is|are|was|were|does|do|did|has|have|must|should|can|will|shall)"
_EN_ASKS = re.compile(rf"(?:^|[.?!]\s+){_AUX}\b|[,;:]\s+(?:is|are|was|were|does|did)\s+(?:it|the|this|that|we|they)\b"
                      r"|\bis it (?:right|true|correct|the case) that\b"
                      r"|\b(?:is|isn't) (?:that|this|it) (?:the )?(?:right|correct|true)\b|,\s*(?:right|correct)\s*\?\s*$")
_EN_FRAME = re.compile(rf"^\s*(?:is it (?:right|true|correct|the case) that|{_AUX}\b)\s*", re.IGNORECASE)
_EN_TAIL = re.compile(r",?\s*(?:right|correct|isn't it)\s*\?\s*$|\s*[—-]?\s*\b(?:is|isn't) (?:that|this|it) "
                      r"(?:the )?(?:right|correct|true)\b(?: date| day| one)?", re.IGNORECASE)
# "Is it the Finance Office that …", "Có phải Sở X chủ trì …": the agency is what is doubted.
_EN_AGENCY = re.compile(r"\bis (?:it )?the\s+", re.IGNORECASE)
_LATE = re.compile(r"\b(?:kip han|tre han|bi tre|qua han|cham han|dung han|late|in time|on time|overdue)\b"
                   r"|\b(?:meet|meets|met|miss|missed|make|made)\b[\w ]{0,30}\bdeadline\b")
_BEFORE_VALUE = re.compile(r"(?:\b(?:on|by|before|at|in|from|is|was|be)\s+)+$", re.IGNORECASE)
_SIGNER = re.compile(r"\b((?:pho\s+)?chu\s+tich(?:\s+[a-z]+){0,5}?)\s+(?:ky|sign)")
# A date right after a document's name dates that document ("Công văn 1138 ngày 08/6/2023").
_DOC_BEFORE = re.compile(r"(?:/[a-z-]+|\b(?:chi thi|cong van|ke hoach|quyet dinh|thong bao|bao cao|to trinh|nghi dinh|"
                         r"nghi quyet)\s+(?:so\s+)?\d+[a-z/-]*)\s*(?:ngay\s*)?$")
_WH_VI = {"date": "ngày nào", "quarter": "thời gian nào", "number": "bao nhiêu", "agency": "cơ quan nào", "person": "ai"}
_WH_EN = {"date": "When", "quarter": "When", "number": "How much", "agency": "Which agency", "person": "Who"}


@dataclass(frozen=True)
class Claim:
    """The guess a yes/no question states, and the question asked openly."""

    kind: str  # date | quarter | number | reference | agency | person | recipient
    value: str  # as the question writes it
    open: str  # the question without its yes/no frame, the guess replaced by a question word
    late: bool = False  # asks whether a day meets a deadline


def claim_of(question: str, own_numbers: tuple[str, ...] = ()) -> Claim | None:
    """The guess of a yes/no question, or None for any other question.

    >>> c = claim_of("Báo cáo 6 tháng của các sở gửi Sở Nội vụ hạn là ngày 05/6 phải khôg?")
    >>> c.kind, c.value, c.open
    ('date', 'ngày 05/6', 'Báo cáo 6 tháng của các sở gửi Sở Nội vụ hạn là ngày nào?')
    >>> c = claim_of("Có phải Sở Nội vụ chủ trì công tác kiểm soát thủ tục hành chính theo Chỉ thị 05 không?")
    >>> c.kind, c.value, c.open
    ('agency', 'Sở Nội vụ', 'cơ quan nào chủ trì công tác kiểm soát thủ tục hành chính theo Chỉ thị 05?')
    >>> claim_of("Is it right that Directive 23/CT-TTg was issued on 15 July 2021?").open
    'When Directive 23/CT-TTg was issued?'
    >>> claim_of("Ai chủ trì khảo sát SIPAS?") is None
    True
    >>> c = claim_of("chi thi 05 co gui bo noi vu de bao cao khong")
    >>> c.kind, c.value, c.open
    ('recipient', 'bo noi vu', 'chi thi 05 gui nhung noi nhan nao?')
    >>> claim_of("Was Directive 05 sent to the Ministry of Home Affairs?").open
    'Who are the recipients of Directive 05?'

    Args:
        question: The question, shorthand written out.
        own_numbers: The loaded directives' own numbers ("1138/UBND-NC"): a question names its
            directive by them, they are no guess.
    """
    low = fold(question)
    if len(low) != len(question):
        return None  # offsets of the folded text must be the question's
    lang = detect_lang(question)
    en = lang == "en"
    if not (_EN_ASKS if en else _VI_ASKS).search(low):
        return None
    if sent := _recipient_claim(question, low, en):
        return sent
    found = _guess(question, low, en, own_numbers)
    if not found:
        return None
    kind, start, end = found
    late = bool(_LATE.search(low)) and kind in ("date", "quarter")
    if not late and re.search(r"[.?!]\s", question[end:].rstrip(" ?.!")):
        return None  # the guess sits in a sentence before the one that asks: context, not the guess
    value = question[start:end].strip()
    head, tail = question[:start], question[end:]
    wh = _kind_word(value, en) if kind == "reference" else (_WH_EN if en else _WH_VI)[kind]
    if kind == "number" and "%" in value:
        wh = "What percentage" if en else "bao nhiêu phần trăm"
    wh = fold(wh) if lang == "vi-nd" else wh
    if en and kind == "agency":  # "In Hớn Quản, is it the X that must …": asked in place
        text = _EN_AGENCY.sub("", head) + wh + re.sub(r"^\s*(?:that|who|which)\b", "", _EN_TAIL.sub("?", tail))
    elif en:
        text = f"{wh} {_BEFORE_VALUE.sub('', _EN_FRAME.sub('', head, count=1))} {_EN_TAIL.sub('?', tail)}"
    else:
        text = re.sub(r"(?i)\bcó phải (?:là )?|\bco phai (?:la )?", "", head) + wh + tail
        text = _VI_TAIL.sub("", text).rstrip(" ,?") + "?"
    text = re.sub(r"\s+", " ", text).replace(" ?", "?").replace(" ,", ",").replace("??", "?").strip()
    return Claim(kind, value, text, late=late)


# "… có gửi Bộ Nội vụ (để báo cáo) không", "Was … sent to …?", "Is … among the recipients of …?":
# whether a body is on a directive's "Nơi nhận" list.
_SENT_VI = re.compile(rf"\s+(?:co\s+)?(?:duoc\s+)?(?:sao\s+)?gui\s+(?:cho\s+|den\s+|toi\s+)?(.+?)"
                      rf"(?:\s+de\s+bao\s+cao)?\s+{_NEG}\s*\??\s*$")
_SENT_EN = re.compile(r"^(?:was|is|were)\s+(.+?)\s+(?:sent|copied|addressed)\s+to\s+(.+?)\s*\?\s*$"
                      r"|^(?:is|was|are|were)\s+(.+?)\s+(?:among|one of|on the list of)\s+the\s+recipients\s+of"
                      r"\s+(.+?)\s*\?\s*$")


def _recipient_claim(question: str, low: str, en: bool) -> Claim | None:
    """A question whether a directive was sent to a body, asked openly as "who receives it"."""
    if en:
        if not (m := _SENT_EN.search(low)):
            return None
        doc, body = (m.span(1), m.span(2)) if m.group(1) else (m.span(4), m.span(3))
        return Claim("recipient", question[body[0]:body[1]], f"Who are the recipients of {question[doc[0]:doc[1]]}?")
    m = _SENT_VI.search(low)
    if not m or re.search(r"\d", m.group(1)) or len(m.group(1).split()) > 8 \
            or re.match(r"(?:bao cao|ket qua|van ban|ho so|tai lieu|ke hoach|so lieu)\b", m.group(1)) \
            or not re.search(r"\b(?:chi thi|cong van|ke hoach|van ban|thong bao|quyet dinh)\b", low[: m.start()]):
        return None  # "báo cáo … gửi Sở Nội vụ hạn là ngày 05/6 phải không": a date is doubted
    where = "gui nhung noi nhan nao?" if low == question else "gửi những nơi nhận nào?"
    return Claim("recipient", question[m.start(1):m.end(1)], f"{question[:m.start()]} {where}")


def _guess(question: str, low: str, en: bool, own: tuple[str, ...]) -> tuple[str, int, int] | None:
    """Kind and place of the guess: a doubted agency first, then a date, a percentage, a document, a signer."""
    agency = _doubted_agency(question, low, en)
    if agency:
        return agency
    dates = [("date", m.start(), m.end()) for m in EN_DATE.finditer(low)] if en else []
    for s in extract.find_dates(question):
        if not _dates_document(question, s):
            kind = "quarter" if "quy" in fold(s.text) else "date"
            dates.append((kind, s.start, s.end))
    if dates:
        return max(dates, key=lambda d: d[1])
    percent = [s for s in extract.find_numbers(question) if s.kind == "percent"]
    if percent:
        return "number", percent[-1].start, percent[-1].end
    owned = {fold(n).split("/")[0] for n in own if n}
    # A document is doubted only at the end ("… theo Nghị định 61/2018/NĐ-CP, có đúng không?"); one
    # named before is what the question is about.
    tail = _EN_TAIL if en else _VI_TAIL
    symbols = [s for s in extract.find_symbols(question) if _number(s.text).split("/")[0] not in owned
               and not tail.sub("", question[s.end:]).strip(" ,?.")]
    if symbols:
        return "reference", symbols[-1].start, symbols[-1].end
    signer = _SIGNER.search(low)
    if signer:
        return "person", signer.start(1), signer.end(1)
    return None


def _doubted_agency(question: str, low: str, en: bool) -> tuple[str, int, int] | None:
    frame = _EN_AGENCY.search(low) if en else re.search(r"\bco phai (?:la )?", low)
    if not frame:
        return None
    rest = question[frame.end():]
    if en:
        m = re.match(r"((?:[A-Z][\w–-]*|and|of|for|the)(?:\s+(?:[A-Z][\w–-]*|and|of|for|the))*)", rest)
        if m and re.search(r"\b(?:Department|Office|Committee|Division|Council|Station|Front|Board)\b", m.group(1)):
            return "agency", frame.end(), frame.end() + m.end(1)
        return None
    names = extract.find_agencies(rest)
    if names and names[0].start <= 1:
        return "agency", frame.end() + names[0].start, frame.end() + names[0].end
    return None


def _dates_document(text: str, span: extract.Span) -> bool:
    """Whether a date dates a document the question names ("Chỉ thị 06/CT-CTUBND ngày 17/5/2019"), not
    a deadline or a period ("Kế hoạch 8607 trong quý IV")."""
    if re.match(r"(?:truoc|trong|tu|den|cham|han|quy)\b", fold(span.text)):
        return False
    return bool(_DOC_BEFORE.search(fold(text[max(0, span.start - 40):span.start]).rstrip()))


def _number(symbol: str) -> str:
    m = re.search(r"\d[\d\-]*(?:\s*/\s*\d{4})?", symbol)
    return re.sub(r"\s", "", m.group(0)) if m else ""


def _kind_word(symbol: str, en: bool) -> str:
    kind = re.match(r"\s*([^\d]+?)\s*(?:số\s*|so\s*|No\.?\s*)?\d", symbol)
    word = kind.group(1).strip() if kind else ""
    if en:
        return f"Which {word}" if word else "Which document"
    return f"{word} nào" if word else "văn bản nào"


def judged(answer: Answer, claim: Claim) -> Answer:
    """The open question's answer, told as a reply to the guess."""
    if answer.abstained:
        return answer
    head = _head(answer.answer)
    en = answer.lang == "en"
    lead = _lateness(claim, head, en) if claim.late else ""
    if claim.kind == "recipient":
        head = answer.citations[0].text if answer.citations and answer.citations[0].clause == "recipients" else ""
    if not lead and (verdict := _verdict(claim, head)) is not None:
        yes = "Có. " if claim.kind == "recipient" else "Đúng. "  # "có gửi … không?" is answered "Có."
        lead = ("Yes. " if verdict else "No. ") if en else (yes if verdict else "Không. ")
    if not lead:
        return answer
    return replace(answer, answer=lead + answer.answer[:1].upper() + answer.answer[1:])


def _lateness(claim: Claim, head: str, en: bool) -> str:
    """"Trễ hạn." / "Kịp hạn." for a day held against the deadline the answer gives ("trước" a day
    excludes that day), "" when either date is missing."""
    said, guess = _date_of(head), _date_of(claim.value) or _en_date(claim.value)
    if not (said and guess):
        return ""
    on_time = guess < said or (guess == said and not re.search(r"\b(?:truoc|before)\b", fold(head)))
    return ("In time. " if on_time else "Late. ") if en else ("Kịp hạn. " if on_time else "Trễ hạn. ")


def _verdict(claim: Claim, head: str) -> bool | None:
    """Whether the answer's extracted part says what the guess says; None when they cannot be compared."""
    if claim.kind in ("date", "quarter"):
        said, guess = _date_of(head), _date_of(claim.value) or _en_date(claim.value)
        if said and guess:
            return (said.month, said.day) == (guess.month, guess.day) and (
                said.year == guess.year or 1900 in (said.year, guess.year))
        if claim.kind == "quarter" and head:
            return fold(claim.value).split("quy")[-1].strip() in fold(head)
        return None
    if claim.kind == "number":
        said_n, guess_n = _first_number(head), _first_number(claim.value)
        return None if said_n is None or guess_n is None else said_n == guess_n
    if claim.kind == "reference":
        said_s = [_number(s.text) for s in extract.find_symbols(head)]
        return (_number(claim.value) in said_s) if said_s else None
    if claim.kind == "agency" and head:
        keys = named_agencies(claim.value, understand(claim.value).agency_terms)
        if keys:
            return any(mentions(head, k) for k in keys)
        # An English name the glossary lacks ("Finance–Planning Office"), held against the English
        # gloss the answer gives its agency ("… (Division of Economy and Infrastructure)").
        words = _name_words(claim.value)
        return words <= _name_words(head) if words else None
    if claim.kind == "recipient" and head:
        return _receives(head, claim.value)
    if claim.kind == "person":
        said_role = re.search(r"\b(pho\s+)?chu\s+tich\b", fold(head))
        return None if not said_role else bool(said_role.group(1)) == fold(claim.value).startswith("pho")
    return None


def _head(text: str) -> str:
    """The extracted part of an answer, before its quote ("trước ngày 10/6 — «…»", "Sở X (chủ trì): …")."""
    if text.startswith(("…", "In ", "Theo ")):
        return ""
    return re.split(r"\s+—\s+|«|:\s", text, maxsplit=1)[0]


def _date_of(text: str) -> date | None:
    """The first deadline of a text ("trước 31/10/2023", not the "từ ngày 01/11/2022" of a data
    period), else its first date; the year 1900 when not written."""
    spans = extract.find_dates(text)
    spans = [s for s in spans if re.match(r"(?:truoc|cham nhat|han)\b", fold(s.text))] or spans
    text = spans[0].text if spans else text
    found = parse_date(text)
    if found:
        return found
    m = re.search(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})(?![\d/])", fold(text))
    try:
        return date(1900, int(m.group(2)), int(m.group(1))) if m else None
    except ValueError:
        return None


def _en_date(text: str) -> date | None:
    """The first English date of a text ("15 July 2021"), as ``_date_of`` reads it."""
    found = english_dates(text)
    return _date_of(found[0].targets[0]) if found else None


def _first_number(text: str) -> float | None:
    m = re.search(r"\d+(?:[.,]\d+)?", text)
    return float(m.group(0).replace(",", ".")) if m else None


def _name_words(name: str) -> set[str]:
    """The words that tell one agency from another ("finance", "planning"), not "office", "district"."""
    generic = {"the", "of", "and", "for", "office", "department", "division", "district", "provincial", "people",
               "s", "committee", "council", "board", "bureau"}
    return {w for w in re.findall(r"[a-z]+", fold(name)) if w not in generic}


def _receives(block: str, body: str) -> bool | None:
    """Whether a "Nơi nhận" block lists a body: by name, or (a scan's misread line, "B6 Nooi vu") by a
    close spelling of a whole line's name; None when a damaged block does not show it."""
    names = [fold(n) for n in (understand(body).agency_terms or (body,))]
    lines = [fold(re.sub(r"\(.*|[;,.>]+\s*$", "", ln.lstrip(" -+•"))).strip() for ln in block.splitlines()[1:]]
    if any(n in fold(block) or any(difflib.SequenceMatcher(None, n, ln).ratio() >= 0.8 for ln in lines)
           for n in names):
        return True
    # A scan's block (stray accents, "Noi nhgn") may hide the body under a misreading: no verdict.
    clean = block.lstrip().startswith("Nơi nhận") and not re.search(r"[a-zđ]\d|\d[a-zđ]|[§&]", block)
    return False if clean else None
