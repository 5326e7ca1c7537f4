"""Translate domain and validation errors to HTTP responses with Thai and English messages."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from dgplan.errors import DocumentNotFound, IndexNotReady, LLMUnavailable, ProjectNotFound

log = logging.getLogger(__name__)


def _body(status: int, th: str, en: str, detail: object = None) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": {"th": th, "en": en, "detail": detail}})


def _field_message(err: dict) -> tuple[str, str]:
    loc = ".".join(str(x) for x in err.get("loc", []) if x != "body")
    kind = err.get("type", "")
    if loc.endswith("question") or loc.endswith("query"):
        if kind == "string_too_short":
            return "กรุณาพิมพ์คำถาม (คำถามว่างเปล่า)", "The question is empty."
        if kind == "string_too_long":
            return "คำถามยาวเกิน 2,000 ตัวอักษร กรุณาย่อคำถาม", "The question is longer than 2,000 characters."
    if loc.endswith("mode"):
        return "โหมดไม่ถูกต้อง ใช้ได้: auto, extractive, llm", "Unknown mode: use auto, extractive or llm."
    if loc.endswith("top_k"):
        return "top_k ต้องเป็นจำนวนเต็ม 1–20", "top_k must be an integer from 1 to 20."
    return f"ข้อมูลที่ส่งมาไม่ถูกต้อง ({loc})", f"Invalid request field '{loc}': {err.get('msg', '')}"


def install_error_handlers(app: FastAPI) -> None:
    """Every failure becomes a clear 4xx/5xx JSON body, never a traceback."""

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        th, en = _field_message(errors[0]) if errors else ("คำขอไม่ถูกต้อง", "Invalid request.")
        return _body(422, th, en, [{"loc": e.get("loc"), "msg": e.get("msg")} for e in errors])

    @app.exception_handler(DocumentNotFound)
    async def _doc(_: Request, exc: DocumentNotFound) -> JSONResponse:
        return _body(404, f"ไม่พบเอกสารรหัส {exc.doc_id}", f"No document with id '{exc.doc_id}'.")

    @app.exception_handler(ProjectNotFound)
    async def _project(_: Request, exc: ProjectNotFound) -> JSONResponse:
        return _body(404, f"ไม่พบโครงการหมายเลข {exc.number}", f"No key project numbered '{exc.number}'.")

    @app.exception_handler(IndexNotReady)
    async def _not_ready(_: Request, exc: IndexNotReady) -> JSONResponse:
        return _body(503, "ดัชนียังไม่พร้อม กรุณารัน dgplan ingest", "The index is not ready: run `dgplan ingest`.")

    @app.exception_handler(LLMUnavailable)
    async def _llm(_: Request, exc: LLMUnavailable) -> JSONResponse:
        return _body(
            400,
            "ยังไม่ได้ตั้งค่า LLM (DGPLAN_LLM__BASE_URL, DGPLAN_LLM__MODEL) ใช้โหมด extractive หรือ auto แทน",
            f"{exc} (use mode 'extractive' or 'auto')",
        )

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return _body(500, "เกิดข้อผิดพลาดภายใน กรุณาลองใหม่", "Internal error, please try again.")
