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
    """

    letters: dict[str, Counter] = field(default_factory=dict)
    pairs: dict[str, Counter] = field(default_factory=dict)
    pair_seen: Counter = field(default_factory=Counter)
    extras: Counter = field(default_factory=Counter)
    doubled: int = 0
    total: int = 0

    def to_json(self) -> dict:
        """The counts as plain dicts (sorted keys)."""
        def plain(d: dict[str, Counter]) -> dict[str, dict[str, int]]:
            return {k: dict(sorted(v.items())) for k, v in sorted(d.items())}
        return {"letters": plain(self.letters), "pairs": plain(self.pairs),
                "pair_seen": dict(sorted(self.pair_seen.items())), "extras": dict(sorted(self.extras.items())),
                "doubled": self.doubled, "total": self.total}

    @classmethod
    def from_json(cls, data: dict) -> DamageCounts:
        """Counts stored by ``to_json``."""
        return cls({k: Counter(v) for k, v in data["letters"].items()},
                   {k: Counter(v) for k, v in data["pairs"].items()}, Counter(data["pair_seen"]),
                   Counter(data["extras"]), data["doubled"], data["total"])


def count_damage(readings: Iterable[tuple[str, str]]) -> DamageCounts:
    """Count what the scan wrote for each letter of ``(token, accented syllable)`` readings.

    >>> c = count_damage([("c6ng", "công"), ("Tlieu", "điều"), ("vé", "về")])
    >>> c.letters["ô"]["6"], c.letters["Đ"]["Tl"], c.letters["ề"]["é"], c.letters["n"]["n"], c.total
    (1, 1, 1, 1, 10)
    """
    out = DamageCounts()
    syllables: list[str] = []
    for tok, syl in readings:
        syl = syl.lower()
        _, edits = align(tok, fold(syl).lower())
        if not edits:
            continue
        syllables.append(syl)
        out.total += len(syl)
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
            else:  # "=", "s", a one-letter rule, "i" (the letter lost)
                key = syl[j].upper() if up else syl[j]
                out.letters.setdefault(key, Counter())[raw] += 1
            i += len(src) if kind != "i" else 0
            j += len(dst) if kind != "d" else 0
    for syl in syllables:
        for key in out.pairs:
            out.pair_seen[key] += sum(1 for k in range(len(syl)) if syl.startswith(key, k))
    return out


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


@lru_cache(maxsize=None)
def letter_table(key: str, path: Path = RATES) -> tuple[tuple[str, float], ...]:
    """What the scan writes for the letter ``key``, with probabilities (a letter seen fewer than
    ``MIN_SEEN`` times is topped up with its back-off letter's table; a capital's lower-case
    readings are written in capitals).

    >>> dict(letter_table("n")).get("n", 0) > 0.9
    True
    """
    counts = _counts(path)
    own = _own(counts, key)
    n = sum(own.values())
    dist: Counter = Counter({k: v / n for k, v in own.items()}) if n else Counter()
    back = _backoff(key)
    if n < MIN_SEEN and back is not None:
        w = n / MIN_SEEN
        dist = Counter({k: w * v for k, v in dist.items()})
        for src, p in letter_table(back, path):
            dist[_upper(src) if key.isupper() else src] += (1 - w) * p
    if not dist:
        return ((key, 1.0),)
    return tuple(sorted(dist.items(), key=lambda kv: -kv[1]))


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


def damage_word(word: str, rng: random.Random, factor: float = 1.0, path: Path = RATES) -> str:
    """The scan's reading of one word at the counted rates, the damage ``factor`` times as likely.

    Args:
        word: Letters of one word (NFC).
        rng: Random source.
        factor: Multiplier of the damaged readings (1: the rates of the scans).
        path: The stored counts.

    Returns:
        What the scan wrote for it.

    >>> damage_word("Công", random.Random(0), 0.0)  # undamaged: the letters as the scans write them
    'Cong'
    """
    counts = _counts(path)
    double, extra = counts.doubled / counts.total * factor, sum(counts.extras.values()) / counts.total * factor
    out: list[str] = []
    k = 0
    while k < len(word):
        pair = word[k:k + 2].lower()
        seen = counts.pair_seen.get(pair, 0)
        got = counts.pairs.get(pair)
        if got and seen and rng.random() < sum(got.values()) / seen * factor:
            src = _draw(rng, list(got.items()))
            out.append(_upper(src) if word[k].isupper() else src)
            k += 2
        else:
            ch = word[k]
            keep = {ch, fold(ch)} if not ch.isupper() else {ch, fold(ch), ch.lower(), fold(ch).lower()}
            out.append(_draw(rng, _heavier(letter_table(ch, path), keep, factor)))
            k += 1
        if out[-1] and rng.random() < double:
            out[-1] += out[-1][-1]
        if rng.random() < extra:
            out[-1] += _draw(rng, [(c, float(v)) for c, v in counts.extras.items()])
    return "".join(out)
