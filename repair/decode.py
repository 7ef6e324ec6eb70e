"""Beam-pruned trigram Viterbi over per-position syllable candidates."""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from repair.lm import LanguageModel

Candidate = tuple[int, float]  # (vocabulary id, penalty in nats added to the LM score)


def viterbi(lm: LanguageModel, cands: Sequence[Sequence[Candidate]], beam: int = 8) -> list[int]:
    """Choose one candidate per position maximising LM log-probability minus penalties.

    Args:
        lm: The language model.
        cands: For each position, its candidates; every list must be non-empty.
        beam: Number of trigram states kept per position.

    Returns:
        The index of the chosen candidate at every position.
    """
    V = lm.V
    tri, bi, bow2 = lm.tri, lm.bi, lm.bow2
    bow1, uni = lm.bow1_list, lm.uni_list
    bos = lm.bos
    # state u*V+v -> (score, path); path is a linked list (choice, previous path).
    states: dict[int, tuple[float, tuple | None]] = {bos * V + bos: (0.0, None)}
    for options in cands:
        new: dict[int, tuple[float, tuple | None]] = {}
        for uv, (score, path) in states.items():
            v = uv % V
            b2 = bow2.get(uv, 0.0)
            vb = v * V
            back1 = b2 + bow1[v]
            uvv = uv * V
            for k, (w, pen) in enumerate(options):
                p = tri.get(uvv + w)
                if p is None:
                    p = bi.get(vb + w)
                    p = b2 + p if p is not None else back1 + uni[w]
                s = score + p - pen
                old = new.get(vb + w)
                if old is None or s > old[0]:
                    new[vb + w] = (s, (k, path))
        if len(new) > beam:
            new = dict(heapq.nlargest(beam, new.items(), key=lambda kv: kv[1][0]))
        states = new
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


def lattice_viterbi(
    lm: LanguageModel, edges: Sequence[Sequence[Edge]], seps: Sequence[int], beam: int | Sequence[int] = 8
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

    Returns:
        The index (into ``edges[i]``) of each edge on the best path, in order.
    """
    n = len(edges)
    bos, eos, punct = lm.bos, lm.eos, lm.punct
    logp = lm.logp
    V, tri, bi, bow2, bow1, uni = lm.V, lm.tri, lm.bi, lm.bow2, lm.bow1_list, lm.uni_list
    # per node: state (u, v) -> (score, back) with back = (prev node, prev state, edge idx)
    nodes: list[dict] = [dict() for _ in range(n + 1)]
    nodes[0][(bos, bos)] = (0.0, None)
    beams = [beam] * n if isinstance(beam, int) else beam
    for i in range(n):
        states = nodes[i]
        if not states:
            continue
        if len(states) > beams[i]:
            states = dict(heapq.nlargest(beams[i], states.items(), key=lambda kv: kv[1][0]))
            nodes[i] = states
        sep = seps[i] if i else NO_SEP
        for key, (score, _) in states.items():
            u, v = key
            base = score
            if sep == SEP_PUNCT:
                base += logp(u, v, punct)
                u, v = v, punct
            elif sep == SEP_BREAK:
                base += logp(u, v, eos)
                u, v = bos, bos
            uv = u * V + v
            b2 = bow2.get(uv, 0.0)
            vb = v * V
            back1 = b2 + bow1[v]
            uv *= V
            for k, (j, ids, pen) in enumerate(edges[i]):
                s = base - pen
                if len(ids) == 1:  # the common case, inlined: trigram, else bigram, else unigram
                    w = ids[0]
                    p = tri.get(uv + w)
                    if p is None:
                        p = bi.get(vb + w)
                        p = b2 + p if p is not None else back1 + uni[w]
                    s += p
                    a, b = v, w
                else:
                    a, b = u, v
                    for w in ids:
                        s += logp(a, b, w)
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
