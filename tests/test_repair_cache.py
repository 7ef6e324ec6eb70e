"""Tests of repair/cache.py: the document cache of the second OCR repair pass."""

from __future__ import annotations

from collections import Counter

import pytest

from repair.cache import DocCache, cache_counts, path_phrases
from repair.decode import NO_SEP, SEP_BREAK, SEP_PUNCT, lattice_viterbi
from repair.lm import LanguageModel, load_model
from repair.ocr import document_cache, repair_text


@pytest.fixture(scope="session")
def lm() -> LanguageModel:
    return load_model()


def test_cache_counts_stop_at_unconfident_syllables() -> None:
    counts = cache_counts([[1, 2, 3, None, 1, 2], [2, 3]])
    assert counts[(1, 2)] == 2 and counts[(2, 3)] == 2 and counts[(1, 2, 3)] == 1 and counts[(2,)] == 3
    assert (3, 1) not in counts and (2, 3, 1) not in counts  # no n-gram spans the unsure syllable
    assert cache_counts([[None, None], []]) == Counter()
    assert max(map(len, cache_counts([[1, 2, 3, 4]], order=2))) == 2


def test_path_phrases_mark_costly_merged_and_kept_readings_unsure() -> None:
    # Tokens: t0 t1 , t2 | t3 t4 ; node 3 has a merge edge over t3 t4.
    edges = [[(1, (10,), 0.0)], [(2, (11,), 3.0)], [(3, (12,), 0.0)], [(4, (13,), 0.0), (5, (14,), 1.0)],
             [(5, (15,), 0.0)]]
    fixed = [[None], [None], [None], [None, None], [None]]
    seps = [SEP_BREAK, NO_SEP, SEP_PUNCT, SEP_BREAK, NO_SEP]
    assert path_phrases(edges, fixed, seps, [0, 0, 0, 1], punct=4, max_penalty=2.0) == [[10, None, 4, 12], [None]]
    assert path_phrases(edges, fixed, seps, [0, 0, 0, 0, 0], punct=4, max_penalty=4.0) == [[10, 11, 4, 12], [13, 15]]
    fixed[0] = ["VBQPPL"]  # kept as read: no syllable to trust
    assert path_phrases(edges, fixed, seps, [0, 0, 0, 0, 0], 4, 4.0)[0][0] is None


def test_doc_cache_weights_grow_with_the_count_and_zero_orders_are_left_out() -> None:
    doc = DocCache.from_counts(Counter({(1,): 1, (1, 2): 3, (1, 2, 3): 1}), V=100, uni=0.0, bi=0.5, tri=1.0)
    assert not doc.uni and doc.tri == {102: {3: 1.0}} and doc.bi[1][2] > 0.5
    assert not DocCache() and doc
    uni = DocCache.from_counts(Counter({(7,): 1}), V=100, uni=0.5, bi=0, tri=0)
    assert uni.edges([[(1, (7,), 2.0), (1, (8,), 2.0)]]) == [[(1, (7,), 1.5), (1, (8,), 2.0)]]


def test_decoder_bonus_favours_cached_trigrams(lm: LanguageModel) -> None:
    a, b = lm.id_of("cải"), lm.id_of("cách")
    x, y = lm.id_of("củi"), lm.id_of("cạch")
    edges = [[(1, (a,), 0.0), (1, (x,), 0.0)], [(2, (b,), 0.0), (2, (y,), 0.0)]]
    assert lattice_viterbi(lm, edges, [SEP_BREAK, NO_SEP]) == [0, 0]
    bonus = ({lm.bos * lm.V + lm.bos: {x: 30.0}, lm.bos * lm.V + x: {y: 30.0}}, {})
    assert lattice_viterbi(lm, edges, [SEP_BREAK, NO_SEP], 8, bonus) == [1, 1]


def test_cache_off_is_the_one_pass_repair(lm: LanguageModel) -> None:
    text = "c6ng t6c cii c6ch hdnh chinh cua Uy ban nhan dan tinh"
    assert repair_text(text, lm, cache=False).text == repair_text(text, lm, cache=DocCache()).text
    assert repair_text(text, lm, cache=True).text == repair_text(text, lm, cache=document_cache([text], lm)).text



# Statute lines (../shared/text, the model's own text) and their synthetic damage at
# Noise(width=0, blank=0).heavier(3.0): alone, or without the cache, the damaged line is misread;
# after its clean repetition the cache reads it right (found by a search on statute lines).
# Without the word feature (round 14), which alone reads the first line right.
@pytest.mark.parametrize("clean, damaged, wrong", [
    ("Nghĩa vụ phát sinh từ căn cứ sau đây:", "Nghíavú phằt sunh tữ c4n cũ sau ấy:", "sau này"),
    ("Những việc Kiểm sát viên không được làm", "Nhựng vẻc Kiem sat vịên khồng tluac lã", "được là"),
])
def test_a_damaged_repetition_is_fixed_only_with_the_cache(lm: LanguageModel, clean: str, damaged: str,
                                                          wrong: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("repair.lm.WORD_WEIGHT", 0.0)
    text = clean + "\n" + damaged
    off = repair_text(text, lm, cache=False).text.split("\n")
    on = repair_text(text, lm, cache=True).text.split("\n")
    assert off[0] == on[0] == clean
    assert wrong in off[1] and wrong in repair_text(damaged, lm, cache=True).text
    assert on[1] == clean


def test_path_owns_are_the_counted_ngrams_node_by_node(lm: LanguageModel) -> None:
    from collections import Counter as C

    from repair import cache as doc_cache
    from repair.cache import path_owns
    from repair.ocr import PENALTY_SCALE, _lattice

    text = "c6ng t6c cii c6ch hdnh chinh, cua Uy ban nhan dan tinh. Cac sd ban nganh"
    lat = _lattice(text, lm, 12)
    path = lattice_viterbi(lm, lat.edges, lat.seps, lat.beams)
    cap = doc_cache.MAX_PENALTY * PENALTY_SCALE
    counts = cache_counts(path_phrases(lat.edges, lat.fixed, lat.seps, path, lm.punct, cap))
    owned = C(g for grams in path_owns(lat.edges, lat.fixed, lat.seps, path, lm.punct, cap).values() for g in grams)
    assert owned == C({g: c for g, c in counts.items() if g[-1] != lm.punct})


def test_leave_one_out_gives_a_reading_no_bonus_for_itself(lm: LanguageModel) -> None:
    doc = DocCache.from_counts(Counter({(5,): 1, (7,): 2, (4, 5): 1, (3, 4, 5): 1}), V=100)
    own = doc.own({2: [(5,), (4, 5), (3, 4, 5)]}, 4)
    assert own[2] == (5, 4, pytest.approx(0.5), 3, pytest.approx(1.0), pytest.approx(0.6)) and own[0] is None
    assert doc._delta((7,)) == pytest.approx(0.6 * (1 + __import__("math").log(2)) - 0.6)
    edges = [[], [], [(3, (5,), 2.0), (3, (7,), 2.0)], []]
    assert doc.edges(edges, own)[2] == [(3, (5,), pytest.approx(2.0)), (3, (7,), pytest.approx(2.0 - doc.uni[7]))]
