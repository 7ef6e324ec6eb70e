"""Recipients and signature blocks of the scans (issues 4 and 7): read against the known phrases
with a looser match than the rest of the text, since they list bodies from a closed set.

The lines are the scans' own, from ``corpus/``; the block of the clean 002 must come out as written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.lexicon import apply_listed
from vanban.text import fold

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _tail(name: str, start: str) -> str:
    text = (CORPUS / name).read_text(encoding="utf-8")
    return text[text.index(start):]


@pytest.mark.parametrize("scan, start, fixed", [
    ("001_8a8f497b7a6c24c9.txt", "Noi nh", ["Nơi nhận:", "- Bộ Nội vụ (để báo cáo);",
                                           "- Thường trực Tỉnh ủy (để báo cáo);", "- Chủ tịch, các PCT UBND tỉnh;",
                                           "- Chánh VP UBND tỉnh;", "CHỦ TỊCH"]),
    ("004_aaae76cc2c3d2f2a.txt", "Noi nh", ["- Sở Nội vụ;", "- Thường trực Huyện ủy;", "- TT HĐND huyện;",
                                           "- Các cơ quan chuyên môn;", "- Văn phòng ĐKQSDĐ huyện;"]),
])
def test_misread_recipients_are_read_as_the_bodies_they_name(scan: str, start: str, fixed: list[str]) -> None:
    out = apply_listed(_tail(scan, start))
    for line in fixed:
        assert line in out, (line, out)


def test_what_is_not_a_known_body_is_left_as_read() -> None:
    out = apply_listed(_tail("004_aaae76cc2c3d2f2a.txt", "Noi nh"))
    assert "Phan Thi Kim Oanh" in out  # a name
    assert "UBMTTQVN huy" in out and "UBND huyện;\n- Các cơ" not in out  # not the nearest-spelled body


def test_a_block_written_with_its_diacritics_is_kept() -> None:
    block = _tail("002_a514a98a622c9e87.txt", "Nơi nhận")
    out = apply_listed(block)
    assert "- UBND cấp huyện (Sao gửi UBND cấp xã);" in out  # though "các huyện" is one letter away
    # Only marks may change, as the exact match of the known phrases does everywhere ("Công" → "Cổng
    # thông tin điện tử", the transcription's own slip).
    assert fold(out) == fold(block) and "Cổng thông tin điện tử tỉnh" in out
