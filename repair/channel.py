"""Confusion costs learnt from the scans' own readings by hard EM (round 25).

The decoder (``repair.ocr.repair_text``) reads a raw scan; each word token it read as one
syllable is aligned with that syllable's folded letters by the cheapest edit path of
``repair.confusion.search``'s costs (``align``), and the edits are counted (``count_edits``).
``learn_costs`` turns the counts into costs for ``repair.confusion.RULES``-style tables: for
each rule ``src -> dst`` the share of the target letters ``dst`` that the scan wrote as
``src`` (the channel ``P(src | dst)``), smoothed towards the hand-set cost, as ``-log P``
mapped onto the hand-set scale and bounded; a rule seen too rarely keeps its hand-set cost.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from repair import confusion as cf
from repair.syllable import fold

Edit = tuple[str, str, str]  # (kind, OCR text, folded letters): kind "=" same, "r" a rule, "d", "s", "i"


def align(token: str, target: str, rules: dict[str, list[tuple[str, float]]] | None = None,
          delete_letter: float | None = None) -> tuple[float, list[Edit]]:
    """The cheapest edit path from an OCR token to a folded syllable, with ``search``'s costs.

    Args:
        token: The OCR token, case as read.
        target: The folded syllable it was read as.
        rules: The confusion rules (``confusion.SEARCH_RULES`` when omitted).
        delete_letter: Cost of deleting a plain letter (``confusion.DELETE_LETTER`` when omitted).

    Returns:
        ``(cost, edits)``; ``(inf, [])`` when no path exists.

    >>> align("c6ng", "cong")[1]
    [('=', 'c', 'c'), ('r', '6', 'o'), ('=', 'n', 'n'), ('=', 'g', 'g')]
    >>> align("tlieu", "dieu")[1][0]
    ('r', 'tl', 'd')
    """
    table = cf.SEARCH_RULES if rules is None else rules
    del_letter = cf.DELETE_LETTER if delete_letter is None else delete_letter
    plain = fold(token).lower()
    n, m = len(token), len(target)
    inf = math.inf
    best: dict[tuple[int, int, bool], tuple[float, tuple[int, int, bool] | None, Edit | None]] = {(0, 0, False): (0.0, None, None)}

    def relax(state: tuple[int, int, bool], cost: float, prev: tuple[int, int, bool], edit: Edit) -> None:
        if cost < best.get(state, (inf,))[0] - 1e-12:
            best[state] = (cost, prev, edit)

    for i in range(n + 1):
        for j in range(m + 1):
            for lost in (False, True):
                cur = best.get((i, j, lost))
                if cur is None:
                    continue
                c0 = cur[0]
                if i < n:
                    ch = token[i]
                    if j < m and plain[i] == target[j]:
                        relax((i + 1, j + 1, lost), c0, (i, j, lost), ("=", ch.lower(), target[j]))
                    for length in range(1, min(cf._MAX_SRC, n - i) + 1):
                        src = token[i:i + length]
                        opts = table.get(src, ()) or (table.get(cf.capital_pair(src), ()) if cf.CAPITAL_PAIRS else ())
                        for dst, rc in opts:
                            if target.startswith(dst, j):
                                relax((i + length, j + len(dst), lost), c0 + rc, (i, j, lost), ("r", src, dst))
                    dc = cf.DELETE_COST.get(ch, del_letter if ch in cf._PLAIN_LETTERS else cf.DELETE)
                    if i and ch == token[i - 1]:
                        dc = min(dc, cf.DOUBLED)
                    relax((i + 1, j, lost), c0 + dc, (i, j, lost), ("d", ch, ""))
                    if j < m and plain[i] != target[j]:
                        relax((i + 1, j + 1, lost), c0 + cf.SUBSTITUTE, (i, j, lost), ("s", ch, target[j]))
                if j < m and target[j] in cf._LETTERS:
                    relax((i, j + 1, True), c0 + (cf.INSERT_MORE if lost else cf.INSERT), (i, j, lost), ("i", "", target[j]))
    ends = [s for s in ((n, m, False), (n, m, True)) if s in best]
    if not ends:
        return inf, []
    state: tuple[int, int, bool] | None = min(ends, key=lambda s: best[s][0])
    cost = best[state][0]
    edits: list[Edit] = []
    while state is not None and best[state][1] is not None:
        _, prev, edit = best[state]
        edits.append(edit)  # type: ignore[arg-type]
        state = prev
    return cost, edits[::-1]


@dataclass
class EditCounts:
    """Edits of aligned readings: ``pairs[(src, dst)]`` rule and look-alike readings, ``letters[dst]``
    how often the folded letters ``dst`` stood in the readings, and the generic edits."""

    pairs: Counter
    letters: Counter
    same: Counter
    deletes: Counter
    substitutes: int
    inserts: int
    chars: int
    tokens: int


def count_edits(readings: Iterable[tuple[str, str]], dsts: Iterable[str],
                rules: dict[str, list[tuple[str, float]]] | None = None) -> EditCounts:
    """Count the edits of ``(token, folded reading)`` pairs; ``dsts`` are the target strings whose
    occurrences in the readings are counted (``letters``).

    >>> ec = count_edits([("c6ng", "cong"), ("con", "con")], ["o"])
    >>> ec.pairs[("6", "o")], ec.letters["o"], ec.chars
    (1, 2, 7)
    """
    pairs: Counter = Counter()
    letters: Counter = Counter()
    same: Counter = Counter()
    deletes: Counter = Counter()
    subs = ins = chars = toks = 0
    dsts = sorted(set(dsts))
    for tok, target in readings:
        cost, edits = align(tok, target, rules)
        if not edits:
            continue
        toks += 1
        chars += len(tok)
        for d in dsts:
            letters[d] += sum(1 for k in range(len(target)) if target.startswith(d, k))
        for kind, src, dst in edits:
            if kind == "=":
                same[dst] += 1
            elif kind == "r":
                table = cf.SEARCH_RULES if rules is None else rules
                pairs[(src if src in table else cf.capital_pair(src) or src, dst)] += 1
            elif kind == "d":
                deletes[src] += 1
            elif kind == "s":
                subs += 1
            elif kind == "i":
                ins += 1
    return EditCounts(pairs, letters, same, deletes, subs, ins, chars, toks)


MIN_COUNT = 5  # fewer readings of a rule keep its hand-set cost
PRIOR = 5.0  # pseudo-readings drawn from the hand-set cost (additive smoothing towards it)
LOW, HIGH = 0.3, 3.0  # bounds of a learnt cost
PENALTY_SCALE = 2.0  # repair.ocr.PENALTY_SCALE: a table cost of c is c * 2 nats against the model


def kept_share(counts: EditCounts, dst: str) -> float:
    """How often the folded letters ``dst`` were read as written (the product over its letters).

    >>> kept_share(count_edits([("c6ng", "cong"), ("con", "con")], ["o"]), "o")
    0.5
    """
    share = 1.0
    for ch in dst:
        n = counts.letters.get(ch, 0)
        share *= counts.same.get(ch, 0) / n if n else 1.0
    return share


def learn_costs(counts: EditCounts, rules: dict[str, list[tuple[str, float]]], shift: float | None = 0.0,
                min_count: int = MIN_COUNT, prior: float = PRIOR, low: float = LOW,
                high: float = HIGH) -> dict[str, list[tuple[str, float]]]:
    """Rules with the costs of well-counted readings learnt from ``counts``.

    A reading ``src -> dst`` seen ``k`` times in readings that hold ``dst`` ``N`` times costs
    ``(-log P(src | dst) + log P(dst | dst)) / PENALTY_SCALE + shift`` (the channel's odds against
    reading ``dst`` as written, on the table's scale), with ``P(src | dst) = (k + prior * q) /
    (N + prior)`` and ``q`` the share the hand-set cost stands for, bounded to ``[low, high]``; a
    reading seen fewer than ``min_count`` times keeps its hand-set cost. ``shift`` None moves the
    learnt costs so that their mean, weighted by ``k``, is the hand-set costs' (the hand-set scale
    kept, only the order and spacing learnt).
    """
    raw: dict[tuple[str, str], float] = {}
    weight = hand_sum = raw_sum = 0.0
    for src, opts in rules.items():
        for dst, hand in opts:
            k, total = counts.pairs.get((src, dst), 0), counts.letters.get(dst, 0)
            if k < min_count or total <= 0:
                continue
            kept = max(kept_share(counts, dst), 1e-6)
            q = kept * math.exp(-PENALTY_SCALE * hand)
            p = (k + prior * q) / (total + prior)
            raw[(src, dst)] = (-math.log(p) + math.log(kept)) / PENALTY_SCALE
            weight += k
            hand_sum += k * hand
            raw_sum += k * raw[(src, dst)]
    move = shift if shift is not None else (hand_sum - raw_sum) / weight if weight else 0.0
    return {src: [(dst, round(min(high, max(low, raw[(src, dst)] + move)), 2) if (src, dst) in raw else hand)
                  for dst, hand in opts] for src, opts in rules.items()}


def chosen_readings(text: str, lm, stripped: bool = False) -> Iterator[tuple[str, str]]:
    """``(token, folded syllable)`` for each word token ``repair_text`` read as one syllable
    (merged fragments as one token; kept tokens and split readings left out)."""
    from repair import ocr

    seen: list = []
    real = ocr._render

    def grab(lat, path, lm_):
        seen.append((lat, path))
        return real(lat, path, lm_)

    ocr._render = grab
    try:
        ocr.repair_text(text, lm, stripped=stripped)
    finally:
        ocr._render = real
    lat, path = seen[-1]
    node = 0
    for k in path:
        j, ids, _ = lat.edges[node][k]
        if lat.fixed[node][k] is None and len(ids) == 1 and ids[0] != lm.unk:
            tok = "".join(lat.toks[node:j])
            yield tok, fold(lm.vocab[ids[0]]).lower()
        node = j
