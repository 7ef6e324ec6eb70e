"""Which block of a directive a question asks for: the signature, the header (issue date, own
number, subject line), the closing paragraph, the recipients ("Nơi nhận") or the addressees
("Kính gửi")."""

from __future__ import annotations

import re

from rag import cited
from rag.qtype import SIGNER_ASKED, role_held, without_signer_name
from rag.wants import asks_subject
from vanban.text import fold

_SIGNATURE = re.compile(rf"\b({SIGNER_ASKED})\b")
# "ngày nào" alone is no issue date: "hết hiệu lực vào ngày nào" asks something else.
_CLOSING = re.compile(r"\b(closing paragraph|final paragraph|last paragraph|doan cuoi|phan cuoi|cuoi van ban|"
                      r"doan ket|phan ket)\b")
_ISSUED = re.compile(r"\b(ban hanh ngay|ngay ban hanh|ban hanh vao ngay|ban hanh khi nao|ngay ky|ky ngay|ky vao ngay|"
                     r"ky khi nao|issued|dated|date of|signed on)\b|\bdate does\b[^?]*\b(?:bear|carry)\b"
                     r"|\b(ban hanh|(?<!dang )ky)\b(?!.*\b(?:truoc|cham nhat|sau)\b)"  # "đăng ký" signs nothing
                     r".*\b(ngay nao|thoi gian nao|thoi diem nao|khi nao|bao gio|luc nao|nam nao)\b"
                     r"|\bwhen (?:was|were|did)\b.*\b(?:sign|issu)|\b(?:what|which) (?:date|day)\b.*\bsigned\b"
                     r"|\b(?:what|which) (?:date|day) (?:did|was|were)\b.*\bissue")
# "What legal basis does it cite?", "căn cứ pháp lý": what a directive implements, named in its preamble.
_BASIS = re.compile(r"\b(?:legal basis|(?:can cu|co so) phap ly)\b")
# What a directive is about: its subject line ("… là kế hoạch về nội dung gì?", "What is Plan 8607 about?").
# Who receives a copy of a directive: its "Nơi nhận" block ("gửi để báo cáo", "sao gửi"). Who it
# is addressed to ("được gửi đến", "Kính gửi") is in its opening, not here.
_RECIPIENTS = re.compile(r"\b(noi nhan|gui(?: \w+){0,6} de bao cao|sao gui|recipients?|distribution list|"
                         r"copied to|copies (?:are )?sent to|sent for (?:information|reporting)|"
                         r"receives? (?:a )?cop(?:y|ies)|(?:is|was|are|were) copied|nhan (?:ban )?sao|"
                         r"(?:duoc )?luu (?:bao nhieu ban|may ban|tai dau|o dau)|how many copies)\b"
                         r"|\b(?:receiv|sent|send|get)\w*\b[^?]{0,80}\bfor (?:reporting|information|the record)\b"
                         # "Công văn 1138 được gửi tới sở nào": the document sent, not a report sent by it.
                         # ("… yêu cầu các sở gửi cho cơ quan nào" asks where the sở send theirs)
                         r"|\b(?:cong van|chi thi|ke hoach|cv|kh)\b(?:(?!bao cao|yeu cau|phai|de nghi|giao)[^?,]){0,60}"
                         r"\b(?:duoc )?(?<!kinh )gui (?:den |toi |cho )?(?:nhung |cac )?"
                         r"(?:(?:so|bo|co quan|don vi) (?:nao|[a-z ]{0,20}\bnao)|ai|nhung ai|dau|nhung dau)\b")

# Who a letter is addressed to: the "Kính gửi:" list of its opening ("Kính gửi X, …" opening a
# question greets X).
_ADDRESSEES = re.compile(r"(?<!^)\bkinh gui\b|\b(addressed to|addressees?|(?:to whom|who) is [^?]{0,60}\baddressed|"
                         r"(?:cong van|cv|van ban)(?: so)?(?: [\w/.-]+)? (?:duoc )?gui (?:den|toi|cho) "
                         r"(?:nhung|cac))\b")
ADDRESS_LINE = re.compile(r"^\s*kinh gui\b")  # folded


def part_kinds(question: str) -> set[str]:
    """Parts of a directive a question is about (the signature block, the header, the recipients).

    >>> sorted(part_kinds("Chỉ thị được gửi để báo cáo những cơ quan nào?")), sorted(part_kinds("Who signed it?"))
    (['recipients'], ['signature'])
    >>> part_kinds("chi thi tang cuong CCHC 2023 gui nhung co quan nao de bao cao")
    {'recipients'}
    >>> part_kinds("Công văn 1138 gửi những sở nào?"), part_kinds("Công văn 1138 yêu cầu gửi báo cáo về sở nào?")
    ({'recipients'}, set())
    >>> part_kinds("Kế hoạch 8607 gửi những cơ quan nào?")
    {'recipients'}
    >>> part_kinds("Kế hoạch 8607 yêu cầu các sở gửi cho cơ quan nào?")  # where the sở send theirs
    set()
    >>> part_kinds("Công văn 1138 do Chủ tịch UBND huyện nào ký?"), part_kinds("Ai đã ký kế hoạch PAPI?")
    ({'signature'}, {'signature'})
    >>> sorted(part_kinds("What is the subject line of Official Letter 1138?"))  # the "V/v" line
    ['header']
    >>> part_kinds("Kế hoạch 8607 là kế hoạch về nội dung gì?"), part_kinds("What is Plan 8607/KH-UBND about?")
    ({'header'}, {'header'})
    >>> part_kinds("What does Plan 8607 say about the survey?"), part_kinds("chi thi duoc luu bao nhieu ban")
    (set(), {'recipients'})
    >>> part_kinds("cv 1138 kinh gui nhung co quan nao"), part_kinds("To whom is Official Letter 1138 addressed?")
    ({'addressees'}, {'addressees'})
    >>> part_kinds("Kính gửi Văn phòng, xin cho biết Công văn 1138 viện dẫn thông báo số mấy?")  # a salutation
    set()
    >>> part_kinds("What is the subject line of the 2023 directive signed by Chairman Triệu Thế Hùng?")
    {'header'}
    >>> part_kinds("What legal basis does Directive 05 cite?"), part_kinds("Chỉ thị 05 có căn cứ pháp lý nào?")
    ({'preamble'}, {'preamble'})
    """
    low = fold(without_signer_name(question))
    kinds = set()
    if _SIGNATURE.search(low) or role_held(question):
        kinds.add("signature")
    if asks_issue_date(question) or asks_subject(question) or asks_own_number(question):
        kinds.add("header")
    if _CLOSING.search(low):
        kinds.add("closing")
    if _BASIS.search(low):
        kinds.add("preamble")
    if _RECIPIENTS.search(low):
        kinds.add("recipients")
    elif _ADDRESSEES.search(low):
        kinds.add("addressees")
    if {"header", "signature"} <= kinds and not _WHO_SIGNED.search(low):
        kinds.discard("signature")  # "the subject line of the directive signed by X": the signer only names it
    return kinds


_WHO_SIGNED = re.compile(r"\b(?:ai (?:da )?ky|nguoi ky|who (?:has |had )?signed|signer|signatory|nao ky|"
                         r"ky [^?]{0,40}\bla ai)\b")
_KINDS = (r"\b(?:thong bao|nghi dinh|quyet dinh|to trinh|bao cao|nghi quyet|thong tu|van ban|chi thi|ke hoach|cong van|"
          r"kh|ct|cv)\b")
_OWN_NUMBER = re.compile(r"\b((?<!chi )(?<!iso )so hieu(?! qua)|so(?:,| va)? ky hieu|"
                         r"(?:what|which) is the (?:document |reference )?number|"
                         r"(?:what|which) (?:reference |document |official )?number|"
                         r"number of the (?:plan|letter|directive|document|official letter))\b"
                         # "kh papi hy 2023 số mấy": the document's type word, then "số mấy" closing the question
                         # as the only kind of document it names ("… viện dẫn thông báo số mấy" asks another's)
                         r"|^(?!(?:.*?" + _KINDS + r"){2})[^?]*" + _KINDS
                         + r"[^?]*(?<!chi )(?<!iso )\bso (?:may|bao nhieu)\s*\??\s*$")


def asks_own_number(question: str) -> bool:
    """True when a question asks a directive's own number ("Số hiệu của kế hoạch … là gì?"):
    only then is that number an answer; "căn cứ văn bản nào" asks for another document.

    >>> asks_own_number("Số hiệu của kế hoạch nâng cao PAPI năm 2023 là gì?")
    True
    >>> asks_own_number("Kế hoạch 8607 căn cứ văn bản nào?")
    False
    >>> asks_own_number("Chỉ thị năm 2023 có số, ký hiệu là gì?")
    True
    >>> asks_own_number("ap dung he thong quan ly chat luong iso so hieu may")  # the standard's number
    False
    >>> asks_own_number("What reference number does Hưng Yên's 2023 PAPI plan carry?")
    True
    >>> asks_own_number("Ai chỉ đạo nâng cao Chỉ số hiệu quả quản trị và hành chính công?")  # "chỉ số hiệu quả"
    False
    >>> asks_own_number("kh papi hy 2023 so may"), asks_own_number("ke hoach papi dat chi so bao nhieu")
    (True, False)
    >>> asks_own_number("Kế hoạch 8607 cụ thể hóa chỉ thị số mấy?")  # the directive it cites
    False
    >>> asks_own_number("ke hoach cchc nam 2019 ma ct 05 nhac toi co so hieu la gi")  # the plan Directive 05 cites
    False
    """
    low = fold(question)
    return bool(_OWN_NUMBER.search(low)) and not cited.cited_by_kind(question)



def asks_issue_date(question: str) -> bool:
    """True when a question asks when a directive was issued or signed (its header's date).

    >>> asks_issue_date("When was Plan 8607/KH-UBND issued?"), asks_issue_date("Báo cáo gửi trước ngày nào?")
    (True, False)
    >>> asks_issue_date("Công văn 1138 ngày bao nhiêu?"), asks_issue_date("Báo cáo gửi trước ngày bao nhiêu?")
    (True, False)
    >>> asks_issue_date("On what date was the directive signed?")
    True
    >>> asks_issue_date("On what date did the chairman issue it?"), asks_issue_date("By what date must units issue?")
    (True, False)
    >>> asks_issue_date("hạn hoàn thành đăng ký công việc đột phá là ngày nào?")  # a registration, not a signature
    False
    >>> asks_issue_date("Công văn 1138 ngày nào?"), asks_issue_date("cv 1138 ngay nao")
    (True, True)
    >>> asks_issue_date("han muc 1.2 ngay nao")
    False
    """
    low = fold(question)
    if re.fullmatch(_KINDS + r"\s+(?:so\s+)?[\w/.-]+\s+(?:ra |co |mang )?ngay (?:nao|may)\W*", low):
        return True  # "Công văn 1138 ngày nào?": nothing but the document and "ngày nào"
    if re.search(r"\bngay bao nhieu\b", low):  # the letter's date, unless something is due by it
        return not re.search(r"\b(truoc|han|hoan thanh|gui|nop|tu|den)\b", low)
    return bool(_ISSUED.search(low))
