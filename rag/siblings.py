"""Candidates that join the best one in an answer: another directive's answer, another sentence of
its clause, the next clause of a list, the other documents its clause cites, the other clauses dated
as the question asks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from rag.compose import BARE_DEADLINE, Candidate
from rag.duration import stated_dates
from vanban.records import Chunk, Hit

MAX_DATED = 4  # clauses quoted for "which tasks are due on <date>" (the list budget is shared among them)

NEAR_BEST = 0.85  # share of the best score at which another sentence or clause still answers
NEAR_PART = 0.7  # the same for another part of one long clause cut in several chunks ("III.1.d-1", "-2")


def other_directives(best: Candidate, sure: list[Candidate], qt: str, named: set[str],
                     levels: set[str]) -> list[Candidate]:
    """Answers from other directives, of ``sure`` (the candidates confident enough to answer): each
    directive the question names, the best answer of the other level when it asks for both, else one
    more directive whose answer is nearly as good (or of another level, for "which agency"). A question
    about one level ("… MTTQ tỉnh") gets no answer from a directive of the other level."""
    ok = [c for c in sure if len(levels) != 1 or not c.hit.chunk.level or c.hit.chunk.level in levels]
    if len(named) > 1:
        return [next(c for c in ok if c.hit.chunk.doc_id == d) for d in sorted(named)
                if d != best.hit.chunk.doc_id and any(c.hit.chunk.doc_id == d for c in ok)]
    if qt == "agency" and len(levels) > 1:
        other = next((c for c in ok if c.hit.chunk.level and c.hit.chunk.level != best.hit.chunk.level), None)
        if other is not None:
            return [other]
    other = next((c for c in ok if c.hit.chunk.doc_id != best.hit.chunk.doc_id), None)
    if other is None:
        return []
    # Directives of another level (province vs district) answer for their own level: show both.
    cross_level = qt == "agency" and other.hit.chunk.level != best.hit.chunk.level
    return [other] if other.score >= (0.7 if cross_level else 0.88) * best.score else []


def second_sentence(best: Candidate, candidates: list[Candidate]) -> Candidate | None:
    """Another sentence of the same clause that answers nearly as well: a general question
    gets the one or two most relevant sentences."""
    return next((c for c in candidates[1:8] if c.hit.chunk.id == best.hit.chunk.id
                 and c.sentence.start != best.sentence.start and c.score >= NEAR_BEST * best.score), None)


def next_clause(best: Candidate, candidates: list[Candidate]) -> list[Candidate]:
    """Another clause of the best one's directive that answers nearly as well: a list often runs
    over two clauses (1.4 and 1.4-3), and a long clause cut in parts continues in the next."""
    return [c for c in candidates[1:8] if c.hit.chunk.doc_id == best.hit.chunk.doc_id
            and c.hit.chunk.label != best.hit.chunk.label
            and c.score >= (NEAR_PART if parts_of_one(c, best) else NEAR_BEST) * best.score][:1]


def other_bodies(best: Candidate, candidates: list[Candidate]) -> list[Candidate]:
    """Other clauses of the best one's directive whose agency answers nearly as well and is another
    body: "những phòng nào được giao chủ trì …" is answered by each office given that task in its own
    clause (2.1-1, 2.2-1, 2.4-1 of a district letter)."""
    def body(c: Candidate) -> str:
        who = c.slot or c.agency or (c.entities[0] if c.entities else None)
        return who.text if who else ""

    if ", " in body(best):
        return []  # "Sở A, Đài B, Báo C are responsible": the bodies asked for open one clause together
    seen, labels, out = {body(best)}, {best.hit.chunk.label}, []
    for c in candidates[1:12]:
        if c.hit.chunk.doc_id == best.hit.chunk.doc_id and c.hit.chunk.label not in labels \
                and body(c) and body(c) not in seen and c.score >= NEAR_BEST * best.score:
            seen.add(body(c))
            labels.add(c.hit.chunk.label)
            out.append(c)
    return out[:2]


def parts_of_one(a: Candidate, b: Candidate) -> bool:
    """Whether two candidates come from chunks of one clause cut in parts ("1.4-2" and "1.4-3")."""
    la, lb = a.hit.chunk.label, b.hit.chunk.label
    return a.hit.chunk.doc_id == b.hit.chunk.doc_id and "-" in la + lb and la.split("-")[0] == lb.split("-")[0]


def cited_with(best: Candidate, candidates: list[Candidate]) -> list[Candidate]:
    """Other sentences of the best clause that cite documents the best sentence does not."""
    seen = {e.text for e in best.entities}
    out = []
    for c in candidates:
        if c.hit.chunk.id == best.hit.chunk.id and c.sentence.start != best.sentence.start \
                and (new := {e.text for e in c.entities} - seen):
            seen |= new
            out.append(c)
    return out[:2]


def dated_hits(days: set[date], hits: list[Hit], chunks: list[Chunk]) -> list[Hit]:
    """For "which tasks are due on <date>", the clauses stating that date in the directives where a
    retrieved clause states it (retrieval ranks a bare "Thời gian hoàn thành trước ngày 20/6/2023"
    low), as extra hits after ``hits``."""
    docs = {h.chunk.doc_id for h in hits if days & stated_dates(h.chunk.text)}
    have = {h.chunk.id for h in hits}
    return [Hit(c, 0.0, rank=len(hits) + 1) for c in chunks
            if c.doc_id in docs and c.id not in have and days & stated_dates(c.text)]


def same_date(best: Candidate, candidates: list[Candidate], days: set[date]) -> list[Candidate]:
    """The best one and the best sentence of each other clause of its directive that states the date
    asked about: every task due that day, each from its own clause; a bare deadline ("Thời gian hoàn
    thành trước ngày 20/6/2023.") gives way to the sentence before it, which says what is due."""
    seen, out = set(), []
    for c in [best] + candidates:
        if c.hit.chunk.id not in seen and c.hit.chunk.doc_id == best.hit.chunk.doc_id \
                and days & stated_dates(c.hit.chunk.text):
            seen.add(c.hit.chunk.id)
            # Quoted from its start: what is due comes first, its date is the one asked.
            out.append(replace(_task_of(c, candidates), focus=0))
    return out[:MAX_DATED]


def _task_of(cand: Candidate, candidates: list[Candidate]) -> Candidate:
    if len(cand.sentence.text) > BARE_DEADLINE:
        return cand
    before = [c for c in candidates if c.hit.chunk.id == cand.hit.chunk.id and c.sentence.end <= cand.sentence.start]
    return max(before, key=lambda c: c.sentence.start, default=cand)
