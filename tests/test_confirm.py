"""Yes/no questions that state a guess (issue 4, blind probe 14): the guess is not searched, the
question is asked openly and the directive's answer is held against the guess; Telex typed with
the input method off ("Sowr") is read as the word it stands for.
"""

from __future__ import annotations

import pytest

from rag.confirm import claim_of
from rag.qtype import qtype, role_held
from rag.query import understand
from rag.shorthand import untelex
from vanban.text import fold

pytest_plugins = ["conftest_rag"]

slow = pytest.mark.slow
OWN = ("05/CT-CTUBND", "8607/KH-UBND", "1138/UBND-NC")


@pytest.mark.parametrize("question, kind, value, open_question", [
    ("Báo cáo 6 tháng của các sở gửi Sở Nội vụ hạn là ngày 05/6 phải khôg?", "date", "ngày 05/6",
     "Báo cáo 6 tháng của các sở gửi Sở Nội vụ hạn là ngày nào?"),
    ("Chỉ thị CCHC năm 2023 yêu cầu kiện toàn Bộ phận Một cửa theo Nghị định 61/2018/NĐ-CP, có đúng không?",
     "reference", "Nghị định 61/2018/NĐ-CP", "Chỉ thị CCHC năm 2023 yêu cầu kiện toàn Bộ phận Một cửa theo Nghị định nào?"),
    ("chi thi cchc nam 2023 yeu cau moi nam hoan thanh 90% chi tieu dung khong", "number", "90%",
     "chi thi cchc nam 2023 yeu cau moi nam hoan thanh bao nhieu phan tram chi tieu?"),
    ("co phai cong van 1138 do pho chu tich ubnd huyen hon quan ky khong", "person", "pho chu tich ubnd huyen hon quan",
     "cong van 1138 do ai ky?"),
    ("In Hớn Quản, is it the Finance–Planning Office that must get three initiatives recognised?", "agency",
     "Finance–Planning Office", "In Hớn Quản, Which agency must get three initiatives recognised?"),
    ("Is it right that Directive 23/CT-TTg was issued on 15 July 2021?", "date", "15 July 2021",
     "When Directive 23/CT-TTg was issued?"),
])
def test_the_guess_is_taken_out_of_the_question(question: str, kind: str, value: str, open_question: str) -> None:
    claim = claim_of(question, OWN)
    assert claim is not None and (claim.kind, claim.value, claim.open) == (kind, value, open_question)


@pytest.mark.parametrize("question", [
    "Ai chủ trì khảo sát SIPAS?",  # no yes/no frame
    "chi thi 05 co yeu cau bo phan mot cua lam viec sang thu 7 khong",  # nothing typed is guessed
    "Công văn 1138/UBND-NC có giao Phòng Nội vụ kiểm tra không?",  # the letter's own number is no guess
    "Nghị quyết 18-NQ/TW trong Chỉ thị 05 là của hội nghị trung ương 7 phải không?",  # named first: the topic
    "One of our departments scored 78% of the maximum. Does the directive require a report?",  # context
])
def test_questions_without_a_guess_are_left_alone(question: str) -> None:
    assert claim_of(question, OWN) is None


def test_a_day_held_against_a_deadline_is_a_lateness_question() -> None:
    claim = claim_of("xa nao nop ngay 27/10/2023 thi co bi tre han khong, han theo ke hoach 8607 la ngay nao", OWN)
    assert claim is not None and claim.late and claim.value == "ngay 27/10/2023"


@pytest.mark.parametrize("question, role", [
    ("chi cuc truong chi cuc thue binh long - hon quan la ai", "chi cuc truong"),
    ("Chủ tịch UBND huyện Hớn Quản là ai?", "chu tich"),
])
def test_a_title_asked_with_la_ai_is_a_person_question(question: str, role: str) -> None:
    assert qtype(question) == "person" and role_held(question) == role


@pytest.mark.parametrize("typed, read", [
    ("Có phải Sowr Thông tin chủ trì?", "Có phải Sở Thông tin chủ trì?"),
    ("nguwowif dduwowcj giao", "người được giao"),
    ("nghi quyet 18-nq/tw, nq tw, www", "nghi quyet 18-nq/tw, nq tw, www"),  # Trung ương, a web address
    ("PAR INDEX cua Hung Yen", "PAR INDEX cua Hung Yen"),  # no Telex vowel keys
])
def test_telex_leftovers_are_read_as_words(typed: str, read: str) -> None:
    assert untelex(typed) == read


def test_an_english_question_keeps_its_words() -> None:
    assert understand("Who was awarded the new initiative?").text == "Who was awarded the new initiative?"


@slow
@pytest.mark.parametrize("question, lead, fact, clause", [
    # The guessed date pulled in clauses with 30/6; asked openly, Letter 1138 2.9 answers.
    ("Phòng Lao đọng, Thương binh và Xã hội huyện Hớn Quản có phải xong việc rà soát, công khai hộ nghèo "
     "trước 30/6/2023 khoong?", "Không.", "30/5/2023", "2.9"),
    ("Có phải Sowr Thông tin và Truyền thông chủ trì nâng cao tỷ lệ đơn vị cấp xã công bố ISO 9001 theo Chỉ thị 05 "
     "không?", "Không.", "Sở Khoa học và Công nghệ", "7"),
    ("Có phải Sở Khoa học và Công nghệ chủ trì nâng cao tỷ lệ đơn vị cấp xã công bố ISO 9001 theo Chỉ thị 05 "
     "không?", "Đúng.", "Sở Khoa học và Công nghệ", "7"),
    ("Báo cáo 6 tháng đầu năm về PAPI của các sở gửi Sở Nội vụ hạn là ngày 05/6 phải không?", "Không.", "10/6",
     "III.1.b-1"),
    ("Báo cáo 6 tháng đầu năm về PAPI của các sở gửi Sở Nội vụ hạn là ngày 10/6 phải không?", "Đúng.", "10/6",
     "III.1.b-1"),
    ("Chỉ thị CCHC năm 2023 yêu cầu kiện toàn Bộ phận Một cửa theo Nghị đinh 61/2018/NĐ-CP, có đúng không?",
     "Không.", "107/2021", "2.c"),
    ("co phai cong van 1138 ve nang cao chi so papi, sipas do pho chu tich ubnd huyen hon quan ky khong",
     "Không.", "Chủ tịch", "signature"),
    ("Is it right that Directive 23/CT-TTg, which the 2023 provincial PAR directive cites, was issued on "
     "15 July 2021?", "No.", "02 tháng 9 năm 2021", "preamble"),
    ("minh o phong noi vu huyen, dang gom bao cao papi ca nam cua cac xa. xa nao nop ngay 27/10/2023 thi co bi "
     "tre han khong, han chinh xac theo ke hoach 8607 la ngay nao", "Trễ hạn.", "25/10/2023", "III.1.b-2"),
    # The deadline, not the start of the data period written before it, is what a day is held against.
    ("huyen toi gui bao cao papi ca nam 2023 ve so noi vu ngay 28/10/2023 thi co kip han theo ke hoach 8607 khong",
     "Kịp hạn.", "31/10/2023", "III.1.b-1"),
])
def test_the_directive_answers_the_guess(rag_assistant, question: str, lead: str, fact: str, clause: str) -> None:
    ans = rag_assistant.ask(question)
    assert ans.answer.startswith(lead) and fold(fact) in fold(ans.answer), ans.answer
    assert ans.citations[0].clause == clause and ans.question == question, [c.clause for c in ans.citations]


@slow
@pytest.mark.parametrize("question, lead", [
    # 002's clean "Nơi nhận" block lacks the Ministry: no.
    ("Chỉ thị 05/CT-CTUBND có gửi Bộ Nội vụ để báo cáo không?", "khong."),
    # 001's scanned block reads "B6 Nooi vu (dé bdo cao)": a close spelling of the whole line counts.
    ("Chỉ thị năm 2023 về cải cách hành chính có gửi Bộ Nội vụ không?", "co."),
    # 1138's scan reads "S& N§i vy"; ingestion reads its recipients block against the known bodies
    # (ingest.lexicon.apply_listed), so the line is "Sở Nội vụ": yes.
    ("Was Official Letter 1138 sent to the Department of Home Affairs?", "yes."),
])
def test_whether_a_body_is_a_recipient_is_read_from_the_block(rag_assistant, question: str, lead: str) -> None:
    ans = rag_assistant.ask(question)
    assert not ans.abstained and fold(ans.answer).startswith(lead), ans.answer
    assert ans.citations[0].clause == "recipients"
