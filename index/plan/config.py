"""Where one plan prints its structure, read from a data file per plan (index/plan/data/<doc_id>.yaml)."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).with_name("data")


class Years(BaseModel):
    first: int
    last: int


class Expected(BaseModel):
    """Counts the plan states, used to check the extraction (not to produce answers)."""

    strategies: int
    projects: int


class Pattern(BaseModel):
    pattern: str


class Objectives(BaseModel):
    lead: str
    item_end: str


class PlanGoals(BaseModel):
    heading: str
    goals: str
    indicators: str
    targets: str
    end: str


class Basis(BaseModel):
    law: str
    alignment: str


class Lead(BaseModel):
    lead: str


class Section(BaseModel):
    heading: str
    end: str


class ListedSection(BaseModel):
    lead: str  # the sentence announcing how many items follow, with a (?P<count>…) group
    item: str  # one item's name (a run-in list: the names stand between paragraphs explaining each)
    end: str


class StrategyPatterns(BaseModel):
    heading: str
    indicators: str
    measures: str
    focus: str  # "{n}" stands for the strategy number
    focus_item_end: str
    project_count: str


class IndicatorPatterns(BaseModel):
    year: str
    target: str
    note_ref: str
    note: str  # "{ref}" stands for the footnote number


class Appendix(BaseModel):
    columns: list[str] = Field(min_length=8, max_length=8)  # the key-project table's column heads, in print order
    projects_footer: str


class PlanConfig(BaseModel):
    """The regular expressions that locate one plan's structure; see the data file for each entry's source."""

    doc_id: str
    years: Years
    expected: Expected
    period: Pattern | None = None  # the plan's own name with its years
    basis: Basis | None = None  # what the plan is prepared under and aligned with
    vision: Pattern
    objectives: Objectives
    plan_goals: PlanGoals
    strategy_count: Pattern
    focus_areas: Lead
    monitoring: Section | None = None
    success_factors: ListedSection | None = None
    strategy: StrategyPatterns
    indicator: IndicatorPatterns
    appendix: Appendix


@lru_cache(maxsize=8)
def _all_configs() -> dict[str, PlanConfig]:
    configs = {}
    for path in sorted(DATA_DIR.glob("*.yaml")):
        config = PlanConfig.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        configs[config.doc_id] = config
    return configs


def newest_plan_config() -> PlanConfig:
    """The data file of the newest plan (the one answers are about when no document is named)."""
    return max(_all_configs().values(), key=lambda c: c.years.last)


def plan_config(doc_id: str | None = None) -> PlanConfig:
    """The data file of a plan by document id; a plan without its own file gets the newest one's patterns."""
    configs = _all_configs()
    if doc_id in configs:
        return configs[doc_id]
    newest = newest_plan_config()
    log.warning("no plan data file for %s: using the patterns of %s", doc_id, newest.doc_id)
    return newest
