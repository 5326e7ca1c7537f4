"""Build the plan-structure artefact at ingest, beside the key-project registry it takes budgets from."""

from __future__ import annotations

import logging
from pathlib import Path

from corpus.document import Document
from index.plan.config import plan_config
from index.plan.extract import extract_plan
from index.projects.registry import ProjectRegistry

log = logging.getLogger(__name__)


def build_plan_structure(docs: list[Document], out: Path, projects_file: Path | None = None) -> None:
    """Write the structure of the corpus's plan to ``out`` (none when the corpus has no plan)."""
    plan = next((d for d in docs if d.spec.kind == "plan"), None)
    if plan is None:
        log.info("no plan document: no plan structure")
        out.unlink(missing_ok=True)
        return
    registry = ProjectRegistry.load(projects_file) if projects_file and projects_file.exists() else None
    structure = extract_plan(plan, plan_config(plan.doc_id), registry.all() if registry else ())
    structure.save(out)
    log.info(
        "plan structure: %d strategies, %d indicators, %d measures%s",
        len(structure.strategies),
        sum(len(s.indicators) for s in structure.strategies),
        sum(len(s.measures) for s in structure.strategies),
        f"; missing {sorted(structure.missing)}" if structure.missing else "",
    )
