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


def apply_phrases(text: str) -> str:
    """Rewrite runs of words whose folded form is a known phrase (longest first).

    >>> apply_phrases("Giao Sỏ Nói vụ tổng hợp; các số, bản, ngành và UBND huyện Hon Quan")
    'Giao Sở Nội vụ tổng hợp; các sở, ban, ngành và UBND huyện Hớn Quản'
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
            phrase = table.get(tuple(folded[i : i + n]))
            if phrase is None:
                continue
            start, end = tokens[i].start(), tokens[i + n - 1].end()
            original = text[start:end]
            if phrase[0].islower() and original[0].isupper():
                phrase = phrase[0].upper() + phrase[1:]
            out.append(text[pos:start] + phrase)
            pos = end
            i += n
            break
        else:
            i += 1
    out.append(text[pos:])
    return "".join(out)
