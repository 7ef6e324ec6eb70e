"""The Gradio chat: conversation, citations panel, whole-directive view and feedback.

Per browser session the chat keeps the raw questions (passed to ``Assistant.ask`` as ``history``
so follow-ups resolve), the ``Answer`` objects (for the side panel and feedback) and the index
of the answer being looked at. The chatbot only ever receives HTML made by ``web.render`` from
escaped text.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

import gradio as gr
from gradio import route_utils

from rag.service import Assistant
from vanban.errors import VanbanError
from vanban.records import Answer
from web import edge, render
from web.edge import EdgeError
from web.feedback import FeedbackLog
from web.texts import EXAMPLES, T

log = logging.getLogger("vanban.web")
# Scroll the directive panel (not the page) to the cited clause once it is rendered.
SCROLL_TO_CITED = """() => {
  setTimeout(() => {
    const box = document.querySelector('#vb-document .vb-document');
    const el = box && box.querySelector('.vb-cited');
    if (el) { box.scrollTop = Math.max(0, el.offsetTop - 24); }
  }, 150);
}"""


def _root_url(request: gr.Request | None, root_path: str) -> str:
    """The public root URL of the app for this request ("" when unknown: links stay relative)."""
    try:
        req = request.request if request is not None else None
        if req is None:
            return ""
        return route_utils.get_root_url(req, route_utils.get_api_call_path(req), root_path or None)
    except Exception:  # noqa: BLE001 - a link is not worth failing an answer for
        return ""


def _header(lang: str) -> str:
    t = T[lang]
    return f"## {t['title']}\n{t['intro']}"


def _answer_index(chat: list[dict[str, Any]], message_index: int) -> int | None:
    """Which answer (0-based, in order) the chat message at ``message_index`` is, if an answer."""
    if not 0 <= message_index < len(chat) or _role(chat[message_index]) != "assistant":
        return None
    return sum(1 for m in chat[:message_index] if _role(m) == "assistant")


def _role(message: Any) -> str:
    return message.get("role", "") if isinstance(message, dict) else getattr(message, "role", "")


class ChatApp:
    """The handlers of the chat, bound to one assistant and one feedback log."""

    def __init__(self, assistant: Assistant, feedback: FeedbackLog, root_path: str = ""):
        self.assistant, self.feedback, self.root_path = assistant, feedback, root_path

    # -- asking ---------------------------------------------------------------------------------
    def ask(self, question: str, chat: list[dict[str, Any]] | None, questions: list[str] | None,
            answers: list[Answer] | None, lang: str, request: gr.Request) -> tuple[Any, ...]:
        """Answer ``question`` in the conversation; errors become a toast in the user's language."""
        chat, questions, answers = list(chat or []), list(questions or []), list(answers or [])
        guess = render.ui_lang(question or "", None) if (question or "").strip() else lang
        try:
            answer = edge.ask(self.assistant, question, questions)
        except EdgeError as exc:
            raise gr.Error(exc.message(guess), title=T[guess]["error_title"]) from exc
        lang = render.ui_lang(answer.question, answer.lang)
        chat += [
            {"role": "user", "content": render.render_user_message(answer.question)},
            {"role": "assistant", "content": render.render_message(answer, lang)},
        ]
        questions.append(answer.question)
        # Kept per session: the retrieved clauses only where the panel shows them (abstentions).
        answers.append(replace(answer, hits=render.related_hits(answer) if answer.abstained else []))
        base = _root_url(request, self.root_path)
        return (
            gr.update(value="", placeholder=T[lang]["placeholder"], label=T[lang]["question_label"],
                      submit_btn=T[lang]["send"]),
            gr.update(value=chat, label=T[lang]["chat_label"]),
            questions, answers, len(answers) - 1, lang, base,
            render.render_evidence(answer, lang, base),
            gr.update(choices=render.citation_choices(answer, lang), value=None, label=T[lang]["doc_picker"]),
            "",
            *self._labels(lang),
        )

    def _labels(self, lang: str) -> tuple[Any, ...]:
        t = T[lang]
        return (
            _header(lang),
            gr.update(label=t["feedback_label"], placeholder=t["feedback_placeholder"]),
            gr.update(value=t["up"]), gr.update(value=t["down"]), gr.update(value=t["new_chat"]),
        )

    # -- looking at answers and directives ------------------------------------------------------
    def select(self, chat: list[dict[str, Any]], answers: list[Answer], lang: str, base: str,
               evt: gr.SelectData) -> tuple[Any, ...]:
        """Show the sources of the answer the user clicked."""
        index = evt.index if isinstance(evt.index, int) else (evt.index[0] if evt.index else -1)
        k = _answer_index(chat or [], index)
        if k is None or k >= len(answers or []):
            return gr.skip(), gr.skip(), gr.skip(), gr.skip()
        answer = answers[k]
        return (k, render.render_evidence(answer, lang, base),
                gr.update(choices=render.citation_choices(answer, lang), value=None), "")

    def open_document(self, choice: str | None, lang: str) -> str:
        """The whole directive of a ``doc_id#label`` choice, with that clause marked."""
        if not choice:
            return ""
        doc_id, _, label = choice.partition("#")
        try:
            doc = self.assistant.document(doc_id)
        except VanbanError as exc:
            raise gr.Error(edge.translate(exc).message(lang)) from exc
        return render.render_document(doc, label or None, lang)

    # -- feedback -------------------------------------------------------------------------------
    def rate(self, rating: str, comment: str, questions: list[str], answers: list[Answer],
             selected: int | None, lang: str) -> tuple[Any, str]:
        """Log a thumbs up/down (and the comment, if any) on the selected answer."""
        if not answers:
            raise gr.Error(T[lang]["feedback_none"])
        k = selected if selected is not None and 0 <= selected < len(answers) else len(answers) - 1
        self._log(answers[k], rating, comment, questions[:k])
        return gr.update(value=""), T[lang]["feedback_saved"]

    def like(self, questions: list[str], answers: list[Answer], chat: list[dict[str, Any]], lang: str,
             evt: gr.LikeData) -> str:
        """The chatbot's own thumbs on a message."""
        index = evt.index if isinstance(evt.index, int) else evt.index[0]
        k = _answer_index(chat or [], index)
        if k is None or k >= len(answers or []):
            return ""
        rating = "up" if evt.liked is True else "down" if evt.liked is False else None
        if rating is None:  # the thumb was taken back
            return ""
        self._log(answers[k], rating, "", questions[:k])
        return T[lang]["feedback_saved"]

    def _log(self, answer: Answer, rating: str | None, comment: str, history: list[str]) -> None:
        try:
            self.feedback.record(answer, rating, comment or "", history, source="chat")
        except (OSError, ValueError) as exc:
            log.exception("feedback not recorded")
            raise gr.Error(str(exc)) from exc

    def reset(self) -> tuple[Any, ...]:
        """A new conversation (the interface language stays)."""
        return [], [], [], None, render.render_evidence(None, "vi"), gr.update(choices=[], value=None), "", ""


def build_chat(assistant: Assistant, feedback: FeedbackLog, root_path: str = "",
               concurrency: int = 2) -> gr.Blocks:
    """The chat as a ``gr.Blocks`` (queue not configured; see ``web.server``)."""
    app = ChatApp(assistant, feedback, root_path)
    t = T["vi"]
    with gr.Blocks(title=t["title"], fill_width=True, analytics_enabled=False) as demo:
        questions = gr.State([])
        answers = gr.State([])
        selected = gr.State(None)
        lang = gr.State("vi")
        base = gr.State("")
        header = gr.Markdown(_header("vi"), elem_id="vb-header")
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=360):
                chatbot = gr.Chatbot(
                    label=t["chat_label"], elem_id="vb-chat", height=560, sanitize_html=True, render_markdown=True,
                    latex_delimiters=[], allow_tags=False, feedback_options=("Like", "Dislike"),
                    buttons=["copy"], group_consecutive_messages=False,
                )
                box = gr.Textbox(
                    placeholder=t["placeholder"], label=t["question_label"], show_label=False, lines=1, max_lines=4,
                    max_length=assistant.config.max_question_chars, submit_btn=t["send"], elem_id="vb-question",
                    autofocus=True,
                )
                gr.Markdown(f"**{t['examples']}** · *{T['en']['examples']}*", elem_classes=["vb-examples-h"])
                with gr.Row(elem_classes=["vb-examples"]):
                    example_buttons = [gr.Button(q, size="sm", variant="secondary") for q in EXAMPLES]
                with gr.Row(elem_id="vb-feedback"):
                    comment = gr.Textbox(label=t["feedback_label"], placeholder=t["feedback_placeholder"], scale=4,
                                         max_length=2000, elem_id="vb-comment")
                    up = gr.Button(t["up"], scale=1, min_width=90, elem_id="vb-up")
                    down = gr.Button(t["down"], scale=1, min_width=90, elem_id="vb-down")
                status = gr.Markdown("", elem_id="vb-status")
                new = gr.Button(t["new_chat"], size="sm", variant="secondary", elem_id="vb-new")
            with gr.Column(scale=2, min_width=320, elem_id="vb-side"):
                evidence = gr.HTML(render.render_evidence(None, "vi"), elem_id="vb-evidence")
                picker = gr.Dropdown(choices=[], value=None, label=t["doc_picker"], elem_id="vb-picker",
                                     interactive=True)
                document = gr.HTML("", elem_id="vb-document")

        outputs = [box, chatbot, questions, answers, selected, lang, base, evidence, picker, document,
                   header, comment, up, down, new]
        common = {"concurrency_limit": concurrency, "concurrency_id": "ask", "show_progress": "minimal"}
        box.submit(app.ask, [box, chatbot, questions, answers, lang], outputs, api_name="ask", **common)
        for button, text in zip(example_buttons, EXAMPLES, strict=True):
            def ask_example(chat: list[dict[str, Any]], qs: list[str], ans: list[Answer], lg: str,
                            request: gr.Request, text: str = text) -> tuple[Any, ...]:
                return app.ask(text, chat, qs, ans, lg, request)

            button.click(ask_example, [chatbot, questions, answers, lang], outputs, api_visibility="private", **common)
        chatbot.select(app.select, [chatbot, answers, lang, base], [selected, evidence, picker, document],
                       api_visibility="private")
        chatbot.like(app.like, [questions, answers, chatbot, lang], status, api_visibility="private")
        picker.change(app.open_document, [picker, lang], document, api_name="document").then(
            None, js=SCROLL_TO_CITED)
        def feedback_up(comment: str, qs: list[str], ans: list[Answer], sel: int | None, lg: str) -> tuple[Any, str]:
            """Thumbs up, with an optional comment, on the selected answer."""
            return app.rate("up", comment, qs, ans, sel, lg)

        def feedback_down(comment: str, qs: list[str], ans: list[Answer], sel: int | None, lg: str) -> tuple[Any, str]:
            """Thumbs down, with an optional comment, on the selected answer."""
            return app.rate("down", comment, qs, ans, sel, lg)

        feedback_inputs = [comment, questions, answers, selected, lang]
        up.click(feedback_up, feedback_inputs, [comment, status], api_name="feedback_up")
        down.click(feedback_down, feedback_inputs, [comment, status], api_name="feedback_down")
        new.click(app.reset, None, [chatbot, questions, answers, selected, evidence, picker, document, status],
                  api_visibility="private")
    return demo
