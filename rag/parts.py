"""Answers a directive's parts give rather than its clauses: the header's number and date, the
signature's signer and role."""

from __future__ import annotations

import re
from dataclasses import replace

from rag import asked, extract
from rag.compose import Candidate
from rag.evidence import named_indices
from rag.prior import KIND_WORDS, DocInfo, first_document, named_documents, own_numbers
from vanban.records import Document
from vanban.text import fold


class Parts:
    """Header and signature facts of the loaded directives."""

    def __init__(self, docs: dict[str, DocInfo], documents: dict[str, Document]):
        self.docs = docs
        self.documents = documents
        self.places = {d: info.place for d, info in docs.items()}  # "hon quan", "hung yen" (``prior.issuer_place``)
        self.place_words = {w for p in self.places.values() for w in p.split()}
        self.kinds = {_TYPE_CODES.get(i.doc_type, "") for i in docs.values()} - {""}  # "ct", "kh", "cv"
        self.indices = {d: set(named_indices(" ".join(f"{c.text} {c.original}" for c in doc.clauses)
                                             + f" {doc.meta.title}")) for d, doc in documents.items()}

    def index_not_named(self, question: str) -> bool:
        """Whether the one directive a question points at (by number, or by type and year: "the 2023
        PAPI plan") never names an index the question asks about ("… assign to run the SIPAS survey")."""
        strong = self._described(question)
        asked_indices = set(named_indices(question))
        return len(strong) == 1 and strong[0] in self.indices and not asked_indices <= self.indices[strong[0]]

    def lost_own_number(self, question: str) -> bool:
        """True when a question asks the number of the directive it points at most, and that
        directive has none (its scan lost the number line): no cited number may stand in."""
        pointed = named_documents(question, self.docs)
        top = max(pointed.values(), default=0.0)
        return bool(pointed) and not any(self.docs[d].number for d, w in pointed.items() if w == top)

    def issue_dates(self, question: str, candidates: list[Candidate]) -> list[Candidate]:
        """For "when was it issued?", the header dates of the directive the question points at most
        ([] when its header holds none: a scan that lost its date line); for a document the
        directives cite ("Nghị quyết 76 ban hành ngày nào?"), the date written after its number
        (``cited_target``, ``cited_dates``); ``candidates`` unchanged when no header was retrieved."""
        pointed = named_documents(question, self.docs)
        if target := cited_target(question, self.docs, pointed):
            return cited_dates(candidates, target)
        if not pointed:
            return candidates
        # "Kế hoạch thực hiện Chỉ thị 06 ban hành ngày nào?": the plan's date, not a directive's.
        first = first_document(question)
        pointed = {d: w for d, w in pointed.items() if _TYPE_CODES.get(self.docs[d].doc_type) == first} or pointed
        headers = sorted((c for c in candidates if c.hit.chunk.kind == "header"),
                         key=lambda c: -pointed.get(c.hit.chunk.doc_id, 0.0))
        if not headers:
            return candidates
        top = headers[0].hit.chunk.doc_id
        if pointed.get(top, 0.0) < max(pointed.values()):
            return []  # the header of the directive it asks about was not found
        return [c for c in headers if c.hit.chunk.doc_id == top and c.entities]

    def named_places(self, question: str) -> set[str]:
        """The loaded directives' places (folded) that a question names."""
        low = fold(question)
        return {p for p in self.places.values() if p and re.search(rf"\b{p}\b", low)}

    def place_levels(self, question: str) -> set[str]:
        """The levels (``province``, ``district``) of the directives whose place a question names:
        "… in Hớn Quản under letter 1138" asks at district level without saying "district"."""
        places = self.named_places(question)
        return {self.docs[d].level for d, p in self.places.items() if p in places and d in self.docs} - {""}

    def of_places(self, question: str, candidates: list[Candidate], named: set[str]) -> list[Candidate]:
        """``candidates`` of directives of the places the question names ("When will Hưng Yên …?"
        is not answered by Hớn Quản's letter), or of no known place; all when it names none, or
        names directives outright (``named``: each is answered whatever place it names besides)."""
        if named:
            return candidates
        places = self.named_places(question)
        return [c for c in candidates if not places or self.places[c.hit.chunk.doc_id] in places | {""}]

    def of_described(self, question: str, candidates: list[Candidate], named: set[str], qt: str) -> list[Candidate]:
        """For a number, date or reference, ``candidates`` of the one directive a question describes by
        its type and year ("theo chỉ thị CCHC 2023": no letter of 2023 answers for it); all when it
        names directives outright, describes none or several, or names a place other than the described
        one's, and for other types (who does what is shown per directive)."""
        if qt not in {"number", "date", "reference"} or named or len(strong := self._described(question)) != 1:
            return candidates
        if (places := self.named_places(question)) and self.places[strong[0]] not in places:
            return candidates  # "Kế hoạch CCHC năm 2023 của huyện Hớn Quản": a plan the letter cites, not 8607
        return [c for c in candidates if c.hit.chunk.doc_id == strong[0]]

    def _described(self, question: str) -> list[str]:
        """The directives a question points at by number, or by type and year at least."""
        return [d for d, w in named_documents(question, self.docs).items() if w >= 0.8]

    def role_holders(self, candidates: list[Candidate], role: str, question: str) -> list[Candidate]:
        """The signatures among ``candidates`` of directives whose signer signed as ``role``
        (folded) for the body, level and year the question names."""
        low = fold(question)
        if (body := _ROLE_BODY.search(low)) and body.group(1) not in _SIGNING_BODIES:
            return []  # the chair of a council or a front: directives are signed for people's committees
        wanted = asked.levels(question)
        if re.search(r"\b(xa|phuong|thi tran|commune|ward)\b", low):
            wanted.add("commune")  # no loaded directive is a commune's
        places = self.named_places(question)
        years = {int(y) for y in re.findall(r"(?<![\d/])(?:19|20)\d\d(?![\d/])", low)}

        def holds(cand: Candidate) -> bool:
            chunk = cand.hit.chunk
            if chunk.kind != "signature" or not cand.entities:
                return False
            meta = self.documents[chunk.doc_id].meta
            held = fold(meta.signer_role)
            if not re.search(rf"\b{role}\b", held) or (role == "chu tich" and "pho chu tich" in held):
                return False
            if wanted and meta.level not in wanted:
                return False
            return (not places or self.places[chunk.doc_id] in places) and (
                not years or bool(years & set(self.docs[chunk.doc_id].named_years)))

        return [c for c in candidates if holds(c)]


# The body whose role a question asks about: the first one it names.
_ROLE_BODY = re.compile(r"\b(uy ban nhan dan|ubnd|people's committee|hoi dong(?! nhan dan)|hdnd|council|mat tran|"
                        r"front|ban chi dao|steering committee|to cong tac|working group)\b")
_SIGNING_BODIES = {"uy ban nhan dan", "ubnd", "people's committee"}


def cited_target(question: str, docs: dict[str, DocInfo], pointed: dict[str, float]) -> str:
    """The folded pattern of the symbol of the document an issue-date question asks about, when
    the directives only cite it; "" when it asks about a loaded directive. The document is the
    first one the question mentions: by number ("Thông báo số 54/TB-UBND … ban hành ngày nào"),
    or by a kind no directive it points at has ("the Government Office notice cited in Directive
    05 …" is a Thông báo, not the Chỉ thị).

    >>> d = {"b": DocInfo("b", "05/CT-CTUBND", "Chỉ thị", "province", 2019, "")}
    >>> cite = "can cu nghi quyet so 76/nq-cp ngay 15/7/2021, thong bao so 98/tb-vpcp ngay 18/3/2019"
    >>> re.search(cited_target("Nghị quyết 76/NQ-CP mà Chỉ thị 05 thực hiện ban hành ngày nào?", d, {"b": 1.0}), cite)[0]
    '76/nq-cp'
    >>> re.search(cited_target("What date does the notice cited in Directive 05 bear?", d, {"b": 1.0}), cite)[0]
    'thong bao so 98/tb-vpcp'
    >>> cite = "chi thi so 23/ct-ttg ngay 02 thang 9 nam 2021 cua thu tuong chinh phu"
    >>> re.search(cited_target("When was the Prime Minister's directive cited in Directive 05 issued?", d, {"b": 1.0}), cite)[0]
    'chi thi so 23/ct-ttg'
    >>> cited_target("Chỉ thị 05 ban hành ngày nào?", d, {"b": 1.0}), cited_target("When was the directive issued?", d, {"b": 0.5})
    ('', '')
    >>> cite = "ke hoach ... ban hanh kem theo quyet dinh so 09/qd-ubnd ngay 13/01/2023"
    >>> re.search(cited_target("chỉ thị 05 ban hành kèm quyết định ngày nào", d, {"b": 1.0}), cite)[0]
    'quyet dinh so 09/qd-ubnd'
    """
    code_or_number = first_document(question)
    if dated := _DATED_KIND.search(fold(question)):
        # "Kế hoạch … ban hành kèm quyết định ngày nào": the date asked is the decision's.
        code_or_number = next(code for code, words in KIND_WORDS.items() if re.fullmatch(words, dated.group(1)))
    if not code_or_number:
        return ""
    if code_or_number.isdigit():
        n = code_or_number.lstrip("0")
        return "" if n in own_numbers(docs) else rf"(?<![\d/.])0*{n}\s*/\s*[\w.-]*"
    word = KIND_WORDS[code_or_number].split("|")[0]  # the Vietnamese word, as the clauses write it
    if issuer := _issuer(question, KIND_WORDS[code_or_number]):
        # "the Prime Minister's directive cited in the 2023 directive": a directive, but not a loaded one.
        return rf"\b{word}\s+(?:so\s+)?\d+\s*/\s*(?:\d{{4}}\s*/\s*)?{code_or_number}-{issuer}\b"
    pointed_kinds = {_TYPE_CODES.get(docs[d].doc_type, "") for d in pointed if d in docs}
    if not pointed or code_or_number in pointed_kinds:
        return ""
    return rf"\b{word}\s+(?:so\s+)?\d+\s*/\s*[\w.-]*"


# A kind of document written right before "ngày nào": the one whose date is asked.
_DATED_KIND = re.compile(r"\b(" + "|".join(KIND_WORDS.values()) + r")\s+(?:so\s+\S+\s+)?ngay (?:nao|may|bao nhieu)\b")
# Central issuers, folded, and their code in a symbol ("23/CT-TTg", "76/NQ-CP", "98/TB-VPCP").
_ISSUERS = ((r"government office|van phong chinh phu", "vpcp"), (r"prime minister|thu tuong(?: chinh phu)?", "ttg"),
            (r"government|chinh phu", "cp"))


def _issuer(question: str, kind: str) -> str:
    """The code of the central issuer a question gives the document kind it asks about ("chỉ thị
    của Thủ tướng", "the Prime Minister's directive"), or ""."""
    low = fold(question)
    for words, code in _ISSUERS:
        if re.search(rf"\b(?:{kind})\s+(?:cua\s+|of\s+(?:the\s+)?)?(?:{words})\b|\b(?:{words})'s\s+(?:[a-z]+\s+)?(?:{kind})\b",
                     low):
            return code
    return ""


_TYPE_CODES = {"Chỉ thị": "ct", "Kế hoạch": "kh", "Công văn": "cv", "Thông báo": "tb", "Quyết định": "qd",
               "Báo cáo": "bc", "Nghị quyết": "nq", "Tờ trình": "ttr"}


def cited_dates(candidates: list[Candidate], target: str) -> list[Candidate]:
    """The candidates whose sentence writes a date right after the symbol ``target`` matches (a
    cited document: "Báo cáo số 138/BC-UBND ngày 27/4/2023"), each with that date as its only
    entity. A directive's own header date, or another date of the sentence, does not date it.
    """
    out = []
    for cand in (c for c in candidates if c.hit.chunk.kind != "header"):
        text = cand.sentence.text
        low = fold(text)
        low = low if len(low) == len(text) else text.lower()  # offsets must hold in ``text``
        for cite in re.finditer(target, low):
            after = [d for d in extract.find_dates(text) if 0 <= d.start - cite.end() <= 40]
            if after:
                out.append(replace(cand, entities=[after[0]]))
                break
    return out
