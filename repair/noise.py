"""Synthetic OCR damage for clean Vietnamese text, for tuning and testing repair offline.

The damage follows the kinds a Vietnamese OCR engine makes on scanned directives: accents
lost or replaced by look-alike digits and symbols (``ô`` → ``6``, ``ê`` → ``€``, ``ệ`` →
``Q``), the stroke of ``đ`` read as a second letter (``tl``, ``cl``) or as ``P``, the horn
of ``ư`` read as ``w`` or a letter pair, look-alike letter pairs (``m`` → ``rn``), dropped
and doubled letters, stray punctuation, and word gaps lost or inserted. The rates and
look-alikes are written by hand from those kinds, not estimated from any test document.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

from repair.syllable import fold, split_tone

# Look-alikes of a letter that carries diacritics, keyed by its folded base (đ keeps its own key).
# Weights are relative; the plain folded letter is added separately (``Noise.strip``).
ACCENTED: dict[str, list[tuple[str, float]]] = {
    "a": [("4", 3), ("d", 2), ("i", 1), ("e", 1), ("A", 1), ("ri", 0.5), ("{", 0.3)],
    "e": [("€", 2), ("6", 2), ("Q", 1.5), ("d", 1), ("c", 1), ("¢", 0.5), ("E", 0.5)],
    "o": [("6", 4), ("0", 1.5), ("d", 1), ("a", 1), ("O", 0.5), ("Q", 0.5), ("5", 0.3)],
    "u": [("w", 2), ("q", 1.5), ("g", 1), ("rr", 1), ("ir", 1), ("tr", 0.5), ("ft", 0.5), ("9", 0.5), ("[", 0.3)],
    "i": [("1", 1), ("l", 1), ("!", 1), ("]", 0.3)],
    "y": [("j", 1), ("f", 1), ("v", 0.5)],
    "đ": [("tl", 4), ("d", 3), ("cl", 1), ("il", 1), ("tt", 0.5), ("ti", 0.5)],
    "Đ": [("P", 4), ("D", 4), ("Tl", 1)],
}
# Look-alikes of plain letters (and pairs), applied rarely.
PLAIN: dict[str, list[tuple[str, float]]] = {
    "m": [("rn", 2), ("n", 1)], "h": [("li", 2), ("b", 1), ("n", 0.5)], "n": [("ri", 2), ("u", 1), ("h", 0.5)],
    "u": [("n", 1), ("v", 0.5)], "c": [("e", 1), ("o", 0.5)], "e": [("c", 1), ("o", 0.5)],
    "l": [("1", 1), ("i", 1), ("I", 0.5)], "i": [("1", 1), ("l", 1), ("!", 0.3)], "t": [("f", 1), ("l", 0.5)],
    "g": [("q", 1), ("y", 0.3)], "o": [("0", 1), ("a", 0.5), ("c", 0.5)], "a": [("o", 0.5), ("d", 0.5), ("e", 0.5)],
    "r": [("t", 0.5), ("n", 0.3)], "b": [("h", 0.5), ("6", 0.3)], "s": [("5", 0.5)], "y": [("v", 0.5)],
}
_WORD_RE = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Noise:
    """Rates of each kind of damage (probabilities per letter or per word).

    Attributes:
        strip: Share of accented letters read as their bare letter (else a look-alike).
        keep_word: Share of words whose diacritics survive as printed.
        wrong_tone: Share of words read with a wrong tone mark.
        plain: Per-letter rate of a look-alike for a letter without diacritics.
        drop: Per-letter rate of a dropped letter.
        double: Per-letter rate of a doubled letter.
        split: Per-word rate of a gap inserted inside a word of 3+ letters.
        merge: Per-gap rate of a lost word gap.
        punct: Per-word rate of a stray ``.``, ``,`` or ``'`` inside or after the word.
    """

    strip: float = 0.35
    keep_word: float = 0.05
    wrong_tone: float = 0.04
    plain: float = 0.04
    drop: float = 0.025
    double: float = 0.008
    split: float = 0.04
    merge: float = 0.03
    punct: float = 0.03


def _pick(rng: random.Random, options: list[tuple[str, float]]) -> str:
    total = sum(w for _, w in options)
    r = rng.random() * total
    for s, w in options:
        r -= w
        if r <= 0:
            return s
    return options[-1][0]


def damage_letter(ch: str, rng: random.Random, noise: Noise) -> str:
    """OCR reading of one letter of an unaccented-or-accented word.

    Args:
        ch: One character (NFC).
        rng: Random source.
        noise: Damage rates.

    Returns:
        What the OCR engine wrote for it (possibly empty or several characters).
    """
    if rng.random() < noise.drop:
        return ""
    base = fold(ch)
    if ch in ("đ", "Đ"):
        out = ch if rng.random() < 0.02 else _pick(rng, ACCENTED[ch])
    elif base != ch:
        low = base.lower()
        if rng.random() < noise.strip or low not in ACCENTED:
            out = base
        else:
            out = _pick(rng, ACCENTED[low])
            out = out.upper() if ch.isupper() and out.isalpha() and len(out) == 1 else out
    elif ch.lower() in PLAIN and rng.random() < noise.plain:
        out = _pick(rng, PLAIN[ch.lower()])
    else:
        out = ch
    if out and rng.random() < noise.double:
        out += out[-1]
    return out


def _retone(word: str, rng: random.Random) -> str:
    base, _ = split_tone(word.lower())
    tone = rng.choice("\u0301\u0300\u0309\u0303\u0323")
    k = next((i for i, c in enumerate(base) if c in "aăâeêioôơuưy"), -1)
    if k < 0:
        return word
    return unicodedata.normalize("NFC", base[:k + 1] + tone + base[k + 1:])


def damage_word(word: str, rng: random.Random, noise: Noise) -> str:
    """OCR reading of one word (letters only), possibly with a gap or stray mark inside."""
    r = rng.random()
    if r < noise.keep_word:
        out = word
    elif r < noise.keep_word + noise.wrong_tone:
        out = _retone(word, rng)
    else:
        out = "".join(damage_letter(c, rng, noise) for c in word)
    if len(out) >= 3 and rng.random() < noise.split:
        k = rng.randrange(1, len(out) - 1)
        out = out[:k] + " " + out[k:]
    if out and rng.random() < noise.punct:
        k = rng.randrange(1, len(out) + 1)
        out = out[:k] + rng.choice(".,'") + out[k:]
    return out


def damage(text: str, seed: int = 0, noise: Noise = Noise()) -> str:
    """Apply synthetic OCR damage to clean text; digits and punctuation stay as they are.

    Args:
        text: Clean Vietnamese text with diacritics.
        seed: Seed of the random source (the output is a pure function of the arguments).
        noise: Damage rates.

    Returns:
        The damaged text.
    """
    rng = random.Random(seed)
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    pos = 0
    for m in _WORD_RE.finditer(text):
        gap = text[pos:m.start()]
        if gap == " " and out and rng.random() < noise.merge:
            gap = ""
        out.append(gap)
        out.append(damage_word(m.group(0), rng, noise))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)
