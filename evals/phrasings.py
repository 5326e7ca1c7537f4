"""Registry facts asked in many phrasings: a regression set generated from the key-project registry itself.

The hand-written splits ask each project a few ways; a change that breaks one phrasing (a question that
describes the project by its objective, say) can pass them all. Filling evals/phrasings.yaml's templates with
every project's name, number, objective and output asks each registry fact many ways, scored by the same eval.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field

from dgplan.settings import Settings
from evals.question_set import EVALS_DIR, EvalQuestion
from index.projects.record import ProjectRecord

TEMPLATES_PATH = EVALS_DIR / "phrasings.yaml"
_CATEGORY = {"budget": "project_budget", "owners": "project_owner", "duration": "project_detail"}
_DESCRIPTION_CHARS = 45  # a description this long names the project's purpose without copying the whole cell
_MILLIONS_RE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*ล้านบาท")


class PhrasingTemplate(BaseModel):
    """One way of asking a registry field, with where the wording comes from."""

    field: Literal["budget", "owners", "duration"]
    language: Literal["th", "en"]
    text: str = Field(min_length=3)
    source: str = Field(min_length=3)


class _Templates(BaseModel):
    templates: list[PhrasingTemplate]


def load_templates(path: Path = TEMPLATES_PATH) -> list[PhrasingTemplate]:
    return _Templates.model_validate(yaml.safe_load(path.read_text(encoding="utf-8"))).templates


def _short(text: str) -> str:
    """The first words of a cell, cut at a space (a description, not the whole cell)."""
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= _DESCRIPTION_CHARS else text[:_DESCRIPTION_CHARS].rsplit(" ", 1)[0]


def _keys(p: ProjectRecord, field: str) -> list[str | list[str]] | None:
    """The registry's fact as answer keys, or None when the registry does not hold it."""
    if field == "budget":  # as the plan prints it ("26.8950 ล้านบาท"); a budget given only per year has no total
        m = _MILLIONS_RE.search(p.budget_text or "")
        return [m.group(1)] if m and p.budget_million_baht is not None else None
    if field == "duration":
        return [str(p.duration_months)] if p.duration_months else None
    return list(p.owners) or None


def phrasing_questions(
    projects: list[ProjectRecord], plan_doc_id: str, templates: list[PhrasingTemplate]
) -> list[EvalQuestion]:
    """Every template filled for every project whose registry holds the field (and the description it uses)."""
    out: list[EvalQuestion] = []
    for p in projects:
        objective = _short(p.objectives[0]) if p.objectives else ""
        output = _short(p.outputs[0]) if p.outputs else ""
        for n, t in enumerate(templates, 1):
            keys = _keys(p, t.field)
            if keys is None or ("{objective}" in t.text and not objective) or ("{output}" in t.text and not output):
                continue
            text = t.text.format(name=p.name_th, number=p.number, objective=objective, output=output)
            out.append(
                EvalQuestion(
                    id=f"phr-{p.number}-{n:02d}-{t.field}",
                    question=text,
                    language=t.language,
                    category=_CATEGORY[t.field],
                    doc_id=plan_doc_id,
                    evidence=p.name_th,
                    answer_keys=keys,
                    page=p.page,
                )
            )
    return out


def served_phrasings(settings: Settings, templates_path: Path = TEMPLATES_PATH) -> list[EvalQuestion]:
    """The phrasing questions of the index version being served (its registry, its plan document)."""
    from corpus.manifest import manifest_data
    from index.projects.registry import PROJECTS_FILE, ProjectRegistry
    from index.versions import VersionStore

    _, version_dir = VersionStore(settings.index_dir).require_current()
    manifest = manifest_data(settings.data_dir / "corpus" / "manifest.json", missing_ok=True)
    plan = next((str(d["id"]) for d in manifest.get("documents", []) if d.get("kind") == "plan"), None)
    if plan is None:
        return []
    projects = ProjectRegistry.load(version_dir / PROJECTS_FILE).all()
    return phrasing_questions(projects, plan, load_templates(templates_path))
