"""Query understanding: language, folding, acronym expansion, English → Vietnamese glossary,
and the lexical tokens shared by the index and the queries."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rag.numerals import EN_MONTHS, spelled_dates
from rag.shorthand import expand, untelex
from vanban.text import fold, has_diacritics, words

DATA = Path(__file__).resolve().parent / "data"
EN_WORDS = set(
    "the which what who whom whose when where why how does do did is are was were of for to in on by with "
    "and or a an that this these those must should shall according under about leads lead survey "
    "department office people's committee plan directive letter district province percent many much "
    "deadline date signed issued responsible".split()
)
# Function words that carry no topic in folded Vietnamese questions.
VI_STOP = set(
    "cac cua va la co duoc nhung trong theo voi cho ve de tai thi nao gi bao nhieu the nhu khi da se "
    "phai hay hoac ai dau sao tu den nay do mot moi cung ra vao tren duoi hon nua nhat".split()
)
EN_STOP = EN_WORDS - {"survey", "department", "office", "committee", "plan", "directive", "letter",
                      "district", "province", "percent", "deadline", "date", "signed", "issued", "responsible",
                      "lead", "leads"}


@dataclass(frozen=True)
class Term:
    source: str  # as matched in the question (lower case)
    targets: tuple[str, ...]  # Vietnamese terms
    kind: str


@dataclass
class Query:
    """A question, understood: language, expansions and search texts."""

    text: str
    lang: str  # "vi" | "vi-nd" | "en"
    terms: list[Term] = field(default_factory=list)  # glossary and acronym matches

    @property
    def expansions(self) -> list[str]:
        return [t for term in self.terms for t in term.targets]

    restored: str = ""  # the question with diacritics restored (vi-nd), when a model is available

    @property
    def agency_terms(self) -> tuple[str, ...]:
        """Vietnamese agency names its glossary terms gave (English questions name agencies in English)."""
        return tuple(t for term in self.terms if term.kind == "agency" for t in term.targets)

    @property
    def dense_text(self) -> str:
        """What the embedder reads: the question plus Vietnamese terms for English questions;
        a question typed without diacritics reads as restored Vietnamese."""
        if self.lang == "en" and self.expansions:
            return f"{self.text} ({'; '.join(dict.fromkeys(self.expansions))})"
        return self.restored or self.text

    @property
    def keep_tokens(self) -> list[str]:
        """Symbols, numbers and acronyms of the question: language-neutral search terms."""
        return [w for w in re.findall(r"[\w/%.-]+", self.text) if re.search(r"\d", w) or (w.isupper() and len(w) > 1)]

    @property
    def lexical_text(self) -> str:
        """What BM25 reads: the question and every expansion (for English questions only the
        Vietnamese expansions, the language-neutral tokens and the Vietnamese words it quotes:
        English words match nothing)."""
        if self.lang == "en":
            # Vietnamese words an English question quotes ("… cite for số hóa hồ sơ?") match as typed;
            # names ("Hưng Yên") point at directives through their places, not their wording.
            quoted = [w for w in words(self.text) if has_diacritics(w) and not w[0].isupper()]
            return " ".join([*self.expansions, *self.keep_tokens, *quoted])
        return " ".join([self.text, *self.expansions])


def _read_tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@lru_cache(maxsize=1)
def glossary() -> dict[str, Term]:
    """English phrase → Vietnamese terms, from ``rag/data/glossary.tsv``."""
    out: dict[str, Term] = {}
    for row in _read_tsv("glossary.tsv"):
        en, vi, kind = row[0].strip().lower(), row[1], row[2] if len(row) > 2 else "term"
        out[en] = Term(en, tuple(v.strip() for v in vi.split("|")), kind)
    return out


@lru_cache(maxsize=1)
def acronyms() -> dict[str, tuple[str, ...]]:
    """Acronym → expansions, from ``rag/data/acronyms.tsv``."""
    return {row[0].strip(): tuple(v.strip() for v in row[1].split("|")) for row in _read_tsv("acronyms.tsv")}


def detect_lang(text: str) -> str:
    """``vi`` (with diacritics), ``vi-nd`` (without) or ``en``.

    >>> detect_lang("Cơ quan nào chủ trì khảo sát SIPAS?")
    'vi'
    >>> detect_lang("co quan nao chu tri khao sat sipas")
    'vi-nd'
    >>> detect_lang("Which agency leads the SIPAS survey?")
    'en'
    >>> detect_lang("Which agency leads the survey in Hớn Quản district?")
    'en'
    >>> detect_lang("focal agency e-government architecture framework Hung Yen"), detect_lang("chu tri sipas papi")
    ('en', 'vi-nd')
    """
    tokens = [w.lower() for w in re.findall(r"[^\W\d_]+(?:'s)?", text)]
    if not tokens:
        return "vi"
    english = sum(1 for w in tokens if _english(w))
    if english >= max(2, 0.3 * len(tokens)):
        return "en"  # English, even with Vietnamese names in it ("… in Hớn Quản?")
    accented = sum(1 for w in tokens if has_diacritics(w))
    if accented >= max(1, 0.15 * len(tokens)):
        return "vi"
    return "en" if english >= max(1, 0.25 * len(tokens)) else "vi-nd"


@lru_cache(maxsize=1)
def _glossary_words() -> frozenset[str]:
    """English words of the glossary that cannot be Vietnamese ("agency", "threshold" but not
    "hung", "do") and are no acronym of the directives ("papi", "index")."""
    from repair.syllable import is_well_formed  # the syllable grammar, not the repair model

    acronym_words = {w for a in acronyms() for w in fold(a).split()}
    found = {w for phrase in glossary() for w in re.findall(r"[a-z]+", phrase)}
    return frozenset(w for w in found if len(w) > 2 and w not in acronym_words and not is_well_formed(w))


def _english(word: str) -> bool:
    """Whether a lower-case word of a question is English: a function word, an English ending,
    or a glossary word (inflected or not) that cannot be a Vietnamese syllable."""
    return (word in EN_WORDS or word.endswith(("tion", "ment", "ness", "ing", "ies"))
            or word in _glossary_words() or en_stem(word) in _glossary_words())


# Nouns that, after "which"/"what", ask for the answer's kind ("which agency", "what body").
_ASKED = ("agency", "agencies", "body", "bodies", "unit", "units", "organisation", "organization", "authority",
          "office", "department", "departments", "division", "official", "officials", "level", "levels", "person")
# Words whose final "s" is not a plural (they would otherwise meet another glossary word).
_EN_INVARIANT = frozenset({"news", "series", "species"})


def en_stem(word: str) -> str:
    """A crude English stem, so that glossary phrases meet their simple inflections: possessive
    's, plural -s/-es/-ies, verb -ed/-ing, and a final silent -e. Only ever compared with another
    ``en_stem``, never shown.

    >>> [en_stem(w) for w in ("agencies", "reports", "processes", "branches", "people's", "citizens'")]
    ['agency', 'report', 'process', 'branch', 'peopl', 'citizen']
    >>> [en_stem(w) for w in ("coordinate", "coordinates", "coordinated", "coordinating")]
    ['coordinat', 'coordinat', 'coordinat', 'coordinat']
    >>> [en_stem(w) for w in ("planned", "submitted", "applied", "staffed", "leading", "committees")]
    ['plan', 'submit', 'apply', 'staff', 'lead', 'committee']
    >>> [en_stem(w) for w in ("news", "status", "business", "exceed", "sipas", "2023")]
    ['news', 'status', 'business', 'exceed', 'sipa', '2023']
    """
    w = word.lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.rstrip("'")
    if len(w) <= 3 or w in _EN_INVARIANT or not w.isalpha():
        return w
    if w.endswith(("ies", "ied")) and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "shes", "ches", "xes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    elif w.endswith("ing") and len(w) >= 6:
        w = _undouble(w[:-3])
    elif w.endswith("ed") and not w.endswith("eed") and len(w) >= 5:
        w = _undouble(w[:-2])
    if w.endswith("e") and not w.endswith("ee") and len(w) > 3:
        w = w[:-1]
    return w


def _undouble(w: str) -> str:
    """``plann`` → ``plan``, ``submitt`` → ``submit`` (not ``staff``, ``install``, ``add``, ``pass``)."""
    return w[:-1] if len(w) > 2 and w[-1] == w[-2] and w[-1] not in "aeioudflsz" else w


_ASKED_STEMS = frozenset(en_stem(w) for w in _ASKED)


def en_words(text: str) -> list[str]:
    """Folded words of English text: hyphens and punctuation split words, apostrophes stay.

    >>> en_words("The People\u2019s Committee's e-government (one-stop) in Hớn Quản?")
    ['the', "people's", "committee's", 'e', 'government', 'one', 'stop', 'in', 'hon', 'quan']
    """
    return re.findall(r"[^\W_]+(?:'[^\W_]+)*'?", fold(text).replace("\u2019", "'").replace("\u2018", "'"))


@lru_cache(maxsize=1)
def _glossary_forms() -> tuple[list[tuple[str, tuple[str, ...], tuple[str, ...]]], dict[tuple[str, ...], set[tuple[str, ...]]]]:
    """Each glossary phrase with its words and stems, longest phrase first; and, by stems, the
    wordings the glossary holds (so that an exact wording wins over another inflection)."""
    forms = []
    wordings: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for phrase in sorted(glossary(), key=len, reverse=True):
        ws = tuple(en_words(phrase))
        stems = tuple(en_stem(w) for w in ws)
        if stems:
            forms.append((phrase, ws, stems))
            wordings.setdefault(stems, set()).add(ws)
    return forms, wordings


def find_terms(text: str, lang: str) -> list[Term]:
    """Glossary (English questions) and acronym matches in a question, longest phrase first.

    Glossary phrases match whole words, up to simple inflection (``en_stem``); where the glossary
    holds several inflections of a phrase, the question's own wording wins.

    >>> sorted(t.targets[0] for t in find_terms("Which agency leads the SIPAS survey?", "en"))
    ['Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước', 'chủ trì', 'khảo sát SIPAS']
    >>> [t.targets[0] for t in find_terms("Which body coordinated the inspections?", "en")]
    ['phối hợp', 'kiểm tra']
    >>> [t.targets[0] for t in find_terms("Who reviews the People\u2019s Committees' reports?", "en")]
    ['Ủy ban nhân dân', 'rà soát', 'báo cáo']
    """
    terms: list[Term] = []
    for acronym, targets in acronyms().items():
        if re.search(r"(?<![\w-])" + re.escape(fold(acronym)) + r"(?![\w-])", fold(text)):
            terms.append(Term(acronym.lower(), targets, "acronym"))
        elif any(fold(t) in fold(text) for t in targets[:1]) and len(targets[0]) > 12:
            terms.append(Term(targets[0].lower(), (acronym,), "acronym"))
    if lang == "en":
        words = en_words(text)
        stems = [en_stem(w) for w in words]
        present = set(stems)
        # "Which agency …?": the noun a question asks for names the answer's type, not its topic.
        asked = {i for i in range(1, len(words)) if words[i - 1] in ("which", "what") and stems[i] in _ASKED_STEMS}
        taken = [False] * len(words)
        forms, wordings = _glossary_forms()
        for phrase, ws, key in forms:
            if key[0] not in present:
                continue
            n = len(key)
            for i in range(len(stems) - n + 1):
                if tuple(stems[i : i + n]) != key or any(taken[i : i + n]) or (n == 1 and i in asked):
                    continue
                said = tuple(words[i : i + n])
                if said != ws and said in wordings[key]:
                    continue  # the glossary has this very wording: that row takes it
                taken[i : i + n] = [True] * n
                terms.append(glossary()[phrase])
    return terms


_MONTHS = {m: i for i, m in enumerate(EN_MONTHS, 1)}
_MONTH = "|".join(EN_MONTHS)
EN_DATE = re.compile(rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})|({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?)"
                      rf"(?:\s+((?:19|20)\d\d))?\b", re.IGNORECASE)


def english_dates(text: str) -> list[Term]:
    """English dates as the directives write them ("20 June 2023" → "20/6/2023"), so that a date
    question searches the clauses that hold it.

    >>> [t.targets for t in english_dates("Which tasks are due by 20 June 2023 or June 5?")]
    [('20/6/2023',), ('5/6',)]
    """
    out = []
    for m in EN_DATE.finditer(text):
        day = m.group(1) or m.group(4)
        month = _MONTHS[(m.group(2) or m.group(3)).lower()]
        year = f"/{m.group(5)}" if m.group(5) else ""
        out.append(Term(m.group(0).lower(), (f"{int(day)}/{month}{year}",), "date"))
    return out


# Markup pasted or typed into a question ("<b>ai</b> ký …"): a tag is no word of it. "< 75%" is no tag.
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")


def written_out(question: str, lang: str = "") -> str:
    """The question with its shorthand, Telex leftovers ("sowr") and dates in words written out
    (``rag.shorthand``, ``rag.numerals``), without diacritics when it was typed without them (``lang``,
    detected when not given), so its language stays; without HTML tags.

    >>> written_out('<img src=x onerror="alert(1)"><b>ai</b> ký chỉ thị 05?')
    'ai ký chỉ thị 05?'
    """
    question = re.sub(r"\s{2,}", " ", _TAG.sub(" ", question)).strip()
    lang = lang or detect_lang(question)
    if lang != "en":
        question = untelex(question, plain=lang == "vi-nd")
    return spelled_dates(expand(question, plain=lang == "vi-nd"))


def understand(question: str) -> Query:
    """Language and expansions of a question; its shorthand written out (``rag.shorthand``)."""
    lang = detect_lang(question)
    question = written_out(question, lang)
    terms = find_terms(question, lang) + (english_dates(question) if lang == "en" else [])
    query = Query(text=question.strip(), lang=lang, terms=terms)
    if lang == "vi-nd":
        query.restored = _restore(query.text)
    return query


def _restore(text: str) -> str:
    try:
        from repair.restore import restore_diacritics
    except ImportError:  # the repair model is optional for search
        return ""
    return restore_diacritics(text)


def lexical_tokens(text: str) -> list[str]:
    """Folded syllables, syllable bigrams, and document symbols kept whole as tokens.

    >>> lexical_tokens("Sở Nội vụ, Nghị định 61/2018/NĐ-CP, 75%")
    ['so', 'noi', 'vu', 'nghi', 'dinh', '61/2018/nd-cp', '61', '2018', 'nd-cp', '75%', '75', 'so_noi', 'noi_vu', 'vu_nghi', 'nghi_dinh']
    """
    tokens: list[str] = []
    syllables: list[str] = []
    for w in words(fold(text)):
        tokens.append(w)
        if re.search(r"[/%]|\d[.-]", w):
            tokens.extend(p for p in re.split(r"[/%]", w) if p)
        elif w.isalpha():
            syllables.append(w)
    bigrams = [f"{a}_{b}" for a, b in zip(syllables, syllables[1:])]
    return tokens + bigrams


def char_tokens(text: str, n: int = 3) -> list[str]:
    """Character n-grams of each folded word (with boundary marks), robust to OCR damage.

    >>> char_tokens("hiệu", 3)
    ['#hi', 'hie', 'ieu', 'eu#']
    """
    out: list[str] = []
    for w in words(fold(text)):
        padded = f"#{w}#"
        out.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return out


def content_syllables(query: Query) -> list[str]:
    """The folded topic words of a question (no stop words), for coverage scores."""
    toks = [w for w in words(fold(query.lexical_text)) if len(w) > 1]
    stop = VI_STOP
    return list(dict.fromkeys(w for w in toks if w not in stop))


def counted_terms(query: Query) -> tuple[str, ...]:
    """Vietnamese terms of what an English "how many" counts ("how many areas" → "lĩnh vực"), or
    of the whole question when the glossary knows none of the counted words: a question that also
    mentions "contents" does not let "08 nội dung" answer "how many areas".

    >>> counted_terms(understand("The plan lists areas and contents. How many contents?"))
    ('nội dung',)
    """
    m = re.search(r"\bhow many ((?:[\w-]+ ){0,3}[\w-]+)", query.text.lower())
    if m and not re.search(r"\bpercent", m.group(1)):  # a percentage is judged on what it measures
        stems = {en_stem(w) for w in m.group(1).split()}
        own = tuple(dict.fromkeys(t for term in query.terms if term.kind != "acronym"
                                  and all(en_stem(w) in stems for w in term.source.split()) for t in term.targets))
        if own:
            return own
    return tuple(query.expansions)
