"""Measure text repair on the corpus: ``python bench/repair_eval.py [--json]``.

(a) diacritic restoration of corpus/002 with its diacritics stripped;
(b) OCR repair of corpus/000 against corpus/002 (word agreement, folded and exact);
(c) restoration speed on one core; (d) model size; (e) pyvi baseline when installed;
(f) (b) with the decoder's close calls re-read by the neural LM, as ``vanban repair`` does and
``vanban ingest --neural`` (``repair.neural``; ``--no-neural`` skips it). Neither file is used
to build or tune a model.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from repair.lm import DATA_DIR, load_model  # noqa: E402
from repair.neural import MODEL_DIR, RescoreConfig, load_neural  # noqa: E402
from repair.ocr import repair_text  # noqa: E402
from repair.restore import restore_diacritics  # noqa: E402
from repair.syllable import fold, normalize_text  # noqa: E402

CLEAN = next((ROOT / "corpus").glob("002_*.txt"))
OCR = next((ROOT / "corpus").glob("000_*.txt"))
_SYL = re.compile(r"[^\W\d_]+")
_WORD = re.compile(r"[^\W\d_]+|\d+")
_TAG = re.compile(r"</?\w+>")  # HTML tags (<sup>) in the transcription are markup, not text
_SENT = re.compile(r"(?<=[.;:!?])\s+|\n+")


def strip_diacritics(text: str) -> str:
    """NFD, drop combining marks, đ→d (the benchmark's definition of 'no diacritics')."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def restoration(clean: str) -> dict[str, float]:
    """Syllable accuracy and fully-correct sentence share of restoring stripped text."""
    lm = load_model()
    ref = normalize_text(_TAG.sub(" ", clean))
    stripped = strip_diacritics(ref)
    t0 = time.process_time()
    out = restore_diacritics(stripped, lm)
    cpu = time.process_time() - t0
    r, o = _SYL.findall(ref), _SYL.findall(normalize_text(out))
    assert len(r) == len(o), "restoration must keep the syllable count"
    ok = sum(a == b for a, b in zip(r, o))
    sents_r = [s for s in _SENT.split(ref) if _SYL.search(s)]
    sents_o = [s for s in _SENT.split(normalize_text(out)) if _SYL.search(s)]
    full = sum(_SYL.findall(a) == _SYL.findall(b) for a, b in zip(sents_r, sents_o))
    return {
        "syllables": len(r),
        "syllable_accuracy": ok / len(r),
        "sentences": len(sents_r),
        "sentence_accuracy": full / len(sents_r),
        "syllables_per_cpu_second": len(r) / cpu,
    }


def agreement(hyp: str, ref: str, folded: bool) -> float:
    """Matched word tokens / word tokens of ``ref`` under a difflib alignment."""
    norm = (lambda w: fold(w).lower()) if folded else (lambda w: w.lower())
    a = [norm(w) for w in _WORD.findall(normalize_text(hyp))]
    b = [norm(w) for w in _WORD.findall(normalize_text(ref))]
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(m.size for m in sm.get_matching_blocks()) / len(b)


def ocr_repair(ocr: str, clean: str, neural: tuple | None = None) -> dict[str, float]:
    """Word agreement of raw and repaired OCR text with the clean transcription (``neural``: the
    neural LM and settings that re-read the decoder's close calls)."""
    ref = _TAG.sub(" ", clean)
    t0 = time.perf_counter()
    res = repair_text(ocr, neural=neural)
    secs = time.perf_counter() - t0
    return {
        "raw_folded": agreement(ocr, ref, True),
        "raw_exact": agreement(ocr, ref, False),
        "repaired_folded": agreement(res.text, ref, True),
        "repaired_exact": agreement(res.text, ref, False),
        "confidence_000": res.confidence,
        "confidence_002": repair_text(clean).confidence,
        "changed_words": res.changed,
        "words": res.words,
        "seconds": secs,
    }


def pyvi_baseline(clean: str) -> dict[str, float] | None:
    """Syllable accuracy of pyvi's ViUtils.add_accents, when pyvi is installed."""
    try:
        from pyvi import ViUtils  # type: ignore[import-not-found]
    except ImportError:
        return None
    ref = normalize_text(_TAG.sub(" ", clean))
    ok = total = 0
    for line in ref.splitlines():
        r = _SYL.findall(line)
        if not r:
            continue
        o = _SYL.findall(normalize_text(ViUtils.add_accents(strip_diacritics(line))))
        total += len(r)
        ok += sum(a == b for a, b in zip(r, o)) if len(o) == len(r) else 0
    return {"syllable_accuracy": ok / total}


def main() -> int:
    """Run every measurement and print a report."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print JSON instead of text")
    ap.add_argument("--no-neural", action="store_true", help="skip (b) with the neural LM (repair.neural)")
    args = ap.parse_args()
    clean = CLEAN.read_text(encoding="utf-8")
    ocr = OCR.read_text(encoding="utf-8")
    t0 = time.perf_counter()
    lm = load_model()
    report = {
        "model_load_seconds": time.perf_counter() - t0,
        "restoration": restoration(clean),
        "ocr_repair": ocr_repair(ocr, clean),
        "model_bytes": sum(p.stat().st_size for p in DATA_DIR.iterdir() if p.is_file()),
        "pyvi": pyvi_baseline(clean),
    }
    if not args.no_neural:
        t0 = time.perf_counter()
        nlm = load_neural(lm)
        report["neural_load_seconds"] = time.perf_counter() - t0
        report["neural_bytes"] = sum(p.stat().st_size for p in MODEL_DIR.iterdir() if p.is_file())
        report["ocr_repair_neural"] = ocr_repair(ocr, clean, (nlm, RescoreConfig()))
        report["neural_calls"] = nlm.calls
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    r, o = report["restoration"], report["ocr_repair"]
    print(f"model: {report['model_bytes'] / 1e6:.2f} MB on disk, loads in {report['model_load_seconds']:.2f} s")
    print(f"(a) restoration of stripped {CLEAN.name}: {r['syllable_accuracy']:.2%} of {r['syllables']} syllables, "
          f"{r['sentence_accuracy']:.2%} of {r['sentences']} sentences fully correct")
    print(f"(b) OCR repair of {OCR.name} vs {CLEAN.name}: folded {o['raw_folded']:.2%} -> {o['repaired_folded']:.2%}, "
          f"with diacritics {o['raw_exact']:.2%} -> {o['repaired_exact']:.2%} "
          f"({o['changed_words']} of {o['words']} words changed, {o['seconds']:.1f} s); "
          f"confidence 000 {o['confidence_000']:.3f}, 002 {o['confidence_002']:.3f}")
    print(f"(c) restoration speed: {r['syllables_per_cpu_second']:,.0f} syllables per CPU second (one core)")
    print(f"(d) model size: {report['model_bytes']:,} bytes")
    p = report["pyvi"]
    print("(e) pyvi baseline: " + (f"{p['syllable_accuracy']:.2%} syllables" if p else "pyvi not installed"))
    if "ocr_repair_neural" in report:
        n = report["ocr_repair_neural"]
        print(f"(f) OCR repair, the close calls re-read by the neural LM (vanban repair's default): folded "
              f"{n['raw_folded']:.2%} -> {n['repaired_folded']:.2%}, with diacritics {n['raw_exact']:.2%} -> "
              f"{n['repaired_exact']:.2%} ({n['seconds']:.1f} s, {report['neural_calls']} neural calls); "
              f"neural model {report['neural_bytes']:,} bytes, loads in {report['neural_load_seconds']:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
