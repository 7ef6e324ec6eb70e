"""Build the syllable language model from ``../shared/text/`` into ``repair/data/``.

Run ``python -m repair.build [--text-dir DIR] [--out DIR]``. The output is deterministic:
the same input text gives byte-identical files (fixed zip timestamps, sorted arrays).
The directives in ``corpus/`` are never read: they are the test set.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np

from repair.lm import BOS, EOS, NUM, PUNCT, SPECIALS, UNK, phrases
from repair.syllable import fold, is_well_formed

SOURCES = ("vi_statutes.txt", "vi_wikipedia_sample.txt")
MIN_SYLLABLE_COUNT = 2
MIN_BIGRAM_COUNT = 2
MIN_TRIGRAM_COUNT = 2
STATUTE_WEIGHT = 2  # the statutes are closest in register to the directives
MIN_ACRONYM_COUNT = 3
# The statutes' own counts of the stored bigrams and of the syllables (round 15): the word
# lexicon (repair.lm.LanguageModel.words) weighs the Wikipedia sample apart, so its topic words
# ("ung thư", "tình yêu") need not read a directive. Only the lexicon reads them.
STATUTE_COUNTS = True
MODEL_FILE = "lm.npz"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

NOTICE = """repair/data/lm.npz: Vietnamese syllable n-gram statistics.

Derived from two texts in ../shared/text/:
- vi_statutes.txt: articles of Vietnamese laws and codes. Vietnamese legal normative
  documents are not protected by copyright (Law on Intellectual Property 2005, Article 15).
- vi_wikipedia_sample.txt: paragraphs from Vietnamese Wikipedia articles, text by
  "Vietnamese Wikipedia contributors", licensed under the Creative Commons
  Attribution-ShareAlike 4.0 International licence (CC BY-SA 4.0,
  https://creativecommons.org/licenses/by-sa/4.0/). Source: https://vi.wikipedia.org/

The n-gram counts are a derivative of that text and are distributed under the same
CC BY-SA 4.0 licence, crediting "Vietnamese Wikipedia contributors".
"""


def read_lines(text_dir: Path, holdout: int = 0, block: int = 1) -> tuple[list[str], list[str]]:
    """Read the training lines in a fixed order, statutes ``STATUTE_WEIGHT`` times.

    Args:
        text_dir: Folder with the source files.
        holdout: When > 0, every ``holdout``-th statute line is kept apart as development
            text (for choosing settings without touching the test directives).
        block: Hold out every ``holdout``-th run of ``block`` consecutive lines instead
            (whole passages, whose wording the training text has not seen next door).

    Returns:
        ``(training lines, development lines)``.
    """
    lines: list[str] = []
    dev: list[str] = []
    for name in SOURCES:
        with open(text_dir / name, encoding="utf-8") as f:
            src = [line.replace("_", " ") for line in f]
        if name == SOURCES[0]:
            if holdout:
                dev = [x for i, x in enumerate(src) if (i // block) % holdout == 0]
                src = [x for i, x in enumerate(src) if (i // block) % holdout]
            src = src * STATUTE_WEIGHT
        lines.extend(src)
    return lines, dev


def statute_lines(lines: list[str], text_dir: Path) -> list[str]:
    """The statute part of ``read_lines``'s training lines, once (without its weight)."""
    with open(text_dir / SOURCES[1], encoding="utf-8") as f:
        others = sum(1 for _ in f)
    return lines[: (len(lines) - others) // STATUTE_WEIGHT]


def count_syllables(lines: list[str]) -> Counter[str]:
    """Count lower-case normalised word tokens of the training text."""
    c: Counter[str] = Counter()
    for line in lines:
        for ph in phrases(line):
            c.update(ph)
    return c


_UPPER_RE = re.compile(r"\b[^\W\d_a-zđ]{2,}\b")


def count_acronyms(lines: list[str]) -> list[tuple[str, int]]:
    """Capitalised acronyms whose usual spelling has diacritics (NĐ, QĐ, HĐND), with counts.

    Returns:
        ``(acronym, count)`` pairs sorted by acronym, one per folded form, only where the
        accented spelling is the most frequent one.
    """
    c: Counter[str] = Counter()
    for line in lines:
        c.update(w for w in _UPPER_RE.findall(line) if w.isupper())
    best: dict[str, tuple[int, str]] = {}
    for w, n in c.items():
        f = fold(w)
        if (n, w) > best.get(f, (0, "")):
            best[f] = (n, w)
    return sorted(
        (w, n) for f, (n, w) in best.items()
        if w != f and n >= MIN_ACRONYM_COUNT and not is_well_formed(w.lower())
    )


def build_vocab(counts: Counter[str]) -> list[str]:
    """Specials first, then well-formed syllables by descending count (ties by string)."""
    syls = [
        s for s, n in counts.items()
        if n >= MIN_SYLLABLE_COUNT and s not in SPECIALS and is_well_formed(s)
    ]
    syls.sort(key=lambda s: (-counts[s], s))
    return list(SPECIALS) + syls


def count_ngrams(lines: list[str], index: dict[str, int]) -> tuple[np.ndarray, Counter, Counter]:
    """Count unigrams, bigrams and trigrams of vocabulary ids over phrases with boundaries."""
    unk, num, bos, eos = index[UNK], index[NUM], index[BOS], index[EOS]
    special = {NUM: num, PUNCT: index[PUNCT]}
    uni = np.zeros(len(index), dtype=np.int64)
    bi: Counter[tuple[int, int]] = Counter()
    tri: Counter[tuple[int, int, int]] = Counter()
    for line in lines:
        for ph in phrases(line):
            ids = [bos] + [special.get(t) or index.get(t, unk) for t in ph] + [eos]
            for i in ids:
                uni[i] += 1
            bi.update(zip(ids, ids[1:]))
            tri.update(zip(ids, ids[1:], ids[2:]))
    return uni, bi, tri


def _columns(counter: Counter, min_count: int, order: int) -> dict[str, np.ndarray]:
    items = sorted((k, v) for k, v in counter.items() if v >= min_count)
    arr = np.array([k for k, _ in items], dtype=np.uint16).reshape(-1, order)
    cols = {f"w{j}": arr[:, j].copy() for j in range(order)}
    cols["c"] = np.array([v for _, v in items], dtype=np.uint32)
    return cols


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write arrays as an .npz with fixed timestamps so the bytes are reproducible."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, buf.getvalue(), compresslevel=9)


def build(text_dir: Path, out_dir: Path, holdout: int = 0, block: int = 1) -> dict[str, int]:
    """Build the model files and return summary statistics."""
    lines, dev = read_lines(text_dir, holdout, block)
    counts = count_syllables(lines)
    vocab = build_vocab(counts)
    if len(vocab) >= 65535:
        raise ValueError("vocabulary too large for uint16 ids")
    index = {s: i for i, s in enumerate(vocab)}
    uni, bi, tri = count_ngrams(lines, index)
    arrays: dict[str, np.ndarray] = {
        "vocab": np.array(vocab, dtype=np.str_),
        "uni": uni.astype(np.uint32),
    }
    acros = count_acronyms(lines)
    arrays["acro"] = np.array([w for w, _ in acros], dtype=np.str_)
    arrays["acro_c"] = np.array([n for _, n in acros], dtype=np.uint32)
    for prefix, counter, k, order in (("bi_", bi, MIN_BIGRAM_COUNT, 2), ("tri_", tri, MIN_TRIGRAM_COUNT, 3)):
        for name, col in _columns(counter, k, order).items():
            arrays[prefix + name] = col
    if STATUTE_COUNTS:  # aligned with the stored bigrams (bi_w0, bi_w1) and with the vocabulary
        s_uni, s_bi, _ = count_ngrams(statute_lines(lines, text_dir), index)
        keys = zip(arrays["bi_w0"].tolist(), arrays["bi_w1"].tolist())
        arrays["bi_s"] = np.array([min(s_bi.get(k, 0), 65535) for k in keys], dtype=np.uint16)
        arrays["uni_s"] = s_uni.astype(np.uint32)
    out_dir.mkdir(parents=True, exist_ok=True)
    if dev:
        (out_dir / "dev.txt").write_text("".join(dev), encoding="utf-8")
    write_npz(out_dir / MODEL_FILE, arrays)
    (out_dir / "NOTICE").write_text(NOTICE, encoding="utf-8")
    stats = {
        "tokens": int(uni.sum()),
        "vocab": len(vocab),
        "bigrams": int(len(arrays["bi_c"])),
        "trigrams": int(len(arrays["tri_c"])),
        "bytes": (out_dir / MODEL_FILE).stat().st_size,
    }
    (out_dir / "stats.json").write_text(json.dumps(stats, indent=1, sort_keys=True) + "\n")
    return stats


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--text-dir", type=Path, default=here.parent.parent / "shared" / "text")
    ap.add_argument("--out", type=Path, default=here / "data")
    ap.add_argument("--holdout", type=int, default=0, help="keep every N-th statute line apart")
    ap.add_argument("--block", type=int, default=1, help="... every N-th run of this many lines")
    args = ap.parse_args(argv)
    if not all((args.text_dir / s).exists() for s in SOURCES):
        print(f"missing training text in {args.text_dir}", file=sys.stderr)
        return 2
    stats = build(args.text_dir, args.out, args.holdout, args.block)
    print(json.dumps(stats, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
