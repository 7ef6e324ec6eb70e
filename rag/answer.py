"""The extractive answerer: question → retrieved clauses → a short answer with clause citations,
or an abstention when the directives do not answer. An optional LLM may phrase the answer; its
output is verified against the retrieved clauses and replaced by the extractive answer if not.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.chunk import embed_text
from rag import asked, cited, cloze, compare, compound, extract, paired, siblings, when
from rag.blocks import ADDRESS_LINE, asks_issue_date, asks_own_number, part_kinds
from rag.compose import Candidate, Composer, densest, sentence_confidence
from rag.compound import resolve_follow_up
from rag.confirm import claim_of, judged
from rag.counts import listed_count, listed_text
from rag.cues import Cues, addressed, asks_all_duties, duty_clauses, duty_holders, set_aside
from rag.duration import Durations, stated_dates
from rag.evidence import acting, mentions, named_agencies, number_evidence_ok
from rag.labels import label_matches, label_refs
from rag.nearmiss import NearMiss, asked_part, of_kind, of_result, unstated
from rag.parts import Parts
from rag.prior import asks_about_other_document, named_documents, named_outright, names_other_document
from rag.overlap import RUN_BONUS, WHEN_WORDS, Overlap, english_tasks, question_runs, run_past
from rag.qtype import qtype, role_held
from rag.wants import (asked_body_kind, asks_actual, asks_attribution, asks_several_bodies, asks_several_documents,
                        asks_subject, states_target)
from rag.query import Query, content_syllables, counted_terms, understand, written_out
from rag.retriever import Filters, Retriever, coverage
from rag.shorthand import mistyped_numbers
from rag.spans import addressee_for, answer_spans, hole_agency, other_agencies, with_basis_for, with_list_head
from rag.stated import stated
from rag.unknown import Vocabulary, unknown_acronyms, unknown_indices, unknown_kinds, unknown_names
from vanban.config import LLMEndpoint, QueryConfig
from vanban.records import Answer, Document, Hit
from vanban.text import fold, folded_terms, idf_weights

TYPED = {"agency", "date", "number", "reference", "person"}
LIST_BUDGET = 800  # characters of a list answer (a short answer has 300)


_NOT_FOUND = {
    "vi": "Không tìm thấy nội dung trả lời câu hỏi này trong các văn bản đã nạp.",
    "en": "Not found in the loaded directives: none of them answers this question.",
}


class Answerer:
    """Builds ``Answer`` records from retrieval results."""

    def __init__(self, retriever: Retriever, documents: dict[str, Document], config: QueryConfig | None = None,
                 llm: LLMEndpoint | None = None):
        self.retriever = retriever
        self.documents = documents
        self.config = config or QueryConfig()
        self.llm = llm
        self.composer = Composer(documents, {d: max(i.years) for d, i in retriever.docs.items() if i.years})
        self.idf = idf_weights(folded_terms(c.text) for c in retriever.chunks)
        self.overlap = Overlap(self.idf, retriever.docs)
        self.vocab = Vocabulary([embed_text(c) + "\n" + c.original for c in retriever.chunks])
        self.checks = NearMiss(retriever.chunks)
        self.parts = Parts(retriever.docs, documents)
        self.durations = Durations(retriever.docs, documents, retriever.chunks)

    def answer(self, question: str, history: list[str] | None = None, filters: Filters | None = None) -> Answer:
        """Answer one question (extractive; the LLM, if configured, only rephrases verified facts).
        A compound question ("which office …, and by when?") is answered part by part."""
        numbers = [d.number for d in self.retriever.docs.values()]
        effective = mistyped_numbers(written_out(resolve_follow_up(question, history or [])), numbers, self.vocab.words)
        if claim := claim_of(effective, tuple(numbers)):
            # "Có phải … không?": asked openly, the answer then held against the question's guess.
            return judged(replace(self._answer(claim.open, claim.open, filters), question=question), claim)
        if comp := compare.comparison(effective):
            # "A sớm hơn B mấy ngày", "trước hay sau": each side asked on its own, then compared.
            one, two = (self._answer(q, q, filters) if q else None for q in (comp.first, comp.second))
            return compare.compared(question, comp, one, two)
        parts = compound.split(effective)
        if len(parts) == 1:
            return self._answer(question, effective, filters)
        return compound.combine(question, [self._answer(p.text, p.text, filters, p) for p in parts], parts)

    def _answer(self, question: str, effective: str, filters: Filters | None,
                part: compound.Part | None = None) -> Answer:
        query = understand(effective)
        qt = qtype(effective)
        if part_kinds(effective) & {"recipients", "addressees"}:
            qt = "list"  # "sent to which bodies": the "Nơi nhận" (or "Kính gửi") block is the answer, read as a list
        elif asks_attribution(effective):
            qt = "attribution"  # "văn bản nào yêu cầu …": the directive whose clause says it
        named = named_outright(named_documents(effective, self.retriever.docs))
        hits: list[Hit] = []
        if named and not filters:
            # Each directive the question names is searched on its own; its hits keep their own ranks.
            hits = self.retriever.search_named(query, named, self.config.top_k)
        if not hits:
            hits = self.retriever.search(query, k=self.config.top_k, filters=filters)
        hits += addressed(query, hits, self.retriever.chunks)
        if qt == "list" and (days := stated_dates(effective)):
            hits += siblings.dated_hits(days, hits, self.retriever.chunks)  # "which tasks are due on 20/6/2023"
        # Several directives answer side by side when the question names several, or names none
        # and asks who does something / what is required (not a single date or number).
        multi = len(named) > 1 or (not named and qt in {"agency", "fact", "list"})
        # "which agency … in the province, and which in the district?": one answer per level.
        levels = asked.levels(effective) | self.parts.place_levels(effective)
        by_level = qt == "agency" and len(levels) > 1
        # Judged on the question as written out ("ai ki cv 1183" reads "ai ký Công văn 1138"), shown as typed.
        answer = replace(self._extractive(effective, query, qt, hits, multi=multi or by_level, named=named,
                                          levels=levels, filters=filters, part=part), question=question)
        if self.llm is not None and not answer.abstained:
            from rag.llm import llm_answer

            answer = llm_answer(self.llm, question, query, hits, answer)
        return answer

    def _candidates(self, query: Query, qt: str, hits: list[Hit]) -> list[Candidate]:
        topic = content_syllables(query)
        naming = self.overlap.naming_words(query)
        besides = set_aside(query)
        asked_topic = self.overlap.asked_words(topic, naming, besides)
        # Sentences are told apart by what is asked; a question of only naming words keeps them.
        s_topic = asked_topic if len(asked_topic) >= 2 else [w for w in topic if w not in besides] or topic
        if qt == "date" and len(event := [w for w in s_topic if w not in WHEN_WORDS]) >= 2:
            # "Thời gian hoàn thành trước ngày …" holds every "when" word of any deadline question:
            # the event asked about, read with the sentence before it, tells deadlines apart.
            s_topic = event
        lead = qt == "agency" and asked.asks_lead(query.text)
        deadline = qt == "date" and bool(when.DEADLINE.search(fold(query.text)))  # a date due by, not a period
        roles = asked.body_roles(query) if qt == "agency" else set()  # "acts as the standing body"
        parts = part_kinds(query.text)
        # The clause, like its sentences, is judged on what is asked (a clause repeating the plan's
        # title covers every question about the plan), unless the directive's own parts are asked.
        asked_only = s_topic is not topic and not parts
        frame = cloze.frame(query.text) if query.lang != "en" else cloze.Frame((), ())
        asked_kinds = asked.asked_kinds(query.text) if qt == "reference" else set()
        # "Which office does the Office of Home Affairs work with?": an agency the question names
        # is who it asks about, not the answer, when the sentence names another.
        named = named_agencies(query.text, query.agency_terms) if qt == "agency" else []
        hole = asked.hole(query) if qt == "agency" else None
        # "Who approves …?": the agency the verb follows ("… được Chủ tịch UBND tỉnh phê duyệt").
        verbs = asked.en_agent_verb(query.text) if qt == "agency" and query.lang == "en" and not hole else ()
        # "Ai trực tiếp chỉ đạo …?" asked as a fact: who acts is the sentence's subject, at its start.
        who = qt in {"fact", "list"} and bool(re.search(r"(?:^|[,;]\s*)(?:ai|who)\b", fold(query.text)))
        cues = Cues.of(query, qt, naming, parts)
        q_grams = question_runs(query.text)
        out: list[Candidate] = []
        for hit in hits:
            chunk = hit.chunk
            addressee = addressee_for(hit.chunk.text, hit.chunk.heading, query.text)
            clause_cov = coverage(s_topic, chunk, self.retriever.terms(chunk), self.idf) if asked_only else hit.coverage
            context = ""
            for sent in extract.sentences(chunk.text):
                entities = answer_spans(qt, sent.text, hit, query.text, self.documents)
                if lead:  # who leads is who acts, not the body reports go through ("(qua Sở Nội vụ)")
                    entities = acting(sent.text, entities)
                agency = addressee
                only_named = False  # the sentence names no agency but those the question asks about
                if named:
                    others = other_agencies(entities, named)
                    if others:
                        entities = others
                        agency = None if addressee and any(mentions(addressee.text, n) for n in named) else addressee
                    only_named = bool(entities) and not others
                # A list item ("cả năm trước 25/10/2023;") reads with the sentence that opens the list.
                s_overlap, s_full = self.overlap.best_stretch(s_topic, sent.text), self.overlap.best_stretch(topic, sent.text)
                if context and len(sent.text) <= 80:
                    s_overlap = max(s_overlap, 0.9 * self.overlap.best_stretch(s_topic, f"{context} {sent.text}"))
                    s_full = max(s_full, 0.9 * self.overlap.best_stretch(topic, f"{context} {sent.text}"))
                elif len(sent.text) > 80 or sent.text.rstrip().endswith(":"):
                    context = sent.text
                fit = cloze.match(frame, sent.text)
                framed = fit.score >= 3  # three syllables of the question's own wording around its hole
                # "… kèm theo kết quả gì?": a sentence naming what is asked ("cùng với Kết quả đánh giá")
                # is preferred to one that only holds the question's scene, however many words it shares.
                headed = framed or (qt in {"fact", "list"} and fit.left >= 2)
                slot = (hole_agency(qt, sent.text, fit.at) if framed else asked.marked_agency(sent.text, hole) if hole
                        else asked.agent_of(sent.text, verbs))
                cfg = self.config
                score = (cfg.sentence_overlap_weight * s_overlap + cfg.clause_coverage_weight * clause_cov
                         + cfg.clause_rank_weight / hit.rank + cfg.clause_dense_weight * ((hit.dense or 0.8) - 0.8) * 10
                         + (0.03 * min(fit.score, 5) if headed else 0))
                score += (0.2 if hole else 0.1) if slot else 0.0  # a hole's agency is what is asked
                if qt == "reference" and entities and cited.symbol_kind(entities[0]) in asked_kinds:
                    score += 0.1  # "which report": a report's symbol (…/BC-…) is the answer
                if qt in TYPED:
                    score += 0.15 if (entities or slot or (qt == "agency" and agency)) and not only_named else -0.15
                if lead and agency and agency.role == "chủ trì":
                    score += 0.1
                if roles and any(r in fold(sent.text) for r in roles):
                    score += 0.1
                score += cues.bonus(chunk.kind, sent.text)
                score += RUN_BONUS * run_past(q_grams, sent.text)
                if qt in {"date", "number"} and len(entities) > 1:
                    entities = when.nearest_first(entities, topic, sent.text, fit.at if framed else -1, deadline)
                focus = fit.at if framed else 0 if who else densest(
                    [w for w in topic if w not in besides] or topic, sent.text, self.idf)
                if not framed and (aim := cues.purpose_at(sent.text, focus)) >= 0:
                    focus = aim  # "để làm gì", "why": the answer starts where the sentence states its aim
                support = score + cfg.sentence_overlap_weight * (s_full - s_overlap) \
                    + cfg.clause_coverage_weight * (hit.coverage - clause_cov)
                out.append(Candidate(hit, sent, round(score, 4), entities, agency, query.lang, focus, slot,
                                     round(support, 4)))
        out.sort(key=lambda c: (-c.score, -c.support, c.hit.rank, c.sentence.start))
        return out

    def _extractive(self, question: str, query: Query, qt: str, hits: list[Hit], multi: bool,
                    named: set[str] | None = None, levels: set[str] | None = None,
                    filters: Filters | None = None, part: compound.Part | None = None) -> Answer:
        lang = query.lang
        base = Answer(question=question, answer="", lang=lang, qtype=qt, hits=hits)
        if not hits:
            return self._abstain(base)
        if unknown_names(question, self.vocab) or unknown_kinds(question, self.vocab) \
                or unknown_indices(query.text, self.vocab) or unknown_acronyms(query.text, self.vocab):
            return self._abstain(base)  # a place, year, kind of body, index or acronym no loaded directive mentions
        if self.parts.index_not_named(question):
            return self._abstain(base)  # "the 2023 PAPI plan … SIPAS": the directive asked about never names that index
        if asks_about_other_document(question, self.retriever.docs, qt):
            return self._abstain(base)  # a cited document's signer or content: only its number and date are here
        admits = filters.admits if filters else None
        if qt in {"number", "date", "fact", "reference"} and (
                duration := self.durations.answer(question, lang, hits, admits)):
            # "Mấy ngày?", "how many months of data?": computed from the dates the directives write.
            return self._computed(base, duration.text, duration.evidence)
        if got := stated(question, qt, lang, named or set(), self.retriever.docs, self.retriever.chunks,
                         self.documents, self.composer):
            return self._computed(base, *got)  # the issuer, an acronym's name, a count of numbered parts
        signs = bool(re.search(r"\bky\b|\bsign", fold(question)))
        role = role_held(question) if qt == "person" and not signs else ""
        if qt == "person" and not signs and not role:
            return self._abstain(base)  # only signers are named in directives
        candidates = self.parts.of_places(question, self._candidates(query, qt, hits), named or set())
        candidates = self.parts.of_described(question, candidates, named or set(), qt)
        if role:
            # "Chủ tịch UBND huyện Hớn Quản là ai?": the signer of a directive of that body, signing as that role.
            candidates = self.parts.role_holders(candidates, role, question)
        if unstated(question, [c.sentence.text for c in candidates]):
            return self._abstain(base)  # an amount of money, a phone number: no retrieved clause states one
        tasks = english_tasks(query) if lang == "en" else query.text  # the tasks it names, in Vietnamese
        candidates = self.checks.narrow(asked_part(question), lang, query.agency_terms, candidates,
                                        typed_only=qt in {"date", "number"}, tasks=tasks)
        if candidates is None:
            return self._abstain(base)  # it names an agency no loaded directive names
        refs = label_refs(question)
        points = bool(refs) and any(label_matches(c.hit.chunk.label, refs) for c in candidates)
        # The clause a question points at is asked, not every holder of that duty.
        if duties := [] if points else duty_holders(query, qt, candidates):
            candidates, qt = duties, "list"
        parts = part_kinds(question)
        if "recipients" in parts:
            # "Sent to which bodies": the "Nơi nhận" block answers, when one was found.
            # Of several directives' blocks, the one ranked first: a scanned block's misread words
            # ("Noi nhgn") share little with the question, its directive's name decides.
            candidates = sorted((c for c in candidates if c.hit.chunk.kind == "recipients"),
                                key=lambda c: c.hit.rank) or candidates
        elif "addressees" in parts and (opening := [c for c in candidates if ADDRESS_LINE.match(fold(c.sentence.text))]):
            candidates, qt = opening, "addressees"  # "Kính gửi những cơ quan nào": the letter's opening list
        if asks_subject(question) and not names_other_document(question, self.retriever.docs):
            # "What is Plan 8607 about?": the title in the header answers.
            titled = [c for c in candidates if c.hit.chunk.kind == "header" and self.composer.title(c.hit.chunk.doc_id)]
            candidates, qt = (titled, "subject") if titled else (candidates, qt)
        if qt in {"fact", "list"} and when.asks_frequency(question):
            candidates = when.schedules_first(candidates)  # "how often": a sentence naming periods answers
        if qt == "date" and (candidates := when.dating(question, parts, candidates, self.parts.issue_dates)) is None:
            return self._abstain(base)  # the issue date of a header not found, or nothing said of taking effect
        if qt == "number":
            translations = counted_terms(query) if lang == "en" else ()
            evidenced = [c for c in candidates if number_evidence_ok(question, c.sentence.text, translations)]
            if not evidenced and (count := listed_count(question, candidates)):
                # "kể tên bao nhiêu cơ quan" where no number is written: the bodies the clause names, counted.
                where = self.composer.doc_ref(count.evidence[0].hit.chunk.doc_id, lang, False)
                return self._computed(base, listed_text(count, lang, where), count.evidence)
            candidates = evidenced
            if asks_actual(question):
                # "thực tế có bao nhiêu": a target ("ít nhất 03 sáng kiến") is no result achieved.
                candidates = [c for c in candidates if not states_target(with_list_head(c))]
        # "Quyết định số mấy?": the number of a kind of document the directives only cite.
        cited_kinds = ((asked.number_of_kind(question) - self.parts.kinds) | cited.cited_by_kind(question)
                       if qt == "reference" else set())
        if qt == "reference" and asks_own_number(question) and not cited_kinds:
            # "What is the number of the letter?": the header's own symbol, not one it cites; none
            # when the scan of the directive the question points at lost its number line.
            if self.parts.lost_own_number(question):
                return self._abstain(base)
            candidates = [c for c in candidates if c.hit.chunk.kind == "header" and c.entities] or candidates
        if cited_kinds:
            # A symbol of that kind answers, in a sentence about what the question is about (a decision
            # cited for something else does not); a quote, or a symbol of another kind, does not.
            topic, dated = content_syllables(query), stated_dates(question)  # "thông báo ngày 18/3/2019 số mấy"
            unsaid = not cited.about(self.overlap.asked_words(topic, self.overlap.naming_words(query), set()))
            candidates = [c for c in candidates if any(cited.symbol_kind(e) in cited_kinds for e in c.entities)
                          and (unsaid or self.overlap.share(topic, with_basis_for(c)) >= 0.35
                               or dated & stated_dates(c.sentence.text)
                               or any(cited.names_issuer(e, question) for e in c.entities))]
            if not candidates:
                return self._abstain(base)
        if qt == "reference" and (dated := stated_dates(question)):
            # "thông báo ngày 30/3/2023 … là số mấy": the document of that date.
            candidates = [c for c in candidates if dated & stated_dates(c.sentence.text)] or candidates
        if qt == "reference" and not any(c.entities for c in candidates):
            if asked.asks_symbol(question):
                return self._abstain(base)  # "what is its number": only a symbol answers
            qt = "fact"  # "which ordinance": a document named without a number is quoted, not extracted
            candidates = self.checks.narrow(asked_part(question), lang, query.agency_terms,
                                            self._candidates(query, qt, hits), tasks=tasks) or []
        if qt == "agency":
            candidates = of_result(question, candidates)  # "Which departments scored below 75%?"
        if qt == "agency" and len(levels or ()) < 2 and (kind := asked_body_kind(question)):
            # "Which provincial department …", "báo cáo cơ quan trung ương nào": a body of that kind
            # answers, wherever the sentence names it; a clause addressed to a People's Committee does
            # not, and where no sentence names one the directives do not say. Asked of each level
            # ("sở nào …, còn huyện phòng nào"), each level's body is of its own kind.
            candidates = of_kind(candidates, kind, acting_only=asked.asks_lead(question))
        def at_pointer(c: Candidate) -> bool:  # in the clause the question points at, of a directive it names
            return label_matches(c.hit.chunk.label, refs) and (not named or c.hit.chunk.doc_id in named)

        if qt in TYPED:
            # A typed question is answered only from a sentence that holds that kind of answer.
            typed = [c for c in candidates if c.entities or c.slot or (qt == "agency" and c.agency)]
            at_ref = [c for c in candidates if at_pointer(c)] if refs else []
            mine = [c for c in at_ref if c.hit.chunk.doc_id == at_ref[0].hit.chunk.doc_id]
            if qt == "agency" and mine and not any(c in typed for c in mine):
                # "Mục 5 … kể tên những cơ quan nào": the clause pointed at answers in its own words
                # where no agency could be read in it (a scan's "cơ Sở: Nơi vụ").
                typed, qt = mine, "list"
            candidates = typed
            if qt == "agency" and not multi and any(c.slot for c in typed) and asked.hole(query):
                candidates = sorted(typed, key=lambda c: not c.slot)  # "on whose proposal": the marked body answers
        if refs:
            # "mục 2.2 công văn 1138 … hạn khi nào": the clause the question points at answers, when it can.
            candidates = [c for c in candidates if at_pointer(c)] or candidates
        if part is not None and part.other:
            candidates = paired.contrasted(candidates, part.own, part.other)
        if not candidates:
            return self._abstain(base)
        best = candidates[0]
        pointed = bool(refs) and label_matches(best.hit.chunk.label, refs)  # the clause asked about answers
        if qt == "date" and not (parts or pointed or asks_issue_date(question)) and (
                self.overlap.event_missing(query, best.hit.chunk.text)
                or best.entities and best.hit.chunk.kind != "header"
                and self.overlap.date_unrelated(query, best.sentence.text, best.entities[0])):
            return self._abstain(base)  # a date of another event than the one asked: its clause's or own words say so
        if qt in {"fact", "list"} and best.hit.chunk.kind == "header" and not parts:
            # The title names the directive, not what is asked of it: a clause below may say it.
            candidates = [c for c in candidates if c.hit.chunk.kind != "header"
                          or not self.overlap.holds_nothing_asked(query, c.sentence.text)]
            if not candidates:
                return self._abstain(base)
            best = candidates[0]
        # Whether to answer is judged on all the question's words, its document's name included
        # (which sentence answers was chosen without them).
        def confidence(c: Candidate) -> float:
            return sentence_confidence(c, self.config.min_dense, parts)

        base.confidence = round(confidence(max(candidates, key=lambda c: c.support or c.score)), 3)
        if base.confidence < self.config.abstain_below:
            return self._abstain(base)
        chosen = [best]
        if multi:
            sure = [c for c in candidates if confidence(c) >= self.config.abstain_below
                    and (qt not in TYPED or c.entities or c.slot or c.agency)]
            chosen += siblings.other_directives(best, sure, qt, named or set(), levels or set())
        if qt == "reference" and len(chosen) == 1 and (asks_several_documents(question)
                                                         or len(asked.asked_kinds(question)) > 1):
            # "căn cứ vào những văn bản nào": the other documents the same clause cites join.
            chosen += siblings.cited_with(best, candidates)
        if duties and len(chosen) == 1 and asks_all_duties(query, self.overlap.naming_words(query) | self.parts.place_words):
            chosen = duty_clauses(best, duties)
        elif qt == "agency" and len(chosen) == 1 and not refs and asks_several_bodies(question):
            chosen += siblings.other_bodies(best, candidates)  # "những phòng nào": each office given the task
        elif qt == "list" and len(chosen) == 1 and (days := stated_dates(question)) \
                and days & stated_dates(best.hit.chunk.text):
            chosen = siblings.same_date(best, candidates, days)  # each task due that day, with its clause
        elif qt == "list" and len(chosen) == 1 and not refs:
            chosen += siblings.next_clause(best, candidates)  # a list run over two clauses (1.4 and 1.4-3)
        several = len({c.hit.chunk.doc_id for c in chosen}) > 1  # directives, each with its level
        # Each part gets its share of 300 characters; lists and a directive's bodies given a task each run longer.
        listed = qt == "list" or (qt == "agency" and len(chosen) > 1 and not several)
        budget = (LIST_BUDGET if listed else 300) // len(chosen)
        parts = []
        for c in chosen:
            second = siblings.second_sentence(c, candidates) if qt in {"fact", "list"} and len(chosen) == 1 else None
            parts.append(self.composer.compose(c, qt, lang, with_level=several, budget=budget, second=second))
        base.answer = " ".join(parts)
        base.citations = [self.composer.cite(c, qt) for c in chosen]
        return base

    def _computed(self, base: Answer, text: str, evidence) -> Answer:
        """An answer computed from the clauses ``evidence`` (a duration, a count), not quoted from one."""
        base.answer, base.confidence = text, 1.0
        base.citations = [self.composer.cite(c) for c in evidence]
        return base

    def _abstain(self, base: Answer) -> Answer:
        base.abstained = True
        base.answer = _NOT_FOUND["en" if base.lang == "en" else "vi"]
        base.citations = []
        return base

