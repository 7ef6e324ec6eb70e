"""What a question asks for, read from its wording: the kind of document, the issuer levels, the
agencies it names, a judgement; and which spans of a sentence answer it. Dates, deadlines and
periods are read in ``rag.when``; a result or a target, and a directive's subject, in ``rag.wants``."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rag import extract
from rag.cited import DOC_KINDS, symbol_kind
from rag.qtype import OWN_NUMBER_EN
from vanban.text import fold

if TYPE_CHECKING:
    from rag.query import Query




def of_asked_type(symbols: list[extract.Span], question: str) -> list[extract.Span]:
    """Symbols of the kind of document the question asks for first ("which report" → ``…/BC-…``).

    >>> spans = [extract.Span("54/TB-UBND", 0, 10), extract.Span("138/BC-UBND", 20, 31)]
    >>> [s.text for s in of_asked_type(spans, "Which district report is item 1.3 based on?")]
    ['138/BC-UBND', '54/TB-UBND']
    """
    asked = asked_kinds(question)
    return sorted(symbols, key=lambda s: symbol_kind(s) not in asked) if asked else symbols


def same_symbol(text: str, number: str) -> bool:
    """Whether a symbol span names the document ``number`` ("8607 /KH-UBND" is 8607/KH-UBND).

    >>> same_symbol("Kế hoạch số 8607 /KH-UBND", "8607/KH-UBND"), same_symbol("Chỉ thị số 06/CT-CTUBND", "05/CT-CTUBND")
    (True, False)
    """
    def key(s: str) -> str:
        m = re.search(r"(\d+)\s*/\s*([\w/.-]+)", fold(s).upper())
        return f"{int(m.group(1))}/{m.group(2)}" if m else ""
    return bool(number) and key(text) == key(number) != ""


def asked_kinds(question: str) -> set[str]:
    """Kinds of document a question asks for; two asked together ("báo cáo và thông báo nào") are both asked.

    >>> sorted(asked_kinds("căn cứ báo cáo và thông báo nào của huyện?")), asked_kinds("Which decree?")
    (['bc', 'tb'], {'nd'})
    """
    low = fold(question)
    every = "|".join(DOC_KINDS.values())
    return {code for code, words in DOC_KINDS.items()
            if re.search(rf"\b(?:{words})s?\s+(?:(?:va|hoac|and|or)\s+(?:{every})s?\s+)?(?:nao|gi|so)\b"
                         rf"|\b(?:{every})s?\s+(?:va|hoac)\s+(?:{words})\s+(?:nao|gi)\b"
                         rf"|\b(?:which|what)\s+(?:[a-z]+\s+)?(?:{words})", low)}


def number_of_kind(question: str) -> set[str]:
    """Kinds of document whose number the question asks outright ("quyết định số mấy", "what is
    the number of the decision"): only a symbol of that kind answers it.

    >>> number_of_kind("Hội đồng được thành lập theo quyết định số mấy?"), number_of_kind("What decision number set it up?")
    ({'qd'}, {'qd'})
    >>> number_of_kind("Theo quyết định nào?"), number_of_kind("Công văn số 1138 giao gì?")
    (set(), set())
    >>> number_of_kind("What is the number of the ordinance that Plan 8607 cites?")
    {'pl'}
    """
    low = fold(question)
    return {code for code, words in DOC_KINDS.items()
            if re.search(rf"\b(?:{words})s?\s+(?:so|number)\s+(?:may|nao|gi)\b|\b(?:{words})s?\s+number\b"
                         rf"|\bnumber of (?:the |that |this )?(?:{words})", low)}


def levels(question: str) -> set[str]:
    """The issuer levels a question asks about ("ở cấp tỉnh … và ở huyện").

    >>> sorted(levels("Which agency leads SIPAS at province level, and which at district level?"))
    ['district', 'province']
    >>> sorted(levels("Cơ quan nào của tỉnh chủ trì?"))
    ['province']
    """
    low = fold(question)
    found = set()
    if re.search(r"\b(tinh|province|provincial)\b", low):
        found.add("province")
    if re.search(r"\b(huyen|district)\b", low):
        found.add("district")
    return found


# "Xét đề nghị của Trưởng phòng Nội vụ", "Theo đề xuất của Sở Nội vụ": the proposer, a post or a body.
_PROPOSED_BY = re.compile(r"\b(?:nghi|xuat) cua(?: (?:truong|giam doc|chu tich|thu truong))?\s*$")
# English questions whose hole is a preposition's object, and the Vietnamese words that stand
# right before the agency answering it: "through which body" → "(thông qua Phòng Nội vụ)".
_EN_HOLES = (
    (re.compile(r"\bthrough (which|what|whom)\b|\bvia (which|what)\b"), re.compile(r"\bqua\s*\(?\s*$")),
    (re.compile(r"\b(works?|working|coordinat\w*|cooperat\w*) with\b|\bwith (which|what|whom)\b"),
     re.compile(r"\bvoi\s*$")),
    # "To whom are heads accountable?": "… chịu trách nhiệm trước <Chủ tịch UBND tỉnh>".
    (re.compile(r"\bto whom\b.*\b(accountable|answerable|responsib\w*)\b|\b(accountable|answerable) to (which|what|whom)\b"),
     re.compile(r"\btruoc\s*$")),
    # "To whom does it report …?": "… báo cáo <Chủ tịch UBND tỉnh>", "gửi về <UBND tỉnh>".
    (re.compile(r"\bto whom\b.*\breport|\breport\w* (?:\w+ ){0,3}to (which|what|whom)\b"),
     re.compile(r"\b(bao cao|gui ve|gui)\s*$")),
    # "Where do we send our reports?": "… gửi về <UBND huyện> (qua <Phòng Nội vụ>)".
    (re.compile(r"\bwhere (?:do|does|should|must|shall|will|can|are|is) (?:[\w'’-]+ ){0,6}?"
                r"(?:send|sent|submit|submitted|report|reported|file|filed)\b"),
     re.compile(r"\b(?:gui ve|gui|nop ve|nop|qua)\s*\(?\s*$")),
    # "At the request of which body …?": "… theo yêu cầu của <Bộ Nội vụ>".
    (re.compile(r"\b(?:at|on|following) (?:the )?(?:request|requirements?|instructions?) of (which|what|whom)\b"
                r"|\b(?:at )?whose (?:request|requirements?|instructions?)\b"
                r"|\b(?:requested|required) by (which|what|whom)\b"),
     re.compile(r"\b(yeu cau|de nghi|chi dao)(?: cua)?\s*$")),
    # "On whose proposal was Letter 1138 issued?": "Xét đề nghị của <Trưởng phòng Nội vụ> tại Tờ trình …".
    (re.compile(r"\bon whose (?:proposal|recommendation|submission)\b"
                r"|\bwho (?:proposed|recommended|submitted|asked for) (?:the |its |this )?"
                r"(?:issu|letter|directive|plan)"),
     _PROPOSED_BY),
)


def en_hole(question: str) -> re.Pattern[str] | None:
    """For an English agency question asked through a preposition, the folded Vietnamese words
    that precede its answer; None for any other question.

    >>> en_hole("Through which body must reports be sent?") is not None, en_hole("Who leads it?")
    (True, None)
    >>> marked_agency("chịu trách nhiệm trước Chủ tịch UBND tỉnh", en_hole("To whom are heads accountable?")).text
    'Chủ tịch UBND tỉnh'
    >>> en_hole("Which unit has to work with the Culture Office?"), en_hole("Which office does it work with?") is None
    (None, False)
    >>> en_hole("Which Hon Quan office leads the work with the land registration office?")
    >>> en_hole("Through which department do the lead agencies report?") is not None
    True
    >>> marked_agency("điều tra hằng năm theo yêu cầu của Bộ Nội vụ", en_hole("at the request of which body?")).text
    'Bộ Nội vụ'

    """
    low = fold(question)
    if _SUBJECT_ASKED.search(low):
        return None  # "which unit has to work with …", "which office leads the work with …": the subject is asked
    return next((marker for asked, marker in _EN_HOLES if asked.search(low)), None)


# Vietnamese agency questions asked through a preposition: the body right after it in a clause.
_VI_BODY = r"(?:co quan|phong|so|bo|don vi|ban|bo phan|ai)"
_VI_HOLES = (
    (re.compile(rf"\b(?:thong )?qua (?:(?:nhung|cac) )?{_VI_BODY}?\s*nao\b|\b(?:thong )?qua ai\b"),
     re.compile(r"\bqua\s*\(?\s*$")),
    (re.compile(rf"\bphoi hop voi (?:(?:nhung|cac) )?{_VI_BODY}?\s*nao\b|\bphoi hop voi ai\b"),
     re.compile(r"\bvoi\s*$")),
    # "báo cáo kết quả về đâu": the body after "về" ("báo cáo kết quả về UBND huyện"; a scan's "về"
    # repaired "và" after a report: "báo cáo kết quả và UBND huyện").
    (re.compile(r"\b(?:bao cao|gui|nop)(?: [\w/.-]+){0,6} ve dau\b"),
     re.compile(r"\b(?:ve|(?:bao cao|ket qua|gui) va)\s*\(?\s*$")),
    # "Ai đề xuất ban hành Công văn 1138?": who proposed the directive itself.
    (re.compile(r"\bai (?:de xuat|de nghi|trinh)\b.*\bban hanh\b|\b(?:theo|xet) de nghi cua (?:ai|co quan nao)\b"),
     _PROPOSED_BY),
)


def vi_hole(question: str) -> re.Pattern[str] | None:
    """For a Vietnamese agency question asked through a preposition ("qua phòng nào", "phối hợp
    với những phòng nào"), the folded words that precede its answer in a clause; else None.

    >>> marked_agency("gửi về UBND cấp huyện (qua Phòng Nội vụ)", vi_hole("ubnd xa gui bao cao qua phong nao")).text
    'Phòng Nội vụ'
    >>> vi_hole("Phòng nào phối hợp với Sở Nội vụ?"), vi_hole("ai chủ trì") is None
    (None, True)
    >>> marked_agency("kiểm tra, báo cáo kết quả về UBND huyện", vi_hole("báo cáo kết quả về đâu?")).text
    'UBND huyện'
    """
    low = fold(question)
    return next((marker for asked, marker in _VI_HOLES if asked.search(low)), None)


def hole(query: Query) -> re.Pattern[str] | None:
    """``en_hole`` or ``vi_hole`` of a question, by its language."""
    return (en_hole if query.lang == "en" else vi_hole)(query.text)


def body_roles(query: Query) -> set[str]:
    """The roles a body holds that a question names through the glossary ("Which agency acts as the
    standing body …" → "co quan thuong truc", folded): a sentence stating one is about that body.

    >>> from rag.query import understand
    >>> body_roles(understand("Which agency acts as the standing body for the plan?"))
    {'co quan thuong truc'}
    """
    return {fold(v) for t in query.terms if t.kind == "role" for v in t.targets if fold(v).startswith("co quan ")}


def asks_lead(question: str) -> bool:
    """Whether a question asks which body leads ("chủ trì", "lead"): a body that acts.

    >>> asks_lead("Sở nào chủ trì khảo sát SIPAS?"), asks_lead("Which office leads it?"), asks_lead("Ai ký?")
    (True, True, False)
    """
    return bool(re.search(r"\bchu tri\b|\blead", fold(question)))


# The wh-word is the subject of "work with"/"lead": the body after "with" is a partner, not the answer.
_SUBJECT_ASKED = re.compile(r"\b(?:which|what|who)\s+(?:[a-z'-]+\s+){0,2}(?:(?:has|have|needs?|is|are) to\s+|must\s+|"
                            r"should\s+)?(?:works?|coordinates?|cooperates?)\s+with\b"
                            # "Which Hon Quan office leads the work with the land office": the lead is asked
                            r"|\b(?:which|what|who)\s+"
                            r"(?:(?!(?:do|does|did|must|should|the|its|their)\b)[a-z'-]+\s+){0,3}"
                            r"(?:leads?|takes the lead|is in charge)\b")


def marked_agency(text: str, marker: re.Pattern[str]) -> extract.Span | None:
    """The first agency of ``text`` that ``marker`` stands right before.

    >>> marked_agency("gửi về UBND huyện (thông qua Phòng Nội vụ) trước ngày 20/6", en_hole("through which office")).text
    'Phòng Nội vụ'
    """
    return next((a for a in extract.find_agencies(text) if marker.search(fold(text[max(0, a.start - 16):a.start]))),
                None)


_AUX = frozenset({"must", "should", "will", "shall", "can", "may", "is", "are", "was", "were", "has", "have", "had",
                  "does", "do", "did", "to", "be", "been", "also", "then", "officially"})
_ASKED_NOUNS = frozenset({"agency", "agencies", "body", "bodies", "unit", "units", "office", "offices", "department",
                          "departments", "authority", "official", "officials", "organisation", "organization"})


def en_agent_verb(question: str) -> tuple[str, ...]:
    """For an English question asking who does something ("who approves …", "which body issues
    …"), the folded Vietnamese forms of that verb, which follow the agency answering it in a
    clause ("… đã được Chủ tịch UBND tỉnh phê duyệt"); () when the verb is not in the glossary.

    >>> en_agent_verb("In the 2023 directive, who approves the internal procedures?")
    ('phe duyet',)
    >>> en_agent_verb("Who is responsible for the survey?"), en_agent_verb("When is the deadline?")
    ((), ())
    """
    from rag.query import en_stem, glossary  # glossary data loads once, on first use

    m = re.search(r"\b(?:who|which|what)\s+([a-z' ]+)", fold(question).lower())
    if not m:
        return ()
    words = [w for w in m.group(1).split() if w not in _AUX and not w.endswith("ly")][:2]  # "must seriously"
    if words and words[0] in _ASKED_NOUNS:
        words = words[1:]
    if not words:
        return ()
    g = glossary()
    term = g.get(words[0]) or next((t for k, t in g.items() if " " not in k and en_stem(k) == en_stem(words[0])), None)
    if term is None or term.kind != "term":
        return ()
    return tuple(dict.fromkeys(fold(t).lower() for t in term.targets))


def agent_of(text: str, verbs: tuple[str, ...]) -> extract.Span | None:
    """The first agency of ``text`` that one of ``verbs`` (folded) follows right after.

    >>> agent_of("quy trình đã được Chủ tịch Ủy ban nhân dân tỉnh phê duyệt", ("phe duyet",)).text
    'Chủ tịch Ủy ban nhân dân tỉnh'
    """
    return next((a for a in extract.find_agencies(text)
                 if fold(text[a.end : a.end + 30]).lower().lstrip(" ,").startswith(verbs)), None) if verbs else None


_ASSESSMENT_Q = re.compile(
    r"\b(?:danh gia|nhan xet|nhan dinh)\b.*\b(?:the nao|ra sao)\b"
    r"|\bhow (?:does|did|do)\b.*\b(?:judge|assess|describe|characteri[sz]e|rate|evaluate)\b"
    r"|\b(?:lacking|lacked|shortcomings?|weakness(?:es)?)\b")
_SHORTCOMING_Q = re.compile(r"\b(?:lack|lacking|lacked|shortcomings?|weakness(?:es)?|limitations?|han che|bat cap"
                            r"|ton tai|yeu kem)\b")
_SHORTCOMING = re.compile(r"\b(?:chua|con cham|han che|bat cap|ton tai|yeu kem)\b")


def asks_assessment(question: str) -> bool:
    """Whether a question asks how the directive judges the situation ("đánh giá … ra sao",
    "what was lacking"): directives give their assessment in the preamble, before the tasks.

    >>> asks_assessment("Chỉ thị 05 đánh giá tình hình thu hút đầu tư ra sao?")
    True
    >>> asks_assessment("How did the directive judge the recruitment of civil servants?")
    True
    >>> asks_assessment("Cơ quan nào đánh giá Chỉ số CCHC?"), asks_assessment("What must be reported?")
    (False, False)
    """
    return bool(_ASSESSMENT_Q.search(fold(question)))


def asks_shortcoming(question: str) -> bool:
    """Whether a question asks about shortcomings ("what was lacking", "hạn chế nào").

    >>> asks_shortcoming("What was lacking in how agencies directed PAR work?"), asks_shortcoming("Who directs PAR?")
    (True, False)
    """
    return bool(_SHORTCOMING_Q.search(fold(question)))


def states_shortcoming(text: str) -> bool:
    """Whether a sentence states a shortcoming ("chưa thực sự quyết liệt", "còn chậm").

    >>> states_shortcoming("công tác chỉ đạo điều hành chưa thực sự quyết liệt")
    True
    >>> states_shortcoming("công tác chỉ đạo đã đi vào nề nếp")
    False
    """
    return bool(_SHORTCOMING.search(fold(text)))


_SYMBOL_Q = re.compile(
    r"\b(?:so hieu|so ky hieu|(?:van ban|quyet dinh|nghi dinh|nghi quyet|chi thi|thong bao|cong van|ke hoach|phap lenh)"
    r" so (?:may|nao|bao nhieu)|what number|which number|" + OWN_NUMBER_EN + r")\b")


def asks_symbol(question: str) -> bool:
    """Whether a question asks for a document's number itself, which only a symbol answers.

    >>> asks_symbol("What is its number?"), asks_symbol("Pháp lệnh đó có số hiệu là gì?")
    (True, True)
    >>> asks_symbol("Which ordinance does Plan 8607 cite?")
    False
    """
    return bool(_SYMBOL_Q.search(fold(question)))


_DUTY_Q = re.compile(
    r"\b(?:giao|yeu cau|bat|de nghi|phan cong)\b(?: \S+){0,6} (?:(?:nhung )?(?:viec|nhiem vu) (?:gi|nao)|gi)\b"
    r"|\blam (?:nhung )?(?:viec )?gi\b|\b(?:vai tro|trach nhiem|nhiem vu) gi\b|\bnhung (?:viec|nhiem vu) (?:gi|nao)\b"
    r"|\bwhat (?:does|do|must|should)\b(?: \S+){0,8} (?:do|want|ask|require|expect|give)\b"
    r"|\bwhat (?:are|is)\b(?: \S+){0,6} (?:tasks|duties|responsibilities|role)\b|\bwhat role\b"
    # "Nhiệm vụ của Sở Nội vụ theo Chỉ thị 05 là gì?", "Tóm tắt nhiệm vụ của …"
    r"|\b(?:nhiem vu|trach nhiem|vai tro)(?: cu the)? (?:cua|danh cho|giao cho)\b(?: \S+){1,10} "
    r"(?:la gi|gom (?:nhung )?gi|the nao|ra sao)\b|\btom tat (?:cac )?(?:nhiem vu|trach nhiem)\b")


def asks_duties(question: str) -> bool:
    """Whether a question asks what a body has to do ("Công văn 1138 giao tôi việc gì",
    "what does Directive 05 want from us"): the clauses addressed to that body answer.

    >>> asks_duties("Tôi làm ở Phòng Tư pháp, Công văn 1138 giao tôi việc gì?")
    True
    >>> asks_duties("What does the commune People's Committee have to do under Plan 8607?")
    True
    >>> asks_duties("snv phai lam gi ve sipas theo ct 05"), asks_duties("Sở nào chủ trì khảo sát SIPAS?")
    (True, False)
    >>> asks_duties("Nhiệm vụ của Sở Nội vụ theo Chỉ thị 05 là gì?"), asks_duties("Tóm tắt nhiệm vụ của Sở Nội vụ")
    (True, True)
    """
    return bool(_DUTY_Q.search(fold(question)))
