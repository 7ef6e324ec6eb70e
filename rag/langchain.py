"""LangChain adapters: the hybrid retriever as a ``BaseRetriever`` and the question → retrieve →
answer chain as a runnable. The core (rag.retriever, rag.answer) does not import LangChain."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda
from pydantic import ConfigDict

from rag.retriever import Filters
from vanban.records import Answer, Hit


def to_lc_document(hit: Hit) -> LCDocument:
    """A retrieved chunk as a LangChain document (scores and clause metadata in ``metadata``)."""
    c = hit.chunk
    return LCDocument(
        page_content=c.text,
        id=c.id,
        metadata={"id": c.id, "doc_id": c.doc_id, "number": c.number, "label": c.label, "heading": c.heading,
                  "title": c.title, "level": c.level, "year": c.year, "score": hit.score, "dense": hit.dense,
                  "lexical": hit.lexical, "coverage": hit.coverage, "rank": hit.rank},
    )


class VanbanRetriever(BaseRetriever):
    """Hybrid (FAISS + BM25) clause retriever for LangChain pipelines."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    retriever: Any  # rag.retriever.Retriever
    k: int = 8
    filters: Filters | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        return [to_lc_document(h) for h in self.retriever.search(query, k=self.k, filters=self.filters)]


def build_chain(assistant: Any) -> Runnable:
    """``question → retrieve → answer`` as a runnable returning an ``Answer`` record.

    Input: a question string, or ``{"question": str, "history": [str, ...]}``.
    """

    def run(inp: Any) -> Answer:
        if isinstance(inp, dict):
            return assistant.ask(inp["question"], history=inp.get("history"))
        return assistant.ask(str(inp))

    return RunnableLambda(run, name="vanban_answer")
