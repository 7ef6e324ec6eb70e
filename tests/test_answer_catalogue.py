"""Header facts of a loaded directive (issue 4): who issued it, what kind of document it is, how many
main sections it has; cited to its header (or counted from its clause labels), for each directive
asked about, in the order the question names them. End to end on the bundled corpus.
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
    # The district's own PAR plan (issued with Decision 09/QĐ-UBND), not the province's PAPI plan.
    "Cơ quan nào ban hành kế hoạch cải cách hành chính của huyện Hớn Quản năm 2023?",
    "Which agency issued land-use certificates under Letter 1138?",
])
def test_other_issuing_is_not_the_directives_issuer(rag_assistant, question: str) -> None:
    ans = rag_assistant.ask(question)
    assert not ans.abstained and all(c.clause != "meta" for c in ans.citations), ans.answer


@slow
@pytest.mark.parametrize("question, lead", [
    ("Công văn 1138 là loại văn bản gì?", "Công văn 1138/UBND-NC (cấp huyện) là công văn — «V/v nâng cao Chỉ số PAPI"),
    ("What kind of document is 8607/KH-UBND?", "Kế hoạch 8607/KH-UBND (province level) is a plan (Kế hoạch)"),
])
def test_the_kind_of_document_is_its_type_and_subject(rag_assistant, question: str, lead: str) -> None:
    ans = rag_assistant.ask(question)
    assert ans.answer.startswith(lead) and ans.citations[0].clause == "meta", ans.answer


@slow
@pytest.mark.parametrize("question, lead", [
    ("Chỉ thị 05 gồm mấy mục?", "8 mục — mục 1 đến mục 8 của Chỉ thị 05/CT-CTUBND"),
    ("How many sections does Plan 8607 have?", "3 sections: items I to III of Kế hoạch 8607/KH-UBND"),
])
def test_the_main_sections_are_counted_from_the_clause_labels(rag_assistant, question: str, lead: str) -> None:
    ans = rag_assistant.ask(question)
    assert ans.answer.startswith(lead), ans.answer


@slow
@pytest.mark.parametrize("question, lead", [
    ("Các văn bản đã nạp gồm những văn bản nào?", "Đã nạp 4 văn bản: Chỉ thị năm 2023"),
    ("Which documents are loaded?", "4 directives are loaded: Chỉ thị (2023)"),
])
def test_the_loaded_directives_are_listed(rag_assistant, question: str, lead: str) -> None:
    ans = rag_assistant.ask(question)
    assert ans.answer.startswith(lead) and "1138/UBND-NC" in ans.answer, ans.answer
    assert [c.clause for c in ans.citations] == ["meta"] * 4


@slow
@pytest.mark.parametrize("question, title", [
    ("Tóm tắt Công văn 1138", "V/v nâng cao Chỉ số PAPI"),
    ("Summarise Directive 05 in one sentence", "Về việc cải thiện, nâng cao chỉ số cải cách hành chính (PAR INDEX)"),
])
def test_a_summary_of_a_directive_is_its_subject_line(rag_assistant, question: str, title: str) -> None:
    ans = rag_assistant.ask(question)
    assert title in ans.answer and ans.citations[0].clause == "meta", ans.answer


@slow
@pytest.mark.parametrize("question", [
    "Nhiệm vụ của Sở Nội vụ theo Chỉ thị 05 là gì?",
    "Tóm tắt nhiệm vụ của Sở Nội vụ theo Chỉ thị 05",
])
def test_a_bodys_duties_asked_as_what_they_are(rag_assistant, question: str) -> None:
    ans = rag_assistant.ask(question)
    assert not ans.abstained and ans.citations[0].clause == "2" and "SIPAS" in ans.answer, ans.answer


@slow
def test_the_motto_and_number_of_a_header_answer_nothing_asked(rag_assistant) -> None:
    # "communes" is not the "xã" of "Cộng hòa xã hội chủ nghĩa", and "1138" only names the letter.
    ans = rag_assistant.ask("What does Letter 1138 require of communes?")
    assert all(c.clause != "meta" for c in ans.citations), ans.answer


@slow
@pytest.mark.parametrize("question, lead", [
    ("PAPI là gì?", "PAPI là chỉ số hiệu quả quản trị và hành chính công"),
    ("chi so par index la gi", "PAR INDEX là chỉ số cải cách hành chính"),
    ("What does SIPAS stand for?", "SIPAS stands for «Chỉ số hài lòng của người dân, tổ chức"),
    # No clause writes CCHC's name in brackets; one writes "cải cách hành chính" beside "CCHC".
    ("CCHC là gì?", "CCHC là viết tắt của «cải cách hành chính»"),
    ("UBND là viết tắt của gì?", "UBND là viết tắt của «Ủy ban nhân dân»"),
    # Written as "Ủy ban MTTQ" in one clause and spelled out ("Mặt trận Tổ quốc") only in others.
    ("MTTQ là gì?", "MTTQ là viết tắt của «Mặt trận Tổ quốc»"),
    ("What does MTTQ stand for?", "MTTQ stands for «Mặt trận Tổ quốc» (fatherland front)"),
    # Typed without its Đ: the directives' "HĐND".
    ("hdnd la gi", "HĐND là viết tắt của «Hội đồng nhân dân»"),
])
def test_an_acronym_is_defined_by_the_name_a_clause_writes_for_it(rag_assistant, question: str, lead: str) -> None:
    ans = rag_assistant.ask(question)
    assert ans.answer.startswith(lead) and ans.citations[0].clause != "meta", ans.answer


@slow
def test_an_acronym_no_directive_writes_is_not_defined(rag_assistant) -> None:
    assert rag_assistant.ask("DTI là gì?").abstained
