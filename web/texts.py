"""Interface text of the web chat, in Vietnamese (the default) and English."""

from __future__ import annotations

T: dict[str, dict[str, str]] = {
    "vi": {
        "title": "Trợ lý tra cứu văn bản chỉ đạo",
        "intro": (
            "Hỏi đáp về các chỉ thị, kế hoạch, công văn về cải cách hành chính (PAR INDEX, PAPI, SIPAS). "
            "Mỗi câu trả lời kèm điều khoản làm căn cứ; bấm vào một câu trả lời để xem lại căn cứ của nó."
        ),
        "chat_label": "Hội thoại",
        "placeholder": "Nhập câu hỏi, ví dụ: Ai ký Chỉ thị 05/CT-CTUBND?",
        "question_label": "Câu hỏi",
        "send": "Hỏi",
        "examples": "Câu hỏi mẫu (bấm để hỏi)",
        "sources": "Căn cứ",
        "related": "Có thể liên quan",
        "abstain_tag": "Chưa có câu trả lời chắc chắn",
        "hint": "Xem toàn văn và bản gốc ở khung bên phải.",
        "evidence_title": "Điều khoản làm căn cứ",
        "evidence_empty": (
            "Các điều khoản làm căn cứ cho câu trả lời sẽ hiện ở đây. "
            "Bấm vào một câu trả lời trong hội thoại để xem lại căn cứ của nó."
        ),
        "no_sources": "Không có điều khoản nào được trích dẫn.",
        "open_document": "Mở toàn văn tại điều khoản này",
        "original": "Văn bản gốc (OCR)",
        "review": "Đoạn này được sửa tự động từ bản quét chất lượng thấp (độ tin cậy {pct}%): hãy đối chiếu văn bản gốc.",
        "cited_here": "được trích dẫn",
        "clause": "Mục",
        "doc_picker": "Xem toàn văn văn bản tại điều khoản",
        "document_label": "Toàn văn",
        "feedback_label": "Góp ý cho câu trả lời đang chọn (không bắt buộc)",
        "feedback_placeholder": "Ví dụ: thiếu căn cứ, sai cơ quan…",
        "up": "👍 Hữu ích",
        "down": "👎 Chưa đúng",
        "feedback_saved": "Đã ghi nhận góp ý. Cảm ơn anh/chị!",
        "feedback_none": "Chưa có câu trả lời nào để góp ý.",
        "new_chat": "Cuộc hội thoại mới",
        "empty": "Vui lòng nhập câu hỏi.",
        "too_long": "Câu hỏi quá dài ({n} ký tự); tối đa {max} ký tự.",
        "busy": "Hệ thống đang cập nhật chỉ mục văn bản, vui lòng hỏi lại sau ít phút.",
        "overloaded": "Hệ thống đang bận, vui lòng thử lại sau ít giây.",
        "failed": "Có lỗi khi trả lời câu hỏi này. Vui lòng thử lại hoặc báo quản trị viên.",
        "error_title": "Không thể trả lời",
        "m_number": "Số hiệu", "m_type": "Loại văn bản", "m_issuer": "Cơ quan ban hành", "m_level": "Cấp",
        "m_date": "Ngày ban hành", "m_signer": "Người ký", "m_stamp": "Ký số", "m_file": "Tệp",
    },
    "en": {
        "title": "Directive lookup assistant",
        "intro": (
            "Questions and answers about the administrative-reform directives, plans and letters (PAR INDEX, "
            "PAPI, SIPAS). Every answer cites the clauses it rests on; click an answer to see its sources again."
        ),
        "chat_label": "Conversation",
        "placeholder": "Type a question, e.g. Who signed Directive 05/CT-CTUBND?",
        "question_label": "Question",
        "send": "Ask",
        "examples": "Example questions (click to ask)",
        "sources": "Sources",
        "related": "Possibly related",
        "abstain_tag": "No reliable answer",
        "hint": "The whole directive and the original text are in the panel on the right.",
        "evidence_title": "Clauses the answer rests on",
        "evidence_empty": "The clauses an answer rests on appear here. Click an answer in the conversation to see its sources.",
        "no_sources": "No clause was cited.",
        "open_document": "Open the whole directive at this clause",
        "original": "Original text (OCR)",
        "review": "This passage was machine-repaired from a poor scan (confidence {pct}%): check it against the original.",
        "cited_here": "cited",
        "clause": "Clause",
        "doc_picker": "Read the whole directive at a clause",
        "document_label": "Whole directive",
        "feedback_label": "Comment on the selected answer (optional)",
        "feedback_placeholder": "e.g. a source is missing, wrong agency…",
        "up": "👍 Helpful",
        "down": "👎 Not right",
        "feedback_saved": "Thank you, your feedback was recorded.",
        "feedback_none": "There is no answer to give feedback on yet.",
        "new_chat": "New conversation",
        "empty": "Please type a question.",
        "too_long": "The question is too long ({n} characters); at most {max} characters.",
        "busy": "The directive index is being rebuilt; please ask again in a few minutes.",
        "overloaded": "The assistant is busy; please try again in a few seconds.",
        "failed": "Something went wrong while answering. Please try again or tell the administrator.",
        "error_title": "Cannot answer",
        "m_number": "Number", "m_type": "Type", "m_issuer": "Issuer", "m_level": "Level",
        "m_date": "Date", "m_signer": "Signed by", "m_stamp": "Digitally signed", "m_file": "File",
    },
}

LEVELS: dict[str, dict[str, str]] = {
    "vi": {"province": "cấp tỉnh", "district": "cấp huyện", "commune": "cấp xã"},
    "en": {"province": "province level", "district": "district level", "commune": "commune level"},
}

CLAUSE_NAMES: dict[str, dict[str, str]] = {
    "vi": {"meta": "Phần đầu văn bản", "title": "Tiêu đề", "preamble": "Phần mở đầu", "closing": "Phần kết",
           "recipients": "Nơi nhận", "signature": "Chữ ký"},
    "en": {"meta": "Heading", "title": "Title", "preamble": "Preamble", "closing": "Closing",
           "recipients": "Recipients", "signature": "Signature"},
}

# Clickable examples: Vietnamese with and without diacritics, English, and a follow-up.
EXAMPLES: list[str] = [
    "Ai ký Chỉ thị 05/CT-CTUBND?",
    "Sở Nội vụ tuyên truyền cải cách hành chính bằng những hình thức nào?",
    "chi thi 05 yeu cau niem yet thu tuc hanh chinh o dau",
    "co quan nao tham muu ubnd tinh ve cong tac kiem soat thu tuc hanh chinh",
    "When was Directive 05/CT-CTUBND of Hưng Yên province issued?",
    "Which agency leads the SIPAS survey?",
    "còn huyện Hớn Quản thì sao?",
]
