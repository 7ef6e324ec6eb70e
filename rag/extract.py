"""Pure extractors that find answer spans in clause text: question types, agencies with their
roles, dates and deadlines, percentages and counts, document symbols, best sentences.

Every extractor matches on the folded text (no diacritics, lower case) so that OCR clauses
without diacritics and repaired clauses behave the same, and returns spans of the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rag.query import EN_MONTHS
from vanban.text import fold, folded_terms

QTYPES = ("person", "date", "number", "reference", "agency", "list", "fact")
# Folded wordings that ask in what capacity a directive was signed ("ký với tư cách gì", "in what
# capacity did … sign"): the signature block answers them too, with the signer's title.
CAPACITY_ASKED = (r"ky [^?]{0,60}\b(?:voi )?(?:tu cach|chuc danh|chuc vu)\b|(?:tu cach|chuc danh|chuc vu) [^?]{0,40}\bky\b|"
                  r"in (?:what|which) capacity|(?:what|which) (?:position|title|post|office) did [^?]{0,80}\b(?:hold|have|sign)|"
                  r"sign(?:ed)? [^?]{0,40}\bas what")
# Folded wordings that ask who signed a directive: a "person" question, about the signature block.
SIGNER_ASKED = (r"ai ky|ai da ky|nguoi ky|ky ban hanh|ky van ban|who signed|signed by|signer|signatory|"
                r"ky [^?]{0,40}\bla ai|[a-z]+ nao (?:\([^)?]{0,30}\) )?ky|on whose behalf|"
                r"(?:did|does|has) [^?]{0,60}\bsign(?:ed)?|" + CAPACITY_ASKED)
# "Chủ tịch UBND huyện Hớn Quản là ai?", "Who is the chairwoman of …?": the holder of a role, which a
# directive names only in its signature block ("CHỦ TỊCH <name>").
_ROLES = r"(?:pho )?(?:chu tich|truong phong|giam doc|truong ban|chanh van phong|bi thu)"
_ROLE_HOLDER = re.compile(rf"\b({_ROLES})\b[^?]{{0,70}}\bla ai\b|\bai (?:la|lam) ({_ROLES})\b"
                          r"|\b(pho chu tich)\b[^?]{0,40}\bnao\b")
_ROLE_HOLDER_EN = re.compile(r"\bwho (?:is |was )?(?:the )?(vice[ -]|deputy )?(chair(?:man|woman|person|s|ed)?|head|director)\b")
_EN_ROLES = {"head": "truong", "director": "giam doc"}


def role_held(question: str) -> str:
    """The role whose holder a question asks for, folded ("chu tich", "pho chu tich", "truong phong"), or "".

    >>> role_held("Chủ tịch UBND huyện Hớn Quản là ai?"), role_held("Who was the vice-chairman of the province?")
    ('chu tich', 'pho chu tich')
    >>> role_held("truong phong noi vu huyen la ai"), role_held("Who was head of the Home Affairs Office?")
    ('truong phong', 'truong')
    >>> role_held("Who chairs the council?"), role_held("Who heads the survey?")  # a verb, not a role
    ('chu tich', '')
    >>> role_held("Ai ký Công văn 1138?"), role_held("Chủ tịch UBND huyện làm gì?")
    ('', '')
    """
    low = fold(question)
    if m := _ROLE_HOLDER.search(low):
        return next(g for g in m.groups() if g)
    if m := _ROLE_HOLDER_EN.search(low):
        vice, role = m.groups()
        return ("pho " if vice else "") + _EN_ROLES.get(role, "chu tich")
    return ""


_LIST_RULE = (r"\b(nhung gi|nhung nhiem vu|gom nhung|bao gom nhung|cac nhiem vu nao|nhung noi dung|nhung linh vuc|"
             r"nhung ky|cac ky|what tasks|which tasks|what are the|list the|which areas|what areas|"
             r"nhung [a-z]+(?: [a-z]+){0,2} nao|nhung ai|(?:which|what)(?: [a-z]+){0,3} (?:areas|fields|tasks|forms|measures|"
             r"contents|places|sectors|items|kinds|types|activities|procedures|services|practices|platforms|"
             r"spheres|weaknesses|shortcomings|irregularities|requirements|qualities|duties|things|intervals))\b")
_GIVEN_DATE = re.compile(rf"\b\d{{1,2}}/\d{{1,2}}/(?:19|20)\d\d\b|\b\d{{1,2}} (?:{'|'.join(EN_MONTHS)})\b")
# "Cơ quan, đơn vị nào", but not "loại cơ quan, đơn vị nào": a kind of body is a fact.
_BODY_WHICH = (r"(?<!loai )co quan(?: cap [a-z]+| [a-z]+){0,2} nao"
               r"|(?<!loai )(?<!loai co quan )(?<!loai co quan, )don vi nao")
# A word between "which" and its noun that is not the question's verb ("which Hớn Quản office",
# "which 2019 directive", but not "which tasks does the office …").
_NOT_VERB = r"(?!(?:does|do|did|is|are|was|were|must|should|can|will|has|have|had)\b)[a-z0-9']+"
_QTYPE_RULES = [
    # "Why did many criteria score low?": a reason, whatever else it mentions.
    ("fact", r"\b(?:why|vi sao|tai sao|ly do (?:gi|nao)|for what reason)\b"),
    ("agency", r"\b(" + _BODY_WHICH + r"|phong nao|(?<!co )so nao|to chuc nao|"
               r"which (?:(?:provincial|district|state|government|specialised|specialized|local|" + _NOT_VERB + r") ){0,2}"
               r"(?:agency|agencies|department|departments|office|offices|unit|units|body|bodies))\b"),
    ("person", rf"\b({SIGNER_ASKED}|ky thay mat|who (?:has |had )?signed|"
               r"ai (?:la|lam|giu chuc) (?:truong|pho|giam doc|chu tich)|"
               r"who (?:is|was) (?:the )?(?:head|chair(?:man|woman|person)?|director|chief|vice)|who chairs|"
               r"which (?:vice[ -])?(?:chairman|chairwoman|chairperson|chair|director|deputy|official|person|leader))\b|"
               + _ROLE_HOLDER.pattern),  # "Chủ tịch UBND huyện … là ai?": see role_held
    ("date", r"\b(khi nao|ngay nao|bao gio|thoi han|han chot|thoi gian hoan thanh|hoan thanh truoc|truoc ngay nao|"
             r"ngay ban hanh|ban hanh ngay|ngay thang nam|what date|which date|deadline|by when|due date|"
             r"what day|issued on|dated|by what date|thoi gian nao|thoi diem nao|luc nao|quy nao|"
             r"in which quarter|ngay bao nhieu|(?:mang )?ngay thang nao|(?:what|which) is the date|(?:ban hanh|ky)(?: vao)? nam nao|"
             r"(?:in )?(?:what|which) year (?:was|were|did))\b|^\s*(when|by when)\b"),
    ("number", r"\b(bao nhieu|bao lau(?! mot lan)|how long(?! apart)|thu may|xep hang|xep thu|how many|how much|what percent|percentage|what share|what rate|"
               r"what proportion|how large|score|rank|ranked|what (?:[\w-]+ )?(?:target|threshold)|"
               r"what (?:[\w-]+ ){1,4}(?:rate|share|percentage|proportion))\b"),
    ("reference", r"\b((?<!loai )van ban nao|nghi dinh nao|quyet dinh nao|chi thi nao|nghi quyet nao|thong bao nao|"
                  r"(?:quyet dinh|nghi dinh|nghi quyet|chi thi|thong bao|cong van|ke hoach|van ban) so (?:may|nao)|"
                  r"cong van nao|to trinh nao|bao cao nao|(?<!chi )so hieu(?! qua)|so ky hieu|which decree|which decision|"
                  r"which document|what document|which resolution|which report|legal basis|what number|which number|"
                  r"(?:what|which) is the (?:document |reference )?number|"
                  r"(?:which|what)(?: " + _NOT_VERB + r")? "
                  r"(?:decrees?|decisions?|resolutions?|reports?|directives?|"
                  r"submissions?|ordinances?|laws?|circulars?|notices?)|based on)\b"),
    ("agency", r"\b(" + _BODY_WHICH + r"|phong nao|(?<!co )so nao|ai chiu trach nhiem|ai chu tri|ai phoi hop|"
               r"ai tham muu|ai (?:duoc )?giao|ai (?:lo|phu trach|dam nhiem|dam trach)|(?:phong|so|ban) nao phu trach|"
               r"cap nao|to chuc nao|which agency|which department|which office|"
               r"which unit|which body|which organi[sz]ation|who leads|who is responsible|who coordinates|"
               r"who must|who should|who is in charge|who advises|who is assigned|who|whom|"
               r"truoc ai|bao cao (?:cho )?ai|gui (?:cho |ve )?ai)\b"),
    ("list", _LIST_RULE),
]

# "What … to individuals who …": "who" after a noun opens a relative clause when another question
# word came first; it asks nothing.
_WH_EN = re.compile(r"\b(?:what|which|how|when|where|why|whom?|whose)\b")
_RELATIVE_WHO = re.compile(r"(?<=[a-z]) whom?\b")

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
_DATE = re.compile(
    r"(?:(?:truoc|trong|tu|den|cham nhat|han)\s+)?(?:ngay\s*)?(?<![\d/])\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?(?![\d/])"
    r"|(?:truoc\s+|trong\s+)?quy\s+[ivx1l]{1,4}\s+nam\s+\d{4}"
    r"|(?:ngay\s*\(?\s*)?(?<![\d/])\d{1,2}\s+thang\s+\d{1,2}(?:\s+nam\s+\d{4})?"
    r"|thang\s+\d{1,2}\s+nam\s+\d{4}"  # a day the scan lost ("ngày /2 tháng 01 năm 2022"): month and year
    r"|\d{1,3}\s+ngay\s+lam\s+viec"
)
_WORKING_DAYS = re.compile(r"\d{1,3}\s+ngay\s+lam\s+viec")
_PERCENT = re.compile(r"(?:(?:tren|duoi|it nhat|toi thieu|toi da|dat|tu)\s+)?\d{1,3}(?:[.,]\d+)?\s*%(?:\s+tro\s+len)?")
_ORDINAL = re.compile(r"\blan\s+thu\s+(?:nhat|hai|ba|tu|nam|sau|bay|tam|chin|muoi(?:\s+[a-z]+)?|\d{1,3})\b"
                      r"(?:[^.;\n]{0,60}?\bkhoa\s+[ivxl]+\b)?")
_COUNT = re.compile(r"(?:(?:it nhat|toi thieu|toi da|tren|duoi)\s+)?\b\d{1,4}\s+[a-z]+(?:\s+[a-z]+)?")
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


def qtype(question: str) -> str:
    """The type of answer a question wants.

    >>> qtype("Cơ quan nào chủ trì khảo sát SIPAS?"), qtype("Which provincial department must monitor it?")
    ('agency', 'agency')
    >>> qtype("cơ quan cấp tỉnh nào giữ Bộ phận một cửa hoạt động?"), qtype("bố trí công chức dựa trên cơ sở nào?")
    ('agency', 'fact')
    >>> qtype("ai lo viec tham muu giai phap khac phuc ho so qua han o huyen")
    'agency'
    >>> qtype("When must reports be sent?"), qtype("Công văn 1138 ngày bao nhiêu?"), qtype("What is the date of it?")
    ('date', 'date', 'date')
    >>> qtype("Tỷ lệ người dân hài lòng phải đạt bao nhiêu?")
    'number'
    >>> qtype("Ai ký Công văn 1138/UBND-NC?"), qtype("Chủ tịch UBND tỉnh ký chỉ thị 05 là ai?")
    ('person', 'person')
    >>> qtype("Công văn 1138 do Chủ tịch UBND huyện nào ký?"), qtype("On whose behalf was Plan 8607 signed?")
    ('person', 'person')
    >>> qtype("Which document did Phan Thị Kim Oanh sign?"), qtype("Which decree did the directive cite?")
    ('person', 'reference')
    >>> qtype("What coverage target does the plan set for online public services?")
    'number'
    >>> qtype("nhung viec nao trong cong van 1138 co han hoan thanh truoc 30/11/2023")
    'list'
    >>> qtype("chi thi yeu cau ra soat loai van ban nao")  # a kind of document, not a document
    'fact'
    >>> qtype("ung dung iso 9001 vao nhung loai co quan don vi nao")  # kinds of body, not bodies
    'fact'
    >>> qtype("According to Directive 05, why had many criteria failed to score well?")
    'fact'
    >>> qtype("What should happen to individuals who commit violations?"), qtype("To whom must it report?")
    ('fact', 'agency')
    >>> qtype("Which Hớn Quản office leads it?"), qtype("Which 2019 directive does it implement?")
    ('agency', 'reference')
    >>> qtype("Which tasks does the office lead?"), qtype("ban hanh ke hoach cham nhat bao lau")
    ('list', 'number')
    """
    low = fold(question)
    first = _WH_EN.search(low)
    if first and not first.group(0).startswith("who"):
        low = _RELATIVE_WHO.sub(" that", low)
    for name, pattern in _QTYPE_RULES:
        if re.search(pattern, low):
            if name == "date" and _GIVEN_DATE.search(low) and re.search(_LIST_RULE, low):
                return "list"  # "Những việc nào có hạn trước 30/11/2023?": the date is given, the tasks asked
            return name
    return "fact"


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
        role = next((label for key, label in ROLE_MARKERS.items() if after.startswith(key)), "")
        if not role:
            before = low[max(0, m.start() - 12) : m.start()].rstrip(" (")
            role = next((label for key, label in ROLE_BEFORE.items() if before.endswith(key)), "")
        spans.append(Span(name, m.start(), m.start() + len(name), "agency", role))
    return tuple(spans)


# Verbs that open a task, capitalised when the clause runs its addressee and first task together.
_TASK_VERBS = ("day manh ", "trien khai ", "tang cuong ", "thuc hien ", "tiep tuc ", "nang cao ", "to chuc thuc hien ",
               "xay dung ", "ra soat ", "tuyen truyen ")
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
