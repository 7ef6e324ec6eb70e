"""Stream interface for ``vanban repair`` and ``vanban repair --restore-only``."""

from __future__ import annotations

from typing import TextIO

from repair.lm import load_model
from repair.ocr import repair_text
from repair.restore import restore_diacritics

_CHUNK_LINES = 200  # paragraphs are cut at blank lines; this bounds memory on huge input


def _chunks(inp: TextIO):
    buf: list[str] = []
    for line in inp:
        buf.append(line)
        if len(buf) >= _CHUNK_LINES and not line.strip():
            yield "".join(buf)
            buf = []
    if buf:
        yield "".join(buf)


def repair_stream(inp: TextIO, out: TextIO, restore_only: bool = False, neural: bool = False) -> None:
    """Read text from ``inp``, repair it and write it to ``out``, keeping line breaks.

    The input is processed in chunks that end at blank lines, so context is only lost
    where a paragraph ends anyway.

    Args:
        inp: Text source (e.g. ``sys.stdin``).
        out: Text sink (e.g. ``sys.stdout``).
        restore_only: Only add diacritics; do not correct OCR errors.
        neural: Re-read the close calls of OCR correction with the neural LM (``repair.neural``).

    Raises:
        FileNotFoundError: ``neural`` is asked for and the neural LM was not built.
    """
    lm = load_model()
    nlm = None
    if neural and not restore_only:
        from repair.neural import RescoreConfig, load_neural

        nlm = (load_neural(lm), RescoreConfig())
    for chunk in _chunks(inp):
        if restore_only:
            out.write(restore_diacritics(chunk, lm))
        else:
            out.write(repair_text(chunk, lm, neural=nlm).text)
    out.flush()


def main() -> int:
    """``python -m repair.cli [--restore-only] [--no-neural]``: filter stdin to stdout."""
    import sys

    repair_stream(sys.stdin, sys.stdout, "--restore-only" in sys.argv[1:], "--no-neural" not in sys.argv[1:])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
