"""The regression gate: compare measured metrics with checked-in thresholds.

``thresholds.json`` has two sections, ``min`` (the metric must be at least this) and
``max`` (at most this, for rates where lower is better and for latency). Each maps a
group name as in :attr:`eval.runner.Results.metrics` (``overall``, ``lang=vi``,
``type=date``…) to ``{metric: value}``. Keys starting with ``_`` are comments.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

SECTIONS = ("min", "max")


class _HasMetrics(Protocol):
    metrics: dict[str, dict[str, float | None]]


def load_thresholds(path: str | Path) -> dict[str, Any]:
    """Read and validate a thresholds file.

    Raises:
        ValueError: When a section is unknown or a value is not a number.
    """
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    validate(data, str(path))
    return data


def validate(data: Any, where: str = "thresholds") -> None:
    """Check the shape of a thresholds object.

    Raises:
        ValueError: Naming the offending key.
    """
    if not isinstance(data, dict):
        raise ValueError(f"{where}: must be a JSON object")
    for section, groups in data.items():
        if section.startswith("_"):
            continue
        if section not in SECTIONS:
            raise ValueError(f"{where}: unknown section {section!r} (expected min or max)")
        if not isinstance(groups, dict):
            raise ValueError(f"{where}: {section} must map groups to metrics")
        for group, metrics in groups.items():
            if group.startswith("_"):
                continue
            if not isinstance(metrics, dict):
                raise ValueError(f"{where}: {section}.{group} must map metrics to numbers")
            for name, value in metrics.items():
                if name.startswith("_"):
                    continue
                if not isinstance(value, (int, float)) or isinstance(value, bool):
                    raise ValueError(f"{where}: {section}.{group}.{name} must be a number")


def check(results: _HasMetrics, thresholds: dict[str, Any], strict: bool = False) -> list[str]:
    """Return every threshold the results violate.

    Args:
        results: Anything with a ``metrics`` mapping (group → metric → value).
        thresholds: The loaded thresholds object.
        strict: When True, a threshold whose group or metric was not measured is a
            violation; otherwise it is skipped (e.g. a retrieval-only run).

    Returns:
        Human-readable violation messages; empty when the gate passes.
    """
    validate(thresholds)
    out: list[str] = []
    for section in SECTIONS:
        for group, limits in thresholds.get(section, {}).items():
            if group.startswith("_"):
                continue
            measured = results.metrics.get(group)
            for name, limit in limits.items():
                if name.startswith("_"):
                    continue
                value = None if measured is None else measured.get(name)
                if value is None:
                    if strict:
                        out.append(f"{group} {name}: not measured ({section} {limit})")
                    continue
                if section == "min" and value < limit:
                    out.append(f"{group} {name} = {value:.4g} < min {limit:.4g}")
                elif section == "max" and value > limit:
                    out.append(f"{group} {name} = {value:.4g} > max {limit:.4g}")
    return out
