"""Synthetic damage at the rates counted on the scans 001/003/004 (round 26).

``repair.noise`` writes its look-alikes at hand-set rates (round 7, round 10's ``SCAN_ENGINE``),
so a dev set built from it rewards costs that fit those rates, not the scans' (round 25: the
costs learnt from the scans for digits, ``d``, ``i`` or ``w`` lost on it). Here the rates are
counts: the current code reads the raw files 001/003/004 (``repair.channel.chosen_readings``),
each token read as one syllable is aligned with that syllable (``repair.channel.align``), and
each letter of the syllable, with its diacritics and case, counts what the scan wrote for it:
itself, its bare letter, a glyph (``6``, ``é``, ``tl``), nothing (a lost letter), or, for a
rule that reads two letters at once (``ii`` = ai), the pair's reading. Letters the scan added
are counted per letter read (doubled, or another character). ``count_damage`` makes the counts,
``bench/channel_em.py --damage`` stores them (``RATES``), and ``damage_word`` samples from them
(``repair.noise.Noise.channel``; ``bench/repair_synthetic.py --channel``). No clean text is
used: the syllables are the decoder's readings, and the test scans 000/002 are never read.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from repair.channel import align
from repair.syllable import fold, split_tone

RATES = Path(__file__).resolve().parent.parent / "bench" / "data" / "scan_damage.json"
MIN_SEEN = 30  # readings of a letter below which its table leans on its back-off letter's


@dataclass
class DamageCounts:
    """What the scans wrote for each letter of the syllables they were read as.

    Attributes:
        letters: Letter as read (diacritics and case kept) -> what the scan wrote for it ("": lost).
        pairs: Two letters (lower case) read by one rule -> what the scan wrote for both.
        pair_seen: Occurrences of each key of ``pairs`` in the readings.
        extras: Characters the scan added that do not repeat the one before.
        doubled: Characters the scan added that repeat the one before.
        total: Letters of the readings.
        positions: Round 27: ``letters`` again, split by the letter's place in its syllable
            (``POSITIONS``: alone, first, inner, last); ``letter_table(key, place)`` leans on them.
        after: Round 27: for each state of the letter before (``STATES``; "start" opens the
            syllable), ``[observed, expected]`` letters of each damaged state after it, the
            expectation from the letter's own place table (the neighbours' pull: a glyph follows a
            glyph four times as often as the letters' own rates say, ``ph01`` = phối).
        gaps: Round 27: the word gaps of the scans as the decoder read them (``gap_counts``).
    """

    letters: dict[str, Counter] = field(default_factory=dict)
    pairs: dict[str, Counter] = field(default_factory=dict)
    pair_seen: Counter = field(default_factory=Counter)
    extras: Counter = field(default_factory=Counter)
    doubled: int = 0
    total: int = 0
    positions: dict[str, dict[str, Counter]] = field(default_factory=dict)
    after: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    gaps: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict:
        """The counts as plain dicts (sorted keys)."""
        def plain(d: dict[str, Counter]) -> dict[str, dict[str, int]]:
            return {k: dict(sorted(v.items())) for k, v in sorted(d.items())}
        return {"letters": plain(self.letters), "pairs": plain(self.pairs),
                "pair_seen": dict(sorted(self.pair_seen.items())), "extras": dict(sorted(self.extras.items())),
                "doubled": self.doubled, "total": self.total,
                "positions": {k: plain(v) for k, v in sorted(self.positions.items())},
                "after": {k: {s: [round(x, 4) for x in v] for s, v in sorted(d.items())}
                          for k, d in sorted(self.after.items())},
                "gaps": dict(sorted(self.gaps.items()))}

    @classmethod
    def from_json(cls, data: dict) -> DamageCounts:
        """Counts stored by ``to_json``."""
        return cls({k: Counter(v) for k, v in data["letters"].items()},
                   {k: Counter(v) for k, v in data["pairs"].items()}, Counter(data["pair_seen"]),
                   Counter(data["extras"]), data["doubled"], data["total"],
                   {k: {l: Counter(v) for l, v in d.items()} for k, d in data.get("positions", {}).items()},
                   data.get("after", {}), data.get("gaps", {}))


POSITIONS = ("alone", "first", "inner", "last")  # a letter's place in its syllable (round 27)
STATES = ("start", "ok", "hurt", "glyph", "lost")  # what the letter before was written as ("start": none)
AFTER_SHRINK = 5.0  # expected letters at which the pull of the letter before counts half


def place(k: int, n: int) -> str:
    """The place of letter ``k`` of an ``n``-letter syllable (``POSITIONS``)."""
    return "alone" if n == 1 else "first" if k == 0 else "last" if k == n - 1 else "inner"


def state(key: str, src: str) -> str:
    """What ``src`` is as a reading of the letter ``key``: ``ok`` (itself or its bare letter),
    ``lost``, ``glyph`` (holds a character that is no letter), else ``hurt``.

    >>> state("ố", "o"), state("ố", "6"), state("ố", "d"), state("l", ""), state("Đ", "D")
    ('ok', 'glyph', 'hurt', 'lost', 'ok')
    """
    if not src:
        return "lost"
    if not all(c.isalpha() for c in src):
        return "glyph"
    return "ok" if src.lower() in (key.lower(), fold(key).lower()) else "hurt"


def count_damage(readings: Iterable[tuple[str, str]]) -> DamageCounts:
    """Count what the scan wrote for each letter of ``(token, accented syllable)`` readings.

    >>> c = count_damage([("c6ng", "công"), ("Tlieu", "điều"), ("vé", "về")])
    >>> c.letters["ô"]["6"], c.letters["Đ"]["Tl"], c.letters["ề"]["é"], c.letters["n"]["n"], c.total
    (1, 1, 1, 1, 10)
    >>> c.positions["last"]["ề"]["é"], c.positions["inner"]["ô"]["6"]
    (1, 1)
    """
    out = DamageCounts()
    syllables: list[str] = []
    seqs: list[list[tuple[str, str, str | None]]] = []  # (letter key, what was written, place; None: a pair)
    for tok, syl in readings:
        syl = syl.lower()
        _, edits = align(tok, fold(syl).lower())
        if not edits:
            continue
        syllables.append(syl)
        out.total += len(syl)
        seq: list[tuple[str, str, str | None]] = []
        i = j = 0
        for kind, src, dst in edits:
            raw = tok[i:i + len(src)] if kind != "i" else ""
            up = tok[i].isupper() if kind != "i" else (j == 0 and tok[:1].isupper())
            if kind == "d":
                if i and tok[i] == tok[i - 1]:
                    out.doubled += 1
                else:
                    out.extras[tok[i]] += 1
            elif kind == "r" and len(dst) > 1:
                out.pairs.setdefault(syl[j:j + len(dst)], Counter())[raw] += 1
                seq.append((syl[j:j + len(dst)], raw, None))
            else:  # "=", "s", a one-letter rule, "i" (the letter lost)
                key = syl[j].upper() if up else syl[j]
                out.letters.setdefault(key, Counter())[raw] += 1
                where = place(j, len(syl))
                out.positions.setdefault(where, {}).setdefault(key, Counter())[raw] += 1
                seq.append((key, raw, where))
            i += len(src) if kind != "i" else 0
            j += len(dst) if kind != "d" else 0
        seqs.append(seq)
    for syl in syllables:
        for key in out.pairs:
            out.pair_seen[key] += sum(1 for k in range(len(syl)) if syl.startswith(key, k))
    out.after = _after(out, seqs)
    return out


def _after(counts: DamageCounts, seqs: list[list[tuple[str, str, str | None]]]) -> dict[str, dict[str, list[float]]]:
    """Observed and expected damaged letters after each state of the letter before (``after``)."""
    obs: dict[str, Counter] = {s: Counter() for s in STATES}
    exp: dict[str, Counter] = {s: Counter() for s in STATES}
    tables: dict[tuple[str, str], tuple[tuple[str, float], ...]] = {}
    for seq in seqs:
        prev = "start"
        for key, raw, where in seq:
            now = state(key, raw) if where is not None else ("glyph" if not raw.isalpha() else "hurt")
            if where is not None:
                if (key, where) not in tables:
                    tables[key, where] = _place_table(counts, key, where)
                obs[prev][now] += 1
                for src, p in tables[key, where]:
                    exp[prev][state(key, src)] += p
            prev = now
    return {p: {s: [float(obs[p][s]), exp[p][s]] for s in ("hurt", "glyph", "lost")} for p in STATES if exp[p]}


def gap_counts(rows: Iterable[tuple[list[str], list[str | None], bool]], gaps: Iterable[str]) -> dict[str, int]:
    """Word gaps of one scan as the decoder read it (round 27).

    Args:
        rows: The chosen path: for each edge its tokens, the syllables it was read as (``None``:
            kept as read) and whether the reading is fixed (a code, a number, a marker).
        gaps: What stands between consecutive word tokens.

    Returns:
        ``tokens``, ``long`` (tokens of 3+ letters), ``gaps`` (white space only), ``line_ends``
        (of those, with a line break), ``hyphens`` (a hyphen before a line break), ``lost`` (a
        token not in capitals read as several syllables: a lost gap) and ``split`` (several
        tokens read as one syllable: a gap inside a word).

    >>> gap_counts([(["vàcác"], ["và", "các"], False), (["ng", "uoi"], ["người"], False)], [" ", "-\\n"])
    {'tokens': 3, 'long': 2, 'gaps': 1, 'line_ends': 0, 'hyphens': 1, 'lost': 1, 'split': 1}
    """
    out = dict.fromkeys(("tokens", "long", "gaps", "line_ends", "hyphens", "lost", "split"), 0)
    for toks, syls, fixed in rows:
        out["tokens"] += len(toks)
        out["long"] += sum(len(t) >= 3 for t in toks)
        if fixed or any(s is None for s in syls):
            continue
        if len(toks) == 1 and len(syls) > 1 and not toks[0].isupper():
            out["lost"] += len(syls) - 1
        elif len(toks) > 1 and len(syls) == 1:
            out["split"] += 1
    for g in gaps:
        if not g.strip():
            out["gaps"] += 1
            out["line_ends"] += "\n" in g
        elif g.startswith("-") and not g[1:].strip() and "\n" in g:  # "huấn-\n": not a list's "\n- "
            out["hyphens"] += 1
    return out


def scan_gaps(text: str, lm) -> dict[str, int]:
    """``gap_counts`` of ``text`` read by ``repair.ocr.repair_text`` with the current code."""
    from repair.channel import decoded_path

    lat, path = decoded_path(text, lm)
    rows = []
    node = 0
    for k in path:
        j, ids, _ = lat.edges[node][k]
        rows.append((lat.toks[node:j], [None if i == lm.unk else lm.vocab[i] for i in ids],
                     lat.fixed[node][k] is not None))
        node = j
    return gap_counts(rows, lat.gaps)


def counted_gaps(path: Path | None = None) -> dict[str, float]:
    """The ``repair.noise.Noise`` gap rates the stored counts give (round 27): ``merge`` (lost gaps
    per gap), ``split`` (per token of 3+ letters), ``hyphen`` (per line end), ``join`` 0 (a gap
    lost at a line end is a lost gap: counted in ``merge``). Dropped words cannot be seen without
    the clean text: ``drop_word`` keeps its default."""
    g = _counts(path or RATES).gaps
    return {"merge": g["lost"] / g["gaps"], "split": g["split"] / g["long"],
            "hyphen": g["hyphens"] / (g["line_ends"] + g["hyphens"]), "join": 0.0}


def _upper(src: str) -> str:
    """``src`` opening a capitalised word (the scans write no mark on a capital: ``é`` is ``E``)."""
    first = src[:1].upper()
    return (first if first == fold(first) or first == "Đ" else fold(first)) + src[1:]


def _backoff(key: str) -> str | None:
    """The letter whose table a rarely read letter leans on: a capital's lower case, a toned
    vowel's toned family (``~ơ``: ớ ờ ở ỡ ợ pooled; the scans write a toned vowel unlike its
    toneless one: ờ as ``d`` one time in five, ơ almost never), then its letter without the tone,
    a hat or horn vowel's plain letter."""
    if key.isupper():
        return key.lower()
    if key.startswith("~"):
        return key[1:]
    bare = split_tone(key)[0]
    if bare != key:
        return "~" + bare
    plain = fold(key)
    return plain if plain != key else None


def _own(counts: DamageCounts, key: str) -> Counter:
    """The readings of ``key``; those of a toned family (``~ơ``) pooled."""
    if not key.startswith("~"):
        return counts.letters.get(key, Counter())
    pooled: Counter = Counter()
    for letter, got in counts.letters.items():
        if letter.islower() and letter != key[1:] and split_tone(letter)[0] == key[1:]:
            pooled.update(got)
    return pooled


@lru_cache(maxsize=None)
def _counts(path: Path = RATES) -> DamageCounts:
    return DamageCounts.from_json(json.loads(path.read_text(encoding="utf-8")))


def _table(counts: DamageCounts, key: str) -> tuple[tuple[str, float], ...]:
    own = _own(counts, key)
    n = sum(own.values())
    dist: Counter = Counter({k: v / n for k, v in own.items()}) if n else Counter()
    back = _backoff(key)
    if n < MIN_SEEN and back is not None:
        w = n / MIN_SEEN
        dist = Counter({k: w * v for k, v in dist.items()})
        for src, p in _table(counts, back):
            dist[_upper(src) if key.isupper() else src] += (1 - w) * p
    if not dist:
        return ((key, 1.0),)
    return tuple(sorted(dist.items(), key=lambda kv: -kv[1]))


def _place_table(counts: DamageCounts, key: str, where: str) -> tuple[tuple[str, float], ...]:
    """``_table`` for the letter at one place of its syllable: its readings there, topped up with
    its table at every place when seen fewer than ``MIN_SEEN`` times there."""
    own = counts.positions.get(where, {}).get(key, Counter())
    n = sum(own.values())
    w = min(1.0, n / MIN_SEEN)
    dist: Counter = Counter({k: w * v / n for k, v in own.items()}) if n else Counter()
    if w < 1.0:
        for src, p in _table(counts, key):
            dist[src] += (1 - w) * p
    return tuple(sorted(dist.items(), key=lambda kv: -kv[1]))


@lru_cache(maxsize=None)
def letter_table(key: str, path: Path = RATES, where: str | None = None) -> tuple[tuple[str, float], ...]:
    """What the scan writes for the letter ``key``, with probabilities (a letter seen fewer than
    ``MIN_SEEN`` times is topped up with its back-off letter's table; a capital's lower-case
    readings are written in capitals); with ``where`` (round 27), at that place of its syllable.

    >>> dict(letter_table("n")).get("n", 0) > 0.9
    True
    """
    counts = _counts(path)
    return _place_table(counts, key, where) if where else _table(counts, key)


@lru_cache(maxsize=None)
def _pull(path: Path = RATES) -> dict[str, dict[str, float]]:
    """How much likelier each damaged state is after each state of the letter before than the
    letter's own rates say (``after``, shrunk towards 1 by ``AFTER_SHRINK``)."""
    return {p: {s: (o + AFTER_SHRINK) / (e + AFTER_SHRINK) for s, (o, e) in d.items()}
            for p, d in _counts(path).after.items()}


def _pulled(table: list[tuple[str, float]], key: str, pull: dict[str, float]) -> list[tuple[str, float]]:
    """``table`` with each damaged reading's probability times the pull of its state; the
    undamaged readings take up the rest (all renormalised when the damaged ones exceed 1)."""
    hurt = [(s, p * pull.get(state(key, s), 1.0)) for s, p in table if state(key, s) != "ok"]
    mass = sum(p for _, p in hurt)
    ok = [(s, p) for s, p in table if state(key, s) == "ok"]
    rest = sum(p for _, p in ok)
    if mass >= 1.0 or not rest:
        return [(s, p / mass) for s, p in hurt] if mass else ok
    return hurt + [(s, p * (1 - mass) / rest) for s, p in ok]


def _heavier(table: tuple[tuple[str, float], ...], keep: set[str], factor: float) -> list[tuple[str, float]]:
    """``table`` with every reading but the undamaged ones (``keep``) ``factor`` times as likely."""
    if factor == 1.0:
        return list(table)
    hurt = [(s, p * factor) for s, p in table if s not in keep]
    mass = sum(p for _, p in hurt)
    if mass >= 1.0:
        return [(s, p / mass) for s, p in hurt]
    rest = sum(p for s, p in table if s in keep)
    return hurt + [(s, p * (1 - mass) / rest) for s, p in table if s in keep] if rest else hurt


def _draw(rng: random.Random, options: list[tuple[str, float]]) -> str:
    r = rng.random() * sum(p for _, p in options)
    for s, p in options:
        r -= p
        if r <= 0:
            return s
    return options[-1][0]


def damage_word(word: str, rng: random.Random, factor: float = 1.0, path: Path = RATES,
                context: bool = False) -> str:
    """The scan's reading of one word at the counted rates, the damage ``factor`` times as likely.

    Args:
        word: Letters of one word (NFC).
        rng: Random source.
        factor: Multiplier of the damaged readings (1: the rates of the scans).
        path: The stored counts.
        context: Round 27: read each letter given its neighbours: its table at its place in the
            word (``¥`` is ý only as a word of its own; ``lý`` is ``1y``, never ``1¥``), pulled by
            what the letter before was written as (``_pull``). Off: round 26's draws, unchanged.

    Returns:
        What the scan wrote for it.

    >>> damage_word("Công", random.Random(0), 0.0)  # undamaged: the letters as the scans write them
    'Cong'
    """
    counts = _counts(path)
    double, extra = counts.doubled / counts.total * factor, sum(counts.extras.values()) / counts.total * factor
    out: list[str] = []
    k = 0
    prev = "start"
    while k < len(word):
        pair = word[k:k + 2].lower()
        seen = counts.pair_seen.get(pair, 0)
        got = counts.pairs.get(pair)
        if got and seen and rng.random() < sum(got.values()) / seen * factor:
            src = _draw(rng, list(got.items()))
            out.append(_upper(src) if word[k].isupper() else src)
            prev = "hurt" if src.isalpha() else "glyph"
            k += 2
        else:
            ch = word[k]
            keep = {ch, fold(ch)} if not ch.isupper() else {ch, fold(ch), ch.lower(), fold(ch).lower()}
            if context:
                table = _heavier(letter_table(ch, path, place(k, len(word))), keep, factor)
                out.append(_draw(rng, _pulled(table, ch, _pull(path).get(prev, {}))))
                prev = state(ch, out[-1])
            else:
                out.append(_draw(rng, _heavier(letter_table(ch, path), keep, factor)))
            k += 1
        if out[-1] and rng.random() < double:
            out[-1] += out[-1][-1]
        if rng.random() < extra:
            out[-1] += _draw(rng, [(c, float(v)) for c, v in counts.extras.items()])
    return "".join(out)
