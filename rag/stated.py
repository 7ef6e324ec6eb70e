"""Answers read from the directives' structure, not quoted from one sentence: a directive's header
facts (who issued it, what kind of document it is, which directives are loaded), what an acronym
stands for, how many numbered parts a directive has."""

from __future__ import annotations

from rag.asked import levels
from rag.catalogue import asked_of, header_answer, header_fact
from rag.compose import Candidate, Composer
from rag.counts import count_text, structure_count
from rag.definition import define, definition_text
from rag.prior import DocInfo, named_documents
from vanban.records import Chunk, Document


def stated(question: str, qt: str, lang: str, named: set[str], docs: dict[str, DocInfo], chunks: list[Chunk],
           documents: dict[str, Document], composer: Composer) -> tuple[str, list[Candidate]] | None:
    """The answer text and its evidence when the question asks one of these facts, else None.

    Args:
        question: The question (written out).
        qt: Its answer type (``qtype``).
        lang: Its language.
        named: The directives it names outright.
        docs: The loaded directives' ``DocInfo``, by id.
        chunks: All indexed chunks.
        documents: The loaded directives, by id.
        composer: For the directives' names and English glosses.
    """
    # "do cơ quan nào ban hành", "là loại văn bản gì", "các văn bản đã nạp": the header facts.
    if fact := header_fact(question):
        about = set(documents) if fact == "inventory" else asked_of(
            named, named_documents(question, docs), {d: i.level for d, i in docs.items()}, levels(question))
        if heads := header_answer(question, fact, about, chunks, documents, lang, composer.doc_ref, composer.gloss):
            return heads
    if found := define(question, chunks):  # "PAPI là gì?": the name a clause writes for it
        where = composer.doc_ref(found.evidence.hit.chunk.doc_id, lang, False)
        return definition_text(found, lang, where), [found.evidence]
    if qt == "number" and len(named) == 1 and (count := structure_count(question, next(iter(named)), chunks)):
        # "Mục 2 có bao nhiêu tiểu mục, mỗi cơ quan một mục?": counted from the clause labels.
        return count_text(count, lang, composer.doc_ref(next(iter(named)), lang, False)), list(count.evidence)
    return None
