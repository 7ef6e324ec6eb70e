"""Dates written in words, as officials sometimes type them ("ngày ba mươi tháng ba năm 2023",
"mồng một tháng tư", "the twenty-seventh of April 2023"), written in digits so that the date
readers (``extract``, ``duration``, ``query.english_dates``) find them."""

from __future__ import annotations

import re

from vanban.text import fold

# Vietnamese numerals, folded: "mươi" and "mười" fold alike ("muoi"), "mốt" is "một" after a ten,
# "tư" and "lăm" are "bốn" and "năm" after a ten.
_VI_UNITS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5, "sau": 6, "bay": 7, "tam": 8,
             "chin": 9}
_VI_MONTHS = {"gieng": 1, "chap": 12}
_VI_WORD = r"(?:mot|hai|ba|bon|tu|nam|lam|sau|bay|tam|chin|muoi)"
_VI_DATE = re.compile(rf"\b(ngay|mong|mung)\s+({_VI_WORD}(?:\s+{_VI_WORD}){{0,2}}?)\s+thang\s+"
                      r"(muoi(?:\s+(?:mot|hai))?|mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|gieng|chap)\b")

_EN_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
             "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
             "twentieth": 20, "thirtieth": 30}
_EN_TENS = {"twenty": 20, "thirty": 30}
EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december")  # English month names, also read by ``query.EN_DATE``
_EN_DATE = re.compile(r"\b(?:the\s+)?((?:twenty|thirty)[-\s])?(" + "|".join(_EN_UNITS) + r")\s+(?:of\s+)?("
                      + "|".join(EN_MONTHS) + r")\b", re.IGNORECASE)


def vi_number(words: str) -> int | None:
    """A Vietnamese numeral of one to three folded words, or None.

    >>> vi_number("ba muoi"), vi_number("muoi tam"), vi_number("hai muoi mot"), vi_number("tu"), vi_number("muoi")
    (30, 18, 21, 4, 10)
    >>> vi_number("muoi muoi") is None
    True
    """
    parts = words.split()
    if parts.count("muoi") > 1:
        return None
    if "muoi" not in parts:
        return _VI_UNITS.get(parts[0]) if len(parts) == 1 else None
    i = parts.index("muoi")
    tens = 1 if i == 0 else _VI_UNITS.get(parts[0]) if i == 1 else None
    rest = parts[i + 1:]
    unit = 0 if not rest else _VI_UNITS.get(rest[0]) if len(rest) == 1 else None
    if tens is None or unit is None:
        return None
    return tens * 10 + unit


def spelled_dates(text: str) -> str:
    """The text with the days and months of its dates written in words given in digits.

    >>> spelled_dates("Thông báo ngày ba mươi tháng ba năm 2023 là số mấy?")
    'Thông báo ngày 30 tháng 3 năm 2023 là số mấy?'
    >>> spelled_dates("thong bao ngay muoi tam thang ba nam 2019"), spelled_dates("mồng một tháng tư")
    ('thong bao ngay 18 thang 3 nam 2019', 'mồng 1 tháng 4')
    >>> spelled_dates("What document dated the twenty-seventh of April 2023 is cited?")
    'What document dated 27 April 2023 is cited?'
    >>> spelled_dates("ba tháng đầu năm"), spelled_dates("the first of the tasks")
    ('ba tháng đầu năm', 'the first of the tasks')
    """
    low = fold(text)
    if len(low) != len(text):  # offsets of the folded text must be the text's
        return text
    out, last = [], 0
    for m in _VI_DATE.finditer(low):
        day, month = vi_number(m.group(2)), _VI_MONTHS.get(m.group(3)) or vi_number(m.group(3))
        if day and 1 <= day <= 31 and month and 1 <= month <= 12:
            lead, month_word = text[m.start(1):m.end(1)], text[m.end(2):m.start(3)]
            out.append(f"{text[last:m.start()]}{lead} {day}{month_word}{month}")
            last = m.end()
    text = "".join(out) + text[last:]
    return _EN_DATE.sub(_en_date, text)


def _en_date(m: re.Match[str]) -> str:
    tens = _EN_TENS[m.group(1)[:-1].lower()] if m.group(1) else 0
    day = tens + _EN_UNITS[m.group(2).lower()]
    if day > 31 or (tens and _EN_UNITS[m.group(2).lower()] > 9):
        return m.group(0)
    return f"{day} {m.group(3)}"
