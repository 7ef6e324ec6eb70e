"""Letter confusion costs estimated from the synthetic damage generator (``repair.noise``).

Clean training words are run through ``repair.noise.damage_letter`` letter by letter, so
every OCR output is aligned with the clean letter it came from. Counting (clean folded
letter, OCR string) pairs gives ``P(ocr | letter)``; the cost of reading ``ocr`` as
``letter`` is ``log P(letter read as itself) - log P(ocr | letter)``, i.e. relative to
the free identity edit of ``repair.confusion.search``. A dropped letter gives the cost of
inserting it back. Costs are in nats. The estimate reads only training text (never the
corpus) and is deterministic for a given text and seed.
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from pathlib import Path

from repair.noise import Noise, damage_letter
from repair.syllable import fold

CHANNEL_FILE = "confusion.json"
MIN_COUNT = 5  # pairs seen fewer times are left to the generic edit costs
MIN_COST = 0.1
MAX_SRC = 3
_LETTERS = frozenset("abcdđeghiklmnopqrstuvxy")


def count_pairs(words: list[str], seed: int = 0, noise: Noise = Noise()) -> Counter[tuple[str, str]]:
    """Count (clean folded letter, OCR output) pairs from damaging ``words``.

    Word-level events follow ``repair.noise.damage_word``: words kept as printed or read
    with a wrong tone keep their folded letters.

    Args:
        words: Clean words (letters only), in a fixed order.
        seed: Seed of the random source.
        noise: Damage rates.

    Returns:
        Counts keyed by ``(target, source)``; the target is lower-case and folded.
    """
    rng = random.Random(seed)
    pairs: Counter[tuple[str, str]] = Counter()
    keep = noise.keep_word + noise.wrong_tone
    for word in words:
        whole = rng.random() < keep
        for ch in word:
            tgt = fold(ch).lower()
            if tgt not in _LETTERS:
                continue
            out = ch if whole else damage_letter(ch, rng, noise)
            pairs[(tgt, out)] += 1
    return pairs


def estimate(pairs: Counter[tuple[str, str]]) -> dict[str, dict[str, float]]:
    """Turn pair counts into costs.

    Args:
        pairs: Output of ``count_pairs``.

    Returns:
        ``{"rules": {source: {target: cost}}, "insert": {letter: cost}}``; identity
        readings (the folded letter, any case) are left out since they are free.
    """
    total: Counter[str] = Counter()
    ident: Counter[str] = Counter()
    for (tgt, src), n in pairs.items():
        total[tgt] += n
        if fold(src).lower() == tgt:
            ident[tgt] += n
    rules: dict[str, dict[str, float]] = {}
    insert: dict[str, float] = {}
    for (tgt, src), n in sorted(pairs.items()):
        if n < MIN_COUNT or fold(src).lower() == tgt or len(src) > MAX_SRC or not ident[tgt]:
            continue
        cost = round(max(MIN_COST, math.log(ident[tgt] / n)), 3)
        if src == "":
            insert[tgt] = cost
        else:
            rules.setdefault(src, {})[tgt] = cost
    return {"rules": rules, "insert": insert}


def training_words(lines: list[str], limit: int) -> list[str]:
    """The first ``limit`` letter-only words of ``lines`` (in order)."""
    out: list[str] = []
    for line in lines:
        for w in line.split():
            w = "".join(c for c in w if c.isalpha())
            if w:
                out.append(w)
                if len(out) >= limit:
                    return out
    return out


def write_channel(lines: list[str], out_dir: Path, words: int = 400_000, seed: int = 0) -> dict:
    """Estimate the costs from training ``lines`` and write ``out_dir/confusion.json``."""
    table = estimate(count_pairs(training_words(lines, words), seed))
    (out_dir / CHANNEL_FILE).write_text(json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                                        encoding="utf-8")
    return table


def load_channel(path: Path) -> dict | None:
    """The table written by ``write_channel``, or None when the file is missing."""
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))
