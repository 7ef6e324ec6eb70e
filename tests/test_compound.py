"""Compound questions split into parts (issue 4): pure text, no index."""

from __future__ import annotations

import pytest

from rag.compound import split


@pytest.mark.parametrize("question, parts", [
    # The same question phrase three times: later parts keep the directive the first names.
    ("chi thi 05 giao so nao lo ung dung cntt, so nao lo iso 9001, so nao lo thu hut dau tu",
     ["chi thi 05 giao so nao lo ung dung cntt", "chi thi 05 so nao lo iso 9001", "chi thi 05 so nao lo thu hut dau tu"]),
    # A part with nothing but its question borrows the first part's words.
    ("Under Official Letter 1138, which office checks the review of poor households, and by when?",
     ["Under Official Letter 1138, which office checks the review of poor households",
      "Under Official Letter 1138, by when checks the review of poor households"]),
    # A part that points back ("chương trình đó") borrows them too.
    ("Chỉ thị năm 2023 thực hiện nghị quyết nào của Chính phủ, nghị quyết đó ban hành ngày nào?",
     ["Chỉ thị năm 2023 thực hiện nghị quyết nào của Chính phủ",
      "Chỉ thị năm 2023 thực hiện nghị quyết đó ban hành ngày nào của Chính phủ"]),
    # A lead-in that asks nothing is shared; a part naming its own directive keeps only that.
    ("Về tinh giản biên chế, Chỉ thị 05 căn cứ nghị quyết nào, còn chỉ thị năm 2023 yêu cầu điều gì?",
     ["Về tinh giản biên chế, Chỉ thị 05 căn cứ nghị quyết nào",
      "Về tinh giản biên chế, chỉ thị năm 2023 yêu cầu điều gì"]),
])
def test_compound_questions_split_into_parts(question: str, parts: list[str]) -> None:
    assert [p.text for p in split(question)] == parts


@pytest.mark.parametrize("question", [
    "When was Government Resolution 76/NQ-CP, which the 2023 provincial directive implements, issued?",
    "What should happen to teams and individuals who perform poorly in administrative reform?",
    "Which level of schooling do both Plan 8607 and Official Letter 1138 single out when they talk about education?",
    "Sở nào chủ trì, phối hợp với các cơ quan liên quan tham mưu về cải cách thể chế?",
    "ke hoach 8607 de nghi uy ban mttq tinh lam nhung viec gi",
    "When informing residents, what pointers does Plan 8607 say they should be given?",  # sets a scene
])
def test_relative_clauses_and_single_questions_stay_whole(question: str) -> None:
    assert [p.text for p in split(question)] == [question]



def test_bare_which_after_and_keeps_the_first_parts_noun() -> None:
    # ", and which advises on …" asks a department too; "which offices" has a noun of its own.
    parts = split("Under Directive 05, which department proposes cuts, and which advises on self-financing units?")
    assert parts[1].own == "which department advises on self-financing units"
    parts = split("Under Directive 05, which department proposes cuts, and which offices help?")
    assert parts[1].own == "which offices help"
    parts = split("Under Directive 05, which department proposes cuts, and which tasks does it lead?")
    assert parts[1].own == "which tasks does it lead"
