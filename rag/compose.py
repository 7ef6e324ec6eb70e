"""The words of an answer: the short text, the directive reference and the citation.

The answerer (``rag.answer``) decides *which* sentence answers; this module says it: in the
question's language, within the character budget, naming the directive and clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import takewhile

from rag import cited, extract
from rag.numerals import EN_MONTHS
from rag.query import glossary
from vanban.records import Citation, Document, Hit
from vanban.text import fold

_LEVEL_VI = {"province": "cấp tỉnh", "district": "cấp huyện", "commune": "cấp xã"}
_LEVEL_EN = {"province": "province level", "district": "district level", "commune": "commune level"}
_ROLE_EN = {"chủ trì": "leads", "phối hợp": "coordinates", "tham mưu": "advises", "chịu trách nhiệm": "is responsible",
            "có trách nhiệm": "is responsible", "được giao": "is assigned", "đề nghị": "is requested",
            "là cơ quan thường trực": "is the standing agency", "hướng dẫn": "guides", "theo dõi": "monitors"}

_PLURAL_EN = {"leads": "lead", "coordinates": "coordinate", "advises": "advise", "is responsible": "are responsible",
              "is assigned": "are assigned", "is requested": "are requested", "guides": "guide", "monitors": "monitor",
              "is the standing agency": "are the standing agencies"}


BARE_DEADLINE = 60  # characters of a date's sentence too short to say what is due ("Thời gian hoàn thành …")


@dataclass
class Candidate:
    """One sentence of one retrieved clause, scored as the place the answer is."""

    hit: Hit
    sentence: extract.Span
    score: float
    entities: list[extract.Span]
    agency: extract.Span | None = None  # the clause's addressee
    lang: str = "vi"
    focus: int = -1  # offset in the sentence where the answer most likely starts
    slot: extract.Span | None = None  # an agency standing where the question's hole is
    support: float = 0.0  # the score with every question word, the directive's name included


class Composer:
    """Writes answers and citations for the loaded directives."""

    def __init__(self, documents: dict[str, Document], years: dict[str, int] | None = None):
        self.documents = documents
        self.years = years or {}  # the year a directive is known by, where its header lost it

    def doc_ref(self, doc_id: str, lang: str, with_level: bool) -> str:
        """``Chỉ thị 05/CT-CTUBND (cấp tỉnh)``; a directive whose number the scan lost is named
        by its year (``Chỉ thị năm 2023``, from ``years`` where its header is lost too), else by
        its title."""
        doc = self.documents.get(doc_id)
        if doc is None:
            return doc_id
        meta = doc.meta
        name = " ".join(x for x in (meta.doc_type, meta.number) if x) or doc.id
        kind = meta.doc_type or "Văn bản"
        year = meta.year or self.years.get(doc_id)
        if not meta.number and year:
            name = f"{kind} ({year})" if lang == "en" else f"{kind} năm {year}"
        elif not meta.number and meta.title:
            short = meta.title if len(meta.title) <= 40 else meta.title[:38].rsplit(" ", 1)[0] + "…"
            name = f"{kind} «{short}»"
        level = (_LEVEL_EN if lang == "en" else _LEVEL_VI).get(meta.level, "")
        return f"{name} ({level})" if level and with_level else name

    def title(self, doc_id: str) -> str:
        """A directive's title (its subject line), "" when unknown."""
        doc = self.documents.get(doc_id)
        return doc.meta.title if doc else ""

    def compose(self, cand: Candidate, qt: str, lang: str, with_level: bool, budget: int = 300,
                second: Candidate | None = None) -> str:
        """One directive's part of the answer; ``second`` is another sentence of the same clause."""
        chunk = cand.hit.chunk
        ref = self.doc_ref(chunk.doc_id, lang, with_level)
        where = f"{ref}, {'clause' if lang == 'en' else 'mục'} {chunk.label}"

        def fit(frame: str) -> int:
            # Characters left for quoted text in ``frame`` ("{}" marks the quote; 4 for ellipses).
            return max(60, budget - len(frame.replace("{}", "")) - 4)

        if qt == "agency":
            # The agency in the question's hole answers; else the clause's addressee does.
            agency = cand.slot or cand.agency or cand.entities[0]
            role = "" if cand.slot else agency.role
            if cand.slot and (via := _VIA.match(cand.sentence.text, cand.slot.end)):
                # "gửi về UBND tỉnh (qua Sở Nội vụ)": where to send is both.
                agency = replace(agency, text=f"{agency.text} {via.group(0).strip()}")
            if lang == "en":
                # Several agencies that open the clause together ("Sở A, Đài B, Báo C") answer together.
                names = [n for n in re.split(r",\s*", agency.text) if n]
                # The agency in the hole ("through which body", "to whom") is not the one acting.
                verb = "" if cand.slot else _ROLE_EN.get(role, "is responsible")
                if verb:
                    verb = " " + (_PLURAL_EN.get(verb, verb) if len(names) > 1 else verb)
                glossed = ", ".join(f"{n} ({g})" if (g := self.gloss(n)) else n for n in names)
                frame = f"{glossed}{verb}: «{{}}» — {where}."
                if len(frame) > budget - 60:  # the names and glosses would leave no room to quote
                    frame = f"{agency.text}{verb}: «{{}}» — {where}."
            else:
                frame = f"{agency.text}{f' ({role})' if role else ''}: {{}} — {where}."
            return frame.replace("{}", self._around(cand, agency if cand.slot else None, fit(frame)))
        if qt == "addressees":
            # "Kính gửi:" and the bullet lines under it, run together.
            lines = chunk.text[cand.sentence.start:].splitlines()
            items = takewhile(lambda ln: ln.lstrip()[:1] in "-+•", lines[1:])
            block = [lines[0].strip()] + [ln.strip() for ln in items]
            frame = f"Addressed to ({where}): «{{}}»" if lang == "en" else f"{{}} ({where})"
            return frame.replace("{}", extract.window(" ".join(block), 0, fit(frame)))
        if qt == "attribution":
            # "Văn bản nào yêu cầu …": the directive, then what it says.
            frame = f"{ref}: «{{}}» ({where})." if lang == "en" else f"{ref} — {{}} ({where})."
            return frame.replace("{}", self.extend(cand, fit(frame)))
        if qt == "subject":
            title = self.title(chunk.doc_id)
            return f"Subject of {where}: «{title}»" if lang == "en" else f"{title} ({where})"
        if qt == "person" and cand.entities:
            doc = self.documents[chunk.doc_id]
            title = signer_title(doc.meta.signer_role, doc.meta.issuer)
            if lang == "en" and (gloss := self.gloss(title)):
                title = f"{title} ({gloss})"
            lead = ", ".join(x for x in (doc.meta.signer, title) if x)
            return f"{lead} — {ref}, {'signature block' if lang == 'en' else 'phần chữ ký'}."
        if qt in {"date", "number", "reference"} and cand.entities:
            lead = "; ".join(dict.fromkeys(cited.dated(cand.sentence.text, e, lang) if qt == "reference" else e.text
                                           for e in cand.entities[:3]))
            doc = self.documents.get(chunk.doc_id)
            if qt == "date" and chunk.kind == "header" and doc and doc.meta.date:
                lead = issue_date_text(doc.meta.date, lang)  # the date line may be damaged: "ngày (08 tháng 06"
            frame = f"{lead} — «{{}}» ({where})." if lang == "en" else f"{lead} — {{}} ({where})."
            if qt == "date" and chunk.kind != "header" and len(cand.sentence.text) <= BARE_DEADLINE \
                    and (before := _sentence_before(cand)):
                # "Thời gian hoàn thành trước ngày 30/10/2023." says nothing of what is due: the
                # sentence before it does, quoted up to the date.
                text = f"{before} {cand.sentence.text}"
                return frame.replace("{}", extract.window(text, len(text), fit(frame)))
            return frame.replace("{}", self._around(cand, cand.entities[0], fit(frame)))
        # Short English framing: every character of the 300 goes to the quote.
        frame = f"In {where}: «{{}}»" if lang == "en" else f"{{}} ({where})"
        limit = fit(frame)
        text = self.extend(cand, limit)
        if second is not None and len(text) + len(second.sentence.text) + 1 <= limit \
                and second.sentence.text not in text:
            # Two sentences of the clause, in the clause's order, when both fit whole.
            first, last = sorted((cand, second), key=lambda c: c.sentence.start)
            text = f"{first.sentence.text} {last.sentence.text}" if first is not cand else f"{text} {last.sentence.text}"
        elif second is not None and qt == "list" and second.sentence.text not in text \
                and len(cand.sentence.text) > (half := (limit - 2) // 2):
            # A long sentence would fill the quote: a list spread over two sentences of the clause
            # shows each sentence's share.
            first, last = sorted((cand, second), key=lambda c: c.sentence.start)
            text = f"{self._around(first, None, half)} {self._around(last, None, half)}"
        return frame.replace("{}", text)

    @staticmethod
    def _around(cand: Candidate, entity: extract.Span | None, limit: int) -> str:
        """The sentence, cut to ``limit`` so that it shows ``entity`` (else its start); with the
        words opening it before a semicolon when no entity is to be shown (``_opening``)."""
        text, at = cand.hit.chunk.text, cand.sentence.start
        if entity is None and (opened := _opening(text, at, len(cand.sentence.text), limit)) >= 0:
            return extract.window(text, opened, limit)
        start = 0 if entity is None or entity.end <= limit else max(0, entity.start - limit // 3)
        return extract.window(cand.sentence.text, start, limit)

    def extend(self, cand: Candidate, limit: int) -> str:
        """The chosen sentence and what follows it in the whole clause (not only this chunk part).

        A sentence longer than the limit is cut around its focus, keeping the text after it:
        that is where the answer usually is.
        """
        chunk = cand.hit.chunk
        doc = self.documents.get(chunk.doc_id)
        clause = doc.clause(chunk.label) if doc else None
        text = clause.text if clause else chunk.text
        at = text.find(cand.sentence.text)
        if at < 0:
            text, at = chunk.text, cand.sentence.start
        start = at
        if (opened := _opening(text, at, len(cand.sentence.text), limit)) >= 0:
            return extract.window(text, opened, limit)
        if cand.focus > limit // 3 and len(text) - at > limit:
            start = at + max(0, cand.focus - limit // 3)
            # A sentence that ends a little past the window is shown to its end (its last words
            # are often the answer), as long as the focus stays in view.
            overflow = at + len(cand.sentence.text) - (start + limit - 4)
            if 0 < overflow <= limit // 3 and start + overflow <= at + cand.focus:
                start += overflow
        return extract.window(text, start, limit)

    @staticmethod
    def gloss(name: str) -> str:
        """The English gloss of a Vietnamese agency name, from the glossary (or ""): the agency row
        whose Vietnamese name is the most specific one found in it (whole words, punctuation aside),
        and of the rows with that name the longest English one.

        >>> Composer.gloss("Sở Tư pháp"), Composer.gloss("Văn phòng Đăng ký quyền sử dụng đất huyện")
        ('Department of Justice', 'Land Registration Office')
        >>> Composer.gloss("Người đứng đầu"), Composer.gloss("Thủ trưởng các sở, ban, ngành tỉnh")
        ('Head of the agency, unit or locality', 'Heads of provincial departments, boards and sectors')
        >>> Composer.gloss("TM. Ủy ban nhân dân tỉnh Hưng Yên")
        "On Behalf of the Provincial People's Committee"
        """
        if head := next((en for vi, en in _HEAD_GLOSSES if fold(name).startswith(vi)), ""):
            return head  # the heads a duty binds ("Người đứng đầu", ``extract.heads_of``), not their bodies
        low = _gloss_key(name)
        best, best_key = "", (0, 0)
        for vi, en in _agency_glosses():
            key = (len(vi), len(en))
            if key > best_key and vi in low:
                best, best_key = en, key
        if not best:
            return ""
        # "Chủ tịch Ủy ban nhân dân cấp huyện" is a person of that committee, not the committee.
        role = next((en for vi, en in _role_glosses() if low.startswith(vi) and len(vi) < len(low)), "")
        if role and not fold(best).lower().startswith(fold(role).lower()):
            return headline(f"{role} {'' if role.lower().endswith(' of') else 'of '}the {best}")
        return headline(best)

    def cite(self, cand: Candidate, qt: str = "") -> Citation:
        """The citation of a chosen sentence (a signer question cites the signature block)."""
        chunk = cand.hit.chunk
        doc = self.documents.get(chunk.doc_id)
        if qt == "person" and doc is not None and doc.clause("signature") is not None:
            clause = doc.clause("signature")
            at = clause.text.find(doc.meta.signer) if doc.meta.signer else -1
            span = (at, at + len(doc.meta.signer)) if at >= 0 else (0, len(clause.text))
            return Citation(doc_id=doc.id, number=doc.meta.number, clause="signature", text=clause.text,
                            chunk_id=clause.id, title=doc.meta.title, level=doc.meta.level, span=span,
                            original=clause.original, repair_confidence=clause.repair_confidence)
        return Citation(
            doc_id=chunk.doc_id,
            number=chunk.number,
            clause=chunk.label,
            text=chunk.text,
            chunk_id=chunk.id,
            title=doc.meta.title if doc else chunk.title,
            level=chunk.level,
            span=(cand.sentence.start, cand.sentence.end),
            original=chunk.original,
            repair_confidence=chunk.repair_confidence,
        )


_MINOR_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"})


# English for the heads of bodies (folded, longest first).
_HEAD_GLOSSES = (("thu truong cac so, ban, nganh", "Heads of provincial departments, boards and sectors"),
                 ("thu truong cac co quan, don vi", "Heads of agencies and units"),
                 ("nguoi dung dau", "Head of the agency, unit or locality"))


_VIA = re.compile(r"\s*\((?:thông )?qua [^()]{3,40}\)")


def _opening(text: str, at: int, length: int, limit: int) -> int:
    """Where the sentence holding a part of ``text`` after a semicolon opens, when the part at ``at``
    (``length`` long) and its opening fit in ``limit`` together; -1 otherwise. Those words name who
    the part binds ("b) Người đứng đầu phải …; chịu trách nhiệm trực tiếp …").

    >>> _opening("1. A. b) Người đứng đầu phải nêu gương; chịu trách nhiệm.", 39, 18, 100)
    6
    >>> _opening("Sở Nội vụ chủ trì.", 0, 18, 100), _opening("A; " + "b" * 90 + ".", 3, 91, 60)
    (-1, -1)
    """
    opened = max(text.rfind(".", 0, at), text.rfind("\n", 0, at)) + 1
    lead = text[opened:at]
    if not lead.rstrip().endswith(";") or at - opened > limit // 2 or at - opened + length > limit - 4:
        return -1
    return opened + len(lead) - len(lead.lstrip())


def issue_date_text(iso: str, lang: str) -> str:
    """A directive's issue date as an answer leads with it.

    >>> issue_date_text("2023-06-08", "vi"), issue_date_text("2019-05-16", "en")
    ('ngày 08/06/2023', '16 May 2019 (16/05/2019)')
    """
    year, month, day = iso.split("-")
    numeric = f"{day}/{month}/{year}"
    if lang == "en":
        return f"{int(day)} {EN_MONTHS[int(month) - 1].capitalize()} {year} ({numeric})"
    return f"ngày {numeric}"


def _sentence_before(cand: Candidate) -> str:
    """The sentence before the candidate's in its chunk, or ""."""
    before = [s.text for s in extract.sentences(cand.hit.chunk.text) if s.end <= cand.sentence.start]
    return before[-1].strip() if before else ""


def headline(text: str) -> str:
    """Title case as in an English agency name: minor words stay lower case after the first.

    >>> headline("office of the district people's council and people's committee")
    "Office of the District People's Council and People's Committee"
    """
    words = text.split()
    return " ".join(w if i and w in _MINOR_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _gloss_key(text: str) -> str:
    """Folded words, space-delimited: "Giáo dục — Đào tạo" meets "Giáo dục - Đào tạo"."""
    return " " + " ".join(re.findall(r"\w+", fold(text))) + " "


@lru_cache(maxsize=1)
def _role_glosses() -> tuple[tuple[str, str], ...]:
    """(Vietnamese role key, English) of the glossary's short role rows ("Chủ tịch" → "chair"),
    longest Vietnamese first, and of the rows with the same Vietnamese the shortest singular English one."""
    rows = [(_gloss_key(t), en) for en, term in glossary().items() if term.kind == "role" for t in term.targets
            if len(t.split()) <= 3]
    return tuple(sorted(rows, key=lambda r: (-len(r[0]), r[1].endswith("s"), len(r[1]))))


@lru_cache(maxsize=1)
def _agency_glosses() -> tuple[tuple[str, str], ...]:
    """(Vietnamese name key, English phrase) of the glossary's agency rows, read once."""
    return tuple((_gloss_key(t), en) for en, term in glossary().items() if term.kind == "agency" for t in term.targets)


def densest(topic: list[str], text: str, idf: dict[str, float] | None = None, width: int = 12) -> int:
    """Character offset of the window of ``width`` words holding most topic words (rare words
    weigh more when ``idf`` is given).

    >>> densest(["xin", "loi"], "giảm tỷ lệ trễ hẹn; thực hiện việc xin lỗi cá nhân", width=2)
    35
    """
    starts, folded = _folded_words(text)
    if not starts or not topic:
        return -1
    wanted = set(topic)
    weight = [(idf.get(w, 1.0) if idf else 1.0) if w in wanted else 0.0 for w in folded]
    # Sliding window sum: the window starting at i holds weight[i : i + width].
    n = sum(weight[:width])
    best, best_i = n, 0
    for i in range(1, len(starts)):
        n += (weight[i + width - 1] if i + width - 1 < len(weight) else 0.0) - weight[i - 1]
        if n > best + 1e-12:
            best, best_i = n, i
    return starts[best_i]


@lru_cache(maxsize=8192)
def _folded_words(text: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """Start offsets and folded, punctuation-stripped forms of the words of ``text`` (cached:
    the same clause sentences are read for many questions)."""
    words = list(re.finditer(r"\S+", text))
    low = fold(text)  # folded once: NFC Vietnamese folds one character to one, so offsets hold
    folded = ([low[m.start() : m.end()] for m in words] if len(low) == len(text)
              else [fold(m.group(0)) for m in words])
    return tuple(m.start() for m in words), tuple(f.strip(",.;:()") for f in folded)


def signer_title(role: str, issuer: str) -> str:
    """The title a directive was signed with: the signature's role completed by the issuing body.

    >>> signer_title("Chủ tịch", "Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên")
    'Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên'
    >>> signer_title("Chủ tịch", "Ủy ban nhân dân huyện Hớn Quản")
    'Chủ tịch Ủy ban nhân dân huyện Hớn Quản'
    >>> signer_title("TM. Ủy ban nhân dân", "Ủy ban nhân dân tỉnh Hưng Yên")
    'TM. Ủy ban nhân dân tỉnh Hưng Yên'
    >>> signer_title("Chủ tịch", ""), signer_title("", "Ủy ban nhân dân tỉnh")
    ('Chủ tịch', '')
    """
    if not role or not issuer:
        return role
    # "TM. Ủy ban nhân dân" signs on behalf of the body the issuer line names in full.
    mark, _, body = role.partition(". ") if re.match(r"[A-Z]{2,3}\. ", role) else ("", "", role)
    if fold(issuer).startswith(fold(body)):
        return f"{mark}. {issuer}" if mark else issuer
    return f"{role} {issuer}"


def sentence_confidence(cand: Candidate, min_dense: float, parts: set[str] | frozenset[str] = frozenset()
                        ) -> float:
    """0..1 from a candidate's sentence score and the dense similarity of its clause.

    A signature block or header holding what the question asks of that part ("who signed"), or the
    recipients block asked for and retrieved first (other directives' blocks join only on their own
    merit), is found by its structure; its dense similarity (a name, a date line, a list of bodies)
    says nothing.
    """
    dense = cand.hit.dense or 0.0
    # e5 cosines of related passages sit in 0.80–0.90 (a few points lower across languages).
    floor = min_dense - (0.04 if cand.lang == "en" else 0.0)
    dense_part = min(1.0, max(0.0, (dense - floor) / 0.1))
    if cand.hit.chunk.kind in parts and (cand.entities or cand.hit.chunk.kind == "recipients" and cand.hit.rank == 1):
        dense_part = 1.0  # the "Nơi nhận" block retrieved first is itself the list asked for
    return 0.6 * min(1.0, cand.support or cand.score) + 0.4 * dense_part
