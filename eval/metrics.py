"""Pure metric functions for the evaluation: text folding, matching and scores.

Nothing here reads files or knows about the CLI. Every comparison of text is done on
*folded* text: lower-cased, diacritics removed (``đ`` → ``d``), whitespace collapsed.
OCR text may garble a letter here and there, so phrase matching can fall back to a fuzzy
comparison (``difflib`` ratio over a sliding window of words).
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence

FUZZY_THRESHOLD = 0.9
_WS = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
_SUFFIX = re.compile(r"~\d+$")
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})


def fold(text: str) -> str:
    """Lower-case, strip diacritics (``đ`` → ``d``), write every dash as ``-`` and collapse whitespace.

    Dashes are typography: "Phòng Tài chính — Kế hoạch" and "Tài chính – Kế hoạch" name one office.

    Args:
        text: Any text, Vietnamese or not.

    Returns:
        The folded text; compatibility characters (ligatures such as ``ﬁ``) are expanded.
    """
    text = text.replace("đ", "d").replace("Đ", "D").translate(_DASHES)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WS.sub(" ", stripped.lower()).strip()


def _bounded_find(text: str, phrase: str) -> bool:
    """Find ``phrase`` in ``text``; a phrase that starts/ends with a digit may not be
    glued to another digit (so ``8/6/2023`` does not match inside ``18/6/2023``)."""
    start = text.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        left_ok = not (phrase[0].isdigit() and start > 0 and text[start - 1].isdigit())
        right_ok = not (phrase[-1].isdigit() and end < len(text) and text[end].isdigit())
        if left_ok and right_ok:
            return True
        start = text.find(phrase, start + 1)
    return False


def numbers(text: str) -> list[str]:
    """The digit runs of number-like tokens: all-digit tokens and tokens with two or more
    digits (``30%``, ``61/2018/nd-cp``); OCR slips such as ``s6`` or ``t6`` are skipped."""
    out: list[str] = []
    for tok in text.split():
        runs = _DIGITS.findall(tok)
        if runs and (tok.strip(".,;:()%").isdigit() or sum(map(len, runs)) >= 2):
            out.extend(runs)
    return out


def fuzzy_contains(text: str, phrase: str, threshold: float = FUZZY_THRESHOLD) -> bool:
    """Whether some window of words of ``text`` is similar to ``phrase``.

    Both arguments must already be folded. Windows of ``n`` and ``n+1`` words (``n`` =
    words in the phrase; OCR splits words more often than it merges them, and a shorter
    window would accept a phrase with a word left out) are compared with
    ``difflib.SequenceMatcher.ratio``. Numbers are never fuzzy: a window must carry
    exactly the phrase's numbers (see :func:`numbers`), so ``61/2018`` is not ``152/2017``.

    Args:
        text: Folded text to search.
        phrase: Folded phrase.
        threshold: Minimum ratio in [0, 1].

    Returns:
        True when a window reaches ``threshold``.
    """
    words = text.split(" ")
    n = len(phrase.split(" "))
    wanted = numbers(phrase)
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(phrase)
    for size in (n, n + 1):
        for i in range(0, max(1, len(words) - size + 1)):
            window = " ".join(words[i : i + size])
            if numbers(window) != wanted:
                continue
            matcher.set_seq1(window)
            if (
                matcher.real_quick_ratio() >= threshold
                and matcher.quick_ratio() >= threshold
                and matcher.ratio() >= threshold
            ):
                return True
    return False


def contains(text: str, phrase: str, fuzzy: bool = False, threshold: float = FUZZY_THRESHOLD) -> bool:
    """Whether ``phrase`` occurs in ``text`` after folding both.

    Args:
        text: Text to search (raw, not folded).
        phrase: Phrase to look for (raw, not folded).
        fuzzy: Fall back to :func:`fuzzy_contains` when there is no exact occurrence.
        threshold: Ratio used by the fuzzy fallback.

    Returns:
        True on a match; an empty phrase never matches.
    """
    p = fold(phrase)
    if not p:
        return False
    t = fold(text)
    if _bounded_find(t, p):
        return True
    return fuzzy and fuzzy_contains(t, p, threshold)


def facts_present(text: str, must: Sequence[Sequence[str]]) -> bool:
    """Whether every ``must`` group has at least one alternative in ``text`` (folded).

    Args:
        text: The short answer (or a clause text).
        must: Groups of accepted alternatives.

    Returns:
        True when all groups are satisfied; False for an empty ``must``.
    """
    if not must:
        return False
    return all(any(contains(text, alt) for alt in group) for group in must)


def missing_facts(text: str, must: Sequence[Sequence[str]]) -> list[list[str]]:
    """The ``must`` groups none of whose alternatives occur in ``text``."""
    return [list(g) for g in must if not any(contains(text, alt) for alt in g)]


def doc_stem(doc: str) -> str:
    """``002_x.txt`` → ``002_x``; a path or stem is reduced the same way."""
    name = doc.replace("\\", "/").rsplit("/", 1)[-1]
    return name[:-4] if name.lower().endswith(".txt") else name


def norm_label(label: str) -> str:
    """Normalise a clause label for comparison: strip spaces, a trailing dot, a ``~n``
    part suffix, and lower-case (``đ`` stays distinct from ``d``)."""
    lab = _SUFFIX.sub("", label.strip().replace(" ", "")).rstrip(".").lower()
    return lab


def label_matches(label: str, gold: str) -> bool:
    """Whether ``label`` is the gold clause or lies inside it.

    ``1.a.p2`` and ``2.1-2`` lie inside ``1.a`` and ``2.1``; ``2.10`` does not lie
    inside ``2.1`` (the prefix must end at a separator).
    """
    lab, g = norm_label(label), norm_label(gold)
    if not lab or not g:
        return False
    return lab == g or (lab.startswith(g) and lab[len(g)] in ".-~")


def clause_matches_cite(
    doc_id: str,
    label: str,
    text: str,
    cite_doc: str,
    cite_clause: str,
    anchor: str,
    fuzzy: bool = True,
) -> bool:
    """Whether a retrieved or cited clause matches one gold cite.

    The directive must be the same; then either the label is (inside) the gold clause
    label, or the clause text contains the anchor (fuzzy for OCR damage).

    Args:
        doc_id: Directive id of the clause (file stem; ``.txt`` tolerated).
        label: Clause label of the clause (may be empty).
        text: Clause text.
        cite_doc: Gold directive file name.
        cite_clause: Gold clause label (may be empty).
        anchor: Gold anchor phrase (may be empty).
        fuzzy: Allow the fuzzy anchor comparison.

    Returns:
        True on a match.
    """
    if doc_stem(doc_id) != doc_stem(cite_doc):
        return False
    if cite_clause and label and label_matches(label, cite_clause):
        return True
    return bool(anchor) and contains(text, anchor, fuzzy=fuzzy)


def first_relevant_rank(relevant: Sequence[bool]) -> int | None:
    """1-based rank of the first True in ``relevant``, or None."""
    for i, rel in enumerate(relevant, start=1):
        if rel:
            return i
    return None


def recall_at_k(gold_ranks: Sequence[int | None], k: int) -> float:
    """Share of gold items found within the top ``k``.

    Args:
        gold_ranks: For each gold item, the 1-based rank of its first relevant hit, or None.
        k: Cut-off.

    Returns:
        A value in [0, 1]; 0.0 when there is no gold item.
    """
    if not gold_ranks:
        return 0.0
    return sum(1 for r in gold_ranks if r is not None and r <= k) / len(gold_ranks)


def reciprocal_rank(rank: int | None, k: int = 10) -> float:
    """``1/rank`` when ``rank`` is within ``k``, else 0."""
    return 1.0 / rank if rank is not None and rank <= k else 0.0


def mean(values: Iterable[float]) -> float | None:
    """Arithmetic mean, or None for no values."""
    vals = list(values)
    return sum(vals) / len(vals) if vals else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """Percentile with linear interpolation between closest ranks (numpy's default).

    Args:
        values: Samples.
        q: Percentile in [0, 100].

    Returns:
        The percentile, or None for no samples.
    """
    if not values:
        return None
    data = sorted(values)
    pos = (len(data) - 1) * q / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def precision(correct: int, total: int) -> float | None:
    """``correct/total``, or None when ``total`` is 0."""
    return correct / total if total else None
