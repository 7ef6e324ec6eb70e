"""How much of the OCR scan 000 agrees with its clean transcription 002, word by word after
folding (no diacritics, lower case): raw, after light cleaning, after deep repair.

Run: ``.venv/bin/python bench/clean_agreement.py``. Agreement = words of 002 matched by an
alignment (difflib) of the two word sequences / words of 002, over the body of the directive
(parsed clauses without the header, recipients and signature).
"""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.clean import clean_paragraph  # noqa: E402
from ingest.load import read_file  # noqa: E402
from ingest.repairer import get_repairer  # noqa: E402
from ingest.structure import parse  # noqa: E402
from vanban.text import fold  # noqa: E402

BODY = {"preamble", "section", "item", "subitem", "point", "bullet", "heading", "closing"}


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text))


def agreement(candidate: str, reference: str) -> float:
    ref, cand = words(reference), words(candidate)
    matcher = difflib.SequenceMatcher(None, cand, ref, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(1, len(ref))


def body(path: Path) -> list[str]:
    return [" ".join(p.original) for p in parse(read_file(path).text).parts if p.kind in BODY]


def main() -> None:
    scan = body(ROOT / "corpus" / "000_ca425edbcd874d4b.txt")
    clean = " ".join(clean_paragraph(p) for p in body(ROOT / "corpus" / "002_a514a98a622c9e87.txt"))
    repair = get_repairer("deep")
    rows = [
        ("raw OCR", " ".join(scan)),
        ("light cleaning", " ".join(clean_paragraph(p) for p in scan)),
        ("deep repair", " ".join(repair(clean_paragraph(p))[0] for p in scan)),
    ]
    # One cache for the whole directive (not used by ingestion: English eval answers lost 2 items).
    shared = repair.for_document([clean_paragraph(p) for p in scan])
    rows.append(("deep, shared", " ".join(shared(clean_paragraph(p))[0] for p in scan)))
    print("000 vs 002, share of 002's words matched after folding")
    for name, text in rows:
        print(f"  {name:15s} {agreement(text, clean):.1%}")


if __name__ == "__main__":
    main()
