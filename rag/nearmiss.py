"""The checks that keep near misses unanswered: questions in the corpus's own words about
something it does not say (another agency, another index, a sanction it never sets, a phone
number, a place)."""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.chunk import embed_text
from rag import extract
from rag.compose import Candidate
from rag.evidence import CURRENCY, acting, acts, asked_topics, mentions, named_agencies, named_indices, states_topic
from rag.overlap import task_missing
from rag.wants import asks_scorer
from vanban.records import Chunk
from vanban.text import fold

# Asking for the amount, not mentioning money: "what budget …", "kinh phí bao nhiêu", not "budget revenue".
_MONEY_Q = re.compile(r"\b(?:what|how much|which)\s+(?:total\s+|annual\s+)?(?:budget|funding|money|cost)\b"
                      r"|\b(?:salary|salaries|wage|wages|bonus|bonuses|allowance|fine amount|cash reward)\b"
                      r"|\b(?:what|how much|which)\s+(?:[a-z]+\s+)?fines?\b|\bhow large (?:a |the )?fines?\b"
                      r"|\b(?:muc tien|tien thuong|muc thuong|phat tien|muc phat|tien luong|muc luong|phu cap)\b"
                      r"|\b(?:budget|funding|money)\s+(?:[a-z]+\s+){0,3}(?:allocat|provid|assign)"
                      r"|\b(?:kinh phi|ngan sach|tien)\s+(?:[a-z]+\s+){0,3}(?:bao nhieu|la bao nhieu)"
                      r"|\bbao nhieu\s+(?:[a-z]+\s+){0,2}(?:kinh phi|tien|ngan sach)")
# Kinds of data a directive may simply not state, each as (asked in a question, stated in a text), folded.
_DATA = {
    "money": (_MONEY_Q, CURRENCY),
    "contact": (re.compile(r"\b(?:so dien thoai|dien thoai|phone|telephone|hotline|e-?mail|thu dien tu|fax|"
                           r"contact details?)\b"),
                re.compile(r"@|\b(?:dt|dien thoai|tel|phone|fax|hotline)\W*\d|\b0\d{2,3}[ .]?\d{3}[ .]?\d{3,4}\b")),
    "address": (re.compile(r"\b(?:dia chi|tru so (?:dat|o) dau|where is\b.*\blocated"
                           r"|(?:what|which) is (?:the|its) (?:street |postal |office )?address)\b"),
                re.compile(r"\bdia chi\s*:|\b(?:so|s)\s*\d+[a-z]?\s*(?:,\s*)?(?:duong|pho)\b"
                           r"|\b\d+\s+\w+\s+(?:street|road)\b")),
    "version": (re.compile(r"\b(?:phien ban|which version|what version)\b"),
                re.compile(r"\b(?:phien ban|version)\b|\b\d+\.\d+\b")),
    # An article of a law or decree: the directives cite documents by number, never by article.
    "article": (re.compile(r"\bdieu\s+(?:nao|may|so may|bao nhieu)\b[^?]{0,40}\b(?:nghi dinh|luat|thong tu|quyet dinh|"
                           r"nghi quyet|phap lenh)\b|\b(?:which|what) articles?\s+(?:of|in)\b"),
                re.compile(r"\b(?:dieu|article)\s+\d+")),
    # A web address: the directives name portals ("Cổng thông tin điện tử") but give no address.
    "url": (re.compile(r"\b(?:web ?address|website address|url|web link|hyperlink|duong dan"
                       r"|dia chi (?:trang|web|website|cong))\b"),
            re.compile(r"https?://|\bwww\.|\.gov\.vn\b|\.vn/")),
    # A day of the week: the directives set dates, never weekdays.
    "weekday": (re.compile(r"\b(?:thu (?:2|3|4|5|6|7|hai|ba|tu|nam|sau|bay)|chu nhat|cuoi tuan|monday|tuesday|"
                           r"wednesday|thursday|friday|saturday|sunday|weekends?)\b"),
                re.compile(r"\b(?:thu (?:2|3|4|5|6|7|hai|ba|tu|sau|bay)|chu nhat|cuoi tuan)\b")),
    # What an annex assigns, asked of the annex ("Theo Phụ lục kèm Kế hoạch 8607, …"): the directives
    # refer to annexes ("tại Phụ lục kèm theo Kế hoạch") that were not loaded; only a sentence of
    # the annex itself, opening on its title, answers.
    "annex": (re.compile(r"^\W*(?:theo|trong|tai|o|according to|in|under|from|per)?\s*(?:the\s+|bang\s+)?"
                         r"(?:phu luc|annex|appendix)\b"),
              re.compile(r"^\W*phu luc\b")),
    # The form of a reward: the directives ask that good work be rewarded ("kịp thời động viên, khen
    # thưởng"), never say with what.
    "reward": (re.compile(r"\b(?:what|which) (?:kind of |form of )?(?:rewards?|prizes?|awards?|commendations?)\b"
                          r"|\b(?:phan thuong|giai thuong|hinh thuc khen thuong)(?: [a-z]+){0,2}"
                          r" (?:gi|nao|ra sao|the nao)\b"
                          r"|\b(?:khen thuong|thuong) (?:gi|nhu the nao|the nao|ra sao|bang gi)\b"),
               re.compile(r"\b(?:bang khen|giay khen|co thi dua|phan thuong|giai thuong|tien thuong|huan chuong)\b")),
    # The size of a survey's sample: the directives order surveys, never say how many are asked.
    "sample": (re.compile(r"\bhow many\b[^?]{0,60}\bsample[ds]?\b|\bsample sizes?\b|\b(?:co|chon) mau\b"
                          # "số hộ", not "Sở hỗ trợ" or "số hồ sơ" (all folded alike)
                          r"|\b(?:bao nhieu|so luong|may)\s+(?:ho(?! so\b| tro\b)(?: gia dinh)?|phieu)\b"
                          r"|\bso (?:ho gia dinh|phieu)\b"
                          r"|\b(?:how many|number of)\s+(?:households|questionnaires|ballots|survey forms)\b"),
               re.compile(r"\b\d[\d.]*\s+(?:phieu|ho gia dinh|ho|households?|nguoi duoc khao sat)\b|\b(?:co|chon) mau\b"
                          r"|\bsampl\w*")),
    # A survey's fieldwork (who interviews, where): the directives order surveys and use their
    # results; none describes the fieldwork.
    "fieldwork": (re.compile(r"\bfield ?work\b|\bfield (?:surveys?|interviews?|teams?)\b|\bthuc dia\b"
                             r"|\b(?:enumerators?|interviewers?|dieu tra vien|phong van vien)\b"),
                  re.compile(r"\bthuc dia\b|\bdieu tra vien\b|\bphong van\b|\bfield ?work\b")),
    # The papers a procedure needs: the directives set tasks, not procedures' dossiers.
    "papers": (re.compile(r"\b(?:can|nop|gom|mang theo)\s+(?:nhung\s+|cac\s+)?(?:giay to|ho so)\s+(?:gi|nao)\b"
                          r"|\bthanh phan ho so\b|\b(?:which|what) (?:documents|papers|paperwork)\b[^?]*"
                          r"\b(?:needed|required|submit\w*|bring)\b"),
               re.compile(r"\bthanh phan ho so\b|\b(?:giay to|ho so) (?:can|gom|phai nop)\b")),
}

# "Mô hình của tỉnh thành nào?", "which communes …": a place is asked (not "UBND tỉnh nào", a body).
_PLACE_Q = re.compile(r"(?<!\bcap )(?<!\bubnd )(?<!\buy ban nhan dan )\b(?:tinh thanh|dia phuong|tinh|huyen|xa|phuong)"
                      r" nao\b|\b(?:nhung|cac) (?:tinh|huyen|xa|phuong)(?:,? (?:va |hoac )?(?:thanh pho|thi xa|thi tran|phuong|xa))+"
                      r" (?:cu the )?nao\b|\bwhich (?:specific |particular )?(?:provinces?|communes?|wards?|townships?|localit(?:y|ies)|"
                      r"districts?)\b(?! (?:report|body|bodies|party|people|notice|office|level|agenc|department|council"
                      r"|committee|chair|authorit))")
# "Những thôn, tổ dân phố nào?": villages are answered only by a village's name or number ("thôn Đông 3").
_VILLAGE_Q = re.compile(r"\b(?:thon|to dan pho|khu pho|khu dan cu) nao\b"
                        r"|\bwhich (?:villages?|hamlets?|residential groups?)\b")
_VILLAGE_NAME = re.compile(r"\b(?:thôn|tổ dân phố|khu phố|khu dân cư|village)\s+(?:\d|[A-ZĐ])")
_BY_NAME = re.compile(r"\b(?:cu the|specific|specifically|neu ten|ke ten|names?|named)\b")  # folded
# Words that open a directive's sentences, never a place's name: after a full stop a scan lost
# ("tỉnh Giao Thủ trưởng", "huyện Yêu cầu").
_OPENING_WORDS = frozenset("giao yeu de tren cac chu thu so phong uy ubnd tiep thuc nang to day tang xay".split())
_DESCRIBED_PLACES = re.compile(r"\bcac (?:tinh|huyen|xa|dia phuong)(?:,? (?:thanh pho|thi xa|phuong|thi tran))*"
                               r" (?:co|dat|dan dau|xep)\b")
_PLACE_WORD = re.compile(r"\b(?:tỉnh|huyện|xã|phường|thị trấn|thành phố|thị xã|province|district|commune)"
                         r"[ \t]+(\w+)[ \t]+(\w+)", re.IGNORECASE)


def named_places(text: str) -> set[str]:
    """Folded first words of the places a text names, by two capitalised words ("tỉnh Hưng Yên" →
    "hung"; a scan's lost full stop in "huyện Trên cơ sở" names none).

    >>> sorted(named_places("UBND tỉnh Hưng Yên và các xã, phường trên địa bàn tỉnh. Trên cơ sở đó"))
    ['hung']
    >>> named_places("hành chính công tỉnh Giao Thủ trưởng các cơ quan")  # "tỉnh. Giao Thủ trưởng …"
    set()
    """
    return {fold(m.group(1)) for m in _PLACE_WORD.finditer(text)
            if m.group(1)[:1].isupper() and m.group(2)[:1].isupper() and fold(m.group(1)) not in _OPENING_WORDS}


def unstated(question: str, texts: list[str]) -> str:
    """The kind of datum a question asks for that none of ``texts`` states ("" when none is missing):
    an amount of money, a phone number or e-mail address, an article of a law, a place, a street
    address, a version, the form of a reward, the papers a procedure needs, a survey's sample or fieldwork, a web
    address, a weekday, what an annex that was not loaded says.

    >>> unstated("What budget does the letter allocate?", ["bố trí kinh phí thực hiện"])
    'money'
    >>> unstated("Số điện thoại của chuyên viên phụ trách là gì?", ["Chuyên viên: Trang"])
    'contact'
    >>> unstated("Chỉ thị dựa vào điều nào của Nghị định 107/2021/NĐ-CP?", ["theo Nghị định số 107/2021/NĐ-CP"])
    'article'
    >>> unstated("What budget does the letter allocate?", ["kinh phí 500 triệu đồng"]), unstated("Ai chủ trì?", [])
    ('', '')
    >>> unstated("co quan nao bo tri kinh phi", []), unstated("what should budget revenue aim for?", [])
    ('', '')
    >>> unstated("Nhân rộng mô hình của tỉnh thành nào?", ["nhân rộng mô hình, giải pháp về cải cách hành chính"])
    'place'
    >>> text = ["tìm hiểu cách làm hay các tỉnh, thành phố có xếp hạng Chỉ số PAPI cao"]
    >>> unstated("học tập cách làm hay của những tỉnh nào?", text)
    ''
    >>> unstated("nêu tên những tỉnh, thành phố cụ thể nào?", text)
    'place'
    >>> unstated("Which communes of Hưng Yên province are named?", ["các xã, phường của tỉnh Hưng Yên"])
    'place'
    >>> unstated("Kế hoạch áp dụng cho những huyện, thị xã, thành phố nào?", ["các huyện, thị xã, thành phố"])
    'place'
    >>> unstated("Which district report is item 1.3 based on?", []), unstated("Chủ tịch UBND huyện nào ký?", [])
    ('', '')
    >>> unstated("Huyện Hớn Quản thuộc tỉnh nào?", ["UBND huyện Hớn Quản, tỉnh Bình Phước"])
    ''
    >>> unstated("Who does the PAPI survey fieldwork?", ["phối hợp trong việc khảo sát Chỉ số PAPI"])
    'fieldwork'
    >>> unstated("ai khảo sát thực địa SIPAS?", ["khảo sát thực địa tại 10 xã"])
    ''
    >>> unstated("What is the address of the service centre?", ["Trung tâm Phục vụ hành chính công tỉnh"])
    'address'
    >>> unstated("Which version of the e-government framework applies?", ["Khung kiến trúc chính quyền điện tử"])
    'version'
    >>> unstated("thu tuc dang ky ket hon tai ubnd xa can nhung giay to gi?", ["số hóa hồ sơ, giấy tờ"])
    'papers'
    >>> unstated("What's the web address of the e-portal?", ["thông qua Cổng thông tin điện tử"])
    'url'
    >>> unstated("co yeu cau bo phan mot cua lam viec sang thu 7 khong", ["Bộ phận một cửa hiện đại"])
    'weekday'
    >>> unstated("What reward is given for a recognised initiative?", ["bình xét hình thức khen thưởng"])
    'reward'
    >>> unstated("Chỉ thị yêu cầu khen thưởng những tập thể nào?", ["kịp thời động viên, khen thưởng"])
    ''
    >>> unstated("hình thức khen thưởng cho tập thể do tiêu chí nào quyết định?", ["hình thức khen thưởng"])
    ''
    >>> unstated("chọn những thôn, tổ dân phố nào?", ["kết quả khảo sát tại các thôn, tổ dân phố"])
    'place'
    >>> unstated("Which villages are surveyed?", ["khảo sát tại thôn Đông Kết"])
    ''
    >>> unstated("How many households are sampled for the PAPI survey?", ["khảo sát Chỉ số PAPI"])
    'sample'
    >>> unstated("so phieu khao sat sipas phat ra", ["phát 300 phiếu khảo sát"]), unstated("số hồ sơ trễ hạn", [""])
    ('', '')
    >>> unstated("Sở hỗ trợ doanh nghiệp thế nào?", [""]), unstated("bao nhiêu hộ được khảo sát?", [""])
    ('', 'sample')
    >>> unstated("Theo Phụ lục kèm Kế hoạch 8607, cơ quan nào chủ trì?", ["các nhiệm vụ tại Phụ lục kèm theo Kế hoạch"])
    'annex'
    >>> unstated("các đơn vị chủ trì tại Phụ lục phải tổng hợp kết quả trên phạm vi nào?", ["tại Phụ lục kèm theo"])
    ''
    """
    q = fold(question)
    if _PLACE_Q.search(q) and not set().union(*map(named_places, texts)) - set(q.split()) and (
            _BY_NAME.search(q) or not any(_DESCRIBED_PLACES.search(fold(t)) for t in texts)):
        # a place other than those the question names; unless named places are asked, the places a
        # sentence describes ("các tỉnh, thành phố có xếp hạng Chỉ số PAPI cao") answer
        return "place"
    if _VILLAGE_Q.search(q) and not any(_VILLAGE_NAME.search(t) for t in texts):
        return "place"
    asked = [(kind, stated) for kind, (asks, stated) in _DATA.items() if asks.search(q)]
    if not asked:
        return ""  # most questions ask none of these: no candidate sentence is folded
    folded = [fold(t) for t in texts]
    return next((kind for kind, stated in asked if not any(stated.search(t) for t in folded)), "")


# "Tôi là chuyên viên Sở Y tế, … sở tôi phải …": the asker's own body sets the scene; what is asked
# of "sở tôi" is asked of any department.
_SELF_INTRO = re.compile(r"^\s*(?:toi|minh|em|chung toi)\s+(?:la|lam|o|cong tac|dang)\b[^,.;:]*[,.;:]\s*")
_SELF_REF = re.compile(r"\b(?:so|phong|co quan|don vi|xa|huyen)\s+(?:toi|minh|chung toi)\b")


def asked_part(question: str) -> str:
    """The question without a self-introduction naming the asker's body, when it then speaks of
    "sở tôi" ("my department"); else the question.

    >>> asked_part("toi la chuyen vien so Y te Hung Yen, theo KH 8607 thi so toi phai ban hanh ke hoach cham nhat bao lau")
    'theo KH 8607 thi so toi phai ban hanh ke hoach cham nhat bao lau'
    >>> asked_part("Tôi là cán bộ Sở Y tế, Sở Y tế phải làm gì?")
    'Tôi là cán bộ Sở Y tế, Sở Y tế phải làm gì?'
    """
    low = fold(question)
    m = _SELF_INTRO.match(low)
    if m is None or len(low) != len(question) or not _SELF_REF.search(low, m.end()):
        return question
    return question[m.end():]


def clause_text(chunk: Chunk) -> str:
    """What a clause is checked against: its directive and heading context, its text and its OCR text."""
    return embed_text(chunk) + "\n" + chunk.original


class NearMiss:
    """The checks that keep near misses unanswered: questions in the corpus's own words about
    something it does not say (another agency, another index, a sanction it never sets)."""

    def __init__(self, chunks: list[Chunk]):
        self.corpus = "\n".join(clause_text(c) for c in chunks)
        self._clauses: dict[str, tuple[str, frozenset[str]]] = {}

    def _clause(self, chunk: Chunk) -> tuple[str, frozenset[str]]:
        """A clause's checked text and the indices it names, once per clause (its sentences are
        candidates one by one)."""
        got = self._clauses.get(chunk.id)
        if got is None:
            text = clause_text(chunk)
            got = self._clauses[chunk.id] = (text, frozenset(named_indices(text)))
        return got

    def narrow(self, question: str, lang: str, agency_terms: tuple[str, ...],
               candidates: list[Candidate], typed_only: bool = False, tasks: str = "") -> list[Candidate] | None:
        """The candidates that can answer what was asked; ``None`` when the question names an
        agency no loaded directive names.

        Args:
            question: The question as typed.
            lang: Its language (``vi``, ``vi-nd``, ``en``).
            agency_terms: Vietnamese agency names its glossary terms gave (English questions).
            candidates: Answer sentences, best first.
            typed_only: The question asks a date or number of the agency it names.
            tasks: The words naming the question's tasks (``overlap.TASK_VERBS``): its text, or
                an English question's glossary words (``overlap.english_tasks``).
        """
        for topic in asked_topics(question):
            candidates = [c for c in candidates if states_topic(topic, c.sentence.text)]
            if topic == "sanction":
                # "What sanction for not apologising?": one set in a clause about another task does not answer.
                candidates = [c for c in candidates if not task_missing(tasks, self._clause(c.hit.chunk)[0])]
        if _PLACE_Q.search(low := fold(question)) and _BY_NAME.search(low):
            # "Which specific communes does the plan name?": only a sentence naming a place the question does not.
            candidates = [c for c in candidates if named_places(c.sentence.text) - set(low.split())]
        agencies = named_agencies(question, agency_terms)

        def names(c: Candidate, agency: str) -> bool:
            return mentions(self._clause(c.hit.chunk)[0], agency)

        # A sentence before the asking one only sets the scene ("Phòng Nội vụ huyện tôi gom báo cáo …;
        # huyện phải gửi … trước ngày nào?"): what is asked is asked of the agencies the asking one names.
        asking = re.split(r"(?<=[.;!?])\s+", question.strip())[-1]
        asked_of = [a for a in agencies if a in named_agencies(asking, agency_terms)] or agencies

        def names_one(c: Candidate) -> bool:
            return any(names(c, a) for a in asked_of)

        # An agency the question has act must act where the date is, not only receive ("Sở Nội vụ phải
        # sơ kết …" is not answered by "báo cáo UBND tỉnh (qua Sở Nội vụ) trong quý III"); one the
        # question sends something to may be named any way.
        said = {a: acts if acts(question, a) else mentions for a in agencies}

        def dated_for(c: Candidate, agency: str) -> bool:
            # The date's own sentence names the agency, or its clause does and is not addressed to another
            # ("2.2. Phòng Nội vụ … hoàn thành trước 30/11/2023 … Đài Truyền thanh tham gia cùng").
            says = said[agency]
            return bool(c.entities) and (says(c.sentence.text, agency) or says(self._clause(c.hit.chunk)[0], agency)
                                         and (c.agency is None or mentions(c.agency.text, agency)))

        if agencies and lang == "en" and not any(mentions(self.corpus, a) for a in agencies):
            # English names are translations, looser than the directive's own: an English question
            # is refused only for an agency no loaded directive names at all …
            return None
        if agencies and typed_only and not all(any(dated_for(c, a) for c in candidates) for a in asked_of):
            return []  # "MTTQ gửi báo cáo trước ngày nào?": no dated clause is about MTTQ
        if agencies and lang == "en":
            # … but a clause that names the agency still answers before one that does not, and
            # when some clause names it, one that does not answers no date or number asked of it.
            candidates = sorted(candidates, key=lambda c: not names_one(c))  # stable: scores keep their order
            if typed_only and candidates and names_one(candidates[0]):
                candidates = [c for c in candidates if names_one(c)]
        elif agencies:
            # "Sở Y tế làm gì?" is answered from a clause that names Sở Y tế, or not at all.
            candidates = [c for c in candidates if names_one(c)]
        # "the 2019 PAR INDEX directive", "kế hoạch PAPI": an index naming a directive is not what is asked.
        indices = named_indices(_DOC_BY_INDEX.sub(" ", fold(question)))
        if indices:
            # A SIPAS question is not answered from a clause (or plan) about PAPI only.
            candidates = [c for c in candidates if self._clause(c.hit.chunk)[1].intersection(indices)]
        return candidates


# "the 2019 PAR INDEX directive", "Kế hoạch PAPI": an index that names a directive.
_INDEX_NAMES = r"(?:par[ -]index|papi|sipas)"
_DOC_BY_INDEX = re.compile(rf"\b{_INDEX_NAMES}\s+(?:directive|plan|letter)s?\b"
                           rf"|\b(?:chi thi|ke hoach|cong van)\s+(?:ve\s+)?(?:nang cao\s+)?(?:chi so\s+)?{_INDEX_NAMES}\b")


def of_kind(candidates: list[Candidate], kind: str, acting_only: bool = False) -> list[Candidate]:
    """The candidates naming a body of that kind ("so", "bo"), each answering with it; with
    ``acting_only`` (who leads is asked), a body reports only go through ("(qua Sở Nội vụ)") does not."""
    out = []
    for c in candidates:
        named = extract.find_agencies(c.sentence.text)
        named = acting(c.sentence.text, named) if acting_only else named
        bodies = [b for b in (c.slot, c.agency, *c.entities, *named) if b]
        match = next((b for b in bodies if fold(b.text).split()[:1] == [kind]), None)
        if match is not None:  # the answer names it (compose: slot, else addressee, else first entity)
            out.append(c if match is (c.slot or c.agency or (c.entities or [None])[0]) else replace(c, slot=match))
    return out


def of_result(question: str, candidates: list[Candidate]) -> list[Candidate]:
    """For a question asking which bodies achieved a result it states ("Which departments scored
    below 75%?", ``wants.asks_scorer``), the candidates whose sentence writes that percentage and
    names a body that acts there; a rule for whoever scores so ("… dưới 75% … gửi báo cáo (qua Sở
    Nội vụ)") names none. Other questions keep every candidate."""
    pct = re.search(r"(\d+) ?%", question)
    if pct is None or not asks_scorer(question):
        return candidates
    return [c for c in candidates if f"{pct.group(1)}%" in c.sentence.text.replace(" ", "")
            and acting(c.sentence.text, c.entities)]
