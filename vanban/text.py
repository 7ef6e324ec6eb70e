"""Small pure text helpers shared by every stage (folding, tokens, hashing)."""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+(?:[./-][^\W_]+)*%?", re.UNICODE)


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC form."""
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case and strip Vietnamese diacritics (``đ`` → ``d``).

    >>> fold("Đài Phát thanh")
    'dai phat thanh'
    """
    return strip_diacritics(text).lower()


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese diacritics but keep case (``Đ`` → ``D``).

    >>> strip_diacritics("Huyện Hớn Quản")
    'Huyen Hon Quan'
    """
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).translate(_STRIP)
        if _COMBINING.search(text):  # marks with no precomposed letter: the slow, general way
            decomposed = unicodedata.normalize("NFD", text)
            text = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn"))
    return text


def _strip_table() -> dict[int, str]:
    """Precomposed Latin letters → their base letters (what NFD-and-drop-marks gives), ``đ`` → ``d``."""
    table = {ord("đ"): "d", ord("Đ"): "D"}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")
        if base != ch and base:
            table[code] = unicodedata.normalize("NFC", base)
    return table


# Folding runs on every clause sentence at query time: a translation table is ~20x faster than
# decomposing character by character, and gives the same result (tests/test_text.py).
_STRIP = _strip_table()
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def has_diacritics(text: str) -> bool:
    """True when ``text`` has at least one Vietnamese accented letter or ``đ``."""
    return fold(text) != text.lower()


def words(text: str) -> list[str]:
    """Split into word tokens, keeping symbols such as ``61/2018/NĐ-CP`` and ``75%`` whole."""
    return _WORD.findall(text)


_TERM = re.compile(r"[\w/%.-]+")


def folded_terms(text: str) -> list[str]:
    """Folded words with symbols kept whole, as the topic and coverage checks compare them.

    >>> folded_terms("Nghị định 61/2018/NĐ-CP, đạt 95%")
    ['nghi', 'dinh', '61/2018/nd-cp', 'dat', '95%']
    """
    return _TERM.findall(fold(text))


def idf_weights(docs: Iterable[Iterable[str]]) -> dict[str, float]:
    """Inverse document frequency ``log(1 + n / df)`` of each term over documents given as term
    collections; ``""`` holds the weight of a term no document has.

    >>> w = idf_weights([{"so", "noi", "vu"}, {"so", "tu", "phap"}])
    >>> round(w["so"], 3), round(w["vu"], 3), round(w[""], 3)
    (0.693, 1.099, 1.099)
    """
    df: dict[str, int] = {}
    n = 0
    for terms in docs:
        n += 1
        for w in set(terms):
            df[w] = df.get(w, 0) + 1
    n = max(1, n)
    idf = {w: math.log(1 + n / c) for w, c in df.items()}
    idf[""] = math.log(1 + n)
    return idf


def sha1(text: str) -> str:
    """Hex SHA-1 of a string (ids and content hashes; not a security boundary)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
