"""Document symbols a clause cites ("Báo cáo số 138/BC-UBND ngày 27/4/2023"): their kind, the issuer
code a question may name them by, and the issue date written after them."""

from __future__ import annotations

import re

from rag import extract
from vanban.text import fold


# Kinds of document a question may ask for (folded words), and the code of that kind in a document symbol.
DOC_KINDS = {"bc": r"bao cao|report", "nd": r"nghi dinh|decree", "qd": r"quyet dinh|decision",
              "nq": r"nghi quyet|resolution", "kh": r"ke hoach|plan", "tb": r"thong bao|notice",
              "ct": r"chi thi|directive", "tt": r"thong tu|circular", "ttr": r"to trinh|submission",
              "pl": r"phap lenh|ordinance"}


def symbol_kind(span: extract.Span) -> str:
    """The kind code of a document symbol, folded ("bc" for 138/BC-UBND, "nd" for 61/2018/NĐ-CP)."""
    m = re.search(r"/(?:\d{4}/)?([a-z]+)-", fold(span.text))
    return m.group(1) if m else ""


# Issuer codes that many documents share: a question naming one points at none in particular.
_SHARED_ISSUERS = {"ubnd", "hdnd", "cp", "ttg", "tw", "ctubnd", "nc", "vpcp", "bnv"}


def names_issuer(span: extract.Span, question: str) -> bool:
    """Whether a question names the issuer code of a symbol ("Tờ trình PNV" for 564/TTr-PNV): the
    document is pointed at, whatever else the question says.

    >>> s = extract.Span("Tờ trình số 564/TTr-PNV", 0, 23, "symbol")
    >>> names_issuer(s, "To trinh PNV so may?"), names_issuer(s, "to trinh nao"), names_issuer(s, "UBND")
    (True, False, False)
    >>> names_issuer(s, "Tờ trình Phòng Nội vụ số mấy?")  # the code written out
    True
    """
    m = re.search(r"-([a-z]+)\s*$", fold(span.text))
    if not m or m.group(1) in _SHARED_ISSUERS:
        return False
    code, words = m.group(1), fold(question).split()
    initials = "".join(w[0] for w in words)
    return code in words or any(initials[i:i + len(code)] == code for i in range(len(initials)))


_DATED = re.compile(r"\s*,?\s*ngày\s+(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})",
                    re.IGNORECASE)


def dated(sentence: str, entity: extract.Span, lang: str) -> str:
    """A document symbol with the issue date the sentence writes right after it: a cited
    document is known by both.

    >>> s = "Cụ thể hóa Chỉ thị số 06/CT-CTUBND ngày 17/5/2019 của Chủ tịch UBND tỉnh"
    >>> dated(s, extract.Span("Chỉ thị số 06/CT-CTUBND", 11, 34, "symbol"), "vi")
    'Chỉ thị số 06/CT-CTUBND ngày 17/5/2019'
    >>> dated(s, extract.Span("Chỉ thị số 06/CT-CTUBND", 11, 34, "symbol"), "en")
    'Chỉ thị số 06/CT-CTUBND of 17/5/2019'
    >>> s = "Nghị định số 107/2021/NĐ-CP ngày 06 tháng 12 năm 2021"
    >>> dated(s, extract.Span("", 0, 27, "symbol"), "en")
    ' of 06/12/2021'
    >>> dated("theo Nghị định số 61/2018/NĐ-CP của", extract.Span("Nghị định", 5, 31, "symbol"), "vi")
    'Nghị định'
    """
    m = _DATED.match(sentence, entity.end)
    if not m:
        return entity.text
    if lang != "en":
        return f"{entity.text} ngày {m.group(1)}"
    day = "/".join(re.findall(r"\d+", m.group(1)))  # "06 tháng 12 năm 2021": 06/12/2021
    return f"{entity.text} of {day}"


# Words that ask which document is cited, not what about: citing verbs, "số mấy", the kinds' names.
_CITING = frozenset("vien dan can cu theo nhac toi de cap dua tren neu so may hieu ky nao gi la".split())


def about(words: list[str]) -> list[str]:
    """What a question for a cited document's number says of it, besides asking for it: its words
    (folded syllables) but those citing, asking a number, naming a kind of document and numbers
    (the citing directive's, or a date, which ``answer`` matches on its own). Nothing
    left ("Công văn 1138 viện dẫn thông báo số mấy?") means any notice it cites answers.

    >>> about(["1138", "vien", "dan", "thong", "bao", "so", "may"]), about(["thanh", "lap", "hoi", "dong", "so", "may"])
    ([], ['thanh', 'lap', 'hoi', 'dong'])
    """
    kinds = {w for names in DOC_KINDS.values() for w in re.findall(r"[a-z]+", names)}
    return [w for w in words if w not in _CITING and w not in kinds and not w.isdigit()]


_ANY_KIND = "|".join(DOC_KINDS.values())
# "kế hoạch CCHC … mà CT 05 nhắc tới", "the plan Directive 05 refers to": a document another one cites.
_CITED_BY = re.compile(rf"\b({_ANY_KIND})\b[^?]*\b(?:ma|duoc)\s+(?:[^?]{{0,30}}\s)?(?:nhac (?:toi|den)|de cap|"
                       rf"vien dan|trich dan|noi (?:toi|den)|dan chieu)\b"
                       rf"|\b({_ANY_KIND})\s+(?:that\s+)?(?:the\s+)?(?:{_ANY_KIND})\s+[^?]{{0,20}}"
                       r"\b(?:refers? to|cites?|mentions?)\b")


def cited_by_kind(question: str) -> set[str]:
    """The kind of the document a question describes as cited by another one ("kế hoạch … mà CT 05
    nhắc tới" → ``kh``): its number is that document's, never the citing directive's own.

    >>> cited_by_kind("ke hoach cchc nam 2019 ma ct 05 nhac toi co so hieu la gi")
    {'kh'}
    >>> cited_by_kind("What is the number of the plan that Directive 05 refers to?"), cited_by_kind("Số hiệu kế hoạch?")
    ({'kh'}, set())
    """
    m = _CITED_BY.search(fold(question))
    if m is None:
        return set()
    word = m.group(1) or m.group(2)
    return {code for code, words in DOC_KINDS.items() if re.fullmatch(words, word)}
