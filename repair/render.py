"""Writing a decoded lattice back as text (moved out of ``repair/ocr.py`` unchanged, round 17).

The chosen reading of each token replaces it in place; case follows the token as read; a
merged line end moves its break after the merged word, so the layout is kept. ``RepairResult``
(what ``repair.ocr.repair_text`` returns) moved here in round 18.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from repair.decode import Edge
from repair.lm import LanguageModel
from repair.syllable import apply_case, case_pattern, fold


@dataclass
class RepairResult:
    """Outcome of ``repair_text``.

    Attributes:
        text: The repaired text (line breaks kept).
        confidence: 0..1; about ``exp(-mean edit cost per word)``, low for damaged text.
        words: Word tokens considered.
        changed: Word tokens whose letters changed beyond restoring diacritics.
        invalid: Word tokens that were not Vietnamese syllables as read.
    """

    text: str
    confidence: float
    words: int
    changed: int
    invalid: int


def reading(tok: str, ids: tuple[int, ...], fx: str | None, lm: LanguageModel) -> str:
    """How one edge reads token ``tok``: the text kept as read, else its syllables in the
    token's case (a split token's later syllables lower case unless all is upper)."""
    if fx is not None:
        return fx
    new = apply_case(lm.vocab[ids[0]], "X" if tok[0] == "P" and tok[1:2].islower() else tok)
    if case_pattern(tok) == "lower" and len(tok) > 1 and not tok[0].isupper():
        new = lm.vocab[ids[0]]
    for w in ids[1:]:
        new += " " + (lm.vocab[w].upper() if case_pattern(tok) == "upper" else lm.vocab[w])
    return new


def render(pieces: list[str], word_at: list[int], toks: list[str], gaps: list[str], edges: list[list[Edge]],
           fixed: list[list[str | None]], path: list[int], lm: LanguageModel,
           penalty_scale: float) -> tuple[str, float, int]:
    """The repaired text of a decoded lattice, its confidence and the count of changed tokens.

    Args:
        pieces: The text's pieces (tokens, gaps, punctuation) in order.
        word_at: Indices of the pieces that are tokens.
        toks: The tokens.
        gaps: The text between consecutive tokens.
        edges: Lattice edges per token: (next node, syllable ids, scaled penalty).
        fixed: Per edge, the text kept as read, or None.
        path: The chosen edge at each visited node.
        lm: The model (its vocabulary).
        penalty_scale: The weight the penalties were scaled by.

    Returns:
        (text, confidence rounded to 4 places, changed tokens).
    """
    out = list(pieces)
    node = 0
    total_pen = 0.0
    changed = 0
    for k in path:
        j, ids, pen = edges[node][k]
        fx = fixed[node][k]
        tok = toks[node]
        total_pen += pen
        new = reading(tok, ids, fx, lm)
        if fold(new).lower() != fold(tok).lower():
            changed += 1
        out[word_at[node]] = new
        if j == node + 2:
            breaks = "\n" * gaps[node].count("\n")  # a merged line end: the break moves after the word
            for p in range(word_at[node] + 1, word_at[node + 1] + 1):
                out[p] = ""
            if breaks:  # into the next white space before the next word, else after the last piece
                p = word_at[node + 1] + 1
                stop = word_at[node + 2] if node + 2 < len(word_at) else len(pieces)
                while p < stop and not pieces[p].isspace():
                    p += 1
                p = min(p, len(pieces) - 1)
                out[p] = breaks + out[p].lstrip(" \t") if pieces[p].isspace() else out[p] + breaks
        node = j
    conf = math.exp(-total_pen / penalty_scale / len(toks))
    return "".join(out), round(conf, 4), changed
