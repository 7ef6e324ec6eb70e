"""Vietnamese syllable utilities: folding, tone placement, validity, case.

All functions are pure. Syllables are normalised to NFC with the "old" tone placement
(``hòa``, ``thủy``, ``khỏe``), the convention used by the directives.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TONE_MARKS = {"\u0301": 1, "\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
TONE_CHARS = {v: k for k, v in TONE_MARKS.items()}
VOWELS = set("aăâeêioôơuưy")
MARKED_VOWELS = set("ăâêôơư")
ONSETS = {
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng",
    "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
}
CODAS = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"}
# Folded vowel nuclei (with glides) that occur in Vietnamese.
NUCLEI = {
    "a", "e", "i", "o", "u", "y", "ai", "ao", "au", "ay", "eo", "eu", "ia", "ie", "iu", "oa",
    "oai", "oay", "oe", "oi", "oo", "ua", "ue", "ui", "uo", "uoi", "uou", "uu", "uy", "uya",
    "uye", "uyu", "ieu", "ye", "yeu", "oao", "oeo", "ueu", "uai", "uay", "uao",
}
_WORD_RE = re.compile(r"[^\W\d_]+")


def fold(text: str) -> str:
    """Remove every diacritic and map đ/Đ to d/D.

    Args:
        text: Any text.

    Returns:
        The text with only base Latin letters (case kept).
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    nfd = unicodedata.normalize("NFD", text)
    return "".join(c for c in nfd if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def split_tone(syl: str) -> tuple[str, int]:
    """Split a lower-case syllable into its toneless base (NFC) and tone number (0..5)."""
    nfd = unicodedata.normalize("NFD", syl)
    tone = 0
    out = []
    for c in nfd:
        t = TONE_MARKS.get(c)
        if t:
            tone = t
        else:
            out.append(c)
    return unicodedata.normalize("NFC", "".join(out)), tone


@lru_cache(maxsize=None)
def bare(syl: str) -> str:
    """A syllable without its tone mark (hats and horns kept): ``bộ`` → ``bô``; ``split_tone``'s
    base, cached for the repair's candidate loops.

    >>> bare("bộ"), bare("được")
    ('bô', 'đươc')
    """
    return split_tone(syl)[0]


def parse(base: str) -> tuple[str, str, str] | None:
    """Split a toneless lower-case syllable into onset, vowel cluster and coda.

    Returns:
        ``(onset, nucleus, coda)`` or None when the string is not shaped like a syllable.
    """
    i = 0
    n = len(base)
    while i < n and base[i] not in VOWELS:
        i += 1
    onset = base[:i]
    j = i
    while j < n and base[j] in VOWELS:
        j += 1
    nucleus, coda = base[i:j], base[j:]
    # "qu" and "gi" (before another vowel) carry their vowel letter in the onset.
    if onset == "q" and nucleus.startswith("u") and len(nucleus) > 1:
        onset, nucleus = "qu", nucleus[1:]
    elif onset == "g" and nucleus.startswith("i") and len(nucleus) > 1:
        onset, nucleus = "gi", nucleus[1:]
    if not nucleus:
        return None
    return onset, nucleus, coda


def is_well_formed(syl: str) -> bool:
    """True when a lower-case syllable fits Vietnamese phonotactics (onset, nucleus, coda, tone)."""
    base, tone = split_tone(syl)
    p = parse(base)
    if p is None:
        return False
    onset, nucleus, coda = p
    if onset not in ONSETS or coda not in CODAS or fold(nucleus) not in NUCLEI:
        return False
    if coda in ("c", "ch", "p", "t") and tone not in (1, 5):
        return False
    return True


def _tone_index(base: str) -> int:
    p = parse(base)
    if p is None:
        return -1
    onset, nucleus, coda = p
    start = len(onset)
    marked = [k for k, c in enumerate(nucleus) if c in MARKED_VOWELS]
    if marked:
        k = marked[-1]
    elif coda:
        k = len(nucleus) - 1
    elif len(nucleus) == 3:
        k = 1
    else:
        k = 0
    return start + k


@lru_cache(maxsize=200_000)
def normalize_syllable(syl: str) -> str:
    """Put the tone mark of a lower-case syllable in the canonical place (``hoà`` → ``hòa``)."""
    base, tone = split_tone(syl)
    if tone == 0:
        return base
    k = _tone_index(base)
    if k < 0:
        return unicodedata.normalize("NFC", syl)
    ch = unicodedata.normalize("NFD", base[k]) + TONE_CHARS[tone]
    return base[:k] + unicodedata.normalize("NFC", ch) + base[k + 1:]


def normalize_text(text: str) -> str:
    """NFC-normalise text and canonicalise tone placement of every word, keeping case."""
    text = unicodedata.normalize("NFC", text)

    def fix(m: re.Match[str]) -> str:
        w = m.group(0)
        low = w.lower()
        norm = normalize_syllable(low)
        return w if norm == low else apply_case(norm, w)

    return _WORD_RE.sub(fix, text)


def case_pattern(word: str) -> str:
    """Return 'upper', 'title' or 'lower' for a word (single letters count as title)."""
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return "lower"
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return "upper"
    if letters[0].isupper():
        return "title"
    return "lower"


def apply_case(syl: str, like: str) -> str:
    """Give lower-case ``syl`` the case pattern of ``like``."""
    pat = case_pattern(like)
    if pat == "upper":
        return syl.upper()
    if pat == "title":
        return syl[:1].upper() + syl[1:]
    return syl


def has_diacritics(word: str) -> bool:
    """True when the word carries any Vietnamese diacritic (or đ)."""
    return fold(word) != word
