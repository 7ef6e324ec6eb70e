"""What a question asks, read from its wording (issue 4), end to end on the bundled corpus.

Each case comes from blind probe 22 or the dev set and used to fail: an agency asked through
"at the request of which body" or through the role it holds ("the standing body"), two deadlines
asked "lần lượt", an issue date asked "on what date did … issue", a compound question whose
second part keeps the directive the first names by its subject and year, the "Nơi nhận" block
asked as who receives a directive "for reporting", and "how soon" asked as a span of time.
Facts are compared folded, as in ``test_answer.py``.
"""

from __future__ import annotations

import pytest

from vanban.text import fold

pytest_plugins = ["conftest_rag"]

slow = pytest.mark.slow


@slow
@pytest.mark.parametrize("question, body, clause", [
    # The body after "theo yêu cầu của", not the one acting.
    ("According to the 2023 administrative reform directive, the annual sociological survey used to determine the "
     "provincial PAR index is carried out at the request of which body?", "bo noi vu", "1.e"),
    # The clause stating the role ("Là cơ quan thường trực …" under "3. Sở Nội vụ:").
    ("Which agency acts as the standing body helping the Hưng Yên People's Committee carry out the 2023 PAPI "
     "improvement plan?", "so noi vu", "III.3.a"),
    # "Where do we send …": the body after "gửi về" or "qua", the sentence that says where reports go.
    ("Our district has picked its breakthrough tasks for raising the PAR index. Under the 2023 provincial "
     "directive, where do we send the registration?", "ubnd tinh", "3"),
    ("I work in a specialised office under a Hưng Yên district People's Committee. Under Plan 8607, where do we "
     "send our PAPI reports?", "ubnd cap huyen", "III.1.b-2"),
])
def test_agency_asked_through_a_request_or_a_role(rag_assistant, question: str, body: str, clause: str) -> None:
    ans = rag_assistant.ask(question)
    assert fold(ans.answer).startswith(body), ans.answer
    assert ans.citations[0].clause == clause


@slow
def test_two_deadlines_asked_in_turn_are_each_answered(rag_assistant) -> None:
    ans = rag_assistant.ask("Trong Công văn 1138/UBND-NC, hạn công nhận sáng kiến cải cách hành chính (Phòng Kinh tế "
                            "Hạ tầng) và hạn phê duyệt cơ sở nhà, đất (Phòng Tài chính – Kế hoạch) lần lượt là "
                            "ngày nào?")
    assert "30/10/2023" in ans.answer and "30/11/2023" in ans.answer, ans.answer
    assert ans.answer.index("30/10/2023") < ans.answer.index("30/11/2023")  # in the order asked


@slow
def test_on_what_date_did_it_issue_asks_the_header_date(rag_assistant) -> None:
    ans = rag_assistant.ask("On what date did Hưng Yên's chairman issue the directive on improving the provincial "
                            "PAR INDEX for 2019 and following years?")
    assert not ans.abstained and "16 tháng 5 năm 2019" in ans.answer, ans.answer
    assert ans.citations[0].number == "05/CT-CTUBND" and ans.citations[0].clause == "meta"


@slow
def test_later_part_keeps_the_directive_named_by_subject_and_year(rag_assistant) -> None:
    # The 2023 directive's scan shows neither its number nor its date: another directive's date
    # does not answer the second part.
    ans = rag_assistant.ask("chi thi ve tiep tuc tang cuong nang cao hieu qua cchc nam 2023 co so hieu la gi, "
                            "ky ngay nao?")
    assert ans.abstained, ans.answer
    assert "2019" not in ans.answer


@slow
def test_who_receives_it_for_reporting_is_read_from_the_noi_nhan_block(rag_assistant) -> None:
    ans = rag_assistant.ask("Apart from provincial leaders, departments and districts, which two bodies receive the "
                            "2023 administrative reform directive 'for reporting'?")
    assert ans.citations[0].clause == "recipients", ans.answer
    assert "Bộ Nội vụ" in ans.answer and "Thường trực Tỉnh ủy" in ans.answer


@slow
def test_how_soon_asks_a_span_of_time(rag_assistant) -> None:
    ans = rag_assistant.ask("Under Hưng Yên's 2023 PAPI plan, how soon after the province's or district's PAPI plan "
                            "must each agency issue its own plan at the latest?")
    assert ans.qtype == "number" and ans.answer.startswith("15 ngày làm việc"), ans.answer
    assert ans.citations[0].clause == "III.1.a-1"


@slow
def test_how_often_is_answered_by_the_schedule_of_periods(rag_assistant) -> None:
    ans = rag_assistant.ask("How often are agencies required to report on administrative reform under the 2023 "
                            "provincial directive?")
    assert ans.citations[0].clause == "2.đ", ans.answer
    assert all(x in fold(ans.answer) for x in ("hang quy", "6 thang", "dot xuat")), ans.answer


@slow
def test_through_which_office_asked_in_vietnamese_names_the_office_after_qua(rag_assistant) -> None:
    ans = rag_assistant.ask("ubnd xa gui bao cao papi 6 thang va ca nam len ubnd huyen qua phong nao")
    assert fold(ans.answer).startswith("phong noi vu"), ans.answer


@slow
def test_what_reference_number_is_read_from_the_header(rag_assistant) -> None:
    ans = rag_assistant.ask("What reference number does Hung Yen's 2023 plan for improving its governance and public "
                            "administration performance carry?")
    assert ans.qtype == "reference" and "8607/KH-UBND" in ans.answer, ans.answer
    assert ans.citations[0].clause == "meta"


@slow
@pytest.mark.parametrize("question, fact", [
    ("Apart from implementing Resolution 76/NQ-CP and Directive 23/CT-TTg, what does the 2023 provincial directive "
     "on administrative reform say it aims to achieve?", "dot pha"),
    ("Besides procedure control and one-stop work, what change to internal working practices is Hon Quan's People's "
     "Council and People's Committee Office told to pursue in 2023?", "hoi hop"),
])
def test_what_the_question_sets_aside_is_not_what_it_quotes(rag_assistant, question: str, fact: str) -> None:
    # The words set aside, and their Vietnamese glossary terms, choose no sentence.
    ans = rag_assistant.ask(question)
    assert not ans.abstained and fact in fold(ans.answer), ans.answer


@slow
def test_a_scene_setting_sentence_does_not_choose_whose_date_is_asked(rag_assistant) -> None:
    # Phòng Nội vụ only sets the scene; the date asked is the district's report to Sở Nội vụ.
    ans = rag_assistant.ask("Phòng Nội vụ huyện tôi gom báo cáo PAPI 6 tháng của các xã; theo Kế hoạch 8607/KH-UBND, "
                            "huyện phải gửi báo cáo 6 tháng đầu năm 2023 về Sở Nội vụ trước ngày nào?")
    assert ans.answer.startswith("trước ngày 10/6"), ans.answer
    assert ans.citations[0].clause == "III.1.b-1"


@slow
@pytest.mark.parametrize("question", [
    "Who are the respondents of the sociological survey for the administrative reform index named in section 1.4 of "
    "letter 1138?",
    "doi tuong dieu tra xa hoi hoc chi so cai cach hanh chinh o hon quan gom nhung ai",
])
def test_members_of_a_group_come_from_the_sentence_listing_them(rag_assistant, question: str) -> None:
    # "đối tượng điều tra là: Đại biểu HĐND huyện, …" (1.4), not the bullet about who checks the survey (1.4-3).
    ans = rag_assistant.ask(question)
    assert ans.citations[0].clause == "1.4", ans.answer
    assert "Đại biểu HĐND huyện" in ans.answer and "Phó Chủ tịch UBND các xã" in ans.answer, ans.answer


@slow
def test_a_part_after_a_semicolon_is_quoted_with_the_words_naming_who_it_binds(rag_assistant) -> None:
    # 1.b: "Người đứng đầu phải thể hiện vai trò nêu gương …; chịu trách nhiệm trực tiếp …".
    ans = rag_assistant.ask("chi thi cchc 2023 noi ai phai chiu trach nhiem truc tiep viec thuc hien nhiem vu cchc "
                            "trong pham vi quan ly")
    assert ans.answer.startswith("b) Người đứng đầu phải") and "chịu trách nhiệm trực tiếp" in ans.answer, ans.answer
    assert ans.citations[0].clause == "1.b"


@slow
def test_at_which_level_asks_where_not_who(rag_assistant) -> None:
    ans = rag_assistant.ask("Kế hoạch nâng cao PAPI 2023 của Hưng Yên tập trung trọng điểm ở cấp nào?")
    assert ans.qtype == "fact" and "xã, phường, thị trấn" in ans.answer, ans.answer
    assert ans.citations[0].clause == "I.2.a"


@slow
def test_heads_of_bodies_answer_who_where_no_body_is_named(rag_assistant) -> None:
    # 1.b binds "Người đứng đầu": who sets the example is the head, not a body of another clause.
    ans = rag_assistant.ask("According to the 2023 directive, who is expected to set an example in implementing "
                            "administrative reform, and to whom is that person answerable for the results?")
    assert ans.answer.startswith("Người đứng đầu (Head of the agency, unit or locality)"), ans.answer
    assert ans.citations[0].clause == "1.b"
    # "Những cơ quan nào" asks bodies: the council's member departments, not "Thủ trưởng các sở, ban, ngành".
    ans = rag_assistant.ask("nhung co quan nao cua tinh ngoi hoi dong tham dinh chi so cchc cac so va ubnd huyen")
    assert "Sở Tư pháp" in ans.answer and not ans.answer.startswith("Thủ trưởng"), ans.answer


@slow
def test_which_office_leads_the_work_with_a_body_asks_the_lead(rag_assistant) -> None:
    # 004 2.7-1 "- Chủ trì, phối hợp với Văn phòng Đăng ký …" under "2.7. Phòng Tài nguyên và Môi trường":
    # "with the land registration office" names a partner, not the asked body.
    ans = rag_assistant.ask("Which Hớn Quản office leads the work with the land registration office to improve "
                            "construction-permit services?")
    assert not ans.abstained and fold(ans.answer).startswith("phong tai nguyen va moi truong"), ans.answer


@slow
def test_who_is_requested_asks_the_body_a_request_is_made_of(rag_assistant) -> None:
    # 003 III.4 "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh": its bullets name no body of their own.
    ans = rag_assistant.ask("ai duoc de nghi chi dao cac ban chuyen mon phoi hop chat che voi ubnd tinh ve chi so papi")
    assert not ans.abstained and "mat tran to quoc" in fold(ans.answer).split(":")[0], ans.answer


@slow
@pytest.mark.parametrize("question, lead", [
    # 004 item 4: "… kiểm tra kết quả … và báo cáo kết quả và UBND huyện" (the scan's "về" repaired "và").
    ("Phòng Nội vụ huyện Hớn Quản kiểm tra kết quả nâng cao chỉ số rồi báo cáo kết quả về đâu?", "ubnd huyen"),
    # 001 item 3: "… gửi về UBND tỉnh (qua Sở Nội vụ)": where to send is both.
    ("chi thi cchc 2023: dang ky cong viec dot pha nop ve dau", "ubnd tinh (qua so noi vu)"),
])
def test_ve_dau_asks_the_body_reports_go_to(rag_assistant, question: str, lead: str) -> None:
    ans = rag_assistant.ask(question)
    assert not ans.abstained and fold(ans.answer).startswith(lead), ans.answer


@slow
def test_which_departments_a_letter_is_sent_to_is_its_recipients_block(rag_assistant) -> None:
    # 004's "Nơi nhận" block names "Sở Nội vụ"; a short question shares few words with the block.
    ans = rag_assistant.ask("Công văn 1138 gửi sở nào?")
    assert not ans.abstained and [c.clause for c in ans.citations] == ["recipients"], ans.answer
    assert "Sở Nội vụ" in ans.answer


@slow
def test_a_report_sent_late_is_no_recipient_claim(rag_assistant) -> None:
    # "… gửi báo cáo kiểm điểm trễ hạn không" doubts a penalty, not whether a body is on the list.
    ans = rag_assistant.ask("chi thi 2023 ve cchc co tru diem thi dua doi voi don vi gui bao cao kiem diem "
                            "tre han khong")
    assert not any(c.clause == "recipients" for c in ans.citations), ans.answer


@slow
@pytest.mark.parametrize("question", ["Ai đề nghị ban hành Công văn 1138?",
                                      "On whose proposal was Official Letter 1138 issued?"])
def test_who_proposed_the_letter_is_read_after_de_nghi_cua(rag_assistant, question: str) -> None:
    # 1138's preamble: "Xét đề nghị của Trưởng Phòng Nội vụ tại Tờ trình số 564/TTr-PNV …": the proposer,
    # not a body the letter itself asks something of ("Đề nghị Ủy ban Mặt trận Tổ quốc …", item 2.11), nor
    # its issuer in the header (the English question shares most words with the header's lines).
    ans = rag_assistant.ask(question)
    assert ans.qtype == "agency" and ans.answer.startswith("Phòng Nội vụ"), ans.answer
    assert ans.citations[0].clause == "preamble"
