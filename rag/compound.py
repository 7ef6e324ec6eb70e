"""Questions made of others: a follow-up joined to the question before it ("còn huyện Hớn Quản
thì sao?"), and compound questions: one question that asks two or three things ("which office …, and by
when?", "sở nào lo A, sở nào lo B"), split into sub-questions that are each answered alone.

A part is split off only where both sides ask something of their own (a question word on each
side of a comma, "và"/"còn"/"and" or a second sentence). A later part that only names what it
asks ("và do phòng nào làm", "and by when", "how many contents") or points back ("chương trình
đó") borrows the first part's words around its question phrase; a later part with words of its
own borrows only the first part's lead-in ("Về tinh giản biên chế, …") and the directive it
names ("Chỉ thị 05 …"), unless it names its own. One thing asked of two subjects ("khảo sát
thường xuyên và khảo sát đột xuất …") is split by ``rag.paired``.
"""

from __future__ import annotations

import re

from rag.asked import levels
from rag.paired import Part, distributed
from rag.prior import TYPE_WORDS
from rag.qtype import HOW_MANY, TERSE_DEADLINE
from rag.shorthand import expand
from vanban.records import Answer
from vanban.text import fold, has_diacritics

# Folded question words, longest first; Vietnamese "nào"/"gì" follow the noun they ask about.
_VI_QWORDS = r"bao nhieu|bao lau|khi nao|luc nao|the nao|ra sao|o dau|ngay may|thang may|nao|gi|ai|" + HOW_MANY
_QWORDS = re.compile(rf"\b(?:{_VI_QWORDS}|how many|how much|how long|by when|which|what|who|whom|whose|when|where)\b")
_AFTER_NOUN = {"nao", "gi"}  # "sở nào", "việc gì": the noun before is asked too
_TAKES_NOUN = {"which", "what", "how many", "how much", "bao nhieu", "may"}  # "which units", "bao nhiêu xã"
# Two-syllable nouns often asked with "nào" ("nghị quyết nào", "giai đoạn nào"), folded.
_NOUNS = set("nghi quyet|nghi dinh|quyet dinh|chi thi|van ban|giai doan|chuc danh|co quan|don vi|linh vuc|noi dung|"
             "nhiem vu|ke hoach|cong van|thong bao|bao cao|tieu chi|chi so|hinh thuc|doi tuong|chuong trinh|"
             "cong viec|to chuc|phap lenh|thong tu|bo phan|sang kien|phan tram".split("|"))
_COUNTING = {"bao nhieu", "may"}
_QUANTIFIERS = {"nhung", "cac", "moi"}  # "những chức danh nào"
_PREPOSITIONS = {"on", "at", "in", "by", "to", "from", "for", "with", "through", "under", "of"}
# Where a second question may start: a comma or semicolon, "và"/"còn"/"and", or a new sentence.
_SEPARATOR = re.compile(r"\s*[,;]\s*(?:(?:va|và|con|còn|and|but)\s+)?|\s+(?:va|và|con|còn|and)\s+|[.?!]\s+", re.I)
# A part that points back at the first ("chương trình đó", "it", "they") cannot stand alone
# (typed without diacritics, "do" is mostly "by": only the marked forms count).
_BACK = re.compile(r"\b(?:đó|này|ấy|it|its|they|them|their|those|these)\b|\bthis\s*[?.]?\s*$")  # "… drives this"
# Words that carry no topic of their own in a short part ("và do phòng nào làm", "and by when",
# "…, hạn khi nào").
_LIGHT = set("do la lam thi va con thuc hien duoc phai co the qua boi tai and or is are was were does do did be "
             "the a an it its their by to of on at in from for with through under han thoi truoc hoan thanh "
             "deadline due".split())


_FOLLOW_UP = re.compile(r"^(con|va|the con|vay|what about|and|how about)\b|thi sao\??$|\bthe nao\??$|\bwhat about\b")


def resolve_follow_up(question: str, history: list[str]) -> str:
    """Join a follow-up question (``còn huyện Hớn Quản thì sao?``) to the previous question.

    >>> resolve_follow_up("còn huyện Hớn Quản thì sao?", ["Cơ quan nào chủ trì khảo sát SIPAS?"])
    'Cơ quan nào chủ trì khảo sát SIPAS? huyện Hớn Quản'
    >>> resolve_follow_up("Ai ký Chỉ thị 05?", ["Cơ quan nào chủ trì?"])
    'Ai ký Chỉ thị 05?'
    """
    if not history:
        return question
    low = fold(question).strip()
    if len(low.split()) > 9 or not _FOLLOW_UP.search(low):
        return question
    core = re.sub(r"^(còn|con|và|va|thế còn|vậy|what about|and|how about)\s+|\s*(thì sao|thế nào)?\s*\??$", "",
                  question.strip(), flags=re.IGNORECASE)
    return f"{history[-1].strip()} {core.strip()}"


def _question_word(folded: str) -> re.Match | None:
    return _QWORDS.search(folded)


def _phrase(words: list[str], at: int, qword: str) -> tuple[int, int]:
    """Word span of the question phrase whose question word starts at word ``at``."""
    start, end = at, at + len(qword.split())
    if qword in _AFTER_NOUN and at > 0:
        start = at - 2 if at > 1 and " ".join(words[at - 2:at]) in _NOUNS else at - 1
        if start > 0 and words[start - 1] in _QUANTIFIERS:
            start -= 1
    elif qword in _TAKES_NOUN and end < len(words):
        end += 2 if " ".join(words[end:end + 2]) in _NOUNS else 1  # "bao nhiêu cơ quan", not "… cơ"
    if start > 0 and words[start - 1] in _PREPOSITIONS:
        start -= 1  # "on what date", "through which office"
    return start, end


# Words that qualify the amount asked ("có ít nhất mấy …", "tối thiểu bao nhiêu …"), folded: a later
# part borrowing the words before the question does not take them ("… , hạn khi nào").
_QUALIFIERS = set("co it nhat toi thieu da tren duoi khoang phai dat la duoc at least most".split())


def _unqualified(words: list[str]) -> str:
    """The words before a question phrase without the qualifiers that end them.

    >>> _unqualified("phong kinh te phai co it nhat".split())
    'phong kinh te'
    """
    end = len(words)
    while end and fold(words[end - 1]) in _QUALIFIERS:
        end -= 1
    return " ".join(words[:end])


def _word_index(text: str, pos: int) -> int:
    return len(text[:pos].split())


def _asks(separator: str, right: str) -> bool:
    """Whether the text after a separator asks a question of its own. English asks with its
    question word first ("and by when", "through which office"); after a bare comma "which",
    "who", "where" or "when" open a relative clause ("Resolution 76, which the directive cites")."""
    folded = fold(right)
    english = not has_diacritics(right) and not re.search(rf"\b(?:{_VI_QWORDS})\b", folded)
    if english:
        m = re.match(r"(?:(?:through|by|on|at|in|to|from|for|with|of|under|and|but)\s+)?"
                     r"(which|what|who|whom|whose|when|where|how)\b", folded)
        if m is None:
            return False
        return "," not in separator or bool(re.search(r"\b(?:and|but)\b", separator)) \
            or m.group(1) in {"what", "how"}
    return _question_word(folded) is not None


_AUX = set("must do does did is are was were will would should shall can could has have may".split())


def _left_asks(text: str) -> bool:
    """Whether the text before a separator asks something. In English "when", "where" and "how"
    ask only with an inverted verb ("When must …"); "When informing residents, …" sets a scene.

    >>> _left_asks("When informing residents"), _left_asks("When must communes report")
    (False, True)
    """
    folded = fold(text)
    m = _question_word(folded)
    if m is None:
        return False
    if not has_diacritics(text) and m.group(0) in {"when", "where", "how"}:
        following = folded[m.end():].split()[:1]
        return bool(following) and following[0] in _AUX
    return True


def _segments(question: str) -> list[str]:
    """The question cut at separators where both sides ask something."""
    segs, begin = [], 0
    for m in _SEPARATOR.finditer(question):
        if m.start() < begin:
            continue
        right = question[m.end():]
        # What follows asks up to the next mark: a bare "và" inside it ("báo cáo 6 tháng và cả năm
        # … trước ngày nào") joins two things it asks about together.
        nxt = next((n for n in _SEPARATOR.finditer(right) if re.search(r"[,;.?!]", n.group(0))), None)
        left = question[begin:m.start()]
        if m.group(0).strip() in {"và", "còn"} and not _ends_asking(left):
            continue  # "đơn vị nào chậm trễ trong tham mưu và phối hợp thì ai …": one question
        if _left_asks(left) and _asks(m.group(0), right[: nxt.start()] if nxt else right):
            segs.append(question[begin:m.start()])
            begin = m.end()
    segs.append(question[begin:])
    segs = [re.sub(r"^(?:và|va|còn|con|and|but)\s+", "", s.strip(), flags=re.I).rstrip(" ,;.?!") for s in segs]
    return [s for s in segs if s]


def _ends_asking(text: str) -> bool:
    """Whether a question word stands among the last four words ("… do ai ký", not "đơn vị nào
    chậm trễ trong công tác tham mưu"): a marked "và" parts two questions only after one.

    >>> _ends_asking("Chỉ thị 05 do ai ký"), _ends_asking("đơn vị nào chậm trễ trong công tác tham mưu")
    (True, False)
    """
    return bool(_question_word(" ".join(fold(text).split()[-4:])))


def _lead(first: str) -> str:
    """A lead-in phrase that asks nothing ("Về tinh giản biên chế,", "điều tra xã hội học …:")."""
    m = re.match(r"([^,:;?]+?)\s*[,:]\s+", first)
    return m.group(1) if m and not _question_word(fold(m.group(1))) else ""


_DOC_REF = re.compile(
    r"(?:" + TYPE_WORDS + r")"
    r"(?:\s+(?:so|no\.?))?(?:\s+[\w/.-]*\d[\w/.-]*|(?:\s+(?!nam\b)\w+){0,12}\s+nam\s+\d{4})?"
    r"|\b(?:the\s+)?(?:\d{4}\s+)?(?:[\w'-]+\s+){0,3}(?:directive|plan|letter)\b")


def _names_document(text: str) -> bool:
    # Officials' shorthand counts: "cv 1138 …" names its directive as "Công văn 1138" does.
    return bool(_DOC_REF.search(fold(expand(text, plain=True))) or re.search(r"\d+/", text))


def _doc_ref(text: str) -> str:
    """The first segment's words up to the end of the directive it names ("Chỉ thị năm 2023")."""
    m = _DOC_REF.search(fold(text))
    return " ".join(text.split()[: _word_index(fold(text), m.end())]) if m else ""


def _borrows(part: str) -> bool:
    """Whether a later part cannot stand alone: it points back, or has no words but its question."""
    if _BACK.search(part.lower()):
        return True
    folded = fold(part)
    m = _question_word(folded)
    words = folded.split()
    if m is None:
        return False
    at = _word_index(folded, m.start())
    start, end = _phrase(words, at, m.group(0))
    rest = [w for w in words[:start] + words[end:] if w not in _LIGHT]
    return not rest


# "Which decree on the one-stop shop does …": what the first part asks for, up to its verb.
_ASKED_THING = re.compile(r"(?i)\b(?:which|what)\s+((?:(?!(?:does|do|did|is|are|was|were|must|should|will|has|have)\b)"
                          r"[\w'’-]+\s+){1,6}?)(?=(?:does|do|did|is|are|was|were|must|should|will|has|have)\b)")
# ", and which advises …": "which" and a verb, no noun of its own.
_BARE_WHICH = re.compile(r"(?i)which (?!(?:one|ones|offices|departments|agencies|bodies|units|documents|decrees)\b)"
                         r"[a-z]+(?:e?s|ed)\b(?! (?:does|do|did|is|are|was|were|must|should|can|will|has|have)\b)")


def split(question: str) -> list[Part]:
    """The sub-questions of a compound question (a single part when it asks one thing).

    >>> [p.text for p in split("chi thi 05 giao so nao lo ung dung cntt, so nao lo iso 9001")]
    ['chi thi 05 giao so nao lo ung dung cntt', 'chi thi 05 so nao lo iso 9001']
    >>> [p.text for p in split("cong van 1138 viec nao phai xong truoc ngay 30/5/2023 va do phong nao lam")]
    ['cong van 1138 viec nao phai xong truoc ngay 30/5/2023', 'cong van 1138 do phong nao lam phai xong truoc ngay 30/5/2023']
    >>> [p.text for p in split("Plan 8607 lists PAPI areas. How many areas and how many contents?")]
    ['Plan 8607 lists PAPI areas. How many areas', 'Plan 8607 lists PAPI areas. how many contents']
    >>> [p.text for p in split("phong kinh te phai co it nhat may sang kien, han truoc ngay nao")]
    ['phong kinh te phai co it nhat may sang kien', 'phong kinh te han truoc ngay nao sang kien']
    >>> [p.text for p in split("chỉ thị 2023 yêu cầu báo cáo theo kỳ nào, còn kế hoạch yêu cầu báo cáo 6 tháng và cả "
    ...                        "năm trước ngày nào?")]
    ['chỉ thị 2023 yêu cầu báo cáo theo kỳ nào', 'kế hoạch yêu cầu báo cáo 6 tháng và cả năm trước ngày nào']
    >>> split("How many initiatives must be recognised in 2023, and which office drives this?")[1].text
    'which office drives this must be recognised in 2023'
    >>> len(split("Sở nào chủ trì việc tuyên truyền cải cách hành chính?"))
    1
    >>> len(split("Whose requirements does the directive follow, and which office leads the survey?"))
    2
    >>> split("Which agency leads SIPAS work at province level, and which at district level?")[1].text
    'Which agency leads SIPAS work at district level'
    >>> split("Which department proposes cuts, and which advises on self-financing units?")[1].own
    'which department advises on self-financing units'
    >>> split("Which decree on the one-stop shop does Directive 05 cite, and which one does Plan 8607 cite?")[1].own
    'which decree on the one-stop shop does Plan 8607 cite'
    >>> split("tai chinh cong: o tinh (chi thi 05) so nao chu tri, con huyen (cong van 1138) phong nao")[1].text
    'tai chinh cong, huyen (cong van 1138) phong nao chu tri'
    >>> split("mttq tinh phai lam gi theo kh 8607, con o hon quan mttq phoi hop voi mttq huyen "
    ...       "khao sat chi so nao")[1].text
    'o hon quan mttq phoi hop voi mttq huyen khao sat chi so nao'
    >>> [p.text for p in split("xa bao cao truoc ngay may (kh 8607), con cv 1138 bat gui truoc ngay nao")]
    ['xa bao cao truoc ngay may (kh 8607)', 'cv 1138 bat gui truoc ngay nao']
    """
    segs = _segments(_asked_deadline(question))
    if len(segs) == 1:
        return distributed(question) or _elliptic(question) or [Part(question, question)]
    first = segs[0]
    lead = _lead(first)
    body = first[len(lead):].lstrip(" ,:") if lead else first
    folded = fold(body)
    m = _question_word(folded)
    words = body.split()
    at = _word_index(folded, m.start()) if m else len(words)
    start, end = _phrase(folded.split(), at, m.group(0)) if m else (at, at)
    # What is counted ("mấy sáng kiến") stays the topic of a later part ("…, hạn khi nào").
    counted = m is not None and m.group(0) in _COUNTING
    before, after = _unqualified(words[:start]), " ".join(words[at + len(m.group(0).split()) if counted else end:])
    prefix = f"{lead}, " if lead else ""
    parts = [Part(first, first)]
    asked = folded.split()[start:end]
    for seg in segs[1:]:
        if len(asked) == 2 and asked[0] == "which" and re.match(_BARE_WHICH, seg):
            seg = f"which {words[start + 1]}{seg[5:]}"  # ", and which advises on …": which department advises
        elif (one := re.match(r"(?i)(which|what) ones?\b", seg)) and (thing := _ASKED_THING.search(body)):
            # ", and which one does …": which decree on the one-stop shop does …
            seg = f"{one.group(1)} {thing.group(1).strip()}{seg[one.end():]}"
        elif (where := re.match(r"(?i)(?:which|who|what)(?: ones?)?\s+(at|in|for|under|on)\s", seg)) \
                and (cut := first.find(f" {where.group(1)} ", len(first) - len(body))) > 0:
            # ", and which at district level …": the first question, asked at that level
            seg = f"{first[:cut]} {seg[where.start(1):]}"
        if _borrows(seg):
            text = " ".join(x for x in (before, seg, after) if x)
        elif _names_document(seg):
            # "…, còn huyện (Công văn 1138) phòng nào": its own directive, the first part's verb ("chủ trì").
            # The first part's closing words stay with it when they name its own directive ("… (kh 8607)").
            borrowed = after and not counted and _ends_asking(seg) and not _names_document(after)
            text = f"{seg.rstrip(' ?')} {after}" if borrowed else seg
        else:
            # "…, còn ở Hớn Quản …": a part asked of another level takes neither the first's subject
            # nor its directive.
            own_level = levels(seg) and levels(before) and not levels(seg) & levels(before)
            text = seg if own_level else " ".join(x for x in (_doc_ref(body) or before, seg) if x)
        parts.append(Part(prefix + text, seg))
    return parts


# A last part typed as a search term: "…, hạn hoàn thành", "…, thời hạn".
_TERSE_LAST = re.compile(rf"([,;]\s*(?:va\s+|và\s+)?)"
                         rf"((?:{TERSE_DEADLINE}|thoi han|han chot)(?:\s+\w+){{0,2}})\s*\??\s*$")


def _asked_deadline(question: str) -> str:
    """A compound question whose last part names a deadline without asking ("…, hạn hoàn thành"),
    with that part asked ("…, hạn hoàn thành khi nào").

    >>> _asked_deadline("kiem tra toi thieu bao nhieu phan tram co quan, han hoan thanh")
    'kiem tra toi thieu bao nhieu phan tram co quan, han hoan thanh khi nao'
    >>> _asked_deadline("Phải kiểm tra bao nhiêu cơ quan, hạn hoàn thành?"), _asked_deadline("hạn là khi nào")
    ('Phải kiểm tra bao nhiêu cơ quan, hạn hoàn thành khi nào?', 'hạn là khi nào')
    """
    folded = fold(question)
    m = _TERSE_LAST.search(folded)
    if not m or _question_word(m.group(2)) or len(folded) != len(question):
        return question
    end = len(question.rstrip(" ?"))
    when = "khi nào" if has_diacritics(question) else "khi nao"
    return f"{question[:end]} {when}{question[end:]}"


# "… sent to Hưng Yên's People's Committee under Plan 8607, and to Hớn Quản's under Letter 1138?": the
# second part repeats the first's preposition, and the question before it.
_ELLIPSIS = re.compile(r"(?i)^(?P<head>.*?\b(?:which|what|who|whom|when|where|how)\b.*?\b(?P<prep>to|for|at|in|from)\s)"
                       r"(?P<one>[^,;]+?),?\s+and\s+(?P=prep)\s(?P<two>[^,;]+?)\s*[?.]?\s*$")


def _elliptic(question: str) -> list[Part]:
    """A question asked of two things in turn, the second after "and" and the first's preposition,
    each naming its own directive: one part each.

    >>> parts = _elliptic("Via which body are reports sent to the province under Plan 8607, and to the district "
    ...                   "under Letter 1138?")
    >>> parts[1].text, parts[0].own
    ('Via which body are reports sent to the district under Letter 1138', 'the province under Plan 8607')
    >>> _elliptic("Which office reports to the district and to the province?")
    []
    """
    m = _ELLIPSIS.match(question)
    if not m or not (_names_document(m.group("one")) and _names_document(m.group("two"))):
        return []
    return [Part(m.group("head") + m.group(side), m.group(side)) for side in ("one", "two")]


_PART_NOT_FOUND = {"vi": "Không tìm thấy trong các văn bản: «{}».", "en": "Not found in the loaded directives: «{}»."}


def combine(question: str, answers: list[Answer], parts: list[Part]) -> Answer:
    """One answer from the answers to the parts: each part's answer in turn (a part the directives
    do not answer says so), the citations of all, the lowest confidence. Abstains only when no
    part is answered."""
    found = [a for a in answers if not a.abstained]
    first = found[0] if found else answers[0]
    lang = first.lang
    texts = [a.answer if not a.abstained else _PART_NOT_FOUND["en" if lang == "en" else "vi"].format(p.own)
             for a, p in zip(answers, parts)]
    texts = list(dict.fromkeys(texts))  # two parts answered by the same words say them once
    citations, seen = [], set()
    for a in found:
        for c in a.citations:
            if (c.doc_id, c.clause, c.text) not in seen:
                seen.add((c.doc_id, c.clause, c.text))
                citations.append(c)
    # The first part's clauses for display, then those only the other parts retrieved.
    hits, shown = [], set()
    for h in (h for a in answers for h in a.hits):
        if h.chunk.id not in shown:
            shown.add(h.chunk.id)
            hits.append(h)
    return Answer(question=question, answer=" ".join(texts) if found else first.answer, citations=citations,
                  abstained=not found, confidence=min(a.confidence for a in (found or answers)), lang=lang,
                  qtype=first.qtype, hits=hits, backend=first.backend)
