"""How much of a question a piece of text holds: the word-overlap scores of the answer stage."""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.metadata import MOTTO
from rag import extract
from rag.cues import set_aside
from rag.prior import DOC_REF, DocInfo, naming_words
from rag.query import Query, content_syllables
from vanban.text import fold, folded_terms, words

# Words that ask "when", not about what.
WHEN_WORDS = frozenset("han chot cuoi ngay thoi gian diem khi nao bao gio truoc hoan thanh muon nhat "
                        "nam deadline date when day by what which".split())
EVENT_MIN_OVERLAP = 0.2  # below it, a "when" answer's clause is about something else
SENTENCE_WINDOW = 50  # words; most sentences of the corpus are shorter
# A sentence holding a stretch of the question word for word ("kết quả cải cách hành chính hằng
# năm") earns this much per syllable past the first RUN_FREE (four: "cải cách hành chính" is everywhere),
# for at most RUN_CAP syllables: a long shared name ("văn bản quy phạm pháp luật") is not what is asked.
RUN_BONUS, RUN_FREE, RUN_CAP = 0.02, 4, 3
# Tasks a Vietnamese "when" question names by their own verb, folded: a clause dating another task
# does not answer it ("đợt khảo sát … bắt đầu ngày nào" is not dated by "báo cáo kết quả … trước
# 20/6"). The words of one group stand for each other; reporting, sending and doing ("báo cáo",
# "gửi", "thực hiện", "tổ chức") name no task of their own and are not listed. A sanction is
# for a task too: one set for another offence does not answer ("xin lỗi", apologising).
TASK_VERBS = (("khao sat", "dieu tra", "lay y kien"), ("kien toan",), ("kiem tra", "thanh tra"),
              ("cham diem", "tu danh gia"), ("cong bo", "cong khai"), ("tap huan", "boi duong", "dao tao"),
              ("so hoa",), ("niem yet",), ("tham dinh",), ("nhan rong",), ("hoi nghi",), ("so ket", "tong ket"),
              ("ra soat",), ("tuyen truyen",), ("khen thuong", "thi dua"), ("kiem diem",), ("xep loai",),
              ("xin loi",))


class Overlap:
    """IDF-weighted overlap of a question's words with texts of the loaded directives."""

    def __init__(self, idf: dict[str, float], docs: dict[str, DocInfo]):
        self.idf = idf
        self.docs = docs

    def share(self, topic: list[str], text: str, sets: tuple[frozenset[str], frozenset[str]] | None = None) -> float:
        """IDF-weighted share of the topic words found in ``text`` (rare words count more)."""
        if not topic:
            return 0.0
        hay, hay_pairs = sets or _term_sets(text)
        weights = [self.idf.get(w, self.idf.get("", 1.0)) for w in topic]
        unigram = sum(wt for w, wt in zip(topic, weights) if w in hay) / sum(weights)
        pairs = [f"{a} {b}" for a, b in zip(topic, topic[1:])]
        if not pairs:
            return unigram
        # Adjacent question words adjacent in the text: "Sở Nội vụ" is not "Phòng Nội vụ".
        return 0.75 * unigram + 0.25 * sum(1 for p in pairs if p in hay_pairs) / len(pairs)

    def best_stretch(self, topic: list[str], text: str) -> float:
        """``share`` in the best stretch of ``SENTENCE_WINDOW`` words: a long run-on sentence (an OCR
        scan that lost its full stops) is judged by its best part, not by holding every common word."""
        return max(self.share(topic, "", sets) for sets in window_sets(text))

    def naming_words(self, query: Query) -> set[str]:
        """The question's words that name its directives (``prior.naming_words``)."""
        return naming_words(query.text, self.docs)

    @staticmethod
    def asked_words(topic: list[str], naming: set[str], besides: set[str]) -> list[str]:
        """What a question asks: its topic words (``content_syllables``) but those naming its
        directive and those of what it sets aside ("besides …", ``cues.set_aside``)."""
        return [w for w in topic if w not in naming and w not in besides]

    def holds_nothing_asked(self, query: Query, text: str) -> bool:
        """Whether ``text`` holds none of what a question asks (``asked_words``); a header's national
        motto and the number of its symbol count for nothing ("communes" is not the "xã" of "Cộng hòa
        xã hội chủ nghĩa", "Letter 1138" names the letter)."""
        asked = self.asked_words(content_syllables(query), self.naming_words(query), set_aside(query))
        low = MOTTO.sub(" ", fold(text))
        asked = [w for w in asked if not (w.isdigit() and re.search(rf"\b{w}\s*/", low))]
        return bool(asked) and self.share(asked, low) == 0

    def event_words(self, query: Query) -> list[str]:
        """The words of a "when" question that name its event: not those naming its directive, asking
        "when", or numbers."""
        naming = self.naming_words(query)
        return [w for w in content_syllables(query) if w not in naming and w not in WHEN_WORDS and not w.isdigit()]

    def event_missing(self, query: Query, clause_text: str) -> bool:
        """Whether the clause of a "when" answer says little of the event asked about: under a fifth
        (IDF-weighted) of the question's words, once the words naming its directive and asking
        "when" are set aside. A question naming a document by number asks that document's date. A
        question of several sentences is about the event when its asking sentence alone says enough of it.
        A question naming a task by its verb (``TASK_VERBS``; in English, as its glossary terms read
        it: "announced" is "công bố") is about another event where the clause has no word of that task."""
        if task_missing(query.text if query.lang != "en" else english_tasks(query), clause_text):
            return True
        if extract.find_symbols(query.text) or DOC_REF.search(fold(query.text)):
            return False
        event = self.event_words(query)
        if not event or self.share(event, clause_text) >= EVENT_MIN_OVERLAP:
            return False
        sentences = re.split(r"(?<=[.!?])\s+", query.text.strip())
        if len(sentences) > 1 and query.lang != "en":
            # "Tôi mới được điều về … Trưởng phòng dặn … Theo Công văn 1138, … xong trước ngày nào?":
            # sentences before the one that asks may only tell who asks; the asking one names the event.
            asking = set(words(fold(sentences[-1])))
            event = [w for w in event if w in asking]
            return not event or self.share(event, clause_text) < EVENT_MIN_OVERLAP
        return True

    def date_unrelated(self, query: Query, sentence: str, date: extract.Span) -> bool:
        """Whether the words leading to a date in its sentence (since the last full stop or
        semicolon) say what is dated and name none of the event asked about: "Năm 2023, hoàn thành
        đăng ký xong trước ngày 01 tháng 4" dates a registration, not the conference that precedes it.
        A bare "Thời gian hoàn thành trước …" leaves the event to the sentence before it."""
        lead = sentence[: date.start]
        lead = lead[max(lead.rfind("."), lead.rfind(";")) + 1 :]
        if len({w for w in folded_terms(lead) if w not in WHEN_WORDS and not w.isdigit()}) < 3:
            return False
        event = self.event_words(query)
        return bool(event) and self.share(event, lead) == 0


def _tasks(text: str) -> set[int]:
    """Indices of the ``TASK_VERBS`` groups a text has a word of."""
    folded = f" {' '.join(folded_terms(text))} "
    return {k for k, group in enumerate(TASK_VERBS) if any(f" {w} " in folded for w in group)}


def task_missing(question: str, text: str) -> bool:
    """Whether a question names a task (``TASK_VERBS``) of which ``text`` has no word.

    >>> task_missing("đợt khảo sát trực tuyến bắt đầu ngày nào", "báo cáo kết quả … trước ngày 20/6/2022")
    True
    >>> task_missing("han chot kien toan bo phan mot cua", "kịp thời kiện toàn Bộ phận Một cửa")
    False
    >>> task_missing("điều tra xã hội học xong khi nào", "tổ chức khảo sát trước 30/9")
    False
    >>> task_missing("gửi báo cáo khi nào", "")
    False
    """
    return bool(_tasks(question) - _tasks(text))


def english_tasks(query: Query) -> str:
    """The Vietnamese words of an English question's glossary terms that name one task each
    ("announced": "công bố"); a term read several ways ("review": "rà soát" or "sơ kết, tổng kết",
    "meet": "cuộc họp" or "hội nghị") names none for sure and is left out."""
    def one_task(targets: tuple[str, ...]) -> bool:
        tasks = [_tasks(x) for x in targets]
        return bool(tasks) and all(len(g) == 1 and g == tasks[0] for g in tasks)

    return " ".join(t.targets[0] for t in query.terms if one_task(t.targets))


@lru_cache(maxsize=8192)
def window_sets(text: str) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """``_term_sets`` of each stretch of ``SENTENCE_WINDOW`` words of a text, half a window apart."""
    terms = folded_terms(text)
    if len(terms) <= SENTENCE_WINDOW:
        return (_term_sets(text),)
    step = SENTENCE_WINDOW // 2
    starts = list(range(0, len(terms) - SENTENCE_WINDOW, step)) + [len(terms) - SENTENCE_WINDOW]
    return tuple((frozenset(w := terms[i : i + SENTENCE_WINDOW]), frozenset(f"{a} {b}" for a, b in zip(w, w[1:])))
                 for i in starts)


@lru_cache(maxsize=8192)
def _term_sets(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """Folded words and adjacent word pairs of a text (cached: clause sentences recur)."""
    terms = folded_terms(text)
    return frozenset(terms), frozenset(f"{a} {b}" for a, b in zip(terms, terms[1:]))


def question_runs(question: str) -> list[set[tuple[str, ...]]]:
    """The question's stretches of ``RUN_FREE + 1`` to ``RUN_FREE + RUN_CAP`` folded syllables (for ``run_past``)."""
    terms = folded_terms(question)
    return [{tuple(terms[i : i + n]) for i in range(len(terms) - n + 1)}
            for n in range(RUN_FREE + 1, min(len(terms), RUN_FREE + RUN_CAP) + 1)]


def run_past(q_grams: list[set[tuple[str, ...]]], text: str) -> int:
    """Syllables past ``RUN_FREE`` (at most ``RUN_CAP``) of the longest stretch of the question found
    word for word in ``text`` (``q_grams[k]``: the question's stretches of ``RUN_FREE + 1 + k`` syllables).

    >>> grams = question_runs("kết quả cải cách hành chính hằng năm được dùng làm căn cứ")
    >>> run_past(grams, "xác định kết quả cải cách hành chính hằng năm là"), run_past(grams, "cải cách hành chính")
    (3, 0)
    >>> run_past(grams, "kết quả cải cách hành chính")  # six syllables
    2
    """
    t = folded_terms(text)
    run = 0
    for k, grams in enumerate(q_grams):
        n = RUN_FREE + 1 + k
        if not any(tuple(t[i : i + n]) in grams for i in range(len(t) - n + 1)):
            break
        run = k + 1
    return run
