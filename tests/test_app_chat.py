"""The Gradio chat through ``gradio_client`` against the running app, plus the app behind a
reverse-proxy path and with a login (issue 6)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

pytest_plugins = ["conftest_app"]
pytestmark = pytest.mark.slow
ASK = "ai ky chi thi 05/CT-CTUBND"


@pytest.fixture()
def client(live_app) -> Iterator[object]:
    from gradio_client import Client

    c = Client(f"{live_app.url}/", verbose=False)
    yield c
    c.close()


def _messages(chat_update: dict) -> list[str]:
    value = chat_update["value"] if isinstance(chat_update, dict) and "value" in chat_update else chat_update
    out = []
    for message in value:
        content = message["content"]
        out.append(content[0]["text"] if isinstance(content, list) else content)
    return out


def test_chat_answers_with_citations_and_side_panel(client, assistant) -> None:
    box, chat, evidence, picker, document, header, comment = client.predict(ASK, [], api_name="/ask")
    user, bot = _messages(chat)
    cited = assistant.ask(ASK).citations[0]
    assert "ai ky chi thi 05/CT-CTUBND" in user
    assert 'class="vb-msg vb-answered"' in bot and "05/CT-CTUBND" in bot
    assert "Căn cứ" in bot and "cấp tỉnh" in bot  # Vietnamese interface by default
    assert "vb-card" in evidence and "Văn bản gốc (OCR)" in evidence
    if cited.span:  # the supporting span is highlighted in the chat and in the panel
        assert "<mark>" in bot and "<mark>" in evidence
    assert "/documents/002_" in evidence  # a link that opens the whole directive at the clause
    choices = picker["choices"]
    assert choices and choices[0][1].startswith("002_")
    whole = client.predict(choices[0][1], api_name="/document")
    assert "vb-cited" in whole and "vb-clause-row" in whole and "05/CT-CTUBND" in whole


def test_chat_switches_to_english_for_english_questions(client) -> None:
    box, chat, evidence, *_ = client.predict("Which agency leads the SIPAS survey?", [], api_name="/ask")
    bot = _messages(chat)[-1]
    assert 'lang="en"' in bot
    assert any(word in bot for word in ("Sources", "Possibly related"))
    assert box["placeholder"].startswith("Type a question")


def test_chat_follow_up_uses_earlier_questions(client, assistant) -> None:
    first, follow = "Cơ quan nào chủ trì tham mưu nâng cao chỉ số PAPI?", "còn huyện Hớn Quản thì sao?"
    _, chat, *_ = client.predict(first, [], api_name="/ask")
    _, chat, *_ = client.predict(follow, chat["value"], api_name="/ask")
    expected = assistant.ask(follow, history=[first])
    bot = _messages(chat)[-1]
    assert len(_messages(chat)) == 4
    assert expected.citations[0].number in bot if expected.citations else "vb-abstained" in bot


def test_chat_escapes_html_and_script_in_questions(client) -> None:
    evil = '<script>alert(1)</script><img src=x onerror=alert(2)> <b>ai</b> ký chỉ thị 05/CT-CTUBND?'
    _, chat, evidence, *_ = client.predict(evil, [], api_name="/ask")
    user = _messages(chat)[0]
    assert "&lt;script&gt;" in user and "&lt;img" in user and "&lt;b&gt;" in user
    for html in (user, evidence):
        assert "<script" not in html and "<img" not in html and "<b>ai" not in html


@pytest.mark.parametrize(("question", "needle"), [("", "nhập câu hỏi"), ("  ", "nhập câu hỏi"),
                                                  ("câu hỏi " * 12_500, "quá dài")])
def test_chat_bad_questions_get_a_clear_message(client, question, needle) -> None:
    with pytest.raises(Exception, match=needle):
        client.predict(question, [], api_name="/ask")


def test_chat_feedback_is_appended_to_the_log(client, live_app) -> None:
    _, chat, *_ = client.predict(ASK, [], api_name="/ask")
    comment, status = client.predict("thiếu căn cứ <b>x</b>", api_name="/feedback_down")
    assert "Cảm ơn" in status
    rows = [json.loads(x) for x in live_app.feedback.read_text(encoding="utf-8").splitlines()]
    row = rows[-1]
    assert row["rating"] == "down" and row["comment"] == "thiếu căn cứ <b>x</b>" and row["source"] == "chat"
    assert row["question"] == ASK and row["answer"] and row["citations"][0]["number"] == "05/CT-CTUBND"
    assert row["timestamp"]


def test_html_in_a_directive_is_never_live(client, live_app, assistant, monkeypatch) -> None:
    from vanban.records import Answer, Citation, Clause, Document, DocMeta

    evil = 'Sở Nội vụ <script>alert(1)</script><img src=x onerror=alert(2)> chủ trì **[x](javascript:y)**'
    doc = Document("d9", "d9.txt", "0", DocMeta(number="9/CT-X", title="<i>T</i>"),
                   [Clause("d9", "1", "item", evil, evil + " <b>ocr</b>")])
    cite = Citation("d9", "9/CT-X", "1", evil, "d9#1", "<i>T</i>", "province", (0, 9), evil + " <b>ocr</b>")
    fake = Answer("q", "<svg onload=alert(3)> Sở Nội vụ chủ trì", [cite], confidence=0.9)
    monkeypatch.setattr(assistant, "ask", lambda question, history=None, filters=None: fake)
    monkeypatch.setattr(assistant, "document", lambda key: doc)
    _, chat, evidence, picker, *_ = client.predict("ai chủ trì?", [], api_name="/ask")
    whole = client.predict(picker["choices"][0][1], api_name="/document")
    page = httpx.get(f"{live_app.url}/documents/d9?clause=1").text.split("<body>", 1)[1]
    for html in (_messages(chat)[1], evidence, whole, page):
        assert "&lt;script&gt;" in html and "&lt;img" in html
        for bad in ("<script", "<img", "<svg", "<i>", "<b>ocr"):
            assert bad not in html
    record = httpx.post(f"{live_app.url}/api/ask", json={"question": "ai chủ trì?"}).json()
    assert record["citations"][0]["text"] == evil  # the JSON API returns the text as it is


def test_feedback_without_an_answer_is_refused(client) -> None:
    with pytest.raises(Exception, match="Chưa có câu trả lời"):
        client.predict("", api_name="/feedback_up")


def test_app_behind_a_reverse_proxy_path(assistant, tmp_path) -> None:
    from conftest_app import start_server, stop_server
    from web.feedback import FeedbackLog
    from web.server import create_app

    app = create_app(assistant, feedback=FeedbackLog(tmp_path / "f.jsonl"), auth=None, root="/vanban")
    url, server, thread = start_server(app, root_path="/vanban")  # the proxy strips /vanban
    try:
        assert httpx.get(f"{url}/config").json()["root"].endswith("/vanban")
        assert httpx.get(f"{url}/").status_code == 200
        assert httpx.post(f"{url}/api/ask", json={"question": ASK}, timeout=60).status_code == 200
        assert "/vanban/openapi.json" in httpx.get(f"{url}/docs").text
        proxied = {"X-Forwarded-Host": "intranet.sonoivu.example", "X-Forwarded-Proto": "https"}
        assert httpx.get(f"{url}/config", headers=proxied).json()["root"] == "https://intranet.sonoivu.example/vanban"
    finally:
        stop_server(server, thread)


def test_optional_login(assistant, tmp_path) -> None:
    from conftest_app import start_server, stop_server
    from web.feedback import FeedbackLog
    from web.server import create_app

    app = create_app(assistant, feedback=FeedbackLog(tmp_path / "f.jsonl"), auth=("canbo", "mật-khẩu"), root="")
    url, server, thread = start_server(app)
    try:
        assert httpx.get(f"{url}/healthz").status_code == 200
        assert httpx.get(f"{url}/config").status_code == 401  # the chat needs the login form
        refused = httpx.post(f"{url}/api/ask", json={"question": ASK})
        assert refused.status_code == 401 and refused.headers["www-authenticate"].startswith("Basic")
        ok = httpx.post(f"{url}/api/ask", json={"question": ASK}, auth=("canbo", "mật-khẩu"), timeout=60)
        assert ok.status_code == 200
        with httpx.Client(base_url=url) as browser:
            login = browser.post("/login", data={"username": "canbo", "password": "mật-khẩu"})
            assert login.status_code == 200 and browser.get("/config").status_code == 200
    finally:
        stop_server(server, thread)
