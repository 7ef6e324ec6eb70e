"""Write the evaluation report: ``report.md``, ``report.html`` and ``accuracy.svg``.

The report has the metric tables (overall, by language, by type), a bar chart of
accuracy by language and by type (inline SVG, generated here), and every failed question
with what was expected, what came back and the cited clauses. All text in the HTML is
escaped; the chart is built from escaped strings too.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from eval.runner import Results
    from eval.scoring import ItemResult

RETRIEVAL = ("recall@1", "recall@5", "recall@10", "mrr@10")
ANSWERS = (
    "accuracy", "answer_accuracy", "abstention_accuracy", "false_abstention_rate",
    "citation_precision", "citation_recall", "supported_rate",
)
LATENCY = ("latency_p50_ms", "latency_p95_ms")
CLIP = 400


def _fmt(name: str, value: float | None) -> str:
    if value is None:
        return "–"
    if name.startswith("latency"):
        return f"{value:.1f}"
    if name.startswith("n"):
        return str(int(value))
    return f"{value:.3f}"


def _tables(results: "Results") -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, header, rows) for each metric table that has data."""
    tables = []
    for title, cols in (("Retrieval", RETRIEVAL), ("Answers and citations", ANSWERS), ("Latency (ms)", LATENCY)):
        present = [c for c in cols if any(v.get(c) is not None for v in results.metrics.values())]
        if not present:
            continue
        header = ["group", "n", "answerable"] + present
        rows = [
            [group, _fmt("n", v.get("n")), _fmt("n", v.get("n_answerable"))] + [_fmt(c, v.get(c)) for c in present]
            for group, v in results.metrics.items()
        ]
        tables.append((title, header, rows))
    return tables


def _chart_metric(results: "Results") -> tuple[str, str]:
    if results.with_answers:
        return "accuracy", "Answer accuracy (unanswerable: correctly abstained)"
    return "recall@5", "Retrieval recall@5"


def bar_chart_svg(bars: list[tuple[str, float | None]], title: str, width: int = 560) -> str:
    """A horizontal bar chart as a standalone SVG string.

    Args:
        bars: (label, value in [0, 1] or None) pairs, drawn top to bottom.
        title: Chart title.
        width: Total width in pixels.

    Returns:
        SVG markup; every label is HTML-escaped.
    """
    row, top, left = 22, 30, 150
    span = width - left - 60
    height = top + row * len(bars) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="{html.escape(title)}" font-family="sans-serif" font-size="12">',
        f'<text x="4" y="18" font-weight="bold">{html.escape(title)}</text>',
    ]
    for i, (label, value) in enumerate(bars):
        y = top + i * row
        v = 0.0 if value is None else max(0.0, min(1.0, value))
        parts.append(f'<text x="{left - 6}" y="{y + 14}" text-anchor="end">{html.escape(label)}</text>')
        parts.append(f'<rect x="{left}" y="{y + 3}" width="{span}" height="14" fill="#eee"/>')
        color = "#2a7" if v >= 0.9 else "#e90" if v >= 0.7 else "#d33"
        parts.append(f'<rect x="{left}" y="{y + 3}" width="{v * span:.1f}" height="14" fill="{color}"/>')
        shown = "–" if value is None else f"{value:.0%}"
        parts.append(f'<text x="{left + span + 6}" y="{y + 14}">{html.escape(shown)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _chart(results: "Results") -> str:
    metric, title = _chart_metric(results)
    bars = [
        (group.replace("lang=", "lang ").replace("type=", "type "), vals.get(metric))
        for group, vals in results.metrics.items()
        if group == "overall" or group.startswith(("lang=", "type="))
    ]
    return bar_chart_svg(bars, title)


def _cit_line(c: dict[str, Any]) -> str:
    text = " ".join(str(c.get("text", "")).split())
    if len(text) > CLIP:
        text = text[:CLIP] + "…"
    return f"{c.get('doc_id', '')} {c.get('number', '')} [{c.get('clause', '')}]: {text}"


def _failure_fields(r: "ItemResult") -> list[tuple[str, str]]:
    it = r.item
    fields = [("question", it.q)] if it.q else []
    fields += [("lang / type", f"{it.lang} / {it.type}"), ("why", "; ".join(r.failures))]
    if it.abstain or it.answer:
        fields.append(("expected", "abstain (not in the directives)" if it.abstain else it.answer))
    if it.must:
        fields.append(("key facts", " AND ".join("(" + " | ".join(g) + ")" for g in it.must)))
    if it.cite:
        fields.append(("gold", "; ".join(f"{c.doc} [{c.clause or '?'}] “{c.anchor}”" for c in it.cite)))
    if it.extra.get("qrels"):
        fields.append(("gold ids", ", ".join(map(str, it.extra["qrels"]))))
    if r.answered:
        fields.append(("got", ("[abstained] " if r.abstained else "") + r.answer))
    if r.latency_ms is not None:
        fields.append(("latency", f"{r.latency_ms:.1f} ms"))
    if r.ranked is not None:
        top = ", ".join(str(e.get("id", "")) for e in r.ranked[:5])
        fields.append(("top 5 retrieved", top or "(none)"))
    return fields


def _md_cell(text: str, table: bool = False) -> str:
    """One-line Markdown text; raw HTML is neutralised, pipes escaped inside tables."""
    out = " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;")
    return out.replace("|", "\\|") if table else out


def render_markdown(results: "Results", violations: list[str] | None = None, chart_file: str = "accuracy.svg") -> str:
    """The Markdown report as a string."""
    out = ["# Evaluation report", ""]
    for k, v in results.source.items():
        out.append(f"- {k}: `{v}`")
    out += [f"- mode: {results.mode}; questions: {len(results.items)}; failed: {len(results.failed)}", ""]
    if violations is not None:
        out.append("**Gate: PASS**" if not violations else "**Gate: FAIL**")
        out += [f"- {_md_cell(v)}" for v in violations] + [""]
    for title, header, rows in _tables(results):
        out += [f"## {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        out += ["| " + " | ".join(_md_cell(c, table=True) for c in row) + " |" for row in rows]
        out.append("")
    out += ["## Chart", "", f"![{_chart_metric(results)[1]}]({chart_file})", ""]
    out += [f"## Failed questions ({len(results.failed)})", ""]
    for r in results.failed:
        out += [f"### {r.item.id}", ""]
        out += [f"- **{name}**: {_md_cell(value)}" for name, value in _failure_fields(r)]
        for c in r.citations:
            out.append(f"- **cited**: {_md_cell(_cit_line(c))}")
        out.append("")
    return "\n".join(out)


def render_html(results: "Results", violations: list[str] | None = None) -> str:
    """The HTML report as a string; all text is escaped."""
    e = html.escape
    out = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8"><title>Evaluation report</title>',
        "<style>body{font-family:sans-serif;max-width:1100px;margin:1em auto;padding:0 1em}"
        "table{border-collapse:collapse;margin-bottom:1em}td,th{border:1px solid #ccc;padding:3px 6px;"
        "text-align:right}td:first-child,th:first-child{text-align:left}.fail{border-left:4px solid #d33;"
        "padding-left:8px;margin-bottom:1em}.k{font-weight:bold}.pass{color:#2a7}.bad{color:#d33}</style>",
        "</head><body>", "<h1>Evaluation report</h1>", "<ul>",
    ]
    out += [f"<li>{e(k)}: <code>{e(v)}</code></li>" for k, v in results.source.items()]
    out.append(f"<li>mode: {e(results.mode)}; questions: {len(results.items)}; failed: {len(results.failed)}</li></ul>")
    if violations is not None:
        cls, word = ("pass", "PASS") if not violations else ("bad", "FAIL")
        out.append(f'<p class="{cls}"><b>Gate: {word}</b></p>')
        if violations:
            out.append("<ul>" + "".join(f"<li>{e(v)}</li>" for v in violations) + "</ul>")
    for title, header, rows in _tables(results):
        out.append(f"<h2>{e(title)}</h2><table><tr>" + "".join(f"<th>{e(h)}</th>" for h in header) + "</tr>")
        out += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows]
        out.append("</table>")
    out += ["<h2>Chart</h2>", _chart(results)]
    out.append(f"<h2>Failed questions ({len(results.failed)})</h2>")
    for r in results.failed:
        out.append(f'<div class="fail"><h3>{e(r.item.id)}</h3>')
        out += [f'<div><span class="k">{e(name)}:</span> {e(value)}</div>' for name, value in _failure_fields(r)]
        if r.citations:
            out.append('<div class="k">cited clauses:</div><ol>')
            out += [f"<li>{e(_cit_line(c))}</li>" for c in r.citations]
            out.append("</ol>")
        out.append("</div>")
    out.append("</body></html>")
    return "\n".join(out)


def write_report(results: "Results", out_dir: str | Path, violations: list[str] | None = None) -> Path:
    """Write ``report.md``, ``report.html`` and ``accuracy.svg`` into ``out_dir``.

    Args:
        results: The evaluation results.
        out_dir: Directory, created when missing.
        violations: Gate violations to show, or None when no gate was checked.

    Returns:
        The path of ``report.md``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "accuracy.svg").write_text(_chart(results) + "\n", encoding="utf-8")
    (out / "report.html").write_text(render_html(results, violations), encoding="utf-8")
    md = out / "report.md"
    md.write_text(render_markdown(results, violations), encoding="utf-8")
    return md
