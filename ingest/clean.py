"""Light cleaning that is safe for every file.

Everything here is a pure function ``str -> str`` (or lines -> lines). The fixes are the
unambiguous ones only: URLs, markdown/HTML marks, stamp and page noise, and OCR confusions
that have a single reading in Vietnamese (``P`` + vowel → ``Đ``, ``w`` → ``ư``, ``¢`` → ``c``,
``€`` → ``ê``, digits inside words). Deeper, context-dependent repair (diacritic restoration,
``s6`` → ``số``/``sở``) is a separate, pluggable stage (``ingest.repair``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from vanban.text import fold

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_MD = re.compile(r"^\s{0,3}#{1,6}\s+|\*\*|__|</?sup>|</?sub>|</?b>|</?i>", re.IGNORECASE)
_SUP = re.compile(r"<sup>.*?</sup>", re.IGNORECASE)
# Digital-signature stamps ("Ký bởi: …", "Ngày ký: 08-06-2023 09:10:48 +07:00") and page marks.
_STAMP = re.compile(r"^\s*(?:ky boi|ngay ky|ngiy ky|email|co quan:|thoi gian ky)\b.*$")
_PAGE = re.compile(r"^\s*(?:-\s*)?(?:trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?\s*$")
_ACRONYMS = {"par", "papi", "pci", "pcp", "pct", "ptth", "pnv", "pgd", "pc", "ppp"}
_P_TO_D = re.compile(r"(?<![\w/])P(?=[aeiouyàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ])(\w*)")
_WORD_WITH_DIGIT = re.compile(r"(?<![\w/.,:-])([^\W\d_]*\d[^\W_]*)(?![\w/])")
_DIGIT_VOWEL = {"6": "o", "0": "o", "4": "a", "€": "ê"}


def strip_markup(text: str) -> str:
    """Remove markdown emphasis/headings and HTML superscripts (initials in the ``Lưu`` line).

    >>> strip_markup("## CHỈ THỊ")
    'CHỈ THỊ'
    >>> strip_markup("Lưu: VT, CVNC<sup>NH</sup>.")
    'Lưu: VT, CVNC.'
    """
    text = _SUP.sub("", text)
    return "\n".join(_MD.sub("", line) for line in text.split("\n"))


def drop_urls(text: str) -> str:
    """Drop URLs left by web copies of a directive.

    >>> drop_urls("xem https://thuvienphapluat.vn/van-ban/abc.aspx nhé")
    'xem  nhé'
    """
    return _URL.sub("", text)


def is_noise_line(line: str) -> bool:
    """True for page numbers, signature stamps and lines without any word.

    >>> is_noise_line("Ngày ký: 08-06-2023 09:10:48 +07:00")
    True
    >>> is_noise_line(" I")
    True
    >>> is_noise_line("2.3. Phòng Tư pháp")
    False
    """
    stripped = line.strip()
    if not stripped:
        return False
    if _STAMP.match(fold(stripped)) or _PAGE.match(stripped):
        return True
    letters = sum(ch.isalpha() for ch in stripped)
    return letters <= 1 and not re.search(r"\d", stripped) or (letters <= 2 and len(stripped) <= 3 and not stripped[0].isdigit())


def fix_ocr_token(token: str) -> str:
    """Fix one token's unambiguous OCR confusions.

    >>> fix_ocr_token("Tw")
    'Tư'
    >>> fix_ocr_token("cuwong")
    'cương'
    >>> fix_ocr_token("c6ng")
    'cong'
    >>> fix_ocr_token("1y")
    'ly'
    >>> fix_ocr_token("ti€u")
    'tiêu'
    >>> fix_ocr_token("ISO")
    'ISO'
    """
    if not token or token.isdigit() or not any(ch.isalpha() for ch in token):
        return token
    out = token.replace("uw", "ư").replace("Uw", "Ư").replace("w", "ư").replace("W", "Ư") if _is_vi_shaped(token) else token
    out = out.replace("€", "ê").replace("¢", "c").replace("ưo", "ươ").replace("Ưo", "Ươ")
    if any(ch.isdigit() for ch in out) and not out.isupper():
        letters = sum(ch.isalpha() for ch in out)
        if letters >= 1 and not re.fullmatch(r"\d{2,}[a-zA-Z]{0,2}", out):
            chars = list(out)
            for i, ch in enumerate(chars):
                if ch == "1":
                    # 1 is l at the start of a word (1y, 1ap) and i after a vowel (té1, vo1).
                    chars[i] = "l" if i == 0 else "i"
                elif ch in _DIGIT_VOWEL:
                    chars[i] = _DIGIT_VOWEL[ch]
            out = "".join(chars)
    return out


def _is_vi_shaped(token: str) -> bool:
    low = fold(token)
    return "w" in low and not low.startswith(("www", "http")) and not token.isupper()


def fix_ocr(text: str) -> str:
    """Apply the unambiguous OCR fixes to a text, token by token.

    >>> fix_ocr("Pai Phat thanh, Tw phdp, ¢) Tang cuwong")
    'Đai Phat thanh, Tư phdp, c) Tang cương'
    >>> fix_ocr("qua S& Noi vu, K& hoach nay")
    'qua Sở Noi vu, Kế hoach nay'
    >>> fix_ocr("Papi, PAR INDEX, 61/2018/NĐ-CP, 75%")
    'Papi, PAR INDEX, 61/2018/NĐ-CP, 75%'
    """
    text = text.replace("¢", "c").replace("€", "ê")
    # "S&"/"K&" are how the scans print "Sở"/"Kế" before a name: no other reading exists.
    text = re.sub(r"(?<!\w)S[&$§](?=\s+[A-ZĐ])", "Sở", text)
    text = re.sub(r"(?<!\w)K[&$§](?=\s+ho)", "Kế", text)
    text = _P_TO_D.sub(lambda m: m.group(0) if fold(m.group(0)) in _ACRONYMS else "Đ" + m.group(1), text)
    return re.sub(r"[^\W_]+", lambda m: fix_ocr_token(m.group(0)), text)


def unwrap(lines: Iterable[str], starts_block: Callable[[str], bool]) -> list[str]:
    """Join hard-wrapped lines (and sentences broken by page breaks) into paragraphs.

    A new paragraph starts at a structural marker (``starts_block``), or after a line that
    ends a sentence when the next line starts with a capital letter. A blank line alone does
    not end a paragraph: OCR scans put them in the middle of sentences.

    >>> unwrap(["a) Thực hiện tốt", "", "các nhiệm vụ.", "Tuyên truyền sâu rộng"], lambda s: s.startswith("a)"))
    ['a) Thực hiện tốt các nhiệm vụ.', 'Tuyên truyền sâu rộng']
    >>> unwrap(["2.3. Phòng Tư pháp", "Tham mưu UBND huyện"], lambda s: s.startswith("2.3."))
    ['2.3. Phòng Tư pháp', 'Tham mưu UBND huyện']
    """
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        new_block = (
            not current
            or starts_block(line)
            or (_ends_sentence(current[-1]) and _starts_sentence(line))
            # "2.10. Đài Truyền thanh — Truyền hình" over its body: a heading line of its own.
            or (len(current) == 1 and starts_block(current[0]) and len(current[0]) < 60
                and _starts_sentence(line) and not current[0].rstrip().endswith((",", "và")))
        )
        if new_block and current:
            paragraphs.append(" ".join(current))
            current = []
        current.append(line)
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _ends_sentence(line: str) -> bool:
    return bool(re.search(r"[.:!?;]\s*[\"”)]?$|\.\s*/\s*\.?$", line))


def _starts_sentence(line: str) -> bool:
    first = line.lstrip("\"“'‘(-–•* ")[:1]
    return bool(first) and (first.isupper() or first.isdigit())


_INDEX_NAMES = re.compile(r"\b(?:par\s+index|papi|sipas|pci)\b", re.IGNORECASE)


def upper_index_names(text: str) -> str:
    """Write the reform indices as the directives' clean copies do (``Papi`` → ``PAPI``).

    >>> upper_index_names("Chi so Papi, Chi so Sipas, Chi s Par index")
    'Chi so PAPI, Chi so SIPAS, Chi s PAR INDEX'
    """
    return _INDEX_NAMES.sub(lambda m: m.group(0).upper(), text)


def clean_paragraph(text: str) -> str:
    """The full light cleaning of one paragraph: markup, URLs, OCR fixes, spacing.

    >>> clean_paragraph("Tang cuwong  ho4t dQng , kiem tra .")
    'Tang cương hoat dQng, kiem tra.'
    """
    text = upper_index_names(fix_ocr(drop_urls(strip_markup(text))))
    text = re.sub(r"\s+([,;:.!?)])", r"\1", text)
    text = re.sub(r"([(])\s+", r"\1", text)
    return " ".join(text.split())
