"""Reading corpus files into text: encodings, .docx, text-layer .pdf, passage .jsonl."""

from __future__ import annotations

import codecs
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from vanban.errors import UnreadableFileError
from vanban.text import nfc

TEXT_SUFFIXES = {".txt", ".md"}
SUFFIXES = TEXT_SUFFIXES | {".docx", ".pdf", ".jsonl"}
_CONTROL_OK = {"\n", "\r", "\t", "\f", "\v"}


@dataclass(frozen=True)
class RawFile:
    """A corpus file as read: its name, raw-bytes hash and NFC text."""

    path: Path
    name: str
    sha256: str
    text: str
    encoding: str


@dataclass(frozen=True)
class Passage:
    """One line of a pre-split ``.jsonl`` passage collection."""

    id: str
    text: str
    title: str = ""


def corpus_files(corpus: Path) -> list[Path]:
    """The readable-looking files of a corpus folder, sorted by name (hidden files skipped)."""
    if not corpus.is_dir():
        raise UnreadableFileError(str(corpus), "corpus folder not found")
    return sorted(
        p for p in corpus.iterdir() if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in SUFFIXES
    )


def decode_text(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode text bytes as UTF-8, UTF-16 (BOM or NUL pattern) or Windows-1258.

    Returns:
        The NFC text and the encoding used.

    Raises:
        UnreadableFileError: empty, binary, or no encoding gives plausible text.
    """
    if not data.strip():
        raise UnreadableFileError(name, "the file is empty")
    if data.startswith(codecs.BOM_UTF8):
        return nfc(data[3:].decode("utf-8", errors="strict")), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _plausible(data.decode("utf-16"), name), "utf-16"
    if data.count(b"\x00") > len(data) // 4:
        # UTF-16 without a BOM puts a NUL beside every ASCII byte.
        even, odd = data[0::2].count(b"\x00"), data[1::2].count(b"\x00")
        enc = "utf-16-be" if even > odd else "utf-16-le"
        try:
            return _plausible(data.decode(enc), name), enc
        except UnicodeDecodeError as exc:
            raise UnreadableFileError(name, "binary file (NUL bytes), not text") from exc
    try:
        return _plausible(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return _plausible(data.decode("cp1258"), name), "cp1258"
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(name, "unknown text encoding (not UTF-8, UTF-16 or Windows-1258)") from exc


def _plausible(text: str, name: str) -> str:
    text = nfc(text)
    if not text.strip():
        raise UnreadableFileError(name, "the file is empty")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in _CONTROL_OK)
    if "\x00" in text or controls > max(3, len(text) // 100):
        raise UnreadableFileError(name, "binary content, not text")
    letters = sum(ch.isalpha() for ch in text)
    if letters < len(text) * 0.3:
        raise UnreadableFileError(name, "does not look like text (too few letters; unknown encoding?)")
    return text


def _read_docx(path: Path) -> str:
    import docx  # python-docx; lazy: only needed for .docx corpora

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for broken zips
        raise UnreadableFileError(path.name, f"not a readable .docx file ({exc.__class__.__name__})") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n\n".join(lines)


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, OSError, ValueError) as exc:
        raise UnreadableFileError(path.name, f"not a readable PDF ({exc})") from exc
    text = "\n\n".join(pages)
    if sum(ch.isalpha() for ch in text) < 20:
        raise UnreadableFileError(path.name, "PDF has no text layer (a scan?); run OCR on it first")
    return text


def read_file(path: Path) -> RawFile:
    """Read one directive file (.txt/.md/.docx/.pdf) into NFC text.

    Raises:
        UnreadableFileError: with the file name and the reason.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(path.name, f"cannot be opened ({exc.strerror})") from exc
    digest = hashlib.sha256(data).hexdigest()
    suffix = path.suffix.lower()
    if not data.strip():
        raise UnreadableFileError(path.name, "the file is empty")
    if suffix == ".docx":
        text, enc = nfc(_read_docx(path)), "docx"
    elif suffix == ".pdf":
        text, enc = nfc(_read_pdf(path)), "pdf"
    elif suffix in TEXT_SUFFIXES:
        text, enc = decode_text(data, path.name)
    else:
        raise UnreadableFileError(path.name, f"unsupported file type '{suffix}'")
    if not text.strip():
        raise UnreadableFileError(path.name, "no text in the file")
    return RawFile(path=path, name=path.name, sha256=digest, text=text, encoding=enc)


def read_passages(path: Path) -> list[Passage]:
    """Read a ``.jsonl`` passage collection (``id``, ``text``, optional ``title`` per line).

    Raises:
        UnreadableFileError: naming the line that is not valid.
    """
    passages: list[Passage] = []
    seen: set[str] = set()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UnreadableFileError(path.name, f"cannot be read as UTF-8 JSON lines ({exc})") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UnreadableFileError(path.name, f"line {n} is not valid JSON ({exc.msg})") from exc
        if not isinstance(row, dict) or "id" not in row or not isinstance(row.get("text"), str):
            raise UnreadableFileError(path.name, f"line {n} needs an 'id' and a string 'text'")
        pid = str(row["id"])
        if pid in seen:
            raise UnreadableFileError(path.name, f"line {n}: duplicate id '{pid}'")
        seen.add(pid)
        passages.append(Passage(id=pid, text=nfc(row["text"]), title=nfc(str(row.get("title") or ""))))
    if not passages:
        raise UnreadableFileError(path.name, "no passages in the file")
    return passages
