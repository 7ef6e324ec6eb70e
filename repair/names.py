"""Tokens read with the hand-set costs because a name follows them (round 32).

Round 29 (``confusion.LEARNED_LOWER``) reads the costs learnt from the scans only inside lower-case
words: a capitalised token (a name, an agency's head) keeps the hand-set costs. Its lower-case
neighbour did not: in 001 "UBND tinh va cdc S6: Ngi vu" the learnt ``d`` for o (0.54, hand-set 1.0)
let the model's common compound "cơ sở" read ``cdc`` as "cơ" before the agency "Sở", and with it the
document cache lost a "các sở" ("Thủ trưởng các số, ban"). The language model was trained on
lower-cased text: it cannot see that a capital in mid-sentence opens a name, so the compound it
knows ("cơ sở", "giáo sư") is no evidence there. With ``confusion.HAND_BEFORE_NAME`` a lower-case
token directly before a capitalised one (only spaces or one line break between, so no sentence
ends there) is read with the hand-set tables, as the name itself is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from repair import confusion as cf

_BLANK = re.compile(r"[ \t]*\n?[ \t]*")  # the gap of one sentence: spaces, at most one line break


def before_names(toks: Sequence[str], gaps: Sequence[str], stripped: bool = False) -> frozenset[int]:
    """Indices of the lower-case tokens read with the hand-set costs because a capitalised token
    follows in the same sentence (empty without ``HAND_BEFORE_NAME`` or where every token already reads
    hand-set: text whose marks were stripped, or no ``LEARNED_LOWER``).

    Args:
        toks: The word tokens of a text, as read.
        gaps: What lies between token ``i`` and token ``i + 1``.
        stripped: The text's marks were stripped (ingestion).

    Returns:
        The indices of those tokens.

    >>> cf.HAND_BEFORE_NAME, saved = True, cf.HAND_BEFORE_NAME
    >>> sorted(before_names(["va", "cdc", "S6", "Ngi", "vu"], [" ", " ", ": ", " "]))
    [1]
    >>> sorted(before_names(["nam", "Chu", "tich"], [". ", " "])), sorted(before_names(["cdc", "S6"], [" "], True))
    ([], [])
    >>> cf.HAND_BEFORE_NAME = saved
    """
    if not cf.HAND_BEFORE_NAME or cf.hand_tables(stripped)[0] is None:
        return frozenset()
    return frozenset(i for i, gap in enumerate(gaps) if i + 1 < len(toks) and toks[i][:1].islower()
                     and toks[i + 1][:1].isupper() and _BLANK.fullmatch(gap))
