"""Document cache for OCR repair: n-grams of the confidently read parts of the same text.

A directive repeats its own phrases ("cải cách hành chính", "Ủy ban nhân dân tỉnh"), and a
scan damages each occurrence differently. ``repair_text`` decodes once, collects the
syllable n-grams of the stretches it read with confidence (tokens valid as read, or repaired
by a cheap edit), and decodes again with a bonus in nats for every lattice transition that
continues one of those n-grams; a damaged occurrence is then read like its clean
repetitions. This is the classic cache language model of OCR post-correction: unsupervised,
it uses only the input text.

The bonus is additive (a log-linear feature, not an interpolated probability): ``UNI`` per
cached syllable (folded into the edge penalty), ``BI`` and ``TRI`` per cached bigram and
trigram (scored by the decoder from its state), each times ``1 + log(count)``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from repair.decode import SEP_BREAK, SEP_PUNCT, Edge

UNI = 0.6  # bonus per cached syllable (nats; 0.3-1.0 tried on the dev set)
BI = 0.5  # ... per cached bigram (0-2 tried)
TRI = 1.0  # ... per cached trigram (0-3 tried)
MAX_PENALTY = 2.0  # largest (unscaled) edit cost of a token the cache still trusts (0-3 and no limit tried)


def cache_counts(phrases: Iterable[Sequence[int | None]], order: int = 3) -> Counter[tuple[int, ...]]:
    """Counts of the n-grams (1..``order``) inside confident stretches of decoded phrases.

    Args:
        phrases: Decoded phrases as syllable ids; ``None`` stands for a syllable the
            first pass was not sure of, and no n-gram spans it.
        order: Longest n-gram counted.

    Returns:
        Counts keyed by id tuples of length 1..``order``.

    >>> sorted(cache_counts([[1, 2, None, 3, 4, 5]], 2).items())
    [((1,), 1), ((1, 2), 1), ((2,), 1), ((3,), 1), ((3, 4), 1), ((4,), 1), ((4, 5), 1), ((5,), 1)]
    """
    out: Counter[tuple[int, ...]] = Counter()
    for phrase in phrases:
        run: list[int] = []
        for w in list(phrase) + [None]:
            if w is None:
                for n in range(1, order + 1):
                    out.update(tuple(run[k:k + n]) for k in range(len(run) - n + 1))
                run = []
            else:
                run.append(w)
    return out


def path_phrases(
    edges: Sequence[Sequence[Edge]], fixed: Sequence[Sequence[str | None]], seps: Sequence[int],
    path: Sequence[int], punct: int, max_penalty: float,
) -> list[list[int | None]]:
    """The phrases a lattice path reads, with unconfident syllables as ``None``.

    Args:
        edges: The lattice (``edges[i]``: edges leaving node ``i``; penalties already scaled).
        fixed: Per edge, the text it keeps as read (a number, a name, ...) or ``None``.
        seps: Separator kind before each token (``repair.decode``).
        path: Edge index chosen at each visited node (``lattice_viterbi``'s answer).
        punct: The ``<p>`` id (clause-internal punctuation is part of a phrase).
        max_penalty: Largest edge penalty (scaled) of a syllable kept as confident; an edge
            that merges tokens or splits one, or keeps a non-syllable, is never confident.

    Returns:
        One list per phrase.
    """
    out: list[list[int | None]] = [[]]
    node = 0
    for k in path:
        if node and seps[node] == SEP_BREAK:
            out.append([])
        elif node and seps[node] == SEP_PUNCT:
            out[-1].append(punct)
        j, ids, pen = edges[node][k]
        sure = j == node + 1 and len(ids) == 1 and fixed[node][k] is None and pen <= max_penalty
        out[-1].extend(ids if sure else [None] * max(len(ids), 1))
        node = j
    return [p for p in out if p]


@dataclass
class DocCache:
    """Bonus tables of one document, keyed like the model's (``u*V+v`` for a trigram history).

    Attributes:
        uni: Syllable id -> bonus.
        bi: Previous id ``v`` -> {id: bonus}.
        tri: History ``u*V+v`` -> {id: bonus}.
    """

    uni: dict[int, float] = field(default_factory=dict)
    bi: dict[int, dict[int, float]] = field(default_factory=dict)
    tri: dict[int, dict[int, float]] = field(default_factory=dict)

    @classmethod
    def from_counts(cls, counts: Counter[tuple[int, ...]], V: int, uni: float | None = None,
                    bi: float | None = None, tri: float | None = None) -> DocCache:
        """Bonus tables from n-gram counts (``cache_counts``), each weight times ``1 + log(count)``.

        Args:
            counts: N-gram counts.
            V: Vocabulary size of the model (for trigram history keys).
            uni: Weight of a cached syllable (``UNI`` when omitted, read at call time).
            bi: Weight of a cached bigram (``BI``).
            tri: Weight of a cached trigram (``TRI``).

        Returns:
            The cache (orders whose weight is 0 are left out).
        """
        out = cls()
        weight = {1: UNI if uni is None else uni, 2: BI if bi is None else bi, 3: TRI if tri is None else tri}
        for gram, c in counts.items():
            b = weight.get(len(gram), 0.0) * (1.0 + math.log(c))
            if b <= 0.0:
                continue
            if len(gram) == 1:
                out.uni[gram[0]] = b
            elif len(gram) == 2:
                out.bi.setdefault(gram[0], {})[gram[1]] = b
            else:
                out.tri.setdefault(gram[0] * V + gram[1], {})[gram[2]] = b
        return out

    def __bool__(self) -> bool:
        return bool(self.uni or self.bi or self.tri)

    def edges(self, edges: Sequence[Sequence[Edge]]) -> list[list[Edge]]:
        """The lattice with each edge's penalty lowered by the unigram bonus of its syllables."""
        if not self.uni:
            return [list(e) for e in edges]
        get = self.uni.get
        return [[(j, ids, pen - sum(get(w, 0.0) for w in ids)) for j, ids, pen in e] for e in edges]

