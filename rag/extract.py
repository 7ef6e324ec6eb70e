"""Pure extractors that find answer spans in clause text: agencies with their roles, dates and
deadlines, percentages and counts, document symbols, best sentences. (What a question asks for
is read by ``rag.qtype``.)

Every extractor matches on the folded text (no diacritics, lower case) so that OCR clauses
without diacritics and repaired clauses behave the same, and returns spans of the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.lexicon import LISTED_AFTER_HEAD
from vanban.text import fold, folded_terms

# Heads of agency names, folded; the name runs on over capitalised words and connectors.
_AGENCY_HEADS = (
    "uy ban mat tran to quoc", "ubmttq", "mat tran to quoc", "van phong dang ky", "van phong hdnd", "van phong",
    "so", "phong", "uy ban nhan dan", "ubnd", "dai", "bao", "chi cuc", "bo", "hoi dong nhan dan", "hdnd",
    "thu truong", "chu tich", "trung tam", "cong an", "ban chi dao", "ban",
)
_GENERIC_HEADS = {"so", "phong", "dai", "bao", "bo", "ban", "chi cuc", "trung tam", "thu truong", "chu tich",
                  "van phong", "cong an"}
_CONNECTORS = {"va", "-", "—", "–", "&", "cac", "cap", "tinh", "huyen", "xa", "thi", "tran", "thanh", "pho", "viet",
               "nam"}
ROLE_MARKERS = {
    "chu tri": "chủ trì",
    "phoi hop": "phối hợp",
    "tham muu": "tham mưu",
    "chiu trach nhiem": "chịu trách nhiệm",
    "co trach nhiem": "có trách nhiệm",
    "la co quan thuong truc": "là cơ quan thường trực",
    "huong dan": "hướng dẫn",
    "theo doi": "theo dõi",
    "thuong xuyen theo doi": "theo dõi",
}
# Words before a name that give it a task: "giao Phòng Nội vụ …", "đề nghị Ủy ban MTTQ …", "(qua Sở Nội vụ)".
ROLE_BEFORE = {"giao": "được giao", "de nghi": "được đề nghị", "qua": "đầu mối nhận báo cáo", "yeu cau": "được yêu cầu"}
_WORKING_DAYS = re.compile(r"\d{1,3}\s+ngay\s+lam\s+viec")  # a relative deadline, also a count of days
_DATE = re.compile(
    r"(?:(?:truoc|trong|tu|den|cham nhat|han)\s+)?(?:ngay\s*)?(?<![\d/])\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?(?![\d/])"
    r"|(?:truoc\s+|trong\s+)?quy\s+[ivx1l]{1,4}\s+nam\s+\d{4}"
    r"|(?:ngay\s*\(?\s*)?(?<![\d/])\d{1,2}\s+thang\s+\d{1,2}(?:\s+nam\s+\d{4})?"
    r"|thang\s+\d{1,2}\s+nam\s+\d{4}"  # a day the scan lost ("ngày /2 tháng 01 năm 2022"): month and year
    r"|" + _WORKING_DAYS.pattern
)
_PERCENT = re.compile(r"(?:(?:tren|duoi|it nhat|toi thieu|toi da|dat|tu)\s+)?\d{1,3}(?:[.,]\d+)?\s*%(?:\s+tro\s+len)?")
_ORDINAL = re.compile(r"\blan\s+thu\s+(?:nhat|hai|ba|tu|nam|sau|bay|tam|chin|muoi(?:\s+[a-z]+)?|\d{1,3})\b"
                      r"(?:[^.;\n]{0,60}?\bkhoa\s+[ivxl]+\b)?")
# The counted noun is a word, not a joining one ("mức độ 3, 4 và dịch vụ" counts nothing).
_COUNT = re.compile(r"(?:(?:it nhat|toi thieu|toi da|tren|duoi)\s+)?\b\d{1,4}\s+(?!(?:va|hoac|voi|cua|cho|la|ma)\b)"
                    r"[a-z]+(?:\s+[a-z]+)?")
_SYMBOL = re.compile(
    r"(?:(?:nghi dinh|quyet dinh|thong bao|chi thi|nghi quyet|ke hoach|bao cao|to trinh|cong van|thong tu|luat)"
    r"\s+(?:so\s*)?)?(?:\d{1,5}\s*/\s*(?:\d{4}\s*/\s*)?[a-z]{1,8}(?:-[a-z]{1,10})+|\d{1,4}-[a-z]{1,6}/[a-z]{1,6})"
)


@dataclass(frozen=True)
class Span:
    """A found answer piece: its text and character offsets in the searched text."""

    text: str
    start: int
    end: int
    kind: str = ""
    role: str = ""


def _folded(text: str) -> str:
    low = fold(text)
    # Folding keeps one character per character for NFC Vietnamese; offsets stay valid.
    return low if len(low) == len(text) else text.lower()


def find_dates(text: str) -> list[Span]:
    """Dates and deadlines with their preposition.

    >>> [s.text for s in find_dates("báo cáo về UBND huyện trước ngày 20/6/2023; quý III năm 2023")]
    ['trước ngày 20/6/2023', 'quý III năm 2023']
    >>> [s.text for s in find_dates("Nghị định số 167/2017/NĐ-CP ngày 31/12/2017")]
    ['ngày 31/12/2017']
    >>> [s.text for s in find_dates("Hưng Yên, ngày /2 tháng 01 năm 2022")]  # an unreadable day is not guessed
    ['tháng 01 năm 2022']
    """
    low = _folded(text)
    return [Span(text[m.start() : m.end()].strip(), m.start(), m.end(), "date") for m in _DATE.finditer(low)]


def find_numbers(text: str) -> list[Span]:
    """Percentages first, then counts with their noun (``03 sáng kiến``).

    >>> [s.text for s in find_numbers("đạt trên 95% người dân hài lòng; có ít nhất 03 sáng kiến")]
    ['trên 95%', 'ít nhất 03 sáng kiến']
    >>> [s.text for s in find_numbers("dịch vụ công trực tuyến mức độ 3, 4 và dịch vụ bưu chính")]
    []
    >>> [s.text for s in find_numbers("chậm nhất 15 ngày làm việc sau đó")]
    ['15 ngày làm việc']
    >>> [s.text for s in find_numbers("Nghị quyết Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII")]
    ['lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII']
    """
    low = _folded(text)
    spans = [Span(text[m.start() : m.end()].strip(), m.start(), m.end(), "percent") for m in _PERCENT.finditer(low)]
    dates = find_dates(text)
    taken = [(s.start, s.end) for s in spans] + [(d.start, d.end) for d in dates]
    taken += [(s.start, s.end) for s in find_symbols(text)]
    # "15 ngày làm việc" is a deadline and a count of days: it is both.
    counts = [Span(d.text, d.start, d.end, "count") for d in dates if _WORKING_DAYS.fullmatch(_folded(d.text))]
    for m in _COUNT.finditer(low):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if re.match(r"(?:\D*\s)?\d{4}\b", low[m.start() : m.end()]):
            continue  # a year is not a count
        counts.append(Span(text[m.start() : m.end()].strip(), m.start(), m.end(), "count"))
    spans += sorted(counts, key=lambda s: s.start)
    # "Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII": which session, which term.
    spans += [Span(text[m.start() : m.end()].strip(), m.start(), m.end(), "ordinal") for m in _ORDINAL.finditer(low)]
    return spans


def find_symbols(text: str) -> list[Span]:
    """Document symbols with their type (``Nghị định số 61/2018/NĐ-CP``).

    >>> [s.text for s in find_symbols("theo Nghị định số 61/2018/NĐ-CP và Thông báo số 98/TB-VPCP")]
    ['Nghị định số 61/2018/NĐ-CP', 'Thông báo số 98/TB-VPCP']
    >>> [s.text for s in find_symbols("Nghị quyết số 18-NQ/TW và Nghị quyết số 19-NQ/TW")]
    ['Nghị quyết số 18-NQ/TW', 'Nghị quyết số 19-NQ/TW']
    """
    low = _folded(text)
    return [Span(text[m.start() : m.end()].strip(), m.start(), m.end(), "symbol") for m in _SYMBOL.finditer(low)]


def find_agencies(text: str) -> list[Span]:
    """Agency names with the role that follows them (``Sở Nội vụ chủ trì``).

    >>> [(s.text, s.role) for s in find_agencies("2. Sở Nội vụ chủ trì, phối hợp với các cơ quan")]
    [('Sở Nội vụ', 'chủ trì')]
    >>> [(s.text, s.role) for s in find_agencies("Giao Phòng Nội vụ tham mưu UBND huyện")][0]
    ('Phòng Nội vụ', 'tham mưu')
    """
    return list(_find_agencies(text))


@lru_cache(maxsize=8192)
def _find_agencies(text: str) -> tuple[Span, ...]:
    # Cached: the answer stage reads the same clause sentences for many questions.
    low = _folded(text)
    spans: list[Span] = []
    for m in _agency_heads().finditer(low):
        if spans and m.start() < spans[-1].end:
            continue
        if not text[m.start()].isupper():
            continue  # "sở", "phòng" in lower case are common nouns, not names
        end = m.end()
        head = low[m.start() : m.end()]
        line_end = text.find("\n", end)
        # A name never runs over a line break ("2.10. Đài Truyền thanh — Truyền hình\nĐẩy mạnh …").
        words = list(re.finditer(r"\S+", text[end : line_end if line_end >= 0 else len(text)]))
        last = end
        budget = 1 if head not in _GENERIC_HEADS else 0  # lowercase syllables allowed after a capital
        skip = 0
        common_noun = False
        for j, w in enumerate(words[:10]):
            if skip:
                skip -= 1
                last = end + w.end()
                continue
            word = w.group(0).rstrip(",.;:)")
            folded_word = fold(word)
            clean = word.strip("()")
            if j == 0 and head in _GENERIC_HEADS and not (clean[:1].isupper() or clean.isupper()):
                common_noun = True  # "Số lượng", "Ban hành": a common noun, not a name
                break
            rest = fold(text[end + w.start() : end + w.start() + 24])
            if j > 0 and any(rest.startswith(k) for k in ROLE_MARKERS):
                break  # "Phòng Kinh tế Hạ tầng huyện Chủ trì …": the role ends the name
            if j > 0 and clean[:1].isupper() and rest.startswith(_TASK_VERBS):
                break  # "Báo Hưng Yên Đẩy mạnh …": the clause's first task ends the name
            if rest.startswith("ban nhan dan") or rest.startswith("nhan dan"):
                skip = 2 if rest.startswith("ban") else 1
                last = end + w.end()
                budget = 0
                continue
            if clean[:1].isupper() or clean.isupper():
                budget = 1
            elif folded_word in _CONNECTORS:
                budget = 0 if folded_word not in {"va", "-", "—", "–", "&"} else budget
            elif budget > 0:
                budget -= 1
            else:
                break
            last = end + w.start() + len(word)
            if w.group(0).endswith(",") and _COMMA_NAME.match(text, end + w.end()):
                continue  # "Phòng Lao động, Thương binh và Xã hội": a name written with its own comma
            if w.group(0).endswith((",", ";", ".", ":")):
                break
        if common_noun:
            continue
        name = text[m.start() : last].strip(" ,;:-—–")
        name_low = fold(name)
        while name_low.split() and name_low.split()[-1] in {"va", "-", "—", "cac", "cap"}:
            name = name.rsplit(" ", 1)[0]
            name_low = fold(name)
        if len(name.split()) < 2:
            continue
        after = low[m.start() + len(name) : m.start() + len(name) + 40].lstrip(" ,\n")
        role = _role_opening(after)
        if not role:
            before = low[max(0, m.start() - 12) : m.start()].rstrip(" (")
            role = next((label for key, label in ROLE_BEFORE.items() if before.endswith(key)), "")
        spans.append(Span(name, m.start(), m.start() + len(name), "agency", role))
    spans = _trim_at_lists(spans, text) + listed_under_head(text)
    spans = spans or heads_of(text)  # the heads answer only where no body is named
    return tuple(sorted(spans, key=lambda s: s.start))


# "Thủ trưởng các sở, ban, ngành tỉnh", "Người đứng đầu cơ quan, đơn vị": the heads a duty binds,
# capitalised where they open what they must do.
_HEADS = re.compile(r"(?:Thủ trưởng|Người đứng đầu)(?: (?:các )?(?:sở, ban, ngành(?: tỉnh)?|cơ quan, đơn vị"
                    r"(?:, địa phương)?(?: có liên quan| chủ trì(?: tham mưu)?)?))?(?![\w])")


def is_head(span: Span) -> bool:
    """Whether an agency span is the heads of bodies (``heads_of``), not a body."""
    return fold(span.text).startswith(("thu truong", "nguoi dung dau"))


def heads_of(text: str) -> list[Span]:
    """The heads of bodies a text binds, capitalised ("Thủ trưởng các sở, ban, ngành tỉnh; …").

    >>> [s.text for s in heads_of("Thủ trưởng các sở, ban, ngành tỉnh; Chủ tịch UBND cấp huyện")]
    ['Thủ trưởng các sở, ban, ngành tỉnh']
    >>> [s.text for s in heads_of("b) Người đứng đầu phải thể hiện vai trò nêu gương")]
    ['Người đứng đầu']
    >>> heads_of("trách nhiệm người đứng đầu cơ quan")  # lower case: not the subject
    []
    """
    out = []
    for m in _HEADS.finditer(text):
        after = _folded(text[m.end() : m.end() + 40]).lstrip(" ,\n")
        role = _role_opening(after)
        out.append(Span(m.group(0), m.start(), m.end(), "agency", role))
    return out


# "các Sở: Nội vụ, Tài chính, Tư pháp": one head shared by the names listed after its colon.
_HEAD_LIST = re.compile(rf"\b(?:các\s+)?{LISTED_AFTER_HEAD}")
_LIST_ITEM = re.compile(r"[A-ZĐ][^,]*")


def listed_under_head(text: str) -> list[Span]:
    """The names of a list that shares its head ("các Sở: Nội vụ, Tài chính"), each with the head
    written out; the span is the item as written.

    >>> [s.text for s in listed_under_head("(Văn phòng UBND tỉnh và các Sở: Nội vụ, Tài chính, Tư pháp)")]
    ['Sở Nội vụ', 'Sở Tài chính', 'Sở Tư pháp']
    >>> [(s.text, s.role) for s in listed_under_head("các Sở: Nội vụ, Tư pháp) có trách nhiệm chủ động")][1]
    ('Sở Tư pháp', 'có trách nhiệm')
    """
    out: list[Span] = []
    for m in _HEAD_LIST.finditer(text):
        role = _list_role(text, m)
        for item in _LIST_ITEM.finditer(m.group(2)):
            name = item.group(0).strip()
            if 1 <= len(name.split()) <= 6:
                start = m.start(2) + item.start()
                out.append(Span(f"{m.group(1)} {name}", start, start + len(name), "agency", role))
    return out


def _list_role(text: str, m: re.Match[str]) -> str:
    after = _folded(text[m.end() : m.end() + 40]).lstrip(" ),\n")
    return _role_opening(after)


def _trim_at_lists(spans: list[Span], text: str) -> list[Span]:
    """Names cut before the head of a shared list ("Văn phòng UBND tỉnh và các Sở: …" names the
    office, which acts with the departments listed after the colon)."""
    out = []
    for span in spans:
        cut = _HEAD_LIST.search(text, span.start)
        cut = cut if cut and cut.start() < span.end else None
        if cut and cut.start() > span.start:
            name = text[span.start : cut.start()].rstrip()
            name = re.sub(r"\s+(?:và|va)$", "", name)
            span = Span(name, span.start, span.start + len(name), span.kind, span.role or _list_role(text, cut))
        if cut and cut.start() <= span.start:
            continue
        out.append(span)
    return out


# Verbs that open a task, capitalised when the clause runs its addressee and first task together.
_TASK_VERBS = ("day manh ", "trien khai ", "tang cuong ", "thuc hien ", "tiep tuc ", "nang cao ", "to chuc thuc hien ",
               "xay dung ", "ra soat ", "tuyen truyen ")
# After a comma, the rest of a name "A, B và C" (two words at most, then "và" and a capital).
_COMMA_NAME = re.compile(r"\s+[A-ZĐ][^\s,;.]*(?:\s+[^\s,;.]+)?\s+(?:và|va)\s+[A-ZĐ]")
_RUN_GAP = re.compile(r"\s*(?:,|;|,?\s*và)\s*")


def agency_run(text: str, spans: list[Span]) -> Span | None:
    """The agencies that open ``text`` together, as one span ("Sở Thông tin và Truyền thông,
    Đài Phát thanh và Truyền hình Hưng Yên, Báo Hưng Yên"): names joined only by commas or "và".

    >>> agency_run("Sở Tư pháp, Sở Nội vụ thực hiện", find_agencies("Sở Tư pháp, Sở Nội vụ thực hiện")).text
    'Sở Tư pháp, Sở Nội vụ'
    """
    if not spans:
        return None
    first = last = spans[0]
    for nxt in spans[1:]:
        if not _RUN_GAP.fullmatch(text[last.end : nxt.start]):
            break
        last = nxt
    return Span(text[first.start : last.end], first.start, last.end, "agency", last.role or first.role)


@lru_cache(maxsize=1)
def _agency_heads() -> re.Pattern[str]:
    heads = "|".join(re.escape(h) for h in sorted(_AGENCY_HEADS, key=len, reverse=True))
    return re.compile(rf"(?<![a-z])(?:{heads})(?![a-z])")


def sentences(text: str) -> list[Span]:
    """Sentence-like pieces of a clause (split at ``.`` and ``;`` and line breaks; a colon
    keeps the list it introduces)."""
    out: list[Span] = []
    for m in re.finditer(r"(?:[^.;\n]|\.(?=\d|\.))+(?:[.;]|$|\n)?", text):
        piece = m.group(0)
        if len(piece.strip()) > 3:
            lead = len(piece) - len(piece.lstrip())
            out.append(Span(piece.strip(), m.start() + lead, m.start() + lead + len(piece.strip()), "sentence"))
    return out


def overlap(words: list[str], text: str) -> float:
    """Share of ``words`` (folded) that occur in ``text``.

    >>> overlap(["tieu", "hoc", "giao", "vien"], "chú trọng nâng cao chất lượng giáo dục tiểu học")
    0.75
    """
    if not words:
        return 0.0
    hay = set(folded_terms(text))
    return sum(1 for w in words if w in hay) / len(words)


def window(text: str, start: int, limit: int = 280) -> str:
    """At most ``limit`` characters of ``text`` from about ``start``, cut at word boundaries."""
    if len(text) <= limit:
        return text
    tail = start >= len(text) - limit
    start = max(0, min(start, len(text) - limit))
    if start > 0 and not text[start - 1].isspace():
        # Back to the word's start, except for a window clamped to the text's end: going back
        # would push its last word out (the end is where a long clause's answer usually is).
        nxt = text.find(" ", start)
        start = nxt + 1 if tail and nxt >= 0 else text.rfind(" ", 0, start) + 1
    piece = text[start : start + limit]
    if start + limit < len(text):
        piece = piece.rsplit(" ", 1)[0] + " …"
    return ("… " if start > 0 else "") + piece


def addressee(text: str, heading: str = "") -> Span | None:
    """The agency a clause is addressed to: its own opening words or its parent heading.

    >>> addressee("2.3. Phòng Tư pháp chủ trì tham mưu …").text
    'Phòng Tư pháp'
    >>> addressee("Hướng dẫn, kiểm tra việc rà soát …", "2 › 2.9. Phòng Lao động, Thương binh và Xã hội huyện").text
    'Phòng Lao động, Thương binh và Xã hội huyện'
    >>> addressee("Tham mưu UBND huyện ban hành kế hoạch") is None
    True
    """
    opening = re.sub(r"^\s*(?:[IVX]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\))\s*", "", text[:160])
    found = find_agencies(opening)
    # "Tham mưu UBND huyện …" opens with a task: the name after it is not the addressee.
    led_by_task = bool(_role_at(opening)) or fold(opening).startswith(("giao ", "de nghi "))
    if found and found[0].start < 12 and not led_by_task:
        run = agency_run(opening, found)  # "Sở A, Đài B, Báo C đẩy mạnh …": all three
        role = run.role or _role_at(opening[run.end:])
        return Span(run.text, 0, 0, "agency", role)
    if heading:
        last = heading.split(" › ")[-1]
        found = find_agencies(re.sub(r"^\s*(?:\d+(?:\.\d+)*\.?|[a-zđ]\))\s*", "", last))
        if found:
            role = _role_at(re.sub(r"^\s*[-–•]\s*", "", text))
            return Span(found[0].text, 0, 0, "agency", role or found[0].role)
    return None


def _role_at(text: str) -> str:
    return _role_opening(fold(text).lstrip(" ,:-"))


def _role_opening(after: str) -> str:
    """The role a folded text opens with ("chu tri, phoi hop …" → "chủ trì"), or "".

    >>> _role_opening("chu tri, phoi hop voi"), _role_opening("tham gia")
    ('chủ trì', '')
    """
    return next((label for key, label in ROLE_MARKERS.items() if after.startswith(key)), "")
