"""Artefacts derived from the repaired documents at ingest and stored with the index version."""

from __future__ import annotations

import logging
from pathlib import Path

from corpus.document import Document
from index.ingest import ExtraBuilder
from index.projects.agencies import build_gazetteer, learn_aliases
from index.projects.extract import extract_projects
from index.projects.registry import ProjectRegistry
from index.versions import write_json

log = logging.getLogger(__name__)

ALIASES_FILE = "aliases.json"
PROJECTS_FILE = "projects.json"


def build_aliases(docs: list[Document], work: Path) -> None:
    """Short form -> full names, from the corpus's own definitions ("… (สพร.)"), for query expansion."""
    by_short: dict[str, set[str]] = {}
    for full, shorts in learn_aliases([d.text for d in docs]).items():
        for short in shorts:
            by_short.setdefault(short, set()).add(full)
    write_json(work / ALIASES_FILE, {k: sorted(v) for k, v in sorted(by_short.items())})


def build_project_registry(docs: list[Document], work: Path) -> None:
    """The plan's key projects (owners, budgets, years), recognised against a corpus-built gazetteer."""
    plans = [d for d in docs if d.spec.kind == "plan"]
    if not plans:
        log.info("no plan document: project registry left empty")
        ProjectRegistry([]).save(work / PROJECTS_FILE)
        return
    gazetteer = build_gazetteer([d.text for d in docs])
    projects = [p for plan in plans for p in extract_projects(plan, gazetteer)]
    registry = ProjectRegistry(projects, learn_aliases([d.text for d in docs]))
    registry.save(work / PROJECTS_FILE)
    write_json(work / "projects.meta.json", {"plan_doc_ids": [p.doc_id for p in plans]})
    log.info("project registry: %d projects", len(projects))


DERIVED_BUILDERS: list[ExtraBuilder] = [build_aliases, build_project_registry]
