"""Questions comparing two dates or figures (issue 4), end to end on the bundled corpus: each
side is answered on its own from its own clause, then compared (``rag.compare``)."""

from __future__ import annotations

import re

import pytest

from rag.compare import comparison
from vanban.text import fold

pytest_plugins = ["conftest_rag"]

slow = pytest.mark.slow


@pytest.mark.parametrize("question, kind", [
    ("ubnd xa nop bao cao 6 thang len huyen som hon han so nganh nop so noi vu may ngay", "days"),
    ("How many days later is the annual report due than the six-month report?", "days"),
    ("Hạn A và hạn B có trùng nhau không?", "same"),
    ("Hạn rà soát hộ nghèo là trước hay sau ngày ban hành công văn?", "order"),
    ("By how many points does the regular-survey target exceed the ad-hoc one?", "points"),
    ("Compare the half-year reporting deadlines: departments versus communes.", "versus"),
])
def test_comparisons_are_recognised(question: str, kind: str) -> None:
    assert comparison(question).kind == kind


@pytest.mark.parametrize("question", [
    "Sở Nội vụ chủ trì và phối hợp với những cơ quan nào?",
    "Báo cáo 6 tháng gửi trước ngày nào?",
    "How many days does the plan give departments to issue their own plans?",
])
def test_other_questions_are_no_comparison(question: str) -> None:
    assert comparison(question) is None


@slow
def test_days_between_two_deadlines_of_one_clause_pair(rag_assistant) -> None:
    ans = rag_assistant.ask("ubnd xa nop bao cao 6 thang papi len huyen som hon han so nganh nop so noi vu may ngay")
    assert ans.answer.startswith("5 ngày"), ans.answer  # 05/6 to the district, 10/6 to Sở Nội vụ
    assert {c.clause for c in ans.citations} == {"III.1.b-1", "III.1.b-2"}


@slow
def test_compare_versus_states_both_dates_and_the_days_between(rag_assistant) -> None:
    ans = rag_assistant.ask("For the 2023 PAPI plan, compare the half-year reporting deadlines: provincial "
                            "departments reporting to the Department of Home Affairs versus communes reporting to "
                            "the district Home Affairs office.")
    assert ans.answer.startswith("5 days apart; the second is earlier"), ans.answer
    assert "10/6" in ans.answer and "05/6" in ans.answer, ans.answer
    assert {c.clause for c in ans.citations} == {"III.1.b-1", "III.1.b-2"}


@slow
def test_days_asked_in_english_read_the_deadline_not_the_data_period(rag_assistant) -> None:
    ans = rag_assistant.ask("For the full-year PAPI report under Plan 8607, how many days earlier is the communes' "
                            "deadline for reporting to the district than the deadline for reporting to the Department "
                            "of Home Affairs?")
    assert ans.answer.startswith("6 days"), ans.answer  # 25/10/2023 and 31/10/2023, not 01/11/2022


@slow
def test_same_date_and_order_and_points(rag_assistant) -> None:
    same = rag_assistant.ask("Theo chỉ thị năm 2023 của tỉnh, hạn gửi báo cáo kiểm điểm về CCHC và hạn hoàn thành "
                             "đăng ký công việc đột phá có trùng nhau không?")
    assert same.answer.startswith("Có") and "01 tháng 4" in same.answer, same.answer
    order = rag_assistant.ask("Hạn hoàn thành việc rà soát, công khai hộ nghèo, cận nghèo nêu trong Công văn 1138 là "
                              "trước hay sau ngày ban hành công văn?")
    assert order.answer.startswith("Trước") and "30/5/2023" in order.answer and "08 tháng 06" in order.answer
    points = rag_assistant.ask("In Hớn Quản's 2023 letter, by how many percentage points does the satisfaction "
                               "target for regular surveys exceed the one for ad-hoc surveys?")
    assert points.answer.startswith("10 percentage points"), points.answer


@slow
def test_a_side_the_directives_do_not_date_is_not_compared(rag_assistant) -> None:
    ans = rag_assistant.ask("Hạn kiện toàn Bộ phận Một cửa sớm hơn hạn đăng ký công việc đột phá mấy ngày?")
    assert ans.abstained, ans.answer
    assert not re.match(r"\d+ ngay", fold(ans.answer)), ans.answer  # no difference of a guessed date


@slow
def test_a_date_the_question_writes_is_the_second_side(rag_assistant) -> None:
    ans = rag_assistant.ask("Báo cáo 6 tháng đầu năm của sở, ngành gửi Sở Nội vụ trước hay sau ngày 15/6?")
    assert ans.answer.startswith("Trước") and "10/6" in ans.answer, ans.answer  # due before 10/6
    assert not ans.answer.rstrip().endswith("15/6")
