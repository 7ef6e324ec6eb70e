"""The catalogue of loaded directives: who issued one ("Công văn 1138 do cơ quan nào ban hành?",
"Who issued Plan 8607?"), what kind of document it is ("8607/KH-UBND là loại văn bản gì?"), which
are loaded, as ingestion read them from the header, preamble and number (``DocumentMeta``), each
cited to the header that identifies the directive; and when and by whom one was signed digitally,
cited to the signature block that shows the stamp."""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.compose import Candidate
from rag.extract import Span
from vanban.records import Chunk, Document, Hit
from vanban.text import fold

_TYPE = r"(?:chi thi|ke hoach|cong van|cv|kh|ct|directive|plan|(?:official )?letter)"
_WHO = r"(?:ai|(?:co quan|cap|don vi|chinh quyen|to chuc)(?: cap)? nao)"  # asked: "ai", "… nào"
_ISSUE = r"(?:ky )?(?:ban hanh|phat hanh|ra)"
_ASKS = re.compile(
    # "Công văn 1138 do cơ quan nào ban hành", "chỉ thị 05 được cấp nào ban hành": the directive is what was issued.
    rf"\b{_TYPE}\b[^,;?]*?\b(?:do|duoc|boi)\s+{_WHO}\s+(?:da\s+)?{_ISSUE}\b"
    rf"|\b{_WHO}\s+(?:da\s+)?{_ISSUE}\s+(?:ra\s+)?{_TYPE}\b|\b{_TYPE}\b[^,;?]*?\bban hanh boi\s+{_WHO}"
    # English: what was issued is a directive ("Who issued Plan 8607?", "… issued 1138/UBND-NC", "… issued it").
    r"|\b(?:who|which (?:authority|body|agency|organ|level(?: of government)?|people's committee)"
    r"|what (?:authority|body|level(?: of government)?))\s+(?:issued|adopted|promulgated)\s+"
    r"(?:it\b|(?:the |this |that )?(?:(?!(?:under|in|of|by|for|to|from|with|according)\b)[\w'-]+ ){0,4}?"
    r"(?:directive|plan|letter|document)\b|\d+\s*/)"
    r"|\bissued by (?:whom|which|what)\b|\bwho is the issuer\b|\b(?:issuing|issuer) (?:body|authority|agency)\b")
# A document the question asks about that no directive is: "văn bản quy phạm pháp luật do cơ quan nào ban hành".
_OTHER = re.compile(r"\b(?:van ban|vb|qppl|vbqppl|quy pham|nghi dinh|quyet dinh|thong bao|nghi quyet|to trinh|"
                    r"bao cao|thong tu|"
                    r"decree|decision|notice|resolution|submission|report|circular|legal documents?)\b")


# "… là (loại) văn bản gì", not "nhiệm vụ giao tại những loại văn bản nào" (documents it speaks of).
_TYPE_ASKED = re.compile(r"\b(?:la|thuoc) (?:loai )?(?:van ban|hinh thuc van ban) (?:gi|nao)\b"
                         r"|\bwhat (?:kind|type|sort) of (?:document|text|instrument)\b")
_TYPE_EN = {"Chỉ thị": "directive", "Kế hoạch": "plan", "Công văn": "official letter"}


def asks_type(question: str) -> bool:
    """Whether a question asks what kind of document a directive is.

    >>> asks_type("Công văn 1138 là loại văn bản gì?"), asks_type("What kind of document is 8607/KH-UBND?")
    (True, True)
    >>> asks_type("Chỉ thị yêu cầu rà soát loại văn bản nào?"), asks_type("Căn cứ pháp lý là văn bản nào?")
    (False, False)
    >>> asks_type("chi thi yeu cau thuc hien nhiem vu duoc giao tai nhung loai van ban nao cua ubnd tinh")
    False
    """
    low = fold(question)
    # "Căn cứ pháp lý là văn bản nào?" asks the documents it implements, not its kind.
    return bool(_TYPE_ASKED.search(low)) and not re.search(r"\b(?:ra soat|kiem tra|ban hanh|xay dung|can cu|phap ly)\b",
                                                            low)


_INVENTORY = re.compile(r"\b(?:van ban|chi thi) (?:nao )?(?:da )?(?:duoc )?nap\b|\bco (?:nhung|bao nhieu) van ban nao\b"
                        r"|\bdanh sach (?:cac )?van ban\b|\bgom nhung van ban nao\b"
                        r"|\b(?:documents|directives) (?:are|have been|were) loaded\b|\blist (?:the |all )?"
                        r"(?:loaded )?(?:documents|directives)\b"
                        r"|\bwhat (?:documents|directives) (?:do you have|are there)\b")


def asks_inventory(question: str) -> bool:
    """Whether a question asks which directives are loaded.

    >>> asks_inventory("Các văn bản đã nạp gồm những văn bản nào?"), asks_inventory("Which documents are loaded?")
    (True, True)
    >>> asks_inventory("Chỉ thị 05 yêu cầu rà soát những văn bản nào?")
    False
    """
    return bool(_INVENTORY.search(fold(question)))


# The digital signature's stamp: "ký số lúc mấy giờ", "At what time was it digitally signed?".
_STAMP_ASKED = re.compile(r"\b(?:ky so|chu ky so|ky dien tu|(?:thoi gian|gio|may gio) ky|ky (?:vao )?luc(?: may gio)?|"
                          r"digital(?:ly)? sign\w*|electronic(?:ally)? sign\w*|e-?sign\w*|"
                          r"signed at what time|what time\b[^?]*\bsigned|time of sign\w*)\b")


def asks_stamp(question: str) -> bool:
    """Whether a question asks who signed a directive digitally, or when to the minute.

    >>> asks_stamp("At what time was letter 1138 digitally signed?"), asks_stamp("cv 1138 ky so luc may gio")
    (True, True)
    >>> asks_stamp("Ai ký Công văn 1138?"), asks_stamp("Chỉ thị 05 ký ngày nào?")
    (False, False)
    """
    return bool(_STAMP_ASKED.search(fold(question)))


def asks_issuer(question: str) -> bool:
    """Whether a question asks which body issued a directive it names (not a document it cites).

    >>> asks_issuer("Công văn 1138/UBND-NC do cơ quan nào ban hành?"), asks_issuer("Who issued Plan 8607?")
    (True, True)
    >>> asks_issuer("Cơ quan nào ban hành Kế hoạch 8607?"), asks_issuer("chi thi 05 do cap nao ban hanh")
    (True, True)
    >>> asks_issuer("Theo chỉ thị năm 2023, rà soát văn bản quy phạm pháp luật do những cơ quan nào ban hành?")
    False
    >>> asks_issuer("ct cchc 2023 bat thuong xuyen ra soat vb qppl do co quan nao ban hanh")  # officials' shorthand
    False
    >>> asks_issuer("Which authority issued the notice cited in Directive 05?"), asks_issuer("Ai ký chỉ thị 05?")
    (False, False)
    >>> asks_issuer("ke hoach papi yeu cau cac don vi ban hanh ke hoach cua minh cham nhat bao lau")
    False
    >>> asks_issuer("Which agency issued land-use certificates under Letter 1138?"), asks_issuer("Who issued it?")
    (False, True)
    """
    low = fold(question)
    return bool(_ASKS.search(low)) and not _OTHER.search(low)


def asked_of(named: set[str], weights: dict[str, float], levels: dict[str, str] | None = None,
             asked_levels: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """The directives an issuer question is about: those it names outright, else those it points
    at most by type and year or level ("chỉ thị CCHC 2023 do ai ban hành"; ``prior.named_documents``
    weights), of the levels it names (``asked_levels``, against each directive's ``levels``). A type
    word alone, or another level, names another document ("kế hoạch CCHC của huyện năm 2023 do ai
    ban hành" asks of the district's own plan, not the province's PAPI plan): none.

    >>> asked_of(set(), {"a": 0.8, "b": 0.5}), asked_of(set(), {"a": 0.5}), asked_of({"b"}, {})
    ({'a'}, set(), {'b'})
    >>> asked_of(set(), {"a": 0.8}, {"a": "province"}, {"district"})
    set()
    """
    if named:
        return named
    top = max(weights.values(), default=0.0)
    best = {d for d, w in weights.items() if w == top} if top >= 0.8 else set()
    return {d for d in best if not asked_levels or (levels or {}).get(d) in asked_levels}


def header_fact(question: str) -> str:
    """Which catalogue fact a question asks: "inventory" (``asks_inventory``), "type"
    (``asks_type``), "stamp" (``asks_stamp``), "issuer" (``asks_issuer``), or "" for none.

    >>> header_fact("Which documents are loaded?"), header_fact("Who issued Plan 8607?"), header_fact("Ai ký?")
    ('inventory', 'issuer', '')
    """
    return "inventory" if asks_inventory(question) else "type" if asks_type(question) \
        else "stamp" if asks_stamp(question) else "issuer" if asks_issuer(question) else ""


def header_answer(question: str, asked: str, named: set[str], chunks: list[Chunk], documents: dict[str, Document],
                  lang: str, doc_ref: Callable[[str, str, bool], str], gloss: Callable[[str], str]
                  ) -> tuple[str, list[Candidate]] | None:
    """The issuer or the type and subject of each directive in ``named``, or every loaded directive
    with its date, issuer and subject (``asked``, from ``header_fact``), as ingestion read them, with
    its header as evidence, in the order the question names them ("lần lượt"); None when it asks
    none of these, or a directive has no header or no issuer.

    Args:
        question: The question (the order of the directives it names by number).
        asked: What it asks (``header_fact``).
        named: The directives asked about (``asked_of``; every loaded one for the inventory).
        chunks: All indexed chunks (the headers are looked up among them).
        documents: The loaded directives, by id.
        lang: The question's language (``en`` gets the issuer's English gloss).
        doc_ref: ``Composer.doc_ref``.
        gloss: ``Composer.gloss``.
    """
    if not asked:
        return None
    lines, evidence = [], []
    low = fold(question)

    def mentioned_at(doc_id: str) -> int:
        digits = documents[doc_id].meta.number.split("/")[0] if doc_id in documents else ""
        at = low.find(digits) if digits else -1
        return at if at >= 0 else len(low)

    # The stamp is shown in the signature block; the other facts in the header.
    kind = "signature" if asked == "stamp" else "header"
    for doc_id in sorted(named, key=lambda d: (mentioned_at(d), d)):
        header = next((c for c in chunks if c.doc_id == doc_id and c.kind == kind), None)
        doc = documents.get(doc_id)
        if header is None or doc is None or not (doc.meta.signed_at if asked == "stamp"
                                                 else doc.meta.issuer or asked == "type"):
            return None
        lines.append(_line(doc, asked, lang, doc_ref(doc_id, lang, True), gloss))
        whole = Span(header.text, 0, len(header.text))
        evidence.append(Candidate(Hit(chunk=header, score=1.0, rank=1), whole, 1.0, []))
    if asked == "inventory" and lines:
        lines.insert(0, f"{len(lines)} directives are loaded:" if lang == "en" else f"Đã nạp {len(lines)} văn bản:")
    return (" ".join(lines), evidence) if lines else None


def _line(doc: Document, asked: str, lang: str, where: str, gloss: Callable[[str], str]) -> str:
    """One directive's line of a ``header_answer``."""
    meta = doc.meta
    issuer, kind = meta.issuer, meta.doc_type or "Văn bản"
    english = gloss(issuer) if lang == "en" else ""
    by = f"{issuer}{f' ({english})' if english else ''}"
    if asked == "type" and lang == "en":
        noun = _TYPE_EN.get(kind, "document")
        return f"{where} is {'an' if noun[0] in 'aeiou' else 'a'} {noun} ({kind}): «{meta.title}»."
    if asked == "type":
        return f"{where} là {kind.lower()} — «{meta.title}»."
    if asked == "issuer":
        return f"{where} was issued by {by}." if lang == "en" else f"{where} do {issuer} ban hành."
    if asked == "stamp":
        return _stamp_line(meta.signed_by, meta.signed_at, lang, where, gloss)
    day = "/".join(reversed(meta.date.split("-"))) if meta.date else ""
    if lang == "en":
        return f"{where}{f', dated {day}' if day else ''}, issued by {by}: «{meta.title}»."
    return f"{where}{f', ngày {day}' if day else ''}, do {issuer} ban hành: «{meta.title}»."


def _stamp_line(by: str, at: str, lang: str, where: str, gloss: Callable[[str], str]) -> str:
    """The digital signature's line of a ``header_answer``.

    >>> _stamp_line("UBND huyện", "2023-06-08T09:10:48+07:00", "vi", "Công văn 1138", str)
    'Công văn 1138 được ký số lúc 09:10:48 (UTC+07:00) ngày 08/06/2023, bởi UBND huyện.'
    >>> _stamp_line("", "2023-06-08", "en", "Letter 1138", str)
    'Letter 1138 was digitally signed on 08/06/2023.'
    """
    day, _, time = at.partition("T")
    date = "/".join(reversed(day.split("-")))
    clock = f"{time[:8]}{f' (UTC{time[8:]})' if time[8:] else ''}" if time else ""
    english = gloss(by) if lang == "en" and by else ""
    if lang == "en":
        signer = f" by {by}{f' ({english})' if english and english != by else ''}" if by else ""
        return f"{where} was digitally signed{signer} on {date}{f' at {clock}' if clock else ''}."
    return f"{where} được ký số{f' lúc {clock}' if clock else ''} ngày {date}{f', bởi {by}' if by else ''}."
