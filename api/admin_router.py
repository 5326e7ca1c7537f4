"""The admin API under /admin: upload, replace, remove and sync documents; each change ends in a new index version.

Disabled unless a key is configured (DGPLAN_ADMIN__KEY or DGPLAN_ADMIN__KEY_FILE). It is its own small app
mounted at /admin, so its upload size limit (default 25 MB) replaces the public API's small body limit and
admin requests never queue behind questions. Files are checked (size, type sniffed from the content, PDF
decompression limits, safe ids) before anything changes; the change and its ingest then run as a background
job, and every action, refused ones included, is written to the audit log.
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from starlette.datastructures import UploadFile

from api.admin_jobs import JobRunner
from api.errors import error_response, install_error_handlers
from corpus import audit_log
from corpus.admin import CorpusEditor, DocumentMeta, derive_doc_id, validate_doc_id
from corpus.manifest import KINDS
from dgplan.errors import DocumentRejected
from dgplan.settings import Settings
from index.corpus_diff import diff_corpus
from index.corpus_ops import CorpusOps

router = APIRouter()
FORM_OVERHEAD = 64 * 1024  # multipart boundaries and metadata fields on top of the file itself

# reason code -> (HTTP status, Thai, English); the English detail of the refusal is sent as ``detail``.
REFUSALS: dict[str, tuple[int, str, str]] = {
    "bad_id": (422, "รหัสเอกสารไม่ถูกต้อง (ใช้ได้เฉพาะ a-z 0-9 . _ - ห้ามมี / หรือ ..)", "Invalid document id."),
    "bad_type": (415, "ไม่รองรับชนิดไฟล์นี้ (รองรับ PDF, TXT, MD, HTML)", "Unsupported file type (PDF, TXT, MD, HTML)."),
    "type_mismatch": (415, "นามสกุลไฟล์ไม่ตรงกับเนื้อหาไฟล์", "The file name's type does not match its content."),
    "bad_pdf": (422, "เปิดไฟล์ PDF ไม่ได้หรือไม่มีข้อความ", "The PDF cannot be read or has no text."),
    "too_many_pages": (413, "ไฟล์ PDF มีจำนวนหน้ามากเกินกำหนด", "The PDF has too many pages."),
    "pdf_bomb": (422, "ไฟล์ PDF ขยายขนาดเกินขีดจำกัดความปลอดภัย", "The PDF inflates past the safety limits."),
    "too_large": (413, "ไฟล์มีขนาดใหญ่เกินกำหนด", "The file is larger than the upload limit."),
    "empty": (422, "ไฟล์ว่างเปล่า", "The file is empty."),
    "bad_url": (422, "ที่อยู่ URL ไม่ถูกต้อง", "Invalid URL."),
    "download": (502, "ดาวน์โหลดเอกสารไม่สำเร็จ", "The document could not be downloaded."),
    "bad_kind": (422, f"ประเภทเอกสารไม่ถูกต้อง ใช้ได้: {', '.join(KINDS)}", "Unknown document kind."),
    "exists": (409, "มีเอกสารรหัสนี้อยู่แล้ว ใช้ PUT เพื่อแทนที่", "A document with this id exists: use PUT."),
    "not_found": (404, "ไม่พบเอกสารรหัสนี้ในคลังเอกสาร", "No document with this id in the corpus."),
    "no_file": (422, "กรุณาแนบไฟล์ในช่อง file", "Attach the document in the 'file' form field."),
    "length_required": (411, "ต้องระบุ Content-Length", "Content-Length is required."),
}


class AdminDenied(Exception):
    """No key, a wrong key, or the admin API is disabled."""

    def __init__(self, status: int) -> None:
        self.status = status


def key_id_of(key: str) -> str:
    """A name for a key that is safe to log: a short hash, never the key."""
    return "key-" + hashlib.sha256(key.encode()).hexdigest()[:10]


def _settings(request: Request) -> Settings:
    return request.app.state.settings


def _jobs(request: Request) -> JobRunner:
    return request.app.state.jobs


def _presented_key(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("x-admin-key")


def authorize(request: Request, action: str) -> str:
    """The caller's key id; 404 when the admin API is off, 401 without a key, 403 with a wrong one."""
    settings = _settings(request)
    expected = settings.admin.resolved_key()
    if not expected:
        raise AdminDenied(404)
    presented = _presented_key(request)
    client = request.client.host if request.client else None
    if not presented:
        audit_log.record(settings.data_dir, key_id="-", action=action, outcome="denied", status=401, client=client)
        raise AdminDenied(401)
    if not hmac.compare_digest(presented.encode(), expected.encode()):
        audit_log.record(
            settings.data_dir, key_id="invalid", action=action, outcome="denied", status=403, client=client
        )
        raise AdminDenied(403)
    return key_id_of(expected)


def _refuse(request: Request, key_id: str, action: str, exc: DocumentRejected, doc_id: str | None) -> None:
    audit_log.record(
        _settings(request).data_dir, key_id=key_id, action=action, outcome="refused", doc_id=doc_id,
        reason=exc.code, detail=exc.detail,
    )  # fmt: skip


async def _read_upload(request: Request, ops: CorpusOps) -> tuple[bytes, str, dict[str, str]]:
    """The uploaded file and form fields, refusing a body over the limit before reading it."""
    declared = request.headers.get("content-length")
    if declared is None or not declared.isdigit():
        raise DocumentRejected("length_required", "send the upload with a Content-Length header")
    if int(declared) > ops.max_bytes + FORM_OVERHEAD:
        raise DocumentRejected(
            "too_large", f"the upload is {int(declared) / 1e6:.1f} MB; the limit is {ops.max_bytes / 1e6:.1f} MB"
        )
    form = await request.form(max_files=1, max_fields=20)
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise DocumentRejected("no_file", "no file in the 'file' form field")
    data = await upload.read(ops.max_bytes + 1)
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    await form.close()
    return data, upload.filename or "", fields


def _meta(fields: dict[str, str], doc_id: str | None, old: dict[str, Any] | None = None) -> DocumentMeta:
    def get(name: str) -> str | None:
        value = (fields.get(name) or "").strip()
        return value or None

    old = old or {}
    return DocumentMeta(
        kind=get("kind") or str(old.get("kind") or "other"),
        title=get("title"),
        source_url=get("source_url"),
        doc_id=doc_id,
        date=get("date"),
    )


def _accepted(job_id: str, doc_id: str | None) -> JSONResponse:
    return JSONResponse(
        status_code=202, content={"job_id": job_id, "doc_id": doc_id, "status_url": f"/admin/jobs/{job_id}"}
    )


async def _upload(request: Request, doc_id: str | None, replace: bool) -> JSONResponse:
    action = "replace" if replace else "add"
    key_id = authorize(request, action)
    settings = _settings(request)
    ops = CorpusOps(settings, key_id=key_id)
    try:
        if doc_id is not None:
            validate_doc_id(doc_id)
        data, filename, fields = await _read_upload(request, ops)
        doc_id = doc_id or (fields.get("doc_id") or fields.get("id") or "").strip() or derive_doc_id(filename, data)
        validate_doc_id(doc_id)
        old = CorpusEditor(settings.resolved_corpus_dir).entry(doc_id)
        if replace and old is None:
            raise DocumentRejected("not_found", f"no document with id {doc_id!r} to replace")
        if not replace and old is not None:
            raise DocumentRejected("exists", f"a document with id {doc_id!r} already exists: replace it with PUT")
        meta = _meta(fields, doc_id, old)
        if meta.kind not in KINDS:
            raise DocumentRejected("bad_kind", f"unknown kind {meta.kind!r}")
        await run_in_threadpool(ops.check, data, filename)
    except DocumentRejected as exc:
        _refuse(request, key_id, action, exc, doc_id)
        raise
    job = _jobs(request).submit(action, doc_id, key_id, lambda o: o.add(data, filename, meta, replace=replace))
    return _accepted(job.id, doc_id)


@router.post("/documents", status_code=202)
async def add_document(request: Request) -> JSONResponse:
    """Upload a document (multipart: file, kind, title, source_url, doc_id, date); 202 with a job to follow."""
    return await _upload(request, None, replace=False)


@router.put("/documents/{doc_id}", status_code=202)
async def replace_document(doc_id: str, request: Request) -> JSONResponse:
    """Replace a document's file (and optionally metadata); only chunks whose text changed are re-embedded."""
    return await _upload(request, doc_id, replace=True)


@router.delete("/documents/{doc_id}", status_code=202)
def remove_document(doc_id: str, request: Request) -> JSONResponse:
    """Remove a document from the corpus and, once the job's ingest completes, from every index."""
    key_id = authorize(request, "remove")
    try:
        validate_doc_id(doc_id)
        if CorpusEditor(_settings(request).resolved_corpus_dir).entry(doc_id) is None:
            raise DocumentRejected("not_found", f"no document with id {doc_id!r} in the corpus")
    except DocumentRejected as exc:
        _refuse(request, key_id, "remove", exc, doc_id)
        raise
    job = _jobs(request).submit("remove", doc_id, key_id, lambda o: o.remove(doc_id))
    return _accepted(job.id, doc_id)


def _sync_source(settings: Settings) -> tuple[Path | None, Path | None]:
    """The configured mirror, else the data directory's own manifest (its official URLs)."""
    if settings.mirror is not None:
        return settings.mirror, None
    return None, settings.data_dir / "corpus" / "manifest.json"


@router.post("/sync", response_model=None)
def sync(request: Request, check: bool = False) -> JSONResponse | dict[str, Any]:
    """Sync from the configured mirror (or the official URLs); ``?check=true`` only lists the differences."""
    key_id = authorize(request, "sync-check" if check else "sync")
    settings = _settings(request)
    mirror, manifest = _sync_source(settings)
    if check:
        diff = diff_corpus(settings, mirror=mirror, manifest_path=manifest)
        audit_log.record(settings.data_dir, key_id=key_id, action="sync-check", outcome="ok",
                         differences=diff.differences)  # fmt: skip
        return diff.to_json()
    job = _jobs(request).submit("sync", None, key_id, lambda o: o.sync(mirror, manifest))
    return _accepted(job.id, None)


@router.get("/jobs/{job_id}", response_model=None)
def get_job(job_id: str, request: Request) -> JSONResponse | dict[str, Any]:
    """Progress of an admin job: its state, and when done the new index version and what was re-embedded."""
    authorize(request, "job-status")
    job = _jobs(request).get(job_id)
    if job is None:
        return error_response(404, f"ไม่พบงานรหัส {job_id}", f"No admin job with id '{job_id}'.")
    return job


def create_admin_app(settings: Settings) -> FastAPI:
    """The /admin sub-application: its own body limit, the one error envelope, one background job runner."""
    admin = FastAPI(title="dgplan admin", docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    admin.state.settings = settings
    admin.state.jobs = JobRunner(settings)
    install_error_handlers(admin)

    @admin.exception_handler(AdminDenied)
    async def _denied(_: Request, exc: AdminDenied) -> JSONResponse:
        if exc.status == 404:
            return error_response(404, "ไม่ได้เปิดใช้ API ผู้ดูแลระบบ", "The admin API is disabled (no admin key set).")
        if exc.status == 401:
            return error_response(
                401, "ต้องส่งกุญแจผู้ดูแลระบบ (Authorization: Bearer …)", "An admin key is required.",
                headers={"WWW-Authenticate": "Bearer"},
            )  # fmt: skip
        return error_response(403, "กุญแจผู้ดูแลระบบไม่ถูกต้อง", "The admin key is wrong.")

    @admin.exception_handler(DocumentRejected)
    async def _rejected(_: Request, exc: DocumentRejected) -> JSONResponse:
        status, th, en = REFUSALS.get(exc.code, (422, "เอกสารถูกปฏิเสธ", "The document was refused."))
        return error_response(status, th, en, detail={"code": exc.code, "reason": exc.detail})

    admin.include_router(router)
    return admin


def install_admin_and_viewer(app: FastAPI, settings: Settings) -> None:
    """Add the citation viewer and the /admin sub-application to the main app (one call in create_app)."""
    from api.viewer_router import router as viewer_router

    app.include_router(viewer_router)
    app.mount("/admin", create_admin_app(settings))
