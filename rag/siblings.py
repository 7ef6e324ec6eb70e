"""Candidates that join the best one in an answer: another sentence of its clause, the next clause
of a list, the other documents its clause cites."""

from __future__ import annotations

from rag.compose import Candidate

NEAR_BEST = 0.85  # share of the best score at which another sentence or clause still answers
NEAR_PART = 0.7  # the same for another part of one long clause cut in several chunks ("III.1.d-1", "-2")


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
