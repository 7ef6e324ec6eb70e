"""Priors from what a question names: a directive (number, type, year, level). The block of a
directive it asks for (who signed → signature block) is read by ``rag.blocks``, clause labels
(``mục 2.3``) by ``rag.labels``."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rag import cited
from rag.wants import asks_subject
from vanban.records import Chunk
from vanban.text import fold, folded_terms

_TYPES = {
    "Chỉ thị": r"\bchi thi\b|\bdirective\b",
    "Kế hoạch": r"\bke hoach\b|\bplan\b",
    "Công văn": r"\bcong van\b|\bofficial letter\b|\bletter\b|\bdispatch\b",
}
TYPE_WORDS = "|".join(_TYPES.values())  # any directive's type word, folded
_LEVELS = {"district": r"\bhuyen\b|\bdistrict\b",
           "province": r"\b(?:cap|cua|ubnd|uy ban nhan dan) tinh\b|\bprovinc\w*\b"}


@dataclass(frozen=True)
class DocInfo:
    doc_id: str
    number: str
    doc_type: str
    level: str
    year: int | None
    title: str
    years: tuple[int, ...] = ()  # years a question may name it by: issue year, title years, …
    place: str = ""  # folded place of its issuer ("hon quan"), by which a question may name it

    @property
    def named_years(self) -> tuple[int, ...]:
        return self.years or ((self.year,) if self.year else ())


_YEAR = re.compile(r"(?<![/\d-])(?:19|20)\d\d(?![/\d-])")
# A year that dates another document ("ngày 15 tháng 7 năm 2021", "…/2021") or a horizon
# ("đến năm 2030", "giai đoạn 2021-2025") says nothing of when a directive was written.
_NOT_OWN_YEAR = re.compile(r"(?:thang\s+\d{1,2}\s+nam|\d\s*/|(?:den|giai doan|\d{4}\s*-)(?:\s+nam)?)\s*$")


def own_years(text: str) -> list[int]:
    """Years a text speaks of as its own time, not dates of other documents or horizons.

    >>> own_years("Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021; đến năm 2030. Năm 2023, hoàn thành …")
    [2023]
    """
    low = fold(text)
    return [int(m.group()) for m in _YEAR.finditer(low) if not _NOT_OWN_YEAR.search(low[max(0, m.start() - 25) : m.start()])]


def doc_table(chunks: list[Chunk]) -> dict[str, DocInfo]:
    """One ``DocInfo`` per directive of an index.

    A directive is named by its issue year and the years in its title ("Kế hoạch … năm 2023",
    issued in 2022). A scan that lost its header has no issue year: the latest year its text
    speaks of stands in for it ("Năm 2023, hoàn thành …" in a directive of 2023).
    """
    table: dict[str, DocInfo] = {}
    body: dict[str, set[int]] = {}
    for c in chunks:
        if c.doc_id not in table:
            table[c.doc_id] = DocInfo(c.doc_id, c.number, c.doc_type, c.level, c.year, c.title,
                                      place=issuer_place(fold(c.issuer)))
        body.setdefault(c.doc_id, set()).update(own_years(c.text))
    for doc_id, info in table.items():
        years = {info.year} if info.year else ({max(body[doc_id])} if body[doc_id] else set())
        years.update(int(y) for y in _YEAR.findall(info.title))
        table[doc_id] = replace(info, years=tuple(sorted(years)))
    return table


def issuer_place(issuer: str) -> str:
    """The place of a folded issuer, or "".

    >>> issuer_place("uy ban nhan dan huyen hon quan"), issuer_place("chu tich uy ban nhan dan tinh")
    ('hon quan', '')
    """
    m = re.search(r"\b(?:tinh|huyen|thanh pho|thi xa)\s+(\w+(?: \w+){0,2})\s*$", issuer)
    return m.group(1) if m else ""


NAMED = 1.0  # the weight of a directive named by number, or fully described (type, year and level)


def named_outright(weights: dict[str, float]) -> set[str]:
    """The directives a question names outright, from ``named_documents`` weights.

    >>> sorted(named_outright({"a": 1.0, "b": 0.8}))
    ['a']
    """
    return {d for d, w in weights.items() if w >= NAMED}


def naming_words(question: str, docs: dict[str, DocInfo]) -> set[str]:
    """Folded words by which a question points at its directives (type, title, year, number):
    they name the document, not what in it is asked ("tuyên truyền" in "What should propaganda
    under the 2023 PAPI plan focus on?", not the plan's title words every sentence repeats).

    >>> d = {"a": DocInfo("a", "1138/UBND-NC", "Công văn", "district", 2023, "Về việc nâng cao chỉ số")}
    >>> sorted(naming_words("Công văn 1138 giao ai?", d))
    ['1138/ubnd-nc', '2023', 'cao', 'chi', 'cong', 'nang', 'so', 'van', 've', 'viec']
    """
    out: set[str] = set()
    for doc_id, weight in named_documents(question, docs).items():
        if weight >= 0.5:
            info = docs[doc_id]
            out.update(folded_terms(f"{info.doc_type} {info.title} {info.number} {info.year or ''}"))
    return out


def named_documents(question: str, docs: dict[str, DocInfo]) -> dict[str, float]:
    """Directives a question points at, with a weight: 1.0 when named by number, less by type/year/level.

    >>> d = {"a": DocInfo("a", "1138/UBND-NC", "Công văn", "district", 2023, ""),
    ...      "b": DocInfo("b", "05/CT-CTUBND", "Chỉ thị", "province", 2019, "")}
    >>> named_documents("Công văn 1138 ban hành ngày nào?", d)
    {'a': 1.0}
    >>> named_documents("theo chi thi 05 so noi vu", d)
    {'b': 1.0}
    >>> named_documents("Theo Chỉ thị 05/2019, sở nào chủ trì?", d), named_documents("theo chỉ thị 05/2020", d)
    ({'b': 1.0}, {'b': 0.5})
    >>> places = {"h": DocInfo("h", "", "Công văn", "district", 2023, "", place="hon quan"),
    ...           "p": DocInfo("p", "", "Chỉ thị", "province", 2023, "", place="hung yen")}
    >>> named_documents("công văn của Hớn Quản", places), named_documents("chỉ thị của Hưng Yên", places)
    ({'h': 0.7}, {'p': 0.5})
    >>> d["c"] = DocInfo("c", "", "Chỉ thị", "province", None, "", (2023,))
    >>> named_documents("Chỉ thị 05/CT-CTUBND và chỉ thị CCHC năm 2023 dẫn nghị định nào?", d)
    {'b': 1.0, 'c': 1.0}
    >>> named_documents("Chỉ thị 05/CT-CTUBND đặt mục tiêu gì cho năm 2023?", d)
    {'b': 1.0}
    >>> named_documents("Which 2019 directive does Directive 05/CT-CTUBND cite?", d)
    {'b': 1.0}
    >>> d["e"] = DocInfo("e", "8607/KH-UBND", "Kế hoạch", "province", 2022, "", (2022, 2023))
    >>> named_documents("Kế hoạch 8607 cụ thể hóa Chỉ thị 06/CT-CTUBND năm 2023 về gì?", d)
    {'e': 1.0}
    """
    low = fold(question)
    weights: dict[str, float] = {}
    for info in docs.values():
        if not info.number:
            continue
        number = fold(info.number)
        digits, code = number.split("/")[0], number.split("/")[1].split("-")[0]
        doc_word = _TYPES.get(info.doc_type, r"$^")
        # "Chỉ thị 05/2019", "CT 05/2019": its number and year, as officials write it.
        by_year = info.year and re.search(rf"(?:{doc_word})\s+(?:so\s+)?0*{int(digits)}\s*/\s*{info.year}(?![\d/])", low)
        if number in low or by_year or re.search(rf"(?<![\d/]){re.escape(digits)}\s*/\s*{re.escape(code)}", low) or (
            (len(digits) >= 3 or re.search(rf"(?:{doc_word})\s+(?:so\s+)?0*{int(digits)}\b", low))
            and re.search(rf"(?<![\d/.]){digits}(?![\d/])", low)
        ):
            weights[info.doc_id] = NAMED
    by_number = dict(weights)
    for info in docs.values():
        if info.doc_id in by_number:
            continue
        w = 0.0
        if info.doc_type and _names_type(low, info):
            w += 0.5
        if any(re.search(rf"(?<![/\d]){y}(?![/\d])", low) for y in info.named_years):
            w += 0.3
        # A district's place names its directive ("Hớn Quản's letter"); the province's is shared by
        # all of its directives, and a scan may have lost it from one's issuer.
        if info.level and re.search(_LEVELS.get(info.level, r"$^"), low) \
                or info.level == "district" and info.place and re.search(rf"\b{info.place}\b", low):
            w += 0.2
        w = round(w, 2)
        # Beside a directive named by number, another counts only when fully described
        # ("Chỉ thị 05/CT-CTUBND và chỉ thị năm 2023 của tỉnh"), or by its own type word and year
        # ("Chỉ thị 05/CT-CTUBND và chỉ thị CCHC năm 2023": "chỉ thị" twice).
        if by_number and w >= 0.8 and _own_type_word(low, info):
            weights[info.doc_id] = NAMED  # the second of two directives the question names side by side
        elif w and (not by_number or w >= NAMED):
            weights[info.doc_id] = w
    if not by_number:
        _demote_objects(low, docs, weights)
    return weights


# What separates two directives a question names side by side ("chỉ thị 2023 và kế hoạch PAPI").
_SIDE_BY_SIDE = re.compile(r"[,;]|\b(?:va|con|hoac|hay|voi|and|or|but|versus|vs)\b")


def _demote_objects(low: str, docs: dict[str, DocInfo], weights: dict[str, float]) -> None:
    """A directive named by its type word only as what another named directive speaks of ("Chỉ thị
    năm 2023 yêu cầu thực hiện Kế hoạch Chương trình tổng thể …": a plan it cites) is not named
    outright: nothing stands between the two type words but the first directive's words.

    >>> d = {"c": DocInfo("c", "", "Chỉ thị", "province", None, "", (2023,)),
    ...      "e": DocInfo("e", "8607/KH-UBND", "Kế hoạch", "province", 2022, "", (2022, 2023))}
    >>> w = {"c": 1.0, "e": 1.0}; _demote_objects("chi thi 2023 cua tinh yeu cau thuc hien ke hoach nao", d, w); w
    {'c': 1.0, 'e': 0.5}
    >>> w = {"c": 1.0, "e": 1.0}; _demote_objects("chi thi 2023 cua tinh va ke hoach papi", d, w); w
    {'c': 1.0, 'e': 1.0}
    >>> w = {"c": 1.0, "e": 1.0}; _demote_objects("chi thi 2023 cua tinh hay ke hoach papi", d, w); w
    {'c': 1.0, 'e': 1.0}
    """
    outright = [d for d, w in weights.items() if w >= NAMED and docs[d].doc_type]
    at = {d: m.start() for d in outright if (m := re.search(_TYPES.get(docs[d].doc_type, r"$^"), low))}
    order = sorted(at, key=at.get)
    for before, after in zip(order, order[1:]):
        if docs[before].doc_type != docs[after].doc_type and not _SIDE_BY_SIDE.search(low[at[before]:at[after]]):
            weights[after] = round(weights[after] - 0.5, 2)


def _writes_type(low: str, info: DocInfo, following: str) -> bool:
    """Whether the question writes ``info``'s type word, not followed by ``following`` (a pattern)
    and not as what an English question asks ("which 2019 directive")."""
    for m in re.finditer(rf"(?:{_TYPES.get(info.doc_type, r'$^')})(?!{following})", low):
        if not re.search(r"\b(?:which|what)\b(?:\s+\S+){0,2}\s*$", low[: m.start()]):
            return True
    return False


def _own_type_word(low: str, info: DocInfo) -> bool:
    """Whether the question writes ``info``'s type word without a number after it ("chỉ thị CCHC
    năm 2023" beside "Chỉ thị 05/CT-CTUBND"; "Directive 06/CT-CTUBND of 2019" names another), and
    not as what it asks ("which 2019 directive", "chỉ thị nào")."""
    return _writes_type(low, info, r"\s+(?:so\s+)?\d|\s+nao\b")


def _names_type(low: str, info: DocInfo) -> bool:
    """Whether the question writes ``info``'s type word other than as what it asks: "Kế hoạch PAPI
    cụ thể hóa chỉ thị nào?" names no directive.

    >>> i = DocInfo("c", "", "Chỉ thị", "province", None, "")
    >>> _names_type("ke hoach cu the hoa chi thi nao", i), _names_type("which directive does the plan cite", i)
    (False, False)
    >>> _names_type("chi thi nao cua tinh yeu cau; chi thi cchc 2023", i)
    True
    """
    return _writes_type(low, info, r"\s+(?:so\s+)?nao\b")


def names_other_document(question: str, docs: dict[str, DocInfo]) -> bool:
    """True when a question names a document by a number no loaded directive has ("Nghị quyết
    76/NQ-CP", "chỉ thị 06/CT-CTUBND"): a document the directives cite.

    >>> d = {"b": DocInfo("b", "05/CT-CTUBND", "Chỉ thị", "province", 2019, "")}
    >>> names_other_document("Nghị quyết 76/NQ-CP ban hành ngày nào?", d), names_other_document("chi thi 05 ban hanh ngay nao", d)
    (True, False)
    """
    return bool(other_document_numbers(question, docs))


def other_document_numbers(question: str, docs: dict[str, DocInfo]) -> list[str]:
    """The numbers of the documents a question names that no loaded directive has.

    >>> d = {"b": DocInfo("b", "05/CT-CTUBND", "Chỉ thị", "province", 2019, "")}
    >>> other_document_numbers("Thông báo 54/TB-UBND mà Chỉ thị 05/CT-CTUBND nhắc tới ban hành ngày nào?", d)
    ['54']
    >>> other_document_numbers("nghi dinh 167/2017/nd-cp ban hanh ngay nao", d)
    ['167']
    """
    own = own_numbers(docs)
    return [n for n in document_numbers(question) if n.lstrip("0") not in own]


def document_numbers(question: str) -> list[str]:
    """The leading numbers of the documents a question names, in the order it names them.

    >>> document_numbers("Tờ trình 564 được trình trước Công văn 1138/UBND-NC mấy ngày?")
    ['564', '1138']
    >>> document_numbers("chi thi 2023 ve cchc yeu cau gi"), document_numbers("chỉ thị số 2023")
    ([], ['2023'])
    """
    low = fold(question)
    found = [(m.start(1), m.group(1)) for m in DOC_REF.finditer(low)]
    found += [(m.start(1), m.group(1)) for m in _KIND_NUMBER.finditer(low)]
    return list(dict.fromkeys(n for _, n in sorted(found)))


def own_numbers(docs: dict[str, DocInfo]) -> set[str]:
    """The leading numbers of the loaded directives' symbols, without leading zeros ("05/CT-CTUBND" → "5").

    >>> sorted(own_numbers({"b": DocInfo("b", "05/CT-CTUBND", "Chỉ thị", "province", 2019, ""),
    ...                     "a": DocInfo("a", "", "Chỉ thị", "province", 2023, "")}))
    ['5']
    """
    return {n for i in docs.values() if (n := leading_number(i.number))}


def leading_number(symbol: str) -> str:
    """The number a document symbol starts with, without leading zeros; "" when it has none.

    >>> leading_number("05/CT-CTUBND"), leading_number("Chỉ thị số 06/CT-CTUBND"), leading_number("")
    ('5', '6', '')
    """
    m = re.search(r"\d+", symbol or "")
    return m.group(0).lstrip("0") if m else ""


DOC_REF = re.compile(r"(?<![\d/])(\d+)\s*/\s*(?:(?:19|20)\d\d\s*/\s*)?[a-z]")  # "54/TB-UBND", "167/2017/NĐ-CP"


def asks_about_other_document(question: str, docs: dict[str, DocInfo], qt: str) -> bool:
    """True when a question asks what only a document the directives cite could say: who signed it,
    or (naming it first) what it assigns or requires. The directives give such a document's number,
    date and subject, never its signer or its content.

    >>> d = {"b": DocInfo("b", "05/CT-CTUBND", "Chỉ thị", "province", 2019, "")}
    >>> asks_about_other_document("Ai ký Thông báo số 98/TB-VPCP?", d, "person")
    True
    >>> asks_about_other_document("Chỉ thị 23/CT-TTg mà chỉ thị năm 2019 của tỉnh viện dẫn do ai ký?", d, "person")
    True
    >>> asks_about_other_document("Chỉ thị 05/CT-CTUBND thực hiện Nghị quyết 76/NQ-CP do ai ký?", d, "person")
    False
    >>> asks_about_other_document("chi thi 06/ct-ctubnd giao so noi vu nhung nhiem vu gi", d, "list")
    True
    >>> asks_about_other_document("Nghị quyết 76/NQ-CP ban hành ngày nào?", d, "date")
    False
    >>> asks_about_other_document("cong van 1763/ubnd-nc cua ubnd tinh ve viec gi", d, "fact")
    False
    >>> asks_about_other_document("Chỉ thị 05 giao Sở Nội vụ thực hiện Nghị định 61/2018/NĐ-CP thế nào?", d, "fact")
    False
    >>> asks_about_other_document("Những tiêu chí nào đạt điểm thấp theo Báo cáo 138/BC-UBND?", d, "fact")
    True
    """
    opening = first_document(question)
    if qt == "person" and opening.isdigit() and opening.lstrip("0") not in own_numbers(docs):
        return True  # "Chỉ thị 23/CT-TTg, được chỉ thị năm 2023 viện dẫn, do ai ký?": the one it opens with
    if (named_outright(named_documents(question, docs)) or not names_other_document(question, docs)
            or asks_subject(question)):
        return False  # "Công văn 1763 về việc gì?": the citing clause gives its subject
    if qt == "person":
        return True
    if qt not in {"agency", "list", "fact"}:
        return False
    low = fold(question)
    if _CLOSING_SOURCE.search(low):
        return True  # "Những tiêu chí nào … đạt điểm thấp theo Báo cáo 138/BC-UBND?": the source closes it
    first = min((m for m in (DOC_REF.search(low), _KIND_NUMBER.search(low)) if m), key=lambda m: m.start())
    head = low[: first.start()]
    # The document opens the question ("Chỉ thị 06/CT-CTUBND giao …", "Theo Quyết định 09 …").
    return bool(re.fullmatch(r"\W*(?:(?:theo|can cu|according to|under|per|in)\W+)?(?:the\s+)?"
                             r"(?:(?:chi thi|ke hoach|cong van|nghi quyet|nghi dinh|quyet dinh|thong tu|thong bao|"
                             r"to trinh|directive|plan|letter|resolution|decree|decision|circular|notice|"
                             r"official letter)\s+(?:so\s+|no\.?\s+)?)?", head))


def first_document(question: str) -> str:
    """The first document a question mentions: its number when it gives one, else its kind
    (``cited.DOC_KINDS`` codes, "cv" for a công văn); "" when it mentions none.

    >>> first_document("Thông báo số 98/TB-VPCP mà Chỉ thị 05 viện dẫn"), first_document("Kế hoạch thực hiện Chỉ thị 06")
    ('98', 'kh')
    >>> first_document("Công văn 1138 ngày bao nhiêu?"), first_document("Ai ký?")
    ('1138', '')
    """
    low = fold(question)
    kinds = [(m.start(), m.end(), code) for code, words in KIND_WORDS.items()
             for m in re.finditer(rf"\b(?:{words})s?\b", low)]
    numbers = [(m.start(1), m.end(1), m.group(1)) for m in DOC_REF.finditer(low)]
    first = min(kinds + numbers, default=None)
    if first is None:
        return ""
    if first in kinds and (after := re.match(r"\W*(?:so\s+|no\.?\s*)?(\d+)", low[first[1]:])):
        return after.group(1)  # "Thông báo số 98/TB-VPCP": the number names it
    return first[2]


KIND_WORDS = {**cited.DOC_KINDS, "cv": r"cong van|official letter|letter"}  # document kinds, by code
# "…, theo Báo cáo 138/BC-UBND?": a cited document named as the source at the question's end.
_CLOSING_SOURCE = re.compile(r"\b(?:theo|according to|under|per)\s+(?:the\s+)?(?:bao cao|thong bao|quyet dinh|"
                             r"nghi quyet|nghi dinh|to trinh|report|notice|decision|resolution|decree|submission)"
                             r"\s+(?:so\s+|no\.?\s+)?\d+\s*/[\w/.-]+\s*\??\s*$")
_KIND_NUMBER = re.compile(r"\b(?:chi thi|ke hoach|cong van|nghi quyet|nghi dinh|quyet dinh|thong tu|thong bao|to trinh|"
                          r"directive|plan|letter|resolution|decree|decision|circular|notice|submission)"
                          # "chỉ thị 2023" is the directive of 2023, "chỉ thị số 2023" one numbered so
                          r"\s+(?:so\s+|no\.?\s+|(?!(?:19|20)\d\d\b))(\d+)\b(?!\s*/)")
