"""Tokens ``repair.ocr`` keeps or reads specially: lettered points, digit debris, Roman numerals,
acronyms, web addresses and ``&``.

Moved out of ``repair/ocr.py`` unchanged (round 8) to keep that module short.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from repair.confusion import RULES
from repair.syllable import fold, normalize_syllable

# Glyphs read inside a word (or, ``&`` and ``¥``, alone) as letters (``repair.confusion.RULES``):
# ``€`` e, ``&`` ở, ``¥`` ý (round 19: "¥ kiến" = ý kiến lost its word), ``§`` ộ ("B§ phận" = Bộ phận)
GLYPHS = "€¢[]{}|\\^~&¥§"
LONE_GLYPHS = ("&", "¥", "¢")  # ... that are a word on their own (round 20: "¢")
LIST_GLYPHS = {"¢": "c"}  # ... and a lettered point's letter before ")" (round 20: "¢) Tiép tuc", 001/003)
_TOKCH = rf"(?:[^\W_]|[{re.escape(GLYPHS)}])"
_PIECE_RE = re.compile(rf"{_TOKCH}+(?:[!?']{_TOKCH}+)*!?|\s+|.", re.S)


def word_pieces(text: str) -> tuple[list[str], list[int]]:
    """The pieces of ``text`` (words, spaces, single marks) and the indices of its words.

    >>> word_pieces("lấy ¥ kiến, B§ phận")
    (['lấy', ' ', '¥', ' ', 'kiến', ',', ' ', 'B§', ' ', 'phận'], [0, 2, 4, 7, 9])
    >>> word_pieces("a € b")[1]
    [0, 4]
    """
    pieces = _PIECE_RE.findall(text)
    word_at = [i for i, p in enumerate(pieces) if (p[0].isalnum() or p[0] in GLYPHS)
               and (any(c.isalnum() for c in p) or p in LONE_GLYPHS)]
    return pieces, word_at


_STROKE_D = frozenset(src.lower() for src, outs in RULES.items() if len(src) == 2 and ("d", outs[0][1]) in outs)


# Round 21 (c4): a point's letter read twice ("bb)", "cll)" = đ, "các điểm a, bb và c"), as the
# synthetic damage doubles a letter; i, v and x stay (a doubled one may be a Roman numeral).
DOUBLED_POINTS = True


def undoubled(tok: str) -> str:
    """``tok`` less its last letter when that repeats the one before it ("bb", "cll"), else ``tok``.

    >>> undoubled("bb"), undoubled("cll"), undoubled("ii"), undoubled("b"), undoubled("ba")
    ('b', 'cl', 'ii', 'b', 'ba')
    """
    if DOUBLED_POINTS and len(tok) in (2, 3) and tok[-1] == tok[-2] and tok[-1].isalpha() and tok[-1] not in "ivxIVX":
        return tok[:-1]
    return tok


def list_marker(tok: str, before: str, after: str) -> str:
    """The letter of a lettered point ("b)", "đ)") opening a line, else "".

    A letter there is kept as read (it is no syllable, so the search would replace it);
    a letter pair the scan reads for ``đ`` (``tl)``) is ``đ``; a letter read twice is read once.

    >>> list_marker("b", "\\n", ") Sở"), list_marker("tl", "", ")"), list_marker("b", " ", ")"), list_marker("ba", "", ")")
    ('b', 'đ', '', '')
    >>> list_marker("¢", "", ") Tiép"), list_marker("bb", "", ") Ngu")
    ('c', 'b')
    >>> list_marker("cll", "", ")"), list_marker("ii", "", ")")
    ('đ', '')
    """
    if not after.startswith(")") or not (before == "" or "\n" in before):
        return ""
    tok = undoubled(tok)
    if len(tok) == 1 and tok.isalpha():
        return tok
    if tok in LIST_GLYPHS:
        return LIST_GLYPHS[tok]
    if tok.lower() in _STROKE_D:
        return "Đ" if tok[0].isupper() else "đ"
    return ""


_DEBRIS_RE = re.compile(r"[^\W\d_]\d+[^\W\d_]")
_VOWEL_DIGITS = frozenset("0145689")  # digits the scan reads for accented vowels (see RULES)
DIGIT_TAIL = True  # a lower-case word ending in look-alike digits ("h66" = hỗ) is repaired too
# Round 18: a word whose l the scan read as 1 and its vowel as a digit ("16p" = lớp, "16ng" = lồng, 003)
DIGIT_HEAD = True
_HEAD_RE = re.compile(r"1([0-9]+)([a-zđ]+)")
# tails of a number with its unit or of a time, kept as read ("10km", "16h", "15g")
_UNITS = frozenset({"h", "g", "m", "km", "kg", "ha", "cm", "mm", "ml", "kw", "kwh", "mw", "s", "l", "t", "tr", "k"})


def is_digit_debris(tok: str) -> bool:
    """A word whose vowels the scan read as digits, between lower-case letters ("kh6ngc6").

    With ``DIGIT_TAIL`` also a word that opens with a lower-case letter and whose digits all
    look like vowels ("h66" = hỗ, "t51" = tội). Codes keep their digits: a number with a unit
    ("10km"), all capitals ("H5N1"), digits no vowel looks like ("m23").

    >>> is_digit_debris("kh6ngc6"), is_digit_debris("c0s6"), is_digit_debris("10km"), is_digit_debris("H5N1")
    (True, True, False, False)
    >>> is_digit_debris("h66"), is_digit_debris("t51"), is_digit_debris("m23"), is_digit_debris("Km10")
    (True, True, False, False)

    With ``DIGIT_HEAD`` also ``1`` (read for ``l``), look-alike digits and lower-case letters
    that are no unit ("16p" = lớp; "16h", "10km", "13m" stay).

    >>> is_digit_debris("16p"), is_digit_debris("16ng"), is_digit_debris("16h"), is_digit_debris("13m")
    (True, True, False, False)
    """
    if not any(c.islower() for c in tok):
        return False
    if _DEBRIS_RE.search(tok) is not None:
        return True
    head = _HEAD_RE.fullmatch(tok) if DIGIT_HEAD else None
    if head and all(c in _VOWEL_DIGITS for c in head.group(1)) and head.group(2) not in _UNITS:
        return True
    return DIGIT_TAIL and tok[0].islower() and all(c in _VOWEL_DIGITS for c in tok if c.isdigit())


_ROMAN = re.compile(r"X{0,3}(?:IX|IV|VI{0,3}|I{1,3})")


def roman_numeral(tok: str) -> str:
    """A Roman numeral whose I the scan read as 1, l or | ("quý I1I" is "quý III"), else "".

    >>> roman_numeral("I1I"), roman_numeral("Il"), roman_numeral("1V"), roman_numeral("11"), roman_numeral("Ill")
    ('III', 'II', 'IV', '', 'III')
    """
    if not (1 < len(tok) <= 5 and re.search(r"[IVX]", tok) and re.search(r"[1l|]", tok)):
        return ""
    fixed = re.sub(r"[1l|]", "I", tok)
    return fixed if _ROMAN.fullmatch(fixed) else ""


_ACRONYMS = Path(__file__).resolve().parent / "data" / "acronyms.tsv"


@lru_cache(maxsize=1)
def acronym_words() -> dict[str, tuple[str, ...]]:
    """Folded upper-case acronym → the normalised syllables it stands for (``data/acronyms.tsv``).

    >>> acronym_words()["HDND"]
    ('hội', 'đồng', 'nhân', 'dân')
    """
    out: dict[str, tuple[str, ...]] = {}
    for line in _ACRONYMS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            acro, words = line.split("\t")
            out[fold(acro.strip()).upper()] = tuple(normalize_syllable(w) for w in words.split())
    return out


def acronym_reading(tok: str, index: dict[str, int]) -> tuple[int, ...] | None:
    """The syllable ids the language model reads for an acronym token, or None.

    Without them the acronym is an unknown word and the next word loses its context: "UBND
    huyen" came out "UBND huyền" where "ủy ban nhân dân huyện" is what the model knows.
    """
    words = acronym_words().get(fold(tok).upper())
    if words is None or not all(w in index for w in words):
        return None
    return tuple(index[w] for w in words)


_URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def url_tokens(text: str, pieces: list[str], word_at: list[int]) -> list[int]:
    """Indices (into ``word_at``) of the tokens inside a web address: they are kept as read.

    Args:
        text: The text.
        pieces: Its pieces, in order (their concatenation is ``text``).
        word_at: Indices of the pieces that are tokens.

    >>> url_tokens("xem https://a.vn/?k=1&match=True nhé", ["xem", " ", "https", ":", "//", "a"], [0, 2, 5])
    [1, 2]
    """
    spans = [m.span() for m in _URL_RE.finditer(text)]
    if not spans:
        return []
    starts = [0]
    for p in pieces:
        starts.append(starts[-1] + len(p))
    return [i for i, k in enumerate(word_at) if any(a <= starts[k] < b for a, b in spans)]


def head_readings(plain: str, heads: frozenset[str]) -> set[str]:
    """The agency heads (``repair.heads.HEADS``) a folded token names as read, reading an ``&``
    as the vowel it mostly stands for ("s&" = sở: round 12 read "qua S& Noi vu" as "Bộ Nội vụ").

    >>> sorted(head_readings("so", frozenset({"so", "bo"}))), sorted(head_readings("s&", frozenset({"so", "bo"})))
    (['so'], ['so'])
    """
    return {plain.replace("&", v) for v in "oea"} & heads


def amp_acronym(tok: str) -> bool:
    """An ``&`` between capitals ("R&D", "Q&A"): an abbreviation, kept as read.

    Anywhere else the scans of 001/003/004 write ``&`` for a vowel with a tone mark (``S&`` =
    Sở, ``K&`` = Kế, ``v&i`` = với, a lone ``&`` = ở), which ``repair.confusion.RULES`` reads.

    >>> amp_acronym("R&D"), amp_acronym("S&"), amp_acronym("v&i"), amp_acronym("&")
    (True, False, False, False)
    """
    return bool(re.fullmatch(r"[A-Z]+(?:&[A-Z]+)+", tok))


# Round 34: a token of look-alike digits and a glyph, with no letter ("¢6" = có in 001 and 004, "1&" = lệ in
# 001's "ty 1&"): no number or code holds a glyph, so it is read as a word, as a lone glyph is (False: kept).
GLYPH_WORDS = True


def glyph_word(tok: str) -> bool:
    """A letterless token of two or more characters, each one a letter's look-alike, one of them a glyph.

    >>> glyph_word("¢6"), glyph_word("1&"), glyph_word("16"), glyph_word("&"), glyph_word("2&"), glyph_word("¢a")
    (True, True, False, False, False, False)
    """
    return (GLYPH_WORDS and len(tok) >= 2 and not any(c.isalpha() for c in tok)
            and any(c in GLYPHS for c in tok) and all(c in RULES for c in tok))


_VOWELS = frozenset("AEIOUYĂÂÊÔƠƯ")


def header_words(toks: list[str], gaps: list[str], syllable: Callable[[str], bool]) -> list[int]:
    """Tokens in capitals that are damaged words of an upper-case line, not acronyms (round 18).

    A token all in capitals that is no syllable is kept as an acronym ("PAPI", "CCHC"), but
    the headings of a directive are written in capitals too, and their damaged words were kept
    as read: "XA HQI CHU NGHIA" (HỘI), "MUC PICH, YEU CAU" (ĐÍCH). Such a token holds a vowel,
    is no known acronym (``data/acronyms.tsv``) and has on its line, next to it, a token in
    capitals of two letters or more that is a syllable; ``repair.ocr`` then reads it as a word,
    keeping it as read at a cost.

    Args:
        toks: The tokens of a text.
        gaps: The text between consecutive tokens.
        syllable: Whether a folded lower-case token is a syllable of the model.

    Returns:
        The indices of those tokens.

    >>> ok = lambda t: t in {"xa", "chu", "muc", "yeu", "cau"}
    >>> header_words(["XA", "HQI", "CHU", "MUC", "PICH", "yeu", "UBND", "CCHC", "MUC"], [" "] * 8, ok)
    [1, 4]
    """
    def caps_syllable(j: int) -> bool:
        t = toks[j]
        return len(t) > 1 and t.isalpha() and t.isupper() and syllable(fold(t).lower())

    out = []
    for i, tok in enumerate(toks):
        if not (len(tok) > 1 and tok.isalpha() and tok.isupper() and _VOWELS & set(fold(tok).upper())):
            continue
        if syllable(fold(tok).lower()) or fold(tok).upper() in acronym_words():
            continue
        left = i > 0 and "\n" not in gaps[i - 1] and caps_syllable(i - 1)
        right = i + 1 < len(toks) and "\n" not in gaps[i] and caps_syllable(i + 1)
        if left or right:
            out.append(i)
    return out


def stroke_acronym(tok: str) -> str:
    """A known acronym whose ``Đ`` the scan read as ``P`` ("HPND" = HĐND), else "".

    >>> stroke_acronym("HPND"), stroke_acronym("UBND"), stroke_acronym("PAPI")
    ('HĐND', '', '')
    """
    if "P" not in tok or not tok.isupper():
        return ""
    for k in range(len(tok)):
        if tok[k] == "P":
            fixed = tok[:k] + "Đ" + tok[k + 1:]
            if fold(fixed).upper() in acronym_words():
                return fixed
    return ""


def about_tokens(toks: list[str], gaps: list[str]) -> list[int]:
    """The tokens of "V/v" (về việc, opening the subject line of a letter): kept as read.

    >>> about_tokens(["V", "v", "nang", "V", "v"], ["/", " ", " ", " / "])
    [0, 1]
    """
    return [j for i in range(len(toks) - 1) if toks[i] == "V" and toks[i + 1] == "v" and gaps[i] == "/"
            for j in (i, i + 1)]


POINT_COST = 1.0  # round 18: a damaged "điểm" read this cheaply cites the letter after it
POINT_NEAR = 3.5  # ... or read at most this dearly when a cheap "khoản" follows the letter


def cited_point(toks: list[str], i: int, cost: Callable[[str, str], float]) -> str:
    """The letter of a point cited after "điểm" that ``toks[i]`` is ("điểm b khoản 2"), else "".

    The letter is kept as read (the model would read "a", "b" as words). Round 18: also after a
    damaged "điểm" ("tliém d khoan 3", "dim d kho4n 1"), and ``tl`` (a scan's ``đ``) as a letter.

    Args:
        toks: The tokens of a text.
        i: The token asked about.
        cost: The confusion cost of reading a token as a folded syllable (``inf``: not at all).

    Returns:
        The point's letter, or "".

    >>> costs = {("tliém", "diem"): 0.5, ("tlém", "diem"): 3.5, ("kho4n", "khoan"): 0.5}
    >>> cost = lambda t, f: costs.get((t, f), 9.0)
    >>> cited_point(["diem", "b"], 1, cost), cited_point(["tliém", "d"], 1, cost)
    ('b', 'd')
    >>> cited_point(["tliém", "tl"], 1, cost)
    'đ'
    >>> cited_point(["tlém", "b", "kho4n"], 1, cost), cited_point(["tlém", "b", "cua"], 1, cost)
    ('b', '')
    """
    tok, prev = toks[i], toks[i - 1] if i else ""
    plain = fold(prev).lower() == "diem"
    if len(tok) == 1 and tok.isalpha() and plain:
        return tok
    letter = tok if len(tok) == 1 and tok.isalpha() and tok.islower() else "đ" if tok in _STROKE_D else ""
    if not letter or not prev:
        return ""
    near = cost(prev, "diem")
    if plain or near <= POINT_COST:
        return letter
    if near <= POINT_NEAR and i + 1 < len(toks) and cost(toks[i + 1], "khoan") <= POINT_COST:
        return letter
    return ""


def point_markers(toks: list[str], befores: list[str], afters: list[str], cost: Callable[[str, str], float],
                  lists: bool = True, damaged: bool = True, listed: bool = True) -> dict[int, str]:
    """The tokens kept as the letter of a point, with that letter (moved from ``repair.ocr``, round 21).

    A lettered point opening a line ("b) Sở", ``list_marker``), a point cited after "điểm"
    (``cited_point``; after a damaged "điểm" only with ``damaged``, round 18) and, with
    ``listed``, the points listed after a cited one ("điểm a, b, c và d khoản 1", round 17).

    Args:
        toks: The tokens of a text.
        befores, afters: The text before and after each token.
        cost: The confusion cost of reading a token as a folded syllable (``inf``: not at all).
        lists: Whether points are read at all (``repair.ocr.LIST_MARKERS``).
        damaged, listed: ``repair.ocr.POINT_DAMAGED``, ``repair.ocr.POINT_LISTS``.

    >>> point_markers(["diem", "a", "b", "va", "c", "khoan"], ["", " ", ", ", " ", " ", " "],
    ...               [" ", ", ", " ", " ", " ", ""], lambda t, f: 0.0 if fold(t) == f else 9.0)
    {1: 'a', 2: 'b', 4: 'c'}
    """
    out: dict[int, str] = {}
    cited = [False] * len(toks)
    for i, tok in enumerate(toks):
        marker = list_marker(tok, befores[i], afters[i]) if lists else ""
        after_diem = damaged or fold(toks[i - 1]).lower() == "diem"
        point = cited_point(toks, i, cost) if lists and i and after_diem else ""
        if point:
            marker = point  # a point cited by its letter: "điểm b khoản 2" (round 18: "tliém d khoan 3")
            cited[i] = True
        elif listed and len(undoubled(tok)) == 1 and tok.isalpha() and tok.islower() and i and (
                (cited[i - 1] and befores[i].strip() == ",")
                or (i > 1 and cited[i - 2] and befores[i - 1].strip() in ",")
                and fold(toks[i - 1]).lower() in ("va", "hoac")):
            marker = undoubled(tok)  # ... and the points listed after it: "điểm a, b, c và d khoản 1"
            cited[i] = True
        if marker:
            out[i] = marker
    return out
