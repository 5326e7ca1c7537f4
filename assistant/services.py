"""Build the answering services from settings once, for the app factory, the CLI and evals."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from llama_index.core.base.embeddings.base import BaseEmbedding

from assistant.ask_service import AskService
from assistant.retrieval_service import HybridRetriever
from dgplan.settings import Settings
from index.embedding_component import build_embedding
from index.snapshot import IndexSnapshot, open_snapshot

ALIASES_FILE = "aliases.json"


@dataclass
class Services:
    """Everything a request needs, loaded once per process."""

    settings: Settings
    snapshot: IndexSnapshot
    embedder: BaseEmbedding
    retriever: HybridRetriever
    ask: AskService


def load_aliases(version_dir: Path) -> dict[str, list[str]]:
    """Abbreviation -> full names learned from the corpus at ingest (empty if absent)."""
    path = version_dir / ALIASES_FILE
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: list(v) for k, v in data.items()}


def build_services(settings: Settings, mode: str = "hybrid") -> Services:
    """Open the live index and wire retrieval and answering on top of it."""
    snapshot = open_snapshot(settings)
    embedder = build_embedding(settings.embedding)
    retriever = HybridRetriever(snapshot, embedder, settings.retrieval, load_aliases(snapshot.path), mode=mode)
    return Services(
        settings=settings,
        snapshot=snapshot,
        embedder=embedder,
        retriever=retriever,
        ask=AskService(settings, retriever),
    )
