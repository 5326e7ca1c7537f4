"""GET /documents, GET /documents/{doc_id} and GET /health."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from assistant.services import Services

router = APIRouter(tags=["documents"])


def _services(request: Request) -> Services:
    return request.app.state.services


@router.get("/documents")
def list_documents(request: Request) -> dict[str, Any]:
    """All indexed documents with their kind, title, source and chunk count."""
    return {"documents": _services(request).snapshot.documents}


@router.get("/documents/{doc_id}")
def get_document(doc_id: str, request: Request) -> dict[str, Any]:
    """One document's facts and its chunks (404 for an unknown id)."""
    snapshot = _services(request).snapshot
    doc = snapshot.document(doc_id)
    return {
        **doc,
        "sections": [
            {"chunk_id": c.chunk_id, "section": c.section, "page": c.page, "chars": len(c.text)}
            for c in snapshot.doc_chunks(doc_id)
        ],
    }


@router.get("/health")
def health(request: Request) -> dict[str, Any]:
    """Liveness plus what is loaded: documents, chunks, index version."""
    snapshot = _services(request).snapshot
    return {
        "status": "ok",
        "documents": len(snapshot.documents),
        "chunks": len(snapshot.chunks),
        "index_version": snapshot.version,
    }
