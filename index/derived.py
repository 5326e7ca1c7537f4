"""Artefacts derived from the repaired documents at ingest and stored with the index version."""

from __future__ import annotations

import logging
from pathlib import Path

from corpus.document import Document
from index.ingest import DerivedArtefact
from index.laws.book import build_law_artefacts
from index.laws.models import LAWS_FILE
from index.plan.build import build_plan_structure
from index.plan.model import PLAN_FILE
from index.projects.agencies import build_gazetteer, learn_aliases
from index.projects.extract import extract_projects
from index.projects.registry import ALIASES_FILE, PROJECTS_FILE, ProjectRegistry
from index.versions import write_json

log = logging.getLogger(__name__)


def build_agency_artefacts(docs: list[Document], work: Path) -> None:
    """Aliases for query expansion and the key-project registry, from one pass over the corpus's definitions."""
    texts = [d.text for d in docs]
    aliases = learn_aliases(texts)  # full name -> short forms ("… (สพร.)", "(… : DGA)")
    by_short: dict[str, set[str]] = {}
    for full, shorts in aliases.items():
        for short in shorts:
            by_short.setdefault(short, set()).add(full)
    write_json(work / ALIASES_FILE, {k: sorted(v) for k, v in sorted(by_short.items())})

    plans = [d for d in docs if d.spec.kind == "plan"]
    if not plans:
        log.info("no plan document: project registry left empty")
        ProjectRegistry([]).save(work / PROJECTS_FILE)
        return
    gazetteer = build_gazetteer(texts)
    projects = [p for plan in plans for p in extract_projects(plan, gazetteer)]
    ProjectRegistry(projects, aliases).save(work / PROJECTS_FILE)
    log.info("project registry: %d projects", len(projects))


def build_plan_artefact(docs: list[Document], work: Path) -> None:
    """The plan's structure (strategies, indicators, measures), with budget sums from the registry above."""
    build_plan_structure(docs, work / PLAN_FILE, work / PROJECTS_FILE)


# What each reads decides when an ingest rebuilds it; otherwise its files are copied from the previous version.
DERIVED_BUILDERS: list[DerivedArtefact] = [
    DerivedArtefact(build_agency_artefacts, (ALIASES_FILE, PROJECTS_FILE)),  # definitions anywhere in the corpus
    DerivedArtefact(build_plan_artefact, (PLAN_FILE,), frozenset({"plan"}), inputs=(PROJECTS_FILE,)),
    DerivedArtefact(build_law_artefacts, (LAWS_FILE,), frozenset({"law"})),
]
