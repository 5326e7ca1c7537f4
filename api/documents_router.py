"""GET /documents and GET /documents/{doc_id}: what is indexed."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from api.deps import services_of

router = APIRouter(tags=["documents"])


@router.get("/documents")
def list_documents(request: Request) -> dict[str, Any]:
    """All indexed documents with their kind, title, source and chunk count."""
    return {"documents": services_of(request).snapshot.documents}


@router.get("/documents/{doc_id}")
def get_document(doc_id: str, request: Request) -> dict[str, Any]:
    """One document's facts and its chunks (404 for an unknown id)."""
    snapshot = services_of(request).snapshot
    doc = snapshot.document(doc_id)
    return {
        **doc,
        "sections": [
            {"chunk_id": c.chunk_id, "section": c.section, "page": c.page, "chars": len(c.text)}
            for c in snapshot.doc_chunks(doc_id)
        ],
    }
