"""Checks that the evidence found can answer what was asked, before an answer is given: a number
that measures what is asked, a count of what the question counts, an agency or topic the sentence
names (``rag/unknown.py`` refuses questions about what no directive mentions; ``rag/nearmiss.py``
holds the checks on the retrieved clauses themselves).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from rag import extract
from rag.qtype import HOW_MANY, TERSE_COUNTED
from rag.query import detect_lang
from vanban.text import fold, folded_terms

_AGENCIES = Path(__file__).resolve().parent / "data" / "agencies.tsv"

_MONEY = re.compile(r"\b(kinh phi|ngan sach|muc thuong|bao nhieu tien|funding|budget|money|how much money|allocate|"
                    r"bonus|reward amount|cost|le phi|chi phi|muc phi|muc thu|fees?|charges?|price)\b")
CURRENCY = re.compile(r"\d[\d.,]*\s*(?:trieu|ty|nghin)?\s*(?:dong|vnd)\b|\d[\d.,]*\s*(?:trieu|ty)\b")
_PERCENT_Q = re.compile(r"\b(phan tram|ty le|percent|percentage|rate|proportion|share of|threshold|nguong)\b"
                        r"|\b(?:what|which)\s+(?:[a-z]+\s+)?share\b|%")
_ORDINAL_Q = re.compile(r"\b(lan thu may|hoi nghi thu may|khoa may|which session|what session|which plenum|which plenary)\b")
# "điểm" is a score, except as a point's label ("điểm a mục II.1").
_SCORE_Q = re.compile(r"\b(diem(?! [a-z]\b| [0-9]+\.?[a-z]?\b)|score|xep hang|xep thu|thu (?:hang )?may|"
                      r"thu hang bao nhieu|rank|ranked|ranking)\b")
# A span of time: "<n> ngày (làm việc)", "03 tháng".
_SPAN_Q = re.compile(r"\b(?:bao lau|how long|how soon|processing time)\b")
_COUNT_Q = re.compile(r"\b(?:bao nhieu|how many|(?:what|the) number of|" + HOW_MANY + r")"
                      r"\s+([a-z]+(?:\s+[a-z]+)?)")
_GENERIC = {"nam", "ngay", "lan", "nguoi", "cai", "the", "a", "of", "in", "is", "are"}
# "Mỗi xã phải đăng ký bao nhiêu sáng kiến": a quota for each body, which a figure for the whole
# district ("trong năm 2023 có ít nhất 03 sáng kiến") is not.
_BODIES = r"(?:xa|phuong|thi tran|huyen|so|nganh|co quan|don vi|phong|dia phuong)"
_PER_BODY_Q = re.compile(rf"\b(?:moi|tung) {_BODIES}\b|\b(?:each|per|every) (?:commune|ward|township|district"
                         r"|department|agency|unit|office|locality)\b")
_PER_BODY = re.compile(rf"\b(?:moi|tung) {_BODIES}\b|/\s*{_BODIES}\b")  # "mỗi" folds like "mới"
# "Bao nhiêu ngày?" counts days: a number of something else does not answer it.
_TIME_UNITS = {"ngay": "ngay", "thang": "thang", "tuan": "tuan", "gio": "gio", "days": "ngay", "months": "thang",
               "weeks": "tuan", "hours": "gio"}



def _pairs(text: str) -> set[str]:
    terms = [w for w in folded_terms(text) if w not in _PAIR_STOP]
    return {f"{a} {b}" for a, b in zip(terms, terms[1:])}


_PAIR_STOP = {"va", "cac", "cua", "la", "duoc", "phai", "dat", "tren", "duoi", "toi", "thieu", "it", "nhat", "bao",
              "nhieu", "the", "of", "what", "which", "must", "be", "is", "a"}


def _measures(question: str, sentence: str, span: extract.Span, translations: tuple[str, ...]) -> bool:
    """Whether a percentage measures what the question asks about: two adjacent question words
    stand among the few words around it ("95% người dân hài lòng" for "tỷ lệ hài lòng"), not a
    share of something else ("75% số điểm" for "tỷ lệ hồ sơ đúng hạn")."""
    before = folded_terms(sentence[: span.start])[-5:]
    after = folded_terms(sentence[span.end :])[:7]
    window = " ".join(before + folded_terms(span.text) + after)
    if detect_lang(question) == "en":
        # An English question is compared through its Vietnamese glossary terms, if it has any;
        # a sentence's only percentage measures what the sentence speaks of.
        keys = [" ".join(folded_terms(t)) for t in translations]
        if sum(s.kind == "percent" for s in extract.find_numbers(sentence)) == 1:
            window = " ".join(folded_terms(sentence))
        return not keys or any(f" {k} " in f" {window} " for k in keys)
    return bool(_pairs(question) & _pairs(window))


def number_evidence_ok(question: str, sentence: str, translations: tuple[str, ...] = ()) -> bool:
    """Whether a sentence holds the kind of number a question asks for.

    >>> number_evidence_ok("Kế hoạch giao bao nhiêu kinh phí?", "bố trí kinh phí 13 nội dung, đồng thời")
    False
    >>> number_evidence_ok("Kế hoạch giao bao nhiêu kinh phí?", "kinh phí 500 triệu đồng")
    True
    >>> number_evidence_ok("Tỷ lệ hài lòng phải đạt bao nhiêu?", "đạt trên 95% người dân hài lòng")
    True
    >>> number_evidence_ok("Có ít nhất bao nhiêu sáng kiến?", "có ít nhất 03 sáng kiến được công nhận")
    True
    >>> number_evidence_ok("phan dau tang may bac", "chậm nhất 15 ngày làm việc sau")  # "mấy bậc" counts ranks
    False
    >>> number_evidence_ok("Huyện có bao nhiêu xã?", "UBND các xã, thị trấn thực hiện")
    False
    >>> number_evidence_ok("Nghị quyết 18 của hội nghị lần thứ mấy, khóa mấy?", "Hội nghị lần thứ sáu Ban Chấp hành khóa XII")
    True
    >>> number_evidence_ok("so nguoi dan tham gia khao sat la bao nhieu", "tuyên truyền về 08 nội dung của PAPI")
    False
    >>> number_evidence_ok("Tỉnh có bao nhiêu đơn vị hành chính cấp xã?", "1 các đơn vị")
    False
    >>> number_evidence_ok("Rút ngắn thời gian giải quyết xuống còn bao nhiêu ngày?", "vấn đề 6 nhiễm môi trường")
    False
    >>> number_evidence_ok("Kéo dài bao nhiêu tháng?", "rút ngắn 03 tháng so với quy định")
    True
    >>> number_evidence_ok("Chậm nhất bao lâu?", "chậm nhất 15 ngày làm việc"), number_evidence_ok("How long?", "08 nội dung")
    (True, False)
    >>> number_evidence_ok("tinh xep thu bao nhieu", "báo cáo 6 tháng đầu năm")  # a rank, not a count
    False
    >>> number_evidence_ok("huyen dung thu hang may", "đạt trên 95% người dân hài lòng")
    False
    >>> number_evidence_ok("Điểm a mục II.1 nêu bao nhiêu lĩnh vực?", "trên 8 lĩnh vực Chỉ số PAPI")  # a label
    True
    >>> number_evidence_ok("How many PAPI areas are listed?", "trên 8 lĩnh vực Chỉ số PAPI", ("lĩnh vực",))
    True
    >>> number_evidence_ok("What target share of dossiers must be handled online?", "mức độ 3, 4 và dịch vụ")
    False
    >>> number_evidence_ok("Lệ phí cấp giấy chứng nhận là bao nhiêu?", "giải quyết vấn đề 6 nhiễm môi trường")  # a fee
    False
    >>> number_evidence_ok("self-criticism report threshold component score", "điểm thành phần lĩnh vực cải cách thủ "
    ...                    "tục hành chính đạt dưới 75% số điểm tối đa gửi báo cáo kiểm điểm", ("báo cáo kiểm điểm",))
    True
    >>> number_evidence_ok("How many departments scored below 75%?", "đạt dưới 75% số điểm", ("sở",))
    False
    >>> number_evidence_ok("mỗi xã phải đăng ký tối thiểu bao nhiêu sáng kiến", "có ít nhất 03 sáng kiến mới")
    False
    >>> number_evidence_ok("mỗi xã phải đăng ký tối thiểu bao nhiêu sáng kiến", "mỗi xã có ít nhất 01 sáng kiến")
    True
    >>> number_evidence_ok("Tỷ lệ kiến nghị về tài chính, ngân sách phải thực hiện là bao nhiêu?",
    ...                    "thực hiện 100% các kiến nghị sau thanh tra về tài chính, ngân sách")
    True

    Args:
        question: The question as typed.
        sentence: The candidate sentence.
        translations: Vietnamese glossary terms of an English question: its counted noun
            ("areas") is looked for as their translation ("lĩnh vực").
    """
    q, text = fold(question), fold(sentence)
    if _PER_BODY_Q.search(q) and not _SPAN_Q.search(q) and not _PER_BODY.search(text):
        return False
    if _MONEY.search(q) and not _PERCENT_Q.search(q):  # "what share of the budget …" wants a percentage
        return bool(CURRENCY.search(text))
    if _ORDINAL_Q.search(q) and not re.search(r"\bxep hang\b|\brank", q):
        return any(s.kind == "ordinal" for s in extract.find_numbers(sentence))
    if _SCORE_Q.search(q) and not _PERCENT_Q.search(q):
        return bool(re.search(r"\b(diem|hang|thu)\s+\d|\d+[.,]\d+\s*diem|\d+\s*/\s*\d+\s*tinh", text))
    spans = extract.find_numbers(sentence)
    count = _COUNT_Q.search(q)
    # "How many departments scored below 75%?": the percentage is given, a count is asked.
    stated = count and not _PERCENT_Q.search(count.group(1)) and not _PERCENT_Q.search(re.sub(r"\d+\s*%", " ", q))
    if _PERCENT_Q.search(q) and not stated:
        return any(s.kind == "percent" and _measures(question, sentence, s, translations) for s in spans)
    counts = [re.sub(r"^\D*\d+\s+", "", fold(s.text)).split() for s in spans if s.kind == "count"]  # counted nouns
    if _SPAN_Q.search(q):
        return any(c[:1] in ([u] for u in {*_TIME_UNITS.values(), "nam"}) for c in counts)
    m = count or re.search(r"\bso\s+([a-z]+(?:\s+[a-z]+)?)\b(?=.*\bbao nhieu\b)"
                                        rf"|^\W*so ({TERSE_COUNTED})\b", q)
    if m:
        asked = m.group(m.lastindex)
        noun = [w for w in asked.split() if w not in _GENERIC]
        if unit := _TIME_UNITS.get(asked.split()[0]):
            return any(c[:1] == [unit] for c in counts)
        # "bao nhiêu đơn vị" needs "<n> đơn vị", not "<n> các đơn".
        nouns = [noun] + [fold(t).split() for t in translations]
        return any(c[: len(n)] == n for c in counts for n in nouns if n) if noun else bool(counts)
    return bool(spans)


@lru_cache(maxsize=4096)
def _name_key(text: str) -> str:
    """Folded words of a name without "và" and punctuation: "Giáo dục — Đào tạo" = "Giáo dục và Đào tạo"."""
    words = (_ACRONYMS.get(w, w) for w in folded_terms(text))
    # Dashes and other marks vary between copies ("Văn hóa - Thông tin", "Văn hóa — Thông tin").
    return " ".join(w for w in " ".join(words).split() if w != "va" and any(ch.isalnum() for ch in w))


_ACRONYMS = {"ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan", "tt&tt": "thong tin truyen thong",
             "mttq": "mat tran to quoc"}


@lru_cache(maxsize=1)
def agency_names() -> tuple[str, ...]:
    """Keys of the named agencies of ``rag/data/agencies.tsv``, longest first."""
    lines = _AGENCIES.read_text(encoding="utf-8").splitlines()
    keys = {_name_key(line) for line in lines if line.strip() and not line.startswith("#")}
    return tuple(sorted(keys, key=len, reverse=True))


def named_agencies(text: str, extra: tuple[str, ...] = ()) -> list[str]:
    """Named agencies a question speaks of (name keys), with or without diacritics.

    >>> named_agencies("ke hoach papi 2023 giao so y te chu tri nhiem vu gi")
    ['so y te']
    >>> named_agencies("Phòng Giáo dục và Đào tạo, Sở Nội vụ và các sở, ban, ngành")
    ['phong giao duc dao tao', 'so noi vu']
    >>> named_agencies("Chỉ số CCHC của các sở")
    []

    Args:
        text: The question.
        extra: Vietnamese agency names found for it otherwise (glossary terms of an English question).
    """
    key = f" {_name_key(text)} "
    found: list[tuple[int, str]] = []
    for name in agency_names():
        at = key.find(f" {name} ")
        if at >= 0:
            found.append((at, name))
            key = key[:at] + " " + "#" * len(name) + " " + key[at + len(name) + 2 :]
    names = [n for _, n in sorted(found)]
    return list(dict.fromkeys(names + [n for n in map(_name_key, extra) if n in agency_names()]))


def mentions(text: str, name: str) -> bool:
    """Whether ``text`` names the agency ``name`` (a key from ``named_agencies``).

    >>> mentions("2.9. Phòng Giáo dục — Đào tạo huyện chủ trì", "phong giao duc dao tao")
    True
    >>> mentions("Phòng Văn hóa — Thông tin", named_agencies("Phòng Văn hóa - Thông tin huyện")[0])
    True
    >>> mentions("báo cáo UBND huyện (thông qua Phòng Nội vụ)", "so noi vu")
    False
    >>> mentions("giao Văn phòng Ủy ban nhân dân tỉnh", named_agencies("van phong ubnd tinh")[0])
    True
    >>> mentions("(Văn phòng UBND tỉnh và các Sở: Nội vụ, Tài chính, Tư pháp)", "so tu phap")  # a shared head
    True
    """
    if f" {name} " in f" {_name_key(text)} ":
        return True
    return ":" in text and name in _listed_keys(text)


_VIA = re.compile(r"\b(?:qua|ve|gui|cho|len|toi|den|nop|o|tai)$")  # sent to, through, at


def acts(text: str, name: str) -> bool:
    """Whether ``text`` names the agency ``name`` other than as the one things are sent to or go
    through ("báo cáo UBND tỉnh (qua Sở Nội vụ)", "gửi về Phòng Nội vụ"): as one that acts.

    >>> acts("báo cáo kết quả về UBND tỉnh (qua Sở Nội vụ)", "so noi vu"), acts("Sở Nội vụ tổng hợp", "so noi vu")
    (False, True)
    """
    key = f" {_name_key(text)} "
    starts = [m.start() for m in re.finditer(re.escape(f" {name} "), key)]
    if not starts:
        return mentions(text, name)  # named under a shared head, if at all
    return any(not _VIA.search(key[:at].strip()) for at in starts)


def acting(text: str, spans: list[extract.Span]) -> list[extract.Span]:
    """The agencies of ``spans`` that act in ``text`` (``acts``), not those things only go through.

    >>> [s.text for s in acting("báo cáo UBND tỉnh (qua Sở Nội vụ)", extract.find_agencies("UBND tỉnh, Sở Nội vụ"))]
    ['UBND tỉnh']
    """
    return [s for s in spans if acts(text, _name_key(s.text))]


@lru_cache(maxsize=4096)
def _listed_keys(text: str) -> frozenset[str]:
    """Name keys of the agencies listed under a shared head in ``text`` (cached: ``mentions`` reads
    the same clauses for every candidate and named agency)."""
    return frozenset(_name_key(s.text) for s in extract.listed_under_head(text))


# Things a question can ask about that an answer sentence must speak of in its own words: a
# penalty, funding, a document replaced. (question words, evidence words), folded.
_TOPICS = {
    # "Kỷ luật, kỷ cương hành chính" (administrative discipline) is an order kept, not a punishment.
    "sanction": (re.compile(r"\b(penalt\w*|sanction\w*|punish\w*|(?<!administrative )disciplin\w*(?! and order)|"
                            r"fines?|fined|muc phat|che tai|xu phat|hinh thuc xu ly|bi xu ly|ky luat(?!,? ky cuong)|"
                            r"khien trach|canh cao)\b"),
                 # "xử lý" punishes, except of a thing handled: dossiers, documents, information.
                 re.compile(r"\b(ky luat(?!,? ky cuong)|xu ly(?!,? (?:va tra|ho so|van ban|thong tin|tinh trang|"
                            r"phan anh|kien nghi|y kien|cong viec|du lieu|so lieu))|xu phat|phat tien|che tai|truy cuu|"
                            r"khien trach|canh cao|cach chuc|ha bac|giang chuc|mien nhiem)\b")),
    # Which form of discipline ("khiển trách, cảnh cáo hay cách chức"): only a sentence naming a form.
    "sanction form": (re.compile(r"\b(hinh thuc ky luat|muc ky luat|ky luat (?:theo|bang|duoi) hinh thuc|"
                                 r"(?:which|what) (?:form|kind|type) of "
                                 r"(?:disciplin\w*|sanction|penalt\w*)|khien trach|cach chuc|reprimand\w*|dismiss\w*)\b"),
                      re.compile(r"\b(khien trach|canh cao|cach chuc|ha bac|giang chuc|buoc thoi viec|mien nhiem)\b")),
    "funding": (re.compile(r"\b(kinh phi|nguon von|nguon tien|funding|funded|funds|budgetary|"
                           r"(?:what|which) (?:[a-z]+ )?budget|budget (?:source|line)s?)\b"),
                re.compile(r"\b(kinh phi|ngan sach|nguon von|von)\b")),
    "replacement": (re.compile(r"\b(thay the (?:chi thi|ke hoach|cong van|van ban|quyet dinh)|"
                               r"replac\w* (?:which|what|an?|the|any) \w+|supersed\w*)\b"),
                    re.compile(r"\b(?:thay the|bai bo)\s+(?:cho\s+)?(?:chi thi|ke hoach|cong van|quyet dinh|van ban|"
                               r"nghi quyet|thong bao)\b")),
    # The prizes of a contest: the directives have contests held, never their prizes ("khen thưởng" is a
    # commendation, not a prize).
    "prize": (re.compile(r"\b(giai thuong|co cau giai|prizes?|prize money|cash awards?)\b"),
              re.compile(r"\b(giai thuong|giai (?:nhat|nhi|ba|khuyen khich)|tien thuong|phan thuong)\b")),
    # Who came first or last in a ranking: the directives rank the province, never its departments.
    "ranking place": (re.compile(r"\btopped\b|\b(?:ranked|came|placed|finished) (?:first|top|highest|last|bottom)\b"
                                 r"|\b(?:highest|lowest|top|best|worst)[- ]ranked\b"
                                 r"|\bxep (?:thu )?(?:nhat|cuoi bang|dau bang)\b|\bdan dau bang\b"),
                      re.compile(r"\bxep (?:thu|hang) (?:\d+|nhat|cuoi)\b|\bdan dau\b"
                                 r"|\b(?:dung|xep) (?:thu|o vi tri) \d")),
    # Who chairs a council: the directives name councils and their members, not their chairs.
    "council chair": (re.compile(r"\b(?:chairs?|chaired|heads?|presides? over) (?:the |a |this )?(?:[\w-]+ )?council\b"
                                 r"|\b(?:chu tich|truong) hoi dong\b|\blam chu tich hoi dong\b"),
                      re.compile(r"\b(?:chu tich|pho chu tich|truong) hoi dong\b")),
}


def asked_topics(question: str) -> list[str]:
    """The topics of ``_TOPICS`` a question asks about.

    >>> asked_topics("What penalty does Directive 05 set?"), asked_topics("muc phat tien la bao nhieu")
    (['sanction'], ['sanction'])
    >>> asked_topics("bị áp dụng hình thức kỷ luật nào (khiển trách, cảnh cáo hay cách chức)?")
    ['sanction', 'sanction form']
    >>> asked_topics("thì bị xử lý kỷ luật theo hình thức nào?")
    ['sanction', 'sanction form']
    >>> asked_topics("ai kiem tra dot xuat ky luat ky cuong"), asked_topics("inspections of administrative discipline")
    ([], [])
    >>> asked_topics("kinh phi thuc hien ke hoach lay tu nguon nao"), asked_topics("Ai chủ trì khảo sát?")
    (['funding'], [])
    >>> asked_topics("chi thi nam 2023 thay the chi thi nao truoc do")
    ['replacement']
    >>> asked_topics("Cuoc thi tim kiem sang kien co co cau giai thuong the nao?")
    ['prize']
    >>> asked_topics("Which body chairs the council that assesses the PAR index?")
    ['council chair']
    >>> asked_topics("Which department topped the PAR index rankings?"), asked_topics("người đứng đầu cơ quan")
    (['ranking place'], [])
    """
    low = fold(question)
    return [name for name, (asked, _) in _TOPICS.items() if asked.search(low)]


def states_topic(topic: str, text: str) -> bool:
    """Whether a text speaks of a topic of ``_TOPICS`` ("xem xét xử lý kỷ luật" of a sanction).

    >>> states_topic("sanction", "xem xét trách nhiệm, xử lý kỷ luật người đứng đầu")
    True
    >>> states_topic("sanction", "xin lỗi người dân"), states_topic("funding", "bố trí kinh phí để thực hiện")
    (False, True)
    >>> states_topic("sanction", "tiếp nhận, xử lý và trả kết quả"), states_topic("sanction", "xử lý nghiêm những")
    (False, True)
    >>> states_topic("sanction", "tăng cường kỷ luật, kỷ cương hành chính")
    False
    """
    return bool(_TOPICS[topic][1].search(fold(text)))


# The three indices, by acronym or by name, in folded words.
_INDICES = {
    "sipas": ("sipas", "chi so hai long", "hai long cua nguoi dan", "su hai long", "muc do hai long", "citizen satisfaction", "satisfaction index"),
    "papi": ("papi", "hieu qua quan tri va hanh chinh cong", "quan tri va hanh chinh cong"),
    "par index": ("par index", "chi so cai cach hanh chinh", "par-index", "chi so cchc"),
}


def named_indices(text: str) -> list[str]:
    """The indices (SIPAS, PAPI, PAR INDEX) a text names, by acronym or name.

    >>> named_indices("What citizen-satisfaction (SIPAS) target does the plan set?")
    ['sipas']
    >>> named_indices("Nâng cao Chỉ số hiệu quả quản trị và hành chính công năm 2023")
    ['papi']
    """
    low = " ".join(folded_terms(text.replace("-", " ")))
    return [k for k, names in _INDICES.items() if any(f" {' '.join(n.replace('-', ' ').split())} " in f" {low} "
                                                      for n in names)]
