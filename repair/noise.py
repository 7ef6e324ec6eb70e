"""Synthetic OCR damage for clean Vietnamese text, for tuning and testing repair offline.

The damage follows the kinds a Vietnamese OCR engine makes on scanned directives: accents
lost or replaced by look-alike digits and symbols (``ô`` → ``6``, ``ê`` → ``€``, ``ệ`` →
``Q``), the stroke of ``đ`` read as a second letter (``tl``, ``cl``) or as ``P``, the horn
of ``ư`` read as ``w`` or a letter pair, look-alike letter pairs (``m`` → ``rn``), dropped
and doubled letters, stray punctuation, and word gaps lost or inserted. Kinds general to
scans of typewritten and printed Vietnamese are layered on top: diacritics kept but wrong
(``ộ`` → ``ó``, ``ô`` → ``é``), letter pairs fused or broken (``rn``/``m``, ``cl``/``d``,
``li``/``h``, ``ii``/``u``), case noise, dropped short words, and the page layout itself:
lines wrapped at a typewriter width, often double spaced (a blank line inside a sentence),
with the odd hyphen or lost gap at a line end and stray marks opening a line.

The look-alikes are written by hand from those kinds. The rates were set (round 7) so that
aggregate figures of the damage of the dev lines (share of tokens that are valid syllables,
that are one lost letter, one plain look-alike or one digit look-alike from a valid
syllable, two syllables run together, with digits or symbols, line width, blank lines; see
``bench/ocr_stats.py``) come near those of the real scans 001, 003 and 004 pooled; no
token-level comparison was made and the test scans (000, 002) were not used.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, replace

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
    "d": [("cl", 2), ("tl", 0.5), ("ol", 0.3)],
}
# Readings of the engine of the scans 001/003/004 (round 10; found with
# ``bench/ocr_confusions.py``, counted by ``bench/ocr_stats.py``'s ``scan1``), keyed by the
# letter without its tone mark: ``ô`` as ``b`` (``sb`` = số), ``ơ`` as ``g`` (``dugc`` =
# được), ``ư`` as ``y``/``tr``/``it``/``ti``/``ur`` (``dyng``, ``chtrc``, ``ctia``), and the
# mark of an accented ``a`` read as a glyph of its own (``phéap`` = pháp, ``cédp`` = cấp).
SCAN: dict[str, list[tuple[str, float]]] = {
    "ô": [("b", 1)], "ơ": [("g", 1)], "ư": [("y", 2), ("tr", 1), ("it", 1), ("ti", 1), ("ur", 1)],
    "a": [("éa", 2), ("éd", 1)], "â": [("éa", 1), ("éd", 2)], "ă": [("éa", 1)],
}
# ``&`` for a vowel that carries a tone mark (round 12; 0.55% of the tokens of 001/003/004:
# ``S&`` = Sở, ``K&`` = Kế, ``v&i`` = với, a lone ``&`` = ở), mostly ``ơ`` and ``ê``, keyed by the
# letter without its tone mark; ``é&`` is the letter read as ``é`` with the mark as ``&`` beside it
# (``vé&`` = về). Weights are the relative rates of ``Noise.amp``.
AMP: dict[str, float] = {"ơ": 1.0, "ê": 1.0, "a": 0.1, "â": 0.1, "ă": 0.1, "e": 0.1, "o": 0.1, "ô": 0.1, "u": 0.1, "ư": 0.1}
AMP_MARK = 0.15  # share of the ``&`` readings that keep the letter as ``é`` beside the ``&``
ACUTE_OTHER = 0.3  # share of the wrong marks of a vowel other than e that the engine reads as é (with ``acute_e``)
# Letter pairs a scan fuses into one glyph (or breaks the other way, see ``PLAIN``).
FUSED: dict[str, list[tuple[str, float]]] = {
    "rn": [("m", 1)], "ri": [("n", 1)], "li": [("h", 1)], "cl": [("d", 1)], "nn": [("m", 0.5)],
    "in": [("m", 0.5)], "iu": [("ki", 0.3)], "ui": [("m", 0.3)], "ii": [("u", 1)], "vv": [("w", 1)],
}
PAIRS_BROKEN: dict[str, list[tuple[str, float]]] = {"u": [("ii", 1), ("li", 0.5)], "w": [("vv", 1)]}
# Vowels a scan reads with their diacritics kept but wrong: the hat or horn lost or swapped,
# the tone mark moved to a neighbour mark, or an ``o``-shape read as an ``e``-shape.
FAMILY: dict[str, str] = {
    "a": "aáàảãạăắằẳẵặâấầẩẫậ", "e": "eéèẻẽẹêếềểễệ", "i": "iíìỉĩị", "o": "oóòỏõọôốồổỗộơớờởỡợ",
    "u": "uúùủũụưứừửữự", "y": "yýỳỷỹỵ",
}
SHAPE = {"o": "e", "e": "o", "a": "a", "i": "i", "u": "u", "y": "y"}
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
        misaccent: Share of accented letters read with diacritics kept but wrong.
        fuse: Per-occurrence rate of a letter pair fused into one glyph (``rn`` → ``m``).
        case: Per-word rate of case noise (an inner capital, or a capital lost).
        drop_word: Per-word rate of a dropped word of one or two letters.
        width: Characters per line of the page (0 keeps the lines as given).
        blank: Share of line breaks read as a blank line (double-spaced page).
        hyphen: Share of line ends where the last word is split with a hyphen.
        join: Share of line ends whose gap is lost (the words either side run together).
        stray: Per-line rate of a stray mark (``.``, ``,``, ``'``) opening the line.
        scan: Share of accented letters read as a ``SCAN`` reading, where one exists.
        acute_e: For an engine whose one accented letter is ``é`` (that of 001/003/004):
            share of accented ``e`` letters read as ``é``; when above 0, a wrong mark
            (``misaccent``) is ``é`` (share ``ACUTE_OTHER``) or the bare letter.
        amp: Rate of a toned vowel read as ``&`` (times its ``AMP`` weight; round 12).
        channel: Above 0, each word's letters are read at the rates counted on the scans
            001/003/004 (``repair.scan_damage``; round 26), the damaged readings this many times
            as likely; the letter rates above are then unused.
        context: With ``channel``, each letter is read given its neighbours (its place in the
            word, what the letter before was written as; ``repair.scan_damage.damage_word``'s
            ``context``, round 27).
    """

    strip: float = 0.9
    keep_word: float = 0.0
    wrong_tone: float = 0.02
    plain: float = 0.002
    drop: float = 0.008
    double: float = 0.008
    split: float = 0.002
    merge: float = 0.015
    punct: float = 0.002
    misaccent: float = 0.17
    fuse: float = 0.02
    case: float = 0.0
    drop_word: float = 0.01
    width: int = 78
    blank: float = 0.45
    hyphen: float = 0.01
    join: float = 0.03
    stray: float = 0.005
    scan: float = 0.0
    acute_e: float = 0.0
    amp: float = 0.0
    channel: float = 0.0
    context: bool = False

    def heavier(self, factor: float) -> Noise:
        """These rates with the letter damage multiplied by ``factor`` (a heavily damaged scan).

        Scaled: the look-alike share of accented letters (``1 - strip``), ``misaccent``,
        ``plain``, ``drop``, ``double`` and ``fuse``; each capped at 1. Word gaps, case, layout
        and stray marks stay as they are: a worse scan mostly misreads more letters, and the
        page keeps its layout.

        Args:
            factor: Multiplier of the letter-damage rates (1 keeps them).

        Returns:
            The heavier rates.
        """
        def up(rate: float) -> float:
            return min(1.0, rate * factor)

        return replace(self, strip=1.0 - up(1.0 - self.strip), misaccent=up(self.misaccent), plain=up(self.plain),
                       drop=up(self.drop), double=up(self.double), fuse=up(self.fuse), scan=up(self.scan),
                       amp=up(self.amp), channel=self.channel * factor)


# The rates that add the engine of 001/003/004 to the defaults, set so that bench/ocr_stats.py's
# shares of the dev lines come near those of the three scans pooled (scan1 0.043 vs 0.040,
# diacritics 0.173 vs 0.173, bad 0.209 vs 0.192, e_only 0.87 vs 1.00; round 10; round 12's
# ``amp``: tokens with ``&`` 0.005 vs 0.006).
SCAN_ENGINE: dict[str, float] = {"scan": 0.04, "acute_e": 0.7, "amp": 0.02}
# Round 26: the letters read at the counted rates of 001/003/004 (``repair.scan_damage``), which
# hold their tone slips, look-alikes, lost and added letters; word gaps, dropped words and layout
# keep the defaults.
CHANNEL_ENGINE: dict[str, float] = {"channel": 1.0, "wrong_tone": 0.0, "fuse": 0.0}


def counted_engine() -> dict[str, float]:
    """Round 27: ``CHANNEL_ENGINE`` with each letter read given its neighbours and the word gaps at
    the rates counted on 001/003/004 (``repair.scan_damage.counted_gaps``: lost gaps, gaps inside
    a word, hyphens at a line end; ``drop_word`` and the page layout keep the defaults)."""
    from repair.scan_damage import counted_gaps

    return {**CHANNEL_ENGINE, "context": True, **counted_gaps()}


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
        # Draws only for rates above 0, so the damage of older settings stays the same.
        bare = split_tone(ch.lower())[0]
        if noise.amp and bare != ch.lower() and rng.random() < noise.amp * AMP.get(bare, 0.0):
            out = "é&" if rng.random() < AMP_MARK else "&"
        elif noise.scan and bare in SCAN and rng.random() < noise.scan:
            out = _pick(rng, SCAN[bare])
        elif noise.acute_e and low == "e" and rng.random() < noise.acute_e:
            out = "é"
        elif low in FAMILY and rng.random() < noise.misaccent:
            if noise.acute_e:  # an engine that knows only é: é now and then, else the bare letter
                out = "é" if rng.random() < ACUTE_OTHER else base
            else:
                out = rng.choice(FAMILY[SHAPE[low] if rng.random() < 0.2 else low][1:])
            out = out.upper() if ch.isupper() else out
        elif rng.random() < noise.strip or low not in ACCENTED:
            out = base
        else:
            out = _pick(rng, ACCENTED[low])
            out = out.upper() if ch.isupper() and out.isalpha() and len(out) == 1 else out
    elif ch.lower() in PLAIN and rng.random() < noise.plain:
        out = _pick(rng, PLAIN[ch.lower()])
    elif ch in PAIRS_BROKEN and rng.random() < noise.fuse:
        out = _pick(rng, PAIRS_BROKEN[ch])
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


def _fuse(word: str, rng: random.Random, noise: Noise) -> str:
    """Fuse look-alike letter pairs into one glyph (``rn`` → ``m``), each at rate ``fuse``."""
    out: list[str] = []
    i = 0
    while i < len(word):
        pair = word[i:i + 2]
        if pair in FUSED and rng.random() < noise.fuse:
            out.append(_pick(rng, FUSED[pair]))
            i += 2
        else:
            out.append(word[i])
            i += 1
    return "".join(out)


def damage_word(word: str, rng: random.Random, noise: Noise) -> str:
    """OCR reading of one word (letters only), possibly with a gap or stray mark inside."""
    r = rng.random()
    if r < noise.keep_word:
        out = word
    elif r < noise.keep_word + noise.wrong_tone:
        out = _retone(word, rng)
    elif noise.channel:
        from repair.scan_damage import damage_word as channel_word

        out = channel_word(word, rng, noise.channel, context=noise.context)
    else:
        out = "".join(damage_letter(c, rng, noise) for c in word)
    out = _fuse(out, rng, noise)
    if len(out) > 1 and rng.random() < noise.case:
        k = rng.randrange(len(out))
        out = out[:k] + (out[k].upper() if k else out[k].swapcase()) + out[k + 1:]
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
        word = m.group(0)
        if gap == " " and len(word) <= 2 and rng.random() < noise.drop_word:
            pos = m.end()  # the word and the gap before it are lost
            continue
        if gap == " " and out and rng.random() < noise.merge:
            gap = ""
        out.append(gap)
        out.append(damage_word(word, rng, noise))
        pos = m.end()
    out.append(text[pos:])
    return "\n".join(layout(line, rng, noise) for line in "".join(out).split("\n"))


def layout(line: str, rng: random.Random, noise: Noise) -> str:
    """Wrap one damaged line at the page width as a scan reads it.

    Args:
        line: A damaged line.
        rng: Random source.
        noise: Damage rates (``width``, ``blank``, ``hyphen``, ``join``, ``stray``).

    Returns:
        The line broken into page lines; blank lines stand for double spacing.
    """
    if noise.width <= 0 or len(line) <= noise.width:
        return line
    rows: list[str] = []
    row = ""
    for word in line.split(" "):
        if row and len(row) + 1 + len(word) > noise.width:
            r = rng.random()
            if len(word) >= 4 and r < noise.hyphen:
                k = rng.randrange(2, len(word) - 1)
                rows.append(row + " " + word[:k] + "-")
                row = word[k:]
                continue
            if r < noise.hyphen + noise.join:
                row += word  # the gap at the line end is lost
                continue
            rows.append(row)
            row = word
        else:
            row = row + " " + word if row else word
    rows.append(row)
    rows = [(rng.choice(".,'") + " " + r) if i and rng.random() < noise.stray else r for i, r in enumerate(rows)]
    out = rows[0]
    for r in rows[1:]:
        out += ("\n\n" if rng.random() < noise.blank else "\n") + r
    return out
