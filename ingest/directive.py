"""Turning one read file into a ``Document``: structure, cleaning, repair, metadata."""

from __future__ import annotations

import re

from ingest.clean import clean_paragraph
from ingest.dedupe import quality
from ingest.lexicon import apply_listed, apply_phrases
from ingest.load import RawFile
from ingest.metadata import extract, with_place
from ingest.repairer import Repairer
from ingest.stamp import find_stamp, signing_body, stamp_lines
from ingest.structure import parse
from vanban.records import Clause, Document
from vanban.text import fold, has_diacritics


def build_document(raw: RawFile, repairer: Repairer | None = None) -> Document:
    """Parse, clean and (optionally) repair a directive file into a ``Document``."""
    parsed = parse(raw.text)
    meta = extract(parsed)
    doc_id = raw.path.stem
    clauses: list[Clause] = []

    def add(label: str, kind: str, paragraphs: list[str], heading: str = "") -> None:
        paragraphs = [p for p in paragraphs if p.strip()]
        if not paragraphs:
            return
        text = "\n".join(clean_paragraph(p) for p in paragraphs)
        clauses.append(
            Clause(doc_id=doc_id, label=label, kind=kind, text=text, original="\n".join(paragraphs),
                   heading=heading, order=len(clauses))
        )

    add("meta", "header", [line.strip() for line in parsed.head.lines if line.strip()])
    for part in parsed.parts:
        add(part.label, part.kind, part.original, part.heading)
    recipients, signature = split_tail(parsed.tail)
    add("recipients", "recipients", recipient_lines(recipients, meta.signer))
    if meta.signer and not any(meta.signer in line for line in signature):
        signature.append(meta.signer)
    add("signature", "signature", signature)
    stamp = find_stamp(raw.text)

    if repairer is not None:
        # An OCR scan is repaired throughout: its stray accents make clause-by-clause guesses unreliable.
        scanned = needs_repair(" ".join(c.text for c in clauses if c.kind not in {"recipients", "signature"}))
        for clause in clauses:
            if clause.kind not in {"recipients", "signature"} and (scanned or needs_repair(clause.text)):
                clause.text, clause.repair_confidence = repairer(clause.text)
            elif clause.kind in {"recipients", "signature"}:
                # Lists of names: the language model would guess; known phrases ("CHỦ TỊCH") are safe.
                clause.text = apply_listed(clause.text)
        if meta.title and needs_repair(meta.title):
            meta.title = repairer(meta.title)[0]
        # Names of bodies and places: only the reviewed lexicon, the language model would guess.
        meta.issuer, meta.place = apply_phrases(meta.issuer), apply_phrases(meta.place)
        for clause in (c for c in clauses if c.kind == "header"):
            clause.text = with_place(clause.text, meta.place)  # "Hdén Quan, ngay" was read "Hoạn Quan"
        rebuild_headings(clauses)
    if stamp is not None:
        # The stamp closes the signature block (the cleaner dropped its lines from the body).
        meta.signed_by, meta.signed_at = signing_body(stamp.by, meta.issuer), stamp.at
        shown = stamp_lines(meta.signed_by, meta.signed_at)
        if block := next((c for c in clauses if c.kind == "signature"), None):
            block.text, block.original = "\n".join([block.text, *shown]), "\n".join([block.original, *stamp.lines])
        else:
            clauses.append(Clause(doc_id=doc_id, label="signature", kind="signature", text="\n".join(shown),
                                  original="\n".join(stamp.lines), order=len(clauses)))
    return Document(
        id=doc_id,
        source=raw.name,
        sha256=raw.sha256,
        meta=meta,
        clauses=clauses,
        quality=quality(" ".join(c.text for c in clauses)),
    )


def rebuild_headings(clauses: list[Clause]) -> None:
    """Recompute heading contexts from the (repaired) first lines of the enclosing clauses."""
    first_lines = {c.label: _short(_numbered(c)) for c in clauses}
    for clause in clauses:
        if clause.kind in {"header", "preamble", "closing", "recipients", "signature"}:
            continue
        base, _, bullet = clause.label.partition("-")
        parts = base.split(".")
        chain = [first_lines[".".join(parts[:k])] for k in range(1, len(parts)) if ".".join(parts[:k]) in first_lines]
        if bullet and base in first_lines:
            chain.append(first_lines[base])
        clause.heading = " › ".join(chain)


def _numbered(clause: Clause) -> str:
    line = clause.text.split("\n")[0]
    if clause.kind in {"section", "heading"} and re.fullmatch(r"[IVX]+", clause.label):
        # Scans print roman numerals as "I11." or "11.": show the section's real number.
        line = re.sub(r"^\s*[IVXl1]{1,4}\s*\.", clause.label + ".", line)
    return line


def _short(line: str, limit: int = 160) -> str:
    return line if len(line) <= limit else line[: limit - 3].rsplit(" ", 1)[0] + "…"


def needs_repair(text: str) -> bool:
    """True when a clause looks like OCR text: few diacritics or letters mixed with digits.

    >>> needs_repair("Sở Nội vụ chủ trì, phối hợp với các cơ quan")
    False
    >>> needs_repair("So Noi vu chu tri, phoi hop voi cac co quan")
    True
    """
    words = re.findall(r"[^\W\d_]+", text)
    if not words:
        return False
    accented = sum(1 for w in words if has_diacritics(w))
    return accented < 0.3 * len(words) or bool(re.search(r"[a-z]\d|\d[a-z]", text))


def split_tail(tail: list[str]) -> tuple[list[str], list[str]]:
    """Split the lines after ``Nơi nhận`` into the recipient list and the signature block."""
    recipients: list[str] = []
    signature: list[str] = []
    for i, line in enumerate(tail):
        stripped = line.strip(" ‘’'\"")
        if not stripped:
            continue
        if i == 0 or fold(stripped).startswith("noi nh"):
            head, colon, rest = stripped.partition(":")
            if not colon and len(words := head.split(None, 2)) == 3:
                head, rest = " ".join(words[:2]), words[2]  # "Noi nhén* TM. UY BAN NHAN DAN": the signer's side
            recipients.append(head.rstrip(" *") + ":")
            rest = rest.strip(" *")
            if rest:
                signature.append(_caps_tail(rest) or rest)
            continue
        if stripped.startswith(("-", "–", "•")) or ";" in stripped:
            recipients.append(stripped)
        else:
            signature.append(stripped)
    return recipients, signature


def recipient_lines(lines: list[str], name: str) -> list[str]:
    """Recipient lines without what a two-column scan reads into them beside the list: the
    signer's name ("- riéu Thé Hing"; "UBND các xã, thị trấn; g g Phan Thi Kim Oanh") with the stray
    letters before it, and a mark or two after a line's last semicolon ("- Sở Nội vụ; W"). A line
    left without words goes.

    >>> recipient_lines(["- Sở Nội vụ; W", "- riéu Thé Hing", "- Thường trực Huyện ủy;. /"], "riéu Thé Hing")
    ['- Sở Nội vụ;', '- Thường trực Huyện ủy;']
    >>> recipient_lines(["UBND các xã, thị trấn; g g Phan Thi Kim Oanh"], "Phan Thi Kim Oanh")
    ['UBND các xã, thị trấn;']
    >>> recipient_lines(["- UBND cấp huyện (Sao gửi UBND cấp xã);", "- Lưu: VT, CVNC."], "")
    ['- UBND cấp huyện (Sao gửi UBND cấp xã);', '- Lưu: VT, CVNC.']
    """
    out = []
    for line in lines:
        at = line.find(name) if name else -1
        if at >= 0:
            line = re.sub(r"(?:\s*\b\w\b)*\s*$", "", line[:at])
        line = re.sub(r";[\s\W]*(?:\b\w{1,2}\b[\s\W]*)?$", ";", line)
        if re.search(r"[^\W\d_]{2}", line):
            out.append(line)
    return out


def _caps_tail(text: str) -> str:
    m = re.search(r"([A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ. ]{3,})\W*$", text)
    return m.group(1).strip() if m else ""
