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
                same[(src, dst)] += 1
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


SHRINK = 10.0  # readings at which a learnt cost and the hand-set one weigh alike
LOW, HIGH = 0.3, 3.0  # bounds of a learnt cost
PENALTY_SCALE = 2.0  # repair.ocr.PENALTY_SCALE: a table cost of c is c * 2 nats against the model


def kept_share(counts: EditCounts, src: str) -> float:
    """How often the scan wrote the folded letters of ``src`` as ``src`` (the product over its
    characters of ``P(c | fold(c))``).

    >>> kept_share(count_edits([("c6ng", "cong"), ("con", "con")], ["o"]), "o")
    0.5
    """
    share = 1.0
    for ch in src:
        low = fold(ch).lower()
        n = counts.letters.get(low, 0)
        share *= counts.same.get((ch, low), 0) / n if n else 1.0
    return share


def _letters(src: str) -> bool:
    """A source that can be read as itself: lower-case letters (``é`` folds to e)."""
    return all(fold(c).isalpha() and fold(c).islower() for c in src)


def _mean_shift(counts: EditCounts, rules: dict[str, list[tuple[str, float]]]) -> float:
    """Hand-set minus learnt cost of the letter sources' readings, averaged over readings."""
    total = diff = 0.0
    for src, opts in rules.items():
        if _letters(src):
            base = max(kept_share(counts, src), 1e-6)
            for dst, hand in opts:
                k = counts.pairs.get((src, dst), 0)
                if k:
                    learnt = -math.log(k / max(counts.letters.get(dst, 0), 1) / base) / PENALTY_SCALE
                    total += k
                    diff += k * (hand - learnt)
    return diff / total if total else 0.0


def learn_costs(counts: EditCounts, rules: dict[str, list[tuple[str, float]]], shrink: float = SHRINK,
                low: float = LOW, high: float = HIGH, keep_mean: bool = False) -> dict[str, list[tuple[str, float]]]:
    """Rules with costs learnt from ``counts``, shrunk towards the hand-set ones.

    The channel says how likely the scan writes ``src`` for the letters ``dst``, ``P(src | dst) =
    k / N`` (``k`` readings, ``N`` occurrences of ``dst``). A source of lower-case letters competes
    with reading it as written: its cost is ``-log(P(src | dst) / P(src | src)) / PENALTY_SCALE``.
    A glyph (digits, marks) is never read as written: its readings compete among themselves, so
    its most frequent reading keeps its hand-set cost and the others cost that plus their odds
    against it. Capitalised sources (``P``, ``Q``) keep their hand-set costs (capitals are too few
    to count against). The learnt cost weighs ``k / (k + shrink)`` against the hand-set one and is
    bounded to ``[low, high]``. With ``keep_mean`` the learnt costs of letter sources are moved
    by one constant so that their mean, weighted by readings, is the hand-set costs' (the
    channel orders and spaces the readings; the hand-set scale is kept).
    """
    shift = _mean_shift(counts, rules) if keep_mean else 0.0
    out: dict[str, list[tuple[str, float]]] = {}
    for src, opts in rules.items():
        if not any(counts.pairs.get((src, d), 0) for d, _ in opts) or any(c.isupper() for c in src):
            out[src] = list(opts)
            continue
        share = {d: max(counts.pairs.get((src, d), 0), 0.5) / max(counts.letters.get(d, 0), 1) for d, _ in opts}
        if _letters(src):
            base = max(kept_share(counts, src), 1e-6)
            anchor = shift
        else:
            top = max(opts, key=lambda o: (counts.pairs.get((src, o[0]), 0), -o[1]))
            base, anchor = share[top[0]], top[1]
        new = []
        for dst, hand in opts:
            k = counts.pairs.get((src, dst), 0)
            learnt = anchor + -math.log(share[dst] / base) / PENALTY_SCALE
            w = k / (k + shrink) if k + shrink else 1.0
            new.append((dst, round(min(high, max(low, w * learnt + (1 - w) * hand)), 2)))
        out[src] = new
    return out


def decoded_path(text: str, lm, stripped: bool = False) -> tuple:
    """The lattice and chosen path of the last block ``repair.ocr.repair_text`` decoded for ``text``
    (the decoder's ``_render`` is wrapped for the call)."""
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
    return seen[-1]


def chosen_readings(text: str, lm, stripped: bool = False, accented: bool = False) -> Iterator[tuple[str, str]]:
    """``(token, folded syllable)`` for each word token ``repair_text`` read as one syllable
    (merged fragments as one token; kept tokens and split readings left out); with ``accented``
    the syllable keeps its diacritics (round 26: ``repair.scan_damage`` counts by accented letter)."""
    lat, path = decoded_path(text, lm, stripped)
    node = 0
    for k in path:
        j, ids, _ = lat.edges[node][k]
        if lat.fixed[node][k] is None and len(ids) == 1 and ids[0] != lm.unk:
            tok = "".join(lat.toks[node:j])
            yield tok, lm.vocab[ids[0]] if accented else fold(lm.vocab[ids[0]]).lower()
        node = j
