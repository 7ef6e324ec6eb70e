"""Detecting two files that hold the same directive, and choosing the cleaner copy."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from vanban.records import Document
from vanban.text import fold

# Same-directive pairs align word for word far better than two directives on the same topic:
# on the bundled corpus the OCR scan 000 and its transcription 002 score 0.31, the other pairs
# at most 0.10.
SEQUENCE_THRESHOLD = 0.2
LABEL_THRESHOLD = 0.7
_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
    r"(?:[aeiouy]{1,3})(?:ch|ng|nh|[cmnpt])?$"
)


@dataclass(frozen=True)
class Duplicate:
    """``alias`` holds the same directive as ``canonical``; ``score`` is the word alignment ratio."""

    canonical: str
    alias: str
    score: float


def quality(text: str) -> float:
    """How clean a text looks: valid-syllable share, weighted up by diacritics present.

    >>> quality("Sở Nội vụ chủ trì") > quality("Sd Ndi vU chir tri") > quality("c6ng t6c cii c6ch")
    True
    """
    tokens = re.findall(r"\S+", text)
    words = [t.strip(".,;:()\"'") for t in tokens]
    words = [w for w in words if w and not w.isdigit()]
    if not words:
        return 0.0
    valid = [w for w in words if w.isalpha() and _SYLLABLE.match(fold(w))]
    accented = [w for w in valid if fold(w) != w.lower()]
    share = len(valid) / len(words)
    return round(share * (0.6 + 0.4 * len(accented) / max(1, len(valid))), 4)


def _word_seq(doc: Document) -> list[str]:
    text = " ".join(c.text for c in doc.clauses)
    return re.sub(r"[^a-z0-9 ]", " ", fold(text)).split()


def _labels(doc: Document) -> list[str]:
    return [c.label for c in doc.clauses if c.kind not in {"recipients", "signature", "header"}]


def similarity(a: Document, b: Document) -> tuple[float, float]:
    """Word-sequence alignment ratio and clause-label agreement of two documents."""
    words = difflib.SequenceMatcher(None, _word_seq(a), _word_seq(b), autojunk=False).ratio()
    labels = difflib.SequenceMatcher(None, _labels(a), _labels(b), autojunk=False).ratio()
    return words, labels


def find_duplicates(docs: list[Document]) -> list[Duplicate]:
    """Pairs of documents that are the same directive; the cleaner one is canonical.

    Documents with different known numbers are never duplicates; identical files always are.
    """
    found: list[Duplicate] = []
    aliased: set[str] = set()
    ordered = sorted(docs, key=lambda d: (-d.quality, d.id))
    for i, a in enumerate(ordered):
        if a.id in aliased:
            continue
        for b in ordered[i + 1 :]:
            if b.id in aliased:
                continue
            if a.meta.number and b.meta.number and a.meta.number != b.meta.number:
                continue
            if a.sha256 == b.sha256:
                found.append(Duplicate(a.id, b.id, 1.0))
                aliased.add(b.id)
                continue
            words, labels = similarity(a, b)
            if words >= 0.5 or (words >= SEQUENCE_THRESHOLD and labels >= LABEL_THRESHOLD):
                found.append(Duplicate(a.id, b.id, round(words, 3)))
                aliased.add(b.id)
    return found
