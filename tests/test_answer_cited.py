"""Documents the directives cite (issue 4): a reference answer names the cited document with the
issue date its clause writes after the number, and a question asking "which directive" names none
of the loaded directives by that word. End to end on the bundled corpus; facts compared folded.
"""

from __future__ import annotations

import pytest

from vanban.text import fold

pytest_plugins = ["conftest_rag"]

slow = pytest.mark.slow


@slow
@pytest.mark.parametrize("question, fact, clause", [
    ("Công văn 1138 căn cứ báo cáo nào của UBND huyện?", "138/bc-ubnd ngay 27/4/2023", "1.3"),
    ("Which decree does the 2023 provincial directive cite on digitising dossiers?", "107/2021/nd-cp of 06/12/2021",
     "2.c"),
    # "Which Government Office notice": the office's notice is asked, not the office.
    ("Which Government Office notice does Directive 05/CT-CTUBND implement?", "98/tb-vpcp of 18/3/2019", "preamble"),
])
def test_a_cited_document_is_named_with_its_date(rag_assistant, question: str, fact: str, clause: str) -> None:
    ans = rag_assistant.ask(question)
    assert not ans.abstained and ans.qtype == "reference", ans.answer
    assert fact in fold(ans.answer.split(" — ")[0]), ans.answer  # in the short lead, not only in the quote
    assert ans.citations[0].clause == clause


@slow
def test_which_directive_asked_names_no_loaded_directive(rag_assistant) -> None:
    # "chỉ thị nào" asks a directive: the 2023 provincial directive (a Chỉ thị of 2023) is not named by it.
    ans = rag_assistant.ask("Kế hoạch nâng cao PAPI năm 2023 cụ thể hóa chỉ thị nào của Chủ tịch UBND tỉnh?")
    assert not ans.abstained and "06/CT-CTUBND ngày 17/5/2019" in ans.answer, ans.answer
    assert [(c.number, c.clause) for c in ans.citations] == [("8607/KH-UBND", "I.1.a")]


@slow
def test_a_plan_the_directive_speaks_of_is_not_a_second_directive(rag_assistant) -> None:
    # "Chỉ thị năm 2023 … triển khai kế hoạch thực hiện chương trình …": the plan the 2023 directive
    # cites, not Kế hoạch 8607 of the same year and province.
    ans = rag_assistant.ask("chi thi nam 2023 cua tinh yeu cau trien khai ke hoach thuc hien chuong trinh tong the "
                            "cchc giai doan nao")
    assert not ans.abstained and "2021 - 2025" in ans.answer, ans.answer
    assert [c.clause for c in ans.citations] == ["1.a"] and not ans.citations[0].number


@slow
def test_which_one_in_a_second_part_asks_the_first_parts_thing(rag_assistant) -> None:
    # ", and which one does …": the decree on the one-stop shop, asked of the 2023 directive (2.c).
    ans = rag_assistant.ask("Which decree on the one-stop shop does Directive 05/CT-CTUBND cite, and which one does "
                            "the 2023 provincial directive cite?")
    assert "61/2018/NĐ-CP" in ans.answer and "107/2021/NĐ-CP" in ans.answer, ans.answer
    assert {c.clause for c in ans.citations} == {"1.c", "2.c"}


@slow
def test_a_submission_named_by_its_issuer_code_is_found(rag_assistant) -> None:
    # "tờ trình PNV": the code after the dash of 564/TTr-PNV (Phòng Nội vụ) points at that submission.
    ans = rag_assistant.ask("CV 1138 dua tren to trinh PNV so may")
    assert not ans.abstained and ans.answer.startswith("564/TTr-PNV ngày 06/6/2023"), ans.answer
    assert ans.citations[0].clause == "preamble"
