"""Officials' shorthand in questions written out ("ct 05" → "Chỉ thị 05", "snv" → "Sở Nội vụ",
"sở tttt" → "Sở Thông tin và Truyền thông"), so that every later stage reads a question in the
words the directives use. The table is ``rag/data/shorthand.tsv``, reviewed by hand."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from vanban.text import fold

SHORTHAND = Path(__file__).resolve().parent / "data" / "shorthand.tsv"
_NOT_SYMBOL = r"(?<![\w/-])"  # "05/CT-CTUBND", "564/TTr-PNV": parts of a symbol are not shorthand
_END = r"(?![\w/-])"
_Y_FOR_I = str.maketrans("iíìỉĩịIÍÌỈĨỊ", "yýỳỷỹỵYÝỲỶỸỴ")


def _letters(short: str) -> str:
    # "d" stands for "d" or "đ" ("qđ", "khđt"); case is ignored by the caller's flags.
    return "".join("[dđ]" if ch == "d" else re.escape(ch) for ch in short)


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    rules: list[tuple[re.Pattern[str], str]] = []
    for line in SHORTHAND.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        short, full, where = (part.strip() for part in line.split("\t"))
        letters = _letters(short)
        if where == "doc":
            # Before a number only: "ct 05", "CV1138", "kh số 8607".
            pattern = rf"{_NOT_SYMBOL}{letters}\s*(?=(?:s[oố]\s*)?\d)"
            rules.append((re.compile(pattern, re.IGNORECASE), full + " "))
        elif where == "body":
            pattern = rf"{_NOT_SYMBOL}(s[ởo]|ph[òo]ng)\s+{letters}{_END}"
            rules.append((re.compile(pattern, re.IGNORECASE), "\x00 " + full))
        else:
            rules.append((re.compile(rf"{_NOT_SYMBOL}{letters}{_END}", re.IGNORECASE), full))
    # "NĐ", "QĐ" written with their Đ name a kind of document even without a number.
    rules.append((re.compile(rf"{_NOT_SYMBOL}NĐ{_END}", re.IGNORECASE), "Nghị định"))
    rules.append((re.compile(rf"{_NOT_SYMBOL}QĐ{_END}", re.IGNORECASE), "Quyết định"))
    return tuple(rules)


def expand(question: str, plain: bool = False) -> str:
    """The question with its shorthand written out; other text unchanged.

    Args:
        question: The question as typed.
        plain: Write the expansions without diacritics, for a question typed without them
            (its language is told by that).

    >>> expand("snv phai lam gi ve sipas theo ct 05", plain=True)
    'so noi vu phai lam gi ve sipas theo chi thi 05'
    >>> expand("Sở tttt làm gì theo CV1138?")
    'Sở Thông tin và Truyền thông làm gì theo Công văn 1138?'
    >>> expand("Which NĐ does the directive cite? Chỉ thị 05/CT-CTUBND, Tờ trình 564/TTr-PNV")
    'Which Nghị định does the directive cite? Chỉ thị 05/CT-CTUBND, Tờ trình 564/TTr-PNV'
    >>> expand("ai ki cong van", plain=True), expand("Ai kí Công văn 1138?")
    ('ai ky cong van', 'Ai ký Công văn 1138?')
    >>> expand("Which office leads the CT survey?")
    'Which office leads the CT survey?'
    """
    text = question
    for pattern, full in _rules():
        written = fold(full) if plain else full
        text = pattern.sub(lambda m: written.replace("\x00", m.group(1)) if m.groups() else written, text)
    # "kí"/"kì" are the older spelling of "ký"/"kỳ": one word for every later stage.
    text = re.sub(r"\b[kK][iíìỉĩịIÍÌỈĨỊ]\b", lambda m: m.group(0).translate(_Y_FOR_I), text)
    return re.sub(r"[ \t]{2,}", " ", text)
