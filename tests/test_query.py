"""Query understanding of English questions: the glossary file, inflection-tolerant phrase matching
(``en_stem``/``find_terms``) and the reverse lookup that glosses Vietnamese agency names."""

from __future__ import annotations

from rag.compose import Composer
from rag.query import DATA, en_stem, find_terms, glossary, understand

KINDS = {"agency", "role", "term", "doctype", "level"}


def _targets(question: str) -> set[str]:
    return {t for term in find_terms(question, "en") for t in term.targets}


def test_glossary_file_is_well_formed() -> None:
    seen: set[str] = set()
    for n, line in enumerate((DATA / "glossary.tsv").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        assert len(cols) == 3, f"line {n}: {line!r}"
        en, vi, kind = cols
        assert en == en.strip().lower() and en, f"line {n}: English phrase not lower case: {en!r}"
        assert en not in seen, f"line {n}: {en!r} listed twice"
        seen.add(en)
        assert kind in KINDS, f"line {n}: unknown kind {kind!r}"
        assert all(t.strip() == t and t for t in vi.split("|")), f"line {n}: empty or padded target in {vi!r}"
    assert len(seen) == len(glossary()) > 1000


def test_stems_meet_simple_inflections() -> None:
    groups = [("agency", "agencies"), ("report", "reports", "reported", "reporting"),
              ("coordinate", "coordinates", "coordinated", "coordinating"), ("apply", "applies", "applied"),
              ("process", "processes"), ("branch", "branches"), ("plan", "plans", "planned", "planning"),
              ("submit", "submitted", "submitting"), ("people", "people's", "peoples"), ("citizen", "citizens'")]
    for group in groups:
        assert len({en_stem(w) for w in group}) == 1, group
    # Not plurals, and not each other.
    assert en_stem("news") != en_stem("new")
    assert en_stem("status") == "status" and en_stem("business") == "business"
    assert en_stem("exceed") == en_stem("exceeds") == en_stem("exceeded")


def test_inflected_questions_reach_the_glossary_terms() -> None:
    assert "phối hợp" in _targets("Which bodies coordinated the work?")
    assert "bộ phận một cửa" in _targets("What must the one-stop shops display?")
    assert "Ủy ban nhân dân" in _targets("What do the People\u2019s Committees report?")  # curly apostrophe
    assert "giấy phép xây dựng" in _targets("How are building permits issued?")
    assert "quá hạn" in _targets("Who handles dossiers processed past the deadline?")
    assert "tinh giản biên chế" in _targets("Who oversees staff reductions?")


def test_an_exact_wording_wins_over_another_inflection_in_the_glossary() -> None:
    # "review" and "reviewed" are both rows, with different Vietnamese terms.
    assert glossary()["review"].targets != glossary()["reviewed"].targets
    assert [t.source for t in find_terms("Who must review it?", "en")] == ["review"]
    assert [t.source for t in find_terms("Who reviewed it?", "en")] == ["reviewed"]


def test_longest_phrase_first_and_no_overlaps() -> None:
    sources = [t.source for t in find_terms("Which agency inspects the one-stop shops of commune people's committees?", "en")]
    assert "commune people's committee" in sources and "people's committee" not in sources
    assert "one-stop shop" in sources or "one-stop shops" in sources
    assert "one-stop" not in sources


def test_the_noun_a_question_asks_for_is_not_a_topic() -> None:
    assert [t.source for t in find_terms("Which agency leads?", "en")] == ["leads"]
    # A longer name after "which" still counts.
    assert "department of home affairs" in [t.source for t in find_terms("Which Department of Home Affairs unit?", "en")]


def test_vietnamese_questions_use_no_glossary() -> None:
    query = understand("Cơ quan nào chủ trì khảo sát SIPAS?")
    assert query.lang == "vi"
    assert all(t.kind == "acronym" for t in query.terms)


def test_agency_gloss_prefers_the_most_specific_name_as_whole_words() -> None:
    assert Composer.gloss("Sở Tư pháp") == "Department of Justice"
    assert "Home Affairs" in Composer.gloss("Sở Nội vụ")
    assert Composer.gloss("UBND huyện") == "District People's Committee"
    assert Composer.gloss("Phòng Giáo dục — Đào tạo huyện") == "Division of Education and Training"
    # "Đăng ký" is not "Đảng" (the Party), and a name nobody listed stays unglossed.
    assert "Party" not in Composer.gloss("Văn phòng Đăng ký quyền")
    assert Composer.gloss("Hợp tác xã Bình Minh") == ""


def test_gloss_of_a_person_of_an_agency_names_the_role() -> None:
    # "Chủ tịch UBND tỉnh" is the committee's chair, not the committee.
    assert Composer.gloss("Chủ tịch Ủy ban nhân dân tỉnh") == "Chair of the Provincial People's Committee"
    assert Composer.gloss("Giám đốc Sở Nội vụ").startswith("Director of the ")
    assert Composer.gloss("Ủy ban nhân dân tỉnh") == "Provincial People's Committee"


def test_english_agent_verb() -> None:
    from rag import asked

    assert asked.en_agent_verb("In the 2023 provincial directive, who approves the internal procedures?") == ("phe duyet",)
    assert asked.en_agent_verb("Who is responsible for the survey?") == ()
    assert asked.agent_of("quy trình nội bộ đã được Chủ tịch Ủy ban nhân dân tỉnh phê duyệt",
                          ("phe duyet",)).text == "Chủ tịch Ủy ban nhân dân tỉnh"
    assert asked.agent_of("Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp", ("phe duyet",)) is None
