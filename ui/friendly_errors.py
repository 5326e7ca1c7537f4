"""Turn exceptions into short Thai/English sentences for the chat UI, so users never see a traceback."""

from __future__ import annotations

import logging

from pydantic import ValidationError

from assistant.schemas import MAX_QUESTION_CHARS
from dgplan.errors import IndexNotReady, LLMUnavailable, QuestionInvalid, ServerBusy

log = logging.getLogger(__name__)

_MESSAGES: dict[str, tuple[str, str]] = {
    "empty": ("กรุณาพิมพ์คำถามก่อนกดส่ง", "Please type a question first."),
    "too_long": (
        f"คำถามยาวเกิน {MAX_QUESTION_CHARS:,} ตัวอักษร กรุณาย่อคำถามให้สั้นลง",
        f"The question is longer than {MAX_QUESTION_CHARS:,} characters; please shorten it.",
    ),
    "invalid": ("คำถามไม่ถูกต้อง กรุณาลองพิมพ์ใหม่", "The question is not valid; please rephrase it."),
    "not_ready": (
        "ระบบยังไม่พร้อม (ยังไม่ได้สร้างดัชนีเอกสาร) กรุณาแจ้งผู้ดูแลให้รัน dgplan ingest",
        "The assistant is not ready yet (no document index): ask the administrator to run `dgplan ingest`.",
    ),
    "llm": (
        "บริการสรุปคำตอบไม่ตอบสนอง กรุณาลองใหม่อีกครั้ง",
        "The answer-writing service did not respond; please try again.",
    ),
    "busy": (
        "ขณะนี้มีผู้ใช้งานจำนวนมาก ระบบกำลังลองส่งคำถามของคุณใหม่อีกครั้งโดยอัตโนมัติ…",
        "The assistant is busy right now; retrying your question automatically…",
    ),
    "busy_gave_up": (
        "ขณะนี้ระบบยังมีผู้ใช้งานจำนวนมาก กรุณาส่งคำถามอีกครั้งในอีกสักครู่",
        "The assistant is still busy; please send your question again in a moment.",
    ),
    "unexpected": ("เกิดข้อผิดพลาดภายใน กรุณาลองใหม่อีกครั้ง", "Something went wrong; please try again."),
}


def error_kind(exc: BaseException) -> str:
    """Classify an exception into one of the message keys."""
    if isinstance(exc, ValidationError):
        for err in exc.errors():
            loc = ".".join(str(x) for x in err.get("loc", ()))
            kind = err.get("type", "")
            if loc in ("question", "") or loc.endswith("question"):
                if kind in ("string_too_short", "missing"):
                    return "empty"
                if kind == "string_too_long":
                    return "too_long"
        return "invalid"
    if isinstance(exc, QuestionInvalid):
        return "invalid"
    if isinstance(exc, IndexNotReady):
        return "not_ready"
    if isinstance(exc, LLMUnavailable):
        return "llm"
    if isinstance(exc, ServerBusy) or getattr(getattr(exc, "response", None), "status_code", None) == 503:
        return "busy"  # our own limit, or a 503 from the HTTP API
    return "unexpected"


def friendly_message(exc: BaseException, lang: str = "th") -> str:
    """The sentence to show for ``exc`` in ``lang``; unexpected errors are logged with their traceback."""
    kind = error_kind(exc)
    if kind == "unexpected":
        log.exception("unexpected error in the chat UI", exc_info=exc)
    th, en = _MESSAGES[kind]
    return en if lang == "en" else th


def message(kind: str, lang: str = "th") -> str:
    """One of the messages by key (e.g. ``busy_gave_up``), in ``lang``."""
    th, en = _MESSAGES[kind]
    return en if lang == "en" else th


def retry_delay(exc: BaseException, attempt: int, cap_s: float = 8.0) -> float | None:
    """Seconds to wait before retrying after ``exc`` (the server's Retry-After, then doubling), or None."""
    if error_kind(exc) != "busy":
        return None
    hinted = getattr(exc, "retry_after_s", None)
    if hinted is None:
        header = getattr(getattr(exc, "response", None), "headers", {}).get("retry-after", "")
        hinted = float(header) if str(header).replace(".", "", 1).isdigit() else 1.0
    return min(cap_s, float(hinted) * (2 ** max(0, attempt)))
