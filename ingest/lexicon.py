"""Rewriting known administrative phrases (agency and place names…) to their accented form."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from vanban.text import fold

PHRASES = Path(__file__).resolve().parent / "data" / "phrases.txt"
RECIPIENTS = Path(__file__).resolve().parent / "data" / "recipients.txt"  # read in recipients blocks only
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]", re.UNICODE)


@lru_cache(maxsize=2)
def phrases(path: Path = PHRASES) -> dict[tuple[str, ...], str]:
    """Folded token tuple → accented phrase, from ``ingest/data/phrases.txt`` (or another list)."""
    table: dict[tuple[str, ...], str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            table[tuple(_TOKEN.findall(fold(line)))] = line
    return table


def _within_one(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one substitution, insertion or deletion."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _lookup(table: dict[tuple[str, ...], str], key: tuple[str, ...]) -> str | None:
    exact = table.get(key)
    if exact is not None or len(key) < 2:
        return exact
    if key.count(",") == 1 and "," not in (key[0], key[-1]):
        # A comma a scan dropped inside a name ("Chủ, tịch UBND tỉnh"): the name without it.
        inner = table.get(tuple(t for t in key if t != ","))
        if inner is not None and len(key) >= 4 and "," not in inner:
            return inner
    # One OCR slip ("Nơi vy" for "Nội vụ", "Sẽ" for "Sở") in a name of three or more words still
    # matches when the rest is right: long names are too specific to be confused with other text.
    joined = " ".join(key)
    for other, phrase in table.items():
        if len(other) != len(key) or len(other) < 3:
            continue
        if (other[0] == key[0] and _within_one(" ".join(other), joined)) or (
            other[1:] == key[1:] and _within_one(other[0], key[0])
        ):
            return phrase
    return None


def apply_phrases(text: str, table: dict[tuple[str, ...], str] | None = None) -> str:
    """Rewrite runs of words whose folded form is a known phrase (longest first).

    >>> apply_phrases("Giao Sỏ Nói vụ tổng hợp; các số, bản, ngành và UBND huyện Hon Quan")
    'Giao Sở Nội vụ tổng hợp; các sở, ban, ngành và UBND huyện Hớn Quản'
    >>> apply_phrases("Giao Số Nơi vy chủ trì")
    'Giao Sở Nội vụ chủ trì'
    >>> apply_phrases("3. Sẽ Nội vụ")
    '3. Sở Nội vụ'
    >>> apply_phrases("chịu trách nhiệm trước Chủ, tịch UBND tỉnh"), apply_phrases("Sở Nội vụ, Tư pháp")
    ('chịu trách nhiệm trước Chủ tịch UBND tỉnh', 'Sở Nội vụ, Tư pháp')
    >>> apply_phrases("I. MỤC PICH, YÊU CẦU")
    'I. MỤC ĐÍCH, YÊU CẦU'
    """
    table = phrases() if table is None else table
    if not table:
        return text
    longest = max(len(k) for k in table)
    tokens = list(_TOKEN.finditer(text))
    folded = [fold(t.group(0)) for t in tokens]
    out: list[str] = []
    pos = 0
    i = 0
    while i < len(tokens):
        for n in range(min(longest, len(tokens) - i), 0, -1):
            phrase = _lookup(table, tuple(folded[i : i + n]))
            if phrase is None:
                continue
            start, end = tokens[i].start(), tokens[i + n - 1].end()
            original = text[start:end]
            if original.isupper() and sum(c.isalpha() for c in original) > 1:
                phrase = phrase.upper()  # a heading or letterhead in capitals stays in capitals
            elif phrase[0].islower() and original[0].isupper():
                phrase = phrase[0].upper() + phrase[1:]
            out.append(text[pos:start] + phrase)
            pos = end
            i += n
            break
        else:
            i += 1
    out.append(text[pos:])
    return "".join(out)


# "các Sở: Nội vụ, Tài chính, Tư pháp": names listed after their shared head and a colon (the head,
# the list); ``rag.extract`` reads such lists as agencies.
LISTED_AFTER_HEAD = r"(Sở|Phòng|Bộ)\s*:\s*([^);\n.:]+)"
_HEAD_LIST = re.compile(rf"(?:\b(\w{{1,3}})\s+)?\b{LISTED_AFTER_HEAD}")


def apply_head_lists(text: str, table: dict[tuple[str, ...], str] | None = None) -> str:
    """Rewrite the names of a list that shares its head ("các Sở: Nơi vụ, Tài chính") as the known
    phrases they stand for with the head ("Sở Nội vụ"), which ``apply_phrases`` cannot see across the
    colon; the short word before the head of such a list is "các".

    >>> apply_head_lists("(Văn phòng UBND tỉnh và cơ Sở: Nơi vụ, Tài chính, Tư pháp) có trách nhiệm")
    '(Văn phòng UBND tỉnh và các Sở: Nội vụ, Tài chính, Tư pháp) có trách nhiệm'
    >>> apply_head_lists("Mục 2: Sở lập kế hoạch")  # no list after a colon
    'Mục 2: Sở lập kế hoạch'
    """
    table = phrases() if table is None else table

    def one(m: re.Match[str]) -> str:
        before, head, items = m.group(1), m.group(2), m.group(3)
        names = items.split(",")
        if len(names) < 2:
            return m.group(0)
        fixed = []
        for name in names:
            core = name.strip()
            known = _lookup(table, tuple(_TOKEN.findall(fold(f"{head} {core}")))) if core else None
            fixed.append(name.replace(core, known.split(" ", 1)[1]) if known and known.startswith(head + " ") else name)
        lead = "" if before is None else ("các" if re.fullmatch(r"c[a-z]?c|c[oa]", fold(before)) else before) + " "
        return f"{lead}{head}:{m.group(0).split(':', 1)[1][: -len(items)]}{','.join(fixed)}"

    return _HEAD_LIST.sub(one, text)


# What a scan writes for letters ("B6 Nooi vu", "Sở N§i vy", "89 ph4n"), read as those letters when
# a line of a recipients block is compared with the known phrases.
_LOOKALIKE = str.maketrans("60§&4$", "oooous")
LISTED_MIN_RATIO = 0.75  # character similarity of a misread line's words to the phrase they stand for


def _key(words: list[str]) -> str:
    return " ".join(words).translate(_LOOKALIKE)


@lru_cache(maxsize=1)
def _listed() -> tuple[dict[tuple[str, ...], str], dict[int, list[tuple[str, str]]]]:
    """The known phrases and the recipients' ones, and those of two words or more (words only: "Nơi
    nhận", not "Lưu: VT") by their number of words, with their look-alike keys."""
    table = phrases() | phrases(RECIPIENTS)
    by_length: dict[int, list[tuple[str, str]]] = {}
    for key, phrase in table.items():
        words = [w for w in key if w[0].isalnum()]
        if len(words) == len(key) and len(words) >= 2:
            by_length.setdefault(len(words), []).append((_key(words), phrase))
    return table, by_length


def apply_listed(text: str) -> str:
    r"""Rewrite the words of a recipients or signature block that a scan misread, line by line: a run
    of two or more words close in spelling to a known phrase with as many words (the closest one,
    beginning with the same letter) becomes that phrase. Such blocks are lists of bodies from a
    closed set, so a looser match than ``apply_phrases``' is safe there, and nowhere else.

    >>> apply_listed("- B6 Nooi vu (dé bdo cao);\n- Thudng trye Tinh ay (dé bdo cdo);\n- S& N§i vy;")
    '- Bộ Nội vụ (để báo cáo);\n- Thường trực Tỉnh ủy (để báo cáo);\n- Sở Nội vụ;'
    >>> apply_listed("- Phan Thi Kim Oanh")  # a name is no known phrase
    '- Phan Thi Kim Oanh'
    >>> apply_listed("- Sở N§i vy; W")
    '- Sở Nội vụ; W'
    >>> apply_listed("- UBND cấp huyện (Sao gửi UBND cấp xã);")  # not "các": the line is written accented
    '- UBND cấp huyện (Sao gửi UBND cấp xã);'
    """
    table, by_length = _listed()
    longest = max(by_length, default=0)
    out = []
    for line in text.split("\n"):
        if _accented(line):
            out.append(line)  # a line written with its diacritics is read as written ("UBND cấp huyện")
            continue
        tokens = list(re.finditer(r"(?:[^\W_]|[§&$])+", line))
        pieces, pos, i = [], 0, 0
        while i < len(tokens):
            for n in range(min(longest, len(tokens) - i), 1, -1):
                span = tokens[i : i + n]
                if any(line[a.end() : b.start()].strip() for a, b in zip(span, span[1:])):
                    continue  # words of one phrase are not parted by punctuation
                key = _key([fold(t.group(0)) for t in span])
                sizes = [len(w) for w in key.split()]
                ratio, phrase = max(((SequenceMatcher(None, key, k).ratio(), p) for k, p in by_length.get(n, [])
                                     if k[0] == key[0] and all(abs(len(w) - m) <= 1 for w, m in zip(k.split(), sizes))),
                                    default=(0.0, ""))
                if ratio >= LISTED_MIN_RATIO:
                    start, end = span[0].start(), span[-1].end()
                    if line[start:end].isupper():
                        phrase = phrase.upper()  # "CHU TICH" above a signature stays in capitals
                    elif phrase[0].islower() and line[start].isupper():
                        phrase = phrase[0].upper() + phrase[1:]
                    pieces.append(line[pos:start] + phrase)
                    pos, i = end, i + n
                    break
            else:
                i += 1
        out.append("".join(pieces) + line[pos:])
    return apply_phrases("\n".join(out), table)


def _accented(line: str) -> bool:
    """Whether a line is written with its diacritics: half its words or more bear marks other than the
    scans' stray "é" (written for any marked letter). A scan's line with one word put right ("Sở N§i vy")
    is not."""
    words = re.findall(r"[^\W\d_]+", line)
    marked = [w for w in words if any(c.lower() != fold(c) and c not in "éÉ" for c in w)]
    return bool(words) and 2 * len(marked) >= len(words)
