"""Cloze matching: a Vietnamese question is a sentence of the directive with a hole in it.

``"... phối hợp chặt chẽ với UBND tỉnh thông qua cơ quan nào?"`` keeps the directive's own
words around the asked-for piece: ``"... phối hợp chặt chẽ với UBND tỉnh (thông qua Sở Nội
vụ)"``. The words just before the question word (and its head noun) and just after it are
looked for in a candidate sentence; where they are found, the answer is what follows them.
English questions have no such frame (their word order is not the directive's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from vanban.text import fold

# Question words (folded) that stand where the answer would be.
_WH = re.compile(r"\b(?:bao nhieu|khi nao|o dau|nhu the nao|the nao|nao|gi|ai|may|dau)\b")
# Head nouns of the question word, dropped from the frame ("cơ quan nào", "những nội dung gì").
_HEADS = (
    "co quan", "don vi", "phong", "so", "to chuc", "cap", "van ban", "nghi dinh", "quyet dinh", "noi dung",
    "nhiem vu", "linh vuc", "hinh thuc", "ngay", "thoi gian", "thoi han", "bien phap", "giai phap", "van de",
    "tinh trang", "ky", "viec", "chi so", "muc tieu", "cong viec", "loai", "doi tuong", "tai lieu",
)
_QUANT = ("nhung", "cac", "mot", "la")
_TOKEN = re.compile(r"[a-z0-9%/.-]+")


@dataclass(frozen=True)
class Frame:
    """The words around the hole: ``left`` ends just before it, ``right`` starts after it."""

    left: tuple[str, ...]
    right: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.left or self.right)


@dataclass(frozen=True)
class Match:
    """How well a sentence fits the frame: matched syllables and the offset after them."""

    score: int
    at: int = -1  # character offset in the sentence where the answer starts
    left: int = 0  # of the score, the question's words just before its hole


def _tokens(folded: str) -> list[tuple[str, int]]:
    return [(m.group(0).strip(".-"), m.start()) for m in _TOKEN.finditer(folded) if m.group(0).strip(".-")]


def frame(question: str, width: int = 4) -> Frame:
    """The frame of a Vietnamese question (folded syllables), or an empty frame.

    >>> frame("UBMTTQ tỉnh phối hợp chặt chẽ với UBND tỉnh thông qua cơ quan nào?")
    Frame(left=('ubnd', 'tinh', 'thong', 'qua'), right=())
    >>> frame("ke hoach papi yeu cau phat huy quyen gi cua nguoi dan")
    Frame(left=('yeu', 'cau', 'phat', 'huy', 'quyen'), right=('cua', 'nguoi', 'dan'))
    >>> frame("Which agency leads the SIPAS survey?")
    Frame(left=(), right=())
    """
    low = fold(question).rstrip(" ?.")
    m = None
    for m in _WH.finditer(low):
        pass  # the last question word: "ai ... cơ quan nào" asks at the end
    if m is None:
        return Frame((), ())
    before = [t for t, _ in _tokens(low[: m.start()])]
    after = [t for t, _ in _tokens(low[m.end() :])]
    for head in sorted(_HEADS, key=len, reverse=True):
        words = head.split()
        if before[-len(words) :] == words:
            before = before[: -len(words)]
            break
    while before and before[-1] in _QUANT:
        before = before[:-1]
    # "quyền gì" keeps its noun: the directive writes "quyền làm chủ" and the noun anchors it.
    left = tuple(before[-(width + 1) :]) if m.group(0) == "gi" else tuple(before[-width:])
    return Frame(left, tuple(after[:3]))


def match(fr: Frame, sentence: str) -> Match:
    """The longest run of the frame's left words found in ``sentence``, ending in its last word,
    plus the frame's right words found within a few words after it. A run shorter than three
    words gives way to the left words found in order across a short gap (``_gapped``).

    >>> match(frame("UBND tỉnh thông qua cơ quan nào?"), "phối hợp với UBND tỉnh (thông qua Sở Nội vụ);")
    Match(score=4, at=34, left=4)
    >>> match(frame("phat huy quyen gi cua nguoi dan"), "phát huy quyền làm chủ của người dân")
    Match(score=6, at=15, left=3)
    >>> match(frame("phat huy quyen gi cua nguoi dan"), "nâng cao chất lượng cuộc sống")
    Match(score=0, at=-1, left=0)
    """
    if not fr:
        return Match(0)
    toks, words = _sentence_tokens(sentence)
    best = Match(0)
    for n in range(len(fr.left), 0, -1):
        want = tuple(fr.left[-n:])  # the cached words are a tuple: compare tuples, no copies
        for i in range(len(words) - n + 1):
            if words[i : i + n] == want:
                end = i + n
                at = toks[end][1] if end < len(toks) else len(sentence)
                right = _right_score(fr.right, words[end : end + 8])
                if n + right > best.score:
                    best = Match(n + right, at, n)
        if best.score:
            break
    if best.score < 3 and len(fr.left) >= 3:
        gapped = _gapped(fr.left, words)
        if gapped is not None and gapped[0] > best.score:
            end = gapped[1]
            best = Match(gapped[0], toks[end][1] if end < len(toks) else len(sentence), gapped[0])
    if best.score:
        return best
    # No left words: the right words alone place the answer before them ("... gì của người dân").
    if len(fr.right) >= 2:
        for i in range(len(words) - 1):
            if words[i : i + 2] == tuple(fr.right[:2]):
                return Match(2, toks[max(0, i - 6)][1])
    return best


def _gapped(left: tuple[str, ...], words: tuple[str, ...], slack: int = 3) -> tuple[int, int] | None:
    """The frame's left words found in order, ending in its last word, with at most ``slack``
    other words among them ("tiêu chí quan trọng để <đánh giá, bình> xét"): the count found,
    less one for the gap, and the word index after the last one. ``None`` when none qualifies.

    >>> _gapped(("chi", "quan", "trong", "de", "xet"), tuple("la tieu chi quan trong de danh gia binh xet danh hieu".split()))
    (4, 10)
    >>> _gapped(("chi", "quan", "trong", "de", "xet"), tuple("binh xet danh hieu".split())) is None
    True
    """
    best = None
    for i, w in enumerate(words):
        if w != left[-1]:
            continue
        found, j, k = 1, i - 1, len(left) - 2
        while k >= 0 and j >= 0 and i - j <= len(left) - 1 + slack:
            if words[j] == left[k]:
                found, k = found + 1, k - 1
            j -= 1
        gaps = (i - j - 1) - found  # words passed over that are not the frame's
        if found >= 3 and gaps > 0 and (best is None or found - 1 > best[0]):
            best = (found - 1, i + 1)
    return best


@lru_cache(maxsize=8192)
def _sentence_tokens(sentence: str) -> tuple[tuple[tuple[str, int], ...], tuple[str, ...]]:
    # Cached: the same clause sentences are matched against many questions.
    low = fold(sentence)
    toks = tuple(_tokens(low if len(low) == len(sentence) else sentence.lower()))
    return toks, tuple(t for t, _ in toks)


def _right_score(right: tuple[str, ...], following: tuple[str, ...]) -> int:
    """How many of the frame's right words follow, in order, within the next few words."""
    for n in range(len(right), 0, -1):
        want = tuple(right[:n])
        for i in range(len(following) - n + 1):
            if following[i : i + n] == want:
                return n
    return 0
