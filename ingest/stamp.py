"""The digital-signature stamp an e-signed directive carries at its foot ("Ký bởi: Ủy ban nhân dân
huyện Hớn Quản", "Ngày ký: 08-06-2023 09:10:48 +07:00"): who signed it digitally and when, to the
second. Read from the raw text (the cleaner drops the stamp's lines from the body) and shown as the
last lines of the signature block."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from vanban.text import fold

# Folded; a scan misreads "Ngày" ("Ngiy") and loses the colon's space.
_BY = re.compile(r"^\s*ky boi\s*:\s*(.+?)\s*$")
_AT = re.compile(r"^\s*(?:ng\w{1,2}y ky|thoi gian ky)\s*:\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})"
                 r"(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*([+-])(\d{2}):?(\d{2}))?")


@dataclass(frozen=True)
class Stamp:
    """A digital-signature stamp: the body that signed (as written) and the moment (ISO 8601)."""

    by: str
    at: str
    lines: tuple[str, ...]  # the stamp's lines as the file writes them


def find_stamp(text: str) -> Stamp | None:
    """The digital-signature stamp of a directive's raw text, or None when it has none (or no
    readable date).

    >>> s = find_stamp("- Lưu: VT.\\nKy boi: Uy ban nhén dan huyén Hon Quan\\nNgiy ky: 08-06-2023 09:10:48 +07:00")
    >>> s.by, s.at
    ('Uy ban nhén dan huyén Hon Quan', '2023-06-08T09:10:48+07:00')
    >>> find_stamp("Ngày ký: 8/6/2023").at, find_stamp("CHỦ TỊCH\\nPhan Thị Kim Oanh") is None
    ('2023-06-08', True)
    """
    by, at, lines = "", "", []
    for line in text.splitlines():
        low = fold(line)
        if m := _BY.match(low):
            by = line.strip()[len(line.strip()) - len(m.group(1)):].strip()
            lines.append(line.strip())
        elif m := _AT.match(low):
            day, month, year, hour, minute, second, sign, tz_h, tz_m = m.groups()
            at = f"{year}-{int(month):02d}-{int(day):02d}"
            if hour:
                at += f"T{int(hour):02d}:{minute}:{second or '00'}" + (f"{sign}{tz_h}:{tz_m}" if sign else "")
            lines.append(line.strip())
    return Stamp(by, at, tuple(lines)) if at else None


def signing_body(by: str, issuer: str) -> str:
    """The stamp's signing body written as the directive's issuer is, when it names the issuer
    (a scan misreads both the same way, and the issuer has been read against the lexicon); else
    as the stamp writes it.

    >>> signing_body("Uy ban nhén dan huyén Hon Quan", "Ủy ban nhân dân huyện Hớn Quản")
    'Ủy ban nhân dân huyện Hớn Quản'
    >>> signing_body("Sở Nội vụ", "Ủy ban nhân dân huyện Hớn Quản")
    'Sở Nội vụ'
    """
    if issuer and difflib.SequenceMatcher(None, fold(by), fold(issuer)).ratio() >= 0.85:
        return issuer
    return by


def stamp_lines(by: str, at: str) -> list[str]:
    """The stamp as the signature block shows it: "Ký bởi: …", "Ngày ký: dd-mm-yyyy hh:mm:ss ±hh:mm".

    >>> stamp_lines("Ủy ban nhân dân huyện Hớn Quản", "2023-06-08T09:10:48+07:00")
    ['Ký bởi: Ủy ban nhân dân huyện Hớn Quản', 'Ngày ký: 08-06-2023 09:10:48 +07:00']
    """
    day, _, time = at.partition("T")
    year, month, date = day.split("-")
    clock, zone = (time[:8], time[8:]) if time else ("", "")
    when = " ".join(x for x in (f"{date}-{month}-{year}", clock, zone) if x)
    return ([f"Ký bởi: {by}"] if by else []) + [f"Ngày ký: {when}"]
