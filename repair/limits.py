"""The confusion cost the limit checks read (round 30): a head word, a cited point.

Some readings are recognised by a confusion cost under a fixed limit: a token names an agency's
head (``repair.heads``, ``HEAD_COST``; ``repair.ocr``'s head filter), a damaged "điểm" or "khoản"
frames a cited point (``repair.tokens.cited_point``, ``POINT_COST``, ``POINT_NEAR``). Those limits
were set on the hand-set costs. Round 29's c3 decodes lower-case words with the costs learnt from
the scans, which cross them: "cdc" (các) costs 1.21 and "khorin" (khoản, ``ri`` for a) 1.23, so
"Thủ trưởng các sd, ban" lost its "sở" and round 18's "tai tlém b khorin 2" read "điểm a". Here the
checks measure with ``confusion.limit_rules`` (the hand-set costs, the scan engine's own readings
learnt: main's costs before c3) while the decoder keeps c3's costs for choosing the words.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

from repair.confusion import limit_rules, search
from repair.heads import HEAD_COST, TITLE_COST
from repair.tokens import POINT_COST, POINT_NEAR

# The dearest cost a limit check reads: a search this far finds every reading under a limit (a dearer one is inf)
LIMIT_SEARCH = max(HEAD_COST, TITLE_COST, POINT_COST, POINT_NEAR)

Cost = Callable[[str, str], float]


def limit_cost(trie: dict, stripped: bool, readings: int, delete_letter: float | None = None,
               undoubled: str = "", own: Cost | None = None) -> Cost:
    """The cost ``(token, folded syllable)`` the limit checks read, up to ``LIMIT_SEARCH`` (dearer: inf):
    a search with ``limit_rules(stripped)``, or where there are none the decoder's own cost (``own``,
    its cached search: as before round 30).

    Args:
        trie: Trie of folded valid syllables.
        stripped: The marks of the text were stripped (ingestion: the decoder's costs are hand-set already).
        readings: Cheapest readings kept per search (as the decoder's, ``repair.ocr.FOLD_CANDIDATES``).
        delete_letter, undoubled: As ``confusion.search`` takes them from the decoder.
        own: The decoder's cost; required where ``limit_rules(stripped)`` gives none.
    """
    rules = limit_rules(stripped)
    if rules is None:
        if own is None:
            raise ValueError("no limit rules apply here: the checks read the decoder's own cost, pass it as own")
        return lambda tok, folded: c if (c := own(tok, folded)) <= LIMIT_SEARCH else math.inf

    @lru_cache(maxsize=100_000)
    def found(tok: str) -> dict[str, float]:
        return dict(search(tok, trie, LIMIT_SEARCH, readings, rules, delete_letter, undoubled))

    def measure(tok: str, folded: str) -> float:
        return found(tok).get(folded, math.inf)

    return measure
