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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from repair.decode import NO_SEP, SEP_BREAK, SEP_PUNCT, Edge

UNI = 0.6  # bonus per cached syllable (nats; 0.3-1.0 tried on the dev set)
BI = 0.5  # ... per cached bigram (0-2 tried)
TRI = 1.0  # ... per cached trigram (0-3 tried)
MAX_PENALTY = 2.0  # largest (unscaled) edit cost of a token the cache still trusts (0-3 and no limit tried)
# Leave-one-out (round 11): a guess of the first pass is no evidence for itself. At each token
# the first pass read through a confusion edit of scaled cost above LOO_MIN_PENALTY (1.0 and
# more unscaled: not the reliable digit/symbol readings, not a token read as printed), the
# second pass scores the n-grams counted there with their count less one, so a guess made once
# gets no bonus where it was made and only other occurrences of a phrase pull it their way
# (001 clause 2.d: "ndi b" was read "nơi ở" and kept so by its own cached n-grams).
LEAVE_ONE_OUT = True
LOO_MIN_PENALTY = 1.9  # heavy dev: 0 (every edited reading) 97.94/97.05, 1.9 97.95/97.05, off 98.02/97.06


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


def path_owns(
    edges: Sequence[Sequence[Edge]], fixed: Sequence[Sequence[str | None]], seps: Sequence[int],
    path: Sequence[int], punct: int, max_penalty: float, order: int = 3, min_penalty: float = -1.0,
) -> dict[int, list[tuple[int, ...]]]:
    """The n-grams ``cache_counts`` counts for each node of a path, keyed by the node whose edge
    emits their last syllable (arguments as for ``path_phrases``), at nodes whose edge costs
    more than ``min_penalty``.

    >>> edges = [[(1, (10,), 0.0)], [(2, (11,), 0.0)], [(3, (12,), 5.0)]]
    >>> path_owns(edges, [[None]] * 3, [SEP_BREAK, 0, 0], [0, 0, 0], 4, 2.0)
    {0: [(10,)], 1: [(11,), (10, 11)]}
    """
    out: dict[int, list[tuple[int, ...]]] = {}
    run: list[int] = []
    for node, sep, ids, pen, sure in _steps(edges, fixed, seps, path, max_penalty):
        if sep == SEP_BREAK:
            run = []
        elif sep == SEP_PUNCT:
            run.append(punct)
        if sure:
            run.append(ids[0])
            if pen > min_penalty:
                out[node] = [tuple(run[-n:]) for n in range(1, min(order, len(run)) + 1)]
        else:
            run = []
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
    for _, sep, ids, _, sure in _steps(edges, fixed, seps, path, max_penalty):
        if sep == SEP_BREAK:
            out.append([])
        elif sep == SEP_PUNCT:
            out[-1].append(punct)
        out[-1].extend(ids if sure else [None] * max(len(ids), 1))
    return [p for p in out if p]


def _steps(
    edges: Sequence[Sequence[Edge]], fixed: Sequence[Sequence[str | None]], seps: Sequence[int],
    path: Sequence[int], max_penalty: float,
) -> Iterator[tuple[int, int, tuple[int, ...], float, bool]]:
    """Per node a path visits: the node, the separator before it (none before the first), the
    syllable ids of its edge, the edge's penalty and whether that is one confident syllable
    (arguments as for ``path_phrases``: the one place that says what the cache trusts)."""
    node = 0
    for k in path:
        j, ids, pen = edges[node][k]
        sure = j == node + 1 and len(ids) == 1 and fixed[node][k] is None and pen <= max_penalty
        yield node, (seps[node] if node else NO_SEP), ids, pen, sure
        node = j


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
    counts: Counter[tuple[int, ...]] = field(default_factory=Counter)
    weight: dict[int, float] = field(default_factory=dict)
    owns: dict[str, dict[int, list[tuple[int, ...]]]] = field(default_factory=dict)  # text -> ``path_owns``

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
        weight = {1: UNI if uni is None else uni, 2: BI if bi is None else bi, 3: TRI if tri is None else tri}
        out = cls(counts=counts, weight=weight)
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

    def _delta(self, gram: tuple[int, ...]) -> float:
        """The bonus of ``gram`` less that of one occurrence fewer."""
        c = self.counts.get(gram, 0)
        w = self.weight.get(len(gram), 0.0)
        if c <= 0 or w <= 0.0:
            return 0.0
        return w * (1.0 + math.log(c)) - (w * (1.0 + math.log(c - 1)) if c > 1 else 0.0)

    def own(self, owns: dict[int, list[tuple[int, ...]]] | None, n: int) -> list[tuple | None] | None:
        """Per node, ``(w, v, bigram delta, u, trigram delta, unigram delta)`` of the n-grams the
        first pass counted there (``path_owns``), for the decoder's leave-one-out; None when off."""
        if not (owns and LEAVE_ONE_OUT):
            return None
        out: list[tuple | None] = [None] * n
        for node, grams in owns.items():
            w, v, u, d2, d3 = grams[0][0], -1, -1, 0.0, 0.0
            for g in grams[1:]:
                if len(g) == 2:
                    v, d2 = g[0], self._delta(g)
                else:
                    u, d3 = g[0], self._delta(g)
            out[node] = (w, v, d2, u, d3, self._delta(grams[0]))
        return out

    def edges(self, edges: Sequence[Sequence[Edge]], own: Sequence[tuple | None] | None = None) -> list[list[Edge]]:
        """The lattice with each edge's penalty lowered by the unigram bonus of its syllables
        (at a node of ``own``, the first pass's own syllable less its own occurrence)."""
        if not self.uni:
            return [list(e) for e in edges]
        get = self.uni.get
        out = [[(j, ids, pen - sum(get(w, 0.0) for w in ids)) for j, ids, pen in e] for e in edges]
        for i, o in enumerate(own or ()):
            if o is not None and o[5]:
                out[i] = [(j, ids, pen + o[5]) if ids == (o[0],) else (j, ids, pen) for j, ids, pen in out[i]]
        return out

