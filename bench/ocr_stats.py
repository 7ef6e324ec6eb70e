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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from repair.lm import LanguageModel, load_model  # noqa: E402
from repair.syllable import fold, has_diacritics, normalize_syllable  # noqa: E402

_TOKEN = re.compile(r"\S+")
_SYMBOLS = set("€¢[]{}|\\^~!?'")


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
    return {
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
    }


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--synthetic", action="store_true", help="also the synthetic damage of the dev lines")
    ap.add_argument("--words", type=int, default=8000)
    args = ap.parse_args()
    lm = load_model()
    rows: list[tuple[str, dict[str, float]]] = [(f.name[:12], stats(f.read_text(encoding="utf-8"), lm)) for f in args.files]
    if args.synthetic:
        from bench.repair_synthetic import OUT, dev_lines
        from repair.noise import damage

        lines = dev_lines(OUT / "dev.txt", args.words)
        rows.append(("dev clean", stats("\n".join(lines), lm)))
        rows.append(("synthetic", stats("\n".join(damage(ln, i) for i, ln in enumerate(lines)), lm)))
    keys = list(rows[0][1])
    print(f"{'':14}" + "".join(f"{k[:12]:>13}" for k in keys))
    for name, row in rows:
        print(f"{name:14}" + "".join(f"{row[k]:13.3f}" if k != "tokens" else f"{row[k]:13d}" for k in keys))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
