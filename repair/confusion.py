"""OCR confusion model: candidate folded syllables for a damaged token, with costs.

A weighted edit search over a trie of folded (diacritic-free) valid syllables. Cheap
edits are the confusions a Vietnamese OCR engine makes when it loses the diacritics of a
vowel (``c6ng`` = công, ``hdnh`` = hành, ``viQc`` = việc), the stroke of ``đ`` (``tl``,
``P``) or the horn of ``ư`` (``w``, ``rr``); any other substitution, insertion or
deletion is expensive. Costs are in nats, comparable to language-model log-probabilities.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from repair.syllable import fold

# OCR text -> [(folded letters, cost)]. Identity (after folding and lower-casing) is free.
RULES: dict[str, list[tuple[str, float]]] = {
    # digits and symbols standing for accented vowels
    "6": [("o", 0.5), ("e", 0.7), ("a", 0.9)],
    "0": [("o", 0.5), ("u", 1.0)],
    "4": [("a", 0.5)],
    "9": [("u", 0.7)],
    "5": [("o", 1.0), ("e", 1.2)],
    "1": [("l", 0.8), ("i", 0.8)],
    "8": [("b", 1.0)],
    "€": [("e", 0.3)],
    "¥": [("y", 0.5)],  # round 19: ý, and ộ, read as a currency or section sign ("¥ kiến", "B§ phận")
    "§": [("o", 1.0)],
    # round 20: and ơ, ô (001/003/004: "hi¢u" = hiệu, "S¢" = Sở, "¢o ché" = cơ chế, "n¢i" = nội; a lone
    # "¢" = ở twice, có, cơ once each; "¢)" = "c)" six times)
    "¢": [("c", 0.5), ("e", 0.8), ("o", 1.0)],
    "{": [("a", 1.0)],
    "[": [("u", 1.0)],
    "]": [("i", 1.0)],
    "|": [("a", 1.0)],
    "!": [("i", 0.8), ("l", 1.0)],
    "?r": [("a", 1.0)],
    # a vowel with its tone mark read as one glyph (round 12; scans 001/003/004: "S&" = Sở,
    # "K&" = Kế, "v&i" = với, mostly ơ and ê); next to a vowel it is the mark alone ("vé&" = về)
    "&": [("o", 0.5), ("e", 0.5), ("a", 1.0)],
    "\\r": [("u", 1.0)],
    # capitals inside a word are accented vowels read as other letters
    "Q": [("e", 0.5), ("o", 0.7)],
    "P": [("d", 0.5)],
    # letters standing for accented vowels
    "d": [("a", 1.0), ("o", 1.0), ("e", 1.2)],
    "q": [("u", 1.0), ("a", 1.2), ("o", 1.2)],
    "g": [("u", 1.2)],
    "e": [("a", 1.2)],
    "r": [("u", 1.5)],
    "i": [("a", 1.5), ("u", 1.5)],
    "t": [("u", 1.5)],
    "f": [("y", 1.0), ("u", 1.5)],
    "j": [("y", 1.0)],
    "l": [("i", 1.0), ("h", 1.2)],
    "n": [("u", 1.5)],
    "w": [("u", 0.5)],
    "uw": [("u", 0.5)],
    # letter pairs read for one letter (đ without its stroke, ư with its horn split off)
    "tl": [("d", 0.5)],
    "il": [("d", 0.8)],
    "cl": [("d", 0.8)],
    "tt": [("d", 1.0)],
    "ti": [("d", 1.2)],
    "fl": [("th", 1.0)],
    "ri": [("a", 1.0), ("u", 1.0)],
    "rr": [("u", 0.8)],
    "ir": [("u", 1.0)],
    "ii": [("ai", 0.8), ("a", 1.0), ("u", 1.0)],
    "rn": [("m", 0.8)],
    "rm": [("un", 1.0)],
    "li": [("h", 1.0)],
    "Li": [("u", 1.0)],
    "ft": [("u", 1.0)],
}
# Plain letters a scan reads as a look-alike glyph or pair (OCR text, folded letters): the
# classic confusions of print OCR (b/h, n/u, c/e/o, rn/m, li/h, f/t), at one moderate cost
# between a rule above and an arbitrary substitution.
LOOKALIKES: tuple[tuple[str, str], ...] = (
    ("n", "m"), ("b", "h"), ("n", "h"), ("ri", "n"), ("u", "n"), ("h", "n"), ("n", "u"), ("v", "u"),
    ("e", "c"), ("o", "c"), ("c", "e"), ("o", "e"), ("i", "l"), ("I", "l"), ("1", "i"), ("l", "i"),
    ("f", "t"), ("l", "t"), ("q", "g"), ("y", "g"), ("a", "o"), ("c", "o"), ("o", "a"), ("t", "r"),
    ("n", "r"), ("h", "b"), ("6", "b"), ("5", "s"), ("v", "y"), ("ol", "d"), ("m", "rn"), ("n", "ri"),
    ("h", "li"), ("d", "cl"), ("m", "nn"), ("m", "in"), ("m", "ui"), ("ii", "u"), ("li", "u"),
)
LOOKALIKE = 2.5  # set on the recalibrated synthetic dev set (round 7: 1.5, 2.5, 3.5 tried; 1.0 on the round-6 set)


# Readings of the scans 001/003/004 (found with ``bench/ocr_confusions.py``, no clean text
# used) that neither table above offers. Their engine writes every accented vowel as a bare
# letter or as ``é`` (``céc`` = các, ``véi`` = với, ``xuét`` = xuất), sometimes with the mark
# as a glyph of its own (``phéap`` = pháp, ``cédp`` = cấp), ``ô`` as ``b`` (``sb`` = số),
# ``ư`` as ``y``, ``tr``, ``it``/``ti`` or ``ur`` (``xdy dyng``, ``chtrc``, ``ctia`` = của),
# ``ợ`` as ``g`` (``dugc`` = được). Cost relative to ``SCAN_COST``.
SCAN_RULES: dict[str, list[tuple[str, float]]] = {
    "é": [("o", 0.0), ("a", 0.0), ("u", 0.5)],
    "éa": [("a", 0.0)], "éd": [("a", 0.0)], "€é": [("e", 0.0)], "¢é": [("e", 0.0)],
    "b": [("o", 0.0)], "g": [("o", 0.0)],
    "y": [("u", 0.0)], "yu": [("u", 0.0)], "tr": [("u", 0.0)], "it": [("u", 0.0)], "ti": [("u", 0.0)],
    "ur": [("u", 0.0)], "im": [("u", 0.5), ("un", 0.5)],
}
SCAN_COST = 1.0  # base cost of a SCAN_RULES reading (math.inf: none offered)
# SCAN_RULES readings that stand for one vowel with its hat or horn (``sb`` = số, ``dugc`` =
# được): the folded search cannot tell ``ô`` from ``ơ``, so ``repair.ocr`` gives a syllable
# reached only through them that vowel, else the cost of its reading without them (round 11:
# a lone ``b`` was read as ``ở``; the dev damage and the scans write ``b`` for ``ô`` only).
HAT_READINGS: dict[str, str] = {"b": "ô", "g": "ơ"}


def add_lookalikes(rules: dict[str, list[tuple[str, float]]], pairs: Iterable[tuple[str, str]], cost: float) -> dict[str, list[tuple[str, float]]]:
    """Rules with each look-alike pair added at ``cost`` (an existing cheaper rule wins).

    >>> add_lookalikes({"n": [("u", 1.5)]}, [("n", "u"), ("n", "m")], 2.0)
    {'n': [('u', 1.5), ('m', 2.0)]}
    """
    out = {k: list(v) for k, v in rules.items()}
    for src, dst in pairs:
        opts = out.setdefault(src, [])
        if all(d != dst for d, _ in opts):
            opts.append((dst, cost))
    return out


DELETE_COST = {"&": 0.8, "^": 0.3, "'": 0.8, ".": 1.0, ",": 1.0, "_": 0.5, "\\": 0.8, "?": 1.0}
SUBSTITUTE = 4.0
INSERT = 3.0  # the first letter the scan lost in a token (faded print); set on the synthetic set
INSERT_MORE = 4.0  # each further lost letter (two in one syllable are rare; 2.0 read 'chn' as 'chính')
DELETE = 3.5
# Round 20 (round 19's c1): ... when the deleted character is a plain letter. Neither the synthetic
# damage nor the scans 001/003/004 add a letter to a word as read: they double one (DOUBLED), read
# one glyph as two (the rules above) or write a mark as a glyph of its own (é, ¢, &: DELETE), yet at
# 3.5 a scan's whole reading lost a letter to become a frequent word ("Trudng cac phong" = Trưởng
# các phòng came out "Trong"). Text whose marks were stripped (ingestion) turns those mark glyphs
# into letters ("phédn" = phận reads "phedn"), so ``search`` takes DELETE there (``delete_letter``).
DELETE_LETTER = 5.0
_PLAIN_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
DOUBLED = 1.5  # deleting a letter that repeats the one before it (set on the synthetic set; 3.5 = any delete)
MAX_COST = 6.0
# Round 19: a letter pair opening a capitalised word is read as its lower-case pair when the
# rules name only that (``Tlieu`` = Điều, as ``tlieu`` = điều; ``Li`` keeps its own rule). At c1
# the synthetic "khoản 2 Tlieu 40" came out "Tlieu" or "Triệu": only a 9.0 edit had reached Điều.
CAPITAL_PAIRS = True
END = ""  # trie key marking the end of a syllable


def capital_pair(src: str) -> str:
    """The lower-case letter pair of a capitalised one (``Tl`` = ``tl``, Đ), else "".

    >>> capital_pair("Tl"), capital_pair("tl"), capital_pair("TL"), capital_pair("Q")
    ('tl', '', '', '')
    """
    return src.lower() if len(src) == 2 and src[0].isupper() and src[1].islower() else ""


def build_trie(words: Iterable[str]) -> dict:
    """Build a nested-dict trie; a node holds ``END`` when a word ends there."""
    root: dict = {}
    for w in words:
        node = root
        for c in w:
            node = node.setdefault(c, {})
        node[END] = True
    return root


# Round 25: costs of the readings above learnt from the scans 001/003/004 by hard EM
# (``repair.channel``, ``bench/channel_em.py``): {OCR text: {folded letters: cost}}; a reading
# the file does not name keeps its hand-set cost. None or a missing file: hand-set costs only.
CHANNEL_COSTS: Path | None = Path(__file__).resolve().parent / "data" / "channel_costs.json"


def learned_costs(path: Path | None = CHANNEL_COSTS) -> dict[str, dict[str, float]]:
    """The learnt costs stored at ``path`` ({} when there are none)."""
    if path is None or not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


LEARNED = learned_costs()


def search_rules(scan_cost: float = SCAN_COST, hats: bool = True,
                 learned: dict[str, dict[str, float]] | None = None) -> dict[str, list[tuple[str, float]]]:
    """The rules ``search`` applies: ``RULES``, the look-alikes and the scan readings
    (without those of ``HAT_READINGS`` when ``hats`` is False), with the ``learned`` costs
    (``LEARNED`` when omitted) in place of the hand-set ones of the readings they name.

    >>> search_rules(1.0, learned={})["é"]
    [('o', 1.0), ('a', 1.0), ('u', 1.5)]
    >>> search_rules(1.0, hats=False, learned={})["b"]
    [('h', 2.5)]
    """
    out = add_lookalikes(RULES, LOOKALIKES, LOOKALIKE)
    if scan_cost < float("inf"):
        for src, outs in SCAN_RULES.items():
            if hats or src not in HAT_READINGS:
                for dst, extra in outs:
                    out = add_lookalikes(out, [(src, dst)], scan_cost + extra)
    learned = LEARNED if learned is None else learned
    return {src: [(dst, learned.get(src, {}).get(dst, c)) for dst, c in opts] for src, opts in out.items()}


SEARCH_RULES = search_rules()  # what ``search`` applies
NO_HAT_RULES = search_rules(hats=False)  # ... less the HAT_READINGS
# Round 22: text whose marks were stripped (ingestion) reads the engine's mark glyph ``é``, which
# SCAN_RULES reads as o or a, as a plain ``e`` ("Truéng" = Trưởng is "Trueng", "téng hop" = tổng
# hợp "teng hop"); ``e`` for a is a rule above, ``e`` for o was an arbitrary substitution (4.0).
# Dev (--mean --cache --ingest; heavy x3, scan heavy x3): 1.0 not run, 97.74/96.99; 1.5 98.41/97.69,
# 97.79/97.03; 2.0 98.39/97.67, 97.77/97.01; none (4.0) 98.22/97.49, 97.53/96.72.
STRIPPED_E = 1.5  # math.inf: none
# Round 23: ... and "ee" ending a token there is the engine's é before a c or its vowel ("truée" =
# trước reads "truee"), not a letter read twice: deleting one e at DOUBLED (1.5) read 004's "trưa
# ngày". Dev (--mean --cache --ingest; heavy x3, scan heavy x3): any "ee" (c2) 98.4063/97.6884,
# 97.7796/97.0282; ending a token 98.4094/97.6915, 97.7887/97.0343; DOUBLED (round 22) 98.4124/97.6945,
# 97.7887/97.0343.
STRIPPED_UNDOUBLED = "e"
# Round 25: the learnt costs (LEARNED) are those of the raw scans' channel; text whose marks were
# stripped is another channel (its é is e) and keeps the hand-set costs. With them, ingestion read
# 003 III.1.d-1 "gt cac S" (ở các Sở) as "tư cách" (g for o at 1.43, not 1.0).
STRIPPED_LEARNED = False
_STRIPPED_BASE = (SEARCH_RULES, NO_HAT_RULES) if STRIPPED_LEARNED else (search_rules(learned={}),
                                                                        search_rules(hats=False, learned={}))
STRIPPED_RULES = add_lookalikes(_STRIPPED_BASE[0], [("e", "o")], STRIPPED_E)
STRIPPED_NO_HAT = add_lookalikes(_STRIPPED_BASE[1], [("e", "o")], STRIPPED_E)
# Round 29: the learnt costs were counted on the scans' running text, mostly lower-case words, and
# with every rule learnt (round 26's c1) they lost on directive heads and names: "S¢" (Sở) cost 1.29,
# above a head's 1.0 ("qua Số Nội vụ"). With LEARNED_LOWER a reading takes the learnt cost only inside
# a lower-case word, opening it or right after a lower-case letter; in a token that opens with a
# capital, and right after a capital or a glyph (a digit, a symbol: "viQc", "1y"), it keeps the
# hand-set cost (``hand_positions``), but for the scan engine's readings (SCAN_RULES' sources: é, b,
# y...), which keep their learnt costs there as everywhere since round 25 (main's recipe). Off: the
# learnt costs apply everywhere (main).
LEARNED_LOWER = True
_SCAN_LEARNED = {src: costs for src, costs in LEARNED.items() if src in SCAN_RULES}
HAND_RULES = search_rules(learned=_SCAN_LEARNED)  # the tables at hand_positions, with and without HAT_READINGS
HAND_NO_HAT = search_rules(hats=False, learned=_SCAN_LEARNED)


def hand_positions(token: str) -> frozenset[int]:
    """Positions of ``token`` whose readings keep the hand-set costs under ``LEARNED_LOWER``: all
    of a token opening with a capital, else those right after a character that is no lower-case letter.

    >>> sorted(hand_positions("Hdén")), sorted(hand_positions("viQc")), sorted(hand_positions("c6ng"))
    ([0, 1, 2, 3], [3], [2])
    >>> hand_positions("cdc")
    frozenset()
    """
    if token[:1].isupper():
        return frozenset(range(len(token)))
    return frozenset(i for i in range(1, len(token)) if not token[i - 1].islower())


def hand_tables(stripped: bool) -> tuple[dict[str, list[tuple[str, float]]] | None, ...]:
    """The tables ``search`` takes at ``hand_positions`` (``hand``), with and without the HAT_READINGS;
    ``(None, None)`` when every position takes ``rule_tables``' (text whose marks were stripped
    decodes with hand-set costs throughout; without ``LEARNED_LOWER`` the learnt costs apply throughout).

    >>> hand_tables(True)
    (None, None)
    """
    return (HAND_RULES, HAND_NO_HAT) if LEARNED_LOWER and not stripped and LEARNED else (None, None)


# Round 30: the limits read against a confusion cost (``heads.HEAD_COST``, ``tokens.POINT_COST``, both 1.0) were
# set on the hand-set costs; inside lower-case words c3's learnt ones cross them ("cdc" for các at 1.21, "khorin" for
# khoản: ri for a at 1.23). With HAND_LIMITS (and LEARNED_LOWER) the checks of a head word or a cited point measure
# a reading with HAND_RULES throughout (main's costs before c3, ``repair.limits``); the decoder keeps c3's costs.
HAND_LIMITS = True
# Round 32: ... and a lower-case token right before a capitalised one in the same sentence (only spaces or a line
# break between: a name or an agency, "cdc S6" = các Sở) reads hand-set too (``repair.names``): the model, trained
# on lower-cased text, joins it to the name as a common compound ("cơ sở"), and a learnt cost that is cheaper than
# the hand-set one (``d`` for o 0.54) lets that compound win against the word the scan shows.
HAND_BEFORE_NAME = True


def limit_rules(stripped: bool) -> dict[str, list[tuple[str, float]]] | None:
    """The rules the limit checks measure a reading with, or None where they take the decoder's costs
    (``hand_tables`` gives none: text whose marks were stripped, or no ``LEARNED_LOWER``).

    >>> limit_rules(True) is None
    True
    """
    return HAND_RULES if HAND_LIMITS and hand_tables(stripped)[0] is not None else None


def rule_tables(stripped: bool) -> tuple[dict[str, list[tuple[str, float]]], dict[str, list[tuple[str, float]]]]:
    """The rules ``search`` applies to text whose marks were ``stripped`` or not, with and without
    the ``HAT_READINGS``.

    >>> rule_tables(False) == (SEARCH_RULES, NO_HAT_RULES), ("o", STRIPPED_E) in rule_tables(True)[0]["e"]
    (True, True)
    """
    return (STRIPPED_RULES, STRIPPED_NO_HAT) if stripped else (SEARCH_RULES, NO_HAT_RULES)
_MAX_SRC = max(len(k) for k in SEARCH_RULES)
_LETTERS = set("abcdeghiklmnopqrstuvxy")


def search(token: str, trie: dict, max_cost: float = MAX_COST, limit: int = 12,
           rules: dict[str, list[tuple[str, float]]] | None = None,
           delete_letter: float | None = None, undoubled: str = "",
           hand: dict[str, list[tuple[str, float]]] | None = None) -> list[tuple[str, float]]:
    """Find folded syllables reachable from an OCR token within ``max_cost``.

    Args:
        token: The OCR token, case and symbols as read.
        trie: Trie of folded valid syllables (see ``build_trie``).
        max_cost: Largest total edit cost considered.
        limit: Number of cheapest candidates returned.
        rules: The confusion rules (``SEARCH_RULES`` when omitted).
        delete_letter: Cost of deleting a plain letter (``DELETE_LETTER`` when omitted; ``DELETE``
            for text whose marks were stripped).
        undoubled: Letters whose repetition ending a token is no doubled letter (``STRIPPED_UNDOUBLED``
            for text whose marks were stripped): deleting the last costs as any other letter.
        hand: The rules read at ``hand_positions(token)`` instead of ``rules`` (round 29; None: ``rules``
            everywhere).

    Returns:
        ``(folded syllable, cost)`` pairs, cheapest first (ties by string).
    """
    plain = fold(token).lower()
    n = len(token)
    table = SEARCH_RULES if rules is None else rules
    del_letter = DELETE_LETTER if delete_letter is None else delete_letter
    at_hand = hand_positions(token) if hand is not None else frozenset()
    best: dict[str, float] = {}
    seen: dict[tuple[int, int], float] = {}

    def walk(node: dict, target: str) -> dict | None:
        for c in target:
            node = node.get(c)
            if node is None:
                return None
        return node

    def go(pos: int, node: dict, prefix: str, cost: float, lost: bool = False) -> None:
        key = (pos, id(node), lost)
        old = seen.get(key)
        if old is not None and old <= cost:
            return
        seen[key] = cost
        if pos == n:
            if END in node and cost < best.get(prefix, 99.0):
                best[prefix] = cost
        else:
            c = plain[pos]
            nxt = node.get(c)
            if nxt is not None:
                go(pos + 1, nxt, prefix + c, cost, lost)
            tab = hand if pos in at_hand else table
            for length in range(1, min(_MAX_SRC, n - pos) + 1):
                src = token[pos:pos + length]
                for target, rc in tab.get(src, ()) or (tab.get(capital_pair(src), ()) if CAPITAL_PAIRS else ()):
                    if cost + rc <= max_cost:
                        sub = walk(node, target)
                        if sub is not None:
                            go(pos + length, sub, prefix + target, cost + rc, lost)
            dc = DELETE_COST.get(token[pos], del_letter if token[pos] in _PLAIN_LETTERS else DELETE)
            if pos and token[pos] == token[pos - 1] and not (pos == n - 1 and token[pos] in undoubled):
                dc = min(dc, DOUBLED)
            if cost + dc <= max_cost:
                go(pos + 1, node, prefix, cost + dc, lost)
            if cost + SUBSTITUTE <= max_cost:
                for ch, sub in node.items():
                    if ch != END and ch != c:
                        go(pos + 1, sub, prefix + ch, cost + SUBSTITUTE, lost)
        ins = INSERT_MORE if lost else INSERT
        if cost + ins <= max_cost:
            for ch, sub in node.items():
                if ch != END and ch in _LETTERS:
                    go(pos, sub, prefix + ch, cost + ins, True)

    go(0, trie, "", 0.0)
    return sorted(best.items(), key=lambda kv: (kv[1], kv[0]))[:limit]
