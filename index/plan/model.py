"""The plan's structure as data: every fact keeps the page and the exact span of plan text it was read from."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, Field

FORMAT_VERSION = 1
PLAN_FILE = "plan.json"  # the plan structure, beside the chunks in an index version


class Fact(BaseModel):
    """A piece of plan text: ``text`` is exactly ``plan.text[start:end]``, printed on ``page``."""

    text: str
    page: int | None
    start: int
    end: int


class Item(BaseModel):
    """A numbered or bulleted entry of a list (goal, objective, measure step, focus area)."""

    number: str
    text: str
    fact: Fact


class Indicator(BaseModel):
    """An indicator with its target: "ภายในปี 2570 <what> คิดเป็นร้อยละ 100"."""

    number: str
    year: int | None  # the year the target is due ("ภายในปี 2570")
    what: str  # the indicator without year and target
    target: str | None  # "คิดเป็นร้อยละ 100", "ไม่ต่ำกว่าอันดับที่ 40 ของโลก"
    value: float | None  # the target's number (100, 40)
    fact: Fact
    note: Fact | None = None  # footnote the indicator refers to ("20 ด้านสำคัญ ได้แก่ …")


class Measure(BaseModel):
    """A measure (มาตรการ) of a strategy: its heading text and numbered steps (1.1), 1.2) …)."""

    number: int
    title: str  # the opening words (the summary's bullet when it has one), a span of ``fact``
    fact: Fact  # the measure's own paragraph, up to its first step
    steps: list[Item] = Field(default_factory=list)


class BudgetSum(BaseModel):
    """Sum of the appendix-4 project budgets of one strategy; computed here, not printed in the plan."""

    label: str = "sum computed from the key-project budgets of appendix 4 (not a figure printed in the plan)"
    million_baht: float
    counted: list[str]  # project numbers with a budget in million baht
    not_counted: dict[str, str]  # project number -> why it has no amount ("ใช้งบประมาณปกติ", "-")
    amounts: dict[str, float] = Field(default_factory=dict)  # project number -> its budget in million baht
    facts: dict[str, Fact] = Field(default_factory=dict)  # project number -> where its budget is printed


class Strategy(BaseModel):
    """One strategy (ยุทธศาสตร์ที่ N) of the plan."""

    number: int
    name: str
    heading: Fact  # "ยุทธศาสตร์ที่ 1 : <name>"
    summary: Fact | None = None  # the heading through the last goal, for quoting what the strategy aims at
    goals: list[Item] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    focus_areas: list[Item] = Field(default_factory=list)
    focus_lead: Fact | None = None  # the sentence introducing the focus areas
    project_count: int | None = None  # as printed ("มีโครงการสำคัญ จำนวน 14 โครงการ")
    project_count_fact: Fact | None = None
    projects: list[str] = Field(default_factory=list)  # key-project numbers found in appendix 4
    budget: BudgetSum | None = None


class PlanStructure(BaseModel):
    """The whole plan: vision, objectives, plan-level goals and indicators, focus areas and strategies."""

    format: int = FORMAT_VERSION
    doc_id: str
    title: str
    source_url: str | None = None
    first_year: int
    last_year: int
    period: Fact | None = None  # where the plan names itself with its years ("… พ.ศ. 2566 - 2570")
    legal_basis: Fact | None = None  # the law and section the plan is prepared under
    alignment: Fact | None = None  # the earlier plans it reviews and the national plans it is aligned with
    vision: Fact | None = None
    objectives: list[Item] = Field(default_factory=list)
    objectives_lead: Fact | None = None
    goals: list[Item] = Field(default_factory=list)
    indicators: list[Item] = Field(default_factory=list)  # plan-level indicators (names only)
    targets: list[Indicator] = Field(default_factory=list)  # plan-level targets ("ภายในปี 2570 …")
    focus_areas: list[Item] = Field(default_factory=list)
    focus_lead: Fact | None = None
    monitoring: list[Item] = Field(default_factory=list)  # how the plan is followed up (who, when)
    monitoring_lead: Fact | None = None
    success_factors: list[Item] = Field(default_factory=list)  # what the plan's success depends on (People …)
    success_lead: Fact | None = None  # the sentence announcing them, with their count
    strategy_count: int | None = None  # as printed
    strategy_count_facts: list[Fact] = Field(default_factory=list)
    strategies: list[Strategy] = Field(default_factory=list)
    project_count: int | None = None  # key projects found in appendix 4
    missing: dict[str, str] = Field(default_factory=dict)  # what could not be extracted, and why

    def strategy(self, number: int) -> Strategy | None:
        """One strategy by number, or None."""
        return next((s for s in self.strategies if s.number == number), None)

    def save(self, path: Path) -> None:
        """Write as JSON next to the other index artefacts."""
        Path(path).write_text(json.dumps(self.model_dump(), ensure_ascii=False, indent=1), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> PlanStructure:
        """Read a structure written by :meth:`save`."""
        return cls.model_validate_json(Path(path).read_text(encoding="utf-8"))


def load_plan_structure(version_dir: Path) -> PlanStructure | None:
    """The structure stored with an index version, or None when it has none."""
    path = version_dir / PLAN_FILE
    return PlanStructure.load(path) if path.exists() else None
