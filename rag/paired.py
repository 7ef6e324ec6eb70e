"""Questions that ask one thing of two subjects ("khảo sát thường xuyên và khảo sát đột xuất phải đạt
bao nhiêu %", "… lần lượt là ngày nào?", "respectively"): one part per subject, each told apart
from the other (``contrasted``). ``rag.compound`` splits the other compound questions.
"""

from __future__ import annotations

from dataclasses import dataclass

from rag.qtype import qtype
from vanban.text import fold, words


@dataclass(frozen=True)
class Part:
    """One sub-question: the text to answer, and the words of the original question it asks."""

    text: str
    own: str
    other: str = ""  # the thing a distributed part is told apart from ("khảo sát thường xuyên")


# Folded words that start what two things share ("… phải đạt bao nhiêu", "… gửi trước ngày nào").
# "lần lượt", "tương ứng", "respectively" say the things are asked each in turn: none is one of them.
_SHARED = set("phai dat gui nop hoan thuc duoc la co tren duoi truoc sau vao trong bao khi ngay han toi it "
              "lan tuong respectively must should be is are was by before".split())


def distributed(question: str) -> list[Part]:
    """A number or date asked of two things that share their head words ("khảo sát thường xuyên và
    khảo sát đột xuất phải đạt bao nhiêu %"): one part for each thing.

    >>> [p.text for p in distributed("khao sat thuong xuyen va khao sat dot xuat phai dat tren bao nhieu %")]
    ['khao sat thuong xuyen phai dat tren bao nhieu %', 'khao sat dot xuat phai dat tren bao nhieu %']
    >>> [p.own for p in distributed("tỷ lệ hài lòng qua khảo sát thường xuyên tại Bộ phận Một cửa và qua khảo sát "
    ...                               "đột xuất lần lượt là bao nhiêu?")]
    ['qua khảo sát thường xuyên tại Bộ phận Một cửa', 'qua khảo sát đột xuất']
    >>> [p.text for p in distributed("Báo cáo 6 tháng và báo cáo năm gửi trước ngày nào?")]
    ['Báo cáo 6 tháng gửi trước ngày nào?', 'báo cáo năm gửi trước ngày nào?']
    """
    if qtype(question) not in {"number", "date"}:
        return []
    words = question.split()
    low = [fold(w).strip(",;:?()") for w in words]
    if parts := _in_turn(words, low):
        return parts
    for i, w in enumerate(low):
        if w not in {"va", "and"} or i + 3 > len(low):
            continue
        head = low[i + 1 : i + 3]
        for j in range(max(0, i - 10), i - 2):  # a thing of up to ten words
            if low[j : j + 2] == head:
                # The second thing runs from its head words to the verb or question they share.
                end = i + 3
                while end < len(low) and end - i <= i - j and low[end] not in _SHARED:
                    end += 1
                first, second = words[:i] + words[end:], words[:j] + words[i + 1:]
                one, two = " ".join(words[j:i]), " ".join(words[i + 1:end])
                return [Part(" ".join(first), one, two), Part(" ".join(second), two, one)]
    return []


def _in_turn(words: list[str], low: list[str]) -> list[Part]:
    """Two things asked "lần lượt" / "respectively": the second runs from "và" to that word, the
    first from the last word before "và" that opens the second as well ("hạn … và hạn …").

    >>> parts = distributed("Hạn công nhận sáng kiến (Phòng Kinh tế) và hạn phê duyệt cơ sở nhà, đất (Phòng Tài chính) "
    ...               "lần lượt là ngày nào?")
    >>> parts[1].text
    'hạn phê duyệt cơ sở nhà, đất (Phòng Tài chính) lần lượt là ngày nào?'
    >>> [p.own for p in parts]
    ['Hạn công nhận sáng kiến (Phòng Kinh tế)', 'hạn phê duyệt cơ sở nhà, đất (Phòng Tài chính)']
    >>> [p.own for p in distributed("When are the six-month report and the annual report due respectively?")]
    ['the six-month report', 'the annual report due']
    """
    turn = next((t for t in range(1, len(low)) if (low[t - 1], low[t]) in _TURN_WORDS or low[t] == "respectively"), 0)
    i = max((k for k in range(turn) if low[k] in {"va", "and"}), default=-1)
    if turn == 0 or i < 1 or i + 2 >= turn:
        return []
    # Each thing may run to sixteen words ("hạn công nhận sáng kiến … (Phòng Kinh tế Hạ tầng)").
    j = next((k for k in range(i - 2, max(-1, i - 17), -1) if low[k] == low[i + 1]), -1)
    if j < 0:
        return []
    end = turn - 1 if low[turn] != "respectively" else turn
    one, two = " ".join(words[j:i]), " ".join(words[i + 1:end])
    return [Part(" ".join(words[:i] + words[end:]), one, two), Part(" ".join(words[:j] + words[i + 1:]), two, one)]


_TURN_WORDS = {("lan", "luot"), ("tuong", "ung")}


def contrasted(candidates: list, own: str, other: str) -> list:
    """Candidates for one of two things asked together, the sentences that speak of the other thing
    only ("… khảo sát thường xuyên … 95%" for "khảo sát đột xuất") put last.

    >>> from types import SimpleNamespace as S
    >>> cands = [S(sentence=S(text="khảo sát thường xuyên đạt trên 95%")),
    ...          S(sentence=S(text="khảo sát đột xuất đạt 85%"))]
    >>> [c.sentence.text[-3:] for c in contrasted(cands, "khảo sát đột xuất", "khảo sát thường xuyên")]
    ['85%', '95%']
    """
    mine, theirs = set(fold(own).split()), set(fold(other).split())
    mine, theirs = mine - theirs, theirs - mine
    if not mine or not theirs:
        return candidates

    def astray(c) -> bool:
        held = set(words(fold(c.sentence.text)))
        return theirs <= held and not mine <= held

    return sorted(candidates, key=astray)
