"""OCR correction: ``c6ng t6c cii c6ch hdnh chinh`` → ``công tác cải cách hành chính``.

Each word-like OCR token gets candidates (itself, its accent variants, and syllables
reachable through the OCR confusion model in ``repair.confusion``); adjacent fragments
may merge into one syllable. A trigram LM chooses the best path, which also restores
diacritics. Numbers, dates, document symbols and acronyms are kept as they are.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from repair import cache as doc_cache
from repair.cache import DocCache, cache_counts, path_owns, path_phrases
from repair.confusion import (DELETE, HAT_READINGS, RULES, STRIPPED_UNDOUBLED, build_trie, hand_tables, rule_tables,
                              search)
from repair.decode import SEP_BREAK, Edge, lattice_viterbi
from repair.gaps import merge_cost, separator_kind as _separator_kind
from repair.heads import HEAD_COST, HEADS, named_heads
from repair.limits import limit_cost
from repair.lm import LanguageModel, load_model
from repair.names import before_names
from repair.neural import NeuralLM, RescoreConfig, rescore
from repair.render import RepairResult, render
from repair.symbols import fix_numbers, symbol_tokens
from repair.syllable import bare, case_pattern, fold, has_diacritics, normalize_syllable
from repair.tokens import (LONE_GLYPHS, about_tokens, acronym_reading, amp_acronym, glyph_word, head_readings,
                           header_words, is_digit_debris, point_markers, roman_numeral, stroke_acronym, url_tokens,
                           word_pieces)

KEEP_INVALID = 12.0  # cost of leaving a token that is no Vietnamese syllable as it is (on top of p(<unk>), which covers every unknown word)
KEEP_NAME = 7.0  # ... when it looks like a foreign name (capitalised, letters only)
KEEP_LETTER = 12.0  # ... when it is a single letter (3.0 helped the synthetic set but read "số" as "s" in real scans)
ACCENT_SWAP = 1.5  # cost of changing the accents of a valid accented token
# ... when its one accented letter is é: the engine of 001/003/004 writes é for any marked
# vowel (round 10), so the mark says little (set on the scan dev set).
ACUTE_SWAP = 0.5  # 0, 0.5, 1.5 tried: 97.92/96.92, 97.94/96.97, 97.85/96.88
CONFUSION_EXTRA = 1.0  # extra cost of a confusion edit on a token that is already valid
# Round 15: ... and more on a valid token marked only with é (the engine of 001/003/004 writes
# "vé" for "về" far more often than for "và": 52 "vé" against 140 "va" in those scans)
ACUTE_VALID_EXTRA = 0.0
# Weight of edit costs against LM log-probabilities (2-3 work alike; set once on 000, see report).
PENALTY_SCALE = 2.0
MERGE_VALID = 1.0  # extra cost of merging two fragments that are both valid syllables ("hi an" = hiện)
DIGIT_WORD = 3.0  # extra cost of reading a lone look-alike digit as a one-letter word ("gây 6 nhiễm")
AMP_WORD = 1.0  # ... a lone "&" or "¥" (round 12: the scans write "&" for "ở"; 3.0 tried; round 19: "¥" for "ý")
AMP_KEEP = 5.0  # cost of keeping it as read: in 001/003/004 all 12 "&" are "ở", none an ampersand
DIGIT_DEBRIS = True  # a word with two or more digits between lower-case letters is repaired, not kept
LIST_MARKERS = True  # a letter before ")" opening a line is a lettered point, kept as read
POINT_DAMAGED = True  # round 18: ... and after a damaged "điểm" (repair.tokens.cited_point)
POINT_LISTS = True  # round 17: the letters listed after "điểm a" ("a, b, c và d") are points too
# Accented syllables tried per folded reading (6 until round 16: d and đ fold alike, and "dõi"
# is the 8th of "doi", "dàng" the 7th of "dang"; "theo dõi" could not be read). Restoration tries 16.
ACCENT_VARIANTS = 16
FOLD_CANDIDATES = 128  # folded readings per search (64 until round 10; both 192: heavy +0.06, ingest +21%, round 12)
SEARCH_VALID = 5.0  # largest confusion-edit cost searched from a token that is a valid syllable
SEARCH_INVALID = 9.0  # ... from one that is not
SEARCH_MERGE = 5.0  # ... from two adjacent fragments read as one syllable
SPLIT_COST = 2.0  # cost of reading one token as two syllables (the OCR lost a word gap)
SPLIT_SEARCH = 4.0  # largest confusion-edit cost searched from each half of a split token (2, 3 tried)
SPLIT_KEEP = 8  # readings kept for each half
SPLIT2_KEEP = 32  # two-syllable readings kept per token, ranked like the three-syllable ones
SPLIT3_MIN = 6  # shortest token read as three syllables
SPLIT3_KEEP = 16  # three-syllable readings kept per token
SPLIT3_PART = 4  # readings of each third tried (the product of three grows fast)
MAX_OPTIONS = 128  # single-syllable readings kept per token (64 until round 10; alone with FOLD 64: heavy +0.03)
BEAM = 12  # LM states kept per lattice node
WIDE_BEAM = 48  # ... where one of the last three tokens is no valid syllable (damaged text; 24 until round 9)

HAT_VOWELS = True  # a reading through confusion.HAT_READINGS must hold that vowel (round 11)
# Round 15: the word feature (LanguageModel.words) does not reward a reading that changes the
# letters of a token that is a valid syllable as read ("các huyện" is no "cấp huyện", "phân
# công" no "phần cứng"): the LM alone must pay for such a change, as before round 14.
WORD_GUARD = True


class _Repairer:
    def __init__(self, lm: LanguageModel, stripped: bool = False, hand_all: bool = False) -> None:
        self.lm = lm
        self.delete_letter = DELETE if stripped else None  # round 20: see confusion.DELETE_LETTER
        self.hand = hand_tables(stripped)  # round 29: hand-set costs in capitalised words, after a glyph
        self.rules = self.hand if hand_all and self.hand[0] else rule_tables(stripped)  # rounds 22 (é), 32 (names)
        self.undoubled = STRIPPED_UNDOUBLED if stripped else ""  # round 23: "truee" is no doubled e
        self.trie = build_trie(lm.by_fold)
        self.search = lru_cache(maxsize=100_000)(self._search)
        # round 30: the head and cited-point limits measure with hand-set costs (repair.limits)
        self.limit_cost = limit_cost(self.trie, stripped, FOLD_CANDIDATES, self.delete_letter, self.undoubled,
                                     own=self.cost)

    def _search(self, token: str, max_cost: float) -> tuple[tuple[str, float, str, float], ...]:
        """``(folded, cost, hats, cost without hats)``: ``hats`` names the vowels (``ô``, ``ơ``)
        a reading needs when only a ``HAT_READINGS`` reading reaches it that cheaply."""
        found = search(token, self.trie, max_cost, FOLD_CANDIDATES, self.rules[0], self.delete_letter, self.undoubled,
                       self.hand[0])
        hats = "".join(v for k, v in HAT_READINGS.items() if k in token.lower()) if HAT_VOWELS else ""
        if not hats:
            return tuple((f, c, "", c) for f, c in found)
        plain = dict(search(token, self.trie, max_cost, FOLD_CANDIDATES, self.rules[1], self.delete_letter,
                            self.undoubled, self.hand[1]))
        return tuple((f, c, hats, plain.get(f, math.inf)) if plain.get(f, math.inf) > c + 1e-9 else (f, c, "", c)
                     for f, c in found)

    def cost(self, tok: str, folded: str) -> float:
        """The cheapest confusion cost of reading ``tok`` as the folded syllable ``folded``."""
        return next((c for f, c, _, _ in self.search(tok, SEARCH_INVALID) if f == folded), math.inf)

    def _expand(self, folded: str, cost: float, out: dict[int, float], hats: str = "", alt: float = math.inf) -> None:
        for i in self.lm.candidates(folded, limit=ACCENT_VARIANTS):
            c = cost if not hats or any(h in bare(self.lm.vocab[i]) for h in hats) else alt
            if c < out.get(i, 99.0):
                out[i] = c

    def _half(self, part: str) -> list[tuple[int, float]]:
        """Cheapest syllables for one half of a split token, ranked by penalty and frequency."""
        lm = self.lm
        out: dict[int, float] = {}
        for f, c, hats, alt in self.search(part, SPLIT_SEARCH):
            self._expand(f, c, out, hats, alt)
        ranked = sorted(out.items(), key=lambda kv: kv[1] * PENALTY_SCALE - lm.uni_list[kv[0]])
        return ranked[:SPLIT_KEEP]

    def splits(self, tok: str) -> list[tuple[tuple[int, ...], float]]:
        """Two- and three-syllable readings of a token whose word gaps the OCR lost (``chongtoi``).

        Three-syllable readings (tokens of ``SPLIT3_MIN`` or more characters) are ranked by
        penalty and unigram frequency and only the ``SPLIT3_KEEP`` best are kept.
        """
        out: list[tuple[tuple[int, ...], float]] = []
        n = len(tok)
        cut = [0 < k < n and tok[k - 1].isalnum() and tok[k].isalnum() for k in range(n + 1)]
        uni = self.lm.uni_list
        two: list[tuple[float, tuple[int, ...], float]] = []
        for k in range(1, n):
            if cut[k]:
                for a, ca in self._half(tok[:k]):
                    for b, cb in self._half(tok[k:]):
                        cost = SPLIT_COST + ca + cb
                        two.append((cost * PENALTY_SCALE - uni[a] - uni[b], (a, b), cost))
        if len(two) > SPLIT2_KEEP:  # each reading is a lattice edge scored in every beam state
            two.sort()
            two = two[:SPLIT2_KEEP]
        out.extend((ids, cost) for _, ids, cost in two)
        if n < SPLIT3_MIN:
            return out
        three: list[tuple[float, tuple[int, ...], float]] = []
        for k in range(1, n - 1):
            if not cut[k]:
                continue
            lefts = self._half(tok[:k])[:SPLIT3_PART]
            for m in range(k + 1, n):
                if not (cut[m] and lefts):
                    continue
                mids, rights = self._half(tok[k:m])[:SPLIT3_PART], self._half(tok[m:])[:SPLIT3_PART]
                for a, ca in lefts:
                    for b, cb in mids:
                        for c, cc in rights:
                            cost = 2 * SPLIT_COST + ca + cb + cc
                            three.append((cost * PENALTY_SCALE - uni[a] - uni[b] - uni[c], (a, b, c), cost))
        three.sort()
        out.extend((ids, cost) for _, ids, cost in three[:SPLIT3_KEEP])
        return out

    def options(self, tok: str, header: bool = False) -> tuple[list[tuple[tuple[int, ...], float, str | None]], bool]:
        """Candidates of one token as (ids, penalty, fixed text or None), and validity; a ``header``
        token in capitals is read as a word, not an acronym (``repair.tokens.header_words``)."""
        lm = self.lm
        roman = roman_numeral(tok)
        if roman:
            return [((lm.unk,), 0.0, roman)], True
        letters = sum(c.isalpha() for c in tok)
        digits = sum(c.isdigit() for c in tok)
        if letters == 0 and not glyph_word(tok):  # round 34: "¢6" is a word
            keep: list[tuple[tuple[int, ...], float, str | None]] = [
                ((lm.num,) if digits else (), AMP_KEEP if tok in LONE_GLYPHS else 0.0, tok)]
            if len(tok) == 1 and tok in RULES and DIGIT_WORD < math.inf:  # "gây 6 nhiễm": ô read as 6
                cands: dict[int, float] = {}
                word = AMP_WORD if tok in LONE_GLYPHS else DIGIT_WORD
                for f, c, hats, alt in self.search(tok, SEARCH_INVALID):
                    self._expand(f, c + word, cands, hats, alt + word)
                keep.extend(((i,), c, None) for i, c in cands.items())
            return keep, True
        caps = len(tok) > 1 and tok.isalpha() and tok.isupper() and not lm.by_fold.get(fold(tok).lower())
        if amp_acronym(tok) or (digits >= 2 and not (DIGIT_DEBRIS and is_digit_debris(tok))) or (caps and not header):
            tok = (UPPER_WORDS and stroke_acronym(tok)) or tok  # "HPND": HĐND
            ids = (acronym_reading(tok, lm.index) or (lm.unk,)) if not digits else (lm.unk,)
            return [(ids, 0.0, lm.acronyms.get(tok, tok))], True
        low = tok.lower()
        plain = fold(low)
        norm = normalize_syllable(low)
        cands: dict[int, float] = {}
        valid = tok.isalpha() and (norm in lm.index if has_diacritics(low) else plain in lm.by_fold)
        swap = ACUTE_SWAP if "é" in low and all(c == "é" or c == fold(c) for c in low) else ACCENT_SWAP
        if valid and has_diacritics(low):
            cands[lm.index[norm]] = 0.0
            self._expand(plain, swap, cands)
        elif valid:
            self._expand(plain, 0.0, cands)
        elif tok.isalpha() and plain in lm.by_fold:  # a real syllable under a wrong accent ("chẫt")
            self._expand(plain, swap, cands)
        extra = CONFUSION_EXTRA + (ACUTE_VALID_EXTRA if swap == ACUTE_SWAP else 0.0) if valid else 0.0
        for f, c, hats, alt in self.search(tok, SEARCH_VALID if valid else SEARCH_INVALID):
            if f != plain:
                self._expand(f, c + extra, cands, hats, alt + extra)
        # "S&" names a Sở as surely as "So" does, and so does "Sé": the engine of 001/003/004
        # writes é (and ¢, round 20) for a marked vowel (round 14: ingestion leaves that é to the model)
        heads = head_readings(fold(low.replace("é", "&").replace("¢", "&")), HEADS) or {  # round 21: "s0" is a Sở
            f for f in HEADS if self.limit_cost(tok, f) <= HEAD_COST}
        if heads:
            cands = {i: c for i, c in cands.items() if fold(lm.vocab[i]) not in HEADS or fold(lm.vocab[i]) in heads}
        if len(cands) > MAX_OPTIONS:  # keep the likeliest readings: cheap edits of frequent syllables
            uni = lm.uni_list
            cands = dict(sorted(cands.items(), key=lambda kv: kv[1] * PENALTY_SCALE - uni[kv[0]])[:MAX_OPTIONS])
        opts: list[tuple[tuple[int, ...], float, str | None]] = [((i,), c, None) for i, c in cands.items()]
        if not valid and len(tok) >= 4:
            opts.extend((ids, c, None) for ids, c in self.splits(tok))
        if not valid:
            name = tok.isalpha() and case_pattern(tok) == "title"
            keep = KEEP_LETTER if len(tok) == 1 and tok.isalpha() else KEEP_NAME if name or header else KEEP_INVALID
            opts.append(((lm.unk,), keep, tok))
        return opts, valid


@lru_cache(maxsize=8)
def _repairer(lm: LanguageModel, stripped: bool = False, hand_all: bool = False) -> _Repairer:
    return _Repairer(lm, stripped, hand_all)


# Round 17: damaged numbers, dates and document numbers read into a shape a directive writes,
# and the codes of document symbols kept as read (repair.symbols)
SYMBOLS = True
# Round 18: damaged words of upper-case headings read as words, "V/v" and "HPND" (HĐND) kept
UPPER_WORDS = True
DOC_CACHE = True  # second pass with a cache of the text's own confident n-grams (repair.cache; round 8)


@dataclass
class _Lattice:
    """The tokens of one text and the edges of their readings (see ``repair_text``)."""

    pieces: list[str]
    word_at: list[int]
    toks: list[str]
    gaps: list[str]
    seps: list[int]
    edges: list[list[Edge]]
    fixed: list[list[str | None]]
    valid: list[bool]
    beams: list[int]
    guard: list[frozenset[int] | None] | None = None


def _lattice(text: str, lm: LanguageModel, beam: int, stripped: bool = False) -> _Lattice | None:
    """Tokens and candidate edges of ``text`` (NFC), or None when it holds no word."""
    rep = _repairer(lm, stripped)
    text = fix_numbers(text) if SYMBOLS else text
    pieces, word_at = word_pieces(text)
    if not word_at:
        return None
    toks = [pieces[i] for i in word_at]
    gaps = ["".join(pieces[a + 1:b]) for a, b in zip(word_at, word_at[1:])]
    seps = [SEP_BREAK] + [_separator_kind(g) for g in gaps]
    heads = set(header_words(toks, gaps, lambda t: t in lm.by_fold)) if UPPER_WORDS else set()
    names = before_names(toks, gaps, stripped)  # round 32: a token before a name reads hand-set (repair.names)
    opts_valid = [_repairer(lm, stripped, i in names).options(t, i in heads) for i, t in enumerate(toks)]
    for i, word in named_heads(toks, gaps, rep.limit_cost).items():  # "qua S& Noi vu": Sở (repair.heads)
        if word in lm.index:
            opts_valid[i] = ([((lm.index[word],), rep.cost(toks[i], fold(word)), None)], True)
    for i in about_tokens(toks, gaps) if UPPER_WORDS else ():  # "V/v": về việc
        opts_valid[i] = ([((lm.index["về" if toks[i] == "V" else "việc"],), 0.0, toks[i])], True)
    for i in url_tokens(text, pieces, word_at):  # a web address is kept as read
        opts_valid[i] = ([((lm.unk,), 0.0, toks[i])], True)
    for i in symbol_tokens(text, pieces, word_at) if SYMBOLS else ():  # "23/CT-TTg": the code is no word
        opts_valid[i] = ([((), 0.0, lm.acronyms.get(toks[i], toks[i]))], True)
    befores = ["".join(pieces[:word_at[0]])] + gaps
    afters = gaps + ["".join(pieces[word_at[-1] + 1:])]
    for i, marker in point_markers(toks, befores, afters, rep.limit_cost, LIST_MARKERS, POINT_DAMAGED,
                                   POINT_LISTS).items():
        opts_valid[i] = ([((lm.unk,), 0.0, marker)], True)  # "b)", "điểm a, b và c khoản 1"
    edges: list[list[Edge]] = []
    fixed: list[list[str | None]] = []
    for i, (opts, valid) in enumerate(opts_valid):
        e: list[Edge] = [(i + 1, ids, pen * PENALTY_SCALE) for ids, pen, _ in opts]
        f: list[str | None] = [fx for _, _, fx in opts]
        if i + 1 < len(toks):
            nxt, nvalid = opts_valid[i + 1]
            g = gaps[i]
            both_words = opts[0][2] is None and nxt[0][2] is None
            mc = merge_cost(g) + (MERGE_VALID if valid and nvalid else 0.0)
            if mc < math.inf and both_words and len(toks[i]) + len(toks[i + 1]) <= 8:
                merged: dict[int, float] = {}
                for fol, c, hats, alt in rep.search(toks[i] + toks[i + 1], SEARCH_MERGE):
                    for wid in lm.candidates(fol, limit=ACCENT_VARIANTS):
                        cw = c if not hats or any(h in bare(lm.vocab[wid]) for h in hats) else alt
                        if cw < merged.get(wid, math.inf):
                            merged[wid] = cw
                for wid, c in merged.items():
                    e.append((i + 2, (wid,), (c + mc) * PENALTY_SCALE))
                    f.append(None)
        edges.append(e)
        fixed.append(f)
    valid = [v for _, v in opts_valid]
    wide = max(beam, WIDE_BEAM)
    beams = [beam if all(valid[max(0, i - 2):i + 1]) else wide for i in range(len(toks))]
    guard = None
    if WORD_GUARD:
        guard = []
        for tok, (opts, ok) in zip(toks, opts_valid):
            plain = fold(tok.lower())
            guard.append(frozenset(ids[0] for ids, _, fx in opts if fx is None and len(ids) == 1
                                   and fold(lm.vocab[ids[0]]) != plain) if ok and tok.isalpha() else None)
    return _Lattice(pieces, word_at, toks, gaps, seps, edges, fixed, valid, beams, guard)


def repair_text(
    text: str, lm: LanguageModel | None = None, beam: int | None = None, cache: bool | DocCache | None = None,
    stripped: bool = False, neural: tuple[NeuralLM, RescoreConfig | None] | None = None,
) -> RepairResult:
    """Correct OCR errors and restore diacritics, keeping layout, numbers and acronyms.

    Args:
        text: OCR text, a whole file or a single clause.
        lm: A loaded model; the committed model is used when omitted.
        beam: LM states kept per lattice node (``BEAM`` when omitted); nodes next to a token
            that is no valid syllable keep ``WIDE_BEAM`` (damaged stretches are where the
            search loses the right reading; clean text keeps the narrow, faster beam).
        cache: True decodes twice, the second time with a cache of the n-grams the first
            pass read with confidence (``repair.cache``); a ``DocCache`` decodes once with
            that cache (one built from all pages of a document, ``document_cache``); False
            decodes once without; None follows ``DOC_CACHE``.
        stripped: The marks were stripped (ingestion): a letter may be a scan's mark glyph
            (``phédn`` read ``phedn``), deleted at ``DELETE``, not ``confusion.DELETE_LETTER``.
        neural: A neural LM and its settings: the decoded path's close calls are read again
            with it (``repair.neural.rescore``).

    Returns:
        The repaired text with a confidence score and counts.
    """
    lm = lm or load_model()
    text = unicodedata.normalize("NFC", text)
    lat = _lattice(text, lm, beam or BEAM, stripped)
    if lat is None:
        return RepairResult(text, 1.0, 0, 0, 0)
    cache = DOC_CACHE if cache is None else cache
    doc = cache if isinstance(cache, DocCache) else None
    owns = None
    if not doc:  # a given cache makes the first pass needless (it holds the first pass's owns)
        path = lattice_viterbi(lm, lat.edges, lat.seps, lat.beams, words=lm.words(), guard=lat.guard)
    if doc is None and cache:
        doc = DocCache.from_counts(_counts(lat, path, lm), lm.V)
        owns = _owns(lat, path, lm)
    edges = lat.edges
    if doc:
        own = doc.own(owns if owns is not None else doc.owns.get(text), len(lat.edges))
        edges = doc.edges(lat.edges, own)
        path = lattice_viterbi(lm, edges, lat.seps, lat.beams, (doc.tri, doc.bi), own, lm.words(), lat.guard)
    if neural is not None:  # round 36: the close calls read again by a neural LM (repair.neural)
        path = rescore(lm, neural[0], lat.toks, lat.gaps, edges, lat.fixed, lat.seps, path, neural[1])
    return _render(lat, path, lm)


def _owns(lat: _Lattice, path: list[int], lm: LanguageModel) -> dict[int, list[tuple[int, ...]]]:
    """The cache n-grams each node of one decoded lattice counted (``repair.cache.path_owns``)."""
    return path_owns(lat.edges, lat.fixed, lat.seps, path, lm.punct, doc_cache.MAX_PENALTY * PENALTY_SCALE,
                     min_penalty=doc_cache.LOO_MIN_PENALTY)


def _counts(lat: _Lattice, path: list[int], lm: LanguageModel) -> Counter[tuple[int, ...]]:
    """Cache counts of the confident stretches of one decoded lattice."""
    phrases = path_phrases(lat.edges, lat.fixed, lat.seps, path, lm.punct, doc_cache.MAX_PENALTY * PENALTY_SCALE)
    return cache_counts(phrases)


def document_cache(texts: list[str], lm: LanguageModel | None = None, beam: int | None = None,
                   stripped: bool = False) -> DocCache:
    """One cache from the first-pass readings of several texts of one document (its pages).

    Args:
        texts: The OCR texts.
        lm: A loaded model; the committed model is used when omitted.
        beam, stripped: As for ``repair_text``.

    Returns:
        The cache to pass to ``repair_text`` for each text.
    """
    lm = lm or load_model()
    counts: Counter[tuple[int, ...]] = Counter()
    owns: dict[str, dict[int, list[tuple[int, ...]]]] = {}
    for text in texts:
        text = unicodedata.normalize("NFC", text)
        lat = _lattice(text, lm, beam or BEAM, stripped)
        if lat is not None:
            path = lattice_viterbi(lm, lat.edges, lat.seps, lat.beams, words=lm.words(), guard=lat.guard)
            counts.update(_counts(lat, path, lm))
            owns[text] = _owns(lat, path, lm)
    doc = DocCache.from_counts(counts, lm.V)
    doc.owns = owns
    return doc


def _render(lat: _Lattice, path: list[int], lm: LanguageModel) -> RepairResult:
    """The repaired text of a decoded lattice, with its confidence and counts (``repair.render``)."""
    text, conf, changed = render(lat.pieces, lat.word_at, lat.toks, lat.gaps, lat.edges, lat.fixed, path, lm, PENALTY_SCALE)
    return RepairResult(text, conf, len(lat.toks), changed, sum(not v for v in lat.valid))
