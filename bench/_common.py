"""What the benchmark scripts share: load average, latency percentiles, the code version and
the end of a run (report, uptime, optional JSON). Imported by the scripts beside it."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]


def load1() -> float:
    """The 1-minute load average (the machine is shared: every figure carries it)."""
    return round(os.getloadavg()[0], 2)


def uptime() -> str:
    """``uptime``'s line: the time and the load averages a run started or ended at."""
    return subprocess.getoutput("uptime").strip()


def pcts(ms: list[float], digits: int = 1) -> dict[str, float]:
    """p50/p95/max of latencies in milliseconds, rounded to ``digits``."""
    arr = np.asarray(ms, dtype=np.float64)
    return {"p50": round(float(np.percentile(arr, 50)), digits), "p95": round(float(np.percentile(arr, 95)), digits),
            "max": round(float(arr.max()), digits), "n": len(ms)}


def code_version() -> str:
    """The checked-out commit, marked ``+local changes`` when the tree differs from it (read-only git)."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], capture_output=True, text=True, cwd=REPO).stdout.strip()

    return git("rev-parse", "--short", "HEAD") + (" +local changes" if git("status", "--porcelain", "-uno") else "")


def finish(results: dict[str, Any], report: str, json_path: Path | None) -> int:
    """Print the report and the uptime before and after; write the raw figures when asked."""
    results["uptime_end"] = uptime()
    print(report)
    print(f"uptime before: {results['uptime_start']}\nuptime after:  {results['uptime_end']}")
    if json_path:
        json_path.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0
