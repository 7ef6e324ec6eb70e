"""The type of answer a question wants (agency, date, number, reference, person, list, fact),
and the wordings that ask who signed a directive or who holds a role. Pure functions on the
folded question."""

from __future__ import annotations

import re

from rag.numerals import EN_MONTHS
from vanban.text import fold

QTYPES = ("person", "date", "number", "reference", "agency", "list", "fact")
# Folded wordings that ask in what capacity a directive was signed ("ký với tư cách gì", "in what
# capacity did … sign"): the signature block answers them too, with the signer's title.
CAPACITY_ASKED = (r"ky [^?]{0,60}\b(?:voi )?(?:tu cach|chuc danh|chuc vu)\b|(?:tu cach|chuc danh|chuc vu) [^?]{0,40}\bky\b|"
                  r"in (?:what|which) capacity|(?:what|which) (?:position|title|post|office) did [^?]{0,80}\b(?:hold|have|sign)|"
                  r"sign(?:ed)? [^?]{0,40}\bas what")
# Folded wordings that ask who signed a directive: a "person" question, about the signature block.
SIGNER_ASKED = (r"ai ky|ai da ky|nguoi ky|ky ban hanh(?! (?:vao )?(?:ngay|nam|thang|khi|luc|bao gio))|ky van ban|who signed|signed by|signer|signatory|"
                r"ky [^?]{0,40}\bla ai|[a-z]+ nao (?:\([^)?]{0,30}\) )?ky|on whose behalf|"
                r"(?:did|does|has) [^?]{0,60}\bsign(?:ed)?|" + CAPACITY_ASKED)
# "Chủ tịch UBND huyện Hớn Quản là ai?", "Who is the chairwoman of …?": the holder of a role, which a
# directive names only in its signature block ("CHỦ TỊCH <name>").
_ROLES = (r"(?:pho )?(?:chu tich|truong phong|giam doc|truong ban|chanh van phong|bi thu|chi cuc truong|cuc truong|"
          r"thu truong|truong dai|tong bien tap|chanh thanh tra|truong cong an)")
_ROLE_HOLDER = re.compile(rf"\b({_ROLES})\b[^?]{{0,120}}\b(?:la ai|(?:ho )?ten (?:la )?gi)\b"
                          rf"|\bai (?:la|lam) ({_ROLES})\b"
                          rf"|\b(pho chu tich)\b[^?]{{0,40}}\bnao\b|\b(?:ho )?ten (?:cua )?({_ROLES})\b")
_ROLE_HOLDER_EN = re.compile(r"\b(?:who (?:is |was )?(?:the )?|the name of (?:the )?(?:[a-z]+ )?)"
                             r"(vice[ -]|deputy )?(chair(?:man|woman|person|s|ed)?|head|director)\b")
# "Who heads the district's Radio and Television Station?": the holder of the head's post of a body
# ("who heads the survey" asks who leads a task).
_HEADS_BODY_EN = re.compile(r"\bwho heads (?:[\w'’-]+ ){0,6}(?:station|office|department|committee|council|board|"
                            r"division|unit)\b")
_NAME_ASKED_EN = (r"the name of (?:the )?(?:[a-z]+ )?(?:vice[ -]|deputy )?(?:chair(?:man|woman|person)?|head|director)"
                  r"|whose (?:name\b[^?]{0,30}\bsign\w*|signature)")
_EN_ROLES = {"head": "truong", "director": "giam doc"}


def role_held(question: str) -> str:
    """The role whose holder a question asks for, folded ("chu tich", "pho chu tich", "truong phong"), or "".

    >>> role_held("Chủ tịch UBND huyện Hớn Quản là ai?"), role_held("Who was the vice-chairman of the province?")
    ('chu tich', 'pho chu tich')
    >>> role_held("truong phong noi vu huyen la ai"), role_held("Who was head of the Home Affairs Office?")
    ('truong phong', 'truong')
    >>> role_held("Who chairs the council?"), role_held("Who heads the survey?")  # a verb, not a role
    ('chu tich', '')
    >>> role_held("Who heads Hon Quan district's Radio and Television Station?")
    'truong'
    >>> role_held("Trưởng Phòng Nội vụ huyện tên là gì?"), role_held("What is the name of the provincial chairman?")
    ('truong phong', 'chu tich')
    >>> role_held("Giám đốc Sở Nội vụ (người được giao theo dõi thực hiện Chỉ thị 05/CT-CTUBND) tên là gì?")
    'giam doc'
    >>> role_held("Ai ký Công văn 1138?"), role_held("Chủ tịch UBND huyện làm gì?")
    ('', '')
    """
    low = fold(question)
    if m := _ROLE_HOLDER.search(low):
        return next(g for g in m.groups() if g)
    if m := _ROLE_HOLDER_EN.search(low):
        vice, role = m.groups()
        return ("pho " if vice else "") + _EN_ROLES.get(role, "chu tich")
    return "truong" if _HEADS_BODY_EN.search(low) else ""


_LIST_RULE = (r"\b((?:muc|khoan|diem|phan|section|clause|item|point)\s+[0-9ivx][^?]{0,80}\b"  # what a clause says
             r"(?:noi gi|noi ve gi|noi dung (?:gi|la gi)|quy dinh gi|de cap (?:den )?gi|says?|covers?)|"
             # what is to be done ("phải làm gì"), the rest of a list ("what else")
             r"nhung gi|lam gi|yeu cau gi|what (?:must|should|do|does|did|has|have) [^?]{0,80}\bdo|what else|"
             r"(?:which|what) other|nhung nhiem vu|gom nhung|bao gom nhung|cac nhiem vu nao|nhung noi dung|"
             r"nhung linh vuc|"
             r"nhung ky|cac ky|what tasks|which tasks|what are the|list the|which areas|what areas|"
             r"nhung [a-z]+(?:,? [a-z]+){0,3} (?:nao|gi)\b|nhung ai|"
             r"(?:which|what)(?: [a-z']+){0,3} (?:areas|fields|tasks|forms|measures|"
             r"contents|places|sectors|items|kinds|types|activities|procedures|services|practices|platforms|"
             r"spheres|weaknesses|shortcomings|irregularities|requirements|qualities|duties|things|intervals|"
             r"rights|steps|mechanisms|solutions))\b")
_GIVEN_DATE = re.compile(rf"\b\d{{1,2}}/\d{{1,2}}/(?:19|20)\d\d\b|\b\d{{1,2}} (?:{'|'.join(EN_MONTHS)})\b")
# "Cơ quan, đơn vị nào", but not "loại cơ quan, đơn vị nào": a kind of body is a fact.
_BODY_WHICH = (r"(?<!loai )co quan(?: cap [a-z]+| [a-z]+){0,2} nao"
               r"|(?<!loai )(?<!loai co quan )(?<!loai co quan, )don vi nao")
# A word between "which" and its noun that is not the question's verb ("which Hớn Quản office",
# "which 2019 directive", but not "which tasks does the office …").
_NOT_VERB = r"(?!(?:does|do|did|is|are|was|were|must|should|can|will|has|have|had)\b)[a-z0-9']+"
# Bodies asked for without "which": keywords ("focal agency e-government framework"), a
# Vietnamese noun after "which" ("CV 1138: which phòng handles …"), a choice ("sở A hay sở B …").
_BODY_TERSE = (r"(?:focal|lead|leading|standing|responsible) (?:agency|body|department|office|unit)"
               r"|which (?:phong|so|co quan|don vi)|(?:so|phong) [a-z]+(?: [a-z]+){0,5} hay (?:so|phong) [a-z]+"
               # typed as a search: "cơ quan thường trực giúp UBND tỉnh …", "đơn vị chủ trì khảo sát SIPAS"
               r"|^\s*(?:co quan|don vi) (?:chu tri|thuong truc|dau moi|tham muu|phu trach)\b"
               r"(?![^?]*\b(?:gi|nao|ai|bao nhieu|may)\b)")
# "What is its number?": an English question for a document's own number.
OWN_NUMBER_EN = r"(?:what|which) is (?:the|its|their) (?:document |reference )?(?:number|symbol)"
# "mấy sáng kiến", typed "may sang kien": how many (a counted noun follows; English "may" is a verb).
HOW_MANY_NOUNS = ("ngay|thang|nam|tuan|lan|sang kien|noi dung|co quan|don vi|nhiem vu|linh vuc|xa|huyen|so|nguoi|"
                  "van ban|tieu chi|chi so|giai doan|buoc|nhom|loai|khoan|muc|diem|phan|cap|thanh vien|chi tieu|"
                  "giai phap|cong viec|dot|ky|phong|ban|bac|hang")
HOW_MANY = rf"(?<!\bso )may(?= (?:{HOW_MANY_NOUNS})\b)"
# "số phiếu khảo sát …" typed as a search counts ballots (households, people): the counted nouns.
TERSE_COUNTED = r"phieu|ho|nguoi"
# "hạn hoàn thành/nộp/gửi/trình …" typed as a search asks a deadline ("giới hạn" is no deadline).
TERSE_DEADLINE = r"(?<!gioi )han (?:hoan thanh|nop|gui|trinh)"
# "Sở nào", not "cơ sở nào" nor "chỉ số nào" (an index), which fold alike.
_SO_NAO = r"(?<!co )(?<!chi )so nao"
# "Theo mốc thời gian nào", "theo kỳ nào": a period ("theo từng quý") is asked, not a date.
PERIOD_Q = r"\btheo (?:nhung |cac )?(?:moc(?: thoi gian)?|ky) nao\b"
_QTYPE_RULES = [
    # "Why did many criteria score low?": a reason, whatever else it mentions.
    ("fact", r"\b(?:why|vi sao|tai sao|ly do (?:gi|nao)|for what reason)\b"),
    # "Who are the respondents of the survey?": the members of a group, not a body acting.
    ("list", r"^who (?:are|were) (?:the )?(?:respondents|members|subjects|interviewees|participants|targets)\b"),
    ("agency", r"\b(" + _BODY_WHICH + r"|phong nao|" + _SO_NAO + r"|to chuc nao|(?:agency|department|office|unit) nao|"
               r"which (?:(?:provincial|district|state|government|specialised|specialized|local|"
               + _NOT_VERB + r") ){0,3}"
               r"(?:agency|agencies|department|departments|office|offices|unit|units|body|bodies|divisions?|"
               r"bureaus?))\b"
               r"(?!\s+(?:notices?|decrees?|decisions?|letters?|reports?|circulars?|documents?|plans?|directives?)\b)"),
    ("person", rf"\b({SIGNER_ASKED}|ky thay mat|who (?:has |had )?signed|"
               r"ai (?:la|lam|giu chuc) (?:truong|pho|giam doc|chu tich)|"
               r"who (?:is|was) (?:the )?(?:head|chair(?:man|woman|person)?|director|chief|vice)|who chairs|"
               + _NAME_ASKED_EN + r"|"
               r"which (?:vice[ -])?(?:chairman|chairwoman|chairperson|chair|director|deputy|official|person|leader))\b|"
               + _ROLE_HOLDER.pattern + "|" + _HEADS_BODY_EN.pattern),  # "Chủ tịch UBND huyện … là ai?": see role_held
    ("date", r"\b((?:fieldwork|survey|reporting|report|submission) dates?|khi nao|ngay nao|ngay may|bao gio|"
             r"thoi han(?![^?]*\bbao (?:nhieu (?:ngay|thang|tuan|gio)|lau)\b)|"
             r"han chot|han cuoi|" + TERSE_DEADLINE + r"|thoi gian hoan thanh|"
             r"hoan thanh truoc|truoc ngay nao|"
             r"ngay ban hanh|ban hanh ngay|ngay thang nam|what date|which date|deadline|by when|due date|"
             r"what day|issued on|dated|by what date|thoi gian nao|thoi diem nao|luc nao|quy nao|(?:thang|quy) may|"
             r"in which quarter|(?:in|during|within) (?:which|what) (?:period|time frame|timeframe)|ngay bao nhieu|(?:mang )?ngay thang nao|(?:what|which) is the date|"
             r"(?:ban hanh|ky)(?: vao)? nam nao|(?:in )?(?:what|which) year (?:was|were|did)|"
             r"in (?:what|which) year (?:does|do|must|should|will))\b|^\s*(when|by when)\b(?! \w+ing\b)"),
    ("number", r"^\W*so (?:luong|" + TERSE_COUNTED + r")\b|"
               r"\b(how soon|bao nhieu|bao lau(?! mot lan)|how long(?! apart)|(?:maximum |max )?processing time|"
               r"thu (?:hang )?may|" + HOW_MANY + r"|"
               r"xep hang|xep thu|how many|how much|what percent|percentage|what share|what rate|"
               r"what proportion|how large|score|rank|ranked|"
               r"what(?:'?s| is| was| are)? (?:the )?(?:[\w-]+ )?(?:target|threshold)|"
               r"what (?:[\w-]+ ){1,4}(?:rate|share|percentage|proportion)|"
               r"what (?:was|is|were|are) [^?]{0,60}\b(?:ranking|rank|position)(?=\s*(?:in \d{4}|\?|$)))\b"),
    ("reference", r"\b((?<!loai )van ban nao|nghi dinh nao|quyet dinh nao|chi thi nao|nghi quyet nao|thong bao nao|"
                  r"(?:quyet dinh|nghi dinh|nghi quyet|chi thi|thong bao|cong van|ke hoach|van ban|bao cao|to trinh|"
                  r"thong tu|kh|cv|ct)"
                  r"(?: cua [a-z]+(?: [a-z]+)?| (?!so\b)(?:[a-z]+|(?:19|20)\d\d)"
                  r"(?: (?!so\b)(?:[a-z]+|(?:19|20)\d\d)){0,3})? (?<!chi )so (?:may|nao)|"
                  r"(?:quyet dinh|nghi dinh|nghi quyet|chi thi|thong bao|bao cao|to trinh)\b[^?]{0,80}\bla so (?:may|nao)|"
                  r"cong van nao|to trinh nao|bao cao nao|(?<!chi )(?<!iso )so hieu(?! qua)|so(?:,| va)? ky hieu|"
                  r"which decree|which decision|"
                  r"which document|what document|which resolution|which report|legal basis|(?:can cu|co so) phap ly|"
                  r"what number|which number|"
                  r"(?:what|which) (?:reference|document|symbol|official|serial) number|"
                  + OWN_NUMBER_EN + r"|"
                  r"(?:which|what)(?: " + _NOT_VERB + r")? "
                  r"(?:decrees?|decisions?|resolutions?|reports?|directives?|"
                  r"submissions?|ordinances?|laws?|circulars?|notices?)|"
                  r"(?:which|what) (?:[\w'’-]+ ){1,3}(?:notice|decree|circular|resolution|submission)s?|based on)\b"),
    ("agency", r"\b(" + _BODY_WHICH + r"|phong nao|" + _SO_NAO + r"|" + _BODY_TERSE
               + r"|ai chiu trach nhiem|ai chu tri|ai phoi hop|"
               r"ai tham muu|ai (?:duoc )?giao|ai (?:duoc )?de nghi|ai de xuat|"
               r"(?:bao cao|gui|nop)(?: [\w/.-]+){0,6} ve dau|"
               r"(?:giao|phan cong) (?:cho )?ai|"
               r"ai (?:lo|phu trach|dam nhiem|dam trach)|(?:phong|so|ban) nao phu trach|"
               r"(?<!\bo )(?<!\btai )cap nao|"
               r"(?<!\bat )(?<!\bin )which levels? of (?:government|administration|authority)|"
               r"to chuc nao|which agency|which department|which office|"
               r"which unit|which body|which organi[sz]ation|who leads|who is responsible|who coordinates|"
               r"who must|who should|who is in charge|who advises|who is assigned|who|whom|"
               r"truoc ai|bao cao (?:cho )?ai|gui (?:cho |ve )?ai|on whose (?:proposal|recommendation|submission)|"
               r"where (?:do|does|should|must|shall|will|can|are|is) (?:[\w'’-]+ ){0,6}?"
               r"(?:send|sent|submit|submitted|report|reported|file|filed))\b"),
    ("list", _LIST_RULE),
]

# "In the 2023 directive signed by Triệu Thế Hùng, what share …": the signer names the directive; the
# question asks something else. A title and capitalised words after "signed by", following a kind of
# document, when another question word is left.
_SIGNED_BY_NAME = re.compile(r"(?<![Ww]hich )(?<![Ww]hat )"
                             r"\b((?:directive|plan|letter|document|instruction)\b[^?,]{0,24}?)"
                             r"(?<! was)(?<! is)(?<! were)(?<! been) signed by "
                             r"(?:(?:[Cc]hair(?:man|woman|person)?|[Vv]ice[- ][Cc]hair(?:man|woman)?|"
                             r"Mr\.?|Ms\.?|Mrs\.?) )?"
                             r"(?:[A-ZĐ]\w*[ ]?){1,5}")
_OTHER_WH = re.compile(r"\b(?:what|which|how|when|where|why|whom)\b")


def without_signer_name(question: str) -> str:
    """A question without a signer that only names its directive ("the directive signed by X, what …").

    >>> without_signer_name("In the 2023 directive signed by Trieu The Hung, what share must be met?")
    'In the 2023 directive, what share must be met?'
    >>> without_signer_name("Which directive was signed by Triệu Thế Hùng?")  # asks the directive
    'Which directive was signed by Triệu Thế Hùng?'
    >>> without_signer_name("What share must the directive signed by Chairman Trieu The Hung complete?")
    'What share must the directive complete?'
    >>> without_signer_name("Who signed the plan?"), without_signer_name("Was the letter signed by Ms Oanh?")
    ('Who signed the plan?', 'Was the letter signed by Ms Oanh?')
    """
    m = _SIGNED_BY_NAME.search(question)
    if m is None:
        return question
    rest = re.sub(r"\s+([?,])", r"\1", f"{question[:m.start()]}{m.group(1)} {question[m.end():]}")
    return rest if _OTHER_WH.search(fold(rest)) else question


# "What … to individuals who …": "who" after a noun opens a relative clause when another question
# word came first; it asks nothing.
_WH_EN = re.compile(r"\b(?:what|which|how|when|where|why|whom?|whose)\b")
_RELATIVE_WHO = re.compile(r"(?<=[a-z]) whom?\b")


def qtype(question: str) -> str:
    """The type of answer a question wants.

    >>> qtype("Cơ quan nào chủ trì khảo sát SIPAS?"), qtype("Which provincial department must monitor it?")
    ('agency', 'agency')
    >>> qtype("cơ quan cấp tỉnh nào giữ Bộ phận một cửa hoạt động?"), qtype("bố trí công chức dựa trên cơ sở nào?")
    ('agency', 'fact')
    >>> qtype("ai lo viec tham muu giai phap khac phuc ho so qua han o huyen"), qtype("chi thi giao ai theo doi")
    ('agency', 'agency')
    >>> qtype("co quan thuong truc giup UBND tinh trien khai PAPI"), qtype("cơ quan chủ trì được giao những việc gì?")
    ('agency', 'list')
    >>> qtype("When must reports be sent?"), qtype("Công văn 1138 ngày bao nhiêu?"), qtype("What is the date of it?")
    ('date', 'date', 'date')
    >>> qtype("In which period must the lead units carry out their inspection plans?"), qtype("han cuoi ngay may")
    ('date', 'date')
    >>> qtype("When informing residents, what pointers should they be given?")  # "when" sets a scene
    'fact'
    >>> qtype("Tỷ lệ người dân hài lòng phải đạt bao nhiêu?"), qtype("What was Hưng Yên's PAR INDEX ranking in 2018?")
    ('number', 'number')
    >>> qtype("Ai ký Công văn 1138/UBND-NC?"), qtype("Chủ tịch UBND tỉnh ký chỉ thị 05 là ai?")
    ('person', 'person')
    >>> qtype("Chỉ thị 05 ký ban hành ngày nào?"), qtype("Người ký ban hành chỉ thị 05 là ai?")
    ('date', 'person')
    >>> qtype("Công văn 1138 do Chủ tịch UBND huyện nào ký?"), qtype("On whose behalf was Plan 8607 signed?")
    ('person', 'person')
    >>> qtype("Whose name is on the signature of Plan 8607?"), qtype("Whose signature is on Directive 05?")
    ('person', 'person')
    >>> qtype("Which document did Phan Thị Kim Oanh sign?"), qtype("Which decree did the directive cite?")
    ('person', 'reference')
    >>> qtype("What coverage target does the plan set for online public services?")
    'number'
    >>> qtype("whats the satisfaction target for adhoc surveys")  # typed without the apostrophe
    'number'
    >>> qtype("nhung viec nao trong cong van 1138 co han hoan thanh truoc 30/11/2023")
    'list'
    >>> qtype("người đứng đầu phải làm gì?"), qtype("What does the letter ask the Front to do?")
    ('list', 'list')
    >>> qtype("Besides ISO 9001, what else must it do?"), qtype("Which other lines of work is it combined with?")
    ('list', 'list')
    >>> qtype("Mục 2.7 của Công văn 1138 nói gì?"), qtype("What does section II.3.d of Plan 8607 say?")
    ('list', 'list')
    >>> qtype("Chỉ thị chỉ ra những bất cập, hạn chế nào?"), qtype("de nghi mttq tinh lam nhung viec gi")
    ('list', 'list')
    >>> qtype("chi thi yeu cau ra soat loai van ban nao")  # a kind of document, not a document
    'fact'
    >>> qtype("ung dung iso 9001 vao nhung loai co quan don vi nao")  # kinds of body, not bodies
    'fact'
    >>> qtype("According to Directive 05, why had many criteria failed to score well?")
    'fact'
    >>> qtype("Who are the respondents of the survey?"), qtype("Who are responsible for it?")
    ('list', 'agency')
    >>> qtype("What should happen to individuals who commit violations?"), qtype("To whom must it report?")
    ('fact', 'agency')
    >>> qtype("Which Hon Quan district office must make sure of it?"), qtype("Where do we send our reports?")
    ('agency', 'agency')
    >>> qtype("Which Hớn Quản office leads it?"), qtype("Which 2019 directive does it implement?")
    ('agency', 'reference')
    >>> qtype("Which tasks does the office lead?"), qtype("ban hanh ke hoach cham nhat bao lau")
    ('list', 'number')
    >>> qtype("focal agency e-government architecture framework"), qtype("which phòng handles TTHC quá hạn?")
    ('agency', 'agency')
    >>> qtype("so tai chinh hay so ke hoach va dau tu bo tri kinh phi"), qtype("so 05 hay so 06")
    ('agency', 'fact')
    >>> qtype("What document dated 27 April 2023 is cited in section 1.3?")
    'reference'
    >>> qtype("In which year does the directive require a review?"), qtype("Results of which year should be told?")
    ('date', 'fact')
    >>> qtype("tập trung trọng điểm ở cấp nào?"), qtype("cấp nào chịu trách nhiệm?")  # a level where, not who
    ('fact', 'agency')
    >>> qtype("Which level of government must answer?"), qtype("At which level of government is it measured?")
    ('agency', 'fact')
    >>> qtype("phải có ít nhất mấy sáng kiến"), qtype("cong bo vao thang may"), qtype("Which office may sign it?")
    ('number', 'date', 'agency')
    >>> qtype("so phieu khao sat phat ra o huyen"), qtype("số lượng sáng kiến phải có")  # terse counts
    ('number', 'number')
    >>> qtype("PAPI half-year report submission dates")
    'date'
    >>> qtype("Which Government Office notice does the directive cite?")  # an office's document, not the office
    'reference'
    >>> qtype("Which division leads the work on PAR initiatives?")  # a district's phòng
    'agency'
    >>> qtype("Which section of Directive 05 covers ISO 9001?")  # a clause, not a body
    'fact'
    >>> qtype("to trinh phong noi vu so may"), qtype("ke hoach nang cao chi so may")
    ('reference', 'fact')
    >>> qtype("cv 1138 thuc hien cong van so may cua ubnd tinh, ngay nao")  # "số … ngày …" answers both
    'reference'
    >>> qtype("nâng chất lượng cấp sổ đỏ để cải thiện chỉ số nào"), qtype("sở nào chủ trì")  # "chỉ số", not "sở"
    ('fact', 'agency')
    >>> qtype("phân công thời gian hoàn thành theo mốc thời gian nào?"), qtype("mốc thời gian nào phải xong?")
    ('fact', 'date')
    """
    low = fold(without_signer_name(question))
    first = _WH_EN.search(low)
    if first and not first.group(0).startswith("who"):
        low = _RELATIVE_WHO.sub(" that", low)
    for name, pattern in _QTYPE_RULES:
        if re.search(pattern, low):
            if name == "date" and re.search(PERIOD_Q, low):
                return "fact"  # "hoàn thành theo mốc thời gian nào": by which period, said in words
            if name == "date" and _GIVEN_DATE.search(low) and re.search(_LIST_RULE, low):
                return "list"  # "Những việc nào có hạn trước 30/11/2023?": the date is given, the tasks asked
            if name == "date" and _GIVEN_DATE.search(low) and re.search(dict(_QTYPE_RULES)["reference"], low):
                return "reference"  # "What document dated 27 April 2023 is cited?": the document is asked
            if name == "date" and (ref := re.search(dict(_QTYPE_RULES)["reference"], low)) \
                    and re.search(r"\bso (?:may|nao)$", ref.group(0)):
                return "reference"  # "công văn số mấy, ngày nào": a document's symbol is written with its date
            return name
    return "fact"
