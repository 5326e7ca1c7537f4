"""GET /laws and GET /laws/{doc_id}/sections/{n}: the Acts' structure extracted at ingest."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request

from api.deps import services_of
from corpus.thai_text import compact_key
from dgplan.errors import DocumentNotFound
from index.laws.models import ActRecord

router = APIRouter(tags=["laws"])


def _act(request: Request, doc_id: str) -> ActRecord:
    act = next((a for a in services_of(request).laws.acts if a.doc_id == doc_id), None)
    if act is None:
        raise DocumentNotFound(doc_id)
    return act


@router.get("/laws")
def list_laws(request: Request) -> dict[str, Any]:
    """Every Act with its section count and how many facts were extracted from it."""
    out = []
    for a in services_of(request).laws.acts:
        out.append(
            {
                "doc_id": a.doc_id,
                "title": a.title,
                "source_url": a.source_url,
                "sections": len(a.sections),
                "definitions": sum(len(s.definitions) for s in a.sections),
                "committees": sum(len(s.committees) for s in a.sections),
                "deadlines": sum(len(s.deadlines) for s in a.sections),
                "penalties": sum(len(s.penalties) for s in a.sections),
            }
        )
    return {"laws": out}


@router.get("/laws/{doc_id}/sections/{number:path}")
def get_section(doc_id: str, number: str, request: Request) -> dict[str, Any]:
    """One section ("13", "26/1", Thai digits accepted): its text, extracted facts and citation (404 if absent)."""
    act = _act(request, doc_id)
    wanted = compact_key(number).removeprefix("มาตรา")
    section = next((s for s in act.sections if compact_key(s.number) == wanted), None)
    if section is None:
        raise HTTPException(status_code=404, detail=f"{act.title} has no section {number}")
    return {
        **section.model_dump(),
        "citation": {"doc_id": act.doc_id, "title": act.title, "section": section.label, "source_url": act.source_url},
    }
