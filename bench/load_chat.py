"""Load check of the web app: simulated officials asking questions at once over loopback.

Each of ``--users`` threads asks ``--questions`` questions (drawn from ``eval/questions.jsonl``,
with a short random pause between them, like a person reading the answer) through
``POST /api/ask``; the run stops early after ``--max-seconds``. It reports errors by kind and the
latency p50/p95/max of all requests.

Without ``--url`` it starts ``python app.py`` on a free loopback port (on ``$VANBAN_DATA`` or
``./data``) and stops it afterwards.

    .venv/bin/python bench/load_chat.py                       # 20 users x 5 questions
    .venv/bin/python bench/load_chat.py --url http://127.0.0.1:7860 --users 20 --json
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def load_questions(path: Path) -> list[str]:
    """Questions of the eval set (``q`` or ``question`` field)."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                out.append(row.get("q") or row.get("question") or "")
    return [q for q in out if q]


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile of ``values`` (``p`` in 0..100).

    >>> percentile([1, 2, 3, 4], 50)
    2
    >>> percentile([1, 2, 3, 4], 95)
    4
    """
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.4999)))
    return ordered[rank - 1]


@contextmanager
def local_app(timeout: float = 180) -> Iterator[str]:
    """``python app.py`` on a free loopback port; yields its base URL."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "GRADIO_SERVER_NAME": "127.0.0.1", "GRADIO_SERVER_PORT": str(port)}
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"app.py exited ({proc.returncode}): {proc.stderr.read()[-2000:]}")
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("app.py did not become healthy in time")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def run(url: str, questions: list[str], users: int, per_user: int, max_seconds: float, think: float,
        seed: int) -> dict[str, object]:
    """Run the simulated users; returns the summary."""
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    lock = threading.Lock()
    stop_at = time.monotonic() + max_seconds
    start = threading.Barrier(users)

    def user(n: int) -> None:
        rng = random.Random(seed + n)
        history: list[str] = []
        with httpx.Client(base_url=url, timeout=httpx.Timeout(120.0)) as client:
            start.wait()
            for _ in range(per_user):
                if time.monotonic() >= stop_at:
                    return
                question = rng.choice(questions)
                began = time.perf_counter()
                try:
                    r = client.post("/api/ask", json={"question": question, "history": history[-3:],
                                                      "with_hits": False})
                    kind = None if r.status_code == 200 and "answer" in r.json() else f"HTTP {r.status_code}"
                except (httpx.HTTPError, ValueError) as exc:
                    kind = type(exc).__name__
                elapsed = time.perf_counter() - began
                with lock:
                    latencies.append(elapsed)
                    if kind:
                        errors[kind] += 1
                history.append(question)
                time.sleep(rng.uniform(0, think))

    began = time.monotonic()
    threads = [threading.Thread(target=user, args=(n,), daemon=True) for n in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=max_seconds + 150)
    wall = time.monotonic() - began
    total = len(latencies)
    return {
        "url": url, "users": users, "questions_per_user": per_user, "requests": total,
        "ok": total - sum(errors.values()), "errors": dict(errors), "wall_s": round(wall, 2),
        "throughput_rps": round(total / wall, 2) if wall else 0.0,
        "latency_s": {
            "p50": round(percentile(latencies, 50), 3) if latencies else None,
            "p95": round(percentile(latencies, 95), 3) if latencies else None,
            "max": round(max(latencies), 3) if latencies else None,
            "mean": round(statistics.fmean(latencies), 3) if latencies else None,
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running app (default: start app.py on a free loopback port)")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--questions", type=int, default=5, help="questions per user")
    parser.add_argument("--max-seconds", type=float, default=120.0, help="stop asking after this long")
    parser.add_argument("--think", type=float, default=1.0, help="longest pause between a user's questions (s)")
    parser.add_argument("--set", default=str(ROOT / "eval" / "questions.jsonl"), help="questions (JSONL)")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    questions = load_questions(Path(args.set))
    if args.url:
        summary = run(args.url.rstrip("/"), questions, args.users, args.questions, args.max_seconds, args.think,
                      args.seed)
    else:
        with local_app() as url:
            httpx.post(f"{url}/api/ask", json={"question": questions[0]}, timeout=120)  # warm-up, not counted
            summary = run(url, questions, args.users, args.questions, args.max_seconds, args.think, args.seed)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        lat = summary["latency_s"]
        print(f"{summary['users']} users, {summary['requests']} requests in {summary['wall_s']} s "
              f"({summary['throughput_rps']} req/s) against {summary['url']}")
        print(f"ok {summary['ok']}, errors {summary['errors'] or 'none'}")
        print(f"latency p50 {lat['p50']} s, p95 {lat['p95']} s, max {lat['max']} s, mean {lat['mean']} s")
    return 0 if not summary["errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
