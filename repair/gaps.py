"""The text between two OCR tokens: may they be one syllable, and does a phrase end there?

Moved out of ``repair/ocr.py`` unchanged (round 18) to keep that module short; ``repair.ocr``
imports these names, so ``repair.ocr.merge_cost`` is still this function.
"""

from __future__ import annotations

import math
import re

from repair.decode import NO_SEP, SEP_BREAK, SEP_PUNCT
from repair.lm import INNER_PUNCT

_HARD_BREAK_RE = re.compile(r"\n[ \t]*\n")
MERGE_COST = {"": 0.5, ".": 1.0, ",": 1.0, "'": 0.5, "_": 0.5, " ": 2.0, "-": 1.5}
# MERGE_WRAP and repair.ocr.MERGE_VALID were set on the synthetic development set (bench/README.md, round 5).
MERGE_WRAP = 1.5  # cost of merging fragments across a line end (a wrapped or hyphenated word)
# Round 17: any one or two marks inside a word (``q;ar``, ``nhié:m``, ``t’inh``; not "-", "/")
MERGE_MARKS = frozenset(".,;:'\"’‘`!?")
MERGE_MARK_COST = 1.0  # as "." and ","
# Round 17 (c4): quotes and specks (a stray ', ", *, ^) do not end a phrase for the decoder
QUIET_MARKS: frozenset[str] = frozenset("'\"’‘“”`*<>")
BLANK_LINE_BREAKS = False  # a blank line without punctuation ends a phrase (False: scans are often double spaced)


def merge_cost(gap: str) -> float:
    """Cost of reading the fragments either side of ``gap`` as one syllable (inf: never).

    Args:
        gap: The text between the two fragments.

    Returns:
        The merge cost, ``math.inf`` where the gap parts two words for sure.

    >>> merge_cost(" "), merge_cost("-\\n"), merge_cost(". "), merge_cost(";"), merge_cost("’")
    (2.0, 1.5, inf, 1.0, 1.0)
    """
    if gap in MERGE_COST:
        return MERGE_COST[gap]
    if MERGE_MARKS and 0 < len(gap) <= 2 and all(c in MERGE_MARKS for c in gap):
        return MERGE_MARK_COST
    if "\n" in gap and gap.replace("-", "", 1).isspace():
        return MERGE_WRAP
    return math.inf


def separator_kind(sep: str) -> int:
    """What the decoder makes of the text between two tokens (``repair.decode``'s kinds).

    Args:
        sep: The text between the tokens.

    Returns:
        ``NO_SEP`` (white space, a hyphen, quotes and specks), ``SEP_PUNCT`` (``, ; :``) or
        ``SEP_BREAK`` (any other mark: the phrase ends).

    >>> separator_kind(" ") == NO_SEP, separator_kind(", ") == SEP_PUNCT, separator_kind(". ") == SEP_BREAK
    (True, True, True)
    """
    if BLANK_LINE_BREAKS and _HARD_BREAK_RE.search(sep):
        return SEP_BREAK
    marks = [c for c in sep if not c.isspace()]
    if not marks or sep == "-":  # "Uy-ban": OCR reads a hyphen into a word gap
        return NO_SEP
    if all(c in INNER_PUNCT for c in marks):
        return SEP_PUNCT
    if all(c in QUIET_MARKS for c in marks):  # a quote or a speck: no phrase ends there
        return NO_SEP
    return SEP_BREAK
