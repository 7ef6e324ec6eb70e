"""Tokens of real scans the confusion search reaches only dearly: ``python bench/ocr_confusions.py FILE ...``.

Lists the tokens of the given OCR texts that are no valid syllable and whose cheapest reading
by ``repair.confusion.search`` costs ``--min-cost`` or more, most frequent first, with their
cheapest readings. Reading such a list for scans that have no clean transcription (corpus
001, 003, 004) shows which confusion classes the search lacks (round 10: ``é`` for any
accented vowel, ``b`` for ``ô``, ``y`` for ``ư``...). No clean text is used; never run it on
the test directives (000, 002).
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from repair.lm import load_model  # noqa: E402
from repair.ocr import SEARCH_INVALID, _repairer  # noqa: E402
from repair.syllable import fold  # noqa: E402


def dear_tokens(texts: list[str], min_cost: float) -> list[tuple[str, int, list[tuple[str, float]]]]:
    """``(token, count, cheapest readings)`` of invalid tokens whose best reading costs ``min_cost`` or more."""
    lm = load_model()
    rep = _repairer(lm)
    counts: Counter[str] = Counter()
    for text in texts:
        for m in re.finditer(r"\S+", unicodedata.normalize("NFC", text)):
            tok = m.group(0).strip(".,;:()\"“”-–")
            if any(c.isalpha() for c in tok) and not (tok.isalpha() and fold(tok.lower()) in lm.by_fold):
                counts[tok] += 1
    out = []
    for tok, n in counts.most_common():
        found = [(f, c) for f, c, *_ in rep.search(tok, SEARCH_INVALID)]
        if not found or found[0][1] >= min_cost:
            out.append((tok, n, found[:4]))
    return out


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--min-cost", type=float, default=2.5)
    args = ap.parse_args()
    for tok, n, found in dear_tokens([f.read_text(encoding="utf-8") for f in args.files], args.min_cost):
        print(n, tok, " ".join(f"{f}:{c:g}" for f, c in found))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
