"""Build the answering services from settings once, for the app factory, the CLI and evals."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from llama_index.core.base.embeddings.base import BaseEmbedding

from assistant.ask_service import AskService
from assistant.project_answerer import ProjectAnswerer
from assistant.retrieval_service import HybridRetriever
from dgplan.settings import Settings
from index.derived import ALIASES_FILE, PROJECTS_FILE
from index.embedding_component import build_embedding
from index.projects.registry import ProjectRegistry
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


def build_services(settings: Settings, mode: str = "hybrid") -> Services:
    """Open the live index and wire retrieval and answering on top of it."""
    snapshot = open_snapshot(settings)
    embedder = build_embedding(settings.embedding)
    registry = load_registry(snapshot.path)
    plan = next((d for d in snapshot.documents if d["kind"] == "plan"), None)
    projects = (
        ProjectAnswerer(registry, plan["title"], plan.get("source_url"), plan["doc_id"])
        if plan is not None and len(registry)
        else None
    )
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
        ask=AskService(settings, retriever, projects),
    )
