"""Pure functions that render answers and directives as safe HTML for the chat and the API.

Every piece of text that comes from a user or from a directive goes through :func:`esc`, which
escapes HTML *and* the characters that Markdown, LaTeX or Gradio's HTML templates would act on,
so nothing typed or read from a file is ever rendered as live markup. The only markup in the
output is the fixed skeleton written here (``div``, ``mark``, ``details``, ``a``…).

Chat messages are one HTML block with no blank line, so the chatbot's Markdown renderer passes
them through untouched (CommonMark HTML blocks end at a blank line).
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from vanban.records import Answer, Citation, Clause, Document, Hit, needs_review
from web.texts import CLAUSE_NAMES, LEVELS, T

_ESCAPES = {
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
    # Markdown, LaTeX and template syntax: shown as the characters they are, never interpreted.
    "`": "&#96;", "$": "&#36;", "{": "&#123;", "}": "&#125;", "*": "&#42;", "_": "&#95;",
    "[": "&#91;", "]": "&#93;", "\\": "&#92;", "~": "&#126;", "|": "&#124;", "#": "&#35;",
}
_ESCAPE_RE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
_EN_WORDS = frozenset(
    "what when which who whom whose where why how does do did is are was were the of to in for on by "
    "according under must should can could will would and or with from about directive plan "
    "province district department agency".split()
)


def esc(text: object) -> str:
    """Escape text for any HTML or Markdown context; newlines become ``<br>``.

    >>> esc('<script>alert("x")</script>')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    >>> esc("**a** [b](javascript:x) $x$\\nnext")
    '&#42;&#42;a&#42;&#42; &#91;b&#93;(javascript:x) &#36;x&#36;<br>next'
    """
    text = "" if text is None else str(text)
    text = _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(0)], text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.replace("\n", "<br>")


def attr(text: str) -> str:
    """Escape a value for an HTML attribute (URLs keep their characters).

    >>> attr('documents/a_b?c=1#x"y')
    'documents/a_b?c=1#x&quot;y'
    """
    return html.escape(text, quote=True)


def highlight(text: str, span: tuple[int, int] | list[int] | None) -> str:
    """The escaped ``text`` with ``span`` (character offsets) wrapped in ``<mark>``.

    An empty or out-of-range span is ignored.

    >>> highlight("Sở Nội vụ <chủ trì>", (10, 19))
    'Sở Nội vụ <mark>&lt;chủ trì&gt;</mark>'
    >>> highlight("abc", (2, 9))
    'abc'
    """
    if span and len(span) == 2:
        start, end = int(span[0]), int(span[1])
        if 0 <= start < end <= len(text):
            return f"{esc(text[:start])}<mark>{esc(text[start:end])}</mark>{esc(text[end:])}"
    return esc(text)


def ui_lang(question: str, answer_lang: str | None = None) -> str:
    """The language of the interface for a question: ``"en"`` or ``"vi"`` (the default).

    The assistant's own detection (``answer_lang``) wins when it says English; otherwise a
    question made mostly of English words is English even if it names a Vietnamese place.

    >>> ui_lang("When was Directive 05/CT-CTUBND of Hưng Yên province issued?", "vi")
    'en'
    >>> ui_lang("ai ky chi thi 05 ve cai cach hanh chinh")
    'vi'
    """
    if answer_lang == "en":
        return "en"
    words = re.findall(r"[^\W\d_]+", (question or "").lower())
    if not words:
        return "vi"
    english = sum(w in _EN_WORDS for w in words)
    return "en" if english >= 2 and english / len(words) >= 0.25 else "vi"


def level_name(level: str, lang: str) -> str:
    """``"province"`` → ``"cấp tỉnh"`` / ``"province level"``; unknown levels pass through."""
    return LEVELS.get(lang, LEVELS["vi"]).get(level, level)


def clause_name(label: str, lang: str) -> str:
    """A clause label for people: ``"1.a"`` → ``"Mục 1.a"``, ``"preamble"`` → ``"Phần mở đầu"``."""
    names = CLAUSE_NAMES.get(lang, CLAUSE_NAMES["vi"])
    return names.get(label) or f"{T[lang]['clause']} {label}"


def clause_anchor(label: str) -> str:
    """The HTML id of a clause in a rendered directive.

    >>> clause_anchor("III.1.a")
    'clause-III.1.a'
    """
    return "clause-" + re.sub(r"[^\w.\-]", "_", label)


def document_url(base: str, doc_id: str, label: str | None = None, lang: str = "vi") -> str:
    """Link to the directive page at a clause (``base`` is the app's root URL, or ``""``).

    >>> document_url("http://h/vb", "002_x", "1.a")
    'http://h/vb/documents/002_x?clause=1.a#clause-1.a'
    >>> document_url("", "002_x", None, "en")
    'documents/002_x?lang=en'
    """
    url = f"{base.rstrip('/')}/documents/{quote(doc_id, safe='')}" if base else f"documents/{quote(doc_id, safe='')}"
    query = [f"clause={quote(label, safe='.')}"] if label else []
    if lang == "en":
        query.append("lang=en")
    if query:
        url += "?" + "&".join(query)
    if label:
        url += f"#{quote(clause_anchor(label), safe='.-')}"
    return url


def _cite_header(number: str, doc_id: str, label: str, level: str, lang: str) -> str:
    parts = [f"<b>{esc(number or doc_id)}</b>", esc(clause_name(label, lang))]
    if level:
        parts.append(esc(level_name(level, lang)))
    return " · ".join(parts)


def _citation_block(c: Citation, lang: str) -> str:
    title = f'<div class="vb-cite-title">{esc(c.title)}</div>' if c.title else ""
    return (
        f'<div class="vb-cite"><div class="vb-cite-h">{_cite_header(c.number, c.doc_id, c.clause, c.level, lang)}</div>'
        f'{title}<div class="vb-clause-text">{highlight(c.text, c.span)}</div></div>'
    )


def _related_block(h: Hit, lang: str, limit: int = 320) -> str:
    ch = h.chunk
    text = ch.text if len(ch.text) <= limit else ch.text[:limit].rstrip() + "…"
    title = f'<div class="vb-cite-title">{esc(ch.title)}</div>' if ch.title else ""
    return (
        f'<div class="vb-cite vb-related"><div class="vb-cite-h">{_cite_header(ch.number, ch.doc_id, ch.label, ch.level, lang)}'
        f"</div>{title}<div class=\"vb-clause-text\">{esc(text)}</div></div>"
    )


def related_hits(answer: Answer, limit: int = 3) -> list[Hit]:
    """The retrieved clauses shown as "possibly related" under an abstention (distinct clauses)."""
    seen: set[tuple[str, str]] = set()
    out: list[Hit] = []
    for h in answer.hits:
        key = (h.chunk.doc_id, h.chunk.label)
        if key not in seen:
            seen.add(key)
            out.append(h)
        if len(out) >= limit:
            break
    return out


def render_user_message(question: str) -> str:
    """A user's question as shown in the chat: plain text, never markup."""
    return f'<div class="vb-user">{esc(question)}</div>'


def render_message(answer: Answer, lang: str) -> str:
    """An answer as one chat message: the answer, then its citations with the span marked.

    Abstentions get a different class and label and list the retrieved clauses as
    "possibly related" instead of sources.
    """
    t = T[lang]
    if answer.abstained:
        blocks = [_citation_block(c, lang) for c in answer.citations] or [
            _related_block(h, lang) for h in related_hits(answer)
        ]
        related = (
            f'<div class="vb-cites vb-cites-related"><div class="vb-cites-h">{esc(t["related"])}</div>{"".join(blocks)}</div>'
            if blocks else ""
        )
        return (
            f'<div class="vb-msg vb-abstained" lang="{lang}"><div class="vb-tag">{esc(t["abstain_tag"])}</div>'
            f'<div class="vb-answer-text">{esc(answer.answer)}</div>{related}</div>'
        )
    cites = "".join(_citation_block(c, lang) for c in answer.citations)
    sources = (
        f'<div class="vb-cites"><div class="vb-cites-h">{esc(t["sources"])} ({len(answer.citations)})</div>{cites}</div>'
        if cites else ""
    )
    return (
        f'<div class="vb-msg vb-answered" lang="{lang}"><div class="vb-answer-text">{esc(answer.answer)}</div>'
        f'{sources}<div class="vb-hint">{esc(t["hint"])}</div></div>'
    )


def render_evidence(answer: Answer | None, lang: str, base: str = "") -> str:
    """The side panel for one answer: each citation in full, its original OCR text on demand and
    a link that opens the whole directive at that clause."""
    t = T[lang]
    if answer is None:
        return f'<div class="vb-evidence vb-empty">{esc(t["evidence_empty"])}</div>'
    cards = []
    items: list[tuple[str, str, str, str, str, str, tuple[int, int] | None, str, float | None]] = [
        (c.doc_id, c.number, c.clause, c.title, c.level, c.text, c.span, c.original, c.repair_confidence)
        for c in answer.citations
    ]
    if not items and answer.abstained:
        items = [(h.chunk.doc_id, h.chunk.number, h.chunk.label, h.chunk.title, h.chunk.level, h.chunk.text, None,
                  h.chunk.original, h.chunk.repair_confidence) for h in related_hits(answer)]
    for doc_id, number, label, title, level, text, span, original, confidence in items:
        review = needs_review(confidence, original)
        # A clause repaired from a poor scan is flagged and shows its OCR text open, for checking.
        warn = (f'<div class="vb-review">⚠ {esc(t["review"].format(pct=round(100 * (confidence or 0))))}</div>'
                if review else "")
        ocr = (
            f'<details class="vb-ocr"{" open" if review else ""}><summary>{esc(t["original"])}</summary>'
            f'<div class="vb-ocr-text">{esc(original)}</div></details>'
            if original else ""
        )
        cards.append(
            f'<div class="vb-card{" vb-related" if answer.abstained else ""}">'
            f'<div class="vb-cite-h">{_cite_header(number, doc_id, label, level, lang)}</div>'
            + (f'<div class="vb-cite-title">{esc(title)}</div>' if title else "")
            + f'{warn}<div class="vb-clause-text">{highlight(text, span)}</div>{ocr}'
            f'<a class="vb-open" href="{attr(document_url(base, doc_id, label, lang))}" target="_blank" rel="noopener">'
            f'{esc(t["open_document"])} ↗</a></div>'
        )
    head = t["related"] if answer.abstained else t["evidence_title"]
    body = "".join(cards) or f'<div class="vb-empty">{esc(t["no_sources"])}</div>'
    return (
        f'<div class="vb-evidence{" vb-abstained" if answer.abstained else ""}" lang="{lang}">'
        f'<div class="vb-evidence-q">{esc(answer.question)}</div><div class="vb-cites-h">{esc(head)}</div>{body}</div>'
    )


def _meta_rows(doc: Document, lang: str) -> str:
    m = doc.meta
    t = T[lang]
    rows = [
        (t["m_number"], m.number), (t["m_type"], m.doc_type), (t["m_issuer"], m.issuer),
        (t["m_level"], level_name(m.level, lang) if m.level else ""), (t["m_date"], m.date),
        (t["m_signer"], " ".join(x for x in (m.signer_role, m.signer) if x)),
        (t["m_stamp"], " — ".join(x for x in (m.signed_by, m.signed_at.replace("T", " ")) if x)),
        (t["m_file"], doc.source),
    ]
    return "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows if v)


def _clause_row(c: Clause, cited: str | None, lang: str) -> str:
    is_cited = c.label == cited
    heading = f'<div class="vb-clause-heading">{esc(c.heading)}</div>' if is_cited and c.heading else ""
    ocr = (
        f'<details class="vb-ocr"><summary>{esc(T[lang]["original"])}</summary><div class="vb-ocr-text">{esc(c.original)}</div></details>'
        if is_cited and c.original and c.original != c.text else ""
    )
    mark = f'<span class="vb-cited-tag">{esc(T[lang]["cited_here"])}</span>' if is_cited else ""
    return (
        f'<div class="vb-clause-row{" vb-cited" if is_cited else ""}" id="{esc(clause_anchor(c.label))}">'
        f'<span class="vb-label">{esc(clause_name(c.label, lang))}</span>{mark}{heading}'
        f'<div class="vb-clause-text">{esc(c.text)}</div>{ocr}</div>'
    )


def render_document(doc: Document, cited: str | None, lang: str) -> str:
    """A whole directive (metadata and every clause), the cited clause marked."""
    title = doc.meta.title or doc.source
    clauses = "".join(_clause_row(c, cited, lang) for c in doc.clauses)
    return (
        f'<div class="vb-document" lang="{lang}"><div class="vb-doc-title">{esc(title)}</div>'
        f'<table class="vb-meta">{_meta_rows(doc, lang)}</table><div class="vb-clauses">{clauses}</div></div>'
    )


PAGE_CSS = """
body{font-family:system-ui,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;max-width:52rem;margin:1.5rem auto;
padding:0 1rem;color:#1f2937;line-height:1.5}
.vb-doc-title{font-size:1.3rem;font-weight:700;margin-bottom:.5rem}.vb-meta th{text-align:left;padding-right:1rem;
color:#6b7280;font-weight:500}.vb-clause-row{padding:.5rem .75rem;border-left:3px solid transparent;margin:.25rem 0}
.vb-clause-row:target,.vb-cited{background:#fff7d6;border-left-color:#d97706}.vb-label{font-weight:600;color:#374151;
margin-right:.5rem}.vb-cited-tag{font-size:.8rem;background:#d97706;color:#fff;border-radius:.25rem;padding:0 .4rem}
.vb-clause-heading{color:#6b7280;font-size:.9rem}.vb-ocr summary{cursor:pointer;color:#2563eb;font-size:.9rem}
.vb-ocr-text{font-family:monospace;font-size:.85rem;background:#f3f4f6;padding:.5rem}
"""


def render_document_page(doc: Document, cited: str | None, lang: str) -> str:
    """A stand-alone HTML page of a directive, scrolled to the cited clause by its ``#clause-…`` anchor."""
    title = esc(doc.meta.number or doc.meta.title or doc.id)
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{PAGE_CSS}</style></head>'
        f"<body>{render_document(doc, cited, lang)}</body></html>"
    )


def citation_choices(answer: Answer | None, lang: str) -> list[tuple[str, str]]:
    """Dropdown choices (label, value) for opening a cited directive at a clause; value ``doc_id#label``."""
    if answer is None:
        return []
    pairs = [(c.doc_id, c.number, c.clause) for c in answer.citations]
    if not pairs and answer.abstained:
        pairs = [(h.chunk.doc_id, h.chunk.number, h.chunk.label) for h in related_hits(answer)]
    seen: set[str] = set()
    out = []
    for doc_id, number, label in pairs:
        value = f"{doc_id}#{label}"
        if value not in seen:
            seen.add(value)
            out.append((f"{number or doc_id} · {clause_name(label, lang)}", value))
    return out
