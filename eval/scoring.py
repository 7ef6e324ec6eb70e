"""Score one item at a time, then aggregate the per-item results into metrics.

The system under test is seen only through its two JSON contracts: the answers written by
``vanban answer`` and the rankings printed by ``vanban search --json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from eval import metrics as m
from eval.dataset import Item

RECALL_KS = (1, 5, 10)
MRR_K = 10


@dataclass
class ItemResult:
    """What happened to one question."""

    item: Item
    answered: bool = False  # an answer record was given for this item
    answer: str = ""
    abstained: bool = False
    citations: list[dict[str, Any]] = field(default_factory=list)
    latency_ms: float | None = None
    correct: bool | None = None  # facts present (answerable) / abstained (unanswerable)
    missing: list[list[str]] = field(default_factory=list)
    cited_correct: list[bool] = field(default_factory=list)
    cites_covered: int = 0
    ranked: list[dict[str, Any]] | None = None
    gold_ranks: list[int | None] = field(default_factory=list)  # per gold cite / qrels id
    first_rank: int | None = None
    failures: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """True when any failure reason was recorded."""
        return bool(self.failures)


def _alias(doc_id: str, aliases: dict[str, str] | None) -> str:
    stem = m.doc_stem(doc_id or "")
    return (aliases or {}).get(stem, stem)


def _ranked_label(entry: dict[str, Any]) -> str:
    label = entry.get("label")
    if isinstance(label, str) and label:
        return label
    cid = str(entry.get("id", ""))
    return cid.split("#", 1)[1] if "#" in cid else ""


def _ranked_doc(entry: dict[str, Any]) -> str:
    doc = entry.get("doc_id")
    if isinstance(doc, str) and doc:
        return doc
    return str(entry.get("id", "")).split("#", 1)[0]


def score_retrieval(res: ItemResult, ranked: list[dict[str, Any]], aliases: dict[str, str] | None = None) -> None:
    """Fill the retrieval ranks of an item from its ranked chunks (top 10 used)."""
    res.ranked = ranked
    top = ranked[:MRR_K]
    per_cite: list[int | None] = []
    any_rel: list[bool] = [False] * len(top)
    for cite in res.item.cite:
        rel = [
            m.clause_matches_cite(
                _alias(_ranked_doc(e), aliases), _ranked_label(e), str(e.get("text", "")),
                cite.doc, cite.clause, cite.anchor,
            )
            for e in top
        ]
        per_cite.append(m.first_relevant_rank(rel))
        any_rel = [a or b for a, b in zip(any_rel, rel)]
    res.gold_ranks = per_cite
    res.first_rank = m.first_relevant_rank(any_rel)


def score_retrieval_qrels(res: ItemResult, ranked: list[dict[str, Any]], gold: set[str]) -> None:
    """Fill the retrieval ranks of a query against qrels ids.

    A ranked entry matches a gold id when its ``id``, its ``doc_id`` or the part of its
    ``id`` before ``#`` equals the gold id.
    """
    res.ranked = ranked
    top = ranked[:MRR_K]

    def hit(e: dict[str, Any], g: str) -> bool:
        cid = str(e.get("id", ""))
        return g in (cid, str(e.get("doc_id", "")), cid.split("#", 1)[0])

    res.gold_ranks = [m.first_relevant_rank([hit(e, g) for e in top]) for g in sorted(gold)]
    res.first_rank = m.first_relevant_rank([any(hit(e, g) for g in gold) for e in top])


def _citation_matches(cit: dict[str, Any], item: Item, aliases: dict[str, str] | None) -> tuple[bool, list[bool]]:
    """(citation is correct, which gold cites it covers)."""
    chunk_id = str(cit.get("chunk_id", "") or "")
    doc = _alias(str(cit.get("doc_id", "") or chunk_id.split("#", 1)[0]), aliases)
    label = str(cit.get("clause", "") or (chunk_id.split("#", 1)[1] if "#" in chunk_id else ""))
    text = str(cit.get("text", "") or "")
    covers = [m.clause_matches_cite(doc, label, text, c.doc, c.clause, c.anchor) for c in item.cite]
    has_facts = bool(item.must) and m.facts_present(text, item.must)
    covers = [cv or (has_facts and doc == m.doc_stem(c.doc)) for cv, c in zip(covers, item.cite)]
    return any(covers) or has_facts, covers


def score_answer(res: ItemResult, record: dict[str, Any] | None, aliases: dict[str, str] | None = None) -> None:
    """Fill the answer, abstention and citation fields of an item from its answer record.

    A missing record counts as an empty, non-abstained answer.
    """
    item = res.item
    res.answered = record is not None
    record = record or {}
    res.answer = str(record.get("answer", "") or "")
    res.abstained = bool(record.get("abstained", False))
    res.citations = [c for c in record.get("citations", []) or [] if isinstance(c, dict)]
    lat = record.get("latency_ms")
    res.latency_ms = float(lat) if isinstance(lat, (int, float)) and not isinstance(lat, bool) else None
    if not res.answered:
        res.failures.append("no answer record returned")
    if item.abstain:
        res.correct = res.abstained
        if not res.abstained:
            res.failures.append("answered a question the directives do not answer")
        return
    res.missing = m.missing_facts(res.answer, item.must)
    res.correct = not res.abstained and not res.missing
    if res.abstained:
        # the clauses shown with an abstention are "possibly related", not evidence
        res.failures.append("abstained on an answerable question")
        return
    if res.missing:
        res.failures.append("answer lacks key facts: " + "; ".join(" | ".join(g) for g in res.missing))
    covered = [False] * len(item.cite)
    for cit in res.citations:
        ok, covers = _citation_matches(cit, item, aliases)
        res.cited_correct.append(ok)
        covered = [a or b for a, b in zip(covered, covers)]
    res.cites_covered = sum(covered)
    if not any(res.cited_correct):
        res.failures.append("no supporting clause cited")


def retrieval_failure(res: ItemResult, k: int = 5) -> None:
    """Record a failure when some gold clause is not within the top ``k``."""
    if res.ranked is None or not res.gold_ranks:
        return
    if any(r is None or r > k for r in res.gold_ranks):
        ranks = ", ".join("-" if r is None else str(r) for r in res.gold_ranks)
        res.failures.append(f"gold clause not in the top {k} (ranks per gold: {ranks})")


def aggregate(results: list[ItemResult], with_answers: bool, with_rankings: bool) -> dict[str, float | None]:
    """Metrics over a group of item results.

    Definitions (answerable = ``abstain`` false in the gold):

    - ``recall@k``: mean over answerable items of the share of gold cites whose clause is
      in the top ``k``; ``mrr@10``: mean of 1/rank of the first relevant chunk.
    - ``answer_accuracy``: answerable items not abstained with every ``must`` group in the
      answer; ``accuracy``: the same over all items, an unanswerable one counting when
      abstained (the chart shows this one).
    - ``abstention_accuracy``: unanswerable items abstained; ``false_abstention_rate``:
      answerable items abstained.
    - ``citation_precision``: mean over answered items with citations of the share of
      correct citations; ``citation_recall``: mean over answerable items of the share of
      gold cites covered; ``supported_rate``: answerable items with >= 1 correct citation.
      Citations shown with an abstention are not evidence and are not scored.
    - ``latency_p50_ms``/``latency_p95_ms``: over all items with a latency.

    Returns:
        ``n``, ``n_answerable``, ``n_unanswerable`` and the metrics above that the inputs
        allow; a metric with no items to average is None.
    """
    ans = [r for r in results if not r.item.abstain]
    una = [r for r in results if r.item.abstain]
    out: dict[str, float | None] = {
        "n": float(len(results)),
        "n_answerable": float(len(ans)),
        "n_unanswerable": float(len(una)),
    }
    if with_rankings:
        ranked = [r for r in ans if r.ranked is not None and r.gold_ranks]
        for k in RECALL_KS:
            out[f"recall@{k}"] = m.mean(m.recall_at_k(r.gold_ranks, k) for r in ranked)
        out[f"mrr@{MRR_K}"] = m.mean(m.reciprocal_rank(r.first_rank, MRR_K) for r in ranked)
    if with_answers:
        out["accuracy"] = m.mean(1.0 if r.correct else 0.0 for r in results)
        out["answer_accuracy"] = m.mean(1.0 if r.correct else 0.0 for r in ans)
        out["abstention_accuracy"] = m.mean(1.0 if r.abstained else 0.0 for r in una)
        out["false_abstention_rate"] = m.mean(1.0 if r.abstained else 0.0 for r in ans)
        out["citation_precision"] = m.mean(
            sum(r.cited_correct) / len(r.cited_correct) for r in ans if r.cited_correct
        )
        out["citation_recall"] = m.mean(r.cites_covered / len(r.item.cite) for r in ans if r.item.cite)
        out["supported_rate"] = m.mean(1.0 if any(r.cited_correct) else 0.0 for r in ans)
        lats = [r.latency_ms for r in results if r.latency_ms is not None]
        out["latency_p50_ms"] = m.percentile(lats, 50)
        out["latency_p95_ms"] = m.percentile(lats, 95)
    return out
