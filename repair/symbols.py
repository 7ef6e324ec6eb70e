"""Document symbols, dates and numbers in OCR text (round 17).

Two things, both before the lattice of ``repair.ocr`` is built:

- ``fix_numbers`` rewrites a run of digits that the scan damaged with look-alike letters
  (``l``, ``I``, ``|`` for ``1`` or ``/``; ``O``, ``o`` for ``0``) or whose ``/`` it read as
  ``1`` (``15212017/QD-TTg``), but only into a shape a directive writes: a year, a date
  ``d/m/yyyy``, a document number ``n/yyyy`` or ``n/`` before its kind code, or a number whose
  letters all sit between digits. A run that fits no shape, or more than one, stays as read;
  a run already a number or date stays. ``S$6:1138`` (``Số:``) is read as ``Số: 1138``.
- ``symbol_tokens`` finds the tokens of document symbols (``23/CT-TTg``, ``107/2021/NĐ-CP``,
  ``8607 /KH-UBND``): ``repair.ocr`` keeps them as read. Before, ``TTg`` (mixed case, so no
  acronym) was read as a syllable: ``23/CT-TTg`` came out ``23/CT-Từ``.
"""

from __future__ import annotations

import re
from itertools import product

from repair.syllable import fold

# Look-alike readings of a character inside a run of digits.
DIGIT_LOOKS: dict[str, tuple[str, ...]] = {"l": ("1", "/"), "I": ("1", "/"), "|": ("1", "/"), "O": ("0",), "o": ("0",)}
MAX_AMBIGUOUS = 8  # positions with two readings tried per run (2^8 readings at most)
_RUN_RE = re.compile(r"[\dlI|Oo/]+")
# A kind or issuer code right after a run: "/QD-TTg", "/ND-CP", or glued to it ("2018ND-CP").
_CODE_AFTER = re.compile(r"\s?/?\s?[A-ZĐ][A-Za-zĐđ]{0,7}(?:-[A-ZĐ][A-Za-zĐđ]{0,9})*")
_YEAR = r"(?:19[4-9]\d|20[0-4]\d)"
_NUMSYM_RE = re.compile(rf"\d{{1,5}}(?:/{_YEAR})?/?")
_DATE_RE = re.compile(rf"(\d{{1,2}})/(\d{{1,2}})/{_YEAR}")
_YEAR_RE = re.compile(_YEAR)
_NUMBER_RE = re.compile(r"\d+")
_DATE_WORDS = frozenset({"ngay", "den", "tu", "truoc", "sau"})


def _valid_date(s: str) -> bool:
    m = _DATE_RE.fullmatch(s)
    return bool(m) and 1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12


def _shapes(s: str, coded: bool) -> set[str]:
    """The shapes a mapped run fits: ``sym`` (a document number before its code), ``date``,
    ``year``, ``number``."""
    out = set()
    if coded and _NUMSYM_RE.fullmatch(s) and (s.endswith("/") or "/" in s or len(s) <= 5):
        out.add("sym")
    if _valid_date(s):
        out.add("date")
    if _YEAR_RE.fullmatch(s):
        out.add("year")
    if _NUMBER_RE.fullmatch(s):
        out.add("number")
    return out


def _reading(run: str, coded: bool, dated: bool) -> str | None:
    """The one reading of a damaged run that fits a shape, or None.

    >>> _reading("6ll20l8", True, False), _reading("3l/12/20l7", False, True), _reading("2Ol8", False, False)
    ('61/2018', '31/12/2017', '2018')
    >>> _reading("15212017/", True, False), _reading("15212017", False, False), _reading("6ll20l8", False, False)
    ('152/2017/', None, None)
    """
    digits = sum(c.isdigit() for c in run)
    looks = [c for c in run if c in DIGIT_LOOKS]
    if digits < 2 or digits < len(looks) or run.strip("/") == "":
        return None
    slash_ones = not looks  # a clean digit run: only its "1"s may be a lost "/" (with a code or "ngày")
    if slash_ones and not (coded or dated):
        return None
    if slash_ones and (_shapes(run, coded) & {"sym", "date", "year"}):
        return None  # already a number the document can write
    # a "1" may be a "/" only before a code or after "ngày" (where the shapes are narrow)
    opts = [DIGIT_LOOKS[c] if c in DIGIT_LOOKS else ("1", "/") if (coded or dated) and c == "1" else (c,) for c in run]
    if sum(len(o) > 1 for o in opts) > MAX_AMBIGUOUS:
        return None
    fits: dict[str, set[str]] = {}
    for chars in product(*opts):
        s = "".join(chars)
        if s.startswith("/") or "//" in s:
            continue
        shapes = _shapes(s, coded)
        if "number" in shapes and not slash_ones:
            # a plain number only where every look-alike sits between digits ("1O0", not "l5")
            inner = all(0 < i < len(run) - 1 and run[i - 1].isdigit() and run[i + 1].isdigit()
                        for i, c in enumerate(run) if c in DIGIT_LOOKS)
            if not inner and not shapes - {"number"}:
                continue
        if slash_ones:
            shapes.discard("number")
            shapes.discard("year")
        if shapes:
            fits[s] = shapes
    for want in (("sym",) if coded else ()) + (("date",) if dated else ()) + ("date", "year", "number"):
        hits = [s for s, sh in fits.items() if want in sh]
        if hits:
            return hits[0] if len(hits) == 1 else None
    return None


def _day_or_month(run: str, word: str) -> str | None:
    """A day after "ngày" or a month after "tháng" with one look-alike digit ("ngày l6"), else None.

    >>> _day_or_month("l6", "ngay"), _day_or_month("l6", "thang"), _day_or_month("O5", "thang"), _day_or_month("l6", "so")
    ('16', None, '05', None)
    """
    if len(run) != 2 or word not in ("ngay", "thang") or sum(c.isdigit() for c in run) != 1:
        return None
    fixed = "".join(DIGIT_LOOKS[c][0] if c in DIGIT_LOOKS else c for c in run)
    if not fixed.isdigit():
        return None
    return fixed if 1 <= int(fixed) <= (31 if word == "ngay" else 12) else None


_SO_COLON = re.compile(r"(?<![\w$§&])S[$§&]?[6ôốoóé0]?(?<!So)(?<!Số)\s*:(?=\s*\d)")


def fix_numbers(text: str) -> str:
    """Damaged numbers, dates and document numbers written as the document printed them.

    >>> fix_numbers("Nghi dinh so 6ll20l8ND-CP ngay 3l/12/20l7")
    'Nghi dinh so 61/2018/ND-CP ngay 31/12/2017'
    >>> fix_numbers("Quyet dinh so 15212017/QD-TTg; S$6:1138 /UBND-NC; 1y, 16p, h66, 2019, 10/6, 100%")
    'Quyet dinh so 152/2017/QD-TTg; Số: 1138 /UBND-NC; 1y, 16p, h66, 2019, 10/6, 100%'
    """
    text = _SO_COLON.sub(lambda m: "Số:" if text[m.end():m.end() + 1].isspace() else "Số: ", text)
    out: list[str] = []
    pos = 0
    for m in _RUN_RE.finditer(text):
        a, b = m.span()
        run = m.group(0)
        before, after = text[a - 1:a], text[b:b + 1]
        if (before and (before.isalnum() or before in "_$§&")) or (after and after.islower()):
            continue  # part of a word ("1y", "h66", "Nooi")
        coded = bool(_CODE_AFTER.match(text, b)) and (after in "/ " or after.isupper())
        if after == " " and not text[b + 1:b + 2] == "/":
            coded = False  # a code only counts right after the run, or after " /"
        prev = re.findall(r"[^\W\d_]+", text[max(0, a - 12):a])
        dated = bool(prev) and fold(prev[-1]).lower() in _DATE_WORDS
        fixed = _reading(run, coded, dated) or _day_or_month(run, fold(prev[-1]).lower() if prev else "")
        if fixed is None or fixed == run:
            continue
        if coded and after.isupper() and not fixed.endswith("/"):
            fixed += "/"  # "2018ND-CP": the slash before the code was lost
        out.append(text[pos:a])
        out.append(fixed)
        pos = b
    out.append(text[pos:])
    return "".join(out)


_SYMBOL_RE = re.compile(
    r"(?<![\w/])(?:\d{1,5}\s?)?(?:/\d{2,4})*\s?/(?:[A-ZĐ][A-Za-zĐđ]{0,7})(?:[-.][A-ZĐ][A-Za-zĐđ]{0,9})*"
    r"|(?<![\w/])\d{1,5}(?:/\d{2,4})*-[A-ZĐ][A-Za-zĐđ]{0,7}(?:-[A-ZĐ][A-Za-zĐđ]{0,9})+")


def symbol_tokens(text: str, pieces: list[str], word_at: list[int]) -> list[int]:
    """Indices (into ``word_at``) of the letter tokens of document symbols, kept as read.

    >>> text = "Chi thi so 23/CT-TTg va 8607 /KH-UBND"
    >>> pieces = ["Chi", " ", "thi", " ", "so", " ", "23", "/", "CT", "-", "TTg", " ", "va", " ", "8607", " ", "/",
    ...           "KH", "-", "UBND"]
    >>> symbol_tokens(text, pieces, [0, 2, 4, 6, 8, 10, 12, 14, 17, 19])
    [4, 5, 8, 9]
    """
    spans = [m.span() for m in _SYMBOL_RE.finditer(text) if re.search(r"\d|-", m.group(0))]
    if not spans:
        return []
    starts = [0]
    for p in pieces:
        starts.append(starts[-1] + len(p))
    return [i for i, k in enumerate(word_at)
            if not pieces[k].isdigit() and any(a <= starts[k] < b for a, b in spans)]
