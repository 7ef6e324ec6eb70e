"""Officials' shorthand in questions written out ("ct 05" → "Chỉ thị 05", "snv" → "Sở Nội vụ",
"sở tttt" → "Sở Thông tin và Truyền thông"), so that every later stage reads a question in the
words the directives use. The table is ``rag/data/shorthand.tsv``, reviewed by hand. Also how
officials mistype: Telex left in a word ("sowr" → "sở") and a directive's number with two digits
swapped ("công văn 1183" → 1138)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable
from pathlib import Path

from vanban.text import fold

SHORTHAND = Path(__file__).resolve().parent / "data" / "shorthand.tsv"
_NOT_SYMBOL = r"(?<![\w/-])"  # "05/CT-CTUBND", "564/TTr-PNV": parts of a symbol are not shorthand
_END = r"(?![\w/-])"
_NAMED_AFTER = r"|(?:cchc|papi|sipas|par|n[aă]m\s+\d{4}|v[eề]|c[uủ]a)\b"
_Y_FOR_I = str.maketrans("iíìỉĩịIÍÌỈĨỊ", "yýỳỷỹỵYÝỲỶỸỴ")


def _letters(short: str) -> str:
    # "d" stands for "d" or "đ" ("qđ", "khđt"); case is ignored by the caller's flags.
    return "".join("[dđ]" if ch == "d" else re.escape(ch) for ch in short)


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[str, str, str], ...]:
    """The rows of ``rag/data/shorthand.tsv``: (short form, what it stands for, where it counts)."""
    lines = SHORTHAND.read_text(encoding="utf-8").splitlines()
    return tuple(tuple(part.strip() for part in line.split("\t")) for line in lines  # type: ignore[misc]
                 if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    rules: list[tuple[re.Pattern[str], str]] = []
    for short, full, where in _table():
        letters = _letters(short)
        if where == "doc":
            # Before a number only: "ct 05", "CV1138", "kh số 8607"; a directive's kind also before
            # what names it otherwise: "ct cchc 2023", "kh papi", "cv của huyện".
            named = _NAMED_AFTER if fold(short) in {"ct", "kh", "cv"} else ""
            pattern = rf"{_NOT_SYMBOL}{letters}\s*(?=(?:s[oố]\s*)?\d{named})"
            rules.append((re.compile(pattern, re.IGNORECASE), full + " "))
        elif where == "body":
            # Written with or without joining marks: "phòng gddt", "GD-ĐT", "GD&ĐT", "LĐ-TB&XH".
            joined = r"(?:\s*[-&–]\s*)?".join(_letters(ch) for ch in short)
            pattern = rf"{_NOT_SYMBOL}(s[ởo]|ph[òo]ng)\s+{joined}{_END}"
            rules.append((re.compile(pattern, re.IGNORECASE), "\x00 " + full))
        else:
            rules.append((re.compile(rf"{_NOT_SYMBOL}{letters}{_END}", re.IGNORECASE), full))
    # "NĐ", "QĐ" written with their Đ name a kind of document even without a number.
    rules.append((re.compile(rf"{_NOT_SYMBOL}NĐ{_END}", re.IGNORECASE), "Nghị định"))
    rules.append((re.compile(rf"{_NOT_SYMBOL}QĐ{_END}", re.IGNORECASE), "Quyết định"))
    return tuple(rules)


@lru_cache(maxsize=1)
def shorthand_words() -> frozenset[str]:
    """The short forms of the table, folded ("kh", "cv", "snv"): an official's abbreviation, not
    an unknown acronym."""
    return frozenset(fold(short) for short, _, _ in _table())


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
    >>> expand("phong gd-dt huyen, Phòng LĐ-TB&XH, Sở KH & ĐT", plain=True)
    'phong giao duc va dao tao huyen, Phòng lao dong - thuong binh va xa hoi, Sở ke hoach va dau tu'
    >>> expand("Which NĐ does the directive cite? Chỉ thị 05/CT-CTUBND, Tờ trình 564/TTr-PNV")
    'Which Nghị định does the directive cite? Chỉ thị 05/CT-CTUBND, Tờ trình 564/TTr-PNV'
    >>> expand("ai ki cong van", plain=True), expand("Ai kí Công văn 1138?")
    ('ai ky cong van', 'Ai ký Công văn 1138?')
    >>> expand("bo phan mot cua: ct cchc 2023 thi nghi dinh nao, kh papi cua tinh", plain=True)
    'bo phan mot cua: chi thi cchc 2023 thi nghi dinh nao, ke hoach papi cua tinh'
    >>> expand("Which office leads the CT survey?")
    'Which office leads the CT survey?'
    >>> expand("bc nam cua bpmc, cbccvc va cbcc", plain=True), expand("BC 12"), expand("123/BC-UBND")
    ('bao cao nam cua bo phan mot cua, can bo, cong chuc, vien chuc va can bo, cong chuc', 'Báo cáo 12', '123/BC-UBND')
    """
    text = question
    for pattern, full in _rules():
        written = fold(full) if plain else full
        text = pattern.sub(lambda m: written.replace("\x00", m.group(1)) if m.groups() else written, text)
    # "kí"/"kì" are the older spelling of "ký"/"kỳ": one word for every later stage.
    text = re.sub(r"\b[kK][iíìỉĩịIÍÌỈĨỊ]\b", lambda m: m.group(0).translate(_Y_FOR_I), text)
    return re.sub(r"[ \t]{2,}", " ", text)


# Telex, the usual Vietnamese keyboard, leaves its keys in a word when the input method is off:
# "sowr" for "sở", "nguwowif" for "người". Vowel keys (aa, aw, ee, oo, ow, uw, w, dd) mark such a word;
# a final s/f/r/x/j is its tone.
_TELEX_VOWELS = (("uow", "ươ"), ("dd", "đ"), ("aa", "â"), ("aw", "ă"), ("ee", "ê"), ("oo", "ô"), ("ow", "ơ"),
                 ("uw", "ư"), ("w", "ư"))
_TELEX_TONES = {"s": 1, "f": 2, "r": 3, "x": 4, "j": 5}
_TELEX_WORD = re.compile(rf"{_NOT_SYMBOL}[A-Za-z]*(?:aa|aw|ee|oo|ow|uw|dd|w)[A-Za-z]*{_END}", re.IGNORECASE)


def untelex(text: str, plain: bool = False) -> str:
    """Words typed in Telex with the input method off, written as the syllables they stand for;
    other words, and words that are Vietnamese as typed, unchanged. (Not for English text.)

    >>> untelex("Có phải Sowr Thông tin chủ trì nâng cao PAR INDEX?")
    'Có phải Sở Thông tin chủ trì nâng cao PAR INDEX?'
    >>> untelex("nghi quyet 18-nq/tw, nq tw va www, ddoongf", plain=True)
    'nghi quyet 18-nq/tw, nq tw va www, dong'
    """
    return _TELEX_WORD.sub(lambda m: _untelex_word(m.group(0), plain), text)


def _untelex_word(word: str, plain: bool) -> str:
    from repair.syllable import TONE_CHARS, apply_case, is_well_formed, normalize_syllable

    low = word.lower()
    if word.isupper() or is_well_formed(low) or not re.search(r"[aeiouy]", low):
        # An acronym, a word as typed, or "tw" (Trung ương, as in "NQ/TW"): no Telex to read.
        return word
    tone = _TELEX_TONES.get(low[-1], 0) if len(low) > 2 else 0
    base = low[:-1] if tone else low
    for keys, letter in _TELEX_VOWELS:
        base = base.replace(keys, letter)
    first_vowel = next((i for i, ch in enumerate(base) if ch in "aăâeêioôơuưy"), -1)
    if first_vowel < 0:
        return word
    marked = unicodedata.normalize("NFC", base[: first_vowel + 1] + (TONE_CHARS[tone] if tone else "")
                                   + base[first_vowel + 1 :])
    syllable = normalize_syllable(marked)
    if not is_well_formed(syllable):
        return word
    return apply_case(fold(syllable) if plain else syllable, word)


# A directive named by its kind and a number ("công văn 1183", "CV 1183", "Plan 8670"), folded.
_DOC_NUMBER = re.compile(r"\b(?:cong van|ke hoach|chi thi|quyet dinh|thong bao|to trinh|official letter|letter|plan|"
                         r"directive|decision|cv|kh|ct)\s+(?:so\s+|no\.?\s*)?(\d{3,5})(?![\d/])")


def mistyped_numbers(question: str, numbers: Iterable[str], known: set[str] | frozenset[str]) -> str:
    """The question with a loaded directive's number written right where it was typed with two
    neighbouring digits swapped ("công văn 1183" for 1138), when no loaded text writes the number as
    typed (a document the directives cite keeps its number).

    >>> mistyped_numbers("ai ki cong van 1183 hon quan", ["1138/UBND-NC"], set())
    'ai ki cong van 1138 hon quan'
    >>> d = ["1138/UBND-NC"]
    >>> mistyped_numbers("Công văn 1183 ngày nào?", d, {"1183/ubnd-nc"}), mistyped_numbers("CV 1763?", d, set())
    ('Công văn 1183 ngày nào?', 'CV 1763?')

    Args:
        question: The question.
        numbers: The loaded directives' numbers ("1138/UBND-NC").
        known: Folded words of the loaded texts (``Vocabulary.words``).
    """
    low = fold(question)
    if len(low) != len(question):
        return question
    own = {fold(n).split("/")[0] for n in numbers if n}
    for m in _DOC_NUMBER.finditer(low):
        typed = m.group(1)
        if typed in own or typed in known or any(w.startswith(typed + "/") for w in known):
            continue
        near = [n for n in own if len(n) == len(typed) and _swapped(n, typed)]
        if len(near) == 1:
            question = question[: m.start(1)] + near[0] + question[m.end(1) :]
    return question


def _swapped(a: str, b: str) -> bool:
    """Whether two equally long strings differ by two neighbouring characters swapped."""
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
