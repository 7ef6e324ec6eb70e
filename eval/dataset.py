"""Load and validate labelled evaluation items, answers, rankings and qrels.

The item format is ``shared/eval/FORMAT.md`` (``id``, ``q``, ``lang``, ``type``, ``answer``,
``must``, ``cite``, ``abstain``) plus optional fields (``note``; ``clause`` inside a cite).
A bad item raises :class:`DatasetError` naming the file, the line and the field.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LANGS = ("vi", "vi-nd", "en")
TYPES = ("agency", "date", "number", "reference", "person", "list", "fact", "unanswerable")


class DatasetError(ValueError):
    """An input file or line that does not follow the expected format."""

    def __init__(self, where: str, field_name: str | None, message: str):
        self.where = where
        self.field = field_name
        prefix = f"{where}: field '{field_name}'" if field_name else where
        super().__init__(f"{prefix}: {message}")


@dataclass(frozen=True)
class Cite:
    """Gold evidence: a directive file, an anchor phrase, and optionally a clause label."""

    doc: str
    anchor: str
    clause: str = ""


@dataclass
class Item:
    """One labelled question."""

    id: str
    q: str
    lang: str
    type: str
    answer: str
    must: list[list[str]]
    cite: list[Cite]
    abstain: bool
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _read_jsonl(path: str | Path) -> list[tuple[int, dict[str, Any]]]:
    """Read a JSON Lines file into (line number, object) pairs; blank lines skipped."""
    rows: list[tuple[int, dict[str, Any]]] = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DatasetError(f"{path}:{lineno}", None, f"not valid JSON ({exc.msg})") from exc
            if not isinstance(obj, dict):
                raise DatasetError(f"{path}:{lineno}", None, "a line must be a JSON object")
            rows.append((lineno, obj))
    return rows


def _str_field(obj: dict[str, Any], name: str, where: str, required: bool = True) -> str:
    value = obj.get(name)
    if value is None:
        if required:
            raise DatasetError(where, name, "missing")
        return ""
    if not isinstance(value, str):
        raise DatasetError(where, name, f"must be a string, got {type(value).__name__}")
    if required and not value.strip():
        raise DatasetError(where, name, "must not be empty")
    return value


def parse_item(obj: dict[str, Any], where: str = "<item>") -> Item:
    """Validate one item object and build an :class:`Item`.

    Args:
        obj: The decoded JSON object.
        where: ``file:line`` used in error messages.

    Returns:
        The item.

    Raises:
        DatasetError: When a field is missing, has the wrong type or contradicts another.
    """
    item_id = _str_field(obj, "id", where)
    where = f"{where} (id {item_id})"
    q = _str_field(obj, "q", where)
    lang = _str_field(obj, "lang", where)
    if lang not in LANGS:
        raise DatasetError(where, "lang", f"{lang!r} is not one of {', '.join(LANGS)}")
    qtype = _str_field(obj, "type", where)
    if qtype not in TYPES:
        raise DatasetError(where, "type", f"{qtype!r} is not one of {', '.join(TYPES)}")
    abstain = obj.get("abstain", False)
    if not isinstance(abstain, bool):
        raise DatasetError(where, "abstain", "must be true or false")
    answer = _str_field(obj, "answer", where, required=not abstain)

    must = obj.get("must", [])
    if not isinstance(must, list) or not all(
        isinstance(g, list) and g and all(isinstance(a, str) and a.strip() for a in g) for g in must
    ):
        raise DatasetError(where, "must", "must be a list of non-empty lists of non-empty strings")

    raw_cites = obj.get("cite", [])
    if not isinstance(raw_cites, list):
        raise DatasetError(where, "cite", "must be a list of objects")
    cites: list[Cite] = []
    for i, c in enumerate(raw_cites):
        if not isinstance(c, dict):
            raise DatasetError(where, f"cite[{i}]", "must be an object with 'doc' and 'anchor'")
        doc = _str_field(c, "doc", where + f" cite[{i}]")
        anchor = _str_field(c, "anchor", where + f" cite[{i}]", required=False)
        clause = _str_field(c, "clause", where + f" cite[{i}]", required=False)
        if not anchor.strip() and not clause.strip():
            raise DatasetError(where, f"cite[{i}].anchor", "a cite needs an anchor or a clause")
        cites.append(Cite(doc=doc, anchor=anchor, clause=clause))

    if abstain:
        if must or cites:
            raise DatasetError(where, "abstain", "an unanswerable item must have empty 'must' and 'cite'")
        if qtype != "unanswerable":
            raise DatasetError(where, "type", "an item with abstain=true must have type 'unanswerable'")
    else:
        if qtype == "unanswerable":
            raise DatasetError(where, "abstain", "type 'unanswerable' requires abstain=true")
        if not must:
            raise DatasetError(where, "must", "an answerable item needs at least one key-fact group")
        if not cites:
            raise DatasetError(where, "cite", "an answerable item needs at least one gold cite")
    note = obj.get("note", "")
    if not isinstance(note, str):
        raise DatasetError(where, "note", "must be a string")
    known = {"id", "q", "lang", "type", "answer", "must", "cite", "abstain", "note"}
    extra = {k: v for k, v in obj.items() if k not in known}
    return Item(item_id, q, lang, qtype, answer, [list(g) for g in must], cites, abstain, note, extra)


def load_items(path: str | Path) -> list[Item]:
    """Load and validate a labelled set; ids must be unique.

    Args:
        path: A ``.jsonl`` file in the item format.

    Returns:
        The items in file order.

    Raises:
        DatasetError: On the first bad line, naming line and field.
    """
    items: list[Item] = []
    seen: dict[str, int] = {}
    for lineno, obj in _read_jsonl(path):
        item = parse_item(obj, f"{path}:{lineno}")
        if item.id in seen:
            raise DatasetError(f"{path}:{lineno}", "id", f"duplicate id {item.id!r} (first on line {seen[item.id]})")
        seen[item.id] = lineno
        items.append(item)
    return items


def load_answers(path: str | Path) -> dict[str, dict[str, Any]]:
    """Load ``vanban answer`` output: one object per line with ``id`` and ``answer``.

    Raises:
        DatasetError: On a line without an ``id`` or with malformed citations.
    """
    out: dict[str, dict[str, Any]] = {}
    for lineno, obj in _read_jsonl(path):
        where = f"{path}:{lineno}"
        rid = _str_field(obj, "id", where)
        if not isinstance(obj.get("citations", []), list):
            raise DatasetError(where, "citations", "must be a list")
        out[rid] = obj
    return out


def load_rankings(path: str | Path) -> dict[str, list[dict[str, Any]]]:
    """Load ``vanban search --json`` output: one object per line with ``id`` and ``ranked``.

    Raises:
        DatasetError: On a line without ``id`` or ``ranked``.
    """
    out: dict[str, list[dict[str, Any]]] = {}
    for lineno, obj in _read_jsonl(path):
        where = f"{path}:{lineno}"
        rid = _str_field(obj, "id", where)
        ranked = obj.get("ranked")
        if not isinstance(ranked, list) or not all(isinstance(r, dict) for r in ranked):
            raise DatasetError(where, "ranked", "must be a list of objects")
        out[rid] = ranked
    return out


def load_qrels(path: str | Path) -> dict[str, set[str]]:
    """Load BEIR-style qrels (``query-id<TAB>corpus-id<TAB>score``, header optional).

    Rows with a score of 0 or less are not relevant.

    Raises:
        DatasetError: On a row with fewer than two columns or a non-numeric score.
    """
    out: dict[str, set[str]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for lineno, row in enumerate(csv.reader(fh, delimiter="\t"), start=1):
            if not row or not "".join(row).strip():
                continue
            if lineno == 1 and row[0].strip().lower() in {"query-id", "query_id", "qid"}:
                continue
            if len(row) < 2:
                raise DatasetError(f"{path}:{lineno}", "corpus-id", "expected query-id<TAB>corpus-id[<TAB>score]")
            score = 1.0
            if len(row) > 2 and row[2].strip():
                try:
                    score = float(row[2])
                except ValueError as exc:
                    raise DatasetError(f"{path}:{lineno}", "score", f"not a number: {row[2]!r}") from exc
            if score > 0:
                out.setdefault(row[0].strip(), set()).add(row[1].strip())
    return out


def export_queries(items: list[Item], path: str | Path) -> None:
    """Write ``{"id", "question"}`` lines, the input of ``vanban answer``/``search``."""
    with open(path, "w", encoding="utf-8") as fh:
        for it in items:
            fh.write(json.dumps({"id": it.id, "question": it.q}, ensure_ascii=False) + "\n")
