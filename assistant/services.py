"""Build the answering services from settings once, for the app factory, the CLI and evals."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from llama_index.core.base.embeddings.base import BaseEmbedding

from assistant.ask_service import AskService
from assistant.law_answerer import LawAnswerer
from assistant.letter_answerer import LetterAnswerer
from assistant.notice_answerer import NOTICE_KINDS, NoticeAnswerer
from assistant.plan_answerer import PlanAnswerer
from assistant.project_answerer import ProjectAnswerer
from assistant.retrieval_service import HybridRetriever
from assistant.structured import StructuredAnswerer
from dgplan.settings import Settings
from index.embedding_component import build_embedding
from index.laws.models import LawBook, load_law_book
from index.plan.model import PlanStructure, load_plan_structure
from index.projects.registry import ALIASES_FILE, PROJECTS_FILE, ProjectRegistry
from index.snapshot import IndexSnapshot, open_snapshot


@dataclass
class Services:
    """Everything a request needs, loaded once per process."""

    settings: Settings
    snapshot: IndexSnapshot
    embedder: BaseEmbedding
    retriever: HybridRetriever
    registry: ProjectRegistry
    ask: AskService
    laws: LawBook = field(default_factory=LawBook)  # every Act's sections and facts (GET /laws)
    plan: PlanStructure | None = None  # the plan's strategies, indicators and measures (GET /plan)


def load_aliases(version_dir: Path) -> dict[str, list[str]]:
    """Abbreviation -> full names learned from the corpus at ingest (empty if absent)."""
    path = version_dir / ALIASES_FILE
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: list(v) for k, v in data.items()}


def load_registry(version_dir: Path) -> ProjectRegistry:
    path = version_dir / PROJECTS_FILE
    return ProjectRegistry.load(path) if path.exists() else ProjectRegistry([])


def build_services(settings: Settings, mode: str = "hybrid", embedder: BaseEmbedding | None = None) -> Services:
    """Open the live index and wire retrieval and answering on top of it."""
    snapshot = open_snapshot(settings)
    embedder = embedder or build_embedding(settings.embedding)  # a server passes its own, kept across versions
    registry = load_registry(snapshot.path)
    plan = next((d for d in snapshot.documents if d["kind"] == "plan"), None)
    projects = (
        ProjectAnswerer(
            registry, plan["title"], plan.get("source_url"), plan["doc_id"], snapshot.doc_chunks(plan["doc_id"])
        )
        if plan is not None and len(registry)
        else None
    )
    letters = [c for c in snapshot.chunks if c.kind == "letter"]
    # Structured answerers, tried in order before retrieval-based answers (see assistant/structured.py).
    structured: list[StructuredAnswerer] = [
        LetterAnswerer(letters),
        NoticeAnswerer(
            [c for c in snapshot.chunks if c.kind in NOTICE_KINDS],
            {d["doc_id"]: d["title"] for d in snapshot.documents},
        ),
    ]
    if projects is not None:
        structured.append(projects)
    plan_structure = load_plan_structure(snapshot.path)
    if plan_structure is not None and plan_structure.strategies:  # a plan whose structure was read
        names = projects.project_numbers if projects is not None else None
        structured.append(PlanAnswerer(plan_structure, names, snapshot.doc_chunks(plan_structure.doc_id), letters))
    laws = load_law_book(snapshot.path)
    if laws.acts:
        structured.append(LawAnswerer(laws))
    retriever = HybridRetriever(
        snapshot,
        embedder,
        settings.retrieval,
        load_aliases(snapshot.path),
        mode=mode,
        project_hint=projects.project_numbers if projects is not None else None,
    )
    return Services(
        settings=settings,
        snapshot=snapshot,
        embedder=embedder,
        retriever=retriever,
        registry=registry,
        ask=AskService(settings, retriever, structured),
        laws=laws,
        plan=plan_structure,
    )
