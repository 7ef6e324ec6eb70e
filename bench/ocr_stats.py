"""Aggregate statistics of OCR text: ``python bench/ocr_stats.py FILE [FILE ...] [--synthetic]``.

Only whole-text shares and averages are computed (share of tokens that are valid syllables,
that hold digits or symbols, average token length, ...), never token-level alignments, so
the figures of a real scan can be used to set the rates of ``repair.noise`` without copying
its particular errors. ``--synthetic`` adds the same figures for the synthetic damage of
the held-out development lines of ``bench/repair_synthetic.py``.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from repair.lm import LanguageModel, load_model  # noqa: E402
from repair.noise import Noise, damage  # noqa: E402
from repair.syllable import fold, has_diacritics, normalize_syllable  # noqa: E402

_TOKEN = re.compile(r"\S+")
_SYMBOLS = set("€¢[]{}|\\^~!?'")
_LETTERS = "abcdeghiklmnopqrstuvxy"
# Plain-letter look-alikes as a scan of typewritten text confuses them (both directions are
# tried). A fixed list of the metric, independent of the tables of ``repair.noise``.
_PLAIN_PAIRS = (
    ("b", "h"), ("h", "li"), ("h", "n"), ("n", "u"), ("n", "ri"), ("m", "rn"), ("m", "n"),
    ("c", "e"), ("c", "o"), ("e", "o"), ("t", "f"), ("t", "l"), ("g", "q"), ("g", "y"),
    ("d", "cl"), ("u", "v"), ("y", "v"), ("l", "i"), ("r", "t"), ("m", "in"), ("u", "ii"),
)
_PLAIN_SWAPS = tuple({(a, b) for a, b in _PLAIN_PAIRS} | {(b, a) for a, b in _PLAIN_PAIRS})
# Digits and symbols standing for a letter (or for nothing: a stray mark).
_DIGIT_SWAPS: dict[str, tuple[str, ...]] = {
    "0": ("o", "u"), "1": ("i", "l", "t"), "4": ("a",), "5": ("o", "e", "s"), "6": ("o", "e", "a", "b"),
    "8": ("b",), "9": ("u", "g"), "€": ("e",), "¢": ("c", "e"), "{": ("a",), "[": ("u", "i"), "]": ("i",),
    "|": ("i", "l", "a"), "!": ("i", "l"), "?": ("a",), "\\": ("u",),
}


# Readings of the scans 001/003/004 that the tables above lack (a fixed list of the metric,
# as ``_PLAIN_PAIRS``): ``ô``/``ơ`` as ``b``/``g``, ``ư`` as ``y``/``tr``/``it``/``ti``/``ur``,
# an accent mark read as a glyph of its own (``éa``, ``éd`` for ``á``/``ấ``), ``é`` for ``ơ``/``á``.
_SCAN_SWAPS = (("b", "o"), ("g", "o"), ("y", "u"), ("tr", "u"), ("it", "u"), ("ti", "u"), ("ur", "u"),
               ("éa", "a"), ("éd", "a"), ("é", "o"), ("é", "a"))


def _core(tok: str) -> str:
    """A whitespace token without leading and trailing sentence punctuation."""
    return tok.strip(".,;:()\"“”-–")


def stats(text: str, lm: LanguageModel) -> dict[str, float]:
    """Aggregate shares over the whitespace tokens of ``text`` that hold a letter.

    Args:
        text: OCR (or clean) text.
        lm: Model whose vocabulary defines a valid syllable.

    Returns:
        Shares (0..1) and averages over the letter-bearing tokens.
    """
    text = unicodedata.normalize("NFC", text)
    toks = [_core(t) for t in _TOKEN.findall(text)]
    toks = [t for t in toks if any(c.isalpha() for c in t)]
    n = max(len(toks), 1)

    def valid(t: str) -> bool:
        low = t.lower()
        if not low.isalpha():
            return False
        return normalize_syllable(low) in lm.index if has_diacritics(low) else fold(low) in lm.by_fold

    lines = [ln for ln in text.splitlines() if ln.strip()]
    amp = sum("&" in t and "://" not in t for t in _TOKEN.findall(text))  # a lone "&" too ("ở", round 12)
    return {**_letter_stats(toks, lm), **{
        "amp": amp / n,
        "tokens": len(toks),
        "valid": sum(map(valid, toks)) / n,
        "folded_valid": sum(t.isalpha() and fold(t.lower()) in lm.by_fold for t in toks) / n,
        "diacritics": sum(has_diacritics(t.lower()) for t in toks) / n,
        "digit": sum(any(c.isdigit() for c in t) for t in toks) / n,
        "symbol": sum(any(c in _SYMBOLS for c in t) for t in toks) / n,
        "inner_punct": sum(any(c in ".," for c in t) for t in toks) / n,
        "inner_capital": sum(any(c.isupper() for c in t[1:]) and not t.isupper() for t in toks) / n,
        "upper_start": sum(t[0].isupper() for t in toks) / n,
        "long_8plus": sum(len(t) >= 8 for t in toks) / n,
        "avg_len": sum(map(len, toks)) / n,
        "line_end_hyphen": sum(ln.rstrip().endswith("-") for ln in lines) / max(len(lines), 1),
        "line_width": sum(map(len, lines)) / max(len(lines), 1),
        "blank_lines": sum(not ln.strip() for ln in text.splitlines()) / max(len(lines), 1),
    }}


def _one_insert(w: str, vocab: dict) -> bool:
    """``w`` is one letter short of a folded valid syllable."""
    return any(w[:k] + c + w[k:] in vocab for k in range(len(w) + 1) for c in _LETTERS)


def _one_swap(w: str, vocab: dict) -> bool:
    """``w`` is one plain-letter look-alike (``_PLAIN_SWAPS``) away from a folded valid syllable."""
    for src, dst in _PLAIN_SWAPS:
        k = w.find(src)
        while k >= 0:
            if w[:k] + dst + w[k + len(src):] in vocab:
                return True
            k = w.find(src, k + 1)
    return False


def _one_digit(w: str, vocab: dict) -> bool:
    """``w`` (letters with digits or symbols) is one look-alike or stray mark from a valid syllable."""
    for k, ch in enumerate(w):
        for dst in _DIGIT_SWAPS.get(ch, ()) + ("",):
            if ch in _DIGIT_SWAPS and (w[:k] + dst + w[k + 1:]) in vocab:
                return True
    return False


def _one_scan(t: str, vocab: dict) -> bool:
    """``t`` (lower case, accents kept) is one scan reading (``_SCAN_SWAPS``) from a folded valid syllable."""
    for src, dst in _SCAN_SWAPS:
        k = t.find(src)
        while k >= 0:
            w = fold(t[:k] + dst + t[k + len(src):])
            if w.isalpha() and w in vocab:
                return True
            k = t.find(src, k + 1)
    return False


def _two_valid(w: str, vocab: dict) -> bool:
    """``w`` is two folded valid syllables of 2+ letters run together (a lost word gap)."""
    return any(w[:k] in vocab and w[k:] in vocab for k in range(2, len(w) - 1))


def _letter_stats(toks: list[str], lm: LanguageModel) -> dict[str, float]:
    """Shares of the tokens by the letter damage one edit explains (accents aside).

    Every share is of all letter-bearing tokens; the edit classes overlap (a token one letter
    short may also be one swap away). ``bad`` are the tokens whose folded letters are no
    valid syllable; the edit classes count only those.

    Args:
        toks: Letter-bearing tokens, sentence punctuation stripped.
        lm: Model whose folded vocabulary defines a valid syllable.

    Returns:
        The shares, keyed by name.
    """
    vocab = lm.by_fold
    n = max(len(toks), 1)
    low = [fold(t).lower() for t in toks]
    ok = [w.isalpha() and w in vocab for w in low]
    alpha = [w.isalpha() for w in low]
    wrong_accent = sum(o and has_diacritics(t.lower()) and normalize_syllable(t.lower()) not in lm.index
                       for t, o in zip(toks, ok))
    frag = sum(a and b and (not oa or not ob) and wa + wb in vocab
               for wa, wb, a, b, oa, ob in zip(low, low[1:], alpha, alpha[1:], ok, ok[1:]))
    digit_word = sum(bool(re.search(r"[a-z]\d|\d[a-z]", t)) and not t.isupper() for t in toks)
    bad_alpha = [w for w, a, o in zip(low, alpha, ok) if a and not o]
    bad_other = [w for w, a in zip(low, alpha) if not a]
    return {
        "bad": sum(not o for o in ok) / n,
        "wrong_accent": wrong_accent / n,
        "drop1": sum(_one_insert(w, vocab) for w in bad_alpha) / n,
        "plain1": sum(_one_swap(w, vocab) for w in bad_alpha) / n,
        "digit1": sum(_one_digit(w, vocab) for w in bad_other) / n,
        "digit_word": digit_word / n,
        "merged2": sum(_two_valid(w, vocab) for w in bad_alpha) / n,
        "fragment": frag / n,
        "scan1": sum(_one_scan(t.lower(), vocab) for t, o in zip(toks, ok) if not o) / n,
        "e_only": sum(set(c for c in t.lower() if fold(c) != c) == {"é"} for t in toks) / max(
            sum(has_diacritics(t.lower()) for t in toks), 1),
        "bad_unexplained": sum(not (_one_insert(w, vocab) or _one_swap(w, vocab) or _two_valid(w, vocab))
                               for w in bad_alpha) / n,
    }


def synthetic_rows(words: int, noise: Noise, offsets: tuple[int, ...] = (0,)) -> list[tuple[str, dict[str, float]]]:
    """Statistics of the clean dev lines and of their synthetic damage (``repair_synthetic`` seeds).

    Args:
        words: Held-out words per offset.
        noise: Damage rates.
        offsets: Held-out lines skipped before each sample (their texts are pooled).

    Returns:
        ``[("dev clean", stats), ("synthetic", stats)]``.
    """
    from bench.repair_synthetic import OUT, dev_lines

    lm = load_model()
    lines = [ln for off in offsets for ln in dev_lines(OUT / "dev.txt", words, off)]
    damaged = "\n".join(damage(ln, i % (words * 2), noise) for i, ln in enumerate(lines))
    return [("dev clean", stats("\n".join(lines), lm)), ("synthetic", stats(damaged, lm))]


def table(rows: list[tuple[str, dict[str, float]]]) -> str:
    """Statistics as a text table: one row per figure, one column per text."""
    keys = list(rows[0][1])
    out = [f"{'':16}" + "".join(f"{name[:12]:>13}" for name, _ in rows)]
    for k in keys:
        out.append(f"{k:16}" + "".join(f"{r[k]:13d}" if k == "tokens" else f"{r[k]:13.3f}" for _, r in rows))
    return "\n".join(out)


def parse_noise(items: list[str]) -> Noise:
    """``["plain=0.01", "drop=0.005"]`` -> ``Noise`` with those rates changed."""
    kw = {k: type(getattr(Noise(), k))(v) for k, v in (it.split("=", 1) for it in items)}
    return replace(Noise(), **kw)


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--synthetic", action="store_true", help="also the synthetic damage of the dev lines")
    ap.add_argument("--words", type=int, default=8000)
    ap.add_argument("--offsets", type=int, nargs="+", default=[0, 700], help="dev samples pooled for --synthetic")
    ap.add_argument("--noise", nargs="*", default=[], metavar="RATE=VALUE", help="damage rates other than the defaults")
    ap.add_argument("--heavy", type=float, default=1.0, metavar="F",
                    help="letter-damage rates times F (Noise.heavier), as bench/repair_synthetic.py --heavy")
    args = ap.parse_args()
    lm = load_model()
    rows: list[tuple[str, dict[str, float]]] = [(f.name[:12], stats(f.read_text(encoding="utf-8"), lm)) for f in args.files]
    if len(args.files) > 1:
        pooled = "\n".join(f.read_text(encoding="utf-8") for f in args.files)
        rows.append(("real, pooled", stats(pooled, lm)))
    if args.synthetic:
        rows.extend(synthetic_rows(args.words, parse_noise(args.noise).heavier(args.heavy), tuple(args.offsets)))
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
