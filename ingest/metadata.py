"""Directive metadata from the head, body and signature block: number, type, issuer, level,
place, date, title, signer. A field the text does not give stays empty; nothing is invented.
"""

from __future__ import annotations

import re

from ingest.clean import clean_paragraph
from ingest.structure import DOC_TYPES, Parsed
from vanban.records import DocMeta
from vanban.text import fold

_NUMBER = re.compile(r"(?<![\d/])(\d{1,5})\s*/\s*((?:[A-ZĐ]{1,8}-)*[A-ZĐ]{1,8})(?![\w/])")
_SYMBOL_TYPES = {
    "CT": "Chỉ thị",
    "KH": "Kế hoạch",
    "QĐ": "Quyết định",
    "QD": "Quyết định",
    "TB": "Thông báo",
    "BC": "Báo cáo",
    "HD": "Hướng dẫn",
    "NQ": "Nghị quyết",
    "TTr": "Tờ trình",
}
_DATE = re.compile(r"ngay\s*\(?\s*(\d{1,2})\W+th\w{0,3}ng\W*(\d{1,2})\W+n\w{0,2}m\W*(\d{4})")
_YEAR = re.compile(r"th\w{0,3}ng\W*\d{1,2}\W+n\w{0,2}m\W*(\d{4})")
# The national motto heading every header, folded: it names no issuer and says nothing asked.
MOTTO = re.compile(
    r"cong hoa xa h\w{1,2} chu nghia viet nam|doc \w{2,3}p\s*-\s*tu do\s*-\s*hanh phuc|\W+$", re.IGNORECASE
)
_LEVELS = {"tinh": ("tỉnh", "province"), "thanh pho": ("thành phố", "province"), "huyen": ("huyện", "district"),
           "thi xa": ("thị xã", "district"), "quan": ("quận", "district"), "xa": ("xã", "commune")}
_ISSUER = re.compile(r"(chu tich )?(?:uy ban nhan dan|ubnd) (tinh|huyen|thanh pho|thi xa|quan|xa)\b")
_ROLES = (
    ("kt chu tich", "KT. Chủ tịch"),
    ("pho chu tich", "Phó Chủ tịch"),
    ("tm uy ban nhan dan", "TM. Ủy ban nhân dân"),
    ("chu tich", "Chủ tịch"),
)
SURNAMES = (
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh trieu mai trinh "
    "luong lam ha dao cao quach ta lai luu chu doan kieu khuc thai la tong"
).split()


def find_number(lines: list[str]) -> str:
    """The directive's number/symbol from its header lines.

    >>> find_number(["S$6:1138 /UBND-NC"])
    '1138/UBND-NC'
    >>> find_number(["Số: 05 /CT-CTUBND"])
    '05/CT-CTUBND'
    """
    for line in lines:
        m = _NUMBER.search(line)
        if m:
            return f"{m.group(1)}/{m.group(2)}"
    return ""


def type_from_number(number: str) -> str:
    """The type implied by a number's symbol (``CT`` → Chỉ thị; ``UBND-NC`` → Công văn).

    >>> type_from_number("8607/KH-UBND")
    'Kế hoạch'
    >>> type_from_number("1138/UBND-NC")
    'Công văn'
    """
    if "/" not in number:
        return ""
    code = number.split("/", 1)[1].split("-")[0]
    if code in _SYMBOL_TYPES:
        return _SYMBOL_TYPES[code]
    return "Công văn" if code in {"UBND", "VP", "SNV"} else ""


def find_date(lines: list[str]) -> tuple[str, int | None, str]:
    """ISO date, year and place from the ``<place>, ngày … tháng … năm …`` line.

    >>> find_date(["Hưng Yên, ngày 16 tháng 5 năm 2019"])
    ('2019-05-16', 2019, 'Hưng Yên')
    >>> find_date(["8607 /KH-UBND Hung Yén, ngay /2 thdang 01 nam 2022"])
    ('', 2022, 'Hung Yén')
    """
    for line in lines:
        low = fold(line)
        at = low.find("ngay")
        if at < 0 or not _YEAR.search(low):
            continue
        place = ""
        before = line[:at].rstrip(" ,")
        words = before.split()
        kept: list[str] = []
        while words and words[-1][:1].isupper() and not words[-1].isupper() and len(kept) < 3:
            kept.insert(0, words.pop())
        place = " ".join(kept)
        d = _DATE.search(low)
        if d:
            day, month, year = int(d.group(1)), int(d.group(2)), int(d.group(3))
            if 1 <= day <= 31 and 1 <= month <= 12:
                return f"{year:04d}-{month:02d}-{day:02d}", year, place
        return "", int(_YEAR.search(low).group(1)), place
    return "", None, ""


def find_signer(tail: list[str]) -> tuple[str, str]:
    """Signer name and role from the lines after ``Nơi nhận``.

    >>> find_signer(["Nơi nhận:", "- Lưu: VT.", "CHỦ TỊCH", "Nguyễn Văn Phóng"])
    ('Nguyễn Văn Phóng', 'Chủ tịch')
    >>> find_signer(["Noi nhgn: CHU TICH", "- Chủ tịch UBND tỉnh;", "- Luu: VT.", "‘- riéu Thé Hing"])
    ('riéu Thé Hing', 'Chủ tịch')
    >>> find_signer(["Nơi nhận:", "- Lưu: VT, CVNCNH."])
    ('', '')
    """
    # The signer's role is printed in capitals; recipient lines mention "Chủ tịch" in lower case.
    caps = " | ".join(fold(" ".join(re.findall(r"\b[A-ZĐÀ-Ỹ]{2,}\b", line))) for line in tail)
    role = next((label for key, label in _ROLES if key in caps), "")
    name = ""
    for line in reversed(tail):
        m = re.search(r"((?:[^\W\d_]+\s+){1,4}[^\W\d_]+)\W*$", line)
        if not m:
            continue
        words = m.group(1).split()
        for i in range(len(words) - 1):
            if _surname_like(words[i]) and all(w[:1].isupper() and not w.isupper() for w in words[i + 1 :]):
                name = " ".join(words[i:])
                break
        if name:
            break
    return name, role


def _surname_like(word: str) -> bool:
    low = fold(word)
    if low in SURNAMES:
        return word[:1].isupper()
    # One letter lost at the start of a scanned name ("riéu" for "Triệu").
    return len(low) >= 3 and any(s[1:] == low for s in SURNAMES if len(s) >= 4)


def find_issuer(parsed: Parsed, place: str, number: str) -> tuple[str, str]:
    """Issuing body and level (province/district) from the header and the preamble."""
    header = " ".join(MOTTO.sub(" ", fold(line)) for line in parsed.head.header)
    preamble = " ".join(fold(clean_paragraph(" ".join(p.original))) for p in parsed.parts if p.kind == "preamble")
    m = _ISSUER.search(preamble) or _ISSUER.search(header)
    level_key = m.group(2) if m else ""
    if not level_key:
        for key in ("huyen", "tinh", "thanh pho", "thi xa", "quan"):
            if re.search(r"\b" + key + r" [a-z]", header):
                level_key = key
                break
    if not level_key:
        return "", ""
    word, level = _LEVELS[level_key]
    name = ""
    for line in parsed.head.header:
        hm = re.fullmatch(level_key + r" ([a-z]+(?: [a-z]+){0,2})", " ".join(MOTTO.sub(" ", fold(line)).split()))
        if hm:
            raw_words = _original_words(parsed.head.header, hm.group(1).split())
            name = " ".join(w.capitalize() if w.isupper() else w for w in raw_words)
            break
    if not name and place:
        name = place
    chairman = bool(m and m.group(1)) or "-CTUBND" in number
    issuer = ("Chủ tịch " if chairman else "") + f"Ủy ban nhân dân {word}" + (f" {name}" if name else "")
    return issuer, level


def issuer_place(place: str, issuer: str) -> str:
    """The place of the date line, read as the issuer's place when it is that name misread (the
    same number of words, the same last word and first letter once folded).

    >>> issuer_place("Hdén Quan", "Ủy ban nhân dân huyện Hớn Quản")
    'Hớn Quản'
    >>> issuer_place("Hưng Yên", "Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên")
    'Hưng Yên'
    >>> issuer_place("Hà Nội", "Ủy ban nhân dân tỉnh")
    'Hà Nội'
    >>> issuer_place("Đồng Xoài", "Ủy ban nhân dân huyện Hớn Quản")  # another place: kept
    'Đồng Xoài'
    """
    m = re.search(r"\b(?:tỉnh|huyện|thành phố|thị xã|quận|xã|phường|thị trấn) (.+)$", issuer)
    return m.group(1) if m and place and _misread(place, m.group(1)) else place


def _misread(got: str, name: str) -> bool:
    """Whether ``got`` may be ``name`` misread: the same number of words, the same last word and
    first letter once folded."""
    name_words, got_words = fold(name).split(), fold(got).split()
    return len(name_words) == len(got_words) and name_words[-1] == got_words[-1] \
        and name_words[0][0] == got_words[0][0]


def with_place(header: str, place: str) -> str:
    r"""A header whose date line writes ``place`` misread (as ``issuer_place`` tells) writes it right.

    >>> with_place("Số: 1138\nHoạn Quan, ngày 08 tháng 06 năm 2023", "Hớn Quản")
    'Số: 1138\nHớn Quản, ngày 08 tháng 06 năm 2023'
    >>> with_place("Hưng Yên, ngày 16 tháng 5 năm 2019", "Hưng Yên"), with_place("Hà Nội, ngày 1", "Hớn Quản")
    ('Hưng Yên, ngày 16 tháng 5 năm 2019', 'Hà Nội, ngày 1')
    """
    if not place:
        return header
    count = len(place.split())

    def fix(m: re.Match) -> str:
        return (place if _misread(m.group(1), place) else m.group(1)) + m.group(2)

    return re.sub(rf"(?m)((?:[^\W\d_]+ ){{{count - 1}}}[^\W\d_]+)(,\s*ng[àa]y\b)", fix, header)


def _original_words(lines: list[str], folded: list[str]) -> list[str]:
    words = [w for line in lines for w in re.findall(r"[^\W\d_]+", line)]
    for i in range(len(words) - len(folded) + 1):
        if [fold(w) for w in words[i : i + len(folded)]] == folded:
            return words[i : i + len(folded)]
    return folded


def extract(parsed: Parsed) -> DocMeta:
    """All metadata of a parsed directive."""
    head = parsed.head.lines
    number = find_number(head)
    date, year, place = find_date(head)
    closing = " ".join(fold(" ".join(p.original)) for p in parsed.parts if p.kind in {"closing", "preamble"})
    doc_type = parsed.head.doc_type or type_from_number(number)
    if not doc_type and any(fold(line).startswith("v/v") for line in head):
        doc_type = "Công văn"
    if not doc_type:
        for key, label in DOC_TYPES.items():
            if re.search(rf"\b{key} (?:nay|ndy)\b|\bdung {key}\b", closing):
                doc_type = label
                break
    issuer, level = find_issuer(parsed, place, number)
    place = issuer_place(place, issuer)
    signer, role = find_signer(parsed.tail)
    title = parsed.head.title
    return DocMeta(
        number=number,
        doc_type=doc_type,
        issuer=issuer,
        level=level,
        place=place,
        date=date,
        year=year,
        title=title,
        signer=signer,
        signer_role=role,
    )
