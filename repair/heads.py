"""Agency heads that name an agency: "Sở Nội vụ", not "Số Nội vụ" (round 21).

``repair.ocr`` never turns one agency head into another (``HEADS``), but it chooses the
accents of a head as read by the language model, whose statutes know "số" far better than
"sở": the scans' ``qua S& Noi vu`` and even a clean ``qua So Noi vu`` came out "qua Số Nội
vụ", ``Phong Noi vu`` "Phong Nội vụ", and the directives' fixed list ``các sd, ban, nganh``
"các số, bản, ngành". A capitalised head before a capitalised name (after a space or a
colon: "các Sở: Nội vụ, Tài chính") is the agency's head, and so is a head in the list
"sở, ban, ngành"; both are read as the head word only.

Round 22: the head of an agency's head, "Trưởng" ("Trưởng các phòng", "Trưởng phòng Nội vụ"). The
model's texts never say "trưởng các phòng": a seen "trưởng các" (before "cơ quan", "sở") leaves
little for an unseen word after it, so "Trương" (a surname, "trương các" unseen) or "Trường"
scored alike or better, and stripped of its marks (ingestion) "Trudng cac phong" read "Trong".
A capitalised token read as ``truong`` (at most ``TITLE_COST``, more cheaply than ``trong``)
before "các" and an agency, or before "phòng" or "ban", is that title.
"""

from __future__ import annotations

from collections.abc import Callable

from repair.syllable import fold

NAMED_HEADS = True
HEAD_WORDS = {"so": "sở", "bo": "bộ", "phong": "phòng", "ban": "ban", "uy": "ủy", "van": "văn"}
# Folded agency heads (Sở, Bộ, Phòng, Ban, Ủy ban, Văn phòng): ``repair.ocr`` never changes a head as read
# into another head, since "Sở Nội vụ" (a department) and "Bộ Nội vụ" (a ministry) are both fluent and only
# the scan knows which one the text names (moved from ``repair.ocr``, round 30).
HEADS = frozenset(HEAD_WORDS)
HEAD_COST = 1.0  # the largest confusion cost at which a token names a head as read
LIST = ("so", "ban", "nganh")  # "các sở, ban, ngành"
TITLES = True
TITLE = ("truong", "trưởng")
TITLE_COST = 2.0  # "Truéng" and "Trudng" (ư and ơ as one glyph) cost 1.0
TITLE_OF = frozenset({"phong", "ban"})  # "Trưởng phòng", "Trưởng Ban Chỉ đạo"
TITLE_OF_ALL = frozenset({"phong", "ban", "so", "nganh", "don", "co", "bo", "doan"})  # "Trưởng các ... "


def _title(tok: str) -> bool:
    return tok[:1].isalpha() and tok[:1].isupper() and not any(c.isupper() for c in tok[1:])


def _head(tok: str, cost: Callable[[str, str], float]) -> str:
    """The one head a token reads as cheaply (at most ``HEAD_COST``), else ""."""
    heads = [h for h in HEAD_WORDS if cost(tok, h) <= HEAD_COST]
    return heads[0] if len(heads) == 1 else ""


def _reads(tok: str, folded: frozenset[str] | str, cost: Callable[[str, str], float]) -> bool:
    """Whether ``tok`` reads as one of ``folded`` at most ``HEAD_COST``."""
    return any(cost(tok, f) <= HEAD_COST for f in ([folded] if isinstance(folded, str) else folded))


def _title_of(toks: list[str], gaps: list[str], i: int, cost: Callable[[str, str], float]) -> bool:
    """Whether ``toks[i]`` is "Trưởng" heading an agency: capitalised, read as ``truong`` cheaply
    (and more cheaply than ``trong``), before "phòng"/"ban" or "các" and an agency noun."""
    tok = toks[i]
    if not (_title(tok) and i + 1 < len(toks) and not gaps[i].strip()):
        return False
    c = cost(tok, TITLE[0])
    if c > TITLE_COST or cost(tok, "trong") <= c:
        return False
    if _reads(toks[i + 1], TITLE_OF, cost):
        return True
    return (i + 2 < len(toks) and not gaps[i + 1].strip() and not _title(toks[i + 1])
            and _reads(toks[i + 1], "cac", cost) and _reads(toks[i + 2], TITLE_OF_ALL, cost))


def named_heads(toks: list[str], gaps: list[str], cost: Callable[[str, str], float]) -> dict[int, str]:
    """Tokens that are an agency's head, with the head word each is read as.

    Args:
        toks: The tokens of a text.
        gaps: The text between consecutive tokens.
        cost: The confusion cost of reading a token as a folded syllable (``inf``: not at all).

    Returns:
        ``{index: head word}``.

    >>> costs = {("S&", "so"): 0.5, ("So", "so"): 0.0, ("sd", "so"): 1.0, ("ban", "ban"): 0.0, ("Ban", "ban"): 0.0}
    >>> cost = lambda t, f: costs.get((t, f), 9.0)
    >>> named_heads(["qua", "S&", "Noi", "vu"], [" ", " ", " "], cost)
    {1: 'sở'}
    >>> named_heads(["cac", "So", "Noi"], [" ", ": ", ""], cost), named_heads(["So", "1138"], [": "], cost)
    ({1: 'sở'}, {})
    >>> named_heads(["cac", "sd", "ban", "nganh"], [" ", ", ", ", "], cost)
    {1: 'sở', 2: 'ban'}
    >>> named_heads(["so", "Noi"], [" "], cost), named_heads(["So", "Noi"], [", "], cost)
    ({}, {})
    >>> costs.update({("Trudng", "truong"): 1.0, ("Trudng", "trong"): 6.0, ("cac", "cac"): 0.0,
    ...               ("phong", "phong"): 0.0, ("Truong", "truong"): 0.0, ("Trong", "trong"): 0.0})
    >>> named_heads(["Trudng", "cac", "phong"], [" ", " "], cost), named_heads(["Truong", "phong"], [" "], cost)
    ({0: 'trưởng'}, {0: 'trưởng'})
    >>> named_heads(["Trong", "cac", "phong"], [" ", " "], cost), named_heads(["Truong", "Van"], [" "], cost)
    ({}, {})
    """
    out: dict[int, str] = {}
    if not NAMED_HEADS:
        return out
    for i in range(len(toks) - 1):
        tok, gap = toks[i], gaps[i]
        if TITLES and _title_of(toks, gaps, i, cost):
            out[i] = TITLE[1]
            continue
        if _title(tok) and gap.strip() in ("", ":") and _title(toks[i + 1]):
            head = _head(tok, cost)
            if head:
                out[i] = HEAD_WORDS[head]
        if (i + 2 < len(toks) and gap.strip() == "," and gaps[i + 1].strip() == ","
                and fold(toks[i + 2]).lower() == LIST[2] and _head(tok, cost) == LIST[0]
                and _head(toks[i + 1], cost) == LIST[1]):
            out[i], out[i + 1] = HEAD_WORDS[LIST[0]], HEAD_WORDS[LIST[1]]
    return out
