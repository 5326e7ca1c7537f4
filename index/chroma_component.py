"""Chroma as the vector store: embedded PersistentClient by default, HttpClient when a host is configured.

Telemetry is off and no default embedding function is ever attached (it would download a model):
vectors always come from our own embedder.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dgplan.settings import ChromaSettings

COLLECTION_PREFIX = "dgplan-"
_ADD_BATCH = 500
# Cosine distance; generous ef values make the approximate search practically exact for a corpus of a few
# thousand chunks, so two builds of the same documents rank the same (defaults let near-ties flip).
HNSW_SETTINGS = {"hnsw:space": "cosine", "hnsw:construction_ef": 200, "hnsw:search_ef": 200, "hnsw:M": 32}


def _chroma() -> Any:
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    import chromadb

    return chromadb


def build_client(settings: ChromaSettings, persist_dir: Path) -> Any:
    """A Chroma client for the configured back end."""
    chromadb = _chroma()
    from chromadb.config import Settings as ChromaClientSettings

    client_settings = ChromaClientSettings(anonymized_telemetry=False)
    if settings.host:
        client = chromadb.HttpClient(
            host=settings.host, port=settings.port, ssl=settings.ssl, settings=client_settings
        )
        # chromadb's HTTP session has no timeout at all: a hung server would hang every request.
        session = getattr(getattr(client, "_server", None), "_session", None)
        if session is not None:
            import httpx

            session.timeout = httpx.Timeout(settings.timeout_s)
        return client
    persist_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(persist_dir), settings=client_settings)


def collection_name(version: str) -> str:
    return f"{COLLECTION_PREFIX}{version}"


class ChromaChunkStore:
    """One Chroma collection per index version, so a new version never touches the current one."""

    def __init__(self, client: Any, version: str) -> None:
        self._client = client
        self.name = collection_name(version)
        self._collection: Any = None

    def create(self) -> None:
        """Start the collection afresh (a leftover from a crashed run is dropped first)."""
        self.drop()
        self._collection = self._client.create_collection(
            self.name, embedding_function=None, metadata=HNSW_SETTINGS
        )

    def open(self) -> None:
        self._collection = self._client.get_collection(self.name, embedding_function=None)

    def drop(self) -> None:
        if self.name in {c.name if hasattr(c, "name") else str(c) for c in self._client.list_collections()}:
            self._client.delete_collection(self.name)

    def add(
        self,
        ids: Sequence[str],
        embeddings: Sequence[Sequence[float]],
        texts: Sequence[str],
        metadatas: Sequence[dict[str, Any]],
    ) -> None:
        """Add chunks in batches; None-valued metadata is dropped (Chroma rejects it)."""
        for i in range(0, len(ids), _ADD_BATCH):
            sl = slice(i, i + _ADD_BATCH)
            self._collection.add(
                ids=list(ids[sl]),
                embeddings=[list(e) for e in embeddings[sl]],
                documents=list(texts[sl]),
                metadatas=[{k: v for k, v in m.items() if v is not None} for m in metadatas[sl]],
            )

    def count(self) -> int:
        return int(self._collection.count())

    def query(
        self, embedding: Sequence[float], n: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """Nearest chunk ids with cosine similarity (1 - distance)."""
        res = self._collection.query(
            query_embeddings=[list(embedding)], n_results=n, where=where or None, include=["distances"]
        )
        return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0], strict=True)]


def drop_stale_collections(client: Any, keep_versions: set[str]) -> list[str]:
    """Delete dgplan collections of versions no longer kept; returns their names."""
    keep = {collection_name(v) for v in keep_versions}
    dropped = []
    for col in client.list_collections():
        name = col.name if hasattr(col, "name") else str(col)
        if name.startswith(COLLECTION_PREFIX) and name not in keep:
            client.delete_collection(name)
            dropped.append(name)
    return dropped
