"""The extractive answerer: question → retrieved clauses → a short answer with clause citations,
or an abstention when the directives do not answer. An optional LLM may phrase the answer; its
output is verified against the retrieved clauses and replaced by the extractive answer if not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.chunk import embed_text
from rag import extract
from rag.evidence import Vocabulary, number_evidence_ok, unknown_names
from rag.prior import named_documents, part_kinds
from rag.query import Query, content_syllables, glossary, understand
from rag.retriever import Filters, Retriever
from vanban.config import LLMEndpoint, QueryConfig
from vanban.records import Answer, Citation, Document, Hit
from vanban.text import fold, folded_terms

TYPED = {"agency", "date", "number", "reference", "person"}
_LEAD_ROLES = {"chủ trì", "được giao", "là cơ quan thường trực", "chịu trách nhiệm", "có trách nhiệm"}


def _generic_agency(name: str) -> bool:
    return bool(re.match(r"(ubnd|uy ban nhan dan|chu tich)\b", fold(name)))
_FOLLOW_UP = re.compile(r"^(con|va|the con|vay|what about|and|how about)\b|thi sao\??$|\bthe nao\??$|\bwhat about\b")
_LEVEL_VI = {"province": "cấp tỉnh", "district": "cấp huyện", "commune": "cấp xã"}
_LEVEL_EN = {"province": "province level", "district": "district level", "commune": "commune level"}
_ROLE_EN = {"chủ trì": "leads", "phối hợp": "coordinates", "tham mưu": "advises", "chịu trách nhiệm": "is responsible",
            "có trách nhiệm": "is responsible", "được giao": "is assigned", "đề nghị": "is requested",
            "là cơ quan thường trực": "is the standing agency", "hướng dẫn": "guides", "theo dõi": "monitors"}
_NOT_FOUND = {
    "vi": "Không tìm thấy nội dung trả lời câu hỏi này trong các văn bản đã nạp.",
    "en": "Not found in the loaded directives: none of them answers this question.",
}


@dataclass
class Candidate:
    """One sentence of one retrieved clause, scored as the place the answer is."""

    hit: Hit
    sentence: extract.Span
    score: float
    entities: list[extract.Span]
    agency: extract.Span | None = None
    lang: str = "vi"
    focus: int = -1  # offset in the sentence where the question's words are densest


def resolve_follow_up(question: str, history: list[str]) -> str:
    """Join a follow-up question (``còn huyện Hớn Quản thì sao?``) to the previous question.

    >>> resolve_follow_up("còn huyện Hớn Quản thì sao?", ["Cơ quan nào chủ trì khảo sát SIPAS?"])
    'Cơ quan nào chủ trì khảo sát SIPAS? huyện Hớn Quản'
    >>> resolve_follow_up("Ai ký Chỉ thị 05?", ["Cơ quan nào chủ trì?"])
    'Ai ký Chỉ thị 05?'
    """
    if not history:
        return question
    low = fold(question).strip()
    if len(low.split()) > 9 or not _FOLLOW_UP.search(low):
        return question
    core = re.sub(r"^(còn|con|và|va|thế còn|vậy|what about|and|how about)\s+|\s*(thì sao|thế nào)?\s*\??$", "",
                  question.strip(), flags=re.IGNORECASE)
    return f"{history[-1].strip()} {core.strip()}"


class Answerer:
    """Builds ``Answer`` records from retrieval results."""

    def __init__(self, retriever: Retriever, documents: dict[str, Document], config: QueryConfig | None = None,
                 llm: LLMEndpoint | None = None):
        self.retriever = retriever
        self.documents = documents
        self.config = config or QueryConfig()
        self.llm = llm
        self.idf = _idf([c.text for c in retriever.chunks])
        self.vocab = Vocabulary([embed_text(c) + "\n" + c.original for c in retriever.chunks])

    def answer(self, question: str, history: list[str] | None = None, filters: Filters | None = None) -> Answer:
        """Answer one question (extractive; the LLM, if configured, only rephrases verified facts)."""
        effective = resolve_follow_up(question, history or [])
        query = understand(effective)
        qt = extract.qtype(effective)
        named = {d for d, w in named_documents(effective, self.retriever.docs).items() if w >= 1.0}
        hits = self.retriever.search(query, k=self.config.top_k, filters=filters)
        if named and not filters:
            focused = self.retriever.search(query, k=self.config.top_k, filters=Filters(doc=sorted(named)[0])) \
                if len(named) == 1 else [h for h in hits if h.chunk.doc_id in named]
            hits = focused or hits
        # Several directives answer side by side when the question names several, or names none
        # and asks who does something / what is required (not a single date or number).
        multi = len(named) > 1 or (not named and qt in {"agency", "fact", "list"})
        answer = self._extractive(question, query, qt, hits, multi=multi)
        if self.llm is not None and not answer.abstained:
            from rag.llm import llm_answer

            answer = llm_answer(self.llm, question, query, hits, answer)
        return answer

    # -- scoring -------------------------------------------------------------------------------
    def _overlap(self, topic: list[str], text: str) -> float:
        """IDF-weighted share of the topic words found in ``text`` (rare words count more)."""
        if not topic:
            return 0.0
        hay = set(folded_terms(text))
        weights = [self.idf.get(w, self.idf.get("", 1.0)) for w in topic]
        return sum(wt for w, wt in zip(topic, weights) if w in hay) / sum(weights)

    def _candidates(self, query: Query, qt: str, hits: list[Hit]) -> list[Candidate]:
        topic = content_syllables(query)
        lead = qt == "agency" and bool(re.search(r"\bchu tri\b|\blead", fold(query.text)))
        parts = part_kinds(query.text)
        out: list[Candidate] = []
        for hit in hits:
            chunk = hit.chunk
            addressee = self._addressee(hit)
            for sent in extract.sentences(chunk.text):
                entities = self._entities(qt, sent.text, hit)
                s_overlap = self._overlap(topic, sent.text)
                score = 0.45 * s_overlap + 0.35 * hit.coverage + 0.2 / hit.rank
                if qt in TYPED:
                    score += 0.15 if (entities or (qt == "agency" and addressee)) else -0.15
                if lead and addressee and addressee.role == "chủ trì":
                    score += 0.1
                if chunk.kind in parts:
                    score += 0.2  # "who signed" → signature block, "issued when" → header
                if qt in {"date", "number"} and len(entities) > 1:
                    entities = _nearest_first(entities, topic, sent.text)
                out.append(Candidate(hit, sent, round(score, 4), entities, addressee, query.lang,
                                     _densest(topic, sent.text)))
        out.sort(key=lambda c: (-c.score, c.hit.rank, c.sentence.start))
        return out

    def _entities(self, qt: str, text: str, hit: Hit) -> list[extract.Span]:
        if qt == "date":
            return extract.find_dates(text)
        if qt == "number":
            return extract.find_numbers(text)
        if qt == "reference":
            return extract.find_symbols(text)
        if qt == "agency":
            found = [a for a in extract.find_agencies(text) if a.role]
            # Named departments before the people's committees that assign them work.
            return sorted(found, key=lambda a: (_generic_agency(a.text), a.role not in _LEAD_ROLES, a.start))
        if qt == "person":
            doc = self.documents.get(hit.chunk.doc_id)
            return [extract.Span(doc.meta.signer, 0, 0, "person")] if doc and doc.meta.signer else []
        return []

    def _addressee(self, hit: Hit) -> extract.Span | None:
        """The agency a clause is addressed to: its own opening words or its parent heading."""
        chunk = hit.chunk
        opening = re.sub(r"^\s*(?:[IVX]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\))\s*", "", chunk.text[:160])
        found = extract.find_agencies(opening)
        if found and opening.find(found[0].text) < 12:
            role = found[0].role or self._role_at(opening[found[0].end - found[0].start + opening.find(found[0].text):])
            return extract.Span(found[0].text, 0, 0, "agency", role)
        if chunk.heading:
            last = chunk.heading.split(" › ")[-1]
            found = extract.find_agencies(re.sub(r"^\s*(?:\d+(?:\.\d+)*\.?|[a-zđ]\))\s*", "", last))
            if found:
                role = self._role_at(re.sub(r"^\s*[-–•]\s*", "", chunk.text))
                return extract.Span(found[0].text, 0, 0, "agency", role or found[0].role)
        return None

    @staticmethod
    def _role_at(text: str) -> str:
        low = fold(text).lstrip(" ,:-")
        return next((label for key, label in extract.ROLE_MARKERS.items() if low.startswith(key)), "")

    # -- composing -------------------------------------------------------------------------------
    def _extractive(self, question: str, query: Query, qt: str, hits: list[Hit], multi: bool) -> Answer:
        lang = query.lang
        base = Answer(question=question, answer="", lang=lang, qtype=qt, hits=hits)
        if not hits:
            return self._abstain(base)
        if unknown_names(question, self.vocab):
            return self._abstain(base)  # a place or year no loaded directive mentions
        if qt == "person" and not re.search(r"\bky\b|\bsign", fold(question)):
            return self._abstain(base)  # only signers are named in directives
        candidates = self._candidates(query, qt, hits)
        if qt == "number":
            candidates = [c for c in candidates if number_evidence_ok(question, c.sentence.text)]
        if qt in TYPED:
            # A typed question is answered only from a sentence that holds that kind of answer.
            candidates = [c for c in candidates if c.entities or (qt == "agency" and c.agency)]
        if not candidates:
            return self._abstain(base)
        best = candidates[0]
        confidence = self._confidence(best, qt)
        base.confidence = round(confidence, 3)
        if confidence < self.config.abstain_below:
            return self._abstain(base)
        chosen = [best]
        if multi:
            other = next((c for c in candidates if c.hit.chunk.doc_id != best.hit.chunk.doc_id), None)
            # Directives of another level (province vs district) answer for their own level: show both.
            cross_level = qt == "agency" and other is not None and other.hit.chunk.level != best.hit.chunk.level
            ratio = 0.7 if cross_level else 0.88
            if other and other.score >= ratio * best.score and self._confidence(other, qt) >= self.config.abstain_below \
                    and (qt not in TYPED or other.entities or other.agency):
                chosen.append(other)
        # Each part gets its share of the 300 characters (lists may run longer).
        budget = (600 if qt == "list" else 300) // len(chosen)
        parts = [self._compose(c, qt, lang, with_level=len(chosen) > 1, budget=budget) for c in chosen]
        base.answer = " ".join(parts)
        base.citations = [self._cite(c, qt) for c in chosen]
        return base

    def _confidence(self, cand: Candidate, qt: str) -> float:
        """0..1 from the sentence score and the dense similarity of its clause."""
        dense = cand.hit.dense or 0.0
        # e5 cosines of related passages sit in 0.80–0.90 (a few points lower across languages).
        floor = self.config.min_dense - (0.04 if cand.lang == "en" else 0.0)
        dense_part = min(1.0, max(0.0, (dense - floor) / 0.1))
        return 0.6 * min(1.0, cand.score) + 0.4 * dense_part

    def _abstain(self, base: Answer) -> Answer:
        base.abstained = True
        base.answer = _NOT_FOUND["en" if base.lang == "en" else "vi"]
        base.citations = []
        return base

    def _doc_ref(self, doc_id: str, lang: str, with_level: bool) -> str:
        doc = self.documents.get(doc_id)
        if doc is None:
            return doc_id
        meta = doc.meta
        name = " ".join(x for x in (meta.doc_type, meta.number) if x) or doc.id
        if not meta.number and meta.title:
            # The scan lost the number: name the directive by its title instead.
            short = meta.title if len(meta.title) <= 60 else meta.title[:57].rsplit(" ", 1)[0] + "…"
            name = f"{meta.doc_type or 'Văn bản'} «{short}»"
        if lang == "en":
            level = _LEVEL_EN.get(meta.level, "")
        else:
            level = _LEVEL_VI.get(meta.level, "")
        return f"{name} ({level})" if level and with_level else name

    def _compose(self, cand: Candidate, qt: str, lang: str, with_level: bool, budget: int = 300) -> str:
        chunk = cand.hit.chunk
        ref = self._doc_ref(chunk.doc_id, lang, with_level)
        where = f"{ref}, {'clause' if lang == 'en' else 'mục'} {chunk.label}"
        sentence = cand.sentence.text
        where_len = len(where) + 12
        snippet = extract.window(sentence, 0, max(60, min(200, budget - where_len - 60)))
        if qt == "agency":
            # The clause's addressee answers "which agency"; names inside its text are partners.
            agency = cand.agency or cand.entities[0]
            role = agency.role
            if lang == "en":
                gloss = self._gloss(agency.text)
                core = f"{agency.text}{f' ({gloss})' if gloss else ''} {_ROLE_EN.get(role, 'is responsible')}"
                return f"{core}: «{snippet}» — {where}."
            return f"{agency.text}{f' ({role})' if role else ''}: {snippet} — {where}."
        if qt in {"date", "number", "reference", "person"} and cand.entities:
            lead = "; ".join(dict.fromkeys(e.text for e in cand.entities[:3]))
            if qt == "person":
                doc = self.documents[chunk.doc_id]
                lead = f"{doc.meta.signer_role} {doc.meta.signer}".strip()
                name = " ".join(x for x in (doc.meta.doc_type, doc.meta.number) if x) or doc.id
                part = "signature block" if lang == "en" else "phần chữ ký"
                return f"{lead} — {name}, {part}."
            if lang == "en":
                return f"{lead} — «{snippet}» ({where})."
            return f"{lead} — {snippet} ({where})."
        text = self._extend(cand, max(60, budget - where_len - 25))
        if lang == "en":
            return f"According to {where}: «{text}»"
        return f"{text} ({where})"

    def _extend(self, cand: Candidate, limit: int) -> str:
        """The chosen sentence and what follows it in the whole clause (not only this chunk part).

        A sentence longer than the limit is cut around where the question's words are densest,
        and the text after them is kept: that is where the answer usually is.
        """
        chunk = cand.hit.chunk
        doc = self.documents.get(chunk.doc_id)
        clause = doc.clause(chunk.label) if doc else None
        text = clause.text if clause else chunk.text
        at = text.find(cand.sentence.text)
        if at < 0:
            text, at = chunk.text, cand.sentence.start
        start = at
        if len(cand.sentence.text) > limit and cand.focus >= 0:
            start = at + max(0, cand.focus - limit // 3)
        return extract.window(text, start, limit)

    @staticmethod
    def _gloss(name: str) -> str:
        low = fold(name)
        best = ""
        for en, term in glossary().items():
            if term.kind == "agency" and any(fold(t) in low for t in term.targets) and len(en) > len(best):
                best = en
        return best.title().replace("'S", "'s") if best else ""

    def _cite(self, cand: Candidate, qt: str = "") -> Citation:
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


def _nearest_first(entities: list[extract.Span], topic: list[str], text: str) -> list[extract.Span]:
    """Order dates/numbers by how many question words stand just before them ("cả năm trước 25/10")."""

    def near(span: extract.Span) -> int:
        before = fold(text[max(0, span.start - 50) : span.start])
        return sum(1 for w in topic if re.search(rf"\b{re.escape(w)}\b", before))

    return sorted(entities, key=lambda e: (-near(e), e.start))


def _densest(topic: list[str], text: str, width: int = 12) -> int:
    """Character offset of the window of ``width`` words holding most topic words.

    >>> _densest(["xin", "loi"], "giảm tỷ lệ trễ hẹn; thực hiện việc xin lỗi cá nhân", width=2)
    35
    """
    words = list(re.finditer(r"\S+", text))
    if not words or not topic:
        return -1
    wanted = set(topic)
    hits = [1 if fold(w.group(0)).strip(",.;:()") in wanted else 0 for w in words]
    best, best_i = -1, 0
    for i in range(len(words)):
        n = sum(hits[i : i + width])
        if n > best:
            best, best_i = n, i
    return words[best_i].start()


def _idf(texts: list[str]) -> dict[str, float]:
    """Inverse document frequency of folded words over the indexed chunks ("" = unseen words)."""
    import math

    df: dict[str, int] = {}
    for text in texts:
        for w in set(folded_terms(text)):
            df[w] = df.get(w, 0) + 1
    n = max(1, len(texts))
    idf = {w: math.log(1 + n / c) for w, c in df.items()}
    idf[""] = math.log(1 + n)
    return idf
