"""Diacritic restoration: ``Chu tich Uy ban nhan dan tinh`` → ``Chủ tịch Ủy ban nhân dân tỉnh``."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from repair.decode import Candidate, viterbi
from repair.lm import INNER_PUNCT, LanguageModel, load_model
from repair.syllable import apply_case, has_diacritics

# Numbers (with inner separators), letter/digit runs, spaces, or any other character.
_TOKEN_RE = re.compile(r"\d+(?:[.,/]\d+)*(?![^\W_])|[^\W_]+|\s+|.", re.S)


def is_acronym(word: str, lm: LanguageModel) -> bool:
    """True for all-capital words that are no Vietnamese syllable (UBND, ISO, PAPI)."""
    return len(word) > 1 and word.isupper() and not lm.by_fold.get(word.lower())


@lru_cache(maxsize=65_536)
def _word_options(w: str, lm: LanguageModel) -> tuple[tuple[Candidate, ...], str | None]:
    """Candidates of one word of a phrase and its fixed output (None: choose in context)."""
    if w[0] in INNER_PUNCT:
        return ((lm.punct, 0.0),), w
    if not w.isalpha():  # a number, or letters glued to digits (OCR debris): keep
        return ((lm.num if w[0].isdigit() else lm.unk, 0.0),), w
    low = w.lower()
    if has_diacritics(w) or is_acronym(w, lm):
        return ((lm.id_of(low), 0.0),), lm.acronyms.get(w, w)
    ids = lm.candidates(low)
    if not ids:
        return ((lm.unk, 0.0),), w
    return tuple((i, 0.0) for i in ids), None


def _restore_phrase(words: list[str], lm: LanguageModel, beam: int) -> list[str]:
    opts = [_word_options(w, lm) for w in words]
    if all(f is not None for _, f in opts):
        return [f for _, f in opts if f is not None]
    choice = viterbi(lm, [c for c, _ in opts], beam)
    vocab = lm.vocab
    return [f if f is not None else apply_case(vocab[c[k][0]], w) for w, (c, f), k in zip(words, opts, choice)]


def restore_diacritics(text: str, lm: LanguageModel | None = None, beam: int = 8) -> str:
    """Add Vietnamese diacritics to words written without them, choosing in context.

    Words that already carry diacritics, numbers, acronyms, punctuation, spacing and line
    breaks are kept as they are; case follows the input word.

    Args:
        text: Any text, one clause or a whole file.
        lm: A loaded model; the committed model is used when omitted.
        beam: Trigram states kept per position (larger is slower and rarely better).

    Returns:
        The text with diacritics restored.
    """
    lm = lm or load_model()
    text = unicodedata.normalize("NFC", text)
    pieces = _TOKEN_RE.findall(text)
    out = list(pieces)
    phrase: list[int] = []  # indices into pieces of the current phrase's words

    def flush() -> None:
        if phrase:
            restored = _restore_phrase([pieces[i] for i in phrase], lm, beam)
            for i, r in zip(phrase, restored):
                out[i] = r
            phrase.clear()

    for i, p in enumerate(pieces):
        c = p[0]
        if c.isalpha() or c.isdigit() or c in INNER_PUNCT:
            phrase.append(i)
        elif not c.isspace():
            flush()
    flush()
    return "".join(out)
