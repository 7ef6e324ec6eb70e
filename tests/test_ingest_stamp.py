"""The digital-signature stamp (issue 4): read from the raw file of the e-signed Letter 1138, kept
as the last lines of its signature block (repaired text beside the scan's own lines) and in its
metadata; a directive without one gets none. Answered from the metadata, cited to the block.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.directive import build_document
from ingest.load import read_file
from ingest.stamp import find_stamp, signing_body, stamp_lines

pytest_plugins = ["conftest_rag"]

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
LETTER = CORPUS / "004_aaae76cc2c3d2f2a.txt"


def test_the_stamp_is_read_from_the_scan() -> None:
    stamp = find_stamp(LETTER.read_text(encoding="utf-8"))
    assert stamp is not None
    assert stamp.at == "2023-06-08T09:10:48+07:00"
    assert stamp.by == "Uy ban nhén dan huyén Hon Quan"  # as scanned
    assert stamp.lines == ("Ky boi: Uy ban nhén dan huyén Hon Quan", "Ngiy ky: 08-06-2023 09:10:48 +07:00")


@pytest.mark.parametrize("name", ["001_8a8f497b7a6c24c9.txt", "002_a514a98a622c9e87.txt", "003_822597c4ca3c407c.txt"])
def test_directives_without_a_stamp_get_none(name: str) -> None:
    assert find_stamp((CORPUS / name).read_text(encoding="utf-8")) is None


def test_the_signing_body_is_written_as_the_issuer_only_when_it_names_it() -> None:
    assert signing_body("Uy ban nhén dan huyén Hon Quan", "Ủy ban nhân dân huyện Hớn Quản") \
        == "Ủy ban nhân dân huyện Hớn Quản"
    assert signing_body("Sở Nội vụ tỉnh Bình Phước", "Ủy ban nhân dân huyện Hớn Quản") == "Sở Nội vụ tỉnh Bình Phước"
    assert stamp_lines("", "2023-06-08") == ["Ngày ký: 08-06-2023"]


def test_the_stamp_closes_the_signature_block() -> None:
    doc = build_document(read_file(LETTER))
    assert doc.meta.signed_at == "2023-06-08T09:10:48+07:00"
    block = doc.clause("signature")
    assert block is not None
    assert block.text.splitlines()[-1] == "Ngày ký: 08-06-2023 09:10:48 +07:00"
    assert "Phan Thi Kim Oanh" in block.text  # the signer's lines stay first
    assert block.original.splitlines()[-1] == "Ngiy ky: 08-06-2023 09:10:48 +07:00"
    # Not a clause of the body, nor the recipients' list.
    assert all("09:10" not in c.text for c in doc.clauses if c.kind != "signature")


@pytest.mark.slow
@pytest.mark.parametrize("question, says", [
    ("At what time was Hớn Quản's letter 1138/UBND-NC digitally signed?", ["09:10:48", "08/06/2023"]),
    ("cong van 1138 ky so luc may gio", ["09:10:48", "Ủy ban nhân dân huyện Hớn Quản"]),
])
def test_the_stamp_answers_when_a_letter_was_signed_digitally(rag_assistant, question: str, says: list[str]) -> None:
    ans = rag_assistant.ask(question)
    assert not ans.abstained
    for fact in says:
        assert fact in ans.answer, ans.answer
    assert [(c.number, c.clause) for c in ans.citations] == [("1138/UBND-NC", "signature")]
    assert "09:10:48" in ans.citations[0].text
