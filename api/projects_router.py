"""GET /projects and GET /projects/{number}: the plan's key-project registry."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request

from api.deps import services_of

router = APIRouter(tags=["projects"])

def _public(project: Any, with_source: bool = False) -> dict[str, Any]:
    data = project.public()
    if with_source:
        data["source_text"] = project.source_text
    return data


@router.get("/projects")
def list_projects(
    request: Request,
    q: str | None = Query(default=None, max_length=200, description="Text in the project name or details."),
    agency: str | None = Query(
        default=None, max_length=200, description="Responsible agency, or an alias (สพร., DGA)."
    ),
    strategy: int | None = Query(default=None, ge=1, le=4),
) -> dict[str, Any]:
    """Key projects filtered by text, agency and strategy (matching ignores missing tone marks)."""
    found = services_of(request).registry.search(q=q, agency=agency, strategy=strategy)
    return {"projects": [_public(p) for p in found]}


@router.get("/projects/{number}")
def get_project(number: str, request: Request) -> dict[str, Any]:
    """One key project by number, e.g. 4.9 (404 when unknown)."""
    return _public(services_of(request).registry.get(number), with_source=True)
