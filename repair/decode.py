"""Beam-pruned trigram Viterbi over per-position syllable candidates."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence

from repair.lm import LanguageModel

Candidate = tuple[int, float]  # (vocabulary id, penalty in nats added to the LM score)


def _score(item: tuple[object, tuple]) -> float:
    return item[1][0]


def _best(items: Iterable[tuple[object, tuple]], n: int, size: int) -> list[tuple[object, tuple]]:
    """The ``n`` best of ``size`` scored states, best first, ties in their order: exactly
    ``sorted(items, key=_score, reverse=True)[:n]`` (which ``heapq.nlargest`` is documented to
    equal), through ``nlargest`` where a wide beam leaves thousands of states (3x faster at 8,000).

    >>> items = [((i,), (float(i % 3), None)) for i in range(5000)]  # many ties
    >>> _best(items, 40, 5000) == sorted(items, key=_score, reverse=True)[:40]
    True
    """
    if size > NLARGEST_FROM:
        return heapq.nlargest(n, items, key=_score)
    return sorted(items, key=_score, reverse=True)[:n]


NLARGEST_FROM = 2000  # below this, sorting is faster (timed at 60, 500, 3,000 and 8,000 states)


def viterbi(lm: LanguageModel, cands: Sequence[Sequence[Candidate]], beam: int = 8) -> list[int]:
    """Choose one candidate per position maximising LM log-probability minus penalties.

    A state is the last two syllables; each position keeps the ``beam`` best states (ties
    keep the earlier state). The inner loop reads the model's per-history tables directly
    (the same sums as ``LanguageModel.logp``, term by term).

    Args:
        lm: The language model.
        cands: For each position, its candidates; every list must be non-empty.
        beam: Number of trigram states kept per position.

    Returns:
        The index of the chosen candidate at every position.
    """
    V = lm.V
    tri_rows, bi_rows = lm.tri_rows, lm.bi_rows
    bow1, uni = lm.bow1_list, lm.uni_list
    bos = lm.bos
    # state u*V+v -> (score, path); path is a linked list (choice, previous path).
    states: dict[int, tuple[float, tuple | None]] = {bos * V + bos: (0.0, None)}
    for options in cands:
        new: dict[int, tuple[float, int, tuple | None]] = {}
        get = new.get
        opts = [(k, w, pen, uni[w]) for k, (w, pen) in enumerate(options)]
        for uv, (score, path) in states.items():
            v = uv % V
            bi_get = bi_rows[v].get
            vb = v * V
            h = tri_rows.get(uv)
            if h is None:  # no trigram continues this history: bigram, else unigram back-off
                b1 = bow1[v]
                for k, w, pen, u in opts:
                    p = bi_get(w)
                    s = score + (p if p is not None else b1 + u) - pen
                    key = vb + w
                    old = get(key)
                    if old is None or s > old[0]:
                        new[key] = (s, k, path)
            else:
                b2, tri = h
                tri_get = tri.get
                back1 = b2 + bow1[v]
                for k, w, pen, u in opts:
                    p = tri_get(w)
                    if p is None:
                        p = bi_get(w)
                        p = b2 + p if p is not None else back1 + u
                    s = score + p - pen
                    key = vb + w
                    old = get(key)
                    if old is None or s > old[0]:
                        new[key] = (s, k, path)
        items = new.items()
        if len(new) > beam:  # sorted() is stable: tied states keep their order
            items = _best(items, beam, len(new))
        states = {key: (s, (k, path)) for key, (s, k, path) in items}
    eos = lm.eos
    best_score, best_path = float("-inf"), None
    for uv, (score, path) in states.items():
        s = score + lm.logp(uv // V, uv % V, eos)
        if s > best_score:
            best_score, best_path = s, path
    out: list[int] = []
    while best_path is not None:
        out.append(best_path[0])
        best_path = best_path[1]
    out.reverse()
    return out


Edge = tuple[int, tuple[int, ...], float]  # (end node, emitted ids, penalty)
NO_SEP, SEP_PUNCT, SEP_BREAK = 0, 1, 2
# Round 15: a syllable belongs to one two-syllable word at most: a pair that follows a word
# (its first syllable ends one) earns no word bonus ("tái chế độ" is not read as two words
# where "tốt chế độ" is one). True gives every pair its bonus (round 14).
WORD_OVERLAP = False


def lattice_viterbi(
    lm: LanguageModel, edges: Sequence[Sequence[Edge]], seps: Sequence[int], beam: int | Sequence[int] = 8,
    bonus: tuple[dict[int, dict[int, float]], dict[int, dict[int, float]]] | None = None,
    own: Sequence[tuple | None] | None = None, words: dict[int, dict[int, float]] | None = None,
    guard: Sequence[frozenset[int] | None] | None = None,
) -> list[int]:
    """Best path through a token lattice scored by the trigram LM minus edge penalties.

    Node ``i`` sits before token ``i``; an edge from ``i`` covers tokens ``i..end-1`` and
    emits zero or more syllable ids. ``seps[i]`` says what lies between token ``i-1`` and
    token ``i`` (nothing, a clause-internal punctuation token, or a phrase break); an edge
    that spans two tokens swallows the separator between them.

    Args:
        lm: The language model.
        edges: ``edges[i]`` lists the edges leaving node ``i``; every node before the last
            must have at least one edge reaching further.
        seps: Separator kind before each token.
        beam: States kept per node, or for each node its own number.
        bonus: Optional ``(tri, bi)`` tables of a document cache (``repair.cache.DocCache``):
            nats added to a transition to ``w`` from state ``(u, v)``, ``tri[u*V+v][w]`` plus
            ``bi[v][w]``.
        own: Optional leave-one-out of the cache (``DocCache.own``): per node, ``(w, v, d2, u,
            d3, d1)``; an edge from that node emitting ``w`` loses ``d2`` from state ``(., v)``
            and ``d3`` more from ``(u, v)`` (the first pass's own bigram and trigram there).
        words: Optional word bonus ``{v: {w: nats}}`` (``LanguageModel.words``) added to a
            transition from ``v`` to ``w``.
        guard: Optional, per node: the syllables whose reading of that node's token changes the
            letters of a token that is a valid syllable as read; a pair with such a reading on
            either side earns no word bonus (round 15: a word does not rewrite what was read).

    Returns:
        The index (into ``edges[i]``) of each edge on the best path, in order.
    """
    n = len(edges)
    bos, eos, punct = lm.bos, lm.eos, lm.punct
    logp = lm.logp
    V, tri_rows, bi_rows, bow1, uni = lm.V, lm.tri_rows, lm.bi_rows, lm.bow1_list, lm.uni_list
    empty: dict[int, float] = {}
    # per node: state (u, v) -> (score, back) with back = (prev node, prev state, edge idx)
    nodes: list[dict] = [dict() for _ in range(n + 1)]
    nodes[0][(bos, bos)] = (0.0, None)
    beams = [beam] * n if isinstance(beam, int) else beam
    cb3, cb2 = bonus if bonus else ({}, {})
    cached = bool(cb3 or cb2)
    c3 = c2 = wg = empty.get
    words = words or None
    overlap = WORD_OVERLAP
    for i in range(n):
        states = nodes[i]
        if not states:
            continue
        if len(states) > beams[i]:
            states = dict(_best(states.items(), beams[i], len(states)))
            nodes[i] = states
        sep = seps[i] if i else NO_SEP
        mine = own[i] if own is not None else None
        g_here = guard[i] if guard else None
        g_prev = guard[i - 1] if guard and i else None
        for key, (score, _) in states.items():
            u, v = key
            base = score
            if sep == SEP_PUNCT:
                base += logp(u, v, punct)
                u, v = v, punct
            elif sep == SEP_BREAK:
                base += logp(u, v, eos)
                u, v = bos, bos
            h = tri_rows.get(u * V + v)
            b2, tri_get = (0.0, empty.get) if h is None else (h[0], h[1].get)
            bi_get = bi_rows[v].get
            back1 = b2 + bow1[v]
            if cached:  # the bonus tables of this state, looked up once for all its edges
                c3, c2 = cb3.get(u * V + v, empty).get, cb2.get(v, empty).get
            if words:
                wg = (empty.get if (g_prev and v in g_prev) or (not overlap and v in words.get(u, empty))
                      else words.get(v, empty).get)
            for k, (j, ids, pen) in enumerate(edges[i]):
                s = base - pen
                if len(ids) == 1:  # the common case, inlined: trigram, else bigram, else unigram
                    w = ids[0]
                    p = tri_get(w)
                    if p is None:
                        p = bi_get(w)
                        p = b2 + p if p is not None else back1 + uni[w]
                    s += p
                    if words and not (g_here and w in g_here):
                        s += wg(w, 0.0)
                    if cached:
                        s += c3(w, 0.0) + c2(w, 0.0)
                        if mine is not None and w == mine[0] and v == mine[1]:
                            s -= mine[2] + (mine[4] if u == mine[3] else 0.0)
                    a, b = v, w
                else:
                    a, b = u, v
                    for w in ids:
                        s += logp(a, b, w)
                        if words and (overlap or b not in words.get(a, empty)):
                            s += words.get(b, empty).get(w, 0.0)
                        if cached:
                            s += cb3.get(a * V + b, empty).get(w, 0.0) + cb2.get(b, empty).get(w, 0.0)
                        a, b = b, w
                tgt = nodes[j]
                old = tgt.get((a, b))
                if old is None or s > old[0]:
                    tgt[(a, b)] = (s, (i, key, k))
    best_key, best_score = None, float("-inf")
    for key, (score, _) in nodes[n].items():
        s = score + logp(key[0], key[1], eos)
        if s > best_score:
            best_key, best_score = key, s
    path: list[int] = []
    node, key = n, best_key
    while node > 0:
        _, back = nodes[node][key]
        prev, pkey, k = back
        path.append(k)
        node, key = prev, pkey
    path.reverse()
    return path
