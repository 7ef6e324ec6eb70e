"""Cues in a question's wording that prefer some sentences beyond the words they share with it:
a figure the question quotes, a request for the directive's own judgement (its preamble), for the
periods of a report, or for one of the directive's parts (signature block, header)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag import asked
from rag.query import Query
from vanban.text import fold

QUOTED_BONUS = 0.25  # a sentence holding a figure or symbol the question quotes
ASSESSMENT_BONUS = 0.2  # the preamble, where a directive judges the situation, for "đánh giá … ra sao"
SHORTCOMING_BONUS = 0.1  # a preamble sentence stating a shortcoming, for "hạn chế nào", "what was lacking"
FREQUENCY_BONUS = 0.1  # a sentence naming report periods, for "theo những kỳ nào"
PART_BONUS = 0.2  # the part asked for: "who signed" → signature block, "issued when" → header


@dataclass(frozen=True)
class Cues:
    """What a question's wording prefers in a sentence, read once per question."""

    quoted: tuple[str, ...] = ()  # folded figures, dates and symbols the question quotes
    often: bool = False
    judged: bool = False
    shortcoming: bool = False
    parts: frozenset[str] = frozenset()

    @classmethod
    def of(cls, query: Query, qt: str, naming: set[str], parts: set[str] | frozenset[str]) -> "Cues":
        """The cues of a question; ``naming`` are the words naming its directive (its own number
        only names the directive: "Công văn 1138" quotes nothing).

        >>> from rag.query import understand
        >>> Cues.of(understand("con số 80% trong công văn 1138 là chỉ tiêu gì"), "fact", set(), set()).quoted
        ('80%',)
        >>> Cues.of(understand("Chỉ thị 05 đánh giá thu hút đầu tư ra sao?"), "fact", set(), set()).judged
        True
        """
        general = qt in {"fact", "list"}
        return cls(
            quoted=tuple(fold(t) for t in query.keep_tokens if re.search(r"[%/]", t) and fold(t) not in naming),
            often=asked.asks_frequency(query.text),
            judged=general and asked.asks_assessment(query.text),
            shortcoming=general and asked.asks_shortcoming(query.text),
            parts=frozenset(parts),
        )

    def bonus(self, kind: str, text: str) -> float:
        """What a sentence of a chunk of ``kind`` gains from the cues."""
        gain = 0.0
        if self.often and asked.states_frequency(text):
            gain += FREQUENCY_BONUS
        if self.quoted and any(t in fold(text) for t in self.quoted):
            gain += QUOTED_BONUS
        if kind == "preamble":
            gain += ASSESSMENT_BONUS if self.judged else 0.0
            gain += SHORTCOMING_BONUS if self.shortcoming and asked.states_shortcoming(text) else 0.0
        if kind in self.parts:
            gain += PART_BONUS
        return gain
