"""What a question wants besides its type (``rag.qtype``): several documents or bodies, a body of
one kind, the directive that says something, or the bodies that achieved a result."""

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
