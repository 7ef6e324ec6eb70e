"""Names listed after a shared head and a colon ("các Sở: Nội vụ, Tài chính, Tư pháp"), as clause 5 of
the 2023 directive (001) lists the members of the PAR assessment council: mended at ingest, read as
one agency each, and answered together (issue 4, session 18)."""

from __future__ import annotations

import pytest

from ingest.lexicon import apply_head_lists, apply_phrases
from rag import extract
from rag.spans import _with_shared_list
from vanban.text import fold

pytest_plugins = ["conftest_rag"]

# 001 clause 5 as the OCR repair reads the scan's "(Van phong UBND tinh va cdc S6: Ngi vu, Tai chinh, …)".
REPAIRED = ("Thủ trưởng các số, ban ngành (Văn phòng UBND tỉnh và cơ Sở: Nơi vụ, Tài chính, Tư pháp, Kế hoạch và Đầu "
            "tư, Thông tin và Truyền thông) có trách nhiệm chủ động, phối hợp chặt chẽ")
MEMBERS = ["Văn phòng UBND tỉnh", "Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp", "Sở Kế hoạch và Đầu tư",
           "Sở Thông tin và Truyền thông"]


def test_a_shared_head_list_is_mended_against_the_known_names() -> None:
    mended = apply_head_lists(REPAIRED)
    assert "(Văn phòng UBND tỉnh và các Sở: Nội vụ, Tài chính, Tư pháp, Kế hoạch và Đầu tư," in mended
    assert apply_head_lists(mended) == mended  # idempotent: re-ingesting changes nothing


def test_text_without_a_list_after_the_colon_is_kept() -> None:
    for text in ("Mục 2: Sở lập kế hoạch", "căn cứ cơ sở: chức năng, nhiệm vụ", "Lưu: VT, NC."):
        assert apply_head_lists(text) == text


def test_each_listed_name_is_an_agency_with_the_role_after_the_list() -> None:
    text = apply_head_lists(REPAIRED)
    found = extract.find_agencies(text)
    assert [a.text for a in found] == MEMBERS
    assert {a.role for a in found} == {"có trách nhiệm"}
    # The offices answer together, the office before "và các Sở:" with them.
    assert _with_shared_list(text, found)[0].text == ", ".join(MEMBERS)


@pytest.mark.slow
def test_the_council_members_are_named_in_the_answer(rag_assistant) -> None:
    ans = rag_assistant.ask("Which provincial agencies does the 2023 PAR directive name as members of the PAR index "
                            "assessment council?")
    assert not ans.abstained and ans.citations[0].clause == "5", ans.answer
    assert all(fold(m) in fold(ans.answer) for m in MEMBERS), ans.answer


@pytest.mark.parametrize("repaired, right", [
    # 001 1.a, scan "Chuong trinh téng thé": the programme's name, with one vowel misread.
    ("thực hiện Chương trình tăng thể cải cách hành chính nhà nước trên địa bàn tỉnh",
     "thực hiện Chương trình tổng thể cải cách hành chính nhà nước trên địa bàn tỉnh"),
    # 003 II.1.a-1, scan "phat huy quyén lam cha".
    ("phát huy quyền làm cha của người dân", "phát huy quyền làm chủ của người dân"),
])
def test_fixed_phrases_of_the_directives_are_mended(repaired: str, right: str) -> None:
    assert apply_phrases(repaired) == right
