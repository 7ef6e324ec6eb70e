"""Questions about what the loaded directives never mention: a place or a year, a kind of body
(a company, an institute), an index or an acronym no directive writes. Such a question is not
answered from the nearest clause (``rag/evidence.py`` checks the evidence of the clauses found).
"""

from __future__ import annotations

import re
from functools import cached_property

from rag.query import glossary
from rag.shorthand import shorthand_words
from vanban.text import fold, folded_terms, strip_diacritics

_PLACE = re.compile(r"\b(?:tinh|huyen|thanh pho|thi xa|province of|district of)\s+([a-z]+(?:\s+[a-z]+)?)")
_EN_PLACE = re.compile(r"\b([A-ZĐ][a-zà-ỹ]+(?:\s+[A-ZĐ][a-zà-ỹ]+)?)\s+(?:province|district|city)\b")
_NOT_NAMES = {"nao", "co", "da", "duoc", "la", "va", "cua", "nay", "do", "minh", "dat", "giao", "phai", "trong", "ve",
              "tu", "den", "thuc", "nam", "cap", "xa", "huyen", "tinh", "thi", "ban", "uy", "chi", "se", "can",
              "theo", "lan", "voi", "tai", "o", "hay", "khong", "dang", "gi", "ay", "khac", "cung", "moi", "nhu",
              "toi", "dua", "qua", "sau", "truoc", "khi", "neu", "de", "len", "vao", "ra", "nhung", "bang", "roi",
              "som", "muon", "cham", "nhanh", "it", "nhieu", "hon"}  # "lên huyện sớm hơn …": a comparison
# Words no place name ends with ("UBND tỉnh mang ngày nào": "mang ngày" is no place).
_YEAR_NEXT = {"nay", "truoc", "sau", "toi", "qua", "hoc", "tiep", "do", "ke", "dau", "cuoi", "nao", "gi"}
_NOT_SECOND = {"nao", "gi", "ngay", "la", "duoc", "phai", "se", "khi", "va", "cua", "nhung", "cac", "theo", "trong",
               "cho", "voi", "mot", "nhu"}
# Words that start a phrase with "tỉnh"/"huyện" that is not a place ("tình trạng" folds to "tinh trang").
_NOT_PLACE_PAIRS = {"tinh trang", "tinh hinh", "tinh than", "tinh thuc", "tinh gon", "tinh chat", "tinh toan", "tinh hieu"}
# "tỉnh ký chỉ thị", "huyện ký công văn": a verb and a document kind, not a place ("huyện Kỳ Anh" is one).
_NOT_NAME_PAIRS = {"ky chi", "ky ke", "ky cong", "ky van", "ky quyet", "ky ban", "ky thay", "ky to"}
_EN_NOT_NAMES = {"which", "what", "each", "every", "the", "this", "that", "our", "any", "other", "whole", "same", "a"}
_WORD = re.compile(r"\w+")


class Vocabulary:
    """Folded words and word pairs of the indexed text, for "is this name in the corpus?"."""

    def __init__(self, texts: list[str]):
        words: set[str] = set()
        pairs: set[str] = set()
        self._heads: list[str] = []  # each text's word initials, for ``initials``
        # Names written after "tỉnh/huyện/thị xã …": the places themselves. "Chi cục thuế Bình Long"
        # names an office, so "thị xã Bình Long" is a place no directive speaks of.
        self.places: set[str] = set()
        self.proper: set[str] = set()  # pairs of capitalised words: names
        for text in texts:
            self.places.update(m.group(1) for m in _PLACE.finditer(fold(text)))
            raw = _WORD.findall(text)
            self.proper.update(fold(f"{a} {b}") for a, b in zip(raw, raw[1:]) if a[0].isupper() and b[0].isupper())
            toks = folded_terms(text)
            words.update(toks)
            pairs.update(f"{a} {b}" for a, b in zip(toks, toks[1:]))
            self._heads.append("".join(t[0] for t in toks))
        self.words = words
        self.pairs = pairs

    @cached_property
    def initials(self) -> frozenset[str]:
        """Initials of every run of two to six words ("QSDĐ", "XHH": officials abbreviate the
        directives' own phrases so); built on first use, as few questions hold an unknown acronym."""
        return frozenset(h[i : i + n] for h in self._heads for n in range(2, 7) for i in range(len(h) - n + 1))

    def has(self, phrase: str) -> bool:
        toks = phrase.split()
        if len(toks) == 1:
            return toks[0] in self.words
        return all(f"{a} {b}" in self.pairs for a, b in zip(toks, toks[1:]))


def unknown_names(question: str, vocab: Vocabulary) -> list[str]:
    """Places and years a question names that the corpus never mentions.

    >>> v = Vocabulary(["UBND tỉnh Hưng Yên năm 2023", "huyện Hớn Quản"])
    >>> unknown_names("Tỉnh Bình Phước đạt chỉ số SIPAS năm 2022 bao nhiêu?", v)
    ['binh phuoc', '2022']
    >>> unknown_names("huyen hon quan nam 2023", v)
    []
    >>> unknown_names("giải quyết tình trạng gì, theo cấp tỉnh theo chỉ thị, Nghị định 167/2017/NĐ-CP", v)
    []
    >>> unknown_names("Which district report is it based on?", v)
    []
    >>> unknown_names("Chủ tịch UBND tỉnh ký chỉ thị 05 là ai?", v), unknown_names("huyện Kỳ Anh", v)
    ([], ['ky anh'])
    >>> unknown_names("kết quả của tỉnh tới cán bộ", v), unknown_names("mo hinh hay o cac tinh dua tren ket qua", v)
    ([], [])
    >>> unknown_names("Công văn của UBND tỉnh mang ngày tháng nào?", v), unknown_names("tỉnh Hà Nam", v)
    ([], ['ha nam'])
    >>> unknown_names("Nghị định mà chỉ thị của tỉnh lấy làm căn cứ", v), unknown_names("tinh binh phuoc", v)
    ([], ['binh phuoc'])
    >>> unknown_names("nhung co quan nao cua tinh ngoi hoi dong tham dinh", Vocabulary(["Hội đồng thẩm định"]))
    []
    >>> unknown_names("ke hoach de nghi uy ban mttq tinh lam nhung viec gi", v)  # "tỉnh làm những việc gì"
    []
    >>> unknown_names("tinh nam dinh giao so nao", v), unknown_names("tinh nam nay dat bao nhieu", v)
    (['nam dinh'], [])
    >>> unknown_names("xa nop bao cao len huyen som hon han so nganh may ngay", v)
    []
    >>> unknown_names("Thị xã Bình Long được giao gì?", Vocabulary(["Chi cục thuế Bình Long — Hớn Quản"]))
    ['binh long']
    """
    low = fold(question)
    cased = strip_diacritics(question)
    # A question typed with capitals writes a place name with them ("tỉnh Hà Nam", not "tỉnh lấy làm").
    capitals = cased != low and len(cased) == len(low)
    missing: list[str] = []
    for m in _PLACE.finditer(low):
        name = m.group(1)
        first = name.split()[0]
        keyword = low[m.start() : m.start(1)].split()[-1]
        following = low[m.end(1) :].split()[:1]
        if capitals and not cased[m.start(1)].isupper():
            continue
        # Typed in lower case: a "name" whose last word starts one of the directives' own word
        # pairs ("tinh ngoi hoi dong") is no place.
        if not capitals and following and vocab.has(f"{name.split()[-1]} {following[0]}"):
            continue
        # A place is two syllables here; "tỉnh nào", "huyện có", "tình trạng gì" are not names.
        # "năm" is mostly a year ("tỉnh năm nay"), but "tỉnh Nam Định" typed without diacritics is a place.
        year_word = first in _NOT_NAMES and not (first == "nam" and name.split()[-1] not in _YEAR_NEXT)
        # Known when the corpus writes it as a place, or as words that are no name; a name it writes
        # only inside another ("Chi cục thuế Bình Long — Hớn Quản") is not the place asked about.
        if len(name.split()) == 2 and not year_word and name.split()[1] not in _NOT_SECOND \
                and f"{keyword} {first}" not in _NOT_PLACE_PAIRS and name not in _NOT_NAME_PAIRS \
                and not (vocab.has(name) and (name in vocab.places or name not in vocab.proper)):
            missing.append(name)
    for m in _EN_PLACE.finditer(question):
        name = fold(m.group(1))
        if name.split()[0] not in _EN_NOT_NAMES and not vocab.has(name):
            missing.append(name)
    # A year inside a document symbol ("167/2017/NĐ-CP") is not a year the question asks about.
    for year in re.findall(r"(?<![/\d])(19\d\d|20\d\d)(?![/\d])", low):
        if year not in vocab.words:
            missing.append(year)
    return list(dict.fromkeys(missing))

# Kinds of body the directives never speak of, by the words a question asks for them with: a
# question for one ("which company conducts the survey?") is answered only if the corpus names one.
_EN_KINDS = {
    "company": ("cong ty", "doanh nghiep tu van"), "firm": ("cong ty",), "contractor": ("nha thau",),
    "institute": ("vien",), "university": ("truong dai hoc", "dai hoc"), "consultant": ("tu van",),
    "consultancy": ("tu van",), "international organisation": ("to chuc quoc te",),
    "international organization": ("to chuc quoc te",), "donor": ("nha tai tro",), "ngo": ("to chuc phi chinh phu",),
    "app": ("ung dung di dong", "ung dung tren dien thoai", "app"), "mobile application": ("ung dung di dong",),
}
_VI_KINDS = {"cong ty": ("cong ty",), "ung dung di dong": ("ung dung di dong",), "vien nao": ("vien",), "nha thau": ("nha thau",),
             "to chuc quoc te": ("to chuc quoc te",), "don vi tu van": ("tu van",)}
_KINDS = {**_EN_KINDS, **_VI_KINDS}
# English asks "which/what <kind>"; the Vietnamese words name the kind wherever they stand.
_KIND_Q = re.compile(r"\b(?:which|what)\s+(?:[a-z-]+\s+){0,2}?(" + "|".join(_EN_KINDS) + r")\b"
                     r"|\b(" + "|".join(_VI_KINDS) + r")\b")


def unknown_kinds(question: str, vocab: "Vocabulary") -> list[str]:
    """Kinds of body a question asks for that the corpus never names (a company, an institute).

    >>> v = Vocabulary(["Sở Nội vụ chủ trì, phối hợp với các tổ chức"])
    >>> unknown_kinds("Which company or institute conducts the SIPAS survey?", v)
    ['company']
    >>> unknown_kinds("Công ty nào thực hiện khảo sát?", v), unknown_kinds("Which agency leads?", v)
    (['cong ty'], [])
    >>> unknown_kinds("Which mobile app should residents use?", v)
    ['app']
    """
    low = fold(question)
    found = [m.group(1) or m.group(2) for m in _KIND_Q.finditer(low)]
    return [k for k in dict.fromkeys(found) if not any(vocab.has(t) for t in _KINDS[k])]


_INDEX_WORDS = re.compile(r"\b(?:chi so|index|indices|indexes)\b")
_ACRONYM = re.compile(r"(?<![\w/-])[A-ZĐ]{2,6}(?![\w/-])")


def unknown_indices(question: str, vocab: "Vocabulary") -> list[str]:
    """Acronyms of an index question that the corpus never writes ("DTI", "PCI"): an index the
    loaded directives do not speak of.

    >>> v = Vocabulary(["Chỉ số PAPI, SIPAS, PAR INDEX; UBND tỉnh"])
    >>> unknown_indices("What target for the Digital Transformation Index (DTI) does it set?", v)
    ['dti']
    >>> unknown_indices("Chỉ số PAPI của tỉnh?", v), unknown_indices("Which DTI unit leads?", v)
    ([], [])
    >>> unknown_indices("Mục II.1.a nêu cải thiện Chỉ số PAPI trên bao nhiêu lĩnh vực?", v)
    []
    >>> unknown_indices("Which indices must DOHA advise the PPC on?", v), unknown_indices("KH nâng cao chỉ số?", v)
    ([], [])
    """
    if not _INDEX_WORDS.search(fold(question)):
        return []
    return [a for a in _acronyms(question) if a not in vocab.words and not _known(a)]


def _known(acronym: str) -> bool:
    """An acronym the glossary ("ppc", "doha") or officials' shorthand ("kh", "snv") holds."""
    return acronym in glossary() or acronym in shorthand_words()


def _acronyms(question: str, shortest: int = 2) -> list[str]:
    """A question's acronyms, folded; not Roman numerals, which are clause labels ("Mục II.1.a")."""
    found = (fold(m.group(0)) for m in _ACRONYM.finditer(question) if len(m.group(0)) >= shortest)
    return [a for a in dict.fromkeys(found) if not re.fullmatch(r"[ivxl]+", a)]


def unknown_acronyms(question: str, vocab: "Vocabulary") -> list[str]:
    """Acronyms of three letters or more that the corpus neither writes nor could abbreviate (no
    run of its words has those initials) and the glossary does not hold ("PPC", "DOHA": English
    names of the directives' bodies): a body or programme the directives never mention.

    >>> v = Vocabulary(["cấp giấy chứng nhận quyền sử dụng đất; điều tra xã hội học; Chỉ số PAPI"])
    >>> unknown_acronyms("Kế hoạch PAPI giao cơ quan nào phối hợp với UNDP?", v)
    ['undp']
    >>> unknown_acronyms("cấp GCN QSDĐ và điều tra XHH", v), unknown_acronyms("UBND CCHC", Vocabulary([]))
    ([], [])
    >>> unknown_acronyms("Mục III.1 NÓI GÌ", v)  # typed in capitals: words, not acronyms
    []
    >>> unknown_acronyms("Which indices is DOHA told to advise the PPC on?", v)
    []
    """
    if question.upper() == question:
        return []
    return [a for a in _acronyms(question, 3) if a not in vocab.words and a not in vocab.initials and not _known(a)]
