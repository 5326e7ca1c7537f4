"""GET /plan and GET /plan/strategies/{n}: the plan's structure, every fact with its page and passage."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Path, Request

from assistant.services import Services
from index.plan.model import PlanStructure

router = APIRouter(tags=["plan"])


def _plan(request: Request) -> PlanStructure:
    services: Services = request.app.state.services
    if services.plan is None:
        raise HTTPException(status_code=404, detail="the index holds no plan structure (no plan document ingested)")
    return services.plan


@router.get("/plan")
def get_plan(request: Request) -> dict[str, Any]:
    """Vision, objectives, goals, indicators with targets, focus areas and the strategies, with page citations."""
    return _plan(request).model_dump()


@router.get("/plan/strategies/{number}")
def get_strategy(request: Request, number: int = Path(ge=1, le=20)) -> dict[str, Any]:
    """One strategy: name, goals, indicators and targets, measures, focus areas, key projects, budget sum."""
    strategy = _plan(request).strategy(number)
    if strategy is None:
        raise HTTPException(status_code=404, detail=f"the plan has no strategy {number}")
    return strategy.model_dump()
