"""GET /health (liveness and the version served), GET /ready (index loaded, store reachable), GET /metrics."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from api.deps import holder_of
from api.errors import ErrorBody
from api.limits import OPS_TAG
from assistant.serving import GuardedChromaStore, engine_name

router = APIRouter(tags=[OPS_TAG])


@router.get("/health")
def health(request: Request) -> dict[str, Any]:
    """Liveness: the process answers. Also the index version served and its size (null before the first index)."""
    holder = holder_of(request)
    if not holder.ready:
        return {"status": "ok", "ready": False, "documents": 0, "chunks": 0, "index_version": None}
    services = holder.current
    snapshot = services.snapshot
    return {
        "status": "ok",
        "ready": True,
        "documents": len(snapshot.documents),
        "chunks": len(snapshot.chunks),
        "index_version": snapshot.version,
        "embedding_engine": engine_name(services.embedder),
    }


@router.get(
    "/ready",
    responses={503: {"model": ErrorBody, "description": "Not ready: no index loaded, or the vector store is down."}},
)
async def ready(request: Request) -> Any:
    """Readiness: an index version is loaded and its vector store answers (503 in the error envelope if not)."""
    holder = holder_of(request)
    if not holder.ready:
        return JSONResponse(
            status_code=503,
            content={"error": {"th": "ยังไม่มีดัชนีที่พร้อมใช้งาน", "en": "No index is loaded yet.",
                               "detail": {"index": False, "vector_store": None, "reason": holder.last_error}}},
        )  # fmt: skip
    snapshot = holder.current.snapshot
    chroma = snapshot.chroma
    ok, reason = await run_in_threadpool(chroma.reachable) if isinstance(chroma, GuardedChromaStore) else (True, None)
    if not ok:
        return JSONResponse(
            status_code=503,
            content={"error": {"th": "ติดต่อคลังเวกเตอร์ (Chroma) ไม่ได้ ระบบยังตอบได้แต่ทำงานแบบลดระดับ",
                               "en": "The vector store (Chroma) is unreachable; answers are degraded.",
                               "detail": {"index": True, "vector_store": False, "reason": reason,
                                          "index_version": snapshot.version}}},
        )  # fmt: skip
    return {"ready": True, "index": True, "vector_store": True, "index_version": snapshot.version}


@router.get(
    "/metrics",
    response_class=Response,
    responses={
        200: {"description": "Prometheus text format.", "content": {"text/plain": {"schema": {"type": "string"}}}}
    },
)
def metrics(request: Request) -> Response:
    """Prometheus metrics: requests and latency per route, answers by outcome, the index version and size."""
    m = request.app.state.metrics
    return Response(m.exposition(), media_type=m.content_type)
