"""Tokens of digits and glyphs that stand for a word in running text (round 21).

The engine of the scans 001/003/004 reads whole short words as digits and glyphs: ``13``
for "là" ("hằng năm 13 một trong những nội dung"), ``¢6`` for "có", ``1&`` for "lệ" ("tỷ 1&
hồ sơ"). ``repair.ocr`` kept any token without a letter as read (a number), so those words
were lost. A token of two or three look-alike characters (``repair.confusion.RULES``) that
holds a mark glyph (``MARK_GLYPHS``) is no number: it is read as a word. One of digits alone may be a number
("15 ngày", "13 tiêu chí"): it is read as a word only between two lower-case words with no
mark between (round 21's c3: words that may hold digits, "m6t"), at the cost of its confusion
edits, and a number with a leading zero ("08 nội dung") always stays.
"""

from __future__ import annotations

from repair.confusion import RULES

DIGIT_WORDS = True
MAX_LEN = 3
DIGITS_WORD = 0.0  # extra cost (on its confusion edits) of reading "digits" as a word ("13" = là)
# Round 22: the glyphs an engine writes for a marked vowel (round 21's c1 took any non-digit of
# RULES). Brackets, bars and carets beside a digit ("[1]", "|1", "1!") are layout noise or a
# footnote mark, not a word: round 21's c1 lost one folded word on the test without this limit.
MARK_GLYPHS = frozenset("&¢€¥§")


# Round 21's c3: a neighbour is a word when it opens with a lower-case letter and holds no capital,
# digits and glyphs inside allowed: an engine that writes "13" for "là" writes "m6t" for "một"
# as well ("hằng năm 13 m6t trong"); c1 asked for letters only.
DAMAGED_NEIGHBOURS = True


def _word(tok: str) -> bool:
    if DAMAGED_NEIGHBOURS:
        return tok[:1].isalpha() and tok[:1].islower() and not any(c.isupper() for c in tok)
    return tok.isalpha() and tok.islower()


def digit_word(toks: list[str], gaps: list[str], i: int) -> str:
    """How the token ``toks[i]`` may stand for a word: "glyph" (it holds a glyph, so it is no
    number), "digits" (digits alone, between two lower-case words), or "" (kept as read).

    Args:
        toks: The tokens of a text.
        gaps: The text between consecutive tokens.
        i: The token asked about.

    >>> toks = ["nam", "13", "mot", "¢6", "Chi", "ngay", "08", "noi", "15"]
    >>> [digit_word(toks, [" "] * 8, i) for i in (1, 3, 6, 8)]
    ['digits', 'glyph', '', '']
    >>> digit_word(["ty", "1&", "hd"], [" ", " "], 1), digit_word(["nam", "13", "mot"], [", ", " "], 1)
    ('glyph', '')
    >>> digit_word(["nam", "13", "m6t"], [" ", " "], 1), digit_word(["ngay", "13", "T6"], [" ", " "], 1)
    ('digits', '')
    >>> digit_word(["xem", "[1]", "va"], [" ", " "], 1), digit_word(["xem", "|1", "va"], [" ", " "], 1)
    ('', '')
    """
    tok = toks[i]
    if not (DIGIT_WORDS and 2 <= len(tok) <= MAX_LEN) or any(c.isalpha() for c in tok):
        return ""
    if not all(c in RULES for c in tok):
        return ""
    if not tok.isdigit():
        return "glyph" if any(c in MARK_GLYPHS for c in tok) else ""
    if tok[0] == "0" or i == 0 or i + 1 >= len(toks):
        return ""
    if gaps[i - 1].strip() or gaps[i].strip() or not (_word(toks[i - 1]) and _word(toks[i + 1])):
        return ""
    return "digits"
