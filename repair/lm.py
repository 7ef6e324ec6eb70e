"""Syllable trigram language model (interpolated absolute discounting, backoff form).

The model file holds only integer counts; probabilities are computed at load time, so
the file stays small and its bytes depend only on the training text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np

from repair.syllable import fold, normalize_syllable

BOS, EOS, UNK, NUM, PUNCT = "<s>", "</s>", "<unk>", "<num>", "<p>"
SPECIALS = (BOS, EOS, UNK, NUM, PUNCT)
# Clause-internal punctuation is a token (context flows across "sở, ban, ngành");
# any other punctuation ends a phrase.
INNER_PUNCT = frozenset(",;:")
# Word feature (round 14): a syllable bigram that forms a lexical word, learned from the same
# counts (pointwise mutual information and frequency), earns the decoder a bonus of
# WORD_WEIGHT x min(PMI, WORD_PMI_CAP) nats. The trigram model scores a pair left to right;
# PMI also says how surely the first syllable calls for the second and the second for the first.
WORD_WEIGHT = 0.25  # heavy dev 0.15 / 0.25 / 0.5: 98.00/97.11, 98.02/97.14, 97.97/97.07 (off: 97.97/97.07)
WORD_MIN_PMI = 3.0  # 4.5 with weight 0.25: heavy 98.01/97.10 (13,733 words at 3.0 in the committed model)
WORD_MIN_COUNT = 5
WORD_PMI_CAP = 6.0
# Round 15: how much the Wikipedia sample's counts weigh in the lexicon, against the statutes'
# (which the model counts STATUTE_WEIGHT = 2 times). 1.0 is the model's own weighting (round 14);
# 0 learns the words from the statutes alone, so the sample's topic words ("ung thư", "tình yêu",
# "thắng lợi") earn no bonus, but nor do "cải cách" and "đồng thời" (once and 71 times there, with a
# low PMI). Needs the statute counts of the model (bi_s, uni_s); a model without them uses its
# own counts. Heavy dev x3 (--mean --cache): 0.25 97.97/97.11 (round 14's 1.0: 98.02/97.14).
WORD_WIKI_WEIGHT = 1.0
# ... and a word must be seen this many times in the statutes (0: round 14's 13,733 words; 1:
# 5,013, without "ung thư", "tình yêu", "thắng lợi", "trưa ngày"). Heavy dev x3: 98.00/97.16.
WORD_MIN_STATUTE = 1
DISCOUNT = 1.0  # chosen on the synthetic passages split (0.55-1.25 tried; Kneser-Ney counts were worse)
DATA_DIR = Path(__file__).resolve().parent / "data"
_TOKEN_RE = re.compile(r"[^\W\d_]+|\d+(?:[.,/]\d+)*|\S")


def phrases(line: str) -> list[list[str]]:
    """Split a line into phrases of lower-case normalised syllables and ``<num>`` tokens.

    Commas, semicolons and colons become ``<p>``; other punctuation ends a phrase. The
    model is trained and applied on the same split.
    """
    out: list[list[str]] = []
    cur: list[str] = []
    for m in _TOKEN_RE.finditer(unicodedata.normalize("NFC", line)):
        t = m.group(0)
        c = t[0]
        if c.isalpha():
            cur.append(normalize_syllable(t.lower()))
        elif c.isdigit():
            cur.append(NUM)
        elif c in INNER_PUNCT:
            if cur and cur[-1] != PUNCT:
                cur.append(PUNCT)
        elif cur:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


class LanguageModel:
    """Trigram model over syllable ids with candidate lists for folded syllables."""

    def __init__(self, path: Path | str = DATA_DIR / "lm.npz") -> None:
        """Load counts from ``path`` and derive log-probabilities.

        Args:
            path: The ``.npz`` written by ``python -m repair.build``.
        """
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        self.vocab: list[str] = arrays["vocab"].tolist()
        self.index: dict[str, int] = {s: i for i, s in enumerate(self.vocab)}
        self.V = V = len(self.vocab)
        self.bos, self.eos = self.index[BOS], self.index[EOS]
        self.unk, self.num, self.punct = self.index[UNK], self.index[NUM], self.index[PUNCT]
        uni = arrays["uni"].astype(np.float64)
        total = uni.sum() - uni[self.bos]
        p1 = (uni + 0.5) / (total + 0.5 * V)
        p1[self.bos] = 1.0 / (total + 0.5 * V)
        self.uni = np.log(p1)
        # Bigram p(w|v) = max(c-D,0)/c(v) + lam(v) p1(w); unseen pairs back off to lam(v) p1(w).
        b1, b2, bc = (arrays[k].astype(np.int64) for k in ("bi_w0", "bi_w1", "bi_c"))
        hist = np.maximum(uni, 1.0)
        kept = np.bincount(b1, weights=bc, minlength=V)
        ntypes = np.bincount(b1, minlength=V)
        lam1 = np.clip((hist - kept + DISCOUNT * ntypes) / hist, 1e-6, 1.0)
        pb = (bc - DISCOUNT) / hist[b1] + lam1[b1] * p1[b2]
        self.bow1 = np.log(lam1)
        lpb = np.log(pb)
        bikey = b1 * V + b2
        t1, t2, t3, tc = (arrays[k].astype(np.int64) for k in ("tri_w0", "tri_w1", "tri_w2", "tri_c"))
        hkey = t1 * V + t2
        pos = np.searchsorted(bikey, hkey)
        hcount = bc[pos].astype(np.float64)
        # p(w3|w2) of each trigram's last pair; every stored trigram's pair is a stored bigram
        # (its count is at least the trigram's), so the back-off branch is a safeguard.
        tail = t2 * V + t3
        tpos = np.minimum(np.searchsorted(bikey, tail), len(bikey) - 1)
        pb_back = np.where(bikey[tpos] == tail, np.exp(lpb[tpos]), lam1[t2] * p1[t3])
        uh, first, inv = np.unique(hkey, return_index=True, return_inverse=True)
        kept2 = np.bincount(inv, weights=tc)
        ntypes2 = np.bincount(inv)
        hc_u = np.zeros(len(uh))
        hc_u[inv] = hcount
        lam2 = np.clip((hc_u - kept2 + DISCOUNT * ntypes2) / hc_u, 1e-6, 1.0)
        pt = (tc - DISCOUNT) / hcount + lam2[inv] * pb_back
        # Look-up tables by history (small dicts stay in the CPU cache; one flat dict keyed by
        # u*V*V+v*V+w was three times slower to query on a busy machine):
        # bi_rows[v] = {w: log p(w|v)}, tri_rows[u*V+v] = (log back-off weight, {w: log p(w|u v)}).
        cuts = np.searchsorted(b1, np.arange(V + 1)).tolist()
        succ, lp = b2.tolist(), lpb.tolist()
        self.bi_rows: list[dict[int, float]] = [dict(zip(succ[i:j], lp[i:j])) for i, j in zip(cuts, cuts[1:])]
        bounds = first.tolist() + [len(t3)]
        succ, lp = t3.tolist(), np.log(pt).tolist()
        self.tri_rows: dict[int, tuple[float, dict[int, float]]] = {
            h: (b, dict(zip(succ[i:j], lp[i:j])))
            for h, b, i, j in zip(uh.tolist(), np.log(lam2).tolist(), bounds, bounds[1:])
        }
        self._bi_arrays = (b1, b2, bc, uni)
        # the statutes' own counts of the stored bigrams and of the syllables (round 15)
        self._statute_counts = ((arrays["bi_s"].astype(np.float64), arrays["uni_s"].astype(np.float64))
                                if "bi_s" in arrays else None)
        self._words: dict[tuple, dict[int, dict[int, float]]] = {}
        self.uni_list: list[float] = self.uni.tolist()
        self.bow1_list: list[float] = self.bow1.tolist()
        self.counts: list[int] = arrays["uni"].tolist()
        by_fold: dict[str, list[int]] = {}
        for i in range(len(SPECIALS), V):  # vocab is sorted by descending count
            by_fold.setdefault(fold(self.vocab[i]), []).append(i)
        self.by_fold = by_fold
        # Folded acronym -> its usual accented spelling ("ND" -> "NĐ").
        self.acronyms: dict[str, str] = {fold(a): a for a in arrays["acro"].tolist()}

    def words(self, weight: float | None = None, min_pmi: float | None = None, min_count: int | None = None,
              cap: float | None = None, wiki: float | None = None,
              min_statute: int | None = None) -> dict[int, dict[int, float]]:
        """Word bonus table ``{v: {w: nats}}`` of the syllable pairs that form a word (the
        ``WORD_*`` settings where an argument is omitted, read at call time; empty at weight 0).

        A pair is a word when it was seen ``min_count`` times or more and its pointwise mutual
        information ``log c(v w) N / (c(v) c(w))`` is ``min_pmi`` or more; its bonus is
        ``weight * min(PMI, cap)``. The table is built once per setting (13,733 pairs at the
        model's own weighting). The counts are the model's, with the Wikipedia sample's share
        weighted ``wiki`` (``WORD_WIKI_WEIGHT``): ``2 c_statutes + wiki c_wikipedia``.
        """
        key = (WORD_WEIGHT if weight is None else weight, WORD_MIN_PMI if min_pmi is None else min_pmi,
               WORD_MIN_COUNT if min_count is None else min_count, WORD_PMI_CAP if cap is None else cap,
               WORD_WIKI_WEIGHT if wiki is None else wiki, WORD_MIN_STATUTE if min_statute is None else min_statute)
        table = self._words.get(key)
        if table is None:
            weight, min_pmi, min_count, cap, wiki, min_statute = key
            table = {}
            if weight:
                b1, b2, bc, uni = self._bi_arrays
                attested = True
                if self._statute_counts is not None and min_statute:
                    attested = self._statute_counts[0] >= min_statute
                if wiki != 1.0 and self._statute_counts is not None:
                    s_bc, s_uni = self._statute_counts  # the model counts a statute line twice
                    bc = 2 * s_bc + wiki * (bc - 2 * s_bc)
                    uni = 2 * s_uni + wiki * (uni - 2 * s_uni)
                n = uni.sum()
                with np.errstate(divide="ignore"):  # a pair the statutes alone never saw: log 0
                    pmi = np.log(bc * n / (np.maximum(uni[b1], 1.0) * np.maximum(uni[b2], 1.0)))
                keep = (b1 >= len(SPECIALS)) & (b2 >= len(SPECIALS)) & (bc >= min_count) & (pmi >= min_pmi) & attested
                bonus = weight * np.minimum(pmi, cap)
                for v, w, b in zip(b1[keep].tolist(), b2[keep].tolist(), bonus[keep].tolist()):
                    table.setdefault(v, {})[w] = b
            self._words[key] = table
        return table

    def logp(self, u: int, v: int, w: int) -> float:
        """Natural-log probability of ``w`` after ``u v``."""
        h = self.tri_rows.get(u * self.V + v)
        b = 0.0
        if h is not None:
            p = h[1].get(w)
            if p is not None:
                return p
            b = h[0]
        p = self.bi_rows[v].get(w)
        if p is not None:
            return b + p
        return b + self.bow1_list[v] + self.uni_list[w]

    def id_of(self, syl: str) -> int:
        """Vocabulary id of a lower-case syllable (normalised), or the ``<unk>`` id."""
        return self.index.get(normalize_syllable(syl), self.unk)

    def is_valid(self, syl: str) -> bool:
        """True when a lower-case syllable is in the learned syllable set."""
        return normalize_syllable(syl) in self.index

    def candidates(self, folded: str, limit: int = 16, min_ratio: float = 1e-3) -> list[int]:
        """Accented syllable ids whose folded form is ``folded``, most frequent first."""
        ids = self.by_fold.get(folded, [])
        if not ids:
            return []
        top = self.counts[ids[0]]
        return [i for i in ids[:limit] if self.counts[i] >= top * min_ratio]


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> LanguageModel:
    """Load (once per process) the model at ``path`` or the committed default."""
    return LanguageModel(path or DATA_DIR / "lm.npz")
