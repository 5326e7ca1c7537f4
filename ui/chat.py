"""The chat page: a Gradio Blocks layout whose handlers call the shared AskService, never retrieval."""

from __future__ import annotations

import logging
import time
from collections.abc import Generator, Iterator
from typing import Any

import gradio as gr
from pydantic import ValidationError

from assistant.admission import Admission
from assistant.schemas import AskRequest, AskResponse, Turn
from assistant.services import Services
from dgplan.errors import ServerBusy
from ui.feedback_store import FeedbackStore
from ui.friendly_errors import friendly_message, message, retry_delay
from ui.render import busy_html, error_html, partial_html, response_html, user_html, working_html

log = logging.getLogger(__name__)

MAX_HISTORY_TURNS = 10
MAX_TURN_CHARS = 8000
BUSY_ATTEMPTS = 6  # tries for an answer slot while the server is saturated (waits 1, 2, 4, 8, 8 s between)
BUSY_QUEUE_WAIT_S = 2.0  # each try may wait this long in the shared queue

TEXT: dict[str, dict[str, str]] = {
    "th": {
        "header": (
            '<div id="dg-header"><div class="dg-brand">ผู้ช่วยแผนพัฒนารัฐบาลดิจิทัล</div>'
            '<div class="dg-tagline">ตอบคำถามเรื่องแผนพัฒนารัฐบาลดิจิทัลของประเทศไทย พ.ศ. 2566–2570 '
            "และกฎหมายที่เกี่ยวข้อง พร้อมอ้างอิงเอกสารต้นฉบับ</div></div>"
        ),
        "placeholder": "พิมพ์คำถามเกี่ยวกับแผนพัฒนารัฐบาลดิจิทัล…",
        "chat_label": "บทสนทนา",
        "welcome": (
            "### สวัสดีครับ/ค่ะ\nถามเรื่องแผนพัฒนารัฐบาลดิจิทัล โครงการสำคัญ หรือกฎหมายที่เกี่ยวข้อง "
            "ทุกคำตอบมีเลขอ้างอิง **[n]** ที่คลิกอ่านข้อความต้นฉบับได้"
        ),
        "send": "ส่ง",
        "notice": "แจ้งเตือน",
        "new": "เริ่มบทสนทนาใหม่",
        "officials": "ตัวอย่างคำถามสำหรับเจ้าหน้าที่รัฐ",
        "citizens": "ตัวอย่างคำถามสำหรับประชาชน",
        "feedback": "คำตอบล่าสุดมีประโยชน์หรือไม่?",
        "up": "👍 มีประโยชน์",
        "down": "👎 ไม่มีประโยชน์",
        "comment": "ความคิดเห็นเพิ่มเติม (ไม่บังคับ)",
        "comment_ph": "เช่น คำตอบขาดข้อมูลอะไร หรืออ้างอิงผิดเอกสาร",
        "thanks": "✅ บันทึกความคิดเห็นแล้ว ขอบคุณครับ/ค่ะ",
        "nothing": "ยังไม่มีคำตอบให้ประเมิน กรุณาถามคำถามก่อน",
        "kind_label": "ประเภทเอกสาร",
        "doc_label": "ถามเฉพาะเอกสาร",
        "all_kinds": "ทุกประเภท",
        "footer": 'ข้อมูลจากเอกสารทางการเท่านั้น · <a href="/docs" target="_blank">API สำหรับนักพัฒนา</a>',
    },
    "en": {
        "header": (
            '<div id="dg-header"><div class="dg-brand">Digital Government Plan Assistant</div>'
            '<div class="dg-tagline">Answers about Thailand\'s Digital Government Development Plan 2023–2027 '
            "(B.E. 2566–2570) and related laws, citing the official documents</div></div>"
        ),
        "placeholder": "Ask about the Digital Government Development Plan…",
        "chat_label": "Conversation",
        "welcome": (
            "### Hello\nAsk about the Digital Government Plan, its key projects or related laws. "
            "Every answer has numbered sources **[n]**; click one to read the quoted passage."
        ),
        "send": "Send",
        "notice": "Notice",
        "new": "New conversation",
        "officials": "Example questions for government officials",
        "citizens": "Example questions for citizens",
        "feedback": "Was the last answer helpful?",
        "up": "👍 Helpful",
        "down": "👎 Not helpful",
        "comment": "Comment (optional)",
        "comment_ph": "e.g. what was missing, or which source was wrong",
        "thanks": "✅ Feedback saved, thank you",
        "nothing": "There is no answer to rate yet: ask a question first.",
        "kind_label": "Document type",
        "doc_label": "Only this document",
        "all_kinds": "All types",
        "footer": 'Official documents only · <a href="/docs" target="_blank">API for developers</a>',
    },
}

EXAMPLES: dict[str, dict[str, list[str]]] = {
    "th": {
        "officials": [
            "หน่วยงานใดรับผิดชอบโครงการ 4.9",
            "มาตรา 13 ของ พ.ร.บ. การบริหารงานและการให้บริการภาครัฐผ่านระบบดิจิทัล กำหนดอะไร",
            "แผนพัฒนารัฐบาลดิจิทัล พ.ศ. 2566–2570 มียุทธศาสตร์อะไรบ้าง",
        ],
        "citizens": [
            "ติดต่อกรมสรรพากรทางออนไลน์ได้อย่างไร",
            "ยื่นคำขออนุญาตกับหน่วยงานรัฐทางอิเล็กทรอนิกส์ได้หรือไม่",
            "ข้อมูลส่วนบุคคลของประชาชนได้รับการคุ้มครองอย่างไร",
        ],
    },
    "en": {
        "officials": [
            "Which agency is responsible for project 4.9?",
            "What does Section 13 of the Digital Government Administration and Services Act require?",
            "What are the strategies of the Digital Government Development Plan 2023–2027?",
        ],
        "citizens": [
            "How can I contact the Revenue Department online?",
            "Can I submit a permit application to a government agency electronically?",
            "How is citizens' personal data protected?",
        ],
    },
}

LANG_CHOICES = [("ไทย", "th"), ("English", "en")]
# Document kinds a question can be restricted to (the `kind` filter of AskRequest), labelled per language.
KIND_NAMES: dict[str, dict[str, str]] = {
    "th": {"plan": "แผน", "law": "กฎหมาย", "announcement": "ประกาศ", "standard": "มาตรฐาน", "letter": "หนังสือ"},
    "en": {"plan": "Plan", "law": "Laws", "announcement": "Notices", "standard": "Standards", "letter": "Letter"},
}
ALL_DOCS = "ทุกเอกสาร · All documents"


def kind_choices(lang: str) -> list[tuple[str, str]]:
    """The kind filter's options; "" means no filter."""
    return [(t(lang, "all_kinds"), ""), *((label, kind) for kind, label in KIND_NAMES[lang].items())]


def document_choices(documents: list[dict[str, Any]], kind: str | None) -> list[tuple[str, str]]:
    """The document filter's options (titles of the served index, of one kind when chosen); "" means any."""
    docs = [d for d in documents if not kind or d.get("kind") == kind]
    docs.sort(key=lambda d: (str(d.get("kind")), str(d.get("title"))))
    return [(ALL_DOCS, ""), *((str(d.get("title") or d["doc_id"])[:90], str(d["doc_id"])) for d in docs)]


def t(lang: str, key: str) -> str:
    """A UI string in the chosen language (Thai by default)."""
    return TEXT.get(lang, TEXT["th"])[key]


def history_turns(turns: list[dict[str, str]]) -> list[Turn]:
    """The recent conversation as AskRequest.history, clipped to what the schema accepts."""
    return [
        Turn(role=x["role"], content=x["content"][:MAX_TURN_CHARS])  # type: ignore[arg-type]
        for x in turns[-MAX_HISTORY_TURNS:]
        if x.get("content")
    ]


def _bot(content: str) -> dict[str, Any]:
    return {"role": "assistant", "content": content}


class ChatHandlers:
    """Event handlers bound to one process's services and feedback store."""

    def __init__(self, services: Services, store: FeedbackStore, admission: Admission | None = None) -> None:
        self.services = services
        self.store = store
        self.admission = admission  # the process's answer slots, shared with the HTTP API (None: unbounded)

    def _take_slot(
        self, chat: list[dict[str, Any]], turns: list[dict[str, str]], lang: str
    ) -> Generator[tuple[Any, ...], None, bool]:
        """Take an answer slot; while the server is saturated show "busy, retrying…" and retry with backoff.

        Returns False (after showing a friendly notice) when every attempt found the server busy.
        """
        if self.admission is None:
            return True
        busy = ServerBusy(self.admission.retry_after_s)
        for attempt in range(BUSY_ATTEMPTS):
            if self.admission.enter_blocking(BUSY_QUEUE_WAIT_S):
                chat[-1] = _bot(working_html(lang))  # shown with the next update (no yield while holding a slot)
                return True
            if attempt == BUSY_ATTEMPTS - 1:
                break
            other = "th" if lang == "en" else "en"
            chat[-1] = _bot(busy_html(friendly_message(busy, lang), friendly_message(busy, other)))
            yield chat, "", turns, gr.skip(), gr.skip(), ""
            time.sleep(retry_delay(busy, attempt) or 1.0)
        chat[-1] = _bot(error_html(message("busy_gave_up", lang), lang))
        yield chat, "", turns, gr.skip(), gr.update(interactive=True), ""
        return False

    def respond(
        self,
        question: str,
        chat: list[dict[str, Any]],
        turns: list[dict[str, str]],
        lang: str,
        kind: str | None = None,
        doc_id: str | None = None,
    ) -> Iterator[tuple[Any, ...]]:
        """Stream one answer into the chat: working state first, then text pieces, then the cited answer."""
        chat = list(chat or [])
        q = (question or "").strip()
        try:
            request = AskRequest(
                question=q, history=history_turns(turns or []), kind=kind or None, doc_id=doc_id or None
            )
        except ValidationError as exc:
            gr.Warning(friendly_message(exc, lang), duration=6, title=t(lang, "notice"))
            yield chat, question, turns, gr.skip(), gr.skip(), ""
            return
        chat += [{"role": "user", "content": user_html(q)}, _bot(working_html(lang))]
        yield chat, "", turns, gr.skip(), gr.update(interactive=False), ""
        if not (yield from self._take_slot(chat, turns, lang)):
            return
        try:
            yield from self._answer(request, q, chat, turns, lang)
        finally:
            if self.admission is not None:
                self.admission.leave()

    def _answer(
        self, request: AskRequest, q: str, chat: list[dict[str, Any]], turns: list[dict[str, str]], lang: str
    ) -> Iterator[tuple[Any, ...]]:
        text = ""
        response: AskResponse | None = None
        try:
            for item in self.services.ask.ask_stream(request):
                if isinstance(item, AskResponse):
                    response = item
                    continue
                text += item
                if text.strip():
                    chat[-1] = _bot(partial_html(text))
                    yield chat, "", turns, gr.skip(), gr.skip(), ""
            if response is None:
                raise RuntimeError("the answer stream ended without a response")
        except Exception as exc:
            chat[-1] = _bot(error_html(friendly_message(exc, lang), lang))
            yield chat, "", turns, gr.skip(), gr.update(interactive=True), ""
            return
        chat[-1] = _bot(response_html(response, lang))
        turns = [
            *(turns or []),
            {"role": "user", "content": q},
            {"role": "assistant", "content": response.answer},
        ]
        last = {"question": q, "response": response.model_dump(mode="json")}
        yield chat, "", turns, last, gr.update(interactive=True), ""

    def rate(self, rating: int, comment: str, last: dict[str, Any] | None, lang: str) -> tuple[str, str]:
        """Store 👍/👎 (+ optional comment) for the last answer; returns (status, cleared comment box)."""
        if not last:
            return t(lang, "nothing"), comment
        resp = last["response"]
        try:
            self.store.add(
                question=last["question"],
                answer=resp["answer"],
                citations=resp.get("citations", []),
                rating=rating,
                comment=comment or "",
                abstained=bool(resp.get("abstained")),
                language=str(resp.get("language", "")),
            )
        except Exception as exc:
            return friendly_message(exc, lang), comment
        return t(lang, "thanks"), ""

    def documents_update(self, kind: str | None) -> Any:
        """Document choices from the index being served (refreshed on page load and when the kind changes)."""
        return gr.update(choices=document_choices(self.services.snapshot.documents, kind), value="")

    @staticmethod
    def reset() -> tuple[Any, ...]:
        """A new conversation: empty chat, no history, nothing to rate."""
        return [], "", [], None, "", gr.update(interactive=True)

    @staticmethod
    def switch_language(lang: str) -> tuple[Any, ...]:
        """Relabel every control when the language toggle changes."""
        return (
            gr.update(value=t(lang, "header")),
            gr.update(label=t(lang, "chat_label"), placeholder=t(lang, "welcome")),
            gr.update(placeholder=t(lang, "placeholder")),
            gr.update(value=t(lang, "send")),
            gr.update(value=t(lang, "new")),
            gr.Dataset(samples=[[q] for q in EXAMPLES[lang]["officials"]], label=t(lang, "officials")),
            gr.Dataset(samples=[[q] for q in EXAMPLES[lang]["citizens"]], label=t(lang, "citizens")),
            gr.update(value=f"**{t(lang, 'feedback')}**"),
            gr.update(value=t(lang, "up")),
            gr.update(value=t(lang, "down")),
            gr.update(label=t(lang, "comment"), placeholder=t(lang, "comment_ph")),
            gr.update(value=t(lang, "footer")),
            "",
            gr.update(label=t(lang, "kind_label"), choices=kind_choices(lang)),
            gr.update(label=t(lang, "doc_label")),
        )


def build_chat(services: Services, store: FeedbackStore, admission: Admission | None = None) -> gr.Blocks:
    """Lay out the page and wire events (Thai first; the toggle switches labels to English)."""
    h = ChatHandlers(services, store, admission)
    lang0 = "th"
    concurrency = max(1, services.settings.server.max_concurrency)
    with gr.Blocks(title="ผู้ช่วยแผนพัฒนารัฐบาลดิจิทัล · dgplan", analytics_enabled=False) as demo:
        turns = gr.State([])
        last = gr.State(None)
        with gr.Row(elem_id="dg-top", equal_height=True):
            header = gr.HTML(t(lang0, "header"), elem_id="dg-header-box")
            lang = gr.Radio(
                LANG_CHOICES,
                value=lang0,
                show_label=False,
                container=False,
                elem_id="dg-lang",
                min_width=200,
                scale=0,
            )
        chatbot = gr.Chatbot(
            label=t(lang0, "chat_label"),
            show_label=False,
            elem_id="dg-chat",
            height="56vh",
            min_height=300,
            placeholder=t(lang0, "welcome"),
            feedback_options=None,
            buttons=[],
            autoscroll=True,
            line_breaks=True,
        )
        with gr.Row(elem_id="dg-ask", equal_height=True):
            question = gr.Textbox(
                placeholder=t(lang0, "placeholder"),
                show_label=False,
                container=False,
                lines=1,
                max_lines=4,
                autofocus=True,
                scale=6,
                elem_id="dg-question",
            )
            send = gr.Button(t(lang0, "send"), variant="primary", scale=1, min_width=72, elem_id="dg-send")
        with gr.Row(elem_id="dg-filters"):
            kind = gr.Dropdown(
                kind_choices(lang0), value="", label=t(lang0, "kind_label"), elem_id="dg-kind", scale=1
            )
            doc = gr.Dropdown(
                document_choices(services.snapshot.documents, None), value="", label=t(lang0, "doc_label"),
                elem_id="dg-doc", scale=3,
            )  # fmt: skip
        with gr.Row(elem_id="dg-tools"):
            new = gr.Button(t(lang0, "new"), variant="secondary", size="sm", elem_id="dg-new")
        officials = gr.Dataset(
            components=[question],
            samples=[[q] for q in EXAMPLES[lang0]["officials"]],
            label=t(lang0, "officials"),
            elem_id="dg-ex-officials",
        )
        citizens = gr.Dataset(
            components=[question],
            samples=[[q] for q in EXAMPLES[lang0]["citizens"]],
            label=t(lang0, "citizens"),
            elem_id="dg-ex-citizens",
        )
        with gr.Group(elem_id="dg-feedback"):
            fb_label = gr.Markdown(f"**{t(lang0, 'feedback')}**", elem_id="dg-fb-label")
            comment = gr.Textbox(
                label=t(lang0, "comment"),
                placeholder=t(lang0, "comment_ph"),
                lines=1,
                max_lines=3,
                elem_id="dg-comment",
            )
            with gr.Row():
                up = gr.Button(t(lang0, "up"), size="sm", elem_id="dg-up", min_width=120)
                down = gr.Button(t(lang0, "down"), size="sm", elem_id="dg-down", min_width=120)
            fb_status = gr.Markdown("", elem_id="dg-fb-status")
        footer = gr.HTML(t(lang0, "footer"), elem_id="dg-footer")

        kind.change(h.documents_update, inputs=kind, outputs=doc, queue=False)
        demo.load(h.documents_update, inputs=kind, outputs=doc, queue=False)
        answer_outputs = [chatbot, question, turns, last, send, fb_status]
        ask_kwargs: dict[str, Any] = {
            "fn": h.respond,
            "inputs": [question, chatbot, turns, lang, kind, doc],
            "outputs": answer_outputs,
            "concurrency_limit": concurrency,
            "show_progress": "hidden",
        }
        question.submit(**ask_kwargs)
        send.click(**ask_kwargs)
        for ex in (officials, citizens):
            ex.click(lambda sample: sample[0], inputs=ex, outputs=question, queue=False).then(**ask_kwargs)
        reset_outputs = [chatbot, question, turns, last, fb_status, send]
        new.click(h.reset, outputs=reset_outputs, queue=False)
        chatbot.clear(h.reset, outputs=reset_outputs, queue=False)
        up.click(lambda c, la, lg: h.rate(1, c, la, lg), [comment, last, lang], [fb_status, comment])
        down.click(lambda c, la, lg: h.rate(-1, c, la, lg), [comment, last, lang], [fb_status, comment])
        lang.change(
            h.switch_language,
            inputs=lang,
            outputs=[header, chatbot, question, send, new, officials, citizens, fb_label, up, down, comment,
                     footer, fb_status, kind, doc],
            queue=False,
        )
    return demo
