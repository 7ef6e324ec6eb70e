"""What a question wants besides its type (``rag.qtype``): several documents or bodies, a body of
one kind, the directive that says something, the bodies that achieved a result, a result achieved
rather than a target, or a directive's subject (its title)."""

from __future__ import annotations

import re

from vanban.text import fold


# "những văn bản nào", "các báo cáo nào", "which documents": more than one document may answer.
_SEVERAL_DOCS = re.compile(
    r"\b(?:nhung|cac)\s+(?:van ban|bao cao|thong bao|quyet dinh|nghi dinh|nghi quyet|chi thi|cong van|ke hoach|"
    r"thong tu|to trinh)\s+(?:nao|gi)\b"
    r"|\b(?:which|what)\s+(?:\w+\s+)?(?:documents|decrees|decisions|resolutions|reports|notices|directives|plans)\b")


def asks_several_documents(question: str) -> bool:
    """Whether a reference question asks for documents in the plural.

    >>> asks_several_documents("Mục 1.3 căn cứ vào những văn bản nào?"), asks_several_documents("căn cứ văn bản nào?")
    (True, False)
    >>> asks_several_documents("Which earlier documents does it rest on?")
    True
    """
    return bool(_SEVERAL_DOCS.search(fold(question)))


# "Which provincial department …", "sở nào …": the answer is a department (Sở), not a People's
# Committee; "which ministry", "cơ quan trung ương nào", "bộ nào": a ministry (Bộ).
_BODY_KINDS = (
    # "chỉ số nào", "con số nào" typed without marks ask an index or a figure, not a department.
    ("so", re.compile(r"\b(?:which|what)(?: [a-z]+)? departments?\b|(?<!co )(?<!chi )(?<!con )\bso nao\b")),
    ("bo", re.compile(r"\b(?:which|what)(?: [a-z]+)? ministr(?:y|ies)\b|\bco quan trung uong nao\b"
                      r"|(?<!bo )\bbo nao\b")),
)


def asked_body_kind(question: str) -> str:
    """The first word of the kind of body an agency question asks for ("so", "bo", folded), or "".

    >>> asked_body_kind("Which provincial department leads it?"), asked_body_kind("Sở nào chủ trì?")
    ('so', 'so')
    >>> asked_body_kind("báo cáo cơ quan trung ương nào?"), asked_body_kind("Which ministry receives it?")
    ('bo', 'bo')
    >>> asked_body_kind("Which agency leads it?"), asked_body_kind("có số nào"), asked_body_kind("chi so nao")
    ('', '', '')
    """
    low = fold(question)
    return next((kind for kind, pattern in _BODY_KINDS if pattern.search(low)), "")


# "Văn bản nào yêu cầu …?", "Which directive sets …?": which loaded directive says something.
_ATTRIBUTION = re.compile(
    r"\b(?:van ban|chi thi|ke hoach|cong van)(?: nao| gi)\s+(?:da |co )?(?:yeu cau|quy dinh|de nghi|giao|neu|de ra|"
    r"chi dao|dat ra|noi|nhac|de cap|huong dan)\b"
    r"|\bwhich (?:of the )?(?:loaded )?(?:directives?|documents?|plans?|letters?)\s+(?:requires?|sets?|says?|asks?|"
    r"calls?|assigns?|mentions?|tells?|orders?|demands?|states?)\b"
    # "Văn bản nào gắn …: chỉ thị năm 2023 hay công văn 1138?": the loaded directives offered to choose from.
    r"|\b(?:van ban|chi thi|ke hoach|cong van) nao\b[^?]*\b(?:chi thi|ke hoach|cong van)\b[^?]*\b(?:hay|hoac)\s+"
    r"(?:la\s+)?(?:chi thi|ke hoach|cong van|cv|kh)\b"
    r"|\bwhich (?:document|directive|one|of (?:them|the two))\b[^?]*\b(?:directive|plan|letter)\b[^?]*\bor\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?:directive|plan|letter)\b")


_SEVERAL_BODIES = re.compile(
    r"\b(?:nhung|cac)\s+(?:co quan|phong|so|don vi|ban|to chuc)\b[^?]{0,12}\bnao\b"
    r"|\bwhich\s+(?:[\w'-]+\s+){0,3}(?:agencies|departments|offices|bodies|units|organisations|organizations)\b")


def asks_several_bodies(question: str) -> bool:
    """Whether a question asks for bodies in the plural ("những phòng nào", "which offices").

    >>> asks_several_bodies("những phòng nào được giao chủ trì?"), asks_several_bodies("Phòng nào chủ trì?")
    (True, False)
    >>> asks_several_bodies("Which district offices lead it?")
    True
    """
    return bool(_SEVERAL_BODIES.search(fold(question)))


def asks_attribution(question: str) -> bool:
    """Whether a question asks which directive says something, not a document it cites.

    >>> asks_attribution("Văn bản nào yêu cầu quản lý tốt môi trường khi có doanh nghiệp về đầu tư?")
    True
    >>> asks_attribution("Which of the directives sets a 95% satisfaction target?")
    True
    >>> asks_attribution("căn cứ văn bản nào?")
    False
    >>> asks_attribution("Văn bản nào gắn kết quả CCHC với thi đua: chỉ thị năm 2023 hay công văn của Hớn Quản?")
    True
    >>> asks_attribution("Which one sets a 95% target, the 2023 directive or Hon Quan's letter?")
    True
    >>> asks_attribution("Văn bản nào được căn cứ, nghị định hay thông tư?")  # documents cited, not the loaded ones
    False
    """
    return bool(_ATTRIBUTION.search(fold(question)))


# "Which departments … scored", "Sở nào đạt …": the bodies asked are the ones with the result.
_SCORER = re.compile(r"\bwhich\b[^?]{0,60}\b(?:scored|ranked|rated|got|achieved)\b"
                     r"|\b(?:so|co quan|don vi|xa|huyen|phong|ubnd)\s+nao\s+(?:da\s+)?(?:dat|bi xep loai|xep loai)\b")


def asks_scorer(question: str) -> bool:
    """Whether a question asks which bodies achieved a result (a score, a rating), not a body
    something goes through ("đơn vị đạt dưới 75% gửi báo cáo qua cơ quan nào").

    >>> asks_scorer("Which departments scored below 75%?"), asks_scorer("Sở nào đạt dưới 75%?")
    (True, True)
    >>> asks_scorer("Đơn vị đạt dưới 75% số điểm tối đa phải gửi báo cáo kiểm điểm qua cơ quan nào?")
    False
    """
    return bool(_SCORER.search(fold(question)))


_ACTUAL_Q = re.compile(r"\b(?:thuc te|tren thuc te|da dat duoc|actually|in fact|in practice|(?<!be )achieved|so far)\b"
                       # "Kết quả khảo sát năm 2022 đạt bao nhiêu %": a result, unless it is one to reach.
                       r"|^(?!.*\b(?:phai|can|phan dau|muc tieu|chi tieu|de ra)\b)"
                       r".*\b(?:ket qua|chi so [a-z]+ nam (?:19|20)\d\d)\b.*\bdat (?:duoc )?bao nhieu\b"
                       # "How many initiatives were recognised in 2022?", "đã được công nhận": a count made.
                       r"|\bhow many\b[^?]*\b(?:were|was|have been|has been)\s+(?:\w+ly\s+)?(?:recogni[sz]ed|"
                       r"achieved|completed|awarded|granted|approved)\b|\bda (?:duoc )?(?:cong nhan|hoan thanh)\b")
_TARGET = re.compile(r"\b(?:phan dau|dam bao|it nhat|toi thieu|chi tieu|muc tieu|tro len|at least|target)\b")


def asks_actual(question: str) -> bool:
    """Whether a question asks for a result achieved ("thực tế có bao nhiêu"), not a target.

    >>> asks_actual("năm 2023 huyện thực tế có bao nhiêu sáng kiến"), asks_actual("phải có bao nhiêu sáng kiến")
    (True, False)
    >>> asks_actual("What share of the targets must be achieved?")
    False
    >>> asks_actual("Kết quả khảo sát năm 2022 đạt bao nhiêu %?")
    True
    >>> asks_actual("Kết quả khảo sát phải đạt bao nhiêu %?")
    False
    >>> asks_actual("Chỉ số SIPAS năm 2022 của huyện đạt bao nhiêu phần trăm?")
    True
    >>> asks_actual("How many PAR initiatives were officially recognised in 2022?")
    True
    >>> asks_actual("How many initiatives must be recognised?"), asks_actual("bao nhiêu sáng kiến đã được công nhận")
    (False, True)
    """
    return bool(_ACTUAL_Q.search(fold(question)))


def states_target(text: str) -> bool:
    """Whether a sentence sets a target ("ít nhất 03 sáng kiến", "phấn đấu đạt trên 95%").

    >>> states_target("Đảm bảo trong năm 2023 có ít nhất 03 sáng kiến"), states_target("đã có 05 sáng kiến")
    (True, False)
    """
    return bool(_TARGET.search(fold(text)))


_DOCUMENT = r"(?:chi thi|ke hoach|cong van|cv|kh|ct|van ban|directive|plan|(?:official )?letter|document)"
# "Tóm tắt Công văn 1138", "Summarise Directive 05": the whole directive, in its own subject line.
_SUBJECT = re.compile(r"\b(subject line|trich yeu)\b|\bve (noi dung|van de|viec) gi\b"
                      r"|\bwhat is (the )?[\w\s/.-]{0,60}?\babout\s*\?"
                      rf"|\b(?:tom tat|tom luoc|noi dung chinh (?:cua )?)\s*{_DOCUMENT}\b"
                      rf"|\bsummar(?:is|iz)e (?:the )?{_DOCUMENT}\b|\b(?:main point|gist) of (?:the )?{_DOCUMENT}\b"
                      # "Which period does Directive 05 cover?": its title says ("năm 2019 và những năm tiếp theo").
                      rf"|\b(?:which|what) (?:period|years?|time ?frame)s? does (?:[\w'/.-]+ ){{0,4}}{_DOCUMENT}\b"
                      r"[\w\s'/.-]{0,60}\bcover\b"
                      rf"|\b{_DOCUMENT}\b[^?]{{0,40}}\b(?:ap dung|danh) cho (?:giai doan|thoi ky|nhung nam) nao\b")


def asks_subject(question: str) -> bool:
    """True when a question asks what a directive is about (its title, the ``V/v`` line).

    >>> asks_subject("Kế hoạch 8607 là kế hoạch về nội dung gì?"), asks_subject("Who signed it?")
    (True, False)
    >>> asks_subject("Tóm tắt Công văn 1138"), asks_subject("Summarise Directive 05 in one sentence")
    (True, True)
    >>> asks_subject("Tóm tắt nhiệm vụ của Sở Nội vụ theo Chỉ thị 05")  # its duties, not the directive
    False
    >>> asks_subject("Which period does Directive 05 cover?"), asks_subject("chỉ thị 05 áp dụng cho những năm nào")
    (True, True)
    """
    return bool(_SUBJECT.search(fold(question)))
