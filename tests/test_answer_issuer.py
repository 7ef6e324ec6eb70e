"""Who issued a loaded directive (issue 4): the issuer its header names, cited to that header, for
each directive asked about, in the order the question names them. End to end on the bundled corpus.
"""

from __future__ import annotations

import pytest

pytest_plugins = ["conftest_rag"]

slow = pytest.mark.slow


@slow
@pytest.mark.parametrize("question, issuers, cited", [
    ("Công văn 1138/UBND-NC do cơ quan nào ban hành?", ["Ủy ban nhân dân huyện Hớn Quản"], [("004", "meta")]),
    ("Cơ quan nào ban hành Kế hoạch 8607?", ["Ủy ban nhân dân tỉnh Hưng Yên"], [("003", "meta")]),
    ("Who issued Directive 05/CT-CTUBND?", ["Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên"], [("002", "meta")]),
    ("chi thi cchc 2023 do ai ban hanh", ["Chủ tịch Ủy ban nhân dân tỉnh"], [("001", "meta")]),
    # "lần lượt": in the order asked, each from its own header.
    ("Công văn 1138/UBND-NC và Chỉ thị 05/CT-CTUBND lần lượt do chính quyền cấp nào ban hành?",
     ["Ủy ban nhân dân huyện Hớn Quản", "Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên"], [("004", "meta"), ("002", "meta")]),
])
def test_the_issuer_is_read_from_the_header(rag_assistant, question: str, issuers: list[str],
                                            cited: list[tuple[str, str]]) -> None:
    ans = rag_assistant.ask(question)
    assert not ans.abstained, ans.answer
    at = [ans.answer.find(i) for i in issuers]
    assert all(x >= 0 for x in at) and at == sorted(at), ans.answer
    assert [(c.doc_id[:3], c.clause) for c in ans.citations] == cited


@slow
def test_an_english_answer_glosses_the_issuer(rag_assistant) -> None:
    ans = rag_assistant.ask("Which authority issued Plan 8607?")
    assert "Ủy ban nhân dân tỉnh Hưng Yên (Provincial People's Committee)" in ans.answer, ans.answer


@slow
@pytest.mark.parametrize("question", [
    # Units issuing their own plans, and legal documents issued by bodies: no directive's issuer is asked.
    "ke hoach papi 2023 yeu cau cac don vi ban hanh ke hoach cua minh cham nhat bao lau",
    "Theo chỉ thị năm 2023, cần thường xuyên kiểm tra, rà soát văn bản quy phạm pháp luật do những cơ quan nào ban "
    "hành?",
])
def test_other_issuing_is_not_the_directives_issuer(rag_assistant, question: str) -> None:
    ans = rag_assistant.ask(question)
    assert not ans.abstained and all(c.clause != "meta" for c in ans.citations), ans.answer
