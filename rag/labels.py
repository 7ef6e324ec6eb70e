"""Clause labels a question refers to (``mục 2.3``, ``điểm b khoản 3``, ``point e of item 2``)
and whether a chunk's label answers to them."""

from __future__ import annotations

import re

from vanban.text import fold

_LABEL_VI = re.compile(r"\b(?:diem|tiet)\s+([a-zđ])\b(?:\s+(?:khoan|muc)\s+([0-9ivx]+(?:\.[0-9]+)*))?"
                       r"|\b(?:khoan|muc|phan)\s+([0-9ivx]+(?:\.[0-9]+)*(?:\.[a-zđ])?)\b")
_LABEL_PAREN = re.compile(r"\b([0-9]+(?:\.[0-9]+)*|[ivx]+)\s*\(([a-z])\)"  # "point 1(a)", "khoản 2(b)"
                          r"|\b(?:diem|muc|khoan|point|item)\s+([0-9]+)\.?([a-zđ])\b")  # "điểm 1a", "mục 2.đ"
_LABEL_EN = re.compile(r"\b(?:point|letter)\s+([a-z])\b(?:\s+(?:of|under|in)\s+(?:item|clause|section|paragraph)\s+"
                       r"([0-9ivx]+(?:\.[0-9]+)*))?|\b(?:item|clause|section|paragraph)\s+([0-9ivx]+(?:\.[0-9]+)*(?:\.[a-z])?)\b")


def label_refs(question: str) -> list[str]:
    """Clause labels a question refers to.

    >>> label_refs("Point e of item 2 of the 2023 directive")
    ['2.e']
    >>> label_refs("điểm b khoản 3 Kế hoạch 8607")
    ['3.b']
    >>> label_refs("mục 2.3 công văn 1138")
    ['2.3']
    >>> label_refs("According to point 1(a) of Directive 05/CT-CTUBND")
    ['1.a']
    >>> label_refs("chi thi cchc nam 2023 diem 1a yeu cau gi"), label_refs("mục 2.đ chỉ thị năm 2023")
    (['1.a'], ['2.d'])
    >>> label_refs("What does section II.3.d of Plan 8607 require?"), label_refs("Mục II.1.a Kế hoạch 8607")
    (['II.3.d'], ['II.1.a'])
    """
    low = fold(question)
    refs: list[str] = [f"{m.group(1) or m.group(3)}.{m.group(2) or m.group(4)}" for m in _LABEL_PAREN.finditer(low)]
    for m in list(_LABEL_VI.finditer(low)) + list(_LABEL_EN.finditer(low)):
        point, parent, alone = m.groups()
        ref = f"{parent}.{point}" if point and parent else (point or alone)
        if ref:
            head, _, rest = ref.partition(".")  # "ii.3.d": the roman part of a label is written in capitals
            refs.append(f"{head.upper()}{_}{rest}" if re.fullmatch(r"[ivx]+", head) else ref)
    return list(dict.fromkeys(refs))


def label_matches(label: str, refs: list[str]) -> bool:
    """True when a chunk label is (or sits under) a referenced label; ``3.b`` matches ``III.3.b``.

    >>> label_matches("III.3.b", ["3.b"]), label_matches("2.đ", ["2.d"]), label_matches("2.e", ["2.d"])
    (True, True, False)
    >>> label_matches("2.5", ["5"]), label_matches("5", ["5"]), label_matches("5.a", ["5"])
    (False, True, True)
    """
    base = label.split("-")[0].replace("đ", "d")  # questions are read folded ("điểm đ" → "d")
    # "mục 5" is clause 5 (and what sits under it), not 2.5.
    return any(base == r or (not r.isdigit() and base.endswith("." + r))
               or ((len(r) > 1 or r.isdigit()) and base.startswith(r + ".")) for r in refs)
