"""Round 16: a folded reading offers its rarer accent variants (``repair.ocr.ACCENT_VARIANTS``).

``d`` and ``đ`` fold alike, so a folded syllable such as ``doi`` stands for sixteen accented
ones (đối, đổi, đội, đời, đôi, đòi, đới, dõi, …): with six of them tried, "theo dõi" and
"dễ dàng", common in directives, could not be read from a stripped scan at all.
"""

from __future__ import annotations

import pytest

from repair import ocr
from repair.lm import LanguageModel, load_model
from repair.ocr import _repairer, repair_text


@pytest.fixture(scope="module")
def lm() -> LanguageModel:
    return load_model()


def _readings(lm: LanguageModel, tok: str) -> set[str]:
    opts, _ = _repairer(lm).options(tok)
    return {lm.vocab[ids[0]] for ids, _, fixed in opts if fixed is None and len(ids) == 1}


def test_rarer_accent_variants_are_offered(lm: LanguageModel) -> None:
    # "dõi" is the 8th accent variant of "doi" and "dàng" the 7th of "dang" by frequency
    assert [lm.vocab[i] for i in lm.candidates("doi", limit=16)].index("dõi") >= 6
    assert "dõi" in _readings(lm, "doi")  # a stripped token
    assert "dõi" in _readings(lm, "ddi")  # through a confusion edit (d read for o)
    assert "dàng" in _readings(lm, "dang")
    assert ocr.ACCENT_VARIANTS >= 8


@pytest.mark.parametrize("scan, want", [
    # 001 (clause on the inspection of legal documents, and item 2)
    ("soat va theo ddi thi hanh vin ban quy pham phap luat con cham", "theo dõi thi hành"),
    ("cach hanh chinh trong pham vi quan 1y cia minh; trién khai, theo ddi, don ddc,", "triển khai, theo dõi, đôn đốc"),
    # 003 part III (main before round 16: "theo đuổi", "theo đội")
    ("bao céo két qua thuc hién vé UBND tinh (qua S& Noi vu) dé theo ddi, giam sat", "để theo dõi, giám sát"),
    ("Giao Thu trudng cac co quan, don vi chu tri tham muru, dau mdi theo doi,", "đầu mối theo dõi,"),
])
def test_theo_doi_of_the_scans(scan: str, want: str) -> None:
    assert want in repair_text(scan).text
