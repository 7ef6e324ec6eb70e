"""Recovering the structure of a directive: head, title, preamble, numbered clauses, closing,
recipients (``Nơi nhận``) and signature.

Labels follow the directive's own numbering, outermost first, joined with dots: roman
sections ``I``, items ``1``, sub-items ``1.1``, lettered points ``a`` … ``đ`` (``III.1.a``,
``2.11``); bullets are ``<parent>-<n>``. Unlabelled follow-on paragraphs belong to the clause
before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.clean import clean_paragraph, drop_urls, is_noise_line, strip_markup, unwrap
from vanban.text import fold

VI_LETTERS = "abcdđeghiklmnopqrstuvxy"
_LEAD_JUNK = r"^[\s~'‘’\"“`.,]*"
_ROMAN = re.compile(_LEAD_JUNK + r"(?P<tok>[IVXl1]{1,4})\s*\.\s*(?P<rest>\S.*)$")
_SUB = re.compile(_LEAD_JUNK + r"(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.?\s+(?P<rest>\S.*)$")
_ITEM = re.compile(_LEAD_JUNK + r"(?P<n>\d{1,2}|l)\.\s+(?P<rest>\S.*)$")
_POINT = re.compile(_LEAD_JUNK + r"(?P<l>[a-zđ¢]?)\)\s*(?P<rest>\S.*)$")
_BULLET = re.compile(r"^[\s‘’'\"“~]*[-–•+]\s+(?P<rest>\S.*)$")
_RECIPIENTS = re.compile(r"^\W*noi\s*nh\w*\W*")
DOC_TYPES = {  # folded name → how directives write it
    "chi thi": "Chỉ thị",
    "ke hoach": "Kế hoạch",
    "cong van": "Công văn",
    "quyet dinh": "Quyết định",
    "thong bao": "Thông báo",
    "bao cao": "Báo cáo",
    "huong dan": "Hướng dẫn",
    "nghi quyet": "Nghị quyết",
}


@dataclass
class Head:
    """The lines before the body: national motto, issuer, number, place/date, type, title."""

    lines: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)  # the lines before the type line/title
    doc_type: str = ""
    title: str = ""


@dataclass
class Part:
    """A parsed clause before it becomes a ``Clause`` record (original and cleaned text)."""

    label: str
    kind: str
    original: list[str]
    heading: str = ""

    @property
    def raw(self) -> str:
        return "\n".join(self.original)


@dataclass
class Parsed:
    """A whole directive split into its parts."""

    head: Head
    parts: list[Part]
    tail: list[str]  # recipients + signature lines, raw


def _lines(text: str) -> list[str]:
    text = drop_urls(strip_markup(text.replace("\r\n", "\n").replace("\r", "\n")))
    return [line.rstrip() for line in text.split("\n") if not is_noise_line(line)]


def type_of_line(line: str) -> str:
    """The document type a header line announces, or ``""``.

    >>> type_of_line("## CHỈ THỊ")
    'Chỉ thị'
    >>> type_of_line("KE HOACH")
    'Kế hoạch'
    """
    key = re.sub(r"[^a-z ]", "", fold(strip_markup(line))).strip()
    return DOC_TYPES.get(key, "")


def _title_start(line: str) -> bool:
    low = fold(strip_markup(line)).strip()
    return low.startswith("v/v") or bool(re.match(r"^v\w?\s+vi\w{1,2}c\b", low))


def split_head(lines: list[str]) -> tuple[Head, list[str]]:
    """Split the head (header lines and title) from the body lines."""
    head = Head()
    start = None
    for i, line in enumerate(lines[:40]):
        if type_of_line(line):
            head.doc_type = type_of_line(line)
            start = i + 1
            break
        if _title_start(line):
            start = i
            break
    if start is None:
        # No title: the head is the short header lines before the first long line.
        for i, line in enumerate(lines[:15]):
            if len(line.strip()) > 90 or _ITEM.match(line):
                head.lines = head.header = lines[:i]
                return head, lines[i:]
        return head, lines
    title: list[str] = []
    i = start
    blank_seen = False
    while i < len(lines) and len(title) < 5:
        line = lines[i].strip()
        if not line:
            blank_seen = bool(title)
            i += 1
            continue
        if title and (blank_seen and line[:1].isupper() or _ITEM.match(line) or fold(line).startswith("kinh gui")):
            break
        if not title and not line:
            i += 1
            continue
        title.append(line)
        blank_seen = False
        i += 1
        if re.search(r"[.;:]$", line):
            break
    head.header = lines[:start]
    head.lines = lines[:start] + title
    head.title = clean_paragraph(" ".join(title))
    return head, lines[i:]


def _roman_value(tok: str) -> int:
    if re.fullmatch(r"[Il1]+", tok):
        return len(tok)
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for a, b in zip(tok, tok[1:] + " "):
        va, vb = values.get(a, 1), values.get(b, 0)
        total += -va if va < vb else va
    return total


def _to_roman(n: int) -> str:
    out = ""
    for value, sym in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


def _mostly_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


class _Builder:
    """Walks the body paragraphs and assigns labels."""

    def __init__(self) -> None:
        self.parts: list[Part] = []
        self.roman = ""
        self.item = ""
        self.sub = ""
        self.point = ""
        self.bullets: dict[str, int] = {}
        self.headings: dict[str, str] = {}
        self.started = False

    def _prefix(self, *labels: str) -> str:
        return ".".join(x for x in labels if x)

    def _heading_for(self, label: str) -> str:
        chain, parts = [], label.split("-")[0].split(".")
        for k in range(1, len(parts)):
            key = ".".join(parts[:k])
            if key in self.headings:
                chain.append(self.headings[key])
        if "-" in label and label.split("-")[0] in self.headings:
            chain.append(self.headings[label.split("-")[0]])
        return " › ".join(chain)

    def _open(self, label: str, kind: str, para: str, display: str = "") -> None:
        heading_line = clean_paragraph(display or para)
        self.headings[label] = heading_line if len(heading_line) <= 160 else heading_line[:157].rsplit(" ", 1)[0] + "…"
        self.parts.append(Part(label=label, kind=kind, original=[para], heading=self._heading_for(label)))

    def add(self, para: str) -> None:
        m = _ROMAN.match(para)
        if m and _mostly_upper(m.group("rest")):
            tok = m.group("tok")
            value = _roman_value(tok)
            current = _roman_value(self.roman) if self.roman else 0
            if re.search(r"[IVX]", tok) or value == current + 1:
                self.roman, self.item, self.sub, self.point = _to_roman(value), "", "", ""
                self.started = True
                self._open(self.roman, "section", para, f"{self.roman}. {m.group('rest')}")
                return
        m = _SUB.match(para)
        if m:
            self.item, self.sub, self.point = m.group("a"), f"{m.group('a')}.{m.group('b')}", ""
            self.started = True
            self._open(self._prefix(self.roman, self.sub), "subitem", para)
            return
        m = _ITEM.match(para)
        if m:
            n = "1" if m.group("n") == "l" else m.group("n")
            self.item, self.sub, self.point = n, "", ""
            self.started = True
            self._open(self._prefix(self.roman, n), "item", para)
            return
        m = _POINT.match(para)
        if m and self.started:
            self.point = self._next_point(m.group("l"))
            self._open(self._prefix(self.roman, self.sub or self.item, self.point), "point", para)
            return
        if not self.started:
            self._append_preamble(para)
            return
        m = _BULLET.match(para)
        if m:
            parent = self._prefix(self.roman, self.sub or self.item, self.point)
            self.bullets[parent] = self.bullets.get(parent, 0) + 1
            self._open(f"{parent}-{self.bullets[parent]}", "bullet", para)
            return
        self.parts[-1].original.append(para)

    def _next_point(self, letter: str) -> str:
        letter = {"¢": "c"}.get(letter, letter)
        prev = self.point
        expected = VI_LETTERS[VI_LETTERS.index(prev) + 1] if prev in VI_LETTERS[:-1] else "a"
        if not letter:
            return expected
        if letter == "d" and prev == "d":
            return "đ"
        if letter not in VI_LETTERS and letter.isalpha():
            return letter  # "f)" is not Vietnamese numbering but some directives use it
        return letter

    def _append_preamble(self, para: str) -> None:
        if self.parts and self.parts[-1].kind == "preamble":
            self.parts[-1].original.append(para)
        else:
            self.parts.append(Part(label="preamble", kind="preamble", original=[para]))


def starts_block(line: str) -> bool:
    """True when a line opens a new clause or bullet.

    >>> starts_block("2.10. Đài Truyền thanh")
    True
    >>> starts_block("¢) Tiép tuc ra soat")
    True
    >>> starts_block("nhân dân, cán bộ")
    False
    """
    return bool(_SUB.match(line) or _ITEM.match(line) or _POINT.match(line) or _BULLET.match(line)) or bool(
        (m := _ROMAN.match(line)) and _mostly_upper(m.group("rest"))
    )


def _is_closing(para: str) -> bool:
    low = fold(para).strip()
    return bool(re.search(r"[./]\s*/\s*\.?\s*[\w.,\-]{0,8}$", low))


def parse(text: str) -> Parsed:
    """Parse a directive's text into head, labelled parts and tail."""
    lines = _lines(text)
    tail_at = next((i for i, line in enumerate(lines) if _RECIPIENTS.match(fold(line))), len(lines))
    head, body = split_head(lines[:tail_at])
    builder = _Builder()
    for para in unwrap(body, starts_block):
        builder.add(para)
    parts = builder.parts
    _split_closing(parts)
    _mark_headings(parts)
    return Parsed(head=head, parts=parts, tail=lines[tail_at:])


def _split_closing(parts: list[Part]) -> None:
    """Move the closing sentence(s) of the last clause into a ``closing`` part."""
    if not parts or parts[-1].kind == "preamble":
        return
    last = parts[-1]
    if len(last.original) < 2:
        return
    # The clause keeps at least its own first paragraph of content: a heading-only item
    # followed by one paragraph ending in "./." keeps that paragraph (it is its body).
    keep = 2 if len(clean_paragraph(last.original[0])) < 120 and not re.search(r"[.;:]$", last.original[0]) else 1
    closing: list[str] = []
    while len(last.original) > keep and _is_closing(last.original[-1]):
        closing.insert(0, last.original.pop())
    if closing:
        parts.append(Part(label="closing", kind="closing", original=closing))


def _mark_headings(parts: list[Part]) -> None:
    """Clauses that are only a short heading over child clauses become kind ``heading``."""
    labels = [p.label for p in parts]
    for part in parts:
        if part.kind in {"preamble", "closing"} or len(part.original) > 1:
            continue
        has_children = any(lab.startswith(part.label + ".") or lab.startswith(part.label + "-") for lab in labels)
        if has_children and len(clean_paragraph(part.original[0])) < 200:
            part.kind = "heading"
