"""Checks that the evidence found can answer what was asked, before an answer is given.

They catch the plausible questions the directives do not answer: about a place or a year the
corpus never mentions, about money when no amount is written, about a count of something the
text never counts.
"""

from __future__ import annotations

import re
from rag import extract
from vanban.text import fold, folded_terms

_PLACE = re.compile(r"\b(?:tinh|huyen|thanh pho|thi xa|province of|district of)\s+([a-z]+(?:\s+[a-z]+)?)")
_EN_PLACE = re.compile(r"\b([A-ZĐ][a-zà-ỹ]+(?:\s+[A-ZĐ][a-zà-ỹ]+)?)\s+(?:province|district|city)\b")
_MONEY = re.compile(r"\b(kinh phi|ngan sach|muc thuong|bao nhieu tien|funding|budget|money|how much money|allocate|"
                    r"bonus|reward amount|cost)\b")
# Asking for the amount, not mentioning money: "what budget …", "kinh phí bao nhiêu", not "budget revenue".
_MONEY_Q = re.compile(r"\b(?:what|how much|which)\s+(?:total\s+|annual\s+)?(?:budget|funding|money|cost)\b"
                      r"|\b(?:budget|funding|money)\s+(?:[a-z]+\s+){0,3}(?:allocat|provid|assign)"
                      r"|\b(?:kinh phi|ngan sach|tien)\s+(?:[a-z]+\s+){0,3}(?:bao nhieu|la bao nhieu)"
                      r"|\bbao nhieu\s+(?:[a-z]+\s+){0,2}(?:kinh phi|tien|ngan sach)")
_CURRENCY = re.compile(r"\d[\d.,]*\s*(?:trieu|ty|nghin)?\s*(?:dong|vnd)\b|\d[\d.,]*\s*(?:trieu|ty)\b")
_PERCENT_Q = re.compile(r"\b(phan tram|ty le|percent|percentage|what share|rate)\b|%")
_SCORE_Q = re.compile(r"\b(diem|score|xep hang|thu may|rank|ranked|ranking)\b")
_COUNT_Q = re.compile(r"\b(?:bao nhieu|how many)\s+([a-z]+(?:\s+[a-z]+)?)")
_NOT_NAMES = {"nao", "co", "da", "duoc", "la", "va", "cua", "nay", "do", "minh", "dat", "giao", "phai", "trong", "ve",
              "tu", "den", "thuc", "nam", "cap", "xa", "huyen", "tinh", "thi", "ban", "uy", "chi", "se", "can",
              "theo", "lan", "voi", "tai", "o", "hay", "khong", "dang", "gi", "ay", "khac", "cung", "moi", "nhu"}
# Words that start a phrase with "tỉnh"/"huyện" that is not a place ("tình trạng" folds to "tinh trang").
_NOT_PLACE_PAIRS = {"tinh trang", "tinh hinh", "tinh than", "tinh thuc", "tinh gon", "tinh chat", "tinh toan", "tinh hieu"}
_EN_NOT_NAMES = {"which", "what", "each", "every", "the", "this", "that", "our", "any", "other", "whole", "same", "a"}
_GENERIC = {"nam", "ngay", "lan", "nguoi", "cai", "the", "a", "of", "in", "is", "are"}


class Vocabulary:
    """Folded words and word pairs of the indexed text, for "is this name in the corpus?"."""

    def __init__(self, texts: list[str]):
        words: set[str] = set()
        pairs: set[str] = set()
        for text in texts:
            toks = folded_terms(text)
            words.update(toks)
            pairs.update(f"{a} {b}" for a, b in zip(toks, toks[1:]))
        self.words = words
        self.pairs = pairs

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
    """
    low = fold(question)
    missing: list[str] = []
    for m in _PLACE.finditer(low):
        name = m.group(1)
        first = name.split()[0]
        keyword = low[m.start() : m.start(1)].split()[-1]
        # A place is two syllables here; "tỉnh nào", "huyện có", "tình trạng gì" are not names.
        if len(name.split()) == 2 and first not in _NOT_NAMES and f"{keyword} {first}" not in _NOT_PLACE_PAIRS \
                and not vocab.has(name):
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


def asks_money(question: str) -> bool:
    """Whether a question asks for an amount of money (budget, funding, cost).

    >>> asks_money("What budget does the letter allocate?"), asks_money("Ai chủ trì?")
    (True, False)
    >>> asks_money("co quan nao bo tri kinh phi"), asks_money("what should budget revenue aim for?")
    (False, False)
    """
    return bool(_MONEY_Q.search(fold(question)))


def states_money(text: str) -> bool:
    """Whether a text states an amount of money ("500 triệu đồng")."""
    return bool(_CURRENCY.search(fold(text)))


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
    >>> number_evidence_ok("Huyện có bao nhiêu xã?", "UBND các xã, thị trấn thực hiện")
    False
    >>> number_evidence_ok("so nguoi dan tham gia khao sat la bao nhieu", "tuyên truyền về 08 nội dung của PAPI")
    False
    >>> number_evidence_ok("Tỉnh có bao nhiêu đơn vị hành chính cấp xã?", "1 các đơn vị")
    False
    >>> number_evidence_ok("How many PAPI areas are listed?", "trên 8 lĩnh vực Chỉ số PAPI", ("lĩnh vực",))
    True

    Args:
        question: The question as typed.
        sentence: The candidate sentence.
        translations: Vietnamese glossary terms of an English question: its counted noun
            ("areas") is looked for as their translation ("lĩnh vực").
    """
    q, text = fold(question), fold(sentence)
    if _MONEY.search(q):
        return bool(_CURRENCY.search(text))
    if _SCORE_Q.search(q) and not _PERCENT_Q.search(q):
        return bool(re.search(r"\b(diem|hang|thu)\s+\d|\d+[.,]\d+\s*diem|\d+\s*/\s*\d+\s*tinh", text))
    spans = extract.find_numbers(sentence)
    if _PERCENT_Q.search(q):
        return any(s.kind == "percent" for s in spans)
    m = _COUNT_Q.search(q) or re.search(r"\bso\s+([a-z]+(?:\s+[a-z]+)?)\b(?=.*\bbao nhieu\b)", q)
    if m:
        noun = [w for w in m.group(1).split() if w not in _GENERIC]
        counts = [re.sub(r"^\D*\d+\s+", "", fold(s.text)).split() for s in spans if s.kind == "count"]
        # "bao nhiêu đơn vị" needs "<n> đơn vị", not "<n> các đơn".
        nouns = [noun] + [fold(t).split() for t in translations]
        return any(c[: len(n)] == n for c in counts for n in nouns if n) if noun else bool(counts)
    return bool(spans)
