"""Rewriting known administrative phrases (agency and place names…) to their accented form."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from vanban.text import fold

PHRASES = Path(__file__).resolve().parent / "data" / "phrases.txt"
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]", re.UNICODE)


@lru_cache(maxsize=1)
def phrases() -> dict[tuple[str, ...], str]:
    """Folded token tuple → accented phrase, from ``ingest/data/phrases.txt``."""
    table: dict[tuple[str, ...], str] = {}
    for line in PHRASES.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            table[tuple(_TOKEN.findall(fold(line)))] = line
    return table


def _within_one(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one substitution, insertion or deletion."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _lookup(table: dict[tuple[str, ...], str], key: tuple[str, ...]) -> str | None:
    exact = table.get(key)
    if exact is not None or len(key) < 2:
        return exact
    # One OCR slip ("Nơi vy" for "Nội vụ", "Sẽ" for "Sở") in a name of three or more words still
    # matches when the rest is right: long names are too specific to be confused with other text.
    joined = " ".join(key)
    for other, phrase in table.items():
        if len(other) != len(key) or len(other) < 3:
            continue
        if (other[0] == key[0] and _within_one(" ".join(other), joined)) or (
            other[1:] == key[1:] and _within_one(other[0], key[0])
        ):
            return phrase
    return None


def apply_phrases(text: str) -> str:
    """Rewrite runs of words whose folded form is a known phrase (longest first).

    >>> apply_phrases("Giao Sỏ Nói vụ tổng hợp; các số, bản, ngành và UBND huyện Hon Quan")
    'Giao Sở Nội vụ tổng hợp; các sở, ban, ngành và UBND huyện Hớn Quản'
    >>> apply_phrases("Giao Số Nơi vy chủ trì")
    'Giao Sở Nội vụ chủ trì'
    >>> apply_phrases("3. Sẽ Nội vụ")
    '3. Sở Nội vụ'
    >>> apply_phrases("I. MỤC PICH, YÊU CẦU")
    'I. MỤC ĐÍCH, YÊU CẦU'
    """
    table = phrases()
    if not table:
        return text
    longest = max(len(k) for k in table)
    tokens = list(_TOKEN.finditer(text))
    folded = [fold(t.group(0)) for t in tokens]
    out: list[str] = []
    pos = 0
    i = 0
    while i < len(tokens):
        for n in range(min(longest, len(tokens) - i), 0, -1):
            phrase = _lookup(table, tuple(folded[i : i + n]))
            if phrase is None:
                continue
            start, end = tokens[i].start(), tokens[i + n - 1].end()
            original = text[start:end]
            if original.isupper() and sum(c.isalpha() for c in original) > 1:
                phrase = phrase.upper()  # a heading or letterhead in capitals stays in capitals
            elif phrase[0].islower() and original[0].isupper():
                phrase = phrase[0].upper() + phrase[1:]
            out.append(text[pos:start] + phrase)
            pos = end
            i += n
            break
        else:
            i += 1
    out.append(text[pos:])
    return "".join(out)
