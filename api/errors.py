"""Every failure as one JSON envelope with Thai and English messages, and the statuses each route documents."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.schemas import BLANK_CLASS
from dgplan.errors import DocumentNotFound, IndexNotReady, LLMUnavailable, ProjectNotFound, ServerBusy

log = logging.getLogger(__name__)


class ErrorMessage(BaseModel):
    """The same problem said in Thai and in English, with machine-readable details when useful."""

    th: str
    en: str
    detail: Any = None


class ErrorBody(BaseModel):
    """The one error envelope of the API: ``{"error": {"th": …, "en": …, "detail": …}}``."""

    error: ErrorMessage


def error_response(
    status: int, th: str, en: str, detail: object = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        status_code=status, content={"error": {"th": th, "en": en, "detail": detail}}, headers=headers
    )


def error_bytes(th: str, en: str, detail: object = None) -> bytes:
    """The envelope as bytes, for the ASGI middlewares that answer before FastAPI runs."""
    return bytes(JSONResponse(content={"error": {"th": th, "en": en, "detail": detail}}).body)


def busy_message(retry_after_s: int) -> tuple[str, str]:
    return (
        f"ระบบมีผู้ใช้งานมาก กรุณาลองใหม่ในอีก {retry_after_s} วินาที",
        f"The server is busy; please retry in {retry_after_s} s.",
    )


def too_large_message(limit: int) -> tuple[str, str]:
    return (
        f"ข้อมูลที่ส่งมามีขนาดเกิน {limit:,} ไบต์",
        f"The request body is larger than {limit:,} bytes.",
    )


def method_message(method: str, allowed: list[str]) -> tuple[str, str]:
    return (
        f"ไม่รองรับเมธอด {method} ที่เส้นทางนี้ (ใช้ได้: {', '.join(allowed)})",
        f"Method {method} is not allowed here (allowed: {', '.join(allowed)}).",
    )


LLM_NOT_CONFIGURED = (
    "ยังไม่ได้ตั้งค่า LLM (DGPLAN_LLM__BASE_URL, DGPLAN_LLM__MODEL) ใช้โหมด extractive หรือ auto แทน",
    "No LLM is configured (DGPLAN_LLM__BASE_URL, DGPLAN_LLM__MODEL): use mode 'extractive' or 'auto'.",
)


def _field_message(err: dict) -> tuple[str, str]:
    loc = ".".join(str(x) for x in err.get("loc", []) if x != "body")
    kind = err.get("type", "")
    if kind == "json_invalid":
        return "ข้อมูล JSON ไม่ถูกต้อง", "The body is not valid JSON."
    if loc.endswith("question") or loc.endswith("query"):
        if kind == "string_too_short":
            return "กรุณาพิมพ์คำถาม (คำถามว่างเปล่า)", "The question is empty."
        if kind == "string_too_long":
            return "คำถามยาวเกิน 2,000 ตัวอักษร กรุณาย่อคำถาม", "The question is longer than 2,000 characters."
    if loc.endswith("mode"):
        return "โหมดไม่ถูกต้อง ใช้ได้: auto, extractive, llm", "Unknown mode: use auto, extractive or llm."
    if loc.endswith("top_k"):
        return "top_k ต้องเป็นจำนวนเต็มในช่วงที่กำหนด", f"top_k is out of range: {err.get('msg', '')}"
    return f"ข้อมูลที่ส่งมาไม่ถูกต้อง ({loc})", f"Invalid request field '{loc}': {err.get('msg', '')}"


_HTTP_MESSAGES: dict[int, tuple[str, str]] = {
    400: ("อ่านข้อมูลที่ส่งมาไม่ได้ (ต้องเป็น JSON แบบ UTF-8)", "The request body could not be read (UTF-8 JSON)."),
    404: ("ไม่พบเส้นทางนี้", "Not found."),
    405: ("ไม่รองรับเมธอดนี้ที่เส้นทางนี้", "Method not allowed."),
    413: too_large_message(64 * 1024),
}


def install_error_handlers(app: FastAPI) -> None:
    """Every failure becomes a clear 4xx/5xx JSON body in the one envelope, never a traceback."""

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        th, en = _field_message(errors[0]) if errors else ("คำขอไม่ถูกต้อง", "Invalid request.")
        return error_response(422, th, en, [{"loc": e.get("loc"), "msg": e.get("msg")} for e in errors])

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        th, en = _HTTP_MESSAGES.get(exc.status_code, ("คำขอไม่ถูกต้อง", str(exc.detail)))
        return error_response(exc.status_code, th, en, headers=dict(exc.headers or {}))

    @app.exception_handler(DocumentNotFound)
    async def _doc(_: Request, exc: DocumentNotFound) -> JSONResponse:
        return error_response(404, f"ไม่พบเอกสารรหัส {exc.doc_id}", f"No document with id '{exc.doc_id}'.")

    @app.exception_handler(ProjectNotFound)
    async def _project(_: Request, exc: ProjectNotFound) -> JSONResponse:
        return error_response(
            404, f"ไม่พบโครงการหมายเลข {exc.number}", f"No key project numbered '{exc.number}'."
        )

    @app.exception_handler(IndexNotReady)
    async def _not_ready(_: Request, exc: IndexNotReady) -> JSONResponse:
        return error_response(
            503,
            "ดัชนียังไม่พร้อม กรุณารัน dgplan ingest",
            "The index is not ready: run `dgplan ingest`.",
            headers={"Retry-After": "10"},
        )

    @app.exception_handler(ServerBusy)
    async def _busy(_: Request, exc: ServerBusy) -> JSONResponse:
        th, en = busy_message(exc.retry_after_s)
        return error_response(503, th, en, headers={"Retry-After": str(exc.retry_after_s)})

    @app.exception_handler(LLMUnavailable)
    async def _llm(_: Request, exc: LLMUnavailable) -> JSONResponse:
        # 409: a valid request this server cannot serve as configured (not the caller's syntax: not 400)
        return error_response(409, *LLM_NOT_CONFIGURED, detail=str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return error_response(500, "เกิดข้อผิดพลาดภายใน กรุณาลองใหม่", "Internal error, please try again.")


_ERROR_REF = {"$ref": "#/components/schemas/ErrorBody"}


def _error_doc(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ERROR_REF}}}


def _with_error_responses(schema: dict[str, Any]) -> dict[str, Any]:
    """Declare on every operation the statuses it can answer, all in the envelope (replacing FastAPI's 422)."""
    defs = ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.update(defs.pop("$defs", {}))
    components["ErrorBody"] = defs
    for operations in schema.get("paths", {}).values():
        for op in operations.values():
            responses = op.setdefault("responses", {})
            params = op.get("parameters", [])
            extra = {"500": _error_doc("Internal error."), "503": _error_doc("Busy (see Retry-After) or no index yet.")}
            if "requestBody" in op:
                extra["400"] = _error_doc("The body is not UTF-8 JSON.")
                extra["413"] = _error_doc("The body is larger than server.max_body_bytes.")
            if "requestBody" in op or params:
                extra["422"] = _error_doc("A field or parameter is missing or invalid.")
            body_ref = str(op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema"))
            if "AskRequest" in body_ref:
                extra["409"] = _error_doc("mode 'llm' was asked for but this server has no LLM configured.")
            if any(p.get("in") == "path" for p in params):
                extra["404"] = _error_doc("No such item.")
            responses.pop("422", None)  # FastAPI's HTTPValidationError: we answer the envelope instead
            for status, doc in extra.items():
                responses.setdefault(status, doc)
    for model, field_name in (("AskRequest", "question"), ("SearchRequest", "query")):
        prop = components.get(model, {}).get("properties", {}).get(field_name)
        if prop is not None:  # whitespace is stripped before the length check: say a visible character is needed
            prop.setdefault("pattern", "[^" + BLANK_CLASS[1:])  # Python's whitespace named outright (schemas.py)
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    return schema


def document_error_responses(app: FastAPI) -> None:
    """Make /openapi.json list every status and content type each operation answers."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _with_error_responses(build())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
